"""Hand-built fakes for the practice tests: a pipeline and analyze-output objects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from servicemind.analyse.base import TRAITS
from servicemind.conversation import Conversation, Side


class FakePipeline:
    """Scores a reply by plain cues so tests know the numbers in advance.

    overall = 30, +25 if the reply apologises ("sorry"), +25 if it commits ("I'll"),
    +10 if it has a question; empathy follows the apology, ownership the commitment.
    Every conversation it sees is kept in ``seen``.
    """

    def __init__(self, *, with_agent: bool = True) -> None:
        self.seen: list[Conversation] = []
        self.with_agent = with_agent

    def analyze_one(self, conversation: Conversation) -> dict[str, Any]:
        self.seen.append(conversation)
        out = conversation.to_dict()
        for turn, side in zip(out["turns"], conversation.get_sides(), strict=True):
            if side is Side.AGENT and self.with_agent:
                turn["agent"] = self._score(turn["text"])
        return out

    @staticmethod
    def _score(text: str) -> dict[str, Any]:
        low = text.lower()
        sorry, will, ask = "sorry" in low, "i'll" in low, "?" in text
        overall = 30 + 25 * sorry + 25 * will + 10 * ask
        traits: dict[str, Any] = {
            name: {"score": 0.5, "applicable": True, "confidence": 0.5, "evidence": []}
            for name in TRAITS
        }
        traits["empathy"]["score"] = 0.9 if sorry else 0.1
        traits["ownership"]["score"] = 0.9 if will else 0.2
        traits["enthusiasm"] = {
            "score": None,
            "applicable": False,
            "confidence": 0.8,
            "evidence": [],
        }
        return {
            "overall": overall,
            "traits": traits,
            "coaching": {
                "strengths": ["You apologised."] if sorry else [],
                "improve": "Say what you will do next." if not will else "Add a time.",
                "rewrite": "I'm sorry about this. I'll sort it today.",
            },
        }


def analysed_turn(
    role: str,
    text: str,
    author: str | None = None,
    *,
    overall: float | None = None,
    traits: dict[str, float | None] | None = None,
    hostile: float = 0.05,
    emotion: str = "neutral",
    improve: str = "Name the feeling first.",
) -> dict[str, Any]:
    """One turn of an analyze-output object, with only the fields practice reads."""
    turn: dict[str, Any] = {"role": role, "text": text, "author": author}
    if role in ("customer", "colleague", "supplier"):
        turn["side"] = "customer"
        turn["customer"] = {"emotion": {"label": emotion}, "hostile": hostile}
    elif role == "agent":
        turn["side"] = "agent"
        scores = {name: 0.6 for name in TRAITS} | (traits or {})
        turn["agent"] = {
            "overall": overall,
            "traits": {
                name: {
                    "score": s,
                    "applicable": s is not None,
                    "confidence": 0.7,
                    "evidence": [],
                }
                for name, s in scores.items()
            },
            "coaching": {"strengths": [], "improve": improve, "rewrite": "..."},
        }
    else:
        turn["side"] = None
    return turn


def write_results(path: Path, conversations: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, conv in enumerate(conversations):
            for j, t in enumerate(conv["turns"]):
                t["index"] = j
            conv.setdefault("id", f"c{i}")
            conv.setdefault("channel", "chat")
            conv.setdefault("meta", {"industry": "retail"})
            conv.setdefault("summary", {})  # analyse output carries both blocks
            conv.setdefault("servicemind", {"version": "0"})
            fh.write(json.dumps(conv) + "\n")
    return path
