"""The one session flow for every front end (no Textual, no SQL of its own).

``session_flow(ctx, request)`` is a generator of questions; see ``coach.flow.questions`` for
the protocol, ``coach.flow.driver`` for running it synchronously (plain runner, tests).
"""
