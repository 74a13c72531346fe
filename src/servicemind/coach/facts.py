"""Fact extraction and checking for rewrites: a rewrite keeps every fact and invents none.

A *fact* is a span a reader would act on or quote back: a number, a price, a date or
weekday, a time, a URL, an email address, or a proper name (a capitalised word that is
not at the start of a sentence, or an all-caps code such as ``RMA`` or ``AB12``).

:func:`check_rewrite` verifies two things:

* **nothing invented**: every fact of the rewrite occurs somewhere in the conversation
  (compared case-insensitively, so "Maria" at a sentence start still matches);
* **nothing lost**: every fact of the original reply occurs in the rewrite, except the
  words the rewriter replaced on purpose (jargon swapped for plain words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from servicemind.analyse._cues import _trie_regex, lower_case_form, lowerable

__all__ = ["Fact", "FactReport", "check_rewrite", "extract_facts"]

_TLDS = "com|org|net|io|co|uk|de|fr|es|pt|eu|info|app|help"
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:"
    + _TLDS
    + r")(?:/[^\s<>\"']*)?\b",
    re.I,
)
#: What every :data:`_URL` match holds besides a "://": the dot of its "www." or the dot
#: before its top-level domain. Most texts have neither, and this search only stops at
#: dots, so it decides quickly that the slower one would find nothing.
_URL_DOT = re.compile(r"\.(?:(?<=www\.)|" + _TLDS + ")", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PRICE = re.compile(
    r"(?:[$€£¥]\s?\d[\d.,]*|\d[\d.,]*\s?(?:[$€£¥]|(?:usd|eur|gbp|dollars?|euros?|pounds?|cents?)\b))",
    re.I,
)
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "thousand",
    "million",
    "dozen",
]


def _whole_words(words: list[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole word, ignoring case: the same matches as
    ``\b(?:w1|w2|...)\b`` (at most one whole word can start at a position), found about
    twice as fast: the words as a trie, tried only where one of their first letters is."""
    firsts = "".join(sorted({w[0] for w in words}))
    return re.compile(rf"(?=[{firsts}])\b(?:{_trie_regex(sorted(words))})\b", re.I)


