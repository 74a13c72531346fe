"""Analysed conversations in SQLite, keyed by conversation id.

A re-run of the same import adds no duplicates. Each row keeps a hash of the conversation's
content (channel and turns: role, author, time, text): an id already stored with the same
content is skipped; with different content (a ticket re-exported with more turns) the new
analysis replaces the stored one and is counted as updated. ``replace=True`` replaces
every id already stored.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from servicemind.errors import StoreError

__all__ = ["ResultStore", "Stored", "content_hash"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id          TEXT PRIMARY KEY,
    channel     TEXT,
    overall     INTEGER,
    satisfaction REAL,
    n_turns     INTEGER NOT NULL,
    analysis    TEXT NOT NULL,
    stored_at   TEXT NOT NULL,
    content_hash TEXT
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


class Stored(NamedTuple):
    """What :meth:`ResultStore.add` did: ids new to the store, ids whose content changed
    (re-analysed, replacing the stored row) and ids stored with the same content."""

    added: int
    skipped: int
    updated: int = 0


def content_hash(result: Mapping[str, Any]) -> str:
    """SHA-256 of what makes a conversation the same: its channel and every turn's role,
    author, time and text (not the analysis, which a new model version may change)."""
    turns = [
        [t.get("role"), t.get("author"), t.get("time"), t.get("text")]
        for t in result.get("turns", [])
    ]
    blob = json.dumps([result.get("channel"), turns], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


class ResultStore:
    """A SQLite file of analysed conversations (the output contract, one row each)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(_SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(conversations)")}
            if "content_hash" not in columns:  # a store written before the hash was kept
                self._db.execute("ALTER TABLE conversations ADD COLUMN content_hash TEXT")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc

    def add(self, results: Iterable[dict[str, Any]], *, replace: bool = False) -> Stored:
        """Store analysed conversations; return ``Stored(added, skipped, updated)``.

        An id already stored is skipped when its content (:func:`content_hash`) is the
        same and replaced (``updated``) when it differs; with ``replace`` it is always
        replaced.
        """
        added = skipped = updated = 0
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self._db:
                for r in results:
                    digest = content_hash(r)
                    row = self._db.execute(
                        "SELECT content_hash, analysis FROM conversations WHERE id = ?",
                        (r["id"],),
                    ).fetchone()
                    if row is not None:
                        stored = row[0] or content_hash(json.loads(row[1]))
                        if stored == digest and not replace:
                            skipped += 1
                            continue
                        self._db.execute("DELETE FROM conversations WHERE id = ?", (r["id"],))
                    self._insert(r, digest, now)
                    if row is None:
                        added += 1
                    else:
                        updated += 1
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the database {self.path}: {exc}") from exc
        return Stored(added, skipped, updated)

    def _insert(self, r: Mapping[str, Any], digest: str, now: str) -> None:
        summary = r.get("summary", {})
        self._db.execute(
            "INSERT INTO conversations (id, channel, overall, satisfaction, n_turns, analysis,"
            " stored_at, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                r["id"],
                r.get("channel"),
                summary.get("overall"),
                summary.get("satisfaction"),
                len(r["turns"]),
                json.dumps(r, ensure_ascii=False),
                now,
                digest,
            ),
        )
        self._db.executemany(
            "INSERT INTO replies VALUES (?, ?, ?, ?, ?)",
            [
                (r["id"], t["index"], t.get("author"), t.get("time"), t["agent"]["overall"])
                for t in r["turns"]
                if "agent" in t
            ],
        )

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
