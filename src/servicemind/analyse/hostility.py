"""Hostility of every customer-side turn: does it insult, threaten or abuse someone?

Writes ``turns[].customer.hostile`` (0..1) and ``hostile_evidence`` (spans).

Two parts (docs/customer-model.md, "Hostility"):

1. A calibrated probability that the turn is offensive or hateful, trained on the shared
   offensive-tweets corpus plus the team's support examples.
2. A support-text stack (customer model 1.4.0 on): a logistic regression over the
   model's logit and whether the turn uses an insult noun, a threat or a stock abusive
   phrase ("f*** you", "shut up"), fitted on the team's labelled support turns scored by
   models that never saw their writer. Offensive tweets and support messages insult
   differently ("you absolute clowns", "your idiot driver"), and the tweet model alone
   left most hostile support turns below 0.5.
3. Retractions: a clause in which the customer apologises for their own earlier words
   ("sorry for calling you useless", "I shouldn't have said that") quotes an insult, it
   does not make one; it is blanked (:func:`retracted`) before the model and the cue
   lists read the turn, so an apology is not scored as a new insult (trial 20, F4).
4. A directedness gate. Offensive-language corpora label casual profanity ("this f***ing
   app keeps crashing") offensive; in service it is frustration, not abuse. When the turn
   swears but neither addresses nor names a person (second person, "your staff", "these
   people") near the swear word, nor insults, threatens or abuses, the probability is
   multiplied by :data:`UNDIRECTED_FACTOR`. (With an artefact older than 1.4.0, which has
   no stack, every undirected turn is multiplied, sworn or not, as before.)
5. Praise. The offensive-tweets model reads a bare "you are a ..." as an insult whatever
   follows ("you're a star" 0.92, "you rock" 0.95). A turn that praises the reader (the
   lexicon's ``praise`` frames: "you're a star", "you guys are heroes", "you saved my
   day") and neither insults, threatens nor abuses is multiplied by
   :data:`UNDIRECTED_FACTOR` too (:func:`praises`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt

from servicemind.analyse import _customer
from servicemind.analyse._cues import LiteralIndex, anchor_literals, load_lexicon
from servicemind.analyse._lowered import lowerable
from servicemind.analyse._normalise import MAX_CUES
from servicemind.analyse._textmodel import TextModel
from servicemind.analyse.base import Analyser, Doc
from servicemind.analyse.registry import register

__all__ = [
    "UNDIRECTED_FACTOR",
    "HostilityAnalyser",
    "combine",
    "entry_anchors",
    "hostility_cues",
    "hostility_scores",
    "is_directed",
    "praises",
    "retracted",
    "retracted_spans",
    "turn_signals",
]

#: Multiplier for turns with no target (no "you", no named people, no insult or threat).
#: Chosen so that a turn the offensive model is sure of (p ≈ 0.95) but that only swears
#: at a thing stays clearly below 0.5; checked on the team's casual-profanity examples.
UNDIRECTED_FACTOR = 0.3
_DIGITS = 4


#: Profanity counts as aimed at someone when it stands within this many words of a
#: second-person word or a named target ("you f***ing idiots", "f*** your company").
_NEAR_WORDS = 3
_WINDOW_CHARS = 80  # text looked at on each side of a swear word (bounds the work)
_WORDS_BEFORE = re.compile(rf"(?:[\w'*]+[^\w.!?]+){{0,{_NEAR_WORDS}}}$")
_WORDS_AFTER = re.compile(rf"^(?:[^\w.!?]+[\w'*]+){{0,{_NEAR_WORDS}}}")


def _alt(words: list[str]) -> str:
    return r"(?<![\w*])(?:" + "|".join(words) + r")(?![\w*])"


#: The lexicon lists whose match is an attack (insult, threat or abusive phrase).
_ATTACK_LISTS = ("insults", "threats", "abuse")


@functools.cache
def _lexicon() -> dict[str, Any]:
    return load_lexicon("customer_hostility.json")


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = _lexicon()
    pats = {
        key: re.compile("(?i)" + _alt(words))
        for key, words in lex.items()
        if not key.startswith("_")
    }
    pats["target"] = re.compile("(?i)" + _alt(lex["second_person"] + lex["targets"]))
    pats["attack"] = re.compile("(?i)" + _alt([w for k in _ATTACK_LISTS for w in lex[k]]))
    return pats


#: Where a retracted clause ends: a comma, semicolon, sentence end, line break or "but".
_CLAUSE_END = re.compile(r"[,;.!?\n]|\s(?:but|pero|mais|aber|ma|mas|maar)\s", re.IGNORECASE)
#: Every retraction frame holds one of these (lower case): a cheap screen before the scan.
_RETRACT_HINTS = (
    "sorry",
    "apolog",
    "should",
    "take",
    "perd",
    "disculp",
    "siento",
    "sol",
    "entschuldig",
    "scus",
    "dispiace",
    "desculp",
)
#: A negation just before an apology ("I'm not sorry for calling you ...") keeps the insult.
_NOT_SORRY = re.compile(r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+)?$", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def retracted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each clause of ``text`` in which the customer apologises for
    their own earlier words (the lexicon's ``retractions``, to the clause's end).
    Memoised: the hostility, satisfaction and moments analysers ask about the same turns."""
    spans: list[tuple[int, int]] = []
    low = text.lower()
    if not any(map(low.__contains__, _RETRACT_HINTS)):
        return ()  # most turns: no apology word, no regex scan
    for m in _patterns()["retractions"].finditer(text):
        if _NOT_SORRY.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        end = _CLAUSE_END.search(text, m.end())
        spans.append((m.start(), end.start() if end is not None else len(text)))
    return tuple(spans)


