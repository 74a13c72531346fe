"""Ingest: one module per input format, each yielding Conversation objects.

::

    for conv in read("tickets.json"):            # format detected
        ...
    with RejectWriter("rejects.jsonl") as rejects:
        for conv in dedupe(read(path, "twcs", on_reject=rejects)):
            ...

Every reader streams: a file is read record by record, never loaded whole (see each
module's docstring for its memory bound). Bad records are handled here, once, for all
formats: with ``strict=True`` the first :class:`~servicemind.errors.RecordError` is
raised; otherwise it goes to ``on_reject(error, raw_text)`` (by default a warning in the
log) and reading continues.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from servicemind.conversation import Conversation
from servicemind.errors import ConfigError, InputError, RecordWarning
from servicemind.ingest import abcd, intercom, jsonl, long_csv, text, twcs, zendesk
from servicemind.ingest._detect import detect_format as _detect
from servicemind.ingest._records import NOT_UTF8, NOT_UTF8_HINT, Reader, Reject
from servicemind.ingest._rejects import (
    RejectHandler,
    RejectWriter,
    dedupe,
    is_warning,
    log_reject,
)

_log = logging.getLogger("servicemind.ingest")

__all__ = [
    "FORMATS",
    "Format",
    "RejectHandler",
    "RejectWriter",
    "dedupe",
    "detect_format",
    "is_warning",
    "log_reject",
    "read",
    "read_all",
]


@dataclass(frozen=True, slots=True)
class Format:
    """A registered input format: its ``--format`` name, reader and accepted options."""

    name: str
    reader: Reader
    summary: str
    options: tuple[str, ...]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "jsonl", jsonl.read_jsonl, "servicemind JSONL, one conversation per line", jsonl.OPTIONS
        ),
        Format("csv", long_csv.read_csv, "long CSV/TSV, one turn per row", long_csv.OPTIONS),
        Format("twcs", twcs.read_twcs, "Customer Support on Twitter CSV", twcs.OPTIONS),
        Format("abcd", abcd.read_abcd, "ABCD JSON (Action-Based Conversations)", abcd.OPTIONS),
        Format("zendesk", zendesk.read_zendesk, "Zendesk ticket export JSON", zendesk.OPTIONS),
        Format(
            "intercom",
            intercom.read_intercom,
            "Intercom conversation export JSON",
            intercom.OPTIONS,
        ),
        Format("text", text.read_text, "plain-text transcripts 'Customer: ...'", text.OPTIONS),
    )
}


def detect_format(path: str | Path) -> str:
    """The name of the format of ``path`` (extension and first bytes).

    Raises :class:`~servicemind.errors.FormatDetectionError` naming the formats to choose
    from with ``--format``.
    """
    return _detect(path, tuple(FORMATS))


def read(
    path: str | Path,
    format: str | None = None,
    *,
    strict: bool = False,
    on_reject: RejectHandler | None = None,
    options: Mapping[str, Any] | None = None,
) -> Iterator[Conversation]:
    """Stream the conversations of ``path``.

    ``format`` is a :data:`FORMATS` name, or ``None`` to detect it. ``options`` are the
    format's options (see docs/formats.md); an unknown one is a
    :class:`~servicemind.errors.ConfigError`. Bad records raise with ``strict``, else go
    to ``on_reject(error, raw_text)``.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such file: {p}", hint="check the path")
    name = format or detect_format(p)
    fmt = FORMATS.get(name)
    if fmt is None:
        raise ConfigError(f"unknown format {name!r}", hint=f"use one of: {', '.join(FORMATS)}")
    opts = dict(options or {})
    unknown = sorted(set(opts) - set(fmt.options))
    if unknown:
        accepted = ", ".join(fmt.options) or "none"
        raise ConfigError(
            f"unknown option(s) for format {name}: {', '.join(unknown)}",
            hint=f"accepted options: {accepted}",
        )
    handler = on_reject or log_reject
    return _run(fmt.reader(p, opts), strict, handler, p)


def _run(
    outcomes: Iterator[Conversation | Reject], strict: bool, handler: RejectHandler, path: Path
) -> Iterator[Conversation]:
    not_utf8 = 0
    for outcome in outcomes:
        if isinstance(outcome, Reject):
            if strict and not isinstance(outcome.error, RecordWarning):
                raise outcome.error
            not_utf8 += outcome.error.reason == NOT_UTF8
            handler(outcome.error, outcome.raw)
            continue
        yield outcome
    if not_utf8:
        # one line for the file, besides a reject per record: the fix is for the file
        _log.warning(
            "%s: %d record(s) are not UTF-8 text and were left out (%s)",
            path,
            not_utf8,
            NOT_UTF8_HINT,
        )


def read_all(
    paths: list[str | Path],
    format: str | None = None,
    *,
    strict: bool = False,
    on_reject: RejectHandler | None = None,
    options: Mapping[str, Any] | None = None,
) -> Iterator[Conversation]:
    """:func:`read` every path in turn (each detected on its own when ``format`` is None).

    Every path is opened (checked, its format detected, its options validated) on the
    call, so a missing file or a wrong format fails before any analysis starts.
    """
    streams = [
        read(path, format, strict=strict, on_reject=on_reject, options=options) for path in paths
    ]
    return itertools.chain.from_iterable(streams)
