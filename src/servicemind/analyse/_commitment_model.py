"""A trained sentence check beside the commitment rules: veto a rule span, add a missed one.

A gold commitment span lies inside one sentence, and a predicted span that covers the whole
sentence matches it (spans match when they overlap by half of the shorter one), so finding
commitments is close to classifying the reply's sentences: "does this sentence hold a
promise by the agent's side?". A logistic regression, trained on the team corpus
(``servicemind train commitments``), gives that probability from the sentence's words and
word pairs, its first words, and what the rules decided about it. Then:

* a sentence holding rule spans whose probability is below ``veto`` loses them;
* a sentence without a rule span whose probability is at least ``add`` becomes one
  commitment (the whole sentence), marked ``source="model"`` with its probability.

Only sentences with a cheap signal are scored (a rule span, a figure, "'ll", a ``SIGNAL``
word such as a modal or a future marker, or a ``TIME`` word); the others cannot be added
and keep no span.

The artefact is package data under ``servicemind/models/commitments/``: ``model.json.gz``
(``{"terms": [...], "weights": [...], "bias", "veto", "add", ...}``) and ``MODEL_CARD.md``.
It is read once per process; a missing artefact raises ``ModelError``.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import chain, pairwise, repeat
from pathlib import Path

from servicemind.errors import ModelError

__all__ = [
    "PACKAGE",
    "Sentence",
    "SentenceModel",
    "check",
    "decide",
    "load_sentence_model",
    "read_sentence_model",
    "scored_sentences",
    "sentence_spans",
    "sentence_words",
]

PACKAGE = "servicemind.models.commitments"
_BOUNDARY = re.compile(r"[.!?;]+(?=\s|$)|\n")
_DIGIT = re.compile(r"[1-9]")
#: Punctuation stripped from both ends of a word (not from inside: "i'll", "e-mail").
_PUNCT = ".,!?;:()[]{}\"'“”‘«»¿¡*-–—/…<>"
#: Words that make a sentence without a rule span worth scoring (as ``sentence_words``
#: gives them), besides a figure, a contracted "'ll" or a ``TIME`` word: modals and future
#: markers in the corpus languages. Chosen on the leave-one-writer-out of the training
#: command: adding "is / are / be / get / it's" scored 27% more sentences and lost 0.003
#: F1. A sentence without any of them keeps no span (rule spans are always checked).
SIGNAL = frozenset(
    [
        "will",
        "won't",
        "shall",
        "should",
        "going",
        "gonna",
        "va",
        "vai",
        "vamos",
        "vou",
        "voy",
        "vais",
        "van",
        "vont",
        "sera",
        "será",
        "serão",
        "irá",
        "werden",
        "wird",
        "werde",
        "dovrebbe",
        "devrait",
        "debería",
        "deveria",
        "sollte",
        "verrà",
        "arriverà",
        # the seventh round's languages and Portuguese plurals: nl, sv, da / no modals
        "vão",
        "irão",
        "zal",
        "zullen",
        "zou",
        "zouden",
        "gaat",
        "gaan",
        "kommer",
        "ska",
        "skall",
        "skal",
        "vil",
    ]
)
#: Word endings of the es / pt / it future ("aparecerá", "chiamerà", "darán", "serão"): a
#: sentence with such a word is scored too (only looked for in a non-ASCII sentence).
FUTURE_ENDINGS = ("rá", "rà", "rán", "rão", "rò", "ré", "rás")
#: A cheap sign of a time in the sentence (besides a figure: a day or a time word); the rules' due phrase list is too slow to try on every sentence (it is tried
#: only after an opener).
TIME = frozenset(
    [
        "today",
        "tonight",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "afternoon",
        "evening",
        "weekend",
        "hour",
        "hours",
        "minute",
        "minutes",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "within",
        "by",
        "next",
        "end",
        "soon",
        "shortly",
        "asap",
        "mañana",
        "amanhã",
        "demain",
        "morgen",
        "domani",
        "hoy",
        "hoje",
        "heute",
        "oggi",
        "semana",
        "semaine",
        "woche",
        "settimana",
    ]
) | frozenset(
    # today / tonight and the weekdays of fr / nl / it / pl / tr / es / de / pt (commit16):
    # a time in those languages opens a sentence to scoring as in English
    [
        "aujourd'hui",
        "vandaag",
        "vanavond",
        "vanmiddag",
        "stasera",
        "jutro",
        "dziś",
        "dzis",
        "dzisiaj",
        "yarın",
        "yarin",
        "bugün",
        "bugun",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "segunda",
        "terça",
        "quarta",
        "quinta",
        "sexta",
        "sábado",
        "sabato",
        "samstag",
        "zaterdag",
    ]
)


_PUNCTS = repeat(_PUNCT)
#: Where a sentence holding rule spans is cut into clauses for a second promise beside them
#: (commas, dashes, colons, "and"): ``_pieces``.
_PIECE_CUT = re.compile(r",\s+|\s+[-–—]\s+|:\s+|\s+and\s+")
#: Whether the clauses of a sentence with rule spans that lie outside them are scored too
#: (a second promise in the sentence: "he'll be with you by 1pm, and he'll bring a loan
#: truck"); chosen by leave-one-writer-out (benchmarks/RESULTS.md).
PIECES = True


#: A line of at least this many words in a reply without any ``.!?`` (a speech-to-text
#: call, issue 5: "ok so ill call you back tomorrow and well get the engineer booked in")
#: is cut into clauses where a spoken boundary begins (``_SPOKEN_CUT``); shorter lines ("ok
#: thanks ill do that") stay whole. The traits' transcript clauses use the same length
#: (analyse/traits/_context.py, ``TRANSCRIPT_MIN_WORDS``).
TRANSCRIPT_MIN_WORDS = 12
#: Where a clause of an unpunctuated line begins: the discourse markers and fillers a speaker
#: opens a sentence with (as the traits' transcript clauses), "but" / "because", "and"
#: before a new subject ("... tomorrow and well get the engineer booked"), a new subject with
#: a future ("... right now they will be there within the hour", "... the money our fraud
#: team will call you back") and a question to the customer ("... can you confirm your
#: address"): each starts a new clause, so two promises run together are two entries.
_SPOKEN_CUT = re.compile(
    r"\s(?=(?:okay|ok|alright|all right|so(?! much| many| that| far| long)|um+|uh+|erm|"
    r"anyway|right so|but|because|and (?:then|i|we|ill|well|im|youll|you|theyll|they|he|she|"
    r"itll|it|the|your|our|someone|somebody)|(?:they|he|she|we|i|you|it) (?:will|are going to|"
    r"is going to|am going to)|theyll|itll|youll|(?:our|the|your|a|an) (?:\w+ ){0,2}?(?:team|"
    r"engineer|technician|courier|driver|specialist|manager|agent|department|colleague|refund|"
    r"replacement|order|parcel|package) (?:will|should)|(?:can|could|would|will|do) you|is there|"
    r"are you|have you)\b|\[)",
    re.IGNORECASE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The reply's sentences (cut after ``.!?;`` before a space, and at new lines) as
    ``(start, end)`` offsets without the surrounding spaces; empty ones are left out. In a
    reply without any ``.!?`` a line of ``TRANSCRIPT_MIN_WORDS`` words or more is cut into
    spoken clauses (``_SPOKEN_CUT``)."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        _add(text, pos, m.end(), out)
        pos = m.end()
    if pos < n:
        _add(text, pos, n, out)
    if "." in text or "!" in text or "?" in text:
        return out
    return [c for s, e in out for c in _spoken_clauses(text, s, e)]


def _spoken_clauses(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """``text[s:e]`` (an unpunctuated line) cut at ``_SPOKEN_CUT`` when it is long."""
    if text.count(" ", s, e) + 1 < TRANSCRIPT_MIN_WORDS:
        return [(s, e)]
    out: list[tuple[int, int]] = []
    for m in _SPOKEN_CUT.finditer(text, s, e):
        _add(text, s, m.start(), out)
        s = m.end()
    _add(text, s, e, out)
    return out


def _add(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def normalise(text: str) -> str:
    """``text`` lower-cased, curly apostrophes straight, every ASCII digit ``0`` ("12:30" →
    "00:00", "£55" → "£00"); the length stays, so offsets do."""
    low = _DIGIT.sub("0", text.lower())
    return low.replace("’", "'") if "’" in low else low


def sentence_words(sentence: str) -> list[str]:
    """The words of a sentence of the text from ``normalise``, split at spaces, with
    punctuation stripped from their ends ("i'll", "0pm", "£00.00", "e-mail"). In a sentence
    without an apostrophe, the contractions a speech-to-text call writes without one
    ("ill", "youll", "im"; "well" before a verb of ``_SPOKEN_VERBS``) are read as written
    with it, so they weigh as in typed replies."""
    words = [*filter(None, map(str.strip, sentence.split(), _PUNCTS))]
    if "'" in sentence or _SPOKEN.keys().isdisjoint(words):
        return words
    return [_spoken(w, nxt) for w, nxt in zip(words, [*words[1:], ""], strict=True)]


#: Contractions as speech-to-text writes them (no apostrophe), and as typed.
_SPOKEN = {
    "ill": "i'll",
    "well": "we'll",
    "youll": "you'll",
    "theyll": "they'll",
    "itll": "it'll",
    "thatll": "that'll",
    "therell": "there'll",
    "someonell": "someone'll",
    "hell": "he'll",
    "shell": "she'll",
    "im": "i'm",
    "ive": "i've",
    "weve": "we've",
    "wont": "won't",
    "dont": "don't",
    "cant": "can't",
    "youre": "you're",
    "theyre": "they're",
    "thats": "that's",
}
#: Words after which "well" is "we'll" ("well call you", "well be in touch"), not "well".
_SPOKEN_VERBS = frozenset(
    [
        "be",
        "call",
        "ring",
        "phone",
        "send",
        "email",
        "text",
        "get",
        "sort",
        "book",
        "rebook",
        "arrange",
        "refund",
        "credit",
        "pop",
        "put",
        "raise",
        "escalate",
        "chase",
        "contact",
        "look",
        "check",
        "follow",
        "update",
        "let",
        "keep",
        "make",
        "give",
        "pass",
        "process",
        "cancel",
        "waive",
        "issue",
        "post",
        "reach",
        "transfer",
        "organise",
        "organize",
        "come",
        "reply",
        "ship",
        "dispatch",
        "replace",
        "fix",
        "add",
        "remove",
        "apply",
        "set",
        "pick",
        "collect",
        "deliver",
        "do",
        "have",
        "note",
        "log",
        "flag",
        "email",
        "forward",
        "confirm",
        "schedule",
        "take",
        "also",
        "then",
        "now",
        "just",
        "definitely",
    ]
)


_SPOKEN_LL = frozenset(v for v in _SPOKEN.values() if v.endswith("'ll"))


#: Spoken contractions that are also words ("well", "hell", "shell"): read as "we'll",
#: "he'll", "she'll" only before a verb of ``_SPOKEN_VERBS``.
_AMBIGUOUS = frozenset(["well", "hell", "shell"])


def _spoken(word: str, nxt: str) -> str:
    if word in _AMBIGUOUS and nxt not in _SPOKEN_VERBS:
        return word
    return _SPOKEN.get(word, word)


def _extras(
    words: Sequence[str],
    has_time: bool,
    n_rule: int,
    rule_due: bool,
    first: bool,
    question: bool,
    question_next: bool,
) -> list[str]:
    """The features besides the words and word pairs: first words, the rules' decision,
    a time word, the sentence's place and punctuation."""
    out = ["R:0" if n_rule == 0 else ("R:1" if n_rule == 1 else "R:2")]
    if words:
        out.append("^" + words[0])
        if len(words) > 1:
            out.append(f"^{words[0]} {words[1]}")
    if rule_due:
        out.append("R:due")
    if has_time:
        out.append("D:time")
    if first:
        out.append("P:first")
    if question_next:
        out.append("P:qnext")
    if question:
        out.append("P:q")
    return out


