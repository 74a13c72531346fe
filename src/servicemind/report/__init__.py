"""Reports: aggregates, self-contained HTML, plots."""
