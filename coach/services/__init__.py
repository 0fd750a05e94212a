"""Read the journal and library, apply the coaching rules, return plain data for every front end."""
