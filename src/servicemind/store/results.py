"""Analysed conversations in SQLite, keyed by conversation id.

A re-run of the same import adds no duplicates: an id already stored is replaced only
when its analysis changed (``replace=True``) and otherwise skipped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from servicemind.errors import StoreError

__all__ = ["ResultStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id          TEXT PRIMARY KEY,
    channel     TEXT,
    overall     INTEGER,
    satisfaction REAL,
    n_turns     INTEGER NOT NULL,
    analysis    TEXT NOT NULL,
    stored_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS replies (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    turn_index  INTEGER NOT NULL,
    author      TEXT,
    time        TEXT,
    overall     INTEGER,
    PRIMARY KEY (conversation_id, turn_index)
);
CREATE INDEX IF NOT EXISTS replies_author ON replies(author);
"""


class ResultStore:
    """A SQLite file of analysed conversations (the output contract, one row each)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc

    def add(self, results: Iterable[dict[str, Any]], *, replace: bool = False) -> tuple[int, int]:
        """Store analysed conversations; return ``(added, skipped)``.

        An id already stored is skipped, or replaced when ``replace`` is true.
        """
        added = skipped = 0
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self._db:
                for r in results:
                    exists = self._db.execute(
                        "SELECT 1 FROM conversations WHERE id = ?", (r["id"],)
                    ).fetchone()
                    if exists and not replace:
                        skipped += 1
                        continue
                    if exists:
                        self._db.execute("DELETE FROM conversations WHERE id = ?", (r["id"],))
                    summary = r.get("summary", {})
                    self._db.execute(
                        "INSERT INTO conversations VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            r["id"],
                            r.get("channel"),
                            summary.get("overall"),
                            summary.get("satisfaction"),
                            len(r["turns"]),
                            json.dumps(r, ensure_ascii=False),
                            now,
                        ),
                    )
                    self._db.executemany(
                        "INSERT INTO replies VALUES (?, ?, ?, ?, ?)",
                        [
                            (
                                r["id"],
                                t["index"],
                                t.get("author"),
                                t.get("time"),
                                t["agent"]["overall"],
                            )
                            for t in r["turns"]
                            if "agent" in t
                        ],
                    )
                    added += 1
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the database {self.path}: {exc}") from exc
        return added, skipped

    def count(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM conversations").fetchone()
        return int(row[0])

    def iter_results(self) -> Iterator[dict[str, Any]]:
        """Yield the stored analyses in id order."""
        for (text,) in self._db.execute("SELECT analysis FROM conversations ORDER BY id"):
            obj: dict[str, Any] = json.loads(text)
            yield obj

    def get(self, conversation_id: str) -> dict[str, Any] | None:
        row = self._db.execute(
            "SELECT analysis FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ResultStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