#: Feature groups of ``_forms`` in use (the sentence's grammatical form, beside its words),
#: each kept because it helped both leave-one-writer-out on the train part and the w26-w29
#: round fitted without it (benchmarks/commitments_features.py, benchmarks/RESULTS.md).
#: ``gate`` (commit16) also scores a sentence whose only signal is a ``NOW`` word ("I'm
#: cancelling it now"): LOWO on w6-w39 +.002 / +.001 F1, the w40-w42 round +.001.
FORMS = frozenset(["time", "tense", "subject", "habit", "maybe", "line", "cross", "gate"])
#: A future time for this customer: a weekday, "tomorrow", "tonight", a clock time
#: ("0pm", "00:00", as ``normalise`` writes figures), "within / in 0 ...", "by / before /
#: until / on / next / this ..." with a day or part of a day (not a version: "in 0.0.0").
_DAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"]
)
_FUTURE_WORDS = _DAYS | {"tomorrow", "tonight", "tomorrow's", "tonight's", "later", "shortly"}
_DAY_PARTS = frozenset(
    ["morning", "afternoon", "evening", "week", "month", "eod", "cob", "noon", "midday"]
)
_CLOCK = re.compile(r"^0{1,2}(?:[:.]00(?:am|pm|h)?|am|pm|h)(?:-0{1,2}(?:[:.]00)?(?:am|pm|h)?)?$")
_WITHIN = frozenset(["within", "in", "by", "before", "until", "next", "this", "on", "at"])
_AFTER_WITHIN = _DAYS | _DAY_PARTS | {"the", "a"}
#: Words of a thing already done: a perfect or a past ("has been sent", "we refunded").
_DONE = frozenset(["has", "have", "i've", "we've", "was", "were", "had", "already", "did"])
#: How things go in general, not for this customer: "usually", "every", "policy".
_HABIT = frozenset(
    [
        "usually",
        "normally",
        "typically",
        "generally",
        "always",
        "often",
        "every",
        "each",
        "policy",
        "standard",
        "any",
        "most",
    ]
)
#: A maybe: the outcome is not promised.
_MAYBE = frozenset(["maybe", "might", "may", "could", "possibly", "hopefully", "perhaps", "if"])
#: The agent's side or the customer's item as the first word (the sentence's subject).
_OURS = frozenset(["i", "i'm", "we", "we're", "our", "my", "i'll", "we'll", "im"])
_ITEM = frozenset(["your", "the", "a", "an", "it", "it's", "it'll", "they", "they're"])
#: The customer as subject or addressee of an instruction: their own step.
_CUSTOMER = frozenset(["you", "you're", "please", "just", "simply", "once", "when", "if"])
_BULLET = re.compile(r"^(?:[-•*–]|\d{1,2}[.)]|[a-z][.)])\s")
_LABEL = re.compile(r"^[^\s:]+(?:\s[^\s:]+){0,2}:\s")


