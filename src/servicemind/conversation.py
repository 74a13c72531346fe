"""The domain types every room shares: :class:`Conversation`, :class:`Turn`, :class:`Role`.

A conversation is an ordered list of turns. Each turn has a role (who speaks, as far as
the source tells us) and a *side* (which analysis it gets). "Everyone is a customer":
when a colleague or a supplier asks and someone answers, the asker's turns get the
customer-side analysis and the answerer's turns get the agent-side analysis.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "Conversation",
    "Role",
    "Side",
    "Turn",
    "role_key",
    "stable_id",
]


class Role(StrEnum):
    """Who speaks in a turn."""

    CUSTOMER = "customer"
    AGENT = "agent"
    COLLEAGUE = "colleague"
    SUPPLIER = "supplier"
    BOT = "bot"
    SYSTEM = "system"

    @classmethod
    def parse(cls, value: str) -> Role:
        """Return the role named by ``value`` (case-insensitive, common synonyms allowed).

        Compared as :func:`role_key` writes it (``End User``, ``end_user`` and ``end-user``
        are one synonym). Raises ``ValueError`` for an unknown role; ingest turns that into
        a located error.
        """
        key = role_key(value)
        key = _ROLE_SYNONYMS.get(key, key)
        return cls(key)


def role_key(label: str) -> str:
    """How a role name or a source's role label is compared, everywhere (:meth:`Role.parse`,
    ingest's ``roles`` and ``labels`` options and the labels they are looked up with):
    case ignored, a run of spaces, underscores and hyphens read as one hyphen
    (``Staff Member``, ``staff_member`` and ``STAFF-MEMBER`` are ``staff-member``)."""
    return _SEPARATORS.sub("-", label.strip().lower())


#: What separates the words of a role name: read as one hyphen.
_SEPARATORS = re.compile(r"[\s_-]+")
_ROLE_SYNONYMS: dict[str, str] = {
    "user": "customer",
    "client": "customer",
    "requester": "customer",
    "end-user": "customer",
    "enduser": "customer",
    "lead": "customer",
    "contact": "customer",
    "visitor": "customer",
    "caller": "customer",
    "consumer": "customer",
    "guest": "customer",
    # message direction, seen from the help desk: in from the customer, out to them
    "inbound": "customer",
    "incoming": "customer",
    "admin": "agent",
    "representative": "agent",
    "rep": "agent",
    "support": "agent",
    "staff": "agent",
    "teammate": "agent",
    "operator": "agent",
    "csr": "agent",
    "advisor": "agent",
    "adviser": "agent",
    "support-agent": "agent",
    "human-agent": "agent",
    "live-agent": "agent",
    "service-agent": "agent",
    "customer-service": "agent",
    "customer-support": "agent",
    "outbound": "agent",
    "outgoing": "agent",
    "assistant": "bot",
    "chatbot": "bot",
    "automation": "bot",
    "ai": "bot",
    "virtual-agent": "bot",
    "virtual-assistant": "bot",
    "ivr": "bot",
    "action": "system",
    "note": "system",
    "vendor": "supplier",
    "coworker": "colleague",
    "co-worker": "colleague",
}


class Side(StrEnum):
    """Which analysis a turn gets."""

    CUSTOMER = "customer"
    AGENT = "agent"


@dataclass(slots=True)
class Turn:
    """One message in a conversation.

    ``time`` is an ISO-8601 string when the source had a timestamp, else ``None``.
    ``meta`` carries everything else the source said about the turn (public vs internal
    note, channel-specific ids, ...).
    """

    index: int
    role: Role
    text: str
    author: str | None = None
    time: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "role": self.role.value,
            "author": self.author,
            "text": self.text,
            "time": self.time,
            "meta": dict(self.meta),
        }


@dataclass(slots=True)
class Conversation:
    """An ordered list of turns with an id, a channel and free-form ``meta``.

    ``source`` is where ingest read it (file, 1-based line where it starts), for messages
    about it; it is not part of the output (:meth:`to_dict`) nor of equality.
    """

    id: str
    turns: list[Turn]
    channel: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    source: tuple[str, int] | None = field(default=None, compare=False, repr=False)

    # -- construction ---------------------------------------------------------------
    @classmethod
    def from_turns(
        cls,
        turns: Sequence[Mapping[str, Any]],
        *,
        id: str | None = None,
        channel: str | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Conversation:
        """Build a conversation from turn mappings with at least ``role`` and ``text``.

        A missing ``id`` gets a stable one derived from the content (see :func:`stable_id`).
        """
        built = [
            Turn(
                index=i,
                role=t["role"] if isinstance(t["role"], Role) else Role.parse(str(t["role"])),
                text=str(t.get("text") or ""),
                author=None if t.get("author") is None else str(t.get("author")),
                time=None if t.get("time") is None else str(t.get("time")),
                meta=dict(t.get("meta") or {}),
            )
            for i, t in enumerate(turns)
        ]
        conv_id = id if id else stable_id(built, channel)
        return cls(id=conv_id, turns=built, channel=channel, meta=dict(meta or {}))

    # -- queries ----------------------------------------------------------------------
    def iter_turns(self, side: Side | None = None) -> Iterator[Turn]:
        """Yield the turns, or only those that get ``side``'s analysis."""
        if side is None:
            yield from self.turns
            return
        sides = self.get_sides()
        for turn, s in zip(self.turns, sides, strict=True):
            if s is side:
                yield turn

    def get_sides(self) -> list[Side | None]:
        """The analysis side of every turn (``None`` for system turns).

        Customers ask and agents answer. Colleagues and suppliers are askers when an
        agent or a bot answers in the conversation; in a conversation without one, the
        first speaker's role is the asker and every other speaking role answers.
        ``meta["asker"]`` (a role name) overrides the choice.
        """
        roles = {t.role for t in self.turns}
        asker_override = self.meta.get("asker")
        if isinstance(asker_override, str):
            asker: set[Role] = {Role.parse(asker_override)}
        elif roles & {Role.AGENT, Role.BOT}:
            asker = {Role.CUSTOMER, Role.COLLEAGUE, Role.SUPPLIER}
        else:
            first = next((t.role for t in self.turns if t.role is not Role.SYSTEM), None)
            asker = {first} if first is not None else set()
            asker.add(Role.CUSTOMER)
        out: list[Side | None] = []
        for t in self.turns:
            if t.role is Role.SYSTEM:
                out.append(None)
            elif t.role in asker:
                out.append(Side.CUSTOMER)
            else:
                out.append(Side.AGENT)
        return out

    def has_side(self, side: Side) -> bool:
        return side in self.get_sides()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "channel": self.channel,
            "meta": dict(self.meta),
            "turns": [t.to_dict() for t in self.turns],
        }


def stable_id(turns: Sequence[Turn], channel: str | None = None) -> str:
    """A content-derived id: the same turns always give the same id.

    Roles, authors, times and texts are hashed with SHA-256; the id is ``c-`` and the
    first 16 hex digits.
    """
    h = hashlib.sha256()
    h.update((channel or "").encode())
    for t in turns:
        h.update(json.dumps([t.role.value, t.author, t.time, t.text], ensure_ascii=False).encode())
        h.update(b"\x1e")
    return "c-" + h.hexdigest()[:16]
