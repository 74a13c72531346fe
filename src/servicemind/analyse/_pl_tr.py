"""Polish and Turkish replies for the commitment rules: which language a reply is in, and
its verb lists and due phrases, read with or without the language's own letters.

Chat in both languages is often typed without its letters ("sprawdze to jutro", "wyslemy
jutro", "sizi yarin arayacagiz", "kargoyu bugun gonderecegiz"). A reply is tried with a
language's lists (lexicons/commitments_pl_tr.json) when it holds a letter only that
language writes (``LETTERS``), or, without one, a ``plain_cues`` string of it (the
language's common words and endings as typed without letters: "dziekuje", "prosze";
"acak", "eceg", "lutfen"). Every list is *folded*: each of the languages' letters in a
pattern also accepts the plain letter it is typed as ("ę" → "[ęe]", "ı" → "[ıi]", "ğ" →
"[ğg]"), so one pattern reads both spellings.
"""

from __future__ import annotations

import re
from functools import cache

from servicemind.analyse._cues import load_lexicon, phrase_regex

__all__ = [
    "LETTERS",
    "due_regex",
    "fold_regex",
    "languages",
    "plain",
    "plain_cue_literals",
    "verb_lists",
]

_PL_TR = "commitments_pl_tr.json"
_TIMING = "commitment_timing.json"
#: The letters of Polish and of Turkish that the other corpus languages do not write (case
#: by case: ignoring case, "ı" would match every "I").
LETTERS = (
    ("pl", re.compile("[ąęłńśźżćĄĘŁŃŚŹŻĆ]")),
    ("tr", re.compile("[ığşİĞŞ]")),
)
#: Each letter of the two languages (and the ones they share with others: ó, ç, ö, ü, â,
#: î) with the plain letter a chat types for it.
_PLAIN = {
    "ą": "a",
    "ę": "e",
    "ł": "l",
    "ń": "n",
    "ó": "o",
    "ś": "s",
    "ź": "z",
    "ż": "z",
    "ć": "c",
    "ı": "i",
    "ğ": "g",
    "ş": "s",
    "ç": "c",
    "ö": "o",
    "ü": "u",
    "â": "a",
    "î": "i",
}

_PLAIN_TABLE = str.maketrans(_PLAIN)


def plain(text: str) -> str:
    """``text`` as a chat types it without the two languages' letters ("yarın" → "yarin")."""
    return text.translate(_PLAIN_TABLE)


def fold_regex(pattern: str) -> str:
    """``pattern`` with each letter of ``_PLAIN`` also accepting its plain letter: "[ęe]"
    outside a character class, "ęe" inside one ("[a-ząę]" → "[a-ząaęe]")."""
    out: list[str] = []
    in_class = False
    escaped = False
    for i, ch in enumerate(pattern):
        if escaped:
            out.append(ch)
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            out.append(ch)
            continue
        if in_class:
            if ch == "]" and pattern[i - 1] != "[":
                in_class = False
            out.append(ch + _PLAIN.get(ch, ""))
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            continue
        plain = _PLAIN.get(ch)
        out.append(f"[{ch}{plain}]" if plain else ch)
    return "".join(out)


@cache
def _plain_cues() -> tuple[tuple[str, frozenset[str]], ...]:
    lex = load_lexicon(_PL_TR)
    return tuple((lang, frozenset(lex[f"{lang}_plain_cues"])) for lang, _ in LETTERS)


def plain_cue_literals() -> frozenset[str]:
    """Every ``plain_cues`` string: they join the shared literal index (``_cues``), so a
    reply's one scan also tells :func:`languages` which it holds."""
    return frozenset().union(*(cues for _, cues in _plain_cues()))


def languages(text: str, found: frozenset[str] | None = None) -> tuple[str, ...]:
    """The languages whose lists ``text`` is tried with: those whose letters it holds, or
    whose ``plain_cues`` its lower case holds (a reply typed without letters). ``found``:
    the shared literal index's literals of the lower-cased text, when the caller has them
    (they hold every cue: :func:`plain_cue_literals`)."""
    if text.isascii():
        langs: tuple[str, ...] = ()
    else:
        langs = tuple(lang for lang, rx in LETTERS if rx.search(text))
        if len(langs) == len(LETTERS):
            return langs
    low = None
    for lang, cues in _plain_cues():
        if lang in langs:
            continue
        if found is not None:
            if not found.isdisjoint(cues):
                langs += (lang,)
            continue
        if low is None:
            low = text.lower()
        if any(c in low for c in cues):
            langs += (lang,)
    return langs


@cache
def verb_lists() -> dict[str, tuple[tuple[re.Pattern[str], bool], ...]]:
    """Per language, its lists each as one folded alternation, with whether the list needs a
    due phrase. Compiled apart from the cue engine: their many word stems would otherwise
    join the shared literal index that every reply is scanned for."""
    lex = load_lexicon(_PL_TR)

    def alt(key: str) -> re.Pattern[str]:
        return re.compile("|".join(fold_regex(phrase_regex(p)) for p in lex[key]), re.IGNORECASE)

    return {
        lang: ((alt(f"{lang}_predicate"), False), (alt(f"{lang}_timed_predicate"), True))
        for lang, _ in LETTERS
    }


@cache
def due_regex() -> re.Pattern[str]:
    """The due alternation with the Polish and Turkish phrases (``non_ascii_due``) after the
    others, folded: for a reply :func:`languages` finds Polish or Turkish in."""
    lex = load_lexicon(_TIMING)
    return re.compile(
        "|".join(fold_regex(phrase_regex(p)) for key in ("due", "non_ascii_due") for p in lex[key]),
        re.IGNORECASE,
    )
