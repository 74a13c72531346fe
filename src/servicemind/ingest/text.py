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

Named speakers are not guessed: a line inside a turn that looks like one (``John Smith:
my bill is wrong``, a short capitalised name, then text) stays in the turn, and a warning
(logger ``servicemind.ingest``, once per label and file) names the file, line and label
with the ``labels`` option that would read it as a speaker. It is not a reject, even with
``strict``: the line may be text (``Step one: ...``), and the conversation reads as written.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from servicemind.conversation import Role, role_key
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

__all__ = [
    "DEFAULT_LABELS",
    "OPTIONS",
    "SEPARATORS",
    "is_label_line",
    "read_text",
    "unmapped_label",
]

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
_log = logging.getLogger("servicemind.ingest")


@dataclass
class _Notes:
    """What one file's reading has seen, for the unmapped-label warning: the labels read
    as speakers (as written -> role) and the unknown labels already warned about."""

    file: str
    used: dict[str, str] = field(default_factory=dict)
    warned: set[str] = field(default_factory=set)


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

    notes = _Notes(file)
    with open_text(path) as fh:
        block: list[str] = []
        start = 1
        for number, line in enumerate(fh, start=1):
            ends = _DASHES.match(line) is not None or (separator == "blank" and not line.strip())
            if ends:
                if any(x.strip() for x in block):
                    yield from _outcomes(block, start, notes, labels)
                block = []
                start = number + 1
                continue
            if not block and not line.strip():
                start = number + 1
                continue
            block.append(line)
        if any(x.strip() for x in block):
            yield from _outcomes(block, start, notes, labels)


def _outcomes(
    block: list[str], start: int, notes: _Notes, labels: Mapping[str, str]
) -> list[Outcome]:
    raw = "".join(block)
    build = partial(_build, block, start, labels, notes)
    return record_outcomes(build, file=notes.file, line=start, raw=raw)


def _build(
    block: list[str], start: int, labels: Mapping[str, str], notes: _Notes | None = None
) -> list[Outcome]:
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
            role = parse_role(labels[role_key(label)], "speaker")
            if notes is not None:
                notes.used.setdefault(label, role.value)
            turn = {
                "role": role,
                "text": "",
                "author": author,
                "time": stamp,
                "meta": {"label": label},
            }
            turns.append((turn, TurnAt("text")))
            first = offset
            lines = [text[m.end() :]]
        elif turns:
            if m is not None and notes is not None and _named(m, text):
                _warn_unmapped(
                    notes, m.group("label").strip(), start + offset, turns[-1][0]["role"]
                )
            lines.append(text)
        else:
            raise _no_label(m, text, start + offset, notes)
    turns[-1] = _closed(turns[-1][0], lines, block[first:], start + first)
    return conversation_outcomes(turns, field="text")


def is_label_line(line: str, labels: Mapping[str, str] | None = None) -> bool:
    """Whether ``line`` opens a turn of a transcript this reader reads with ``labels`` (a
    :func:`role_map`; default: :data:`DEFAULT_LABELS`) ("Customer: ...", "[10:32] Guest:
    ...", "Sarah (Agent): ..."): format detection asks the reader instead of keeping a
    list of its own."""
    m = _LABEL.match(line)
    return m is not None and _speaker(m, _DEFAULTS if labels is None else labels) is not None


def unmapped_label(line: str, labels: Mapping[str, str] | None = None) -> str | None:
    """The label of a line inside a turn that looks like a named speaker the ``labels``
    (a :func:`role_map`; default: :data:`DEFAULT_LABELS`) do not know (``"John Smith:
    my bill is wrong"`` -> ``"John Smith"``): the line the reader warns about. None for
    a known label, a field (``Note:``) or plain text."""
    m = _LABEL.match(line)
    if m is None or _speaker(m, _DEFAULTS if labels is None else labels) is not None:
        return None
    return m.group("label").strip() if _named(m, line) else None


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


def _named(m: re.Match[str], text: str) -> bool:
    """Whether a label-like line that names no known speaker looks like a person's name
    followed by text (``John:``, ``John Smith:``), not a field (``Note:``, ``Order:``)."""
    label = m.group("label").strip()
    words = label.split()
    if m.group("name") or not text[m.end() :].strip() or not 1 <= len(words) <= 2:
        return False
    if label.lower() in _not_speakers():
        return False
    return all(w[0].isupper() and w.replace("'", "").replace("-", "").isalpha() for w in words)


@functools.cache
def _not_speakers() -> frozenset[str]:
    raw = (
        resources.files("servicemind.lexicons")
        .joinpath("transcript_not_speakers.json")
        .read_text(encoding="utf-8")
    )
    return frozenset(w.lower() for w in json.loads(raw)["words"])


def _no_label(m: re.Match[str] | None, text: str, line: int, notes: _Notes | None) -> RecordError:
    """The reject of a conversation whose first line is no known speaker label: naming the
    label when the line looks like one (``John Smith:``), with the ``labels`` option to
    paste; else the hint that a table wants ``--format csv``."""
    if m is not None and _named(m, text):
        label = m.group("label").strip()
        mapping = {**(notes.used if notes is not None else {}), label: Role.CUSTOMER.value}
        option = json.dumps({"labels": mapping}, ensure_ascii=False)
        return RecordError(
            f"the conversation starts with '{label}:', which is not a known speaker label",
            line=line,
            field="speaker",
            hint=f"map the labels (they replace the defaults): --options '{option}'",
        )
    return RecordError(
        "the conversation does not start with a speaker label such as 'Customer:'",
        line=line,
        field="speaker",
        hint="set the labels with the 'labels' option; a table (one message per row) is read "
        "with --format csv",
    )


def _warn_unmapped(notes: _Notes, label: str, line: int, role: Role) -> None:
    """Warn once per label and file that a line looks like an unmapped speaker label; the
    hint is the ``labels`` option (the labels read so far, plus this one as the other
    side, to edit). Names the label only, never the message text."""
    if label.lower() in notes.warned:
        return
    notes.warned.add(label.lower())
    other = Role.CUSTOMER.value if role is not Role.CUSTOMER else Role.AGENT.value
    mapping = {**notes.used, label: other}
    _log.warning(
        "%s:%d: '%s:' looks like a speaker label that is not a known label, so the line is "
        "read as part of the %s turn above it; to read it as a speaker, map the labels "
        "(they replace the defaults): --options '%s'",
        notes.file,
        line,
        label,
        role.value,
        json.dumps({"labels": mapping}, ensure_ascii=False),
    )


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
