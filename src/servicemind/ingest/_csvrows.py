"""CSV/TSV rows with their line numbers and raw text, and grouping rows over two passes.

Rows are read one at a time from the text stream (``\\r\\n``, ``\\r`` and ``\\n`` all end a
line; quoted fields may hold newlines). Grouping rows into conversations does not need the
rows of a conversation to be next to each other: a first pass counts the rows of every
group (memory: one small counter per group), the second pass holds the rows of the groups
that are still open and yields a group as soon as its last row has been read. For files
whose conversations are contiguous (the usual export) that is one conversation at a time.
The file is opened once for both passes (:class:`CsvFile`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from servicemind.errors import ConfigError, InputError, RecordError
from servicemind.ingest._records import Reject, check_utf8, open_text

__all__ = [
    "MAX_FIELD_CHARS",
    "CsvFile",
    "Groups",
    "Row",
    "iter_rows",
    "sniff_delimiter",
    "unique_names",
]

# Largest CSV field: Python's default (131,072) is too small for a long turn plus quoting;
# 64 Mi characters matches the JSON record limit (see _jsonstream.MAX_RECORD_CHARS).
MAX_FIELD_CHARS = 64 << 20

T = TypeVar("T")


@dataclass(slots=True)
class Row:
    """One data row: 1-based line where it starts, values by header name, raw text."""

    line: int
    values: dict[str, str]
    raw: str


class _Tap:
    """Iterates lines for :mod:`csv` and remembers the ones the current record used."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.taken: list[str] = []

    def __iter__(self) -> _Tap:
        return self

    def __next__(self) -> str:
        line = next(self.fh)
        self.taken.append(line)
        return line

    def take(self) -> str:
        raw = "".join(self.taken)
        self.taken.clear()
        return raw


def sniff_delimiter(first_line: str, suffix: str) -> str:
    """Tab for ``.tsv`` files; else whichever of comma, tab and semicolon (Excel's CSV in
    locales with a decimal comma) the header holds most of, comma on a tie."""
    if suffix.lower() == ".tsv":
        return "\t"
    return max((",", "\t", ";"), key=first_line.count)


def _delimiter(fh: IO[str], delimiter: Any, path: Path) -> str:
    first = fh.readline()
    fh.seek(0)
    delim = delimiter or sniff_delimiter(first, path.suffix)
    if not isinstance(delim, str) or len(delim) != 1:
        raise ConfigError(f"the delimiter must be one character, got {delim!r}")
    return delim


class CsvFile:
    """A CSV/TSV file opened once (for a file given by path, one ``open``): its
    :attr:`header` (column names stripped, repeats renamed, see :func:`unique_names`) and
    its data rows, as many passes as asked (each pass after the first seeks back to the
    start). Close it with :meth:`close` (``with contextlib.closing(CsvFile(...))``)."""

    def __init__(self, path: Path, delimiter: Any) -> None:
        self.file = str(path)
        self._rows: Iterator[Row | Reject] | None = None
        self._fh = open_text(path)
        try:
            self.delimiter = _delimiter(self._fh, delimiter, path)
            self.header, rows = iter_rows(self._fh, self.file, self.delimiter)
            self._rows = rows
        except BaseException:
            self._fh.close()
            raise

    def require(self, required: list[str], hint: str) -> None:
        """Stop with an :class:`InputError` naming the ``required`` columns not in it."""
        missing = [c for c in required if c not in self.header]
        if missing:
            raise InputError(
                f"{self.file}:1: missing column(s) {', '.join(missing)}; the header has: "
                f"{', '.join(self.header)}",
                hint=hint,
            )

    def rows(self) -> Iterator[Row | Reject]:
        """A pass over the data rows (malformed ones come as Rejects)."""
        if self._rows is None:
            self._fh.seek(0)
            _, self._rows = iter_rows(self._fh, self.file, self.delimiter)
        rows, self._rows = self._rows, None
        return rows

    def close(self) -> None:
        self._fh.close()


def unique_names(header: list[str]) -> list[str]:
    """The header with a repeated name's later copies renamed ``name (2)``, ``name (3)``,
    so that no column's values are lost in a row's ``{name: value}``."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def iter_rows(fh: IO[str], file: str, delimiter: str) -> tuple[list[str], Iterator[Row | Reject]]:
    """The header and an iterator over the data rows (malformed rows come as Rejects)."""
    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)
    tap = _Tap(fh)
    reader = csv.reader(tap, delimiter=delimiter)
    try:
        header = unique_names([h.strip() for h in next(reader)])
    except StopIteration:
        raise InputError(f"{file}: the file is empty", hint="a header row is needed") from None
    except csv.Error as exc:
        raise InputError(f"{file}:1: cannot read the header: {exc}") from None
    tap.take()
    return header, _rows(reader, tap, header, file)


def _rows(
    reader: Iterator[list[str]], tap: _Tap, header: list[str], file: str
) -> Iterator[Row | Reject]:
    line = 2  # the header took line 1 (a multi-line header is not supported)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raw = tap.take()
            yield Reject(RecordError(f"malformed CSV: {exc}", file=file, line=line), raw)
            line += raw.count("\n") or 1
            continue
        raw = tap.take()
        start = line
        line += raw.count("\n") if raw.endswith("\n") else raw.count("\n") + 1
        if not values or (len(values) == 1 and not values[0].strip()):
            continue  # blank line
        try:
            check_utf8(raw, file=file, line=start)
        except RecordError as err:
            yield Reject(err, raw)
            continue
        if len(values) != len(header):
            yield Reject(
                RecordError(
                    f"expected {len(header)} columns, got {len(values)}",
                    file=file,
                    line=start,
                    hint="quote fields that contain the delimiter",
                ),
                raw,
            )
            continue
        yield Row(start, dict(zip(header, values, strict=True)), raw)


@dataclass
class _Bucket(Generic[T]):
    items: list[T] = field(default_factory=list)
    rejected: int = 0


class Groups(Generic[T]):
    """Second-pass grouping: collect items per key until the key's counted rows are in."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.open: dict[str, _Bucket[T]] = {}

    def add(self, key: str, item: T | None) -> tuple[list[T], int] | None:
        """Add a row's item (None for a rejected row); returns the group when complete."""
        bucket = self.open.setdefault(key, _Bucket())
        if item is None:
            bucket.rejected += 1
        else:
            bucket.items.append(item)
        left = self.counts.get(key, 1) - 1
        if left > 0:
            self.counts[key] = left
            return None
        self.counts.pop(key, None)
        done = self.open.pop(key)
        return done.items, done.rejected

    def leftovers(self) -> Iterator[tuple[str, list[T], int]]:
        """Groups still open at the end (only when the file changed between the passes)."""
        for key in sorted(self.open):
            bucket = self.open.pop(key)
            yield key, bucket.items, bucket.rejected
