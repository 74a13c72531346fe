"""Customer side on unseen support wording (trial 21c): insults and threats in the corpus
languages. Every rule is tested with a look-alike it must leave alone."""

from __future__ import annotations

from typing import Any

import pytest

from _customer_helpers import annotated
from servicemind.analyse.hostility import turn_signals
from servicemind.analyse.satisfaction import HOSTILE_CAP


def _customer(text: str) -> dict[str, Any]:
    out: dict[str, Any] = annotated(("customer", text)).out["turns"][0]["customer"]
    return out


INSULTS = [
    "Bande d'incompétents, ça fait un mois que j'attends mon remboursement.",
    "Wat een stelletje prutsers zijn jullie. Gewoon mijn geld terug, nu.",
    "Ihr seid ein Haufen Stümper.",
    "Vocês são uns incompetentes, não sabem fazer nada.",
    "Siete degli incompetenti.",
    "You are a bunch of incompetents.",
    "I'll knock your teeth out if you hang up on me again.",
    "keep hanging up on me and I'll come down to your office and sort you out myself",
    "I know where your office is. Think about that.",
    "I hope whoever decided to cut off a pensioner loses their job over this.",
]
NOT_AIMED = [
    "This app is incompetent, it logs me out every five minutes.",
    "The damn export has crashed again.",
    "I hope you don't lose your job over this, you were very kind.",
    "Can you sort out my account please?",
    "Son unos productos inútiles, quiero devolverlos.",
    "I bought a bunch of flowers for my mum.",
    "Sie sind unterwegs, sagt die Sendungsverfolgung.",
]


@pytest.mark.parametrize("text", INSULTS)
def test_insults_and_threats_are_hostile_with_evidence(text: str) -> None:
    assert turn_signals(text)[0]
    out = _customer(text)
    assert out["hostile"] >= 0.5
    assert {s["cue"] for s in out["hostile_evidence"]} & {"insult", "threat", "abusive phrase"}


@pytest.mark.parametrize("text", NOT_AIMED)
def test_look_alikes_aimed_at_nobody_are_no_attack(text: str) -> None:
    assert not turn_signals(text)[0]


@pytest.mark.parametrize(
    "text",
    ["You'd better watch your back, mate.", "Vous êtes une bande d'incompétents."],
)
def test_a_hostile_turn_is_read_angry_not_calm(text: str) -> None:
    out = _customer(text)
    assert out["hostile"] >= 0.5
    assert out["emotion"]["label"] == "angry"
    assert out["satisfaction"] <= HOSTILE_CAP


@pytest.mark.parametrize(
    "text", ["Thanks so much, you're a star!", "Could you resend the invoice please?"]
)
def test_a_calm_turn_without_attack_keeps_its_emotion(text: str) -> None:
    out = _customer(text)
    assert out["hostile"] < 0.5
    assert out["emotion"]["label"] in ("grateful", "neutral")
