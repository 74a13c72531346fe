"""Named harm caps the trained scores: sarcasm, refusals, blame (traits._analyser.harm_caps)."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.analyse.traits._empathy import CHEER_CUE

LOST = "I can't find where to change my delivery address, this website is impossible."


def _traits(reply: str, customer: str = LOST, emotion: str = "angry") -> dict[str, Any]:
    doc = make_doc([("customer", customer), ("agent", reply)], [customer_fields(emotion)])
    TraitsAnalyser().annotate([doc])
    traits: dict[str, Any] = last_agent(doc)["traits"]
    return traits


def test_more_sarcasm_never_scores_higher() -> None:
    replies = [
        "Refunds take 5 days.",
        "Oh great. Refunds take 5 days.",
        "Oh great. Refunds take 5 days, genius.",
        "Oh great. Refunds take 5 days, genius. Good luck with that.",
    ]
    scored = [_traits(r) for r in replies]
    for trait in ("politeness", "empathy", "enthusiasm", "genuineness"):
        values = [t[trait]["score"] or 0.0 for t in scored]
        assert values[1:] == sorted(values[1:], reverse=True), (trait, values)
        assert values[-1] <= values[0], (trait, values)


def test_a_mocking_reply_is_not_courteous() -> None:
    t = _traits("Oh great, another one who can't read. It's in 'My Account', genius. Good luck.")
    assert t["politeness"]["score"] < 0.3
    assert t["empathy"]["score"] is None or t["empathy"]["score"] < 0.3


def test_an_outright_refusal_caps_ownership() -> None:
    refusal = _traits("I am not happy to help with this and I will not look into it.")
    owning = _traits("I'm happy to help with this and I will look into it now.")
    assert refusal["ownership"]["score"] < 0.2 < owning["ownership"]["score"]
    assert any(e["cue"] == "refuses to help" for e in refusal["ownership"]["evidence"])


@pytest.mark.parametrize(
    ("reply", "low"),
    [
        ("I'm so sorry, it's not your fault: these texts look real. I've blocked the card.", 0.5),
        ("You're not stupid at all, this happens a lot. I've reset it for you.", 0.4),
    ],
)
def test_negated_harm_words_do_not_cap(reply: str, low: float) -> None:
    t = _traits(reply, "I clicked a link in a text and now my card is blocked, I feel so stupid.")
    assert t["ownership"]["score"] >= low


@pytest.mark.parametrize(
    ("customer", "sober_reply", "cheery_reply"),
    [
        (
            "My mum passed away last week and I need to close her account.",
            "I've closed the account and sent the confirmation to your email.",
            "Awesome, I've closed the account and sent the confirmation to your email! Have "
            "a fantastic day!",
        ),
        (
            "There's a strong smell of gas in my kitchen, what do I do?",
            "An engineer is on the way and will be with you within the hour.",
            "Yay, an engineer is on the way and will be with you within the hour! Super!",
        ),
    ],
)
def test_cheer_after_a_loss_or_a_scare_lowers_empathy_and_genuineness(
    customer: str, sober_reply: str, cheery_reply: str
) -> None:
    # guideline v3: the cheer is evidence against, so the trained words and politeness
    # cannot lift the two traits above what the rules give them (trial 22a F5)
    sober = _traits(sober_reply, customer, "sad")
    cheery = _traits(cheery_reply, customer, "sad")
    for trait in ("empathy", "genuineness"):
        cues = {e["cue"] for e in cheery[trait]["evidence"]}
        assert CHEER_CUE in cues
        assert cheery[trait]["score"] < sober[trait]["score"], trait
