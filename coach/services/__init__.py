"""Services: read the journal and the library, apply the coaching rules, return plain data.

The CLI, the app and the report show what these functions return, so a rule, a threshold or a
status word lives in one place. Free of any UI: nothing here imports Textual or Rich.
"""
