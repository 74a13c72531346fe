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


DRIVER = "Your driver threw my parcel over the fence and it broke. Fix this."


@pytest.mark.parametrize(
    ("reply", "flagged"),
    [
        # guarantees of outcomes the agent cannot control (guideline: balance 0, over-promising)
        (
            "I understand your frustration. I will personally make sure this never happens "
            "again and I guarantee a full refund today.",
            True,
        ),
        ("I'm sorry. We'll make sure this never happens again.", True),
        ("I guarantee 100% it will be back with you by Saturday.", True),
        # look-alikes that keep their meaning: a guarantee declined, a concrete fix that stops
        # a repeat, a negated "guaranteed"
        ("I can't guarantee it will arrive tomorrow, but I'll chase the courier today.", False),
        ("I've blocked premium texts on your number so it can't happen again.", False),
        ("I'll fix the spelling on your profile so it doesn't happen again.", False),
        ("Delivery dates are not guaranteed, and I'm sorry it came late.", False),
    ],
)
def test_traits_balance_over_promise_flags_guarantees_not_fixes(reply: str, flagged: bool) -> None:
    assert ("over_promise" in _flags(DRIVER, reply)) is flagged
    t = trait(DRIVER, reply, "balance", emotion="angry")
    if flagged:  # balance applies when the reply over-promises, and the guarantee lowers it
        assert t["applicable"] is True
        assert t["score"] <= 0.25
        assert any(e["polarity"] == "negative" for e in t["evidence"])


ROAMING = "I was overcharged on my phone bill. It should be $45.50 not $95.50."
HOTEL = "Can I get a refund for my hotel booking? My mum is in hospital and I can't travel."
DRESS = "The dress I bought tore at the seam after 45 days. I want a full refund."


@pytest.mark.parametrize(
    ("customer", "reply", "policy_only"),
    [
        # a limit with an alternative is not "policy only" (the flag means neither an
        # acknowledgement nor an alternative)
        (
            ROAMING,
            "Per our records, the $50 difference is a roaming charge from 12 March. We can't "
            "remove it, but if you add the Travel Pass ($5/month) before your next trip, "
            "roaming is included.",
            False,
        ),
        (
            HOTEL,
            "Your booking is non-refundable. You can change the dates once for free up to 24 "
            "hours before check-in.",
            False,
        ),
        # the limit alone stays flagged
        (
            DRESS,
            "Unfortunately our return window is 30 days. Per policy we cannot accept returns "
            "after that.",
            True,
        ),
        (HOTEL, "Your booking is non-refundable.", True),
        (ROAMING, "We can't remove it, but it is on your bill.", True),
    ],
)
def test_traits_balance_policy_only_means_no_alternative(
    customer: str, reply: str, policy_only: bool
) -> None:
    assert ("policy_only" in _flags(customer, reply)) is policy_only


@pytest.mark.parametrize(
    ("reply", "limit_polarity"),
    [
        ("Unfortunately our return window is 30 days.", "negative"),
        ("I'm sorry, unfortunately our return window is 30 days.", "positive"),
        ("A refund is not possible after 30 days, but I can offer you a repair.", "positive"),
    ],
)
def test_traits_balance_limit_alone_is_negative_evidence(reply: str, limit_polarity: str) -> None:
    """A limit with neither an acknowledgement nor an alternative lowers balance (0.15
    against 0.25 without a limit), so its evidence says it lowered the score."""
    t = trait(DRESS, reply, "balance", emotion="disappointed")
    limits = [e for e in t["evidence"] if "limit" in e["cue"] or "policy" in e["cue"]]
    assert limits
    assert {e["polarity"] for e in limits} == {limit_polarity}


def test_traits_balance_what_you_can_do_counts_only_beside_a_limit() -> None:
    """'You can change …' is an alternative to a limit; with no limit it is a plain step."""
    plain = trait(HOTEL, "You can change the dates in the app.", "balance", "anxious")
    assert not any("still possible" in e["cue"] for e in plain["evidence"])
    held = trait(HOTEL, "It's non-refundable. You can change the dates in the app.", "balance")
    assert any("still possible" in e["cue"] for e in held["evidence"])
