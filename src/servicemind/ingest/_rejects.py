"""Where bad records go, and skipping conversations already seen."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

from servicemind.conversation import Conversation
from servicemind.errors import InputError, RecordError, RecordWarning
from servicemind.ingest._records import BAD_BYTES

__all__ = ["RejectHandler", "RejectWriter", "dedupe", "is_warning", "log_reject"]

_log = logging.getLogger("servicemind.ingest")

#: Where a bad record goes: ``(error, raw text of the record)``.
RejectHandler = Callable[[RecordError, str], None]


def log_reject(error: RecordError, raw: str) -> None:
    """Default ``on_reject``: a warning with the location and reason, never the text (a
    :class:`~servicemind.errors.RecordWarning` says its record was kept)."""
    _log.warning("%s %s", "kept with a warning:" if is_warning(error) else "rejected", error)


def is_warning(error: RecordError) -> bool:
    """Whether ``error`` reports a record that was kept (not rejected)."""
    return isinstance(error, RecordWarning)


class RejectWriter:
    """An ``on_reject`` callback that writes each reject to a JSONL file.

    Each line is ``{"file", "line", "field", "reason", "hint", "kept", "raw"}`` (``kept``:
    the record was kept with a warning, e.g. a time set to null, not rejected). The file is
    written afresh by each run, like ``-o``: opened (truncated) on the first reject, and a
    file left by an earlier run is removed when this run has no rejects, so the file
    always holds this run's rejects only. Closed by :meth:`close` or at the end of a
    ``with`` block. ``count`` says how many were written, ``warned`` how many of them
    were kept records. Bytes that were not UTF-8 appear
    in ``raw`` as ``\\xNN`` (the file is strict UTF-8 JSON).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self.warned = 0
        self._fh: IO[str] | None = None

    def __call__(self, error: RecordError, raw: str) -> None:
        if self._fh is None:
            try:
                self._fh = open(self.path, "w", encoding="utf-8")  # noqa: SIM115
            except OSError as exc:
                raise InputError(
                    f"cannot write the rejects file {self.path}: {exc.strerror or exc}"
                ) from exc
        record = {
            "file": error.file,
            "line": error.line,
            "field": error.field,
            "reason": error.reason,
            "hint": error.hint,
            "kept": is_warning(error),
            # undecodable bytes (read as lone surrogates) shown as \xNN, valid JSON text
            "raw": BAD_BYTES.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", raw),
        }
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()
        self.count += 1
        self.warned += is_warning(error)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        elif self.count == 0 and self.path.is_file():
            self.path.unlink()  # an earlier run's rejects: not this run's

    def __enter__(self) -> RejectWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def dedupe(
    conversations: Iterable[Conversation],
    seen: set[str] | None = None,
    on_reject: RejectHandler | None = None,
    *,
    strict: bool = False,
) -> Iterator[Conversation]:
    """Yield each conversation id once (the first wins).

    Ids are the dedupe key: pass ``seen`` (for example the ids a store already holds) to
    skip those too; it is updated in place. The same conversation read twice (two exports
    that overlap) is skipped quietly; a *different* conversation under an id already read
    would be lost without a word, so it goes to ``on_reject`` (default: a warning) with the
    reason and its record, or with ``strict`` is raised, like every other bad record. The
    error names where this conversation was read and where the first one was
    (:attr:`Conversation.source`). Memory: one string, one hash and one location per
    distinct id.
    """
    ids = set() if seen is None else seen
    firsts: dict[str, tuple[int, tuple[str, int] | None]] = {}
    report = on_reject or log_reject
    for conv in conversations:
        # what makes two conversations the same; str hashes are cached, so this is cheap
        digest = hash((conv.channel, tuple((t.role, t.text, t.author, t.time) for t in conv.turns)))
        if conv.id in ids:
            first = firsts.get(conv.id)
            if first is not None and first[0] != digest:
                err = _different(conv, first[1])
                if strict:
                    raise err
                report(err, json.dumps(conv.to_dict(), ensure_ascii=False))
            continue
        ids.add(conv.id)
        firsts[conv.id] = (digest, conv.source)
        yield conv


def _different(conv: Conversation, first: tuple[str, int] | None) -> RecordError:
    """The reject of ``conv``, a different conversation under the id of one read at
    ``first``: located at ``conv``'s own file and line, field ``id``."""
    where = f" at {first[0]}:{first[1]}" if first is not None else " earlier"
    file, line = conv.source if conv.source is not None else (None, None)
    return RecordError(
        f"id {conv.id!r} already used by a different conversation{where}; this one is left out",
        file=file,
        line=line,
        field="id",
        hint="give each conversation its own id",
    )
