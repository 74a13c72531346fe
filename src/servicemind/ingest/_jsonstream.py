"""Stream the records of a JSON file without loading the file.

Accepted layouts (what the JSON export formats use):

* a top-level array ``[{...}, {...}]``: each element is a record;
* a wrapper object whose list keys hold the records, e.g. ``{"tickets": [...], "count": 2}``
  or ABCD's ``{"train": [...], "dev": [...]}``: elements of every key in ``list_keys``;
* one object per line (JSONL) or several concatenated objects: each object is a record;
* one single object: that object is the record.

The scanner finds where each record starts and ends by tracking strings and brackets with
regular expressions (so the text between structural characters is skipped in C), then the
record's own text is parsed by :func:`json.loads`. Memory holds one record plus one read
chunk; a record larger than :data:`MAX_RECORD_CHARS` (usually an unterminated string) stops
the file with a located error instead of reading the rest of it into memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Generator, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO

from servicemind.errors import InputError
from servicemind.ingest._records import Outcome, json_value, open_text, record_outcomes

__all__ = [
    "CHUNK_CHARS",
    "MAX_RECORD_CHARS",
    "RawItem",
    "iter_json_items",
    "iter_json_outcomes",
    "load_item",
]

# Read size: 1 Mi characters keeps the per-read overhead low and memory small.
CHUNK_CHARS = 1 << 20
# Largest record accepted: 64 Mi characters, far above a ticket with hundreds of 100 kB
# comments; beyond it the record is almost surely an unterminated string or bracket.
MAX_RECORD_CHARS = 64 << 20

_DECODER = json.JSONDecoder()
_STRUCT = re.compile(r'["\[\]{}]')
_IN_STRING = re.compile(r'["\\]')
_NOT_WS = re.compile(r"[^ \t\n\r]")
_SCALAR_END = re.compile(r"[ \t\n\r,\]}]")


@dataclass(frozen=True, slots=True)
class RawItem:
    """One record's text, the 1-based line it starts on, and the wrapper key it came from."""

    text: str
    line: int
    container: str | None
    value: object = None
    parsed: bool = False


class _Buffer:
    def __init__(self, fh: IO[str], file: str, chunk: int) -> None:
        self.fh = fh
        self.file = file
        self.chunk = chunk
        self.buf = ""
        self.eof = False
        # Line cursor: line number ``cur_line`` holds position ``cur_pos`` (counting is
        # incremental so finding an item's line costs only the text since the last item).
        self.cur_pos = 0
        self.cur_line = 1

    def more(self) -> bool:
        if self.eof:
            return False
        data = self.fh.read(self.chunk)
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def drop(self, upto: int) -> int:
        """Forget ``buf[:upto]`` once it is at least a chunk long; returns the shift.

        Dropping lazily keeps the copying linear in the file size.
        """
        if upto < self.chunk:
            return 0
        self.line_at(upto)
        self.buf = self.buf[upto:]
        self.cur_pos -= upto
        return upto

    def line_at(self, pos: int) -> int:
        if pos < self.cur_pos:
            return self.cur_line - self.buf.count("\n", pos, self.cur_pos)
        self.cur_line += self.buf.count("\n", self.cur_pos, pos)
        self.cur_pos = pos
        return self.cur_line

    def skip_ws(self, pos: int) -> int:
        """Position of the next non-whitespace character, or ``len(buf)`` at end of file."""
        while True:
            m = _NOT_WS.search(self.buf, pos)
            if m is not None:
                return m.start()
            pos = len(self.buf)
            if not self.more():
                return pos

    def search(self, pattern: re.Pattern[str], pos: int, start: int) -> re.Match[str] | None:
        while True:
            m = pattern.search(self.buf, pos)
            if m is not None:
                return m
            pos = len(self.buf)
            if pos - start > MAX_RECORD_CHARS:
                raise InputError(
                    f"{self.file}:{self.line_at(start)}: a JSON value is larger than "
                    f"{MAX_RECORD_CHARS} characters",
                    hint="the file is probably truncated or has an unterminated string",
                )
            if not self.more():
                return None

    def decode(self, start: int) -> tuple[object, int] | None:
        """Fast path: parse the value at ``start`` in C when it is complete in the buffer.

        ``None`` when it is not (cut by the buffer end, or malformed); the caller then
        finds its end with :meth:`end_of_value`. A value ending exactly at the buffer end
        is not trusted before end of file (a number could go on in the next chunk).
        """
        try:
            value, end = _DECODER.raw_decode(self.buf, start)
        except (json.JSONDecodeError, RecursionError):
            return None
        if end >= len(self.buf) and not self.eof:
            return None
        return value, end

    def end_of_value(self, start: int) -> int:
        """End (exclusive) of the JSON value starting at ``start``; ``len(buf)`` if cut off."""
        c = self.buf[start]
        if c == '"':
            return self._end_of_string(start, start)
        if c not in "[{":
            # At least one character: a stray '}' in an array is a (bad) value of its own,
            # not an empty one (which left the array scan where it was, forever).
            m = self.search(_SCALAR_END, start + 1, start)
            return m.start() if m is not None else len(self.buf)
        depth = 0
        pos = start
        while True:
            m = self.search(_STRUCT, pos, start)
            if m is None:
                return len(self.buf)
            ch = m.group()
            if ch == '"':
                pos = self._end_of_string(m.start(), start)
                continue
            depth += 1 if ch in "[{" else -1
            pos = m.end()
            if depth == 0:
                return pos

    def _end_of_string(self, quote: int, start: int) -> int:
        pos = quote + 1
        while True:
            m = self.search(_IN_STRING, pos, start)
            if m is None:
                return len(self.buf)
            if m.group() == '"':
                return m.end()
            pos = m.end() + 1  # skip the escaped character
            while pos >= len(self.buf) and self.more():
                pass


