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
    Outcome,
    Reject,
    parse_role,
    role_map,
    row_text,
    safely,
    str_map,
)

__all__ = ["COLUMNS", "OPTIONS", "read_csv"]

OPTIONS: tuple[str, ...] = ("columns", "delimiter", "roles")
COLUMNS: tuple[str, ...] = ("conversation_id", "role", "text", "author", "time", "channel")
_REQUIRED = ("conversation_id", "role", "text")


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
    counts: dict[str, int] = {}
    for row in table.rows():
        if isinstance(row, Row) and row.values[id_col].strip():
            key = row.values[id_col].strip()
            counts[key] = counts.get(key, 0) + 1

    groups: Groups[dict[str, Any]] = Groups(counts)
    for row in table.rows():
        if isinstance(row, Reject):
            yield row
            continue
        key = row.values[id_col].strip()
        if not key:
            err = RecordError("empty conversation id", file=file, line=row.line, field=id_col)
            yield Reject(err, row.raw)
            continue
        turn = safely(partial(_turn, row, names, roles), file=file, line=row.line, raw=row.raw)
        if isinstance(turn, Reject):
            yield turn
        done = groups.add(key, None if isinstance(turn, Reject) else turn)
        if done is not None and done[0]:
            yield _conversation(file, key, *done)
    for key, items, rejected in groups.leftovers():
        if items:
            yield _conversation(file, key, items, rejected)


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
    }


def _optional(values: Mapping[str, str], header: str | None) -> str | None:
    """An optional column's value, stripped; None when empty or the column is not read."""
    if header is None:
        return None
    return (values.get(header) or "").strip() or None


def _conversation(file: str, key: str, turns: list[dict[str, Any]], rejected: int) -> Conversation:
    channel = next((t["channel"] for t in turns if t["channel"]), None)
    meta: dict[str, Any] = {"rejected_turns": rejected} if rejected else {}
    conv = Conversation.from_turns(turns, id=key, channel=channel, meta=meta)
    conv.source = (file, turns[0]["_line"])  # its first row read
    return conv


def _given_columns(options: Mapping[str, Any]) -> dict[str, str]:
    given = str_map(options.get("columns"), "columns")
    unknown = sorted(set(given) - set(COLUMNS))
    if unknown:
        raise ConfigError(
            f"unknown column key(s) {', '.join(unknown)}",
            hint=f"the 'columns' option maps these names to headers: {', '.join(COLUMNS)}",
        )
    return given
