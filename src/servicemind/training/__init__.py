"""Reproducible training of the shipped models (needs the ``train`` extra: scikit-learn).

Nothing here is imported at analysis time.
"""
