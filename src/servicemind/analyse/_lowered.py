"""Case-insensitive regexes as case-sensitive ones for lower-cased text.

Under ``re.IGNORECASE`` the ``re`` engine folds the case of every character it compares
and cannot skip ahead to the characters a match may start with. For a text whose
``lower()`` changes only its ASCII letters (:func:`lowerable`: ASCII, or ASCII and
characters without case such as ``£ € ’ —`` and emoji), :func:`lowered_regex` gives a
case-sensitive pattern that finds, in ``text.lower()``, exactly the spans the
case-insensitive one finds in ``text``; the cue engine, the politeness strategies and the
commitment extractor use it (about three times faster over the packaged cue lists).
"""

from __future__ import annotations

import re
import re._compiler as _sre_compiler
import re._constants as _sre_constants
import re._parser as _sre_parse
from typing import Any

__all__ = ["FOLD_TRAP_CHARS", "boundary_moved", "lower_case_form", "lowerable", "lowered_regex"]

#: The only characters outside ASCII that a case-insensitive pattern matches to an ASCII
#: letter (dotted and dotless i, long s, Kelvin sign; a test recomputes them).
FOLD_TRAP_CHARS = "\u0130\u0131\u017f\u212a"

_LITERAL = _sre_constants.LITERAL
_SUBPATTERN = _sre_constants.SUBPATTERN
_BRANCH = _sre_constants.BRANCH
_REPEATS = (
    _sre_constants.MAX_REPEAT,
    _sre_constants.MIN_REPEAT,
    _sre_constants.POSSESSIVE_REPEAT,
)
_ATOMIC_GROUP = _sre_constants.ATOMIC_GROUP


def _caseless_ranges() -> str:
    """The common non-ASCII characters without case (punctuation, currency, symbols,
    emoji), as a regex class body: a text of them and ASCII can be matched lower-cased."""
    blocks = [(0xA0, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7), (0x2000, 0x2BFF), (0x1F000, 0x1FAFF)]
    out = []
    for lo, hi in blocks:
        run: list[int] = []
        for c in range(lo, hi + 1):
            ch = chr(c)
            if ch.lower() == ch == ch.upper() and ch.casefold() == ch:
                run.append(c)
                continue
            if run:
                out.append(f"\\U{run[0]:08x}-\\U{run[-1]:08x}")
                run = []
        if run:
            out.append(f"\\U{run[0]:08x}-\\U{run[-1]:08x}")
    return "".join(out)


#: A text that lower-casing changes only in its ASCII letters and that holds no character
#: with case outside ASCII: ASCII and :func:`_caseless_ranges` only (a test checks that no
#: other character is the same as one of them under ``re.IGNORECASE``).
_LOWERABLE = re.compile(f"[\\x00-\\x7f{_caseless_ranges()}]*")


def lowerable(text: str) -> bool:
    """Whether ``text`` can be matched through the lower-case forms of its regexes
    (:func:`lowered_regex` on ``text.lower()``): ASCII, or ASCII and characters without
    case such as ``£ € ’ “ — …`` and emoji."""
    return text.isascii() or _LOWERABLE.fullmatch(text) is not None


