"""The shared cue engine: lexicon phrases -> compiled regexes -> evidence hits.

Lexicons are JSON package data under ``servicemind/lexicons`` (read once, with
``importlib.resources``). Each cue is compiled once; a literal prefilter derived from the
regexes themselves decides which cues are tried on a text, so a reply costs a handful of
regex calls. The literals of every lexicon are found with one scan (an Aho-Corasick
automaton when ``pyahocorasick`` is installed, else a trie of them as one regex: the same
set), and a cue is only tried when every literal run its regex needs is in the text
(:func:`literal_clauses`), which skips most candidates that would not match. Matching is
case-insensitive on the original text, so
``text[hit.start:hit.end] == hit.text`` always holds (a :func:`lowerable` text is matched
case-sensitively on its ``lower()`` with each cue's lower-case form: the same spans, faster;
see ``_lowered``).

Negation: a positive cue preceded by a negator ("not", "never", "no", "n't"; "nie", "niet",
"nicht", "non", "não", "nunca", "jamais" in other languages) within
:data:`NEGATION_WINDOW_WORDS` words of the same clause is flipped ("I'm not sorry", "not happy to help"; not "Oh no, I'm
sorry").
"""

from __future__ import annotations

import importlib
import json
import re
import re._parser as _sre_parse
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from itertools import chain, islice
from operator import itemgetter
from types import ModuleType
from typing import Any

from servicemind.analyse._lowered import (
    _ATOMIC_GROUP,
    _BRANCH,
    _LITERAL,
    _REPEATS,
    _SUBPATTERN,
    FOLD_TRAP_CHARS,
    lower_case_form,
    lowerable,
    lowered_regex,
)
from servicemind.analyse._word_clauses import text_words, word_clauses
from servicemind.errors import ModelError

__all__ = [
    "Cue",
    "CueSet",
    "Hit",
    "LiteralIndex",
    "PhraseSet",
    "Screened",
    "Screens",
    "anchor_literals",
    "cueset",
    "has_fold_trap",
    "is_negated",
    "literal_clauses",
    "load_lexicon",
    "lower_case_form",
    "lowerable",
    "lowered_regex",
    "phrase_regex",
    "phrase_set",
    "required_literals",
    "shared_index",
]

#: Words between a negator and a cue that still count as negating it ("not really able to").
#: Three words covers "not (really|quite|always) able to"; set by hand.
NEGATION_WINDOW_WORDS = 3
#: A negated positive cue counts with this fraction of its weight, flipped; set by hand
#: ("not happy to help" is clearly negative but weaker evidence than an explicit refusal).
NEGATION_FACTOR = 0.8

#: Cues whose longest possible match is wider than this (characters) always scan the whole
#: text; narrower ones only scan windows around their required literals.
MAX_WINDOW_WIDTH = 300
#: Texts whose cue candidates and matches a lexicon keeps (a reply, the customer message,
#: the earlier conversation: the texts one reply's traits read).
BOOK_MEMO_TEXTS = 4
#: Lines whose literals a lexicon's index keeps (the turns of the conversations of a batch
#: being read; bounded so memory stays flat).
LINE_MEMO = 4096
#: Extra characters after a window, so that a lookahead at a match's end still sees the
#: text that follows ("let me (?!know)" must see the "know" of "let me know"; a search
#: with ``endpos`` reads the text as if it ended there).
LOOKAHEAD_MARGIN = 40
#: Texts up to this length are scanned whole: with the lower-case forms a whole-text scan
#: of a cue is cheap, and below about this length working out its windows costs more than
#: it saves (every cue list over 1,200 corpus replies, alone or joined: whole texts 7%
#: faster at ~240 characters, even at ~480, windows 9% faster at ~710 and 20% at ~950).
SHORT_TEXT = 480


#: The only characters outside ASCII that a case-insensitive pattern matches to an ASCII
#: letter (dotted and dotless i, long s, Kelvin sign; a test recomputes them). A text
#: with one of them is not clause-filtered: its ``lower()`` need not contain what matched.
_FOLD_TRAPS = re.compile(f"[{FOLD_TRAP_CHARS}]")
#: Literal runs shorter than this say too little to be worth a clause.
MIN_CLAUSE_LITERAL = 2


def _automata() -> ModuleType | None:
    """``pyahocorasick`` (BSD-3-Clause), when installed: a literal index then finds a line's
    literals with one Aho-Corasick pass in C, about twice as fast as the trie regex; without
    it the regex finds the same set (:meth:`LiteralIndex.found`, tested both ways)."""
    try:
        return importlib.import_module("ahocorasick")
    except ImportError:
        return None


_AHOCORASICK = _automata()
_SECOND = itemgetter(1)

_NEGATOR = re.compile(
    r"(?:\b(?:not|never|no|hardly|nobody|nothing|neither|nor|cannot|nie|niet|nicht|non(?!-)|não|nunca|jamais)\b|n['’]t\b)"
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


@dataclass(frozen=True, slots=True, init=False)
class Hit:
    """A cue that matched: the span, the (possibly negated) weight and its description."""

    start: int
    end: int
    text: str
    weight: float
    label: str
    facet: str | None = None
    negated: bool = False

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        weight: float,
        label: str,
        facet: str | None = None,
        negated: bool = False,
    ) -> None:
        # what the generated frozen __init__ does, through the slots' own setters: about
        # half the cost of its object.__setattr__ calls (a reply makes ten or more hits)
        _SET_START(self, start)
        _SET_END(self, end)
        _SET_TEXT(self, text)
        _SET_WEIGHT(self, weight)
        _SET_LABEL(self, label)
        _SET_FACET(self, facet)
        _SET_NEGATED(self, negated)

    def evidence(self) -> dict[str, Any]:
        text, end = self.text, self.end
        if text[-1:].isspace():  # a cue written with a closing space ("according to our ")
            text = text.rstrip()  # quotes its words, not the space after them
            end = self.start + len(text)
        return {
            "start": self.start,
            "end": end,
            "text": text,
            "cue": self.label,
            "polarity": "positive" if self.weight >= 0 else "negative",
        }


