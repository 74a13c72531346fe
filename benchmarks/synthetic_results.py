"""Synthetic analysed conversations (output-contract objects) for report benchmarks and
the screenshot when no real analysis output is at hand.

The numbers are drawn with a fixed seed to look like a real team (agents differ in their
trait profiles; angry customers get lower replies); the texts are short invented
support lines. They are test input for the *report*, never an analysis result.

    PYTHONPATH=src python3 benchmarks/synthetic_results.py 10000 > /tmp/results.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS, TRAITS

AGENTS = {"Ana": 0.12, "Ben": -0.05, "Chloé": 0.05, "Dev": -0.15, "Eun-ji": 0.0, "Femi": 0.08}
CUSTOMER_LINES = {
    "angry": "This is the third time I'm writing. My parcel is STILL not here!",
    "disappointed": "I expected better, the jacket arrived torn.",
    "confused": "I don't understand the RMA thing, what do I do with it?",
    "anxious": "My flight leaves tomorrow and I still have no ticket, please help.",
    "grateful": "Thank you so much, that fixed it!",
    "neutral": "Hi, can I change the delivery address on my order?",
}
GOOD = "I'm so sorry about the wait, that's really frustrating. I'll call the courier myself now and update you within the hour."
FAIR = "Thanks for waiting. The parcel is with the courier; it should come soon."
BAD = "As I already said, that's not our department. Contact the courier <they> know more."


def _evidence(text: str, span: str, cue: str, polarity: str) -> list[dict[str, Any]]:
    i = text.find(span)
    return (
        []
        if i < 0
        else [{"start": i, "end": i + len(span), "text": span, "cue": cue, "polarity": polarity}]
    )


def _agent(rng: random.Random, skill: float, emotion: str) -> tuple[str, dict[str, Any]]:
    q = min(max(rng.gauss(0.62 + skill - (0.12 if emotion == "angry" else 0), 0.18), 0.02), 0.98)
    text = GOOD if q > 0.72 else FAIR if q > 0.45 else BAD
    traits: dict[str, Any] = {}
    for t in TRAITS:
        applicable = not (t == "resiliency" and emotion != "angry") and not (
            t == "empathy" and emotion == "neutral"
        )
        s = round(min(max(q + rng.gauss(0, 0.12), 0), 1), 2) if applicable else None
        ev: list[dict[str, Any]] = []
        if applicable and text == GOOD and t in ("empathy", "ownership"):
            ev = _evidence(
                text,
                "I'm so sorry about the wait" if t == "empathy" else "I'll call the courier myself",
                "cue",
                "positive",
            )
        if applicable and text == BAD and t in ("ownership", "patience"):
            ev = _evidence(
                text,
                "that's not our department" if t == "ownership" else "As I already said",
                "cue",
                "negative",
            )
        traits[t] = {"score": s, "applicable": applicable, "confidence": 0.7, "evidence": ev}
    traits["empathy"]["facets"] = {"reaction": 0.5, "interpretation": 0.4, "exploration": 0.2}
    weakest = min((t for t in TRAITS if traits[t]["applicable"]), key=lambda t: traits[t]["score"])
    overall = round(100 * q)
    commitments = []
    if text == GOOD:
        status = rng.choice(["open", "kept", "kept", "broken"])
        commitments.append(
            {
                "text": "I'll call the courier myself",
                "start": 56,
                "end": 84,
                "due": "within the hour",
                "status": status,
            }
        )
    return text, {
        "overall": overall,
        "traits": traits,
        "commitments": commitments,
        "coaching": {
            "strengths": [],
            "improve": None if overall >= 75 else f"Work on {weakest}.",
            "rewrite": None if overall >= 75 else "I'm sorry about your delivery. " + text,
            "focus": None if overall >= 75 else weakest,
        },
    }


def _customer(rng: random.Random, emotion: str) -> dict[str, Any]:
    scores = {e: 0.04 for e in EMOTIONS}
    scores[emotion] = 0.8
    fine = {f: round(rng.random() * 0.2, 3) for f in FINE_EMOTIONS}
    return {
        "emotion": {"label": emotion, "scores": scores, "fine": fine, "fine_labels": []},
        "hostile": 0.7 if emotion == "angry" and rng.random() < 0.2 else 0.05,
        "satisfaction": {
            "angry": 1.6,
            "disappointed": 2.2,
            "confused": 2.9,
            "anxious": 2.6,
            "grateful": 4.6,
            "neutral": 3.2,
        }[emotion],
    }


def generate(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, 8, tzinfo=UTC)
    names = list(AGENTS)
    for k in range(n):
        agent = names[k % len(names)]
        t = start + timedelta(minutes=37 * k)
        turns: list[dict[str, Any]] = []
        emotion = rng.choice(["angry", "disappointed", "confused", "anxious", "neutral", "neutral"])
        overalls = []
        for j in range(rng.randint(1, 4)):
            text = CUSTOMER_LINES[emotion]
            turns.append(
                {
                    "index": len(turns),
                    "role": "customer",
                    "side": "customer",
                    "author": "customer",
                    "text": text,
                    "time": t.isoformat(),
                    "meta": {},
                    "customer": _customer(rng, emotion),
                }
            )
            t += timedelta(seconds=rng.lognormvariate(6.0 if j else 7.0, 1.0))
            text, a = _agent(rng, AGENTS[agent], emotion)
            overalls.append(a["overall"])
            turns.append(
                {
                    "index": len(turns),
                    "role": "agent",
                    "side": "agent",
                    "author": agent,
                    "text": text,
                    "time": t.isoformat(),
                    "meta": {},
                    "agent": a,
                }
            )
            t += timedelta(minutes=rng.randint(2, 30))
            emotion = (
                "grateful"
                if a["overall"] > 75 and rng.random() < 0.6
                else ("angry" if a["overall"] < 40 else emotion)
            )
        moments = []
        if len(turns) > 2:
            moments.append(
                {
                    "turn": 2,
                    "kind": "satisfaction_drop"
                    if turns[1]["agent"]["overall"] < 50
                    else "satisfaction_rise",
                    "detail": "Satisfaction moved after the reply.",
                    "agent_turn": 1,
                    "delta": -1.0,
                }
            )
        yield {
            "id": f"syn-{k:05d}",
            "channel": "chat",
            "meta": {},
            "turns": turns,
            "summary": {
                "overall": round(sum(overalls) / len(overalls)),
                "traits": dict.fromkeys(TRAITS),
                "satisfaction": 3.0,
                "moments": moments,
                "commitments": {"open": 0, "kept": 0, "broken": 0},
            },
            "servicemind": {
                "version": "0.1.0",
                "schema": "1",
                "profile": "default",
                "components": [],
            },
        }


if __name__ == "__main__":
    for obj in generate(int(sys.argv[1]) if len(sys.argv) > 1 else 200):
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