#: Words of a present meaning the future ("I'm sending the label now"): with ``gate`` in
#: ``FORMS`` they open a sentence to scoring like a ``TIME`` word.
NOW = frozenset(["now", "immediately", "straightaway", "away", "asap", "today"])


def _forms(seg: str, words: Sequence[str], groups: frozenset[str]) -> list[str]:
    """Features of the sentence's grammatical form, for the ``groups`` in use (``FORMS``):
    ``time`` a future time, ``tense`` done / progressive / present, ``subject`` whose
    sentence, ``habit`` and ``maybe`` markers, ``line`` a list line or "Label: ..." shape,
    and ``cross`` the future time crossed with the others."""
    ws = set(words)
    fut = not _FUTURE_WORDS.isdisjoint(ws)
    if not fut and "0" in seg:
        fut = any(_CLOCK.match(w) for w in words if w[0] == "0")
    if not fut and not _WITHIN.isdisjoint(ws):
        for w, nxt in pairwise(words):
            if w in _WITHIN and (nxt in _AFTER_WITHIN or (nxt[0] == "0" and "." not in nxt)):
                fut = True
                break
    marks = ["fut"] if fut else []
    if not _DONE.isdisjoint(ws):
        marks.append("done")
    if "ing" in seg and any(w.endswith("ing") for w in words[1:4]):
        marks.append("prog")
    if not _HABIT.isdisjoint(ws):
        marks.append("habit")
    if not _MAYBE.isdisjoint(ws):
        marks.append("maybe")
    first = words[0] if words else ""
    if first in _OURS:
        marks.append("ours")
    elif first in _ITEM:
        marks.append("item")
    elif first in _CUSTOMER:
        marks.append("cust")
    if _BULLET.match(seg) or (":" in seg and _LABEL.match(seg)):
        marks.append("line")
    kept = _kept(groups)
    out = [_NAME[m] for m in marks if m in kept]
    if fut and "cross" in groups:
        out.extend([_CROSS[m] for m in marks[1:]])
    return out


