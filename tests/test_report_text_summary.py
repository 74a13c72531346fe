"""The terminal summary of ``servicemind demo``: best and worst reply, and why."""

from __future__ import annotations

from typing import Any

import pytest

from _contract_builders import agent, customer, result, traits
from servicemind.report.aggregate import BEST_MIN
from servicemind.report.text import summarize


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
    assert "best  [ 82]" in text and "Sorry. I'll resend it today." in text
    assert "why: Ownership: “I'll resend it today.”" in text
    assert "worst [ 40]" in text and "why: Give the customer a concrete next step." in text
    assert "moment at turn 2: satisfaction fell from 3.0 to 2.1" in text


def test_summary_without_coaching_says_there_was_no_clear_strength() -> None:
    text = summarize(_conv(None, None))
    assert "why: no clear strength; highest: empathy 0.80" in text
    assert "why: nothing to fix; lowest: solution 0.20, empathy 0.50" in text


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
    assert ("best  [ 90]" in text) is not flagged
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
    assert "best  none: every reply made a promise that was broken later" in text
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
    assert ("best  [" in text) is named
    assert (f"no reply scored {BEST_MIN} or more" in text) is not named
