"""Strengths and the one improvement for an agent reply, from its traits and their evidence.

* ``strengths``: the one or two best applicable traits (score at least
  :data:`STRENGTH_MIN`) that have positive evidence, each quoting its strongest span;
* ``improve``: the weakest applicable trait below :data:`IMPROVE_BELOW`, with the advice
  for that trait and the span that lowered it (or a note that nothing in the reply did it);
  ``None`` when every applicable trait is at least :data:`IMPROVE_BELOW`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from servicemind.analyse.base import TRAITS
from servicemind.coach._data import load

__all__ = ["IMPROVE_BELOW", "MAX_STRENGTHS", "STRENGTH_MIN", "improve", "strengths", "weakest"]

#: A trait at or above this is a strength worth naming (the "2" of the 0/1/2 annotation
#: scale starts at about 0.67 when mapped to 0..1; 0.7 keeps praise for clear cases).
STRENGTH_MIN = 0.7
#: A trait below this is worth improving; equal to the rewriter's ``WEAK`` so that the
#: advice and the rewrite address the same trait.
IMPROVE_BELOW = 0.6
#: At most this many strengths per reply (the issue asks for one or two).
MAX_STRENGTHS = 2
#: Longest quote, in characters, before it is shortened with an ellipsis.
MAX_QUOTE = 90


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1].rstrip() + "…"
    return f"“{text}”"


def _applicable(
    traits: Mapping[str, Mapping[str, Any]],
) -> list[tuple[str, float, Mapping[str, Any]]]:
    out = []
    for name in TRAITS:
        t = traits.get(name)
        if t and t.get("applicable") and isinstance(t.get("score"), int | float):
            out.append((name, float(t["score"]), t))
    return out


def strengths(traits: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """One or two things done well, each quoting its evidence span."""
    labels: dict[str, str] = load("phrases")["strength"]
    ranked = sorted(_applicable(traits), key=lambda x: (-x[1], TRAITS.index(x[0])))
    out: list[str] = []
    for name, score, t in ranked:
        if score < STRENGTH_MIN or len(out) >= MAX_STRENGTHS:
            break
        spans = [
            e for e in t.get("evidence", []) if e.get("polarity") != "negative" and e.get("text")
        ]
        if not spans:
            continue
        best = max(spans, key=lambda e: len(e["text"]))
        out.append(f"{labels[name]}: {_quote(best['text'])}.")
    return out


def weakest(traits: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The weakest applicable trait below :data:`IMPROVE_BELOW`, or ``None``."""
    ranked = sorted(_applicable(traits), key=lambda x: (x[1], TRAITS.index(x[0])))
    if not ranked or ranked[0][1] >= IMPROVE_BELOW:
        return None
    return ranked[0][0]


def improve(traits: Mapping[str, Mapping[str, Any]]) -> tuple[str | None, str | None]:
    """``(advice, trait)`` for the one change that would help most, or ``(None, None)``."""
    name = weakest(traits)
    if name is None:
        return None, None
    phrases = load("phrases")
    advice: str = phrases["improve"][name]
    neg = [
        e
        for e in traits[name].get("evidence", [])
        if e.get("polarity") == "negative" and e.get("text")
    ]
    if neg:
        e = neg[0]
        cue = f" ({e['cue']})" if e.get("cue") else ""
        advice = f"{advice} {phrases['quote_negative'].format(quote=_quote(e['text'])[1:-1])}{cue}."
    else:
        advice = f"{advice} {phrases['quote_missing']}"
    return advice, name
