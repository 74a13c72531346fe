"""Trained artefacts (package data) with their model cards, and their loading."""
