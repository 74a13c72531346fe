"""Reading analysis results: the JSONL that ``servicemind analyze`` writes.

One reader for every room that consumes results (report, practice scenarios), so a bad line
gets the same located error everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from servicemind.errors import InputError, RecordError

__all__ = ["iter_results", "iter_results_with_lines"]


def iter_results_with_lines(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, analysed conversation)``, streaming; blank lines are skipped.

    A line that is not JSON, or not an analysed conversation, raises :class:`RecordError`
    naming the file and line.
    """
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot open results file {p}: {exc.strerror}", hint="check the path"
        ) from exc
    with fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise RecordError(f"invalid JSON ({exc.msg})", file=str(p), line=n) from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("turns"), list):
                raise RecordError(
                    "not an analysed conversation",
                    file=str(p),
                    line=n,
                    field="turns",
                    hint="give the output of `servicemind analyze`",
                )
            yield n, obj


def iter_results(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield every analysed conversation of ``path`` (see :func:`iter_results_with_lines`)."""
    for _n, obj in iter_results_with_lines(path):
        yield obj
