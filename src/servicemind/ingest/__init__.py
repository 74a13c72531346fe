"""Ingest: one module per input format, each yielding Conversation objects."""
