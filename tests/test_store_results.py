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
        assert s.add([_result("a", 50), _result("b", 70)]) == (2, 0, 0)
    with ResultStore(db) as s:
        assert s.add([_result("a", 50), _result("c", 10)]) == (1, 1, 0)
        assert s.count() == 3
        assert [r["id"] for r in s.iter_results()] == ["a", "b", "c"]


def test_store_results_replace_updates_the_row(tmp_path: Path) -> None:
    with ResultStore(tmp_path / "r.sqlite") as s:
        s.add([_result("a", 50)])
        assert s.add([_result("a", 90)], replace=True) == (0, 0, 1)
        got = s.get("a")
        assert got is not None and got["summary"]["overall"] == 90
        assert s.get("zzz") is None


def _grown(cid: str) -> dict[str, Any]:
    r = _result(cid, 60)
    r["turns"].append({"index": 2, "role": "customer", "text": "thanks, it works", "customer": {}})
    return r


def test_store_results_a_conversation_that_grew_replaces_the_stored_one(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    with ResultStore(db) as s:
        s.add([_result("a", 50), _result("b", 70)])
    with ResultStore(db) as s:
        done = s.add([_grown("a"), _result("b", 70)])
        assert (done.added, done.skipped, done.updated) == (0, 1, 1)
        got = s.get("a")
        assert got is not None and len(got["turns"]) == 3
        assert s.count() == 2
        # the same grown content again is skipped: a re-run adds nothing
        assert s.add([_grown("a")]) == (0, 1, 0)


def test_store_results_reads_a_store_written_before_the_content_hash(tmp_path: Path) -> None:
    import json
    import sqlite3

    db = tmp_path / "old.sqlite"
    old = sqlite3.connect(db)
    old.execute(
        "CREATE TABLE conversations (id TEXT PRIMARY KEY, channel TEXT, overall INTEGER, "
        "satisfaction REAL, n_turns INTEGER NOT NULL, analysis TEXT NOT NULL, "
        "stored_at TEXT NOT NULL)"
    )
    old.execute(
        "INSERT INTO conversations VALUES ('a', 'chat', 50, 3.0, 2, ?, 'then')",
        (json.dumps(_result("a", 50)),),
    )
    old.commit()
    old.close()
    with ResultStore(db) as s:
        assert s.add([_result("a", 50)]) == (0, 1, 0)
        assert s.add([_grown("a")]) == (0, 0, 1)
