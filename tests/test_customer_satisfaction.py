"""Satisfaction: hand-written customer turns use the 1..5 scale in the right direction."""

from __future__ import annotations

from _customer_helpers import doc
from servicemind.analyse.moments import SATISFACTION_STEP
from servicemind.analyse.pipeline import Pipeline

_PLEASED = "Perfect, thanks a lot, have a great day"
_REJECTING = "No, that is not what I asked for. This does not help at all."


def _turn_values(*customer_turns: str) -> tuple[list[float], float]:
    turns: list[tuple[str, str]] = []
    for text in customer_turns:
        turns += [("customer", text), ("agent", "Let me check that for you.")]
    d = doc(*turns)
    Pipeline(components=["emotion", "hostility", "satisfaction", "moments"]).annotate([d])
    values = [t["customer"]["satisfaction"] for t in d.out["turns"] if t["side"] == "customer"]
    return values, d.out["summary"]["satisfaction"]


def test_satisfaction_pleased_turn_is_a_moment_above_a_rejecting_one() -> None:
    (pleased, rejecting), _ = _turn_values(_PLEASED, _REJECTING)
    assert 1.0 <= rejecting < pleased <= 5.0
    # the stretched scale: this swing is big enough to be a moment of truth
    assert pleased - rejecting >= SATISFACTION_STEP


def test_satisfaction_drop_becomes_a_moment_end_to_end() -> None:
    d = doc(
        ("customer", _PLEASED),
        ("agent", "You're welcome. Anything else?"),
        ("customer", _REJECTING),
    )
    Pipeline(components=["emotion", "hostility", "satisfaction", "moments"]).annotate([d])
    kinds = [(m["turn"], m["kind"], m["agent_turn"]) for m in d.out["summary"]["moments"]]
    assert (2, "satisfaction_drop", 1) in kinds


def test_satisfaction_overall_follows_the_turns() -> None:
    _, happy = _turn_values(_PLEASED, "Thank you so much, that solved everything")
    _, unhappy = _turn_values(_REJECTING, "This still does not work, I give up")
    assert 1.0 <= unhappy < happy <= 5.0
