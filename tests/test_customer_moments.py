"""Moments of truth on hand-built conversations with hand-set customer fields."""

from __future__ import annotations

from typing import Any

import jsonschema

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
        (4, "satisfaction_rise", 3),
        (4, "emotion_recovery", 3),
    ]
    drop = d.out["summary"]["moments"][0]
    assert drop["delta"] == -0.9
    assert "3.1" in drop["detail"] and "2.2" in drop["detail"]


def test_moments_first_turn_negative_has_no_agent_turn() -> None:
    d = doc(("customer", "I'm furious"), ("agent", "Sorry!"))
    _set(d, 0, "angry", 2.0)
    MomentsAnalyser().annotate([d])
    assert _kinds(d.out["summary"]["moments"]) == [(0, "emotion_negative", None)]
    assert d.out["summary"]["moments"][0]["detail"].startswith("the customer opened angry")


def test_moments_a_later_negative_turn_says_what_it_turned_from() -> None:
    d = doc(("customer", "hi"), ("agent", "Hello!"), ("customer", "this is useless"))
    _set(d, 0, "neutral", 3.0)
    _set(d, 2, "angry", 2.9)
    MomentsAnalyser().annotate([d])
    (m,) = d.out["summary"]["moments"]
    assert m["detail"].startswith("the customer turned angry")
    assert "(was neutral)" in m["detail"] and "after agent turn 1" in m["detail"]


def test_moments_small_changes_are_not_moments() -> None:
    d = doc(("customer", "a"), ("agent", "b"), ("customer", "c"))
    _set(d, 0, "neutral", 3.0)
    _set(d, 2, "confused", 2.85)
    MomentsAnalyser().annotate([d])
    assert d.out["summary"]["moments"] == []
    MomentsAnalyser(satisfaction_step=0.1).annotate([d])
    assert _kinds(d.out["summary"]["moments"]) == [(2, "satisfaction_drop", 1)]


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