def retracted(text: str) -> str:
    """``text`` with its retracted clauses (:func:`retracted_spans`) blanked out, same
    length, so spans found in it are spans of ``text``."""
    spans = retracted_spans(text)
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_CUE_NAMES = {
    "insults": "insult",
    "threats": "threat",
    "abuse": "abusive phrase",
    "profanity": "profanity",
}


def is_directed(text: str) -> bool:
    """Whether ``text`` insults, threatens or swears at someone (not only at something)."""
    pats = _patterns()
    return bool(pats["attack"].search(text)) or _swears_at_someone(text, pats)


def _swears_at_someone(text: str, pats: dict[str, re.Pattern[str]]) -> bool:
    """Whether some profanity in ``text`` stands within a few words of a target."""
    for m in pats["profanity"].finditer(text):
        before = _WORDS_BEFORE.search(text[max(0, m.start() - _WINDOW_CHARS) : m.start()])
        after = _WORDS_AFTER.match(text[m.end() : m.end() + _WINDOW_CHARS])
        window = (before.group(0) if before else "") + " " + (after.group(0) if after else "")
        if pats["target"].search(window):
            return True
    return False


def entry_anchors(entry: str) -> frozenset[str] | None:
    """Lower-case strings one of which every match of the lexicon entry ``entry`` holds in
    a lower-cased :func:`lowerable` turn: the hand-checked ones of
    ``customer_hostility_anchors.json`` when it lists the entry (where the derived anchor is
    too short to screen: "f", "sh", "nt"), else
    :func:`~servicemind.analyse._cues.anchor_literals`."""
    hand = load_lexicon("customer_hostility_anchors.json").get(entry)
    return frozenset(hand) if hand else anchor_literals(entry)


@functools.cache
def _screens() -> tuple[LiteralIndex, dict[str, frozenset[str] | None]]:
    """For the ``attack`` and ``profanity`` patterns, the literals one of which any of their
    matches holds in lower case (:func:`entry_anchors` of each lexicon entry; ``None`` when
    some entry has none: that pattern is always searched), and one literal index over them:
    a turn none of whose literals it holds is not searched."""
    lex = _lexicon()
    groups = {
        "attack": [w for k in _ATTACK_LISTS for w in lex[k]],
        "profanity": lex["profanity"],
    }
    index = LiteralIndex()
    anchors: dict[str, frozenset[str] | None] = {}
    for key, words in groups.items():
        found = [entry_anchors(w) for w in words]
        if all(a is not None and all(a) for a in found):
            anchors[key] = frozenset().union(*(a for a in found if a is not None))
            index.add(anchors[key] or frozenset())
        else:
            anchors[key] = None
    return index, anchors


def _may_hold(key: str, found: frozenset[str] | None) -> bool:
    """False only where the ``key`` pattern cannot match: ``found`` (the screen's literals in
    a lower-cased :func:`lowerable` text) holds none of its anchors."""
    anchors = _screens()[1][key]
    return found is None or anchors is None or not anchors.isdisjoint(found)


@functools.lru_cache(maxsize=16384)
def turn_signals(text: str) -> tuple[bool, bool, bool]:
    """``(attack, directed, swears)``: an insult, threat or abusive phrase; aimed at
    someone (:func:`is_directed`); any profanity at all. A retracted clause
    (:func:`retracted`) counts for none of them. Memoised (a batch's worth): the emotion,
    hostility and satisfaction analysers ask about the same turns."""
    pats = _patterns()
    text = retracted(text)
    # on text whose lower-casing folds only ASCII letters (``_lowered``), a case-insensitive
    # match holds one of its pattern's anchors in the lower-cased text: a literal scan
    # decides which of the two searches can match at all (most turns: neither)
    found = _screens()[0].found(text.lower()) if lowerable(text) else None
    swears = _may_hold("profanity", found) and bool(pats["profanity"].search(text))
    if _may_hold("attack", found) and pats["attack"].search(text):
        return True, True, swears
    if not swears:
        return False, False, False
    return False, _swears_at_someone(text, pats), True


#: Every praise frame holds one of these (lower case): a cheap screen before the search.
_PRAISE_HINTS = ("you", "u r", "ur ", "y'all")


