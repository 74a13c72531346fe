"""Which header of a long CSV is which column: the canonical name, else a known alias.

Help-desk exports name their columns in many ways (``id``, ``Ticket ID``, ``message``,
``sender_type``, ``created_at``). When the ``columns`` option does not name a column, the
header that is its name or one of its aliases is taken, compared as the JSONL reader
compares keys (one table and one rule: :mod:`._fields`). Nothing is guessed: two
candidates for a required column stop the file with an error naming both; two for an
optional column map neither (both stay in the turn's ``meta``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from servicemind.errors import InputError
from servicemind.ingest._fields import candidates

__all__ = ["resolve_columns"]

_log = logging.getLogger("servicemind.ingest")


def resolve_columns(
    header: Sequence[str],
    columns: Sequence[str],
    required: Sequence[str],
    given: Mapping[str, str],
    file: str,
) -> dict[str, str]:
    """Canonical column -> header for ``columns``: ``given`` (the ``columns`` option) first,
    then the canonical name itself, then its normalised form or an alias. A required column
    found nowhere maps to its canonical name (the caller reports it missing); an optional
    one is left out. ``header`` comes from :func:`~._csvrows.unique_names`: a name that
    is repeated (``text``, ``text (2)``) is two candidates. Raises :class:`InputError`
    when two headers could both be a required column."""
    names = {c: given[c] for c in columns if c in given}
    for column, name in list(names.items()):
        if f"{name} (2)" in header:
            _ambiguous(column, [name, f"{name} (2)"], required, file)
            del names[column]
    aliased: dict[str, str] = {}
    for column in columns:
        if column in names or column in given:
            continue
        taken = set(names.values()) | set(aliased.values())
        found = _candidates(column, [h for h in header if h not in taken])
        if len(found) == 1:
            (aliased if found[0] != column else names)[column] = found[0]
        elif len(found) > 1:
            _ambiguous(column, found, required, file)
    if aliased:
        read_as = ", ".join(f"{h!r} as {c}" for c, h in aliased.items())
        _log.info("%s: reading column %s", file, read_as)
    found_names = {**names, **aliased}
    return {c: found_names.get(c, c) for c in columns if c in found_names or c in required}


def _ambiguous(column: str, found: Sequence[str], required: Sequence[str], file: str) -> None:
    """Two headers could both be ``column``: an error for a required one, else a note."""
    both = " and ".join(repr(h) for h in found)
    if column in required:
        raise InputError(
            f"{file}:1: the headers {both} could both be the {column} column",
            hint=f"name it with the 'columns' option: --options '{{\"columns\": "
            f'{{"{column}": "{found[0]}"}}}}\'',
        )
    _log.info("%s: %s could both be the %s column; neither is read as it", file, both, column)


def _candidates(column: str, headers: Sequence[str]) -> list[str]:
    """:func:`._fields.candidates`; a repeated own name (``text``, ``text (2)``) is two."""
    found = candidates(column, headers)
    repeat = f"{column} (2)"
    return [*found, repeat] if column in found and repeat in headers else found
