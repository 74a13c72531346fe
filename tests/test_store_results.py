"""The SQLite result store: re-runs add no duplicates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from servicemind.store import ResultStore


def _result(cid: str, overall: int) -> dict[str, Any]:
    return {
        "id": cid,
        "channel": "chat",
        "meta": {},
        "turns": [
            {"index": 0, "role": "customer", "text": "hi", "customer": {}},
            {
                "index": 1,
                "role": "agent",
                "author": "ana",
                "time": None,
                "text": "hello",
                "agent": {"overall": overall},
            },
        ],
        "summary": {"overall": overall, "satisfaction": 3.0},
    }


def test_store_results_rerun_adds_no_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    with ResultStore(db) as s:
        assert s.add([_result("a", 50), _result("b", 70)]) == (2, 0)
    with ResultStore(db) as s:
        assert s.add([_result("a", 50), _result("c", 10)]) == (1, 1)
        assert s.count() == 3
        assert [r["id"] for r in s.iter_results()] == ["a", "b", "c"]


def test_store_results_replace_updates_the_row(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "r.sqlite") as s:
        s.add([_result("a", 50)])
        assert s.add([_result("a", 90)], replace=True) == (1, 0)
        got = s.get("a")
        assert got is not None and got["summary"]["overall"] == 90
        assert s.get("zzz") is None