@functools.cache
def _kept(groups: frozenset[str]) -> frozenset[str]:
    """The form marks whose group is in ``groups``."""
    return frozenset(m for m, g in _GROUP.items() if g in groups)


#: The feature group of each form mark (``FORMS`` names the groups in use).
_GROUP = {
    "fut": "time",
    "done": "tense",
    "prog": "tense",
    "habit": "habit",
    "maybe": "maybe",
    "ours": "subject",
    "item": "subject",
    "cust": "subject",
    "line": "line",
}
_NAME = {m: "F:" + m for m in _GROUP}
_CROSS = {m: "F:fut+" + m for m in _GROUP}


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence worth scoring: its offsets, the rule spans starting in it (their indices
    in the rules' list), its words and its other features."""

    start: int
    end: int
    rules: tuple[int, ...]
    words: list[str]
    extras: list[str]

    @property
    def features(self) -> list[str]:
        """Every feature name, with repeats (the model counts them): the words, the word
        pairs, then the others."""
        w = self.words
        return w + [f"{a} {b}" for a, b in pairwise(w)] + self.extras


def _scored(
    text: str, rule_spans: Sequence[tuple[int, int, bool]]
) -> Iterator[tuple[int, int, list[int], list[str], list[str]]]:
    """``(start, end, rule indices, words, other features)`` of each sentence to score."""
    low = normalise(text)
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): no model
        return
    sents = sentence_spans(text)
    k = 0
    n_rules = len(rule_spans)
    last = len(sents) - 1
    for i, (s, e) in enumerate(sents):
        mine: list[int] = []
        while k < n_rules and rule_spans[k][0] < e:
            if rule_spans[k][0] >= s:
                mine.append(k)
            k += 1
        seg = low[s:e]
        words = sentence_words(seg)
        has_time = "0" in seg or not TIME.isdisjoint(words)
        if (
            not mine
            and not has_time
            and not has_signal(seg, words)
            and ("gate" not in FORMS or NOW.isdisjoint(words))
        ):
            continue
        first = i == 0
        question = text[e - 1] == "?"
        question_next = i < last and text[sents[i + 1][1] - 1] == "?"
        extras = _extras(
            words,
            has_time,
            len(mine),
            any(rule_spans[j][2] for j in mine),
            first,
            question,
            question_next,
        )
        if FORMS:
            extras += _forms(seg, words, FORMS)
        yield s, e, mine, words, extras
        if mine and PIECES:
            yield from _pieces(
                low, s, e, [rule_spans[j] for j in mine], first, question, question_next
            )


