"""Satisfaction: hand-written customer turns use the 1..5 scale in the right direction."""

from __future__ import annotations

import numpy as np
import pytest

from _customer_helpers import annotated, doc
from servicemind.analyse._customer import stage_satisfaction
from servicemind.analyse.moments import HOSTILE_MIN, SATISFACTION_STEP
from servicemind.analyse.pipeline import Pipeline
from servicemind.analyse.registry import registered
from servicemind.analyse.satisfaction import HOSTILE_CAP, cap_hostile
from servicemind.errors import ConfigError
from servicemind.training._sat_stage import passes_bar

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


_CALM = "My internet has been down for three days."
_ABUSE = "You useless idiots, I've been waiting all week, I'll sue you."


def test_satisfaction_abuse_falls_below_the_calm_turn_and_recovery_is_read_against_before() -> None:
    d = annotated(
        ("customer", _CALM),  # 0
        ("agent", "Sorry to hear that. Can you restart the router?"),
        ("customer", _ABUSE),  # 2
        ("agent", "I understand. I have reset the line from here."),
        ("customer", "Okay, it's working again now, thank you."),  # 4
    )
    cust = {t["index"]: t["customer"] for t in d.out["turns"] if t["side"] == "customer"}
    assert cust[2]["hostile"] >= HOSTILE_MIN
    assert cust[2]["satisfaction"] <= HOSTILE_CAP < cust[0]["satisfaction"]
    assert cust[4]["satisfaction"] > HOSTILE_CAP
    kinds = {(m["turn"], m["kind"]) for m in d.out["summary"]["moments"]}
    assert (2, "satisfaction_drop") in kinds
    assert (4, "emotion_recovery") in kinds
    # the rise is measured against the calm turn before the capped one, not the cap
    risen = cust[4]["satisfaction"] - cust[0]["satisfaction"] >= SATISFACTION_STEP
    assert ((4, "satisfaction_rise") in kinds) == risen


def test_satisfaction_casual_profanity_is_frustration_not_capped() -> None:
    d = annotated(
        ("customer", "My app won't open."),
        ("agent", "Which version are you on?"),
        ("customer", "this f***ing app keeps crashing"),
    )
    turn = d.out["turns"][2]["customer"]
    # the hostility gate reads undirected swearing as frustration, below the threshold
    assert turn["hostile"] < HOSTILE_MIN
    assert turn["satisfaction"] > HOSTILE_CAP


@pytest.mark.parametrize(
    ("value", "hostile", "text", "expected"),
    [
        (3.4, 0.9, "You useless idiots", HOSTILE_CAP),  # hostile, insults: capped
        (1.6, 0.9, "You useless idiots", 1.6),  # already below the cap: unchanged
        (3.4, 0.4, "You useless idiots", 3.4),  # below the threshold: the model decides
        (3.4, 0.96, "how are you", 3.4),  # high score with no insult or swear word
        (3.4, HOSTILE_MIN, "shut up and listen", HOSTILE_CAP),  # at the threshold
    ],
)
def test_satisfaction_cap_hostile(value: float, hostile: float, text: str, expected: float) -> None:
    assert cap_hostile([value], [hostile], [text]).tolist() == [expected]


def test_satisfaction_stage_weights_combine_text_emotion_and_hostility() -> None:
    six = [[0.0, 0.0, 0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]]
    weights = np.array([0.5, 1.0, -0.5, 0.0, 0.0, 0.0, 0.25, 0.0, -1.0])
    got = stage_satisfaction([3.0, 3.0], six, [0.0, 1.0], weights)
    assert got.tolist() == [3.75, 2.0]
    # clipped to the scale
    assert stage_satisfaction([4.9], [six[0]], [0.0], weights).tolist() == [5.0]


def test_satisfaction_requires_emotion_and_hostility_first() -> None:
    with pytest.raises(ConfigError):
        Pipeline(components=["satisfaction"])
    info = registered()["satisfaction"]
    assert info["requires"] == ["customer.emotion", "customer.hostile"]


def _levels(turn: list[float], dialogue: list[float]) -> dict[str, dict[str, float]]:
    doms = ("SGD", "MWOZ", "ReDial", "CCPE")
    return {
        "turn": dict(zip(doms, turn, strict=True)),
        "dialogue": dict(zip(doms, dialogue, strict=True)),
    }


@pytest.mark.parametrize(
    ("turn", "dialogue", "adopted"),
    [
        ([0.52, 0.39, 0.45, 0.43], [0.36, 0.35, 0.37, 0.34], True),  # all up or level
        ([0.52, 0.39, 0.45, 0.394], [0.36, 0.35, 0.37, 0.34], False),  # a turn drop > 0.005
        ([0.52, 0.39, 0.45, 0.43], [0.354, 0.35, 0.37, 0.34], False),  # a dialogue drop
        ([0.50, 0.39, 0.44, 0.40], [0.36, 0.35, 0.37, 0.34], False),  # mean not above
    ],
)
def test_satisfaction_stage_adoption_bar(
    turn: list[float], dialogue: list[float], adopted: bool
) -> None:
    before = _levels([0.50, 0.39, 0.44, 0.40], [0.36, 0.35, 0.37, 0.34])
    assert passes_bar(before, _levels(turn, dialogue)) is adopted