_NUMBER_WORD = _whole_words(_NUMBER_WORDS)
_DATE_WORDS = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "tomorrow",
    "tonight",
    "yesterday",
    "weekend",
    "midnight",
    "noon",
    "morning",
    "afternoon",
    "evening",
]
_DATE_WORD = _whole_words(_DATE_WORDS)
#: the two for the lower-cased form of a :func:`lowerable` text (same spans)
_NUMBER_WORD_LOW = lower_case_form(_NUMBER_WORD)
_DATE_WORD_LOW = lower_case_form(_DATE_WORD)
#: Capitalised words only: the name candidates (lower-case words are never names).
_WORD = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][\w'’-]*")
#: capitalised words that are grammar, not names: the pronoun "I" and its contractions, and
#: common function words that chat writers capitalise after a missing full stop
#: ("ok We apologise"); hand-picked from false positives on team-written replies.
_NOT_NAMES = frozenset(
    [
        "i",
        "i'm",
        "i'll",
        "i've",
        "i'd",
        "i’m",
        "i’ll",
        "i’ve",
        "i’d",
        "ok",
        "okay",
        # titles: "Dear Mr Weber" -> "Sehr geehrter Herr Weber" keeps the name, the fact
        "mr",
        "mrs",
        "ms",
        "dr",
        # interjections ("@mark 😂 Haha, good one!")
        "haha",
        "hahaha",
        "lol",
        "wow",
        "oh",
        "ah",
        "hmm",
        "yeah",
        "yep",
        "nope",
        "oops",
        "ugh",
        # contractions of the function words below ("@dan We're sorry ...")
        "we're",
        "we've",
        "we'll",
        "we'd",
        "you're",
        "you've",
        "you'll",
        "you'd",
        "it's",
        "that's",
        "there's",
        "they're",
        "let's",
        "we’re",
        "we’ve",
        "we’ll",
        "you’re",
        "you’ll",
        "it’s",
        "that’s",
        "we",
        "you",
        "he",
        "she",
        "it",
        "they",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "please",
        "thanks",
        "thank",
        "hi",
        "hello",
        "hey",
        "dear",
        "sorry",
        "yes",
        "no",
        "and",
        "but",
        "or",
        "so",
        "if",
        "when",
        "what",
        "why",
        "how",
        "where",
        "who",
        "there",
        "here",
    ]
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact: its ``kind`` (url, email, price, number, date, name) and normalised ``value``."""

    kind: str
    value: str


@dataclass(slots=True)
class FactReport:
    """What a rewrite lost and what it invented, compared with the original and the conversation."""

    missing: list[Fact] = field(default_factory=list)
    invented: list[Fact] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.invented


def _norm(s: str) -> str:
    return s.strip().rstrip(".,;:!?)").lower()


def _sentence_start(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens a sentence (after . ! ? : ; a newline, a quote or
    an opening bracket, or at the very start)."""
    j = pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in '.!?:;\n"“('


#: Texts up to this length have their facts memoised (a conversation's turns are checked
#: again for each later reply); longer ones are not, so memory stays bounded.
CACHE_MAX_CHARS = 4000


def extract_facts(text: str, *, allowed_words: Iterable[str] = ()) -> set[Fact]:
    """The facts in ``text``. ``allowed_words`` (lower-case) are never taken as names."""
    return set(_extract(text, _lower_set(allowed_words)))


def _extract(text: str, allowed: frozenset[str]) -> frozenset[Fact]:
    if len(text) <= CACHE_MAX_CHARS:
        return _extract_cached(text, allowed)
    return _extract_uncached(text, allowed)


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    if isinstance(words, frozenset):
        return words  # callers pass the (lower-case) template vocabulary as a frozenset
    return frozenset(w.lower() for w in words)


def _extract_uncached(text: str, allowed: frozenset[str]) -> frozenset[Fact]:
    facts: set[Fact] = set()

    covered_at: set[int] = set()

    def _take(kind: str, rx: re.Pattern[str]) -> None:
        for m in rx.finditer(text):
            if m.start() in covered_at:
                continue
            covered_at.update(range(*m.span()))
            facts.add(Fact(kind, _norm(m.group())))

    # an address needs its "@", a price and a number a digit: without, they find nothing
    if "@" in text:
        _take("email", _EMAIL)
    if "://" in text or _URL_DOT.search(text):
        _take("url", _URL)
    if _DIGIT.search(text):
        _take("price", _PRICE)
        for m in _NUMBER.finditer(text):
            if m.start() not in covered_at:
                facts.add(Fact("number", m.group().strip(".,:/-")))
    if lowerable(text):  # the same spans in the lower-cased text, found faster
        low_text = text.lower()
        for m in _NUMBER_WORD_LOW.finditer(low_text):
            facts.add(Fact("number", m.group()))
        for m in _DATE_WORD_LOW.finditer(low_text):
            facts.add(Fact("date", m.group()))
    else:
        for m in _NUMBER_WORD.finditer(text):
            facts.add(Fact("number", m.group().lower()))
        for m in _DATE_WORD.finditer(text):
            facts.add(Fact("date", m.group().lower()))
    for m in _WORD.finditer(text):
        if m.start() in covered_at:
            continue
        w = m.group().rstrip("'’-")
        low = w.lower()
        if low in _NOT_NAMES or low in allowed or _DATE_WORD.fullmatch(w):
            continue
        is_code = len(w) >= 2 and w.isupper() and any(c.isalpha() for c in w)
        mid_sentence = w[0].isupper() and not _sentence_start(text, m.start())
        if is_code or mid_sentence:
            facts.add(Fact("name", low))
    return frozenset(facts)


def _present(f: Fact, facts: set[Fact], text_low: str) -> bool:
    if f in facts:
        return True
    if f.kind == "name":
        return re.search(r"(?<![\w])" + re.escape(f.value) + r"(?![\w])", text_low) is not None
    if f.kind in ("number", "price"):
        digits = re.sub(r"\D", "", f.value)
        return bool(digits) and any(
            re.sub(r"\D", "", g.value) == digits for g in facts if g.kind in ("number", "price")
        )
    return f.value in text_low


def check_rewrite(
    original: str,
    rewrite: str,
    conversation: Iterable[str],
    *,
    replaced: Iterable[str] = (),
    allowed_words: Iterable[str] = (),
) -> FactReport:
    """Compare ``rewrite`` with ``original`` and with every text of the ``conversation``.

    ``replaced`` are original words the rewriter swapped on purpose (jargon); they may go
    missing. ``allowed_words`` are the rewriter's own template words (never facts).
    """
    allowed = _lower_set(allowed_words)
    texts = [original, *conversation]
    conv_facts: set[Fact] = set().union(*(_extract(t, allowed) for t in texts))
    conv_low = "\n".join(texts).lower()
    new_facts = set(_extract(rewrite, allowed))
    rewrite_low = rewrite.lower()
    replaced_low = {r.lower() for r in replaced}
    report = FactReport()
    for f in sorted(new_facts, key=lambda x: (x.kind, x.value)):
        if not _present(f, conv_facts, conv_low):
            report.invented.append(f)
    for f in sorted(_extract(original, allowed), key=lambda x: (x.kind, x.value)):
        if any(f.value in r for r in replaced_low):
            continue
        if not _present(f, new_facts, rewrite_low):
            report.missing.append(f)
    return report


_extract_cached = lru_cache(maxsize=4096)(_extract_uncached)
