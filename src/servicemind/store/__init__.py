"""Storage: local databases that keep what servicemind learns about people over time."""
