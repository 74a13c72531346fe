"""A small language guesser for the coach: en, es, fr, de, pt (and it) from common words.

Enough to tell whether a reply is in the customer's language; short or mixed texts give
``None`` rather than a guess.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from servicemind.coach._data import load

__all__ = ["detect_language", "guess_language"]

#: A language needs at least this many common-word hits to be named; chosen so that a
#: one-line message ("gracias, todo bien") is still recognised while a single shared
#: word ("a", "de") is not enough.
MIN_HITS = 2
#: ...and this share of all hits over the runner-up language (hand-checked on short
#: mixed messages).
MIN_MARGIN = 1.5

_TOKEN = re.compile(r"[^\W\d_]+")
#: :data:`_TOKEN` on lower-cased ASCII text, where its letters are a-z (the same tokens)
_TOKEN_ASCII = re.compile(r"[a-z]+")


def _tokens(text: str) -> list[str]:
    """``text``'s words, lower-cased."""
    if text.isascii():
        return _TOKEN_ASCII.findall(text.lower())
    return [t.lower() for t in _TOKEN.findall(text)]


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in load("languages")["stopwords"].items()}


#: Texts up to this length have their language memoised (each turn is looked at again
#: for every later reply); longer ones are not, so memory stays bounded.
CACHE_MAX_CHARS = 4000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` among en/es/fr/de/pt/it, or ``None`` when unsure."""
    return _detect_cached(text) if len(text) <= CACHE_MAX_CHARS else _detect(text)


@cache
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Common word -> the languages it is a common word of (one lookup per token)."""
    out: dict[str, list[str]] = {}
    for lang, words in _stopwords().items():
        for w in words:
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


def _detect(text: str) -> str | None:
    tokens = _tokens(text)
    if not tokens:
        return None
    # per language, how many tokens are its common words
    hits = dict.fromkeys(_stopwords(), 0)
    of = _languages_of()
    for t in tokens:
        for lang in of.get(t, ()):
            hits[lang] += 1
    ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, n1), (_, n2) = ranked[0], ranked[1]
    if n1 < MIN_HITS or n1 < MIN_MARGIN * n2:
        return None
    return best


_detect_cached = lru_cache(maxsize=4096)(_detect)


def guess_language(text: str, prior: str | None) -> str:
    """The language of ``text``, or where :func:`detect_language` is unsure, whichever of
    ``prior`` (the customer's language) and English has more common-word hits: a short
    Spanish reply to a Spanish customer ("Le rogamos tenga paciencia.") is Spanish, not
    English. Ties go to ``prior`` when it has any hit, else to English."""
    found = detect_language(text)
    if found is not None:
        return found
    if prior is None or prior == "en":
        return "en"
    tokens = _tokens(text)
    words = _stopwords()
    mine = sum(t in words.get(prior, frozenset()) for t in tokens)
    english = sum(t in words["en"] for t in tokens)
    return prior if mine and mine >= english else "en"
