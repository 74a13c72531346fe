"""Balance (ack + policy + alternative; over-promise; policy-only) and resiliency."""

from __future__ import annotations

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc, trait
from servicemind.analyse.traits import TraitsAnalyser

REFUND = "I want a refund for my non-flexible ticket, my plans changed and I'm really disappointed."


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        (
            "I understand how disappointing this is. Unfortunately the fare rules don't allow a "
            "refund, but what I can do is move you to another date at no charge.",
            0.85,
            1.0,
        ),
        ("Refunds are not possible per our policy.", 0.0, 0.2),
        ("I'm sorry, unfortunately that ticket is non-refundable.", 0.4, 0.65),
    ],
)
def test_traits_balance_ack_policy_alternative(reply: str, low: float, high: float) -> None:
    t = trait(REFUND, reply, "balance", emotion="disappointed")
    assert t["applicable"] is True
    assert low <= t["score"] <= high


def _flags(customer: str, reply: str) -> list[str]:
    doc = make_doc([("customer", customer), ("agent", reply)], [customer_fields("disappointed")])
    TraitsAnalyser(calibrated=False).annotate([doc])
    flags: list[str] = last_agent(doc)["flags"]
    return flags


def test_traits_balance_flags_policy_only() -> None:
    assert "policy_only" in _flags(REFUND, "Refunds are not possible per our policy.")


def test_traits_balance_flags_over_promise() -> None:
    reply = "I guarantee you'll get a full refund and I'll give you double miles, it will never happen again."
    assert "over_promise" in _flags(REFUND, reply)
    assert trait(REFUND, reply, "balance")["score"] <= 0.2


def test_traits_balance_not_applicable_without_tension() -> None:
    t = trait(
        "Can I change my seat to the aisle?", "Done, you're now in 14C, an aisle seat.", "balance"
    )
    assert t["applicable"] is False


HOSTILE = "You useless idiots charged me twice AGAIN. Fix it or I'll sue you."


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        (
            "I understand you're upset, and I want to fix this. I've reversed the second charge.",
            0.8,
            1.0,
        ),
        ("Fine.", 0.5, 0.8),
        ("Whatever. Do you want the refund or not?", 0.0, 0.2),
        ("If you keep shouting I will end this chat.", 0.0, 0.5),
        ("We can do whatever you prefer: a refund or a new card.", 0.6, 1.0),
        ("Watch your tone. If you don't like it, take your business elsewhere.", 0.0, 0.1),
        ("Oh great, another genius who can't read a bill.", 0.0, 0.1),
    ],
)
def test_traits_resiliency_calm_vs_retaliating(reply: str, low: float, high: float) -> None:
    t = trait(HOSTILE, reply, "resiliency", emotion="angry", hostile=0.95)
    assert t["applicable"] is True
    assert low <= t["score"] <= high


def test_traits_resiliency_not_applicable_without_hostility() -> None:
    t = trait(
        "I was charged twice, can you check?",
        "Sure, I'll check.",
        "resiliency",
        emotion="disappointed",
        hostile=0.05,
    )
    assert t["applicable"] is False


def test_traits_resiliency_reads_upstream_hostile_score_over_words() -> None:
    # no insult words, but the customer-side analyser said hostile: resiliency applies
    t = trait(
        "I know where your office is.",
        "I'm here to help with your account.",
        "resiliency",
        emotion="angry",
        hostile=0.9,
    )
    assert t["applicable"] is True
