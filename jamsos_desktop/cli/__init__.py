"""The `jamsos` command line, over the services."""
