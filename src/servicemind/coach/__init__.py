"""Coaching: scores and evidence turned into feedback, rewrites and practice."""