def has_signal(seg: str, words: Sequence[str]) -> bool:
    """Whether a sentence (lower-cased) has a "'ll", a ``SIGNAL`` word or, when it is not
    plain ASCII, a word with a ``FUTURE_ENDINGS`` ending."""
    if "'ll" in seg or not SIGNAL.isdisjoint(words):
        return True
    if "'" not in seg and not _SPOKEN_LL.isdisjoint(words):
        return True  # "ill call you", read as "i'll" by ``sentence_words``
    return not seg.isascii() and any(w.endswith(FUTURE_ENDINGS) for w in words)


def _pieces(
    low: str,
    s: int,
    e: int,
    rules: Sequence[tuple[int, int, bool]],
    first: bool,
    question: bool,
    question_next: bool,
) -> Iterator[tuple[int, int, list[int], list[str], list[str]]]:
    """The clauses of a sentence with rule spans that lie outside them ("..., he'll be with
    you by 1pm, and he'll bring a loan truck"), cut at ``_PIECE_CUT``, each with a signal,
    scored like a sentence without a rule span but marked ``R:piece``."""
    pos = s
    for m in chain(_PIECE_CUT.finditer(low, s, e), (None,)):
        a, b = pos, m.start() if m is not None else e
        if m is not None:
            pos = m.end()
        if b <= a or any(r[0] < b and a < r[1] for r in rules):
            continue
        seg = low[a:b]
        words = sentence_words(seg)
        has_time = "0" in seg or not TIME.isdisjoint(words)
        if not has_time and not has_signal(seg, words):
            continue
        extras = _extras(words, has_time, 0, False, first, question, question_next)
        extras[0] = "R:piece"
        if FORMS:
            extras += _forms(seg, words, FORMS)
        yield a, b, [], words, extras


