"""Builders for agent-side tests: conversations with a hand-written customer side."""

from __future__ import annotations

from typing import Any

from servicemind.analyse.base import EMOTIONS, Doc
from servicemind.analyse.commitments import CommitmentAnalyser
from servicemind.analyse.scorecard import ScorecardAnalyser
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.conversation import Conversation


def customer_fields(emotion: str = "neutral", hostile: float = 0.0) -> dict[str, Any]:
    """A customer dict as the customer-side analysers would write it (a fake at the seam)."""
    scores = {e: (0.9 if e == emotion else 0.1 / (len(EMOTIONS) - 1)) for e in EMOTIONS}
    return {"emotion": {"label": emotion, "scores": scores}, "hostile": hostile}


def make_doc(
    turns: list[tuple[str, str]] | list[dict[str, Any]],
    customer: list[dict[str, Any]] | None = None,
) -> Doc:
    """A Doc from ``(role, text)`` pairs or turn dicts; ``customer`` fills customer turns."""
    dicts = [t if isinstance(t, dict) else {"role": t[0], "text": t[1]} for t in turns]
    doc = Doc(Conversation.from_turns(dicts))
    fields = iter(customer or [])
    for _, d in doc.iter_customer():
        d.update(next(fields, {}))
    return doc


def analyse(doc: Doc, *, profile: str = "default") -> Doc:
    TraitsAnalyser(calibrated=False).annotate([doc])
    CommitmentAnalyser().annotate([doc])
    ScorecardAnalyser(profile=profile).annotate([doc])
    return doc


def last_agent(doc: Doc) -> dict[str, Any]:
    agents = [d for _, d in doc.iter_agent()]
    return agents[-1]


def reply_agent(
    customer: str, reply: str, emotion: str = "neutral", calibrated: bool = False
) -> dict[str, Any]:
    """The agent output of ``reply`` to one ``customer`` message: the rules with commitments
    and the scorecard (``overall``), or, ``calibrated``, the shipped traits model alone."""
    doc = make_doc([("customer", customer), ("agent", reply)], [customer_fields(emotion)])
    if calibrated:
        TraitsAnalyser().annotate([doc])
        return last_agent(doc)
    return last_agent(analyse(doc))


def rules_agent(turns: list[dict[str, Any]]) -> dict[str, Any]:
    """The last agent turn's output of the uncalibrated traits analyser on ``turns``."""
    doc = make_doc(turns)
    TraitsAnalyser(calibrated=False).annotate([doc])
    return last_agent(doc)


def trait(
    customer: str, reply: str, name: str, emotion: str = "neutral", hostile: float = 0.0
) -> dict[str, Any]:
    doc = make_doc([("customer", customer), ("agent", reply)], [customer_fields(emotion, hostile)])
    TraitsAnalyser(calibrated=False).annotate([doc])
    result: dict[str, Any] = last_agent(doc)["traits"][name]
    return result


def tracking_turn(role: str, text: str, time: str) -> dict[str, str]:
    """A turn of a tracking test, timed "DDTHH:MM" in November 2026 (UTC)."""
    return {"role": role, "text": text, "time": f"2026-11-{time}:00+00:00"}


def tracking_statuses(*turns: dict[str, str]) -> list[tuple[int, str, str, int | None]]:
    """(turn, text, status, resolved_by) of every commitment the conversation holds."""
    doc = make_doc(list(turns))
    CommitmentAnalyser().annotate([doc])
    return [
        (turn.index, c["text"], c["status"], c["resolved_by"])
        for turn, agent in doc.iter_agent()
        for c in agent["commitments"]
    ]
