"""The team's labelled support turns: which turns the customer training reads, and the
ROC-AUC their benchmark reports."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from servicemind.analyse.base import EMOTIONS
from servicemind.errors import InputError
from servicemind.training._customer_data import load_support_turns
from servicemind.training._customer_eval import roc_auc
from servicemind.training._labels import split_of


def _corpus(tmp: Path, labels: dict[str, list[dict[str, object]]]) -> Path:
    pairs = tmp / "traits" / "pairs"
    pairs.mkdir(parents=True)
    ids = sorted({str(lab["id"]) for rows in labels.values() for lab in rows})
    with (pairs / "w1.jsonl").open("w", encoding="utf-8") as fh:
        for i in ids:
            item = {
                "id": i,
                "context": [
                    {"role": "customer", "text": f"earlier {i}"},
                    {"role": "agent", "text": "ok"},
                    {"role": "customer", "text": f"last {i}"},
                ],
                "reply": "thanks",
            }
            fh.write(json.dumps(item) + "\n")
    for p, rows in labels.items():
        d = tmp / "customer" / "labels" / p
        d.mkdir(parents=True)
        (d / "w1.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return tmp


def _ids(split: str, n: int) -> list[str]:
    out = [f"w1-{k:04d}" for k in range(1, 200) if split_of(f"w1-{k:04d}") == split]
    return out[:n]


def test_support_turns_keep_agreed_labels_of_the_last_turn_and_one_split(tmp_path: Path) -> None:
    train, test = _ids("train", 3), _ids("test", 1)
    a = [
        {"id": train[0], "emotion": "angry", "hostile": 1},
        {"id": train[1], "emotion": "anxious", "hostile": 0},
        {"id": train[2], "emotion": "neutral", "hostile": 0},
        {"id": test[0], "emotion": "grateful", "hostile": 0},
    ]
    b = [
        {"id": train[0], "emotion": "angry", "hostile": 1},
        {"id": train[1], "emotion": "confused", "hostile": 0},  # disagrees: left out
        {"id": train[2], "emotion": "neutral", "hostile": 1},  # hostile disagrees
        {"id": test[0], "emotion": "grateful", "hostile": 0},
    ]
    root = _corpus(tmp_path, {"A": a, "B": b})
    texts, y, writers = load_support_turns(root, "emotion", "train")
    assert texts == [f"last {train[0]}", f"last {train[2]}"]
    assert [EMOTIONS[k] for k in y] == ["angry", "neutral"]
    assert writers == ["w1", "w1"]
    h_texts, h_y, _ = load_support_turns(root, "hostile", "train")
    assert h_texts == [f"last {train[0]}", f"last {train[1]}"]
    assert h_y.tolist() == [1, 0]
    t_texts, t_y, _ = load_support_turns(root, "emotion", "test")
    assert t_texts == [f"last {test[0]}"] and [EMOTIONS[k] for k in t_y] == ["grateful"]


def test_support_turns_name_the_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="customer"):
        load_support_turns(tmp_path, "emotion", "train")
    with pytest.raises(ValueError, match="field"):
        load_support_turns(tmp_path, "satisfaction", "train")


def test_roc_auc_ranks_with_ties_and_needs_both_classes() -> None:
    y = np.array([0, 0, 1, 1])
    assert roc_auc(y, np.array([0.1, 0.2, 0.8, 0.9])) == 1.0
    assert roc_auc(y, np.array([0.9, 0.8, 0.2, 0.1])) == 0.0
    # one positive tied with one negative: that pair counts half
    assert roc_auc(y, np.array([0.1, 0.5, 0.5, 0.9])) == pytest.approx(0.875)
    assert np.isnan(roc_auc(np.array([1, 1]), np.array([0.3, 0.4])))


def test_support_turns_weigh_a_fixed_share_of_goemotions_however_many_there_are() -> None:
    # the six-emotion heads' balance between Reddit comments and support turns must not
    # drift as the labelled corpus grows: all turns together weigh share x the comments
    from servicemind.training.customer import TURN_SHARE_SIX, turn_weight

    for n_turns in (2_260, 3_663, 4_121):
        total = turn_weight(TURN_SHARE_SIX, 43_410, n_turns) * n_turns
        assert abs(total - TURN_SHARE_SIX * 43_410) < 1e-6
    assert turn_weight(0.17, 43_410, 4_121) < turn_weight(0.17, 43_410, 3_663)
