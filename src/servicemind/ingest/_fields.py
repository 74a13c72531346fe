"""The names sources give the fields of a conversation and its turns: one table, one rule.

Help-desk exports name a turn's text ``message``, ``Message Text`` or ``content``; the
long CSV reader (its headers) and the JSONL reader (its keys) look names up here, so a
name that works in one works in the other. Names are compared in normalised form
(:func:`normalise`: case, spaces, hyphens, underscores and other punctuation ignored, so
``Ticket ID``, ``ticket-id`` and ``TICKET_ID`` are all ``ticketid``). A name that is a
field's own name once normalised is taken first, else a name that is one of its
:data:`ALIASES`. Nothing is guessed: :func:`candidates` gives every name that could be the
field, and the reader stops (or rejects the record) when there are two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["ALIASES", "candidates", "normalise"]

# Field -> names that mean it, in normalised form (see ``normalise``); documented in
# docs/formats.md. A name is in one list only, and is no field's own name (tested).
ALIASES: dict[str, tuple[str, ...]] = {
    "turns": ("messages",),
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


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """``"Ticket ID"``, ``"ticket-id"`` and ``"TICKET_ID"`` are all ``"ticketid"``.

    Cached: a JSONL file repeats the same few keys in every record."""
    return _PUNCT.sub("", name.casefold())


def candidates(field: str, names: Iterable[str]) -> list[str]:
    """The names (in their order) that are ``field`` once normalised, else the names that
    are one of its aliases; more than one means the source is ambiguous."""
    names = list(names)
    own = normalise(field)
    same = [n for n in names if normalise(n) == own]
    if same:
        return same
    aliases = ALIASES.get(field, ())
    return [n for n in names if normalise(n) in aliases]
