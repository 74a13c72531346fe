"""Golden file of coaching rewrites: the exact text for hand-written cases, updated on purpose.

SERVICEMIND_UPDATE_GOLDEN=1 PYTHONPATH=src python3 -m pytest tests/test_coach_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from _contract_builders import traits
from servicemind.coach.rewrite import RewriteContext, rewrite_reply

GOLDEN = Path(__file__).parent / "golden" / "coach_rewrites.json"

CASES: list[dict[str, Any]] = [
    {
        "name": "deflection to an angry customer",
        "emotion": "angry",
        "customer": "My parcel still hasn't arrived and nobody answers!",
        "reply": "That's not our department. You'll need to contact the courier.",
        "weak": ["empathy", "ownership", "solution"],
    },
    {
        "name": "rushing and blame",
        "emotion": "disappointed",
        "customer": "The jacket arrived torn. I expected better.",
        "reply": "As I already said, returns are on the website. You should have checked it on delivery.",
        "weak": ["empathy", "patience", "solution"],
    },
    {
        "name": "jargon to a confused customer",
        "emotion": "confused",
        "customer": "I don't understand what I'm supposed to do with the RMA?",
        "reply": "Fill in the RMA on the self-service portal and reboot the router.",
        "weak": ["adaptability", "empathy"],
    },
    {
        "name": "scripted apology to an anxious traveller",
        "emotion": "anxious",
        "customer": "My flight leaves tomorrow morning and I still have no ticket. I'm really worried.",
        "reply": "We apologize for any inconvenience this may have caused. Your ticket ABC123 will be emailed.",
        "weak": ["empathy", "genuineness"],
    },
    {
        "name": "English reply to a Spanish customer",
        "emotion": "anxious",
        "customer": "Hola, mi pedido 4451 todavía no ha llegado y lo necesito para el viernes.",
        "reply": "Your order 4451 is on the way.",
        "weak": ["adaptability", "solution"],
    },
    {
        "name": "sarcasm to a hostile customer",
        "emotion": "angry",
        "hostile": 0.9,
        "customer": "You are useless. Where is my refund??",
        "reply": "Wow. Calm down. The refund of $49.99 takes 5 business days.",
        "weak": ["resiliency", "empathy", "politeness"],
    },
    {
        "name": "curt reply to praise",
        "emotion": "grateful",
        "customer": "Thank you so much, the new router works perfectly!",
        "reply": "ok",
        "weak": ["enthusiasm", "politeness"],
    },
    {
        "name": "email with greeting and sign-off",
        "emotion": "disappointed",
        "customer": "I was charged twice for my October bill.",
        "reply": "Hi Jane,\n\nThe second charge of €12 will drop off.\n\nBest,\nTom",
        "weak": ["empathy"],
    },
]


def _rewrite(case: dict[str, Any]) -> str | None:
    ctx = RewriteContext(
        reply=case["reply"],
        customer_text=case["customer"],
        emotion=case["emotion"],
        hostile=case.get("hostile", 0.0),
        traits=traits(0.8, **{t: 0.2 for t in case["weak"]}),
        overall=40,
        conversation=[case["customer"], case["reply"]],
        key=case["name"],
    )
    return rewrite_reply(ctx).text


def test_coach_golden_rewrites_match() -> None:
    got = {c["name"]: {"reply": c["reply"], "rewrite": _rewrite(c)} for c in CASES}
    if os.environ.get("SERVICEMIND_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        pytest.skip("golden file updated")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got == want