def iter_json_items(
    fh: IO[str], file: str, list_keys: Collection[str] = (), *, chunk: int = CHUNK_CHARS
) -> Iterator[RawItem]:
    """Yield every record of the JSON text in ``fh`` (see the module docstring)."""
    b = _Buffer(fh, file, chunk)
    pos = 0
    while True:
        pos = b.skip_ws(pos)
        if pos >= len(b.buf):
            return
        pos -= b.drop(pos)
        c = b.buf[pos]
        if c == "[":
            pos = yield from _array_items(b, pos + 1, None)
        elif c == "{":
            pos = yield from _object(b, pos, list_keys)
        else:
            # Not a JSON container: the rest of the line is one bad record (JSONL junk).
            end = b.buf.find("\n", pos)
            while end < 0 and b.more():
                end = b.buf.find("\n", pos)
            end = len(b.buf) if end < 0 else end
            yield RawItem(b.buf[pos:end], b.line_at(pos), None)
            pos = end


def _array_items(b: _Buffer, pos: int, container: str | None) -> Generator[RawItem, None, int]:
    """Yield the elements of the array whose ``[`` ends just before ``pos``.

    Returns the position just after the closing ``]``.
    """
    while True:
        pos = b.skip_ws(pos)
        if pos >= len(b.buf):
            raise InputError(
                f"{b.file}:{b.line_at(pos)}: the JSON array is not closed",
                hint="the file is probably truncated",
            )
        c = b.buf[pos]
        if c == "]":
            return pos + 1
        if c == ",":
            pos += 1
            continue
        pos -= b.drop(pos)
        fast = b.decode(pos)
        if fast is not None:
            end = fast[1]
            yield RawItem(b.buf[pos:end], b.line_at(pos), container, fast[0], True)
        else:
            end = b.end_of_value(pos)
            yield RawItem(b.buf[pos:end], b.line_at(pos), container)
        pos = end


def _object(b: _Buffer, start: int, list_keys: Collection[str]) -> Generator[RawItem, None, int]:
    """Handle a top-level object at ``buf[start]``: a wrapper of record lists, or a record.

    Returns the position just after the object. Until a list key is found the object
    may be a record, so nothing from ``start`` on is dropped.
    """
    fast = b.decode(start)
    if fast is not None and not (
        isinstance(fast[0], dict) and any(isinstance(fast[0].get(k), list) for k in list_keys)
    ):
        yield RawItem(b.buf[start : fast[1]], b.line_at(start), None, fast[0], True)
        return fast[1]
    wrapper = False
    pos = start + 1
    while True:
        pos = b.skip_ws(pos)
        if pos >= len(b.buf):
            break
        c = b.buf[pos]
        if c == "}":
            pos += 1
            if not wrapper:
                yield RawItem(b.buf[start:pos], b.line_at(start), None)
            return pos
        if c == ",":
            pos += 1
            continue
        if c != '"':
            break
        key_end = b.end_of_value(pos)
        key = b.buf[pos + 1 : key_end - 1]
        pos = b.skip_ws(key_end)
        if pos >= len(b.buf) or b.buf[pos] != ":":
            break
        pos = b.skip_ws(pos + 1)
        if pos >= len(b.buf):
            break
        if key in list_keys and b.buf[pos] == "[":
            wrapper = True
            pos = yield from _array_items(b, pos + 1, key)
        else:
            pos = b.end_of_value(pos)
        if wrapper:
            pos -= b.drop(pos)
    if wrapper:
        raise InputError(
            f"{b.file}:{b.line_at(pos)}: malformed JSON after the record list",
            hint="check the end of the file",
        )
    # Malformed record: hand the whole bracketed value over so the parser locates the error.
    end = b.end_of_value(start)
    yield RawItem(b.buf[start:end], b.line_at(start), None)
    return end


def load_item(item: RawItem) -> object:
    """Parse one record's text; a syntax error becomes a :class:`RecordError` at its line."""
    if item.parsed:
        return item.value
    return json_value(item.text, item.line)


def iter_json_outcomes(
    path: Path,
    list_keys: Collection[str],
    build: Callable[[object, RawItem], list[Outcome]],
) -> Iterator[Outcome]:
    """Parse every record of a JSON export and build it; bad records (and turns) come as
    Rejects."""
    file = str(path)
    with open_text(path) as fh:
        for item in iter_json_items(fh, file, list_keys):
            yield from record_outcomes(
                partial(_load_and_build, build, item), file=file, line=item.line, raw=item.text
            )


def _load_and_build(
    build: Callable[[object, RawItem], list[Outcome]], item: RawItem
) -> list[Outcome]:
    return build(load_item(item), item)
