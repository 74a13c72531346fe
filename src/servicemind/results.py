"""Reading analysis results: the JSONL that ``servicemind analyze`` writes.

One reader for every room that consumes results (report, practice scenarios), so a bad line
gets the same located error everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from servicemind.errors import InputError, RecordError

__all__ = ["RecordHandler", "iter_results", "iter_results_with_lines"]


RecordHandler = Callable[[RecordError], None]


def _check(obj: Any, file: str, line: int) -> dict[str, Any]:
    """``obj`` when it is an analysed conversation, else a :class:`RecordError` saying why.

    Analyse output has ``turns`` and the ``summary`` and ``servicemind`` blocks; an input
    file (it has ``turns`` but no ``summary``) is named as such, so ``report`` on the
    conversations themselves says to run ``analyze`` first instead of drawing an empty
    report."""
    if not isinstance(obj, dict) or not isinstance(obj.get("turns"), list):
        raise RecordError(
            "not an analysed conversation",
            file=file,
            line=line,
            field="turns",
            hint="give the output of `servicemind analyze`",
        )
    for key in ("summary", "servicemind"):
        if not isinstance(obj.get(key), dict):
            raise RecordError(
                f"not analyse output: no '{key}' block (a conversation not yet analysed?)",
                file=file,
                line=line,
                field=key,
                hint="run `servicemind analyze FILE -o results.jsonl` first and give its output",
            )
    return obj


def iter_results_with_lines(
    path: str | Path, on_error: RecordHandler | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line number, analysed conversation)``, streaming; blank lines are skipped.

    A line that is not JSON, or not an analysed conversation, raises :class:`RecordError`
    naming the file and line. With ``on_error``, a bad line after the first goes there and
    is skipped; the first non-blank line still raises (a file that is not analyse output at
    all is one error, found at once, not a skip per line).
    """
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot open results file {p}: {exc.strerror}", hint="check the path"
        ) from exc
    first = True
    with fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                try:
                    obj = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise RecordError(f"invalid JSON ({exc.msg})", file=str(p), line=n) from exc
                result = _check(obj, str(p), n)
            except RecordError as err:
                if on_error is None or first:
                    raise
                on_error(err)
                continue
            first = False
            yield n, result


def iter_results(
    path: str | Path, on_error: RecordHandler | None = None
) -> Iterator[dict[str, Any]]:
    """Yield every analysed conversation of ``path`` (see :func:`iter_results_with_lines`)."""
    for _n, obj in iter_results_with_lines(path, on_error):
        yield obj
