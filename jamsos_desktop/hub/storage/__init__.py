"""The hub's storage: its schema, its migrations, opening a URL, and every SQL statement the hub runs."""

from . import outcome_models  # noqa: F401  (the h0002 tables join models.metadata)
