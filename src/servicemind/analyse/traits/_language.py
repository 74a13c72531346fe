"""A small stopword-based language detector for en, es, fr, de, pt, it, nl, pl, tr.

Each language's stopwords (lexicons/languages.json) vote for the tokens they cover; the
language covering most tokens wins when it covers at least :data:`MIN_HITS` tokens and
:data:`MIN_SHARE` of them. Short or ambiguous texts get ``None`` (unknown). :func:`detect_languages` reads a text
clause by clause, for customers who switch language inside one message.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from servicemind.analyse._cues import load_lexicon

__all__ = [
    "LANGUAGES",
    "detect_language",
    "detect_languages",
    "reply_language",
    "settled_language",
]

LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de", "pt", "it", "nl", "pl", "tr")
#: Minimum stopword tokens for a decision; two is the fewest that a 4-word reply can give.
MIN_HITS = 2
#: Minimum share of tokens that must be the winner's stopwords (hand-set on invented
#: replies: function words are 30-50% of ordinary prose, 0.12 leaves room for names and
#: numbers).
MIN_SHARE = 0.12
#: The winner must beat the runner-up by this many tokens (ties stay undecided).
MIN_MARGIN = 1

#: Texts whose language is kept (the coach asks again about the replies just analysed).
LANGUAGE_CACHE = 4096
#: Tokens read at most (enough evidence; keeps long texts fast).
MAX_TOKENS = 200
#: Characters of prefix scanned per wanted token in a long text (words average well under 20).
PREFIX_CHARS_PER_TOKEN = 20

#: Where a text is cut to read its languages part by part: sentence ends, new lines, commas,
#: semicolons and colons (a code-switching customer changes language between clauses:
#: "hola, my package llegó roto, la caja toda aplastada. what can I do??"). Each part is
#: decided by :func:`detect_language` with its usual thresholds, so a part too short to
#: tell ("hola", "ok") adds nothing.
#: Stopwords a clause needs to add its language (a short clause of shared words says
#: nothing: "a la", "de en"); hand-set on the train part's customer messages, where a
#: looser rule gave about one message in a hundred a second language it was not written in.
CLAUSE_MIN_HITS = 3
#: The clause's language must have this many times the runner-up's stopwords.
CLAUSE_MIN_RATIO = 2
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n]+")
#: A reply's own language gives way to the conversation's settled one when it leads that
#: language by at most this many stopwords ("Yes, 35 by 45 millimetres, plain light
#: background, no glasses." reads 'pt' 2 to 'en' 1 on its own; trial 20 F16).
SETTLED_MARGIN = 1

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
#: :data:`_TOKEN` on lower-cased ASCII text, where its letters are a-z (same tokens, faster)
_TOKEN_ASCII = re.compile(r"[a-z]+(?:'[a-z]+)?")


@cache
def _table() -> dict[str, tuple[str, ...]]:
    lex = load_lexicon("languages.json")
    table: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for w in lex[lang]:
            table.setdefault(w.lower(), []).append(lang)
    return {w: tuple(langs) for w, langs in table.items()}


def _ranked(text: str) -> tuple[list[tuple[str, int]], int]:
    """Languages by how many of ``text``'s tokens are their stopwords, most first, and the
    number of tokens read."""
    table = _table()
    counts = dict.fromkeys(LANGUAGES, 0)
    low = text.lower().replace("’", "'")
    # the first MAX_TOKENS tokens are enough evidence. A long text is scanned in a prefix:
    # with more than MAX_TOKENS tokens found there, the first MAX_TOKENS all end before the
    # next one starts, so the cut cannot have shortened them; otherwise scan it all.
    cut = MAX_TOKENS * PREFIX_CHARS_PER_TOKEN
    token = _TOKEN_ASCII if low.isascii() else _TOKEN
    tokens = token.findall(low[:cut]) if len(low) > cut else []
    if len(tokens) <= MAX_TOKENS:
        tokens = token.findall(low)
    tokens = tokens[:MAX_TOKENS]
    for tok in tokens:
        langs = table.get(tok)
        if langs:
            for lang in langs:
                counts[lang] += 1
    return sorted(counts.items(), key=lambda kv: -kv[1]), len(tokens)


@lru_cache(maxsize=LANGUAGE_CACHE)
def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``None`` when unsure."""
    ranked, n = _ranked(text)
    if n == 0:
        return None
    (best, c1), (_, c2) = ranked[0], ranked[1]
    if c1 < MIN_HITS or c1 / n < MIN_SHARE or c1 - c2 < MIN_MARGIN:
        return None
    return best


@lru_cache(maxsize=LANGUAGE_CACHE)
def detect_languages(text: str) -> frozenset[str]:
    """Every language ``text`` is written in: the whole text's (:func:`detect_language`) and
    that of each clause that clearly is in another one (issue 5: a customer who writes
    German and English in one message can be answered in either). Empty when none can be
    told.

    A clause counts with at least :data:`CLAUSE_MIN_HITS` stopwords of its language and
    :data:`CLAUSE_MIN_RATIO` times the runner-up's: the languages share short words ("de",
    "la", "a", "en"), and a looser rule reads a French clause as Dutch or an Italian one as
    Spanish."""
    whole = detect_language(text)
    found = {whole} if whole is not None else set()
    for part in _CLAUSE_BREAK.split(text):
        ranked, n = _ranked(part)
        (best, c1), (_, c2) = ranked[0], ranked[1]
        if c1 >= CLAUSE_MIN_HITS and c1 >= CLAUSE_MIN_RATIO * c2 and c1 / n >= MIN_SHARE:
            found.add(best)
    return frozenset(found)


def settled_language(current: str | None, earlier: str) -> str | None:
    """The conversation's settled language: that of the customer's messages so far when
    the answered one (``current``, its language) is in it or too short to tell, and the
    ``earlier`` ones agree; ``None`` when they disagree or none can be told."""
    before = detect_language(earlier) if earlier else None
    if current is None:
        return before
    return current if before in (None, current) else None


@lru_cache(maxsize=LANGUAGE_CACHE)
def reply_language(text: str, settled: str | None) -> str | None:
    """The language of a reply in a conversation whose language is ``settled`` (``None``:
    not settled): the reply's own (:func:`detect_language`) unless that is weak against the
    settled one: undecided, or ahead of it by at most :data:`SETTLED_MARGIN` stopwords, and
    the reply has at least one stopword of the settled language. A short reply keeps the
    conversation's language ("Gern geschehen, Frau Kühn." in a German exchange); a reply
    clearly in another language keeps its own ("Gracias, lo revisamos." to an English
    customer)."""
    own = detect_language(text)
    if settled is None or own == settled:
        return own
    ranked, _ = _ranked(text)
    counts = dict(ranked)
    theirs = counts.get(settled, 0)
    if theirs >= 1 and (own is None or counts[own] - theirs <= SETTLED_MARGIN):
        return settled
    return own
