"""Tracking commitments across a conversation: kept, broken or open.

The rules of ``training/guidelines/commitment-tracking.md``, over the turns after each
promise, in order; the **first** later turn that shows the outcome decides (``resolved_by``):

* A later turn is read sentence by sentence (cut at ``.!?;``, new lines and "but"). A
  sentence with a ``broken`` cue ("nobody called", "still no refund", "no text") shows a
  promise not done; one with a ``kept`` cue ("got the link", "the refund came through",
  "was delivered") shows it done, unless a ``late`` cue says it came after the promised time
  ("two days after you said": done late is broken).
* Such a sentence is about the open promises it shares a content word with (word stems, and
  the ``topics`` groups: "rang" fits "call", "here" fits "delivery"). A sentence that fits
  none ("nobody got back to me", "got it, thanks") is charged to the **latest** open promise
  of the latest agent turn with promises before it; unrelated news about something else
  decides nothing.
* A turn **dated after** an open promise's due moment decides it broken, unless one of its
  sentences shows that promise done (and not late).
* A promise **moved before it is due** (a later agent promise about the same thing, with
  another due moment or "instead" / "moved" / "rescheduled") stays open and is no longer
  judged: the new promise is tracked in its place.
* A promise of several things is broken when any part is shown not done: a broken sentence
  that fits it decides, even after a kept one in the same turn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from servicemind.analyse._cues import load_lexicon, phrase_regex

__all__ = ["Outcome", "Promise", "Turn", "resolve"]

_TIMING = "commitment_timing.json"
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
#: Where a later turn is cut into the sentences judged one by one.
_SENTENCE = re.compile(r"[.!?;\n]+(?:\s|$)|,?\s+(?:but|aber|mais|pero|mas|ma)\s+|\s+-\s", re.I)
#: Words that say a later promise replaces an earlier one rather than repeating it.
_MOVED = re.compile(
    r"\b(?:instead|rescheduled|re-?booked|re-?arranged|moved|brought forward|pushed back|"
    r"changed to|new (?:date|time|slot))\b",
    re.IGNORECASE,
)
_IRREGULAR = {
    "sent": "send",
    "rang": "ring",
    "spoke": "spea",
    "spoken": "spea",
    "paid": "pay",
    "came": "come",
    "got": "get",
    "gave": "give",
    "given": "give",
    "bought": "buy",
    "called": "call",
    "calling": "call",
    "emailed": "emai",
    "shipped": "ship",
}
#: Words too common to tie a later sentence to a promise.
_GENERIC = frozenset(
    "the and you your our will for with this that have been are was can get into from let "
    "make sure shall going today tomorrow within hours days week then also now just about "
    "back there here what when they them their its it's all any one two some more still "
    "thanks thank please sorry hi hello dear regards kind best yes not but".split()
)


@dataclass(slots=True)
class Promise:
    """A commitment being tracked: where it was made, its words and due moment, its outcome."""

    turn: int
    text: str
    due_time: datetime | None
    status: str = "open"
    resolved_by: int | None = None
    #: Moved to another time before it was due: open for good (guidelines, "Rescheduling").
    moved: bool = False
    stems: frozenset[str] = field(default=frozenset())


@dataclass(frozen=True, slots=True)
class Turn:
    """A turn as the tracker reads it: index, whether it is an agent-side turn, text, time."""

    index: int
    agent: bool
    text: str
    time: datetime | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one sentence of a later turn shows: ``kept`` or ``broken``, and its stems."""

    status: str
    stems: frozenset[str]


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = load_lexicon(_TIMING)
    return tuple(  # type: ignore[return-value]
        re.compile("|".join(phrase_regex(p) for p in lex[k]), re.IGNORECASE)
        for k in ("kept", "broken", "late")
    )


@cache
def _topics() -> dict[str, str]:
    """Each ``topics`` word (lower case) to its group's first word."""
    out: dict[str, str] = {}
    for group in load_lexicon(_TIMING)["topics"]:
        words = group.split("|")
        for w in words:
            out[w] = "#" + words[0]
    return out


def stems(text: str) -> frozenset[str]:
    """The content-word stems of ``text`` (first four letters), plus its topic groups."""
    topics = _topics()
    out = set()
    for m in _WORD.finditer(text.lower()):
        w = m.group(0)
        if w in _GENERIC:
            continue
        out.add(_IRREGULAR.get(w, w[:4]))
        group = topics.get(w)
        if group is not None:
            out.add(group)
    return frozenset(out)


def outcomes(text: str) -> list[Outcome]:
    """The sentences of ``text`` that show a promise kept or broken, in order."""
    kept, broken, late = _regexes()
    out = []
    for sent in _SENTENCE.split(text):
        if broken.search(sent) or (kept.search(sent) and late.search(sent)):
            out.append(Outcome("broken", stems(sent)))
        elif kept.search(sent):
            out.append(Outcome("kept", stems(sent)))
    return out


def _after(t: datetime, due: datetime) -> bool:
    try:
        return t > due
    except TypeError:  # naive vs aware timestamps
        return t.replace(tzinfo=None) > due.replace(tzinfo=None)


def _moves(old: Promise, new: Promise, at: Turn) -> bool:
    """Whether ``new`` (made in agent turn ``at``) moves ``old`` before it was due."""
    if not (old.stems & new.stems):
        return False
    if old.due_time is not None and at.time is not None and _after(at.time, old.due_time):
        return False
    if _MOVED.search(new.text) or _MOVED.search(at.text):
        return True
    return (
        old.due_time is not None and new.due_time is not None and old.due_time != new.due_time
    )


def resolve(turns: Sequence[Turn], promises: Sequence[Promise]) -> None:
    """Set ``status`` and ``resolved_by`` of every promise (made in ``turns``, in order)."""
    for p in promises:
        if not p.stems:
            p.stems = stems(p.text)
    by_turn: dict[int, list[Promise]] = {}
    for p in promises:
        by_turn.setdefault(p.turn, []).append(p)
    for turn in turns:
        live = [p for p in promises if p.turn < turn.index and p.status == "open" and not p.moved]
        if live:
            _judge(turn, live)
        for new in by_turn.get(turn.index, []):
            for old in live:
                if old.status == "open" and _moves(old, new, turn):
                    old.moved = True


def _judge(turn: Turn, live: list[Promise]) -> None:
    """Decide what ``turn`` shows about the open promises ``live`` made before it."""
    decided: dict[int, str] = {}
    latest_turn = max(p.turn for p in live)
    latest = [p for p in live if p.turn == latest_turn][-1]
    for o in outcomes(turn.text):
        fits = [i for i, p in enumerate(live) if p.stems & o.stems]
        if not fits:
            fits = [live.index(latest)]
        for i in fits:
            # partial: a part shown not done breaks it, whatever else the turn shows
            if decided.get(i) != "broken":
                decided[i] = o.status
    for i, p in enumerate(live):
        status = decided.get(i)
        if status is None and p.due_time is not None and turn.time is not None:
            if _after(turn.time, p.due_time):
                status = "broken"
        if status is not None:
            p.status, p.resolved_by = status, turn.index