@functools.lru_cache(maxsize=4096)
def praises(text: str) -> bool:
    """Whether ``text`` praises its reader: a second-person frame round a praise word (the
    lexicon's ``praise``: "you're a star", "you are an absolute legend", "you rock", "you
    saved my day"), outside a retracted clause. "You are not a genius" does not match."""
    low = text.lower()
    if not any(map(low.__contains__, _PRAISE_HINTS)):
        return False
    return bool(_patterns()["praise"].search(retracted(text)))


def combine(
    p: npt.NDArray[Any],
    signals: list[tuple[bool, bool, bool]],
    stack: npt.NDArray[np.float64] | None,
    praised: Sequence[bool] | None = None,
) -> npt.NDArray[np.float64]:
    """The hostility of each turn from the model's probability ``p`` and the turns'
    :func:`turn_signals`: the support-text stack (when the artefact has one), then the
    directedness gate, and ``praised`` turns (:func:`praises`, no attack) multiplied by
    :data:`UNDIRECTED_FACTOR`. Shared by the analyser, the training metrics and the
    benchmarks (which pass ``praised`` to score as the analyser does)."""
    p64 = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1.0 - 1e-6)
    attack = np.array([s[0] for s in signals], dtype=np.float64)
    directed = np.array([s[1] for s in signals], dtype=bool)
    if stack is None:
        legacy: npt.NDArray[np.float64] = np.where(directed, p64, p64 * UNDIRECTED_FACTOR)
        return legacy
    z = stack[0] * np.log(p64 / (1.0 - p64)) + stack[1] * attack + stack[2]
    value = 1.0 / (1.0 + np.exp(-z))
    swears_at_nothing = np.array([s[2] and not s[1] for s in signals], dtype=bool)
    out: npt.NDArray[np.float64] = np.where(swears_at_nothing, value * UNDIRECTED_FACTOR, value)
    return _unpraised(out, signals, praised)


def _unpraised(
    value: npt.NDArray[np.float64],
    signals: list[tuple[bool, bool, bool]],
    praised: Sequence[bool] | None,
) -> npt.NDArray[np.float64]:
    """``value`` with turns that praise the reader and attack no one multiplied by
    :data:`UNDIRECTED_FACTOR` (module docstring, 5)."""
    if praised is None:
        return value
    mask = np.array([bool(p) and not s[0] for p, s in zip(praised, signals, strict=True)])
    out: npt.NDArray[np.float64] = np.where(mask, value * UNDIRECTED_FACTOR, value)
    return out


def hostility_scores(
    texts: Sequence[str], model: TextModel | None = None
) -> npt.NDArray[np.float64]:
    """Hostility (0..1) of each text, as the analyser writes it (before rounding), with the
    package's model or ``model``."""
    if not texts:
        return np.zeros(0)
    p = _customer.hostile_probability(texts, model)
    rows = [i for i, t in enumerate(texts) if retracted_spans(t)]
    if rows:  # rare: read the turns that retract an insult without the retracted clause
        p = p.copy()
        p[rows] = _customer.hostile_probability([retracted(texts[i]) for i in rows], model)
    signals = [turn_signals(t) for t in texts]
    return combine(p, signals, _customer.hostile_stack(model), [praises(t) for t in texts])


def hostility_cues(text: str) -> tuple[bool, list[dict[str, Any]]]:
    """Whether ``text`` is directed at someone, and the insult/threat/profanity spans
    (none inside a retracted clause)."""
    pats = _patterns()
    text = retracted(text)
    spans: list[dict[str, Any]] = []
    for key, cue in _CUE_NAMES.items():
        for m in pats[key].finditer(text):
            spans.append({"start": m.start(), "end": m.end(), "text": m.group(0), "cue": cue})
    spans.sort(key=lambda s: (s["start"], s["end"]))
    return is_directed(text), spans


@register("hostility")
class HostilityAnalyser(Analyser):
    """Offensive-language model gated by directedness (see module docstring).

    Parameters
    ----------
    evidence:
        Also write ``hostile_evidence`` spans for turns at or above ``evidence_min``.
    evidence_min:
        Minimum hostility for evidence to be written (0.5: the turn is more likely
        hostile than not).
    """

    version: ClassVar[str] = "1.1"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("customer.hostile",)

    def __init__(self, evidence: bool = True, evidence_min: float = 0.5) -> None:
        self.evidence = evidence
        self.evidence_min = evidence_min

    def annotate(self, docs: Sequence[Doc]) -> None:
        items = [(t, out) for doc in docs for t, out in doc.iter_customer()]
        if not items:
            return
        values = hostility_scores([t.text for t, _ in items])
        for (turn, out), v in zip(items, values, strict=True):
            value = float(v)
            out["hostile"] = round(value, _DIGITS)
            if self.evidence and value >= self.evidence_min:
                spans = hostility_cues(turn.text)[1]
                chosen = [s for s in spans if s["cue"] != "profanity"] or spans
                out["hostile_evidence"] = chosen[:MAX_CUES]
