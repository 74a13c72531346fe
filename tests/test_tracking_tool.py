"""The commitment-tracking set: its labelling tool's checks and its benchmark's scoring."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "annotation"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import tracking_tool as tt

import tracking_accuracy as ta

CONV: dict[str, Any] = {
    "id": "t0-0001",
    "turns": [
        {"role": "customer", "text": "My parcel never came."},
        {"role": "agent", "text": "Sorry! I'll send a replacement tomorrow."},
        {"role": "customer", "text": "Still nothing."},
    ],
}


def _label(**c: Any) -> dict[str, Any]:
    base = {
        "turn": 1,
        "text": "I'll send a replacement tomorrow",
        "status": "broken",
        "resolved_by": 2,
    }
    return {"id": "t0-0001", "commitments": [{**base, **c}]}


def test_a_valid_label_passes() -> None:
    tt.check(_label(), {"t0-0001": CONV}, set())
    tt.check({"id": "t0-0001", "commitments": []}, {"t0-0001": CONV}, set())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"turn": 0}, "customer turn, not agent"),
        ({"turn": 7}, "not a turn index"),
        ({"text": "I will send"}, "not an exact substring"),
        ({"status": "late"}, "status: must be one of"),
        ({"status": "open"}, "must be null for an open"),
        ({"resolved_by": 1}, "must be a later turn"),
        ({"resolved_by": None}, "must be a later turn"),
    ],
)
def test_a_bad_label_names_the_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tt.check(_label(**change), {"t0-0001": CONV}, set())


def test_unknown_and_repeated_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown id"):
        tt.check({"id": "t0-9999", "commitments": []}, {"t0-0001": CONV}, set())
    with pytest.raises(ValueError, match="already labelled"):
        tt.check(_label(), {"t0-0001": CONV}, {"t0-0001"})


def test_scoring_separates_detection_from_status() -> None:
    gold = {"t0-0001": [(1, 6, 38, "broken", 2)]}
    passes = {"A": gold, "B": gold}
    right = ta.score({"t0-0001": [(1, 6, 38, "broken", 2)]}, passes)
    assert right["end to end vs A"]["f1"] == 1.0
    assert right["status on agreed gold"]["accuracy"] == 1.0
    # found, wrong status: detection stays perfect, status and end to end do not
    wrong = ta.score({"t0-0001": [(1, 10, 38, "open", None)]}, passes)
    assert wrong["detection vs A"]["f1"] == 1.0
    assert wrong["end to end vs A"]["f1"] == 0.0
    assert wrong["status on agreed gold"]["confusion (gold -> predicted)"] == {"broken->open": 1}
    assert wrong["status on agreed gold"]["F1 kept"] is None
    # a span in another turn does not match
    other = ta.score({"t0-0001": [(2, 6, 38, "broken", None)]}, passes)
    assert other["detection vs A"]["recall"] == 0.0


def test_agreement_counts_status_on_pairs_both_marked() -> None:
    a = {"t0-0001": [(1, 6, 38, "broken", 2)]}
    b = {"t0-0001": [(1, 6, 38, "kept", 2), (1, 0, 5, "open", None)]}
    res = ta.agreement({"A": a, "B": b})
    assert res["pairs"] == 1
    assert res["status exact agreement"] == 0.0
    assert res["span F1 (B vs A)"] == pytest.approx(2 / 3)
