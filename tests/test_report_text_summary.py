"""The terminal summary of ``servicemind demo``: best and worst reply, and why."""

from __future__ import annotations

from typing import Any

import pytest

from _contract_builders import agent, customer, result, traits
from servicemind.report.aggregate import BEST_MIN
from servicemind.report.text import Tally, summarize


def _conv(
    best_coaching: dict[str, Any] | None, worst_coaching: dict[str, Any] | None
) -> dict[str, Any]:
    return result(
        [
            ("customer", "My parcel never arrived.", customer("angry")),
            ("agent", "Sorry. I'll resend it today.", agent(82, coaching=best_coaching)),
            ("customer", "And the refund?", customer("neutral")),
            (
                "agent",
                "Check the website.",
                agent(40, traits(0.5, solution=0.2), coaching=worst_coaching),
            ),
        ],
        moments=[{"turn": 2, "kind": "drop", "detail": "satisfaction fell from 3.0 to 2.1"}],
    )


def test_summary_names_best_and_worst_with_their_coaching() -> None:
    text = summarize(
        _conv(
            {
                "strengths": ["Ownership: “I'll resend it today.”"],
                "improve": None,
                "rewrite": None,
                "focus": None,
            },
            {
                "strengths": [],
                "improve": "Give the customer a concrete next step.",
                "rewrite": None,
                "focus": "solution",
            },
        )
    )
    lines = text.splitlines()
    assert lines[0] == "c1  (chat)"
    assert "best   [ 82]" in text and "Sorry. I'll resend it today." in text
    assert "why: Ownership: “I'll resend it today.”" in text
    assert "worst  [ 40]" in text and "why: Give the customer a concrete next step." in text
    assert "moment at turn 2: satisfaction fell from 3.0 to 2.1" in text


def test_summary_without_coaching_names_the_highest_traits() -> None:
    text = summarize(_conv(None, None))
    assert "why: its highest traits: empathy 0.80" in text
    assert "why: nothing to fix; its lowest traits: solution 0.20, empathy 0.50" in text


def test_summary_joins_two_strengths_without_a_stray_full_stop() -> None:
    text = summarize(
        _conv(
            {
                "strengths": ["Ownership: “I'll resend it”.", "Solution: “It ships today.”"],
                "improve": None,
                "rewrite": None,
                "focus": None,
            },
            None,
        )
    )
    assert "why: Ownership: “I'll resend it”; Solution: “It ships today.”" in text
    assert "”.;" not in text


def _promise(status: str) -> dict[str, Any]:
    return {
        "text": "I'll resend it today",
        "start": 7,
        "end": 27,
        "due": "today",
        "status": status,
        "resolved_by": 2 if status == "broken" else None,
    }


@pytest.mark.parametrize(
    ("status", "flagged"), [("broken", True), ("open", False), ("kept", False)]
)
def test_summary_never_names_a_broken_promise_best(status: str, flagged: bool) -> None:
    best = agent(90, commitments=[_promise(status)])
    if flagged:
        best["flags"] = ["broken_promise"]
    text = summarize(
        result(
            [
                ("customer", "My parcel never arrived.", customer("angry")),
                ("agent", "Sorry. I'll resend it today.", best),
                ("customer", "Still nothing.", customer("angry")),
                ("agent", "Checking now.", agent(60)),
            ]
        )
    )
    assert ("best   [ 90]" in text) is not flagged
    assert (
        'broken promise, turn 1 [ 90]: "I\'ll resend it today" (shown broken at turn 2)' in text
    ) is flagged


def test_summary_with_every_reply_broken_names_no_best() -> None:
    only = agent(95, commitments=[_promise("broken")])
    only["flags"] = ["broken_promise"]
    text = summarize(
        result(
            [
                ("customer", "Where is it?", customer("angry")),
                ("agent", "Sorry. I'll resend it today.", only),
            ]
        )
    )
    assert "best   none: every reply made a promise that was broken later" in text
    assert "why: a promise it made was broken later" in text


@pytest.mark.parametrize(
    ("overall", "named"),
    [(43, False), (BEST_MIN - 1, False), (BEST_MIN, True), (82, True)],
)
def test_summary_names_no_weak_reply_best(overall: int, named: bool) -> None:
    conv = result(
        [
            ("customer", "My parcel never arrived.", customer("angry")),
            ("agent", "Check the tracking page.", agent(overall)),
        ]
    )
    text = summarize(conv)
    assert ("best   [" in text) is named
    none_line = f"best   none: no reply reached {BEST_MIN}, the bar for one to follow"
    assert (none_line in text) is not named
    if not named:
        assert f"{none_line} (highest {overall})" in text


def _one(overall: int, *, broken: bool = False) -> dict[str, Any]:
    reply = agent(overall, commitments=[_promise("broken")] if broken else None)
    if broken:
        reply["flags"] = ["broken_promise"]
    return result(
        [("customer", "Where is it?", customer("angry")), ("agent", "It ships today.", reply)]
    )


def test_tally_counts_conversations_with_a_reply_to_follow() -> None:
    tally = Tally()
    for conv in (_one(BEST_MIN), _one(82), _one(BEST_MIN - 1), _one(90, broken=True)):
        tally.add(conv)
    line = tally.line()
    # a broken promise keeps a high reply from being one to follow, as in the summary
    assert line.startswith(f"2 of 4 conversations have a reply to follow ({BEST_MIN} or more)")
    assert "in 2 every reply fell short" in line
    assert "1 promise shown broken later." in line


def test_tally_when_every_conversation_has_a_best_reply_says_nothing_fell_short() -> None:
    tally = Tally()
    tally.add(_one(75))
    assert tally.line() == f"1 of 1 conversations have a reply to follow ({BEST_MIN} or more)."
    assert Tally().line() == "No conversations."


def test_lowest_of_good_replies_is_not_called_worst() -> None:
    # both replies are ones to follow: the lower is the conversation's lowest, not a bad reply
    good = result(
        [
            ("customer", "My parcel never arrived.", customer("angry")),
            ("agent", "Sorry. I'll resend it today.", agent(88)),
            ("customer", "And the refund?", customer("neutral")),
            ("agent", "Refunded now, it shows in 3 days.", agent(BEST_MIN + 2)),
        ]
    )
    text = summarize(good)
    assert f"lowest [{BEST_MIN + 2:3d}]" in text
    assert "worst" not in text
    # one point under the bar, the same reply is the worst again
    bad = summarize(
        result(
            [
                ("customer", "My parcel never arrived.", customer("angry")),
                ("agent", "Sorry. I'll resend it today.", agent(88)),
                ("agent", "Check the website.", agent(BEST_MIN - 1)),
            ]
        )
    )
    assert f"worst  [{BEST_MIN - 1:3d}]" in bad and "lowest [" not in bad
