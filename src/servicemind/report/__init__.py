"""Reports: aggregates, self-contained HTML, plots.

``build_report(results)`` renders analysed conversations (output-contract objects) into one
self-contained HTML page; ``write_report(path_in, path_out)`` does it from a JSONL file.
To build a report while results stream elsewhere (``analyze --report``), feed a
:class:`ReportAggregator` with ``add`` and call ``render(aggregator)`` at the end.
"""

from servicemind.report.aggregate import ReportAggregator
from servicemind.report.render import build_report, iter_results, render, write_report

__all__ = ["ReportAggregator", "build_report", "iter_results", "render", "write_report"]
