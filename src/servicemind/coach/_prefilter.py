"""A cheap literal prefilter for the coach's case-insensitive rule patterns.

Most replies match none of the rewriter's rules, but a regex ``search`` over a long
alternation costs tens of microseconds per text. :func:`required_literals` reads a
pattern's parse tree and derives strings one of which every match must contain
(lower-case, ASCII); :class:`Gated` answers ``search`` and ``sub`` with no regex work
when none of them is in the text. The result is the same as the pattern's own: a match
always contains one of the strings, so a text without any has no match.

Case: under ``re.IGNORECASE`` an ASCII pattern character also matches four non-ASCII
characters (dotted and dotless i, long s, the Kelvin sign); :func:`fold` maps those to
their ASCII letter before lower-casing, so the substring test never misses a match.
"""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _parser
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from servicemind.analyse._cues import LiteralIndex

__all__ = [
    "Gated",
    "GatedAny",
    "GatedList",
    "alternatives",
    "first_char_guard",
    "fold",
    "required_literals",
]

#: Non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII character (the test
#: suite checks this list against every code point).
FOLD_TO_ASCII = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_FOLD = str.maketrans(FOLD_TO_ASCII)


@lru_cache(maxsize=256)
def fold(text: str) -> str:
    """``text`` lower-cased for the substring test (memoised: one text meets many rules)."""
    return text.translate(_FOLD).lower() if not text.isascii() else text.lower()


Req = frozenset[str] | None


def _best(cands: list[frozenset[str]]) -> Req:
    """The most selective requirement: the longest shortest string, then fewest strings."""
    if not cands:
        return None
    return max(cands, key=lambda s: (min(len(x) for x in s), -len(s)))


def _plain(ch: str) -> bool:
    """Whether ``ch`` can stand in a required literal: ASCII (folded by :func:`fold`), or a
    symbol or punctuation mark with no case ("🙃", "’"), which matches only itself."""
    if ch.isascii():
        return True
    return unicodedata.category(ch)[0] in "PS" and ch.lower() == ch == ch.upper() == ch.casefold()


def _lead(items: Any) -> str:
    """The literal characters an alternative starts with (maybe none)."""
    out = []
    for op, av in items:
        if op is not _c.LITERAL or not _plain(chr(av)):
            break
        out.append(chr(av).lower())
    return "".join(out)


def _seq(items: Any) -> Req:
    cands: list[frozenset[str]] = []
    run: list[str] = []
    items = list(items)

    def flush() -> None:
        if run:
            cands.append(frozenset(["".join(run)]))
            run.clear()

    for k, (op, av) in enumerate(items):
        if op is _c.LITERAL:
            ch = chr(av)
            if _plain(ch):
                run.append(ch.lower())
                continue
            flush()
            continue
        if op is _c.BRANCH and run and k > 0 and items[k - 1][0] is _c.LITERAL:
            # the parser moves a common prefix out of a branch ("c(?:hat|all)"): the run
            # before the branch and each alternative's first characters are one string
            head = "".join(run)
            cands.append(frozenset(head + _lead(alt) for alt in av[1]))
        flush()
        sub = _item(op, av)
        if sub is not None:
            cands.append(sub)
    flush()
    return _best(cands)


def _each_branch(
    alts: Iterable[Any], read: Callable[[Any], Iterable[str] | None]
) -> set[str] | None:
    """The union of ``read`` over a branch's alternatives; ``None`` when one gives ``None``."""
    out: set[str] = set()
    for alt in alts:
        got = read(alt)
        if got is None:
            return None
        out |= set(got)
    return out


def _item(op: Any, av: Any) -> Req:
    if op is _c.SUBPATTERN:
        return _seq(av[-1])
    if op is _c.BRANCH:
        out = _each_branch(av[1], _seq)
        return None if out is None else _minimal(out)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, _, body = av
        return _seq(body) if lo >= 1 else None
    if op is _c.ATOMIC_GROUP:
        return _seq(av)
    return None  # classes, anchors, lookarounds, backreferences: no literal required


