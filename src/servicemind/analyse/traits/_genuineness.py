"""genuineness: specific, personal text vs formulaic scripts and copy-paste."""

from __future__ import annotations

import re

from servicemind.analyse._cues import Hit, cueset
from servicemind.analyse.traits._context import content_words
from servicemind.analyse.traits._empathy import misplaced_cheer
from servicemind.analyse.traits._result import Reply, TraitResult, clip, sums

__all__ = ["normalise_sentence", "score_genuineness", "specific_details"]

_LEX = "agent_cues.json"
#: A natural reply with neither stock phrases nor specific detail (label ~1.3).
GENUINENESS_BASE = 0.62
#: How much each content word shared with the customer's message adds (specificity), and
#: the cap; hand-set so that four shared words count as clearly specific.
SPECIFIC_STEP = 0.05
SPECIFIC_CAP = 0.2
_NORM = re.compile(r"[^\w]+", re.UNICODE)
#: The words of lower-cased ASCII text (its word characters are a-z, 0-9 and _): joined by
#: single spaces they are what :data:`_NORM` and ``strip`` leave, found faster
_WORDS_ASCII = re.compile(r"[a-z0-9_]+")
_SPECIFIC = re.compile(r"\b(?:[A-Z]{2,}[-\d]*\d+|#?\d{3,}|[A-Z][a-z]+ \d+)\b")


def normalise_sentence(text: str) -> str:
    """A sentence reduced for copy-paste comparison: lower case, words only."""
    low = text.lower()
    if low.isascii():
        return " ".join(_WORDS_ASCII.findall(low))
    return _NORM.sub(" ", low).strip()


def specific_details(text: str) -> list[tuple[int, int]]:
    """The spans of the specific details the score counts: order and ticket numbers, codes,
    named dates ("Friday 12")."""
    return [m.span() for m in _SPECIFIC.finditer(text)]


def score_genuineness(r: Reply) -> TraitResult:
    ctx = r.ctx
    hits = cueset(_LEX, "genuineness").find(r.text, r.low) + list(r.sarcasm) + misplaced_cheer(r)
    flags: list[str] = []
    shared = content_words(r.text) & content_words(ctx.text) if ctx.text else set()
    specific = _SPECIFIC.findall(r.text)
    for s, e in r.repeated:
        hits.append(
            Hit(s, e, r.text[s:e], -0.8, "copy-paste: the same agent sent this text before")
        )
    if r.repeated:
        flags.append("copy_paste")
    pos, neg = sums(hits)
    score = clip(
        GENUINENESS_BASE
        + 0.25 * min(1.0, pos)
        + min(SPECIFIC_CAP, SPECIFIC_STEP * (len(shared) + len(specific)))
        + 0.45 * max(-1.5, neg)
    )
    return TraitResult(
        score,
        True,
        0.5 + 0.1 * min(4, len(hits)),
        hits,
        flags=flags,
        features={
            "pos": pos,
            "neg": neg,
            "shared": float(len(shared)),
            "specific": float(len(specific)),
            "repeated": float(len(r.repeated)),
        },
    )
