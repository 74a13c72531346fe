"""Long CSV/TSV: one turn per row.

Columns (names configurable with the ``columns`` option, canonical name -> header):
``conversation_id``, ``role``, ``text`` (required) and ``author``, ``time``, ``channel``
(optional). Without the option, common export headers are read too (``Ticket ID``,
``message``, ``sender_type``, ...: see ``_fields.ALIASES``). Any other column is kept in
the turn's ``meta``. Rows of a conversation keep their file order and need not be
contiguous (two passes over the file, opened once, see ``_csvrows``). Tab-separated when the file ends in ``.tsv``,
else split on whichever of comma, tab and semicolon the header holds most of (the
``delimiter`` option overrides). ``roles`` maps extra role labels of the source to role
names.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator, Mapping
from contextlib import closing
from functools import partial
from pathlib import Path
from typing import Any

from servicemind.conversation import Conversation
from servicemind.errors import ConfigError, RecordError
from servicemind.ingest._csvrows import CsvFile, Groups, Row
from servicemind.ingest._headers import resolve_columns
from servicemind.ingest._records import (
    BAD_BYTES,
    NOT_UTF8,
    Outcome,
    Reject,
    parse_role,
    role_map,
    row_text,
    safely,
    str_map,
    turn_time,
)

__all__ = ["COLUMNS", "OPTIONS", "read_csv"]

OPTIONS: tuple[str, ...] = ("columns", "delimiter", "roles")
COLUMNS: tuple[str, ...] = ("conversation_id", "role", "text", "author", "time", "channel")
_REQUIRED = ("conversation_id", "role", "text")
_log = logging.getLogger("servicemind.ingest")


def read_csv(path: Path, options: Mapping[str, Any]) -> Iterator[Outcome]:
    with closing(CsvFile(path, options.get("delimiter"))) as table:
        yield from _outcomes(table, options)


def _outcomes(table: CsvFile, options: Mapping[str, Any]) -> Iterator[Outcome]:
    file = table.file
    names = resolve_columns(table.header, COLUMNS, _REQUIRED, _given_columns(options), file)
    roles = role_map(options.get("roles"), "roles")
    example = next((c for c in _REQUIRED if names[c] not in table.header), "conversation_id")
    table.require(
        [names[c] for c in _REQUIRED],
        f"name your {example} column with the 'columns' option, e.g. --options "
        f'\'{{"columns": {{"{example}": "<your header>"}}}}\'; docs/formats.md lists the '
        "header names read without it",
    )
    id_col = names["conversation_id"]
    id_at = table.header.index(id_col)
    counts: dict[str, int] = {}
    for row in table.rows():
        key = _key(row, id_col, id_at, table.delimiter)
        if key:
            counts[key] = counts.get(key, 0) + 1

    groups: Groups[dict[str, Any]] = Groups(counts)
    for row in table.rows():
        if isinstance(row, Reject):
            yield row
            key = _key(row, id_col, id_at, table.delimiter)
            if key:  # a row not UTF-8: its conversation still knows it lost one
                done = groups.add(key, None)
                if done is not None:
                    yield from _conversation(file, key, *done)
            continue
        key = row.values[id_col].strip()
        if not key:
            err = RecordError("empty conversation id", file=file, line=row.line, field=id_col)
            yield Reject(err, row.raw)
            continue
        turn = safely(partial(_turn, row, names, roles), file=file, line=row.line, raw=row.raw)
        if isinstance(turn, Reject):
            yield turn
        elif names.get("time") is not None:
            field = names["time"]
            turn["time"], bad = turn_time(turn["time"], field, as_written=True)
            if bad is not None:
                located = type(bad)(
                    bad.reason, file=file, line=row.line, field=field, hint=bad.hint
                )
                yield Reject(located, row.raw)
        done = groups.add(key, None if isinstance(turn, Reject) else turn)
        if done is not None:
            yield from _conversation(file, key, *done)
    for key, items, rejected in groups.leftovers():
        yield from _conversation(file, key, items, rejected)


def _key(row: Row | Reject, id_col: str, id_at: int, delimiter: str) -> str | None:
    """The conversation id of a row; of a rejected row only where the reject is about its
    bytes (not UTF-8) and its id column still reads."""
    if isinstance(row, Row):
        return row.values[id_col].strip() or None
    if row.error.reason != NOT_UTF8:
        return None
    values = next(csv.reader([row.raw], delimiter=delimiter), [])
    key = values[id_at].strip() if id_at < len(values) else ""
    return key if key and not BAD_BYTES.search(key) else None


def _turn(row: Row, names: Mapping[str, str], roles: Mapping[str, str]) -> dict[str, Any]:
    v = row.values
    role_col = names["role"]
    return {
        "role": parse_role(v[role_col], role_col, roles),
        "text": row_text(v[names["text"]], names["text"]),
        "author": _optional(v, names.get("author")),
        "time": _optional(v, names.get("time")),
        "channel": _optional(v, names.get("channel")),
        "meta": {k: val for k, val in v.items() if k not in names.values()},
        "_line": row.line,
        "_raw": row.raw,
    }


def _optional(values: Mapping[str, str], header: str | None) -> str | None:
    """An optional column's value, stripped; None when empty or the column is not read."""
    if header is None:
        return None
    return (values.get(header) or "").strip() or None


def _conversation(
    file: str, key: str, turns: list[dict[str, Any]], rejected: int
) -> Iterator[Outcome]:
    """The conversation of ``key``'s rows, after a :class:`Reject` for each row that
    repeats an earlier row of it exactly (same role, author, time and text: an overlapping
    export), which is left out and counted in ``meta["duplicate_rows"]``. A conversation
    whose every row was rejected is a warning naming its id (its rows are rejects already).
    """
    if not turns:
        if rejected:
            _log.warning("conversation %r in %s: all %d row(s) rejected", key, file, rejected)
        return
    kept: list[dict[str, Any]] = []
    first: dict[tuple[Any, ...], int] = {}
    for t in turns:
        same = (t["role"], t["author"], t["time"], t["text"])
        if same in first:
            err = RecordError(
                f"duplicate row: conversation {key!r} has the same role, author, time and "
                f"text at line {first[same]}; this copy is left out",
                file=file,
                line=t["_line"],
                field=None,
                hint="an overlapping export? nothing is lost",
            )
            yield Reject(err, t["_raw"])
            continue
        first[same] = t["_line"]
        kept.append(t)
    channel = next((t["channel"] for t in kept if t["channel"]), None)
    meta: dict[str, Any] = {"rejected_turns": rejected} if rejected else {}
    if len(kept) < len(turns):
        meta["duplicate_rows"] = len(turns) - len(kept)
    conv = Conversation.from_turns(kept, id=key, channel=channel, meta=meta)
    conv.source = (file, kept[0]["_line"])  # its first row read
    yield conv


def _given_columns(options: Mapping[str, Any]) -> dict[str, str]:
    given = str_map(options.get("columns"), "columns")
    unknown = sorted(set(given) - set(COLUMNS))
    if unknown:
        raise ConfigError(
            f"unknown column key(s) {', '.join(unknown)}",
            hint=f"the 'columns' option maps these names to headers: {', '.join(COLUMNS)}",
        )
    return given