# the slot descriptors' setters, which a frozen class's own __setattr__ does not guard
(_SET_START, _SET_END, _SET_TEXT, _SET_WEIGHT, _SET_LABEL, _SET_FACET, _SET_NEGATED) = (
    vars(Hit)[f].__set__ for f in ("start", "end", "text", "weight", "label", "facet", "negated")
)


def phrase_regex(pattern: str) -> str:
    """A lexicon phrase as a regex: typographic apostrophes allowed, word boundaries added."""
    body = pattern.replace("'", "['’]")
    left = r"\b" if re.match(r"[\w(]", pattern) and not pattern.startswith("^") else ""
    right = r"\b" if re.search(r"[\w)?]$", pattern) and not pattern.endswith("\\S+") else ""
    return f"{left}(?:{body}){right}"


def _literal_runs(parsed: Any) -> list[str]:
    """Literal strings that occur unconditionally at the top level of a parsed pattern."""
    runs: list[str] = []
    cur: list[str] = []
    for op, av in parsed:
        if op is _LITERAL:
            cur.append(chr(av))
            continue
        if cur:
            runs.append("".join(cur))
            cur = []
    if cur:
        runs.append("".join(cur))
    return runs


def _required(parsed: Any) -> frozenset[str] | None:
    """Strings of which at least one must occur (lower-cased) in any text the pattern matches.

    ``None`` when no such set can be derived (the cue is then always tried).
    """
    best = max(_literal_runs(parsed), key=len, default="")
    if len(best) >= 3:
        return frozenset({best.lower()})
    for op, av in parsed:
        if op is _SUBPATTERN:
            sub = av[-1]
            if len(sub) == 1 and sub[0][0] is _BRANCH:
                alts: list[str] = []
                for branch in sub[0][1][1]:
                    req = _required(branch)
                    if req is None:
                        alts = []
                        break
                    alts.extend(req)
                if alts:
                    return frozenset(alts)
            else:
                req = _required(sub)
                if req is not None:
                    return req
    if len(best) >= 2:
        return frozenset({best.lower()})
    return None


def _clauses(parsed: Any) -> list[frozenset[str]]:
    """Sets of lower-case strings of which each needs one present in any match (an AND of ORs).

    Only what a match consumes counts: consecutive ASCII literals, groups, branches (one
    clause per branch, merged) and repeats of at least one; never lookarounds.
    """
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in parsed:
        if op is _LITERAL and av < 128:
            run.append(chr(av))
            continue
        flush()
        if op is _SUBPATTERN:
            out.extend(_clauses(av[-1]))
        elif op is _ATOMIC_GROUP:
            out.extend(_clauses(av))
        elif op in _REPEATS and av[0] >= 1:
            out.extend(_clauses(av[2]))
        elif op is _BRANCH:
            alts: set[str] = set()
            for branch in av[1]:
                got = [c for c in _clauses(branch) if min(map(len, c)) >= MIN_CLAUSE_LITERAL]
                if not got:
                    alts.clear()
                    break
                alts.update(max(got, key=lambda c: min(map(len, c))))
            if alts:
                out.append(frozenset(alts))
    flush()
    return [c for c in out if min(map(len, c)) >= MIN_CLAUSE_LITERAL]


def literal_clauses(regex: str, keep: str = "") -> tuple[frozenset[str], ...]:
    """Clauses of lower-case strings: any case-insensitive match of ``regex`` in a text
    without :data:`_FOLD_TRAPS` contains, for every clause, one of its strings (ignoring case).

    A literal ends at a character beyond ASCII, except at those of ``keep`` ("reçu",
    "todavía": "re" and "gl" alone would let nearly every English text through). Each of
    them must match, ignoring case, only characters whose lower case is itself, so that a
    text matching ``regex`` holds the literal once lower-cased (the tracker's test checks
    its set over all of Unicode). They stand in as private ASCII characters while the
    clauses are worked out.
    """
    if not keep:
        return tuple(_clauses(_sre_parse.parse(regex, re.IGNORECASE)))
    stand_in = str.maketrans({c: chr(1 + i) for i, c in enumerate(keep)})
    stood_in = str.maketrans({chr(1 + i): c for i, c in enumerate(keep)})
    clauses = _clauses(_sre_parse.parse(regex.translate(stand_in), re.IGNORECASE))
    return tuple(frozenset(lit.translate(stood_in) for lit in c) for c in clauses)


def has_fold_trap(text: str) -> bool:
    """Whether ``text`` holds a character that case-folds to ASCII (clauses do not apply).
    The characters are all beyond ASCII, so an ASCII text (a flag ``str`` keeps: no scan)
    holds none; only the others are searched (~1.7 us a reply, ~5 times a turn)."""
    return not text.isascii() and _FOLD_TRAPS.search(text) is not None


#: :data:`_NEGATOR` for the lower-cased form of a lowerable text (twice as fast).
_NEGATOR_LOW = lower_case_form(_NEGATOR)
#: A cue that opens a clause of its own after a joining word ("… and I guarantee", "…, but
#: we can") is out of reach of a negator before the joining word: "make sure this never
#: happens again and I guarantee a full refund" guarantees (docs/traits.md: the negator
#: counts in the same clause).
_JOIN_END = re.compile(r"\b(?:and|but)\s+$", re.IGNORECASE)
_SUBJECT_START = re.compile(r"(?:i|we|you|he|she|they)\b", re.IGNORECASE)


def _opens_clause(before: str, head: str) -> bool:
    """Whether the cue whose first characters are ``head`` opens a new clause after
    ``before`` (a joining word, then the cue's own subject)."""
    return _SUBJECT_START.match(head) is not None and _JOIN_END.search(before) is not None


#: Characters in about the order of their frequency in English text (space first). The
#: scan's alternatives at a trie node are tried in this order: they start with different
#: characters, so at most one can match and the order changes nothing but the time.
_FREQUENT = " etaoinsrhldcumfpgwybvkxjqz.,'"


def _frequent_first(ch: str) -> tuple[int, str]:
    i = _FREQUENT.find(ch)
    return (i if i >= 0 else len(_FREQUENT), ch)


