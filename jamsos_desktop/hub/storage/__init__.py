"""The hub's storage: its schema, its migrations, opening a URL, and every SQL statement the hub runs."""
