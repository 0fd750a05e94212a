"""Services: read the journal and the library, apply the coaching rules, return plain data."""
