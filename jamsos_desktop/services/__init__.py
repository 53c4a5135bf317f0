"""Use cases: one function each, the only code that writes. They return plain data."""