def _minimal(strings: set[str]) -> Req:
    """Drop strings that contain another one (the shorter is found whenever they are)."""
    if "" in strings:
        return None
    keep = sorted(strings, key=len)
    out: list[str] = []
    for s in keep:
        if not any(k in s for k in out):
            out.append(s)
    return frozenset(out)


def required_literals(pattern: str) -> Req:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains (matched
    case-insensitively), or ``None`` when no such strings can be read off the pattern."""
    r = _seq(_parser.parse(pattern, re.I))
    return None if r is None else _minimal(set(r))


def _firsts(items: Any) -> set[str] | None:
    """The characters a match of parsed ``items`` can start with, each as written (a
    literal, or a class of literals); ``None`` when the first item is anything else or the
    items can match nothing at all (an empty alternative)."""
    if not items:
        return None
    op, av = items[0]
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        if not all(iop is _c.LITERAL for iop, _ in av):
            return None
        return {chr(iav) for _, iav in av}
    if op is _c.SUBPATTERN and not av[1] and not av[2]:  # (no flags of its own)
        return _firsts(av[-1])
    if op is _c.BRANCH:
        return _each_branch(av[1], _firsts)
    return None


def first_char_guard(pattern: str) -> str:
    """A look-ahead for the characters every match of the case-insensitive ``pattern`` starts
    with (``"(?=[abc])"``, read case-insensitively like the pattern), or ``""`` when they
    cannot be read off it. Put before an alternative, it fails at once where the pattern
    cannot start, instead of trying each of its branches: the same matches, sooner."""
    got = _firsts(list(_parser.parse(pattern, re.I)))
    if not got:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(got)) + "])"


class Gated:
    """A compiled pattern whose ``search`` and ``sub`` skip the regex when the text holds
    none of the pattern's required literals (same results as the pattern's own)."""

    __slots__ = ("flags", "lits", "pattern", "rx")
    #: the compiled pattern, compiled on first use (many alternatives of a long list are
    #: never tried, and compiling them all would slow the first analysis down)
    rx: re.Pattern[str]

    def __init__(self, pattern: str, flags: int = re.I) -> None:
        self.pattern = pattern
        self.flags = flags
        lits = required_literals(pattern)
        #: shortest first: the likeliest to be found
        self.lits = None if lits is None else tuple(sorted(lits, key=lambda x: (len(x), x)))

    def __getattr__(self, name: str) -> Any:
        # only called while the ``rx`` slot is still empty
        if name != "rx":
            raise AttributeError(name)
        self.rx = re.compile(self.pattern, self.flags)
        return self.rx

    def may_match(self, text: str) -> bool:
        """False only when the pattern cannot match ``text``."""
        return self.lits is None or self.hit(fold(text))

    def hit(self, low: str) -> bool:
        """:meth:`may_match` for a text already passed through :func:`fold`."""
        return self.lits is None or any(map(low.__contains__, self.lits))

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text) if self.may_match(text) else None

    def exists(self, text: str) -> bool:
        return self.search(text) is not None

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.rx.sub(repl, text, count=count) if self.may_match(text) else text


@cache
def _shared_index() -> LiteralIndex:
    """The literals of every rule list, found in a text with one scan (a trie as one regex;
    each line's result kept): a reply meets several lists, and each would scan it again."""
    return LiteralIndex()


class GatedList:
    """Rules applied one after another (each to the text the earlier ones left): finds the
    rules that may match a text with one pass over all their literals, instead of one
    test per rule."""

    __slots__ = ("_always", "_lits", "_table", "rules")

    def __init__(self, patterns: Iterable[str], flags: int = re.I) -> None:
        self.rules = [Gated(p, flags) for p in patterns]
        table: dict[str, list[int]] = {}
        always: list[int] = []
        for i, g in enumerate(self.rules):
            if g.lits is None or "" in g.lits:
                always.append(i)
                continue
            for s in g.lits:
                table.setdefault(s, []).append(i)
        self._always = tuple(always)
        self._table = {s: tuple(ids) for s, ids in table.items()}
        self._lits = frozenset(table)
        # one scan of a text finds the literals of every rule list (see _shared_index)
        _shared_index().add(self._lits)

    def __len__(self) -> int:
        return len(self.rules)

    def __getitem__(self, i: int) -> Gated:
        return self.rules[i]

    def candidates(self, text: str) -> list[int]:
        """Indices, in order, of the rules that may match ``text`` (the others cannot)."""
        return sorted(self.may_match(text))

    def may_match(self, text: str) -> set[int]:
        """:meth:`candidates` in no particular order."""
        found = set(self._always)
        table = self._table
        for s in _shared_index().found(fold(text)) & self._lits:
            found.update(table[s])
        return found

    def scan(self, text: str, step: Callable[[int, str], str]) -> str:
        """``text`` after ``step(i, text)`` for each rule ``i`` in order, skipping the rules
        that cannot match the text as it then is (for which ``step`` would change nothing:
        it must only substitute rule ``i``'s matches)."""
        cands = self.candidates(text)
        k = 0
        while k < len(cands):
            i = cands[k]
            k += 1
            new = step(i, text)
            if new != text:
                text = new
                cands = [j for j in self.candidates(text) if j > i]
                k = 0
        return text


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, char, depth before it)`` of every ``(``, ``)`` and ``|`` of ``pattern`` that
    is outside escapes and character classes: the one scanner of a pattern's shape."""
    depth = 0
    i = 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            # a "]" right after "[" or "[^" is a literal member, not the end
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch in "()|":
            yield i, ch, depth
            depth += 1 if ch == "(" else -1 if ch == ")" else 0
        i += 1


