"""Praise and relief close what came before (issue 5: no opportunity, no score), and an
apology for earlier words is read without them on the customer side (issue 4, trial 20
F4, F11): "Brilliant. Thanks Grace, you've been great" after the fix closes the
conversation; relief ("that's a relief") says the worry is settled; "sorry for calling you
useless" next to good news is not a new complaint."""

from __future__ import annotations

import pytest
from tests._agent_helpers import make_doc

from servicemind.analyse.emotion import EmotionAnalyser
from servicemind.analyse.traits._context import build_context

EARLIER_PROBLEM = [("I was charged for roaming twice although I have the add-on.", {})]
ANSWER = ["The add-on was on your old SIM; I've moved it and refunded both charges."]


@pytest.mark.parametrize(
    "message",
    [
        "Brilliant. Thanks Grace, you've been great",
        "Perfect! Thank you, you've been so helpful",
        "Okay. That's a relief, thank you.",
        "Oh thank god. Thanks Sam.",
        "Quel soulagement, merci beaucoup.",
        "Qué alivio, muchas gracias.",
    ],
)
def test_praise_and_relief_after_the_answer_close_the_conversation(message: str) -> None:
    ctx = build_context([(message, {})], EARLIER_PROBLEM, ANSWER)
    assert ctx.closing is True
    assert ctx.problem is False


@pytest.mark.parametrize(
    "message",
    [
        "Thanks, you've been great, but it still doesn't work.",
        "That's a relief. But why was I charged a third time today?",
        "You've been great so far. Is the refund also for March?",
    ],
)
def test_praise_or_relief_with_a_new_problem_or_question_does_not_close(message: str) -> None:
    ctx = build_context([(message, {})], EARLIER_PROBLEM, ANSWER)
    assert ctx.closing is False


def _emotion(text: str) -> str:
    doc = make_doc([("customer", "My bag is lost."), ("agent", "It's found."), ("customer", text)])
    EmotionAnalyser(cues=False).annotate([doc])
    *_, (_, out) = doc.iter_customer()
    label: str = out["emotion"]["label"]
    return label


def test_an_apology_for_an_earlier_insult_does_not_make_good_news_negative() -> None:
    apology = (
        "The bag arrived this morning, all fine. Sorry for calling you useless yesterday. Thanks."
    )
    assert _emotion(apology) == "grateful"
    # the same insult, not taken back, is read as it stands
    assert _emotion("The bag arrived this morning. You are useless.") != "grateful"