def _trie_regex(words: list[str], frequent_first: bool = False) -> str:
    """A regex matching, at a position, the longest of ``words`` that starts there.

    ``frequent_first`` tries common characters first at each node (for a case-sensitive
    scan, where the characters of a node's alternatives are all different)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def order(item: tuple[str, Any]) -> tuple[int, str]:
        return _frequent_first(item[0]) if frequent_first else (0, item[0])

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items(), key=order) if ch]
        if not alts:
            return ""
        if "" in node:
            # a word ends here: the longer ones first, else nothing more. Written as a
            # branch with an empty last alternative, the same as ``(?:...)?``, which ``re``
            # runs through its slower general repeat (the scan is ~12% faster this way)
            return "(?:" + "|".join(alts) + "|)"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(trie)


def required_literals(regex: str) -> frozenset[str] | None:
    """Lower-case strings one of which any match of a case-insensitive ``regex`` contains."""
    return _required(_sre_parse.parse(regex, re.IGNORECASE))


def anchor_literals(regex: str) -> frozenset[str] | None:
    """Strings one of which any case-sensitive match of a lower-case ``regex`` holds as
    written: its clause (:func:`literal_clauses`) with the longest shortest string, else its
    longest top-level literal run, however short ("😭"); ``None`` when it has neither, or
    when ``regex`` is not written in lower case (its literals would not be found in
    lower-cased text as written)."""
    if regex != regex.lower():
        return None
    clauses = literal_clauses(regex)
    if clauses:
        return max(clauses, key=lambda c: (min(map(len, c)), -len(c), sorted(c)))
    runs = _literal_runs(_sre_parse.parse(regex))
    return frozenset({max(runs, key=len)}) if runs else None


def _positions(low: str, lit: str) -> list[int]:
    """Every offset of ``lit`` in ``low`` (overlapping ones too)."""
    out = []
    p = low.find(lit)
    while p >= 0:
        out.append(p)
        p = low.find(lit, p + 1)
    return out


def _windows(
    low: str,
    literals: frozenset[str],
    width: int,
    where: dict[str, list[int]] | None = None,
    found: frozenset[str] | None = None,
) -> list[tuple[int, int]]:
    """Merged spans of ``low`` where a match containing one of ``literals`` can lie.

    ``where`` keeps each literal's offsets in ``low`` between calls (one text, many cues);
    ``found``, when given, holds every one of ``literals`` that occurs in ``low`` (the
    others have no offset to look for)."""
    spans = []
    n = len(low)
    if found is not None:
        literals = literals & found
    for lit in literals:
        if where is None:
            offsets = _positions(low, lit)
        else:
            known = where.get(lit)
            offsets = where[lit] = _positions(low, lit) if known is None else known
        for p in offsets:
            spans.append((max(0, p - width), min(n, p + width + 1 + LOOKAHEAD_MARGIN)))
    if len(spans) <= 1:
        return spans
    spans.sort()
    merged = [spans[0]]
    for lo, hi in spans[1:]:
        if lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _every_match(
    rx: re.Pattern[str], subject: str, pos: int = 0, endpos: int = sys.maxsize
) -> Iterable[re.Match[str]]:
    """The matches of ``rx.finditer(subject, pos, endpos)``, for less when there are none.

    Most cues tried on a text do not match, and one search says so for about half the cost
    of a finditer (its scanner's set-up: 0.45 vs 1.01 us for a cue missing from a
    230-character reply). After a non-empty first match the finditer goes on from its end,
    as its own scan would (the same start, no advance owed); after an empty one it starts
    over, where finditer's own rule for empty matches applies."""
    m = rx.search(subject, pos, endpos)
    if m is None:
        return ()
    e = m.end()
    if e > m.start():
        return chain((m,), rx.finditer(subject, e, endpos))
    return rx.finditer(subject, pos, endpos)