def _top_split(pattern: str) -> list[str]:
    """``pattern`` cut at its top-level ``|`` (not inside a group or a character class)."""
    cuts = [i for i, ch, depth in _structure(pattern) if ch == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[lo + 1 : hi] for lo, hi in pairwise(bounds)]


def alternatives(pattern: str) -> list[str]:
    """Patterns one of which matches a text exactly when ``pattern`` does: its top-level
    alternatives, or those of one group around the whole pattern (``\\b(?:a|b)\\b`` ->
    ``\\b(?:a)\\b``, ``\\b(?:b)\\b``). ``[pattern]`` itself when it has neither, or when a
    backreference or an inline flag could tie the parts together."""
    if re.search(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]", pattern):
        return [pattern]
    parts = _top_split(pattern)
    if len(parts) > 1:
        return [a for p in parts for a in alternatives(p)]
    for prefix in ("\\b", ""):
        for suffix in ("\\b", ""):
            head = prefix + "(?:"
            tail = ")" + suffix
            if not (pattern.startswith(head) and pattern.endswith(tail)):
                continue
            body = pattern[len(head) : len(pattern) - len(tail)]
            inner = _top_split(body) if _balanced(body) else []
            if len(inner) > 1:
                return [a for p in inner for a in alternatives(f"{head}{p}{tail}")]
    return [pattern]


def _balanced(body: str) -> bool:
    """Whether ``body``'s groups all close inside it (so ``(?:body)`` is one group)."""
    depth = 0
    for _, ch, before in _structure(body):
        depth = before + (1 if ch == "(" else -1 if ch == ")" else 0)
        if depth < 0:
            return False
    return depth == 0


class GatedAny:
    """Whether a long alternation matches, answered from its alternatives: only those whose
    literals are in the text are tried (each a short regex), not the whole alternation at
    every position. For yes/no questions only (:meth:`exists`), not for the match itself."""

    __slots__ = ("parts", "pattern")

    def __init__(self, pattern: str, flags: int = re.I) -> None:
        self.pattern = pattern
        self.parts = GatedList(alternatives(pattern), flags)

    def exists(self, text: str) -> bool:
        rules = self.parts.rules
        return any(rules[i].rx.search(text) is not None for i in self.parts.may_match(text))
