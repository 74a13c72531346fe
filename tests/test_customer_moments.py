"""Moments of truth on hand-built conversations with hand-set customer fields."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from _customer_helpers import MOMENTS_PATH, doc, schema_fragment
from servicemind.analyse.base import EMOTIONS, Doc
from servicemind.analyse.moments import MomentsAnalyser
from servicemind.analyse.pipeline import Pipeline


def _set(d: Doc, index: int, label: str, sat: float, hostile: float = 0.0) -> None:
    scores = {e: (0.75 if e == label else 0.05) for e in EMOTIONS}
    d.out["turns"][index]["customer"].update(
        {
            "emotion": {"label": label, "scores": scores, "fine": {}, "fine_labels": []},
            "satisfaction": sat,
            "hostile": hostile,
        }
    )


def _conversation() -> Doc:
    d = doc(
        ("customer", "Hi, my parcel hasn't arrived"),  # 0
        ("agent", "Please wait 10 more working days."),  # 1
        ("customer", "Ten days?! You idiots lost it."),  # 2
        ("agent", "I'm so sorry. I've sent a replacement by express, it arrives tomorrow."),  # 3
        ("customer", "Oh, thank you, that's great"),  # 4
    )
    _set(d, 0, "neutral", 3.1)
    _set(d, 2, "angry", 2.2, hostile=0.8)
    _set(d, 4, "grateful", 3.9)
    return d


def _kinds(moments: list[dict[str, Any]]) -> list[tuple[int, str, int | None]]:
    return [(m["turn"], m["kind"], m["agent_turn"]) for m in moments]


def test_moments_find_drop_negative_hostility_and_recovery() -> None:
    d = _conversation()
    MomentsAnalyser().annotate([d])
    assert _kinds(d.out["summary"]["moments"]) == [
        (2, "satisfaction_drop", 1),
        (2, "emotion_negative", 1),
        (2, "hostility", 1),
        (2, "lowest_point", 1),
        (4, "satisfaction_rise", 3),
        (4, "emotion_recovery", 3),
    ]
    drop = d.out["summary"]["moments"][0]
    assert drop["delta"] == -0.9
    assert "3.1" in drop["detail"] and "2.2" in drop["detail"]


def test_moments_first_turn_negative_is_an_opening_with_no_agent_turn() -> None:
    d = doc(("customer", "I'm furious"), ("agent", "Sorry!"))
    _set(d, 0, "angry", 2.0)
    MomentsAnalyser().annotate([d])
    assert _kinds(d.out["summary"]["moments"]) == [(0, "opening", None)]
    assert d.out["summary"]["moments"][0]["detail"].startswith("the customer opened angry")


def test_moments_a_later_negative_turn_says_what_it_turned_from() -> None:
    d = doc(("customer", "hi"), ("agent", "Hello!"), ("customer", "this is useless"))
    _set(d, 0, "neutral", 3.0)
    _set(d, 2, "angry", 2.9)
    MomentsAnalyser().annotate([d])
    (m,) = d.out["summary"]["moments"]
    assert m["detail"].startswith("the customer turned angry")
    assert "(was neutral)" in m["detail"] and "(followed agent turn 1)" in m["detail"]
    assert "after agent turn" not in m["detail"]  # it followed that reply, not because of it


def test_moments_small_changes_are_not_moments() -> None:
    d = doc(("customer", "a"), ("agent", "b"), ("customer", "c"))
    _set(d, 0, "neutral", 3.0)
    _set(d, 2, "confused", 2.85)
    MomentsAnalyser().annotate([d])
    assert d.out["summary"]["moments"] == []
    MomentsAnalyser(satisfaction_step=0.1).annotate([d])
    assert _kinds(d.out["summary"]["moments"]) == [
        (2, "satisfaction_drop", 1),
        (2, "lowest_point", 1),  # the same step decides whether the low is real
    ]


def test_moments_lowest_point_needs_a_real_low() -> None:
    d = doc(("customer", "a"), ("agent", "b"), ("customer", "c"), ("agent", "d"), ("customer", "e"))
    _set(d, 0, "neutral", 3.2)
    _set(d, 2, "neutral", 2.9)
    _set(d, 4, "neutral", 2.6)  # a slide of 0.3 a turn: no drop, but 0.6 below the start
    MomentsAnalyser().annotate([d])
    (m,) = d.out["summary"]["moments"]
    assert (m["turn"], m["kind"], m["agent_turn"], m["delta"]) == (4, "lowest_point", 3, -0.6)
    assert "2.6" in m["detail"] and "3.2" in m["detail"]
    _set(d, 4, "neutral", 2.8)  # 0.4 below the highest: flat enough, no low point
    MomentsAnalyser().annotate([d])
    assert d.out["summary"]["moments"] == []


def _stated_kinds(*customer: str) -> list[tuple[int, str]]:
    turns: list[tuple[str, str]] = []
    for i, text in enumerate(customer):
        turns += [("customer", text), ("agent", f"reply {i}")]
    d = doc(*turns)
    for i in range(len(customer)):
        _set(d, 2 * i, "angry", 2.5)  # already negative: no emotion or satisfaction moment
    MomentsAnalyser().annotate([d])
    return [(m["turn"], m["kind"]) for m in d.out["summary"]["moments"]]


def test_moments_churn_and_escalation_fire_when_the_emotion_was_already_negative() -> None:
    kinds = _stated_kinds(
        "THIRD TIME I'm contacting you. My internet has been down for 4 days.",
        "Are you kidding me? I want to speak to a manager right now or I'm cancelling.",
        "Unbelievable. Cancel my contract.",
    )
    assert kinds == [
        (0, "opening"),
        (2, "churn_intent"),
        (2, "escalation_threat"),
    ]  # turn 4 repeats the churn of turn 2: not a new moment


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I'm switching to Vodafone.", "churn_intent"),
        ("I'll take my business elsewhere.", "churn_intent"),
        ("Please close my account, I'm done with you.", "churn_intent"),
        ("Ich will meinen Vertrag kündigen.", "churn_intent"),
        ("I'm making a formal complaint and going to the ombudsman.", "escalation_threat"),
        ("Put me through to your supervisor.", "escalation_threat"),
    ],
)
def test_moments_read_churn_and_escalation_wording(text: str, kind: str) -> None:
    assert (0, kind) in _stated_kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can I cancel my order? I ordered the wrong size.",
        "I'm switching to the annual plan, how do I pay?",
        "I'm not angry, just a bit disappointed that it took three weeks.",
    ],
)
def test_moments_a_cancelled_order_or_a_plan_change_is_not_churn(text: str) -> None:
    assert _stated_kinds(text) == [(0, "opening")]


def test_moments_stated_detail_quotes_the_words_and_names_the_turn_before() -> None:
    d = doc(("customer", "hi"), ("agent", "Anything else?"), ("customer", "Cancel my contract."))
    _set(d, 0, "neutral", 3.0)
    _set(d, 2, "neutral", 3.0)
    MomentsAnalyser().annotate([d])
    (m,) = d.out["summary"]["moments"]
    assert m["kind"] == "churn_intent" and m["agent_turn"] == 1
    assert "“Cancel my contract”" in m["detail"] and "followed agent turn 1" in m["detail"]


def test_moments_validate_and_come_in_turn_order_end_to_end() -> None:
    d = doc(
        ("customer", "Hello, I need to change my delivery address"),
        ("agent", "That's not possible, read the terms."),
        ("customer", "This is the third time I'm asking. Are you kidding me?!"),
        ("agent", "I understand, I've changed it for you now and emailed a confirmation."),
        ("customer", "Thank you so much, you saved my day"),
    )
    Pipeline(components=["emotion", "hostility", "satisfaction", "moments"]).annotate([d])
    moments = d.out["summary"]["moments"]
    jsonschema.Draft202012Validator(schema_fragment(*MOMENTS_PATH)).validate(moments)
    turns = [m["turn"] for m in moments]
    assert turns == sorted(turns)
    kinds = {(m["turn"], m["kind"]) for m in moments}
    assert (2, "emotion_negative") in kinds
    assert (4, "emotion_recovery") in kinds
    sat = d.out["summary"]["satisfaction"]
    assert isinstance(sat, float) and 1.0 <= sat <= 5.0


def test_moments_and_satisfaction_without_customer_turns() -> None:
    d = doc(("agent", "Hello, how can I help?"))
    Pipeline(components=["emotion", "hostility", "satisfaction", "moments"]).annotate([d])
    assert d.out["summary"]["satisfaction"] is None
    assert d.out["summary"]["moments"] == []
