"""Advice worded by what the reply does contain: it credits the part that is there and asks
for the missing one, instead of "Nothing in this reply did it" beside an action (trial 18)."""

from __future__ import annotations

import pytest

from _contract_builders import evidence, trait, traits
from servicemind.api import score_reply
from servicemind.coach.feedback import improve

LOOK = (
    "Helen, I'm really sorry. Missing a birthday is exactly the kind of thing that shouldn't "
    "happen. Let me look at order 4471-2290 right now."
)


def _responsibility_weak(reply: str, **spans: tuple[str, str, str]) -> dict[str, object]:
    """Responsibility 0.34 (weakest); each keyword names a trait with one span."""
    over: dict[str, object] = {"responsibility": trait(0.34)}
    for name, (text, cue, polarity) in spans.items():
        score = 0.34 if name == "responsibility" else 0.8
        over[name] = trait(score, [evidence(text, reply, cue, polarity)])
    return traits(0.8, **over)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reply", "spans", "says", "quotes"),
    [
        # an in-chat action with no follow-up: credit it, ask when they'll hear back
        (
            LOOK,
            {"ownership": ("Let me look", "takes the action on", "positive")},
            "add when the customer will hear back",
            "Let me look at order 4471-2290 right now",
        ),
        # a promise without a time: ask for the time
        (
            "We'll get back to you about the refund.",
            {
                "responsibility": (
                    "We'll get back to you",
                    "commitment without a time",
                    "positive",
                )
            },
            "not when it will happen",
            "We'll get back to you about the refund",
        ),
        # an action done: ask what happens next
        (
            "I've reset your router from our side.",
            {"ownership": ("I've reset", "has taken action", "positive")},
            "says what you did",
            "I've reset your router from our side",
        ),
        # an offer that waits for a yes
        (
            "Would you like me to email you the form?",
            {"enthusiasm": ("Would you like me to", "offers more help", "positive")},
            "waits for the customer's yes",
            "Would you like me to email you the form?",
        ),
    ],
)
def test_improve_credits_what_the_reply_does(
    reply: str, spans: dict[str, tuple[str, str, str]], says: str, quotes: str
) -> None:
    advice, focus = improve(_responsibility_weak(reply, **spans), text=reply)
    assert focus == "responsibility"
    assert advice is not None
    assert says in advice and f"“{quotes}”" in advice
    assert "Nothing in this reply did it" not in advice


@pytest.mark.parametrize(
    "spans",
    [
        {},  # nothing at all bears on it
        # look-alikes: an apology or a greeting is no action to credit
        {"empathy": ("I'm really sorry", "strong apology", "positive")},
        {"politeness": ("Helen", "greets", "positive")},
    ],
)
def test_improve_says_nothing_did_it_only_when_nothing_did(
    spans: dict[str, tuple[str, str, str]],
) -> None:
    advice, focus = improve(_responsibility_weak(LOOK, **spans), text=LOOK)
    assert focus == "responsibility"
    assert advice is not None and advice.endswith("Nothing in this reply did it.")


def test_improve_for_an_over_promise_asks_to_promise_only_what_can_be_kept() -> None:
    reply = "I will personally make sure this never happens again and I guarantee a refund."
    tr = traits(
        0.8,
        balance=trait(
            0.0,
            [evidence("never happens again", reply, "over-promise: promises it", "negative")],
        ),
    )
    advice, focus = improve(tr, text=reply)
    assert focus == "balance"
    assert advice is not None and advice.startswith("Promise only what you can keep")
    assert "state the policy" not in advice  # the policy advice does not fit a guarantee


BEREAVED = (
    "My husband passed away last month. I need to close his mobile account, but I don't know "
    "his password and I can't face going through all of this again."
)
CHEER = "Awesome, we're super excited to help you!!!"
CALM = (
    "I'm so sorry for the loss of your husband. You don't need his password, and you won't "
    "need to repeat this. I've started the closure on our side."
)


def test_cheer_after_a_loss_is_the_thing_to_improve_never_a_strength() -> None:
    out = score_reply(f"{CALM} {CHEER}", context=[("customer", BEREAVED)])
    agent = out["turns"][-1]["agent"]
    coaching = agent["coaching"]
    assert not any("Awesome" in s for s in coaching["strengths"])
    assert coaching["focus"] == "empathy"
    assert CHEER in coaching["improve"]
    assert coaching["rewrite"] is None or "Awesome" not in coaching["rewrite"]
    cues = [e["cue"] for e in agent["traits"]["empathy"]["evidence"]]
    assert any(c.startswith("cheer out of place") for c in cues)


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        # the same calm reply without the cheer: nothing about cheer to fix
        (BEREAVED, CALM),
        # the same cheer to a customer who is happy is not out of place
        ("It works now, thank you so much!", CHEER),
    ],
)
def test_cheer_advice_only_where_the_moment_is_sober(customer: str, reply: str) -> None:
    agent = score_reply(reply, context=[("customer", customer)])["turns"][-1]["agent"]
    assert "jars after a loss" not in (agent["coaching"]["improve"] or "")
    cues = [e["cue"] for t in agent["traits"].values() for e in t["evidence"]]
    assert not any(c.startswith("cheer out of place") for c in cues)
