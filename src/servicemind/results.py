"""Reading analysis results: the JSONL that ``servicemind analyze`` writes.

One reader for every room that consumes results (report, practice scenarios), so a bad line
gets the same located error everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from servicemind.errors import InputError, RecordError

__all__ = ["LatestResults", "RecordHandler", "iter_results", "iter_results_with_lines"]

#: The first bytes of every SQLite database file.
_SQLITE = b"SQLite format 3\x00"


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
        with p.open("rb") as probe:
            head = probe.read(len(_SQLITE))
        fh = p.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot open results file {p}: {exc.strerror}", hint="check the path"
        ) from exc
    if head == _SQLITE:
        fh.close()
        yield from _stored(p)
        return
    first = True
    with fh:
        for n, raw in _lines(fh, p):
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


def _lines(fh: Any, p: Path) -> Iterator[tuple[int, str]]:
    """The numbered lines of a results file; bytes that are not UTF-8 stop with one
    :class:`InputError` naming the file and line (results are always UTF-8)."""
    n = 0
    try:
        for n, raw in enumerate(fh, start=1):
            yield n, raw
    except UnicodeDecodeError:
        raise InputError(
            f"{p}:{n + 1}: not a results file: the bytes are not UTF-8 text",
            hint="give the JSONL that `servicemind analyze -o` writes, or its --db store",
        ) from None


def _stored(p: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The conversations of a ``--db`` store, numbered 1.. in id order."""
    from servicemind.store import ResultStore

    with ResultStore(p) as store:
        yield from enumerate(store.iter_results(), start=1)


class LatestResults:
    """The analysed conversations of several results files (JSONL, or a ``--db`` store),
    each conversation id once: where an id is in several places the later one wins (the
    later file, or the later line of one file), as a ``--db`` store keeps the latest.

    Two passes over the files: the first notes where each id is last (memory: one entry
    per distinct id), the second yields those. After iterating, ``duplicates`` says how
    many were dropped.
    """

    def __init__(self, paths: Sequence[str | Path], on_error: RecordHandler | None = None):
        self.paths = [Path(p) for p in paths]
        self.on_error = on_error
        self.duplicates = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        last: dict[str, tuple[int, int]] = {}
        seen = 0
        for i, p in enumerate(self.paths):
            for n, obj in iter_results_with_lines(p, _ignore):
                last[str(obj.get("id"))] = (i, n)
                seen += 1
        self.duplicates = seen - len(last)
        for i, p in enumerate(self.paths):
            for n, obj in iter_results_with_lines(p, self.on_error):
                if last.get(str(obj.get("id"))) == (i, n):
                    yield obj


def _ignore(err: RecordError) -> None:
    """The first pass's error handler: the second pass reports each bad line once."""


def iter_results(
    path: str | Path, on_error: RecordHandler | None = None
) -> Iterator[dict[str, Any]]:
    """Yield every analysed conversation of ``path`` (see :func:`iter_results_with_lines`)."""
    for _n, obj in iter_results_with_lines(path, on_error):
        yield obj
