"""Trainee progress in a local SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from servicemind.errors import StoreError
from servicemind.store.progress import DEFAULT_DB_ENV, ProgressStore, default_db_path


def _attempt(store: ProgressStore, trainee: str, sid: str, overall: float, n: int = 1) -> int:
    return store.add_attempt(
        trainee=trainee,
        scenario_id=sid,
        attempt_no=n,
        reply=f"reply {n}",
        overall=overall,
        traits={"empathy": overall / 100, "ownership": None},
        coaching={"improve": "Say what you will do."},
    )


def test_store_progress_creates_the_file_and_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "p.sqlite"
    with ProgressStore(path) as store:
        _attempt(store, "ana", "s01", 50)
    assert path.is_file()
    tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert {"sessions", "attempts", "checkins"} <= tables


def test_store_progress_history_is_per_trainee_in_order_and_survives_reopening(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.sqlite"
    with ProgressStore(path) as store:
        sid = store.start_session("ana")
        store.add_attempt(
            trainee="ana",
            scenario_id="s01",
            attempt_no=1,
            reply="first",
            overall=40,
            traits={"empathy": 0.2},
            coaching={},
            session_id=sid,
        )
        _attempt(store, "ben", "s01", 90)
        _attempt(store, "ana", "s01", 70, n=2)
        store.end_session(sid)
    with ProgressStore(path) as store:
        history = store.get_history("ana")
        assert [a.overall for a in history] == [40, 70]
        assert history[0].reply == "first" and history[0].session_id == sid
        assert history[1].traits == {"empathy": 0.7, "ownership": None}
        assert history[1].coaching == {"improve": "Say what you will do."}
        assert [a.overall for a in store.get_history("ana", limit=1)] == [70]
        assert [a.overall for a in store.get_history("ben")] == [90]
        assert store.get_history("nobody") == []
        ended = sqlite3.connect(path).execute("SELECT ended_at FROM sessions").fetchone()[0]
        assert ended is not None


def test_store_progress_summary_gives_best_and_mean_per_scenario(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        _attempt(store, "ana", "s01", 40)
        _attempt(store, "ana", "s01", 80, n=2)
        _attempt(store, "ana", "s02", 60)
        summary = store.get_summary("ana")
        assert store.get_practised("ana") == {"s01", "s02"}
    assert summary["attempts"] == 3 and summary["scenarios"] == 2
    assert summary["best"] == {"s01": 80, "s02": 60}
    assert summary["mean"]["s01"] == pytest.approx(60)
    assert summary["traits"] == {"empathy": pytest.approx(0.6)}


def test_store_progress_checkins_are_validated_and_listed(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        store.add_checkin(trainee="ana", kind="before", energy=2, stress=4)
        store.add_checkin(trainee="ana", kind="self_talk", note="I can stay calm.")
        with pytest.raises(StoreError):
            store.add_checkin(trainee="ana", kind="mood", energy=3)
        with pytest.raises(StoreError):
            store.add_checkin(trainee="ana", kind="after", energy=0)
        with pytest.raises(StoreError):
            store.add_checkin(trainee="ana", kind="after", stress=6)
        rows = store.get_checkins("ana")
    assert [(r.kind, r.energy, r.stress, r.note) for r in rows] == [
        ("before", 2, 4, None),
        ("self_talk", None, None, "I can stay calm."),
    ]


def test_store_progress_default_path_is_in_home_and_overridable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DEFAULT_DB_ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_db_path() == tmp_path / ".servicemind" / "practice.sqlite"
    monkeypatch.setenv(DEFAULT_DB_ENV, str(tmp_path / "elsewhere.sqlite"))
    assert default_db_path() == tmp_path / "elsewhere.sqlite"
    with ProgressStore() as store:
        _attempt(store, "ana", "s01", 10)
    assert (tmp_path / "elsewhere.sqlite").is_file()


def test_store_progress_in_memory_keeps_nothing_on_disk(tmp_path: Path) -> None:
    with ProgressStore(":memory:") as store:
        _attempt(store, "ana", "s01", 10)
        assert len(store.get_history("ana")) == 1


def test_store_progress_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        ProgressStore(path)


def test_store_progress_unusable_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError):
        ProgressStore(blocker / "sub" / "p.sqlite")


def test_store_progress_new_file_is_private_to_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with ProgressStore(path):
        pass
    assert path.stat().st_mode & 0o777 == 0o600


def test_store_progress_best_per_scenario(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        assert store.get_best("ana", "s01") is None
        _attempt(store, "ana", "s01", 40)
        _attempt(store, "ana", "s01", 65, n=2)
        _attempt(store, "ben", "s01", 99)
        assert store.get_best("ana", "s01") == 65