def _drop_oldest(memo: dict[str, Any]) -> None:
    """Forget the oldest quarter of a full ``memo`` at once. Popping one first key per new
    entry costs a walk over the deleted slots at the front of the dict (~2 us a pop in a
    full 4,096-entry memo against ~0.3 us an insert); a quarter at a time walks them once.
    What the memo answers does not change, only how much of it is kept."""
    for key in list(islice(memo, max(1, len(memo) // 4))):
        del memo[key]


class LiteralIndex:
    """The required literals of several cue lists, checked against a text once.

    Every cue list of every packaged lexicon shares one index (:func:`shared_index`), so a
    reply is scanned for all their literals once rather than once per list or lexicon.
    A text is scanned line by line, and each line's literals are kept (:data:`LINE_MEMO`
    lines, single-line texts included): no literal holds a newline, so a text's literals
    are the union of its lines', and the conversation so far (customer turns joined by
    newlines, read again for every reply) costs one scan per turn, not one per reply.

    ``parent``: a larger index that holds every literal of this one (:func:`shared_index`).
    A line the parent has already scanned is not scanned again: its literals here are the
    parent's kept ones that belong to this index (the same set, since a literal is in a
    line or not whichever trie finds it). A text first read through this index (a customer
    message, only asked about the context cues) is scanned with this smaller trie, which
    is faster than the parent's.
    """

    def __init__(self, parent: LiteralIndex | None = None, automaton: bool | None = None) -> None:
        self.parent = parent
        #: scan with an Aho-Corasick automaton (default: when ``pyahocorasick`` is
        #: installed) rather than the trie regex; both find exactly the literals present
        self.automaton = _AHOCORASICK is not None if automaton is None else automaton
        if self.automaton and _AHOCORASICK is None:
            raise ModelError("a literal automaton needs pyahocorasick, which is not installed")
        self._automaton: Any = None
        self.literals: list[str] = []
        self._seen: set[str] = set()
        self._last: tuple[str, frozenset[str]] | None = None
        self._scan: re.Pattern[str] | None = None
        self._prefixes: dict[str, tuple[str, ...]] = {}
        self._lines: dict[str, frozenset[str]] = {}
        self._by_line = False
        self._own: frozenset[str] = frozenset()
        self._preloads: list[Callable[[], object]] = []

    def preload(self, load: Callable[[], object]) -> None:
        """Have ``load``, a loader whose literals join this index, run before the index's
        next compile instead of when its lexicon is first used: a lexicon loaded after a
        scan recompiles the trie (~0.06 s each time, four times in a process that loads
        the traits' lexicons one by one). What a scan finds does not depend on when a
        literal joined (:meth:`found` is exactly the literals present), so this changes
        only the start-up time. Each loader runs once."""
        self._preloads.append(load)

    def add(self, literals: frozenset[str]) -> None:
        if self.parent is not None:  # (it must hold all of them: see the class notes)
            self.parent.add(literals)
        new = sorted(literals - self._seen)
        self.literals.extend(new)
        self._seen.update(new)
        self._last = None
        self._scan = None
        self._lines.clear()

    def _compile(self) -> re.Pattern[str]:
        while self._preloads:  # (each adds its literals; none scans)
            self._preloads.pop(0)()
        lits = [lit for lit in self.literals if lit]
        self._by_line = not any("\n" in lit for lit in lits)
        self._own = frozenset(lits)
        self._automaton = None
        if self.automaton and lits:
            assert _AHOCORASICK is not None
            automaton = _AHOCORASICK.Automaton()
            for lit in lits:
                automaton.add_word(lit, lit)
            automaton.make_automaton()
            self._automaton = automaton
            self._scan = re.compile(r"(?!x)x")  # (compiled: the automaton scans)
            return self._scan
        # every literal that occurs somewhere is a prefix of the longest one starting there
        self._prefixes = {
            w: tuple(w[:k] for k in range(1, len(w) + 1) if w[:k] in self._seen) for w in lits
        }
        trie = _trie_regex(lits, frequent_first=True)
        self._scan = re.compile(f"(?=({trie}))" if lits else r"(?!x)x")
        return self._scan

    def _found_in(self, low: str) -> frozenset[str]:
        scan = self._scan or self._compile()
        if self._automaton is not None:  # every literal ending at every offset, in C
            return frozenset(map(_SECOND, self._automaton.iter(low)))
        longest = set(scan.findall(low))
        longest.discard("")  # (a position where no literal starts)
        # the longest literal at each position and its prefixes that are literals too (every
        # literal starting there that occurs), joined in C rather than by a generator
        return frozenset(chain.from_iterable(map(self._prefixes.__getitem__, longest)))

    def found(self, low: str) -> frozenset[str]:
        """The literals that occur in ``low`` (the same as ``{lit for lit in literals if lit
        in low}``, from one scan)."""
        if self._scan is None:
            self._compile()
        if not self._by_line:
            last = self._last
            if last is not None and last[0] == low:
                return last[1]
            got = self._found_in(low)
            self._last = (low, got)
            return got
        lines = self._lines
        if "\n" not in low:
            one = lines.get(low)
            if one is None:
                if len(lines) >= LINE_MEMO:
                    _drop_oldest(lines)
                one = lines[low] = self._line(low)
            return one
        parts = []
        for line in low.split("\n"):
            part = lines.get(line)
            if part is None:
                if len(lines) >= LINE_MEMO:
                    _drop_oldest(lines)
                part = lines[line] = self._line(line)
            parts.append(part)
        return frozenset().union(*parts)

    def _line(self, line: str) -> frozenset[str]:
        """The literals of one line: the parent's kept ones that are this index's, else
        a scan."""
        parent = self.parent
        if parent is not None and parent._by_line:
            kept = parent._lines.get(line)
            if kept is not None:
                return kept & self._own
        return self._found_in(line)


@dataclass(frozen=True, slots=True)
class Screened:
    """A compiled pattern behind its literal clauses (an AND of ORs, as
    :func:`literal_clauses` gives them): a text that lacks every string of one clause cannot
    match, so the pattern is not run on it. ``found`` is what a :class:`LiteralIndex` holding
    the clauses' strings finds in the text's lower-cased form (one scan for many patterns),
    or ``None`` to run the pattern regardless (a text with a fold trap, when the pattern is
    case-insensitive). No clauses: always run."""

    rx: re.Pattern[str]
    clauses: tuple[frozenset[str], ...]

    @classmethod
    def on(
        cls, index: LiteralIndex, rx: re.Pattern[str], clauses: tuple[frozenset[str], ...]
    ) -> Screened:
        """``rx`` behind ``clauses``, whose strings join ``index``."""
        if clauses:
            index.add(frozenset().union(*clauses))
        return cls(rx, clauses)

    def search(self, text: str, found: frozenset[str] | None) -> re.Match[str] | None:
        """``rx.search(text)``, or ``None`` without running it when ``found`` lacks a clause."""
        if found is not None and not all(not c.isdisjoint(found) for c in self.clauses):
            return None
        return self.rx.search(text)


class Screens:
    """Several :class:`Screened` patterns, in order, each reached through one of its clauses
    (the one likely rarest in text, as a :class:`Book` reaches its cues): a text's literals
    ``found`` name the few patterns worth screening, instead of every pattern's clauses
    being checked in turn (most texts meet none). :meth:`candidates` yields a subsequence of
    ``patterns`` that holds every one :meth:`Screened.search` would run, so a loop over it
    finds what a loop over all of them finds."""

    __slots__ = ("_always", "_by_literal", "_literals", "patterns")

    def __init__(self, patterns: Iterable[Screened]) -> None:
        self.patterns = tuple(patterns)
        triggers = [_trigger(frozenset(), p.clauses) if p.clauses else None for p in self.patterns]
        by, always = _lookup(triggers)
        self._by_literal = {lit: tuple(gs) for lit, gs in by.items()}
        self._always = frozenset(always)
        self._literals = frozenset(by)

    def candidates(self, found: frozenset[str] | None) -> Sequence[Screened]:
        """The patterns, in order, that may match a text whose literals are ``found``
        (``None``: every one, as :meth:`Screened.search` runs them all then)."""
        if found is None:
            return self.patterns
        present = found & self._literals
        if not present:
            return [self.patterns[g] for g in sorted(self._always)] if self._always else ()
        got = set(self._always)
        by = self._by_literal
        for lit in present:
            got.update(by[lit])
        patterns = self.patterns
        return [patterns[g] for g in sorted(got)]

    def search(self, text: str, found: frozenset[str] | None) -> re.Match[str] | None:
        """The first pattern's match in ``text``, in order (what ``next(m for p in patterns
        if (m := p.search(text, found)))`` gives), or ``None``."""
        for p in self.candidates(found):
            m = p.search(text, found)
            if m is not None:
                return m
        return None


class CueSet:
    """A list of cues, each compiled once, with a literal prefilter.

    A cue is only tried on a text that contains one of its required literal strings
    (derived from the regex itself), which keeps a scan to a few regex calls. Overlapping
    matches are resolved as one alternation would: leftmost first, then lexicon order.
    """

    def __init__(
        self, cues: list[Cue], *, negatable: bool = True, index: LiteralIndex | None = None
    ) -> None:
        self.cues = cues
        self.negatable = negatable
        self.patterns_ = [phrase_regex(c.pattern) for c in cues]
        # each cue as a case-insensitive regex, compiled when first needed (see regex_at): a
        # lowerable text is matched with the lower-case forms, so most are never used
        self.regexes_: list[re.Pattern[str] | None] = [None] * len(cues)
        # the same cues for the lower-cased form of a lowerable text, compiled when first
        # needed (see lowered_at)
        self.lowered_: list[re.Pattern[str] | None] = [None] * len(cues)
        parsed = [_sre_parse.parse(p, re.IGNORECASE) for p in self.patterns_]
        self.required = [_required(p) for p in parsed]
        self.clauses_ = [tuple(_clauses(p)) for p in parsed]
        # the clause sieve as (literals all needed, clauses needing one of several)
        self.needs_ = [
            (
                frozenset(lit for c in cl if len(c) == 1 for lit in c),
                tuple(c for c in cl if len(c) > 1),
            )
            for cl in self.clauses_
        ]
        # whole words a match needs (one of each set), for the book's sieve: see _word_clauses
        self.words_ = [word_clauses(p) for p in parsed]
        # widest possible match per cue: scans are limited to windows around the literals
        self.width_ = [w if (w := p.getwidth()[1]) <= MAX_WINDOW_WIDTH else None for p in parsed]

        self.always_ = [i for i, req in enumerate(self.required) if req is None]
        by_literal: dict[str, list[int]] = {}
        for i, req in enumerate(self.required):
            for lit in req or ():
                by_literal.setdefault(lit, []).append(i)
        self.by_literal_ = by_literal
        self.literal_set_ = frozenset(by_literal)
        self.index_ = index if index is not None else LiteralIndex()
        self.index_.add(self.literal_set_)
        self.index_.add(frozenset(lit for cl in self.clauses_ for c in cl for lit in c))
        self.book_: Book | None = None
        self.key_ = ""

    @property
    def regexes(self) -> list[re.Pattern[str]]:
        """Every cue as a case-insensitive regex (the ones not compiled yet, now)."""
        if None in self.regexes_:
            for i in range(len(self.cues)):
                self.regex_at(i)
        return self.regexes_  # type: ignore[return-value]

    def regex_at(self, i: int) -> re.Pattern[str]:
        """Cue ``i`` as a case-insensitive regex, compiled on first use (compiling every
        cue of every lexicon at load took ~0.15 s of each process's start, and on plain
        ASCII text only the lower-case forms run)."""
        rx = self.regexes_[i]
        if rx is None:
            rx = self.regexes_[i] = re.compile(self.patterns_[i], re.IGNORECASE)
        return rx

    def lowered_at(self, i: int) -> re.Pattern[str]:
        """Cue ``i`` for the lower-cased form of a lowerable text (:func:`lowered_regex`, or
        the case-insensitive regex where that declines: it finds the same spans there),
        compiled on first use (compiling them all would slow every start by ~0.4 s)."""
        rx = self.lowered_[i]
        if rx is None:
            rx = lowered_regex(self.patterns_[i]) or self.regex_at(i)
            self.lowered_[i] = rx
        return rx

    def _candidates(self, text: str, low: str) -> list[int]:
        return self.candidates_in(self.index_.found(low), text)

    def candidates_in(
        self, found: frozenset[str], text: str, trap: bool | None = None
    ) -> list[int]:
        """The cues worth trying on ``text``, given the lexicon literals ``found`` in it
        (``trap``: whether ``text`` has a fold trap, when already known)."""
        present = found & self.literal_set_
        if not present:
            return self.sift(self.always_, text, found, trap) if self.always_ else []
        out = set(self.always_)
        by_literal = self.by_literal_
        for lit in present:
            out.update(by_literal[lit])
        return self.sift(sorted(out), text, found, trap)

    def sift(
        self, candidates: list[int], text: str, found: frozenset[str], trap: bool | None = None
    ) -> list[int]:
        """The candidates whose every literal clause is met in ``found`` (the literals of
        the lexicon present in ``text``): the others cannot match. ``trap``: whether
        ``text`` has a fold trap (:func:`has_fold_trap`), when already known."""
        if trap is None:
            trap = has_fold_trap(text)
        if trap:
            return candidates
        needs = self.needs_
        out = []
        for i in candidates:
            every, some = needs[i]
            if every <= found:
                for c in some:
                    if found.isdisjoint(c):
                        break
                else:
                    out.append(i)
        return out

    def _spans(
        self,
        text: str,
        low: str,
        candidates: list[int],
        where: dict[str, list[int]] | None = None,
        found: frozenset[str] | None = None,
        first: bool = False,
        lowered: bool = False,
    ) -> list[tuple[int, int, int, str]]:
        """Every non-empty ``(start, cue index, end, text)`` match of the candidate cues, cue
        by cue (overlaps not resolved); only the first one found with ``first``.
        ``lowered``: ``text`` is :func:`lowerable` and ``low`` is ``text.lower()``, so the cues'
        case-sensitive forms run on ``low`` (same spans, see :func:`lowered_regex`)."""
        n = len(text)
        windowed = len(low) == n and n > SHORT_TEXT
        widths, required = self.width_, self.required
        regexes: Sequence[re.Pattern[str] | None] = self.regexes_
        compiled = self.regex_at
        subject = text
        if lowered:
            regexes, subject, compiled = self.lowered_, low, self.lowered_at
        spans: list[tuple[int, int, int, str]] = []
        for i in candidates:
            rx = regexes[i] or compiled(i)
            width = widths[i]
            req = required[i]
            if not windowed or width is None or req is None:
                for m in _every_match(rx, subject):
                    s, e = m.span()
                    if e > s:
                        spans.append((s, i, e, text[s:e]))
                        if first:
                            return spans
                continue
            for lo, hi in _windows(low, req, width, where, found):
                for m in _every_match(rx, subject, lo, hi):
                    s, e = m.span()
                    if e > s and not (e == hi < n):  # endpos fakes a word boundary
                        spans.append((s, i, e, text[s:e]))
                        if first:
                            return spans
        return spans

    def matches(
        self,
        text: str,
        low: str,
        candidates: list[int],
        where: dict[str, list[int]] | None = None,
        found: frozenset[str] | None = None,
        lowered: bool = False,
    ) -> list[tuple[int, int, int, str]]:
        """Non-overlapping ``(start, cue index, end, text)`` matches of the candidate cues
        (``where``: literal offsets in ``low`` kept between calls on the same text;
        ``found``: the index's literals present in ``low``, see :meth:`LiteralIndex.found`;
        ``lowered``: see :meth:`_spans`)."""
        spans = self._spans(text, low, candidates, where, found, lowered=lowered)
        if len(candidates) == 1:
            # one cue: its matches come leftmost first and never overlap (finditer in
            # merged, disjoint windows), which is what the resolution below would keep
            return spans
        spans.sort()  # no item twice: each cue's matches are distinct, windows disjoint
        out = []
        last_end = -1
        for item in spans:
            if item[0] < last_end:
                continue
            last_end = item[2]
            out.append(item)
        return out

    def find(self, text: str, low: str | None = None, negatable: bool | None = None) -> list[Hit]:
        if low is None:
            low = text.lower()
        negate = self.negatable if negatable is None else negatable
        if self.book_ is not None:
            raw = self.book_.raw(text, low, self.key_)
        else:
            candidates = self._candidates(text, low)
            raw = self.matches(text, low, candidates) if candidates else []
        hits: list[Hit] = []
        for start, i, end, matched in raw:
            cue = self.cues[i]
            weight = cue.weight
            label = cue.label
            negated = False
            if negate and weight > 0:
                before = text[max(0, start - 40) : start]  # (is_negated, written out: hot)
                found = (
                    _NEGATOR_LOW.search(before.lower())
                    if lowerable(before)
                    else _NEGATOR.search(before)
                )
                if found and not _opens_clause(before, text[start : start + 5]):
                    negated = True
                    weight = -weight * NEGATION_FACTOR
                    label = f"negated: {label}"
            hits.append(Hit(start, end, matched, weight, label, cue.facet, negated))
        return hits

    def count_positive(self, text: str, low: str | None = None) -> int:
        """How many of :meth:`find`'s hits have a positive weight (the same count, without
        building the hits: a negated positive cue counts as negative)."""
        if self.book_ is None:
            return sum(1 for h in self.find(text, low) if h.weight > 0)
        if low is None:
            low = text.lower()
        cues = self.cues
        n = 0
        for start, i, _, _ in self.book_.raw(text, low, self.key_):
            if cues[i].weight > 0 and not (self.negatable and is_negated(text, start)):
                n += 1
        return n

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """All cues as one alternation (compiled on first use: it is slow to build and only
        :meth:`search` needs it)."""
        combined = "|".join(f"(?:{phrase_regex(c.pattern)})" for c in self.cues) or r"(?!x)x"
        return re.compile(combined, re.IGNORECASE)

    def search(self, text: str) -> bool:
        return self.regex.search(text) is not None


def is_negated(text: str, start: int) -> bool:
    """Whether a negator stands before ``text[start:]`` (within :data:`NEGATION_WINDOW_WORDS`
    words of the same clause, in the 40 characters before it): "it's not your fault"."""
    before = text[max(0, start - 40) : start]
    found = _NEGATOR_LOW.search(before.lower()) if lowerable(before) else _NEGATOR.search(before)
    return found is not None and not _opens_clause(before, text[start : start + 5])


class Book:
    """All cue lists of one lexicon, matched together: one pass per text serves every list.

    The first list asked about a text has the candidates of every list worked out at once
    (one literal intersection and one clause sieve for the lexicon, instead of one per
    list). The literal scan, the candidates and the matches of the last few texts are kept,
    so the traits that each read a list of the same reply share them, and no list is
    matched twice.

    ``parts``: groups of lists that some texts are asked about alone (an agent reply is
    asked only for its register and jargon of the context cues): the first list asked
    about a text has the candidates of its part worked out, the rest's when one of theirs
    is asked (lists in no group form the last part). The same candidates, less work on
    texts that never reach the other parts.
    """

    def __init__(
        self, sets: dict[str, CueSet], index: LiteralIndex, parts: Sequence[Iterable[str]] = ()
    ) -> None:
        self.sets = sets
        self.index = index
        # every cue of the lexicon by a global number, lists in order, cues in list order
        owner: list[tuple[str, int]] = []
        reqs: list[frozenset[str] | None] = []
        needs: list[tuple[frozenset[str], tuple[frozenset[str], ...], WordNeeds]] = []
        for key, cs in sets.items():
            cs.book_, cs.key_ = self, key
            for i, req in enumerate(cs.required):
                owner.append((key, i))
                reqs.append(req)
                needs.append((*cs.needs_[i], cs.words_[i]))
        # each cue's clause sieve with its list and number: (every, some, words, key, i), its
        # required literals folded in as one more clause (see _trigger)
        self._sieve: list[
            tuple[frozenset[str], tuple[frozenset[str], ...], WordNeeds, str, int]
        ] = []
        triggers: list[frozenset[str] | None] = []
        for (every, some, words), (key, i), req in zip(needs, owner, reqs, strict=True):
            if req is not None and len(req) == 1:
                every = every | req
            elif req is not None and req not in some:
                some = (*some, req)
            self._sieve.append((every, some, words, key, i))
            triggers.append(_trigger(every, some))
        part_of = {key: n for n, keys in enumerate(parts) for key in keys}
        self._part_of = {key: part_of.get(key, len(parts)) for key in sets}
        self._parts = [
            _Part.of(
                [g for g, (key, _) in enumerate(owner) if self._part_of[key] == n], reqs, triggers
            )
            for n in range(len(parts) + 1)
        ]
        self._memo: dict[str, _Memo] = {}

    def _text(self, text: str, low: str) -> _Memo:
        """The kept literal scan, matches per list, literal offsets, fold trap and
        candidates per list of ``text`` (worked out for every list at once when the text
        is first seen)."""
        memo = self._memo.get(text)
        if memo is None:
            if len(self._memo) >= BOOK_MEMO_TEXTS:
                self._memo.pop(next(iter(self._memo)))
            memo = _Memo(self.index.found(low), has_fold_trap(text))
            memo.lowered = lowerable(text) and low == text.lower()
            self._memo[text] = memo
        return memo

    def _cands(self, memo: _Memo, text: str, low: str, key: str) -> list[int] | None:
        """The candidates of list ``key`` for the text of ``memo`` (its part's worked out
        when none of them has been yet)."""
        n = self._part_of[key]
        if n not in memo.parts:
            memo.parts.add(n)
            memo.cands.update(self._candidates(memo, text, low, self._parts[n]))
        return memo.cands.get(key)

    def candidates(self, text: str, low: str) -> dict[str, list[int]]:
        """Every list's candidates for ``text`` (:meth:`_candidates`, every part)."""
        memo = self._memo.get(text) or self._text(text, low)
        for key in self.sets:
            self._cands(memo, text, low, key)
        return memo.cands

    def _candidates(self, memo: _Memo, text: str, low: str, part: _Part) -> dict[str, list[int]]:
        """Every list's candidates (:meth:`CueSet.candidates_in`) for the text of ``memo``,
        less the cues whose whole words (:func:`word_clauses`) the text lacks (its words are
        read when the first such cue is met).

        A list's candidates come in no set order: every reader of them resolves its
        matches by position and cue number (:meth:`CueSet.matches`) or asks only whether
        one matches, so the order changes nothing but the time (no sort)."""
        found = memo.found
        sieve = self._sieve
        out: dict[str, list[int]] = {}
        if memo.trap:
            # the cues of the literals found, joined in C (no clause applies: see sift)
            got = set(chain.from_iterable(map(part.by_literal.__getitem__, found & part.literals)))
            got.update(part.always)
            for g in got:
                _, _, _, key, i = sieve[g]
                out.setdefault(key, []).append(i)
            return out
        # the cues whose trigger clause is met, joined in C; the sieve below checks the
        # rest of their clauses (the required literals among them: the same cues pass)
        got = set(chain.from_iterable(map(part.by_trigger.__getitem__, found & part.triggers)))
        got.update(part.always_sifted)
        words: frozenset[bytes] | None = None
        for g in got:
            every, some, needs_words, key, i = sieve[g]
            if every <= found:
                for c in some:
                    if found.isdisjoint(c):
                        break
                else:
                    if needs_words:
                        if words is None:
                            words = _words_of(text, low, memo.lowered)
                        lacks_one = False
                        for w in needs_words:
                            if words.isdisjoint(w):  # none of this set's words is in the text
                                lacks_one = True
                                break
                        if lacks_one:
                            continue
                    lst = out.get(key)
                    if lst is None:
                        out[key] = [i]
                    else:
                        lst.append(i)
        return out

    def raw(self, text: str, low: str, key: str) -> list[tuple[int, int, int, str]]:
        """The matches of list ``key`` in ``text``; literal scan and matches are memoised."""
        memo = self._memo.get(text) or self._text(text, low)  # (inline: ~20 per reply)
        done = memo.done
        got = done.get(key)
        if got is None:
            idx = self._cands(memo, text, low, key)
            got = (
                self.sets[key].matches(text, low, idx, memo.where, memo.found, memo.lowered)
                if idx
                else []
            )
            done[key] = got
        return got

    def any(self, text: str, low: str, key: str) -> bool:
        """Whether list ``key`` matches ``text`` at all (``bool(raw(...))``, stopping at the
        first match when the matches are not known yet)."""
        memo = self._memo.get(text) or self._text(text, low)
        done = memo.done
        got = done.get(key)
        if got is not None:
            return bool(got)
        idx = self._cands(memo, text, low, key)
        if idx and self.sets[key]._spans(
            text, low, idx, memo.where, memo.found, first=True, lowered=memo.lowered
        ):
            return True
        done[key] = []
        return False

    def any_alone(self, text: str, low: str, key: str) -> bool:
        """:meth:`any` for a text that no other list of the lexicon is asked about (a
        one-off join of turns): only list ``key``'s candidates are sifted, not every
        list's, and nothing is kept (a kept text is still read from the memo)."""
        memo = self._memo.get(text)
        if memo is not None:
            return self.any(text, low, key)
        cs = self.sets[key]
        found = self.index.found(low)
        idx = cs.candidates_in(found, text, has_fold_trap(text))
        if not idx:
            return False
        lowered = lowerable(text) and low == text.lower()
        return bool(cs._spans(text, low, idx, {}, found, first=True, lowered=lowered))


class _Part:
    """The lookups of one part of a :class:`Book`: its cues by required literal and by
    trigger clause, and those with none (global cue numbers)."""

    __slots__ = ("always", "always_sifted", "by_literal", "by_trigger", "literals", "triggers")

    def __init__(
        self,
        lookup: tuple[dict[str, list[int]], list[int]],
        sifted: tuple[dict[str, list[int]], list[int]],
    ) -> None:
        self.by_literal, self.always = lookup
        self.literals = frozenset(self.by_literal)
        self.by_trigger, self.always_sifted = sifted
        self.triggers = frozenset(self.by_trigger)

    @classmethod
    def of(
        cls,
        numbers: list[int],
        reqs: list[frozenset[str] | None],
        triggers: list[frozenset[str] | None],
    ) -> _Part:
        """The part of cues ``numbers``, given every cue's required literals and trigger."""
        return cls(_lookup(reqs, numbers), _lookup(triggers, numbers))


def _lookup(
    sets: list[frozenset[str] | None], numbers: Iterable[int] | None = None
) -> tuple[dict[str, list[int]], list[int]]:
    """The numbers of ``sets`` by each of their strings, and the numbers of the ``None``s
    (only those of ``numbers`` when given)."""
    by: dict[str, list[int]] = {}
    none: list[int] = []
    for g in range(len(sets)) if numbers is None else numbers:
        strings = sets[g]
        if strings is None:
            none.append(g)
        else:
            for lit in strings:
                by.setdefault(lit, []).append(g)
    return by, none


def _trigger(every: frozenset[str], some: tuple[frozenset[str], ...]) -> frozenset[str] | None:
    """The clause of a cue that a :class:`Book` indexes it by: the one whose literals are
    likely rarest in text (the longest shortest literal, not counting spaces; then the fewest
    literals), so that few cues reach the sieve on a text. Any clause serves: a text that
    passes the sieve meets every clause. ``None`` for a cue without a clause."""
    clauses = [frozenset({lit}) for lit in every]
    clauses.extend(some)
    if not clauses:
        return None
    return max(clauses, key=lambda c: (min(len(lit.strip()) for lit in c), -len(c), sorted(c)))


#: A cue's whole-word clauses (:func:`word_clauses`), usually none.
WordNeeds = tuple[frozenset[bytes], ...]

_last_words: list[tuple[str, frozenset[bytes]]] = []


def _words_of(text: str, low: str, lowered: bool) -> frozenset[bytes]:
    """:func:`text_words` of ``text``, kept for the last few texts (the books that sift one
    reply share them)."""
    for kept, words in _last_words:
        if kept is text or kept == text:
            return words
    words = text_words(text, low, lowered)
    if len(_last_words) >= BOOK_MEMO_TEXTS:
        _last_words.pop(0)
    _last_words.append((text, words))
    return words


class _Memo:
    """What a :class:`Book` keeps of one text."""

    __slots__ = ("cands", "done", "found", "lowered", "parts", "trap", "where")

    def __init__(self, found: frozenset[str], trap: bool) -> None:
        self.found = found
        self.trap = trap
        self.done: dict[str, list[tuple[int, int, int, str]]] = {}
        self.where: dict[str, list[int]] = {}
        self.cands: dict[str, list[int]] = {}
        self.parts: set[int] = set()  # the book parts whose candidates are in cands
        self.lowered = False  # a lowerable text whose kept lower-case form is text.lower()


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


def cueset(lexicon: str, key: str) -> CueSet:
    """The compiled cue list ``key`` of a weighted lexicon (agent_cues.json layout)."""
    return _book(lexicon)[key]


@cache
def shared_index() -> LiteralIndex:
    """The one literal index of every packaged lexicon: a reply is scanned for the literals
    of all of them at once (agent cues, context cues, commitment phrases, politeness
    strategies), and each line's result is kept for all of them."""
    return LiteralIndex()


@cache
def _book(lexicon: str) -> dict[str, CueSet]:
    """Every cue list of a weighted lexicon, compiled together over the shared literal index."""
    index = shared_index()
    out = {}
    for key, rows in load_lexicon(lexicon).items():
        if key.startswith("_"):
            continue
        cues = [Cue(r[0], float(r[1]), str(r[2]), r[3] if len(r) > 3 else None) for r in rows]
        out[key] = CueSet(cues, index=index)
    Book(out, index)
    return out


class PhraseSet:
    """A plain phrase list (context_cues.json layout) with the same literal prefilter."""

    def __init__(self, phrases: list[str], index: LiteralIndex | None = None) -> None:
        self.cues_ = CueSet([Cue(p, 1.0, p) for p in phrases], negatable=False, index=index)

    def search(self, text: str, low: str | None = None) -> bool:
        """Whether any phrase occurs in ``text``."""
        cs = self.cues_
        if low is None:
            low = text.lower()
        if cs.book_ is not None:
            return cs.book_.any(text, low, cs.key_)
        return any(cs.regex_at(i).search(text) for i in cs._candidates(text, low))

    def search_alone(self, text: str, low: str | None = None) -> bool:
        """:meth:`search` for a text asked about this list alone (a one-off join of turns):
        the same answer, without working out the other lists' candidates for it."""
        cs = self.cues_
        if cs.book_ is None:
            return self.search(text, low)
        return cs.book_.any_alone(text, text.lower() if low is None else low, cs.key_)

    def finditer(self, text: str, low: str | None = None) -> list[Hit]:
        """Every non-overlapping phrase occurrence, leftmost first."""
        return self.cues_.find(text, low)

    def count(self, text: str, low: str | None = None) -> int:
        """How many non-overlapping phrase occurrences :meth:`finditer` would return."""
        cs = self.cues_
        if cs.book_ is not None:
            return len(cs.book_.raw(text, text.lower() if low is None else low, cs.key_))
        return len(cs.find(text, low))


def phrase_set(lexicon: str, key: str) -> PhraseSet:
    """A plain phrase list of a lexicon, compiled once."""
    return _phrase_book(lexicon)[key]


#: Lexicons read mostly on customer text (the context cues: an agent reply is only asked
#: for its register and jargon). Their literals get an index of their own beside the shared
#: one: a customer message is scanned for ~700 literals instead of ~3,000 (about 40% less
#: time per character), and a reply already scanned by the shared index is not scanned again.
OWN_INDEX_LEXICONS = frozenset({"context_cues.json"})


#: The parts of a lexicon's book (:class:`Book`): the lists an agent reply is asked about
#: alone. Of the context cues a reply is read only for its register and jargon (172 of
#: 811 cues); of the applicability cues, only for a stated limit. A customer message, asked
#: about the rest, has both parts worked out, as before.
BOOK_PARTS: dict[str, tuple[frozenset[str], ...]] = {
    "context_cues.json": (frozenset({"formal", "informal", "jargon"}),),
    "applicability_cues.json": (frozenset({"limit"}),),
}


@cache
def _phrase_book(lexicon: str) -> dict[str, PhraseSet]:
    index = shared_index()
    if lexicon in OWN_INDEX_LEXICONS:
        index = LiteralIndex(parent=index)
    out = {
        key: PhraseSet(list(rows), index)
        for key, rows in load_lexicon(lexicon).items()
        if not key.startswith("_")
    }
    Book({k: p.cues_ for k, p in out.items()}, index, BOOK_PARTS.get(lexicon, ()))
    return out
