"""Trainee progress for ``servicemind practice``, in a local SQLite file.

Nothing leaves the machine: attempts (the reply, its scores and coaching) and self-care
check-ins are written only to this file. The default path is
``~/.servicemind/practice.sqlite``; pass ``path`` or set ``SERVICEMIND_PRACTICE_DB`` to
use another one (``":memory:"`` keeps everything in memory).

Tables::

    sessions (id, trainee, started_at, ended_at)
    attempts (id, session_id, trainee, scenario_id, scenario_source, attempt_no,
              reply, overall, traits_json, coaching_json, created_at)
    checkins (id, session_id, trainee, kind, energy, stress, note, created_at)

``checkins.kind`` is ``before`` or ``after`` (energy and stress 1..5), ``reset`` (a
reset suggestion was shown) or ``self_talk`` (the trainee's own words before a hard
scenario, in ``note``).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from servicemind.errors import StoreError

__all__ = [
    "CHECKIN_KINDS",
    "DEFAULT_DB_ENV",
    "AttemptRow",
    "CheckinRow",
    "ProgressStore",
    "default_db_path",
]

DEFAULT_DB_ENV = "SERVICEMIND_PRACTICE_DB"
CHECKIN_KINDS: tuple[str, ...] = ("before", "after", "reset", "self_talk")
_SCHEMA_VERSION = 1
#: Owner read/write only (the file holds a trainee's replies and check-ins).
_FILE_MODE = 0o600
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    trainee TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES sessions(id),
    trainee TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    scenario_source TEXT NOT NULL DEFAULT 'library',
    attempt_no INTEGER NOT NULL,
    reply TEXT NOT NULL,
    overall REAL,
    traits_json TEXT NOT NULL DEFAULT '{}',
    coaching_json TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_trainee ON attempts (trainee, created_at);
CREATE TABLE IF NOT EXISTS checkins (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES sessions(id),
    trainee TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('before', 'after', 'reset', 'self_talk')),
    energy INTEGER CHECK (energy BETWEEN 1 AND 5),
    stress INTEGER CHECK (stress BETWEEN 1 AND 5),
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS checkins_trainee ON checkins (trainee, created_at);
"""


def default_db_path() -> Path:
    """``$SERVICEMIND_PRACTICE_DB`` if set, else ``~/.servicemind/practice.sqlite``."""
    env = os.environ.get(DEFAULT_DB_ENV)
    if env:
        return Path(env)
    return Path.home() / ".servicemind" / "practice.sqlite"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class AttemptRow:
    id: int
    session_id: int | None
    trainee: str
    scenario_id: str
    scenario_source: str
    attempt_no: int
    reply: str
    overall: float | None
    traits: dict[str, float | None]
    coaching: dict[str, Any]
    created_at: str


@dataclass(frozen=True, slots=True)
class CheckinRow:
    id: int
    session_id: int | None
    trainee: str
    kind: str
    energy: int | None
    stress: int | None
    note: str | None
    created_at: str


