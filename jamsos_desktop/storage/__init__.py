"""SQLite (or, at the district, PostgreSQL) storage: engine, models, migrations, queries."""