def lower_case_form(rx: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive ``rx`` for the lower-cased form of a :func:`lowerable` text: its
    :func:`lowered_regex`, or ``rx`` itself when declined (case-insensitive, it finds the
    same spans in ``text.lower()`` as in a lowerable ``text``)."""
    if not rx.flags & re.IGNORECASE:
        raise ValueError(f"not a case-insensitive pattern: {rx.pattern!r}")
    return lowered_regex(rx.pattern, rx.flags) or rx


_TRAP_CODES = tuple(ord(c) for c in FOLD_TRAP_CHARS)
_KEEP = frozenset(
    {_sre_constants.AT, _sre_constants.ANY, _sre_constants.GROUPREF, _sre_constants.CATEGORY}
)


def _lower_items(items: Any) -> list[tuple[Any, Any]] | None:
    """A character class's items, each ASCII capital joined by its small letter; ``None``
    when the class holds a fold trap or an item not understood."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is _LITERAL:
            if av in _TRAP_CODES:
                return None
            out.append((op, av))
            if 65 <= av <= 90:
                out.append((op, av + 32))
        elif op is _sre_constants.RANGE:
            lo, hi = av
            if any(lo <= t <= hi for t in _TRAP_CODES):
                return None
            out.append((op, av))
            a, b = max(lo, 65), min(hi, 90)
            if a <= b:
                out.append((op, (a + 32, b + 32)))
        elif op is _sre_constants.NEGATE or op is _sre_constants.CATEGORY:
            out.append((op, av))
        else:
            return None
    return out


def _lower_tree(parsed: Any) -> Any:
    """``parsed`` (a case-insensitive pattern) as a case-sensitive one that matches the
    lower-cased form of a lowerable text where the original matches the text itself: capitals
    become small letters, classes gain the small letters of their capitals. ``None`` when
    the pattern holds what this cannot carry over (inline flags, a fold trap, an unknown
    opcode)."""
    out: list[tuple[Any, Any]] = []
    for op, av in parsed:
        if op is _LITERAL or op is _sre_constants.NOT_LITERAL:
            if av in _TRAP_CODES:
                return None
            if 65 <= av <= 90:
                av += 32
        elif op is _sre_constants.IN:
            av = _lower_items(av)
            if av is None:
                return None
        elif op is _BRANCH:
            alts = [_lower_tree(b) for b in av[1]]
            if any(a is None for a in alts):
                return None
            av = (av[0], alts)
        elif op is _SUBPATTERN:
            group, add_flags, del_flags, sub = av
            sub = _lower_tree(sub)
            if add_flags or del_flags or sub is None:
                return None
            av = (group, add_flags, del_flags, sub)
        elif op in _REPEATS:
            sub = _lower_tree(av[2])
            if sub is None:
                return None
            av = (av[0], av[1], sub)
        elif op is _sre_constants.ASSERT or op is _sre_constants.ASSERT_NOT:
            sub = _lower_tree(av[1])
            if sub is None:
                return None
            av = (av[0], sub)
        elif op is _ATOMIC_GROUP:
            av = _lower_tree(av)
            if av is None:
                return None
        elif op is _sre_constants.GROUPREF_EXISTS:
            yes = _lower_tree(av[1])
            no = None if av[2] is None else _lower_tree(av[2])
            if yes is None or (av[2] is not None and no is None):
                return None
            av = (av[0], yes, no)
        elif op not in _KEEP:
            return None
        out.append((op, av))
    return _sre_parse.SubPattern(parsed.state, out)


#: ``(?<!\w.)`` right after a match's first character, when that is a word character: the
#: same test as a ``\b`` before it (the match starts the text or follows a non-word one).
_STARTS_WORD = _sre_parse.parse(r"(?<!\w.)").data[0]


def _is_word(code: int) -> bool:
    return chr(code).isalnum() or code == 95  # what \w matches (str patterns)


def _word_class(items: Any) -> bool:
    """Whether every character a class (parsed ``IN`` items) matches is a word character."""
    for op, av in items:
        if op is _LITERAL:
            if not _is_word(av):
                return False
        elif op is _sre_constants.RANGE:
            lo, hi = av
            if hi - lo > 1000 or not all(_is_word(c) for c in range(lo, hi + 1)):
                return False
        elif op is not _sre_constants.CATEGORY or av not in (
            _sre_constants.CATEGORY_WORD,
            _sre_constants.CATEGORY_DIGIT,
        ):
            return False
    return True


def _rare_start(op: Any, av: Any) -> bool:
    """Whether a parsed literal or class is a literal, or a class without ASCII small
    letters: characters that ``re`` can skip ahead to in a lower-cased text."""
    if op is _LITERAL:
        return True
    for iop, iav in av:  # (a class: _word_class has let through literals, ranges, \w, \d)
        if iop is _LITERAL and 97 <= iav <= 122:
            return False
        if iop is _sre_constants.RANGE and iav[0] <= 122 and iav[1] >= 97:
            return False
        if iop is _sre_constants.CATEGORY and iav != _sre_constants.CATEGORY_DIGIT:
            return False
    return True


def _word_char(op: Any, av: Any) -> bool:
    """Whether a parsed item matches exactly one character, always a word character."""
    return (op is _LITERAL and _is_word(av)) or (op is _sre_constants.IN and _word_class(av))


def _boundary_after_first(items: Any, state: Any) -> list[tuple[Any, Any]] | None:
    """``items`` with :data:`_STARTS_WORD` after the first character every match consumes,
    when that is always a word character (a literal or a class, possibly inside groups and
    branches); ``None`` otherwise."""
    if not items:
        return None
    (op, av), rest = items[0], list(items[1:])
    if _word_char(op, av):
        return [(op, av), _STARTS_WORD, *rest]
    if (op is _sre_constants.MAX_REPEAT or op is _sre_constants.MIN_REPEAT) and av[0] >= 1:
        # a repeat, at least once, of a literal or of a class without small letters
        # ("f+", "\d{1,2}", "[A-Z]{4,}"): its first copy, the look-behind, then the repeat
        # once less (tried in the same order). Not for a class with small letters ("[a-z]+",
        # "\w+"): re would stop at nearly every character of a lower-cased text to try the
        # look-behind, where a leading \b fails faster
        lo, hi, sub = av
        if len(sub) == 1 and _word_char(*sub[0]) and _rare_start(*sub[0]):
            if hi != _sre_constants.MAXREPEAT:
                hi -= 1
            again = [(op, (lo - 1, hi, sub))] if hi else []
            return [sub[0], _STARTS_WORD, *again, *rest]
    if op is _BRANCH:
        alts = [_boundary_after_first(b, state) for b in av[1]]
        if any(a is None for a in alts):
            return None
        return [(op, (av[0], [_sre_parse.SubPattern(state, a) for a in alts])), *rest]
    if op is _SUBPATTERN and not av[1] and not av[2]:
        sub = _boundary_after_first(av[3], state)
        if sub is None:
            return None
        return [(op, (av[0], 0, 0, _sre_parse.SubPattern(state, sub))), *rest]
    return None


def _moved(tree: Any) -> Any:
    """``tree`` with a leading ``\\b`` moved after the first character (when that is
    always a word character), else ``tree``."""
    if tree.data and tree.data[0] == (_sre_constants.AT, _sre_constants.AT_BOUNDARY):
        # a leading \b keeps re from skipping ahead to the characters a match can start
        # with; after the first character, as a look-behind, it no longer does
        moved = _boundary_after_first(tree.data[1:], tree.state)
        if moved is not None:
            return _sre_parse.SubPattern(tree.state, moved)
    return tree


def boundary_moved(regex: str) -> re.Pattern[str] | None:
    """A case-sensitive ``regex`` that starts with ``\\b`` before a word character, with the
    ``\\b`` moved after that character as a look-behind: the same matches, and ``re`` can
    skip ahead to the characters a match can start with. ``None`` for any other pattern."""
    try:  # (re's internal API: keep the plain pattern rather than fail if it changes)
        tree = _sre_parse.parse(regex)
        moved = _moved(tree)
        if moved is tree:
            return None
        return _sre_compiler.compile(moved, 0)  # type: ignore[no-any-return]
    except Exception:
        return None


def lowered_regex(regex: str, flags: int = re.IGNORECASE) -> re.Pattern[str] | None:
    """``regex`` (read case-insensitively) as a case-sensitive pattern for the lower-cased
    form of a text: on ``text.lower()`` of a :func:`lowerable` ``text`` it matches exactly the
    spans that ``re.compile(regex, re.IGNORECASE)`` matches on ``text``, and runs faster (no
    case folding per character, and ``re``'s first-character skips apply: a leading ``\\b``
    before a word character becomes a look-behind after it). ``None`` when
    the pattern cannot be carried over; the caller then keeps the case-insensitive one.
    ``flags``: the pattern's other flags (``re.DOTALL``...), kept."""
    parsed = _sre_parse.parse(regex, flags | re.IGNORECASE)
    try:  # (re's internal API: keep the plain pattern rather than fail if it changes)
        tree = _lower_tree(parsed)
        if tree is None:
            return None
        tree.state.flags &= ~re.IGNORECASE
        return _sre_compiler.compile(_moved(tree), 0)  # type: ignore[no-any-return]
    except Exception:
        return None
