"""Ownership, responsibility and solution: deflection, negation, commitments, ask-only."""

from __future__ import annotations

import pytest

from _agent_helpers import trait

PROBLEM = "My router keeps dropping the connection since Monday, it's really annoying."


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        ("Leave it with me: I'll look into the line logs and fix it today.", 0.8, 1.0),
        ("I'll walk you through the reset one step at a time.", 0.6, 1.0),
        ("The network team will review it.", 0.3, 0.5),
        ("That's not our department, you'll need to contact the manufacturer.", 0.0, 0.1),
        ("If you had read the setup guide this wouldn't happen.", 0.0, 0.1),
    ],
)
def test_traits_ownership_owning_vs_deflecting(reply: str, low: float, high: float) -> None:
    t = trait(PROBLEM, reply, "ownership", emotion="angry")
    assert low <= t["score"] <= high


@pytest.mark.parametrize(
    ("reply", "direction"),
    [("I'm able to help with that.", 1), ("I'm not able to help with that.", -1)],
)
def test_traits_ownership_negation_flips_able_to_help(reply: str, direction: int) -> None:
    t = trait(PROBLEM, reply, "ownership")
    base = trait(PROBLEM, "Okay.", "ownership")
    assert (t["score"] - base["score"]) * direction > 0


def test_traits_ownership_evidence_offsets_are_exact() -> None:
    reply = "Hi Ana, let me check the logs. I've escalated it to our engineers."
    t = trait(PROBLEM, reply, "ownership")
    assert t["evidence"]
    for e in t["evidence"]:
        assert reply[e["start"] : e["end"]] == e["text"]


def test_traits_ownership_not_applicable_for_closing() -> None:
    t = trait("Perfect, it works now, thanks!", "You're welcome, have a lovely day.", "ownership")
    assert t["applicable"] is False


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        ("I'll call you tomorrow before noon with the engineer's findings.", 0.75, 1.0),
        ("We'll get back to you.", 0.45, 0.7),
        ("Someone may look at it at some point.", 0.0, 0.15),
        ("I guarantee it will never happen again.", 0.0, 0.2),
    ],
)
def test_traits_responsibility_rewards_concrete_commitments(
    reply: str, low: float, high: float
) -> None:
    t = trait(PROBLEM, reply, "responsibility")
    assert t["applicable"] is True
    assert low <= t["score"] <= high


def test_traits_responsibility_not_applicable_for_plain_question() -> None:
    t = trait(
        "What are your opening hours on Sunday?",
        "We're open 10am to 4pm on Sundays.",
        "responsibility",
    )
    assert t["applicable"] is False


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        ("I've reset your line and the connection is now restored.", 0.85, 1.0),
        ("Go to Settings > Network and tap 'Forget', then reconnect.", 0.6, 1.0),
        ("Could you please send me your account number?", 0.35, 0.55),
        ("Thank you for reaching out, we value you as a customer!", 0.0, 0.2),
        ("There's nothing we can do about that.", 0.0, 0.05),
    ],
)
def test_traits_solution_concrete_vs_asking_vs_nothing(reply: str, low: float, high: float) -> None:
    t = trait(PROBLEM, reply, "solution")
    assert low <= t["score"] <= high


def test_traits_solution_not_applicable_for_closing() -> None:
    t = trait("Got it, all sorted, thanks a lot!", "Anytime!", "solution")
    assert t["applicable"] is False
