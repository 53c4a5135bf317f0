"""Sync files: format, export, import and crypto (Qt-free, shared with the district hub)."""
