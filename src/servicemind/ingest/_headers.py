"""Which header of a long CSV is which column: the canonical name, else a known alias.

Help-desk exports name their columns in many ways (``id``, ``Ticket ID``, ``message``,
``sender_type``, ``created_at``). When a column's canonical name is not in the header and
the ``columns`` option does not name it, the header whose normalised form (case, spaces,
hyphens, underscores and other punctuation ignored) is the canonical name is taken, else
the one that is an alias in :data:`ALIASES`. Nothing is guessed: two candidates for a
required column stop the file with an error naming both; two for an optional column map
neither (both stay in the turn's ``meta``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from servicemind.errors import InputError

__all__ = ["ALIASES", "normalise", "resolve_columns"]

_log = logging.getLogger("servicemind.ingest")

# Canonical column -> header names that mean it, in normalised form (see ``normalise``);
# documented in docs/formats.md. A name is in one list only (tested).
ALIASES: dict[str, tuple[str, ...]] = {
    "conversation_id": (
        "id",
        "conversation",
        "convid",
        "convoid",
        "ticket",
        "ticketid",
        "ticketnumber",
        "ticketno",
        "case",
        "caseid",
        "casenumber",
        "chatid",
        "thread",
        "threadid",
        "dialogue",
        "dialogueid",
        "dialog",
        "dialogid",
        "sessionid",
        "interactionid",
        "transcriptid",
    ),
    "role": (
        "speaker",
        "speakertype",
        "speakerrole",
        "sender",
        "sendertype",
        "senderrole",
        "authortype",
        "authorrole",
        "from",
        "participant",
        "participanttype",
        "participantrole",
        "party",
        "usertype",
        "actor",
        "actortype",
    ),
    "text": (
        "message",
        "messagetext",
        "messagebody",
        "messagecontent",
        "msg",
        "body",
        "content",
        "utterance",
        "comment",
        "commentbody",
        "plainbody",
    ),
    "author": (
        "agent",
        "agentname",
        "name",
        "authorname",
        "sendername",
        "speakername",
        "username",
        "fromname",
    ),
    "time": (
        "timestamp",
        "createdat",
        "created",
        "createdtime",
        "date",
        "datetime",
        "sentat",
        "senttime",
        "messagetime",
        "postedat",
        "ts",
    ),
    "channel": ("channeltype", "medium", "platform"),
}

_PUNCT = re.compile(r"[\W_]+")


def normalise(header: str) -> str:
    """``"Ticket ID"``, ``"ticket-id"`` and ``"TICKET_ID"`` are all ``"ticketid"``."""
    return _PUNCT.sub("", header.casefold())


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
    """Headers that are ``column`` once normalised, else the headers that are its aliases."""
    own = normalise(column)
    same = [h for h in headers if normalise(h) == own or h == f"{column} (2)"]
    if same:
        return same
    aliases = set(ALIASES.get(column, ()))
    return [h for h in headers if normalise(h) in aliases]
