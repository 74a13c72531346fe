"""Zendesk ticket export JSON: tickets with their comments.

Accepted layouts: a list of tickets, ``{"tickets": [...]}`` (the incremental export and
the search API), one ticket per line (the account data export's NDJSON), or a single
``{"ticket": {...}}``. A ticket is ``{"id", "subject", "status", "requester_id",
"via": {"channel"}, "tags", "comments": [{"id", "author_id", "body" | "plain_body" |
"html_body", "public", "created_at"}]}``. Comments by the requester are customer turns,
comments by anyone else agent turns, except ``public: false`` (an internal note, never
sent to the customer): a ``system`` turn, kept with ``meta["public"] = false`` but not
scored, coached or counted as a reply. The id is ``zendesk-<ticket id>``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from servicemind.conversation import Role
from servicemind.errors import RecordError
from servicemind.ingest._html import html_to_text
from servicemind.ingest._jsonstream import RawItem, iter_json_outcomes
from servicemind.ingest._records import (
    NestedTurns,
    Outcome,
    TurnAt,
    opt_dict,
    opt_str,
    req_list,
    req_obj,
    req_str,
)

__all__ = ["OPTIONS", "read_zendesk"]

OPTIONS: tuple[str, ...] = ()


def read_zendesk(path: Path, options: Mapping[str, Any]) -> Iterator[Outcome]:
    return iter_json_outcomes(path, ("tickets",), _build)


def _build(value: object, item: RawItem) -> list[Outcome]:
    ticket = req_obj(value, None)
    if "comments" not in ticket and isinstance(ticket.get("ticket"), dict):
        ticket = ticket["ticket"]
    ticket_id = req_str(ticket, "id", "id")
    requester = opt_str(ticket, "requester_id", "requester_id")
    if requester is None:
        requester = opt_str(opt_dict(ticket, "requester", "requester"), "id", "requester.id")
    if requester is None:
        raise RecordError("the ticket names no requester", field="requester_id")
    # a bad comment is left out on its own, a bad time only loses the time; the reasons
    # name the ticket (several tickets may start on one line)
    turns = NestedTurns(f"ticket {ticket_id}: ")
    for i, c in enumerate(req_list(ticket, "comments", "comments")):
        where = f"comments[{i}]"
        build = partial(_comment, c, where, requester)
        turns.add(TurnAt(f"{where}.body", c), build, f"{where}.created_at")
    via = opt_dict(ticket, "via", "via")
    channel = via.get("channel") if isinstance(via.get("channel"), str) else None
    meta: dict[str, Any] = {
        "source": "zendesk",
        "ticket_id": ticket_id,
        "subject": opt_str(ticket, "subject", "subject"),
        "status": opt_str(ticket, "status", "status"),
        "requester_id": requester,
    }
    tags = ticket.get("tags")
    if isinstance(tags, list):
        meta["tags"] = [str(t) for t in tags]
    return turns.outcomes(field="comments", id=f"zendesk-{ticket_id}", channel=channel, meta=meta)


def _comment(c: object, where: str, requester: str) -> dict[str, Any]:
    """One comment's turn (its time as written)."""
    comment = req_obj(c, where)
    author = req_str(comment, "author_id", f"{where}.author_id")
    public = comment.get("public", True)
    if not isinstance(public, bool):
        raise RecordError("'public' must be true or false", field=f"{where}.public")
    # an internal note (public: false) was never sent to the customer: a system turn,
    # kept in the conversation but not scored, coached or counted as a reply
    role = Role.CUSTOMER if author == requester else Role.AGENT if public else Role.SYSTEM
    return {
        "role": role,
        "text": _body(comment, where),
        "author": author,
        "time": comment.get("created_at"),
        "meta": {"comment_id": opt_str(comment, "id", f"{where}.id"), "public": public},
    }


def _body(comment: Mapping[str, Any], where: str) -> str:
    for key in ("plain_body", "body"):
        value = comment.get(key)
        if isinstance(value, str):
            return value
    html = comment.get("html_body")
    if isinstance(html, str):
        return html_to_text(html)
    raise RecordError("the comment has no body", field=f"{where}.body")
