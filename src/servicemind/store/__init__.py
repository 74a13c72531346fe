"""Storage: analysed conversations (SQLite by default) and practice progress."""

from servicemind.store.results import ResultStore

__all__ = ["ResultStore"]
