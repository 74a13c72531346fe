"""Plain-text transcripts: ``Customer: ...`` / ``Agent: ...`` lines.

A line that starts with a known speaker label and a colon starts a turn; the lines after
it, up to the next label, continue the turn (multi-line turns). ``Agent (Maria): ...``
names the author; a clock time in front (``[10:32] Customer: ...``) or in the
parentheses (``Agent (10:32 AM):``) is the turn's time.
Conversations are separated by a line of three or more dashes
(``---``); when the file has no such line, one or more blank lines separate them instead
(and with ``separator: "dashes"`` blank lines stay inside turns). The default labels are
in :data:`DEFAULT_LABELS` (``customer``, ``user``, ``client``, ``agent``, ``support``,
``bot``, ``system``, ...; compared as role names are: case ignored, spaces, underscores
and hyphens alike, see :func:`~servicemind.conversation.role_key`); the ``labels`` option
replaces them with a mapping of label -> role, e.g. ``{"Cliente": "customer", "Agente": "agent"}``.
Conversation ids are content-derived (:func:`servicemind.conversation.stable_id`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from servicemind.conversation import role_key
from servicemind.errors import ConfigError, RecordError
from servicemind.ingest._records import (
    Outcome,
    TurnAt,
    conversation_outcomes,
    open_text,
    parse_role,
    record_outcomes,
    role_map,
)

__all__ = ["DEFAULT_LABELS", "OPTIONS", "SEPARATORS", "is_label_line", "read_text"]

OPTIONS: tuple[str, ...] = ("labels", "separator")
SEPARATORS: tuple[str, ...] = ("auto", "blank", "dashes")
_DASHES = re.compile(r"^\s*-{3,}\s*$")
# A clock time (and date) in front of the label, as chat logs write it: "[10:32]",
# "(10:32 AM)", "2024-05-02 10:32:05 -"; kept as the turn's time, as written.
_CLOCK = r"(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?"
STAMP = rf"[\[(]?(?P<stamp>{_CLOCK})[\])]?\s*(?:[-–|]\s*)?"
_IS_CLOCK = re.compile(_CLOCK)
_LABEL = re.compile(
    rf"^\s*(?:{STAMP})?(?P<label>[^\W\d][\w .'&-]{{0,40}}?)\s*(?:\((?P<name>[^)]{{1,80}})\))?\s*:(?:\s|$)"
)


# Default speaker labels (case-insensitive) -> role; a transcript line "Note: ..." or
# "Re: ..." is not a label, so it stays inside the turn.
DEFAULT_LABELS: dict[str, str] = {
    "customer": "customer",
    "client": "customer",
    "user": "customer",
    "caller": "customer",
    "visitor": "customer",
    "guest": "customer",
    "end user": "customer",
    "requester": "customer",
    "agent": "agent",
    "support": "agent",
    "rep": "agent",
    "representative": "agent",
    "operator": "agent",
    "support agent": "agent",
    "live agent": "agent",
    "human agent": "agent",
    "customer service": "agent",
    "customer support": "agent",
    "advisor": "agent",
    "csr": "agent",
    "bot": "bot",
    "chatbot": "bot",
    "assistant": "bot",
    "virtual assistant": "bot",
    "virtual agent": "bot",
    "system": "system",
    "colleague": "colleague",
    "supplier": "supplier",
}
_DEFAULTS = role_map(DEFAULT_LABELS, "labels")


def read_text(path: Path, options: Mapping[str, Any]) -> Iterator[Outcome]:
    file = str(path)
    labels = role_map(options.get("labels"), "labels") or _DEFAULTS
    separator = options.get("separator", "auto")
    if separator not in SEPARATORS:
        raise ConfigError(
            f"unknown separator {separator!r}", hint=f"use one of: {', '.join(SEPARATORS)}"
        )
    if separator == "auto":
        with open_text(path) as fh:
            separator = "dashes" if any(_DASHES.match(line) for line in fh) else "blank"

    with open_text(path) as fh:
        block: list[str] = []
        start = 1
        for number, line in enumerate(fh, start=1):
            ends = _DASHES.match(line) is not None or (separator == "blank" and not line.strip())
            if ends:
                if any(x.strip() for x in block):
                    yield from _outcomes(block, start, file, labels)
                block = []
                start = number + 1
                continue
            if not block and not line.strip():
                start = number + 1
                continue
            block.append(line)
        if any(x.strip() for x in block):
            yield from _outcomes(block, start, file, labels)


def _outcomes(block: list[str], start: int, file: str, labels: Mapping[str, str]) -> list[Outcome]:
    raw = "".join(block)
    return record_outcomes(partial(_build, block, start, labels), file=file, line=start, raw=raw)


def _build(block: list[str], start: int, labels: Mapping[str, str]) -> list[Outcome]:
    turns: list[tuple[dict[str, Any], TurnAt]] = []
    first = 0  # offset in the block of the current turn's label line
    lines: list[str] = []
    for offset, line in enumerate(block):
        text = line.rstrip("\n")
        m = _LABEL.match(text)
        speaker = _speaker(m, labels) if m is not None else None
        if m is not None and speaker is not None:
            if turns:
                turns[-1] = _closed(turns[-1][0], lines, block[first:offset], start + first)
            label, author, stamp = speaker
            turn = {
                "role": parse_role(labels[role_key(label)], "speaker"),
                "text": "",
                "author": author,
                "time": stamp,
                "meta": {"label": label},
            }
            turns.append((turn, TurnAt("text")))
            first = offset
            lines = [text[m.end() :]]
        elif turns:
            lines.append(text)
        else:
            raise RecordError(
                "the conversation does not start with a speaker label such as 'Customer:'",
                line=start + offset,
                field="speaker",
                hint="set the labels with the 'labels' option",
            )
    turns[-1] = _closed(turns[-1][0], lines, block[first:], start + first)
    return conversation_outcomes(turns, field="text")


def is_label_line(line: str, labels: Mapping[str, str] | None = None) -> bool:
    """Whether ``line`` opens a turn of a transcript this reader reads with ``labels`` (a
    :func:`role_map`; default: :data:`DEFAULT_LABELS`) ("Customer: ...", "[10:32] Guest:
    ...", "Sarah (Agent): ..."): format detection asks the reader instead of keeping a
    list of its own."""
    m = _LABEL.match(line)
    return m is not None and _speaker(m, _DEFAULTS if labels is None else labels) is not None


def _speaker(
    m: re.Match[str], labels: Mapping[str, str]
) -> tuple[str, str | None, str | None] | None:
    """The label, author and time of a label line; None when it names no known speaker.

    ``Agent (Maria):`` names the author, ``Agent (10:32 AM):`` the time, and ``Maria
    (Agent):`` (a name, then a known label in parentheses) the author too.
    """
    label = m.group("label").strip()
    name = m.group("name").strip() if m.group("name") else None
    stamp = m.group("stamp")
    if name is not None and _IS_CLOCK.fullmatch(name):
        name, stamp = None, name
    if role_key(label) in labels:
        return label, name, stamp
    if name is not None and role_key(name) in labels:
        return name, label, stamp
    return None


def _closed(
    turn: dict[str, Any], lines: list[str], raw: list[str], line: int
) -> tuple[dict[str, Any], TurnAt]:
    """A finished turn with its text, and where it came from (its label's line and raw
    lines, for the reject when the text is empty)."""
    turn["text"] = _join(lines)
    return turn, TurnAt("text", line=line, raw="".join(raw))


def _join(lines: list[str]) -> str:
    """The lines of one turn; trailing blank lines dropped, inner ones kept."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(lines).strip(" \t")
