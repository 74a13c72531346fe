"""The shared cue engine: lexicon phrases -> compiled regexes -> evidence hits.

Lexicons are JSON package data under ``servicemind/lexicons`` (read once, with
``importlib.resources``). Each cue list of a lexicon is compiled into one alternation so
a reply is scanned once per list. Matching is case-insensitive on the original text, so
``text[hit.start:hit.end] == hit.text`` always holds.

Negation: a positive cue preceded by a negator ("not", "never", "no", "n't") within
:data:`NEGATION_WINDOW_WORDS` words of the same clause is flipped ("I'm not sorry", "not happy to help"; not "Oh no, I'm
sorry").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from servicemind.errors import ModelError

__all__ = ["Cue", "CueSet", "Hit", "load_lexicon", "phrase_regex"]

#: Words between a negator and a cue that still count as negating it ("not really able to").
#: Three words covers "not (really|quite|always) able to"; set by hand.
NEGATION_WINDOW_WORDS = 3
#: A negated positive cue counts with this fraction of its weight, flipped; set by hand
#: ("not happy to help" is clearly negative but weaker evidence than an explicit refusal).
NEGATION_FACTOR = 0.8

_NEGATOR = re.compile(
    r"(?:\b(?:not|never|no|hardly|nobody|nothing|neither|nor|cannot)\b|n['’]t\b)"
    r"(?:[^\w.!?;,]+\w+){0,%s}[^\w.!?;,]*$".replace("%s", str(NEGATION_WINDOW_WORDS)),
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue phrase of a lexicon list."""

    pattern: str
    weight: float
    label: str
    facet: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A cue that matched: the span, the (possibly negated) weight and its description."""

    start: int
    end: int
    text: str
    weight: float
    label: str
    facet: str | None = None
    negated: bool = False

    def evidence(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "cue": self.label,
            "polarity": "positive" if self.weight >= 0 else "negative",
        }


def phrase_regex(pattern: str) -> str:
    """A lexicon phrase as a regex: typographic apostrophes allowed, word boundaries added."""
    body = pattern.replace("'", "['’]")
    left = r"\b" if re.match(r"[\w(]", pattern) and not pattern.startswith("^") else ""
    right = r"\b" if re.search(r"[\w)?]$", pattern) and not pattern.endswith("\\S+") else ""
    return f"{left}(?:{body}){right}"


class CueSet:
    """A list of cues compiled into one alternation (one scan per text)."""

    def __init__(self, cues: list[Cue], *, negatable: bool = True) -> None:
        self.cues = cues
        self.negatable = negatable
        parts = [f"(?P<c{i}>{phrase_regex(c.pattern)})" for i, c in enumerate(cues)]
        self.regex = re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)

    def find(self, text: str) -> list[Hit]:
        hits: list[Hit] = []
        for m in self.regex.finditer(text):
            name = m.lastgroup
            if name is None:
                continue
            cue = self.cues[int(name[1:])]
            weight = cue.weight
            label = cue.label
            negated = False
            if self.negatable and weight > 0:
                before = text[max(0, m.start() - 40) : m.start()]
                if _NEGATOR.search(before):
                    negated = True
                    weight = -weight * NEGATION_FACTOR
                    label = f"negated: {label}"
            hits.append(Hit(m.start(), m.end(), m.group(0), weight, label, cue.facet, negated))
        return hits

    def search(self, text: str) -> bool:
        return self.regex.search(text) is not None


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """Read a JSON lexicon from the package data (once per process)."""
    try:
        raw = resources.files("servicemind.lexicons").joinpath(name).read_text("utf-8")
        data: dict[str, Any] = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"lexicon '{name}' cannot be read: {exc}",
            hint="reinstall servicemind; the lexicons ship as package data",
        ) from exc
    return data


def cueset(lexicon: str, key: str, *, negatable: bool = True) -> CueSet:
    """The compiled cue list ``key`` of a weighted lexicon (agent_cues.json layout)."""
    return _cueset(lexicon, key, negatable)


@cache
def _cueset(lexicon: str, key: str, negatable: bool) -> CueSet:
    rows = load_lexicon(lexicon)[key]
    cues = [Cue(r[0], float(r[1]), str(r[2]), r[3] if len(r) > 3 else None) for r in rows]
    return CueSet(cues, negatable=negatable)


@cache
def phrase_set(lexicon: str, key: str) -> re.Pattern[str]:
    """A plain phrase list (context_cues.json layout) as one case-insensitive regex."""
    rows = load_lexicon(lexicon)[key]
    return re.compile("|".join(phrase_regex(p) for p in rows), re.IGNORECASE)
