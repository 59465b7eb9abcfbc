"""The write side: read digest files and load them into DuckDB."""
