"""Hand-built output-contract objects for the coach and report tests.

They follow ``schemas/analysis.schema.json`` exactly, so tests never depend on the real
analysers (built elsewhere) and still exercise the contract.
"""

from __future__ import annotations

from typing import Any

from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS, TRAITS

__all__ = ["agent", "customer", "evidence", "result", "trait", "traits"]


def evidence(
    text: str, within: str, cue: str = "cue", polarity: str | None = None
) -> dict[str, Any]:
    start = within.index(text)
    e: dict[str, Any] = {"start": start, "end": start + len(text), "text": text, "cue": cue}
    if polarity:
        e["polarity"] = polarity
    return e


def trait(score: float | None, ev: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "score": score,
        "applicable": score is not None,
        "confidence": 0.8,
        "evidence": ev or [],
    }


def traits(default: float | None = 0.8, **over: dict[str, Any] | float | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in TRAITS:
        v = over.get(name, default)
        out[name] = v if isinstance(v, dict) else trait(v)
    out["empathy"].setdefault(
        "facets", {"reaction": 0.5, "interpretation": 0.5, "exploration": 0.5}
    )
    return out


def customer(
    label: str = "neutral", hostile: float = 0.0, satisfaction: float = 3.0
) -> dict[str, Any]:
    scores = {e: (0.5 if e == label else 0.1) for e in EMOTIONS}
    return {
        "emotion": {
            "label": label,
            "scores": scores,
            "fine": {f: 0.0 for f in FINE_EMOTIONS},
            "fine_labels": [],
        },
        "hostile": hostile,
        "satisfaction": satisfaction,
    }


def agent(
    overall: int = 70,
    tr: dict[str, Any] | None = None,
    commitments: list[dict[str, Any]] | None = None,
    coaching: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "overall": overall,
        "traits": tr or traits(),
        "commitments": commitments or [],
        "coaching": coaching or {"strengths": [], "improve": None, "rewrite": None, "focus": None},
    }


def result(
    turns: list[tuple[str, str, dict[str, Any] | None]],
    *,
    id: str = "c1",
    authors: dict[str, str] | None = None,
    times: list[str | None] | None = None,
    moments: list[dict[str, Any]] | None = None,
    commitments: dict[str, int] | None = None,
) -> dict[str, Any]:
    """``turns`` are ``(role, text, analysis)``; the analysis goes under the role's side."""
    out_turns = []
    overalls = []
    for i, (role, text, analysis) in enumerate(turns):
        side = "customer" if role == "customer" else "agent"
        t: dict[str, Any] = {
            "index": i,
            "role": role,
            "side": side,
            "author": (authors or {}).get(role),
            "text": text,
            "time": (times[i] if times else None),
            "meta": {},
        }
        if analysis is not None:
            t[side] = analysis
            if side == "agent":
                overalls.append(analysis["overall"])
        out_turns.append(t)
    return {
        "id": id,
        "channel": "chat",
        "meta": {},
        "turns": out_turns,
        "summary": {
            "overall": round(sum(overalls) / len(overalls)) if overalls else None,
            "traits": {n: None for n in TRAITS},
            "satisfaction": 3.0,
            "moments": moments or [],
            "commitments": commitments or {"open": 0, "kept": 0, "broken": 0},
        },
        "servicemind": {"version": "0.1.0", "schema": "1", "profile": "default", "components": []},
    }
