"""Storage: analysed conversations (SQLite by default) and practice progress."""

from servicemind.store.results import ResultStore, Stored

__all__ = ["ResultStore", "Stored"]