class ProgressStore:
    """Attempts and check-ins per trainee in one SQLite file (stdlib ``sqlite3``)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else str(default_db_path())
        try:
            is_new = False
            if self.path != ":memory:":
                file = Path(self.path).expanduser()
                file.parent.mkdir(parents=True, exist_ok=True)
                self.path = str(file)
                is_new = not file.exists()
            self._db = sqlite3.connect(self.path)
            if is_new:
                # replies and check-ins are personal: readable by the owner only
                os.chmod(self.path, _FILE_MODE)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > _SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} was written by a newer servicemind (schema {version})",
                    hint="upgrade servicemind or use another --db path",
                )
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")
            self._db.commit()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(
                f"cannot open the practice database {self.path}: {exc}",
                hint=f"pass another path or set {DEFAULT_DB_ENV}",
            ) from exc

    # -- lifecycle ------------------------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        try:
            cur = self._db.execute(sql, params)
            self._db.commit()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the practice database {self.path}: {exc}") from exc
        return int(cur.lastrowid or 0)

    def _read(self, sql: str, params: tuple[Any, ...]) -> Iterator[sqlite3.Row]:
        try:
            yield from self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the practice database {self.path}: {exc}") from exc

    # -- writes -----------------------------------------------------------------------------
    def start_session(self, trainee: str) -> int:
        return self._write(
            "INSERT INTO sessions (trainee, started_at) VALUES (?, ?)", (trainee, _now())
        )

    def end_session(self, session_id: int) -> None:
        self._write("UPDATE sessions SET ended_at = ? WHERE id = ?", (_now(), session_id))

    def add_attempt(
        self,
        *,
        trainee: str,
        scenario_id: str,
        attempt_no: int,
        reply: str,
        overall: float | None,
        traits: Mapping[str, float | None],
        coaching: Mapping[str, Any],
        session_id: int | None = None,
        scenario_source: str = "library",
    ) -> int:
        return self._write(
            "INSERT INTO attempts (session_id, trainee, scenario_id, scenario_source, "
            "attempt_no, reply, overall, traits_json, coaching_json, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                trainee,
                scenario_id,
                scenario_source,
                attempt_no,
                reply,
                overall,
                json.dumps(dict(traits), ensure_ascii=False),
                json.dumps(dict(coaching), ensure_ascii=False),
                _now(),
            ),
        )

    def add_checkin(
        self,
        *,
        trainee: str,
        kind: str,
        energy: int | None = None,
        stress: int | None = None,
        note: str | None = None,
        session_id: int | None = None,
    ) -> int:
        if kind not in CHECKIN_KINDS:
            raise StoreError(f"unknown check-in kind {kind!r}", hint=f"one of {CHECKIN_KINDS}")
        for name, value in (("energy", energy), ("stress", stress)):
            if value is not None and not 1 <= value <= 5:
                raise StoreError(f"{name} must be 1..5, got {value}")
        return self._write(
            "INSERT INTO checkins (session_id, trainee, kind, energy, stress, note, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session_id, trainee, kind, energy, stress, note, _now()),
        )

    # -- queries ----------------------------------------------------------------------------
    def get_history(self, trainee: str, *, limit: int | None = None) -> list[AttemptRow]:
        """The trainee's attempts, oldest first (the last ``limit`` when given)."""
        sql = "SELECT * FROM attempts WHERE trainee = ? ORDER BY id DESC"
        params: tuple[Any, ...] = (trainee,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (trainee, limit)
        rows = [
            AttemptRow(
                id=r["id"],
                session_id=r["session_id"],
                trainee=r["trainee"],
                scenario_id=r["scenario_id"],
                scenario_source=r["scenario_source"],
                attempt_no=r["attempt_no"],
                reply=r["reply"],
                overall=r["overall"],
                traits=json.loads(r["traits_json"]),
                coaching=json.loads(r["coaching_json"]),
                created_at=r["created_at"],
            )
            for r in self._read(sql, params)
        ]
        rows.reverse()
        return rows

    def get_checkins(self, trainee: str) -> list[CheckinRow]:
        return [
            CheckinRow(
                id=r["id"],
                session_id=r["session_id"],
                trainee=r["trainee"],
                kind=r["kind"],
                energy=r["energy"],
                stress=r["stress"],
                note=r["note"],
                created_at=r["created_at"],
            )
            for r in self._read("SELECT * FROM checkins WHERE trainee = ? ORDER BY id", (trainee,))
        ]

    def get_practised(self, trainee: str) -> set[str]:
        """Ids of the scenarios the trainee has attempted."""
        return {
            r[0]
            for r in self._read(
                "SELECT DISTINCT scenario_id FROM attempts WHERE trainee = ?", (trainee,)
            )
        }

    def get_best(self, trainee: str, scenario_id: str) -> float | None:
        """The trainee's best overall on one scenario, or ``None`` before a first attempt."""
        rows = list(
            self._read(
                "SELECT MAX(overall) FROM attempts WHERE trainee = ? AND scenario_id = ?",
                (trainee, scenario_id),
            )
        )
        value = rows[0][0] if rows else None
        return None if value is None else float(value)

    def get_summary(self, trainee: str) -> dict[str, Any]:
        """Attempts, scenarios, best and mean overall per scenario, mean per trait."""
        history = self.get_history(trainee)
        per_scenario: dict[str, list[float]] = {}
        per_trait: dict[str, list[float]] = {}
        for a in history:
            if a.overall is not None:
                per_scenario.setdefault(a.scenario_id, []).append(a.overall)
            for name, score in a.traits.items():
                if score is not None:
                    per_trait.setdefault(name, []).append(float(score))
        return {
            "trainee": trainee,
            "attempts": len(history),
            "scenarios": len({a.scenario_id for a in history}),
            "best": {k: max(v) for k, v in per_scenario.items()},
            "mean": {k: sum(v) / len(v) for k, v in per_scenario.items()},
            "traits": {k: sum(v) / len(v) for k, v in sorted(per_trait.items())},
        }
