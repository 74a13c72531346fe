"""Whole-word clauses of a cue: closed lists of words one of which any match holds as a word.

The literal sieve (``_cues.literal_clauses``) asks only that a cue's literals occur
somewhere in a text, as substrings. A cue that opens with a closed list of short words
("te|le|les|se lo ...", "vi|ti|ci ...") passes it on nearly every English reply ("te" is in
"item", "le" in "please"), and its regex then runs for nothing. Where the pattern puts a
word boundary before such a list and the list's words end at a non-word character, any
match holds one of those words *as a whole word*: a text whose words (the maximal runs of
``\\w`` characters, lower-cased) include none of them cannot match, and the cue need not be
tried. :func:`word_clauses` derives these lists from a parsed pattern; :func:`text_words`
gives the words of a text to check them against.

Only ASCII words are derived ([a-z0-9_], lower-cased), and the check is only valid on a text
without fold traps (``_cues.has_fold_trap``), as for the literal clauses: without one, a
case-insensitive match of an ASCII word holds ASCII characters only, whose ``lower()`` is
the word, between two non-word characters (or the text's ends) of the original text.
"""

from __future__ import annotations

import re
import re._constants as _sre_constants
from collections.abc import Sequence
from typing import Any

__all__ = ["text_words", "word_clauses"]

_LITERAL = _sre_constants.LITERAL
_IN = _sre_constants.IN
_AT = _sre_constants.AT
_BRANCH = _sre_constants.BRANCH
_SUBPATTERN = _sre_constants.SUBPATTERN
_ATOMIC_GROUP = _sre_constants.ATOMIC_GROUP
_LOOKAROUNDS = (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT)
_REPEATS = (
    _sre_constants.MAX_REPEAT,
    _sre_constants.MIN_REPEAT,
    _sre_constants.POSSESSIVE_REPEAT,
)
_NOT_WORD_CATEGORIES = (_sre_constants.CATEGORY_SPACE, _sre_constants.CATEGORY_NOT_WORD)

#: A class of more word characters than this is not spelled out into words.
MAX_CLASS_LETTERS = 8
#: Alternatives followed at most this deep (patterns are small; this only bounds the work).
MAX_DEPTH = 12

#: The words of a text: what ``\b`` sees as word characters.
_WORDS = re.compile(r"\w+")
#: For ASCII text: every byte that is not a word character becomes a space (split is then
#: the same words as ``_WORDS``, about three times faster).
_NON_WORD_TO_SPACE = bytes(b if chr(b).isalnum() or b == 95 else 32 for b in range(128)) + bytes(
    range(128, 256)
)


def _kind(op: Any, av: Any) -> str:
    """What one consumed character of a parsed item is: 'word' (ASCII word letters, given
    back by :func:`_letters`), 'nonword' (never a word character) or 'other'."""
    if op is _LITERAL:
        ch = chr(av)
        if ch.isalnum() or ch == "_":
            return "word" if av < 128 else "other"
        return "nonword"
    if op is _IN:
        kinds = {_kind(*item) if item[0] is _LITERAL else _category(item) for item in av}
        return kinds.pop() if len(kinds) == 1 else "other"
    return "other"


def _category(item: tuple[Any, Any]) -> str:
    op, av = item
    if op is _sre_constants.CATEGORY and av in _NOT_WORD_CATEGORIES:
        return "nonword"
    return "other"


def _letters(op: Any, av: Any) -> list[str]:
    """The lower-case letters a 'word' item (:func:`_kind`) matches."""
    if op is _LITERAL:
        return [chr(av).lower()]
    return sorted({chr(code).lower() for _, code in av})


def _first_words(items: Sequence[tuple[Any, Any]], run: str, depth: int) -> set[str] | None:
    """The words one of which every match of ``items`` starts with, when the match starts
    at a word's start and ``run`` has been matched just before (the word so far); ``None``
    when no closed list can be derived."""
    if depth > MAX_DEPTH:
        return None
    for i, (op, av) in enumerate(items):
        rest = items[i + 1 :]
        if op in _LOOKAROUNDS:
            continue  # (consumes nothing)
        if op is _AT:
            if av is _sre_constants.AT_BOUNDARY and run:
                return {run}  # a word character before a boundary ends the word
            return None
        kind = _kind(op, av)
        if kind == "nonword":
            return {run} if run else None
        if kind == "word":
            letters = _letters(op, av)
            if len(letters) == 1:
                run += letters[0]
                continue
            if len(letters) > MAX_CLASS_LETTERS:
                return None
            return _union([_first_words(rest, run + c, depth + 1) for c in letters])
        if op is _SUBPATTERN:
            return _first_words([*av[-1], *rest], run, depth + 1)
        if op is _ATOMIC_GROUP:
            return _first_words([*av, *rest], run, depth + 1)
        if op is _BRANCH:
            return _union([_first_words([*alt, *rest], run, depth + 1) for alt in av[1]])
        if op in _REPEATS and av[0] == 0 and av[1] == 1:  # optional: with it or without
            body = _first_words([*av[2], *rest], run, depth + 1)
            return _union([body, _first_words(rest, run, depth + 1)])
        if op in _REPEATS and av[0] >= 1 and run and _starts_nonword(av[2]):
            return {run}
        return None
    return None  # the match may end here, inside a word or with none


def _starts_nonword(items: Any) -> bool:
    return len(items) > 0 and _kind(*items[0]) == "nonword"


def _union(parts: list[set[str] | None]) -> set[str] | None:
    out: set[str] = set()
    for p in parts:
        if p is None:
            return None
        out |= p
    return out


def _flat(items: Any) -> list[tuple[Any, Any]]:
    """The items of a parsed pattern with unconditional groups opened up (each of their
    items is matched in turn, as the pattern's own are)."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is _SUBPATTERN and not (len(av[-1]) == 1 and av[-1][0][0] is _BRANCH):
            out.extend(_flat(av[-1]))
        elif op is _ATOMIC_GROUP:
            out.extend(_flat(av))
        else:
            out.append((op, av))
    return out


def word_clauses(parsed: Any) -> tuple[frozenset[bytes], ...]:
    """Sets of lower-case ASCII words (as bytes, like :func:`text_words`): any case-insensitive match of the parsed pattern in a
    text without fold traps holds, for every set, one of its words as a whole word of the
    text (:func:`text_words`). Derived where the pattern has a word boundary, or a consumed
    non-word character, right before a word or closed list of words that ends at a non-word
    character or boundary."""
    items = _flat(parsed)
    out: set[frozenset[bytes]] = set()
    bounded = False
    for i, (op, av) in enumerate(items):
        if op in _LOOKAROUNDS:
            continue
        if bounded and op is not _AT:
            words = _first_words(items[i:], "", 0)
            if words:
                out.add(frozenset(w.encode() for w in words))
        kind = _kind(op, av)
        bounded = (op is _AT and av is _sre_constants.AT_BOUNDARY) or kind == "nonword"
    return tuple(sorted(out, key=sorted))


def text_words(text: str, low: str, lowered: bool) -> frozenset[bytes]:
    """The lower-cased words of ``text``, UTF-8 encoded (``low`` is ``text.lower()``;
    ``lowered``: the text is lowerable, so ``low`` has the same words, lower-cased, and is
    read directly). An ASCII word is its ASCII bytes; any other never equals one."""
    if lowered:
        if low.isascii():
            return frozenset(low.encode().translate(_NON_WORD_TO_SPACE).split())
        return frozenset(w.encode() for w in _WORDS.findall(low))
    return frozenset(w.lower().encode() for w in _WORDS.findall(text))