def scored_sentences(text: str, rule_spans: Sequence[tuple[int, int, bool]]) -> list[Sentence]:
    """The sentences of ``text`` the model scores, with their features.

    ``rule_spans`` are the rules' ``(start, end, has a due phrase)``, in order. A sentence
    is scored when a rule span starts in it or it holds a figure, a "'ll", a ``SIGNAL`` or a
    ``TIME`` word: the others are left as the rules left them.
    """
    return [Sentence(s, e, tuple(m), w, x) for s, e, m, w, x in _scored(text, rule_spans)]


def check(
    text: str, rule_spans: Sequence[tuple[int, int, bool]], model: SentenceModel
) -> tuple[set[int], list[tuple[int, int, float]]]:
    """``decide(scored_sentences(text, rule_spans), model)`` without building the
    sentences (the run-time path)."""
    veto: set[int] = set()
    add: list[tuple[int, int, float]] = []
    for s, e, mine, words, extras in _scored(text, rule_spans):
        p = model.probability(words, extras)
        if mine:
            if p < model.veto:
                veto.update(mine)
        elif p >= model.add_threshold(extras):
            add.append((s, e, p))
    return veto, add


def decide(
    sentences: Sequence[Sentence], model: SentenceModel
) -> tuple[set[int], list[tuple[int, int, float]]]:
    """The rule spans to drop (indices) and the sentences to add ``(start, end, p)``."""
    veto: set[int] = set()
    add: list[tuple[int, int, float]] = []
    for sent in sentences:
        p = model.probability(sent.words, sent.extras)
        if sent.rules:
            if p < model.veto:
                veto.update(sent.rules)
        elif p >= model.add_threshold(sent.extras):
            add.append((sent.start, sent.end, p))
    return veto, add


@dataclass(frozen=True)
class SentenceModel:
    """The fitted weights as a term → weight map, with the bias and the two thresholds."""

    weights: dict[str, float]
    bias: float
    veto: float
    add: float
    version: str
    #: The add threshold of a sentence with a future time for this customer (``F:fut``: a
    #: weekday, "tomorrow", "by 5pm"): a dated action is specific enough to be added from a
    #: lower probability than an undated one (``None``: the same as ``add``).
    add_timed: float | None = None

    def add_threshold(self, extras: Sequence[str]) -> float:
        """The add threshold of a sentence with these other features."""
        if self.add_timed is None or "F:fut" not in extras:
            return self.add
        return self.add_timed

    def probability(self, words: Sequence[str], extras: Sequence[str]) -> float:
        """The probability that a sentence with these words and other features holds a
        promise (the sum over ``Sentence.features``, word pairs formed on the fly)."""
        get = self.weights.get
        zero = repeat(0.0)
        z = self.bias + sum(map(get, chain(words, map(" ".join, pairwise(words)), extras), zero))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def _parse(raw: bytes) -> SentenceModel:
    data = json.loads(gzip.decompress(raw))
    terms, weights = data["terms"], data["weights"]
    if len(terms) != len(weights):
        raise ModelError("commitment model artefact: terms and weights differ in length")
    return SentenceModel(
        weights=dict(zip(terms, map(float, weights), strict=True)),
        bias=float(data["bias"]),
        veto=float(data["veto"]),
        add=float(data["add"]),
        version=str(data["version"]),
        add_timed=float(data["add_timed"]) if "add_timed" in data else None,
    )


def read_sentence_model(directory: Path) -> SentenceModel:
    """Load the artefact from a folder (e.g. freshly trained, not yet packaged)."""
    try:
        return _parse((directory / "model.json.gz").read_bytes())
    except FileNotFoundError as exc:
        raise ModelError(f"model artefact {directory / 'model.json.gz'} is missing") from exc


@functools.cache
def load_sentence_model() -> SentenceModel:
    """The packaged commitment sentence model, loaded once per process."""
    try:
        raw = resources.files(PACKAGE).joinpath("model.json.gz").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(
            f"model artefact {PACKAGE}/model.json.gz is missing",
            hint="reinstall servicemind, or retrain with `servicemind train commitments`",
        ) from exc
    return _parse(raw)
