"""The hub's storage: its schema, its migrations, opening a URL, and every SQL statement the hub runs.

The tables of later migrations live in modules of their own and join ``models.metadata`` here:
``outcome_models`` (h0002), ``audit_heads`` (h0003).
"""

from . import audit_heads, outcome_models  # noqa: F401
