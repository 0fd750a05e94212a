"""Data shipped inside the package (the education cards), and the code that reads it."""
