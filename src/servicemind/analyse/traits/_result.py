"""The result of one trait detector and the reply bundle every detector reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from servicemind.analyse._cues import Hit, cueset
from servicemind.analyse.traits._context import Context

__all__ = ["MAX_EVIDENCE", "Reply", "TraitResult", "agent_hits", "clip", "other_language"]

_AGENT_LEX = "agent_cues.json"

#: Evidence spans kept per trait, strongest first (enough to explain, short to read).
MAX_EVIDENCE = 6


def clip(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return lo if x < lo else hi if x > hi else x


@dataclass(slots=True)
class Reply:
    """An agent-side reply with its context and the hits shared between traits."""

    text: str
    ctx: Context
    language: str | None = None
    sarcasm: list[Hit] = field(default_factory=list)
    repeated: list[tuple[int, int]] = field(default_factory=list)  # copy-pasted sentences
    n_words: int = 0
    cache: dict[str, Any] = field(default_factory=dict)
    low: str = ""  # text.lower(), computed once for the cue prefilter

    def __post_init__(self) -> None:
        if not self.low:
            self.low = self.text.lower()


def other_language(r: Reply) -> bool:
    """Whether to read the ``<trait>_other_languages`` cue lists (Spanish, Portuguese, French,
    German forms; not worth a scan of an English reply): the reply is in another language, or
    too short to tell and the customer writes another language."""
    lang = r.language if r.language is not None else r.ctx.language
    return lang is not None and lang != "en"


def agent_hits(r: Reply, name: str) -> list[Hit]:
    """The hits of agent_cues.json list ``name``, and of ``<name>_other_languages`` when
    :func:`other_language` says the reply needs them (issue 5: the same cue in the writer's
    own language feeds the same feature, so what the combination learned from English
    carries over)."""
    hits = cueset(_AGENT_LEX, name).find(r.text, r.low)
    if other_language(r):
        hits += cueset(_AGENT_LEX, f"{name}_other_languages").find(r.text, r.low)
    return hits


def _strength(h: Hit) -> float:
    return -abs(h.weight)


def _start(h: Hit) -> int:
    return h.start


@dataclass(slots=True)
class TraitResult:
    """One trait of one reply: score (0..1), applicability, evidence, features.

    ``score`` is always computed (what the reply would score if the trait applied); the
    output shows ``null`` when ``applicable`` is false. ``required`` marks a situation in
    which the guideline makes the trait applicable whatever the reply does (a customer owed
    a commitment, for responsibility): a trained applicability model cannot make it na.
    """

    score: float | None
    applicable: bool
    confidence: float
    evidence: list[Hit] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    facets: dict[str, float] | None = None
    flags: list[str] = field(default_factory=list)
    required: bool = False

    def to_dict(self, text: str) -> dict[str, Any]:
        ev = self.evidence
        if len(ev) > 1:  # (one or none needs no sorting)
            ev = sorted(ev, key=_strength)[:MAX_EVIDENCE]
            ev.sort(key=_start)
        score = self.score
        conf = self.confidence
        d: dict[str, Any] = {
            "score": None if not self.applicable or score is None else round(score, 3),
            "applicable": self.applicable,
            "confidence": round(0.0 if conf < 0.0 else 1.0 if conf > 1.0 else conf, 3),
            "evidence": [h.evidence() for h in ev if text[h.start : h.end] == h.text] if ev else [],
        }
        if self.facets is not None:
            d["facets"] = {k: round(clip(v), 3) for k, v in self.facets.items()}
        return d


def sums(hits: list[Hit]) -> tuple[float, float]:
    """(sum of positive weights, sum of negative weights) of ``hits``."""
    # one loop instead of two generator sums: the same additions in the same order, from
    # the same int 0 (an empty side stays 0, as sum() gives)
    pos: float = 0
    neg: float = 0
    for h in hits:
        w = h.weight
        if w > 0:
            pos += w
        elif w < 0:
            neg += w
    return pos, neg
