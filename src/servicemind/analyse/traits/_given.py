"""What the customer has already given, and a reply that asks for it again (trial 20 F9).

Issue 5: each trait is judged from the reply in the context of the conversation so far. A
reply that asks for a detail the conversation already holds ("Can you tell me your asset
number, the exact error message and which OS you're on?" after the customer's first
message gave all three) has not read the conversation, whoever asks: the same agent or a
colleague after a handover. The kinds of detail (reference numbers, error text, operating
system or device, email, phone, address, when it happened) and how each is given and asked
for are data: lexicons/given_details.json.

The memo of what a customer text gives is keyed by that text and bounded
(:data:`GIVEN_CACHE`), like the other per-text memos of the traits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from servicemind.analyse._cues import (
    Hit,
    LiteralIndex,
    Screened,
    Screens,
    has_fold_trap,
    literal_clauses,
    load_lexicon,
)
from servicemind.analyse.traits._context import sentence_spans
from servicemind.analyse.traits._result import Reply, TraitResult, clip

__all__ = ["REASK_LABEL", "REASK_TRAITS", "apply_reask", "given_kinds", "reask_hits"]

_LEX = "given_details.json"
#: The evidence label of a re-ask (also a harm cue of the analyser: the trained combination
#: cannot raise a trait with it above its rule score).
REASK_LABEL = "asks again for what the customer already gave"
#: The traits a re-ask lowers: patience (the guideline's "as I already said" from the other
#: side: the customer must repeat themselves) and genuineness (a script that did not read
#: the conversation).
REASK_TRAITS = ("patience", "genuineness")
#: What one re-asked item weighs in the evidence, and how far all of them lower each trait's
#: rule score (hand-set: one re-ask takes patience from its base 0.65 to about 0.3, "label
#: 0-1" of the guidelines; two or more to the floor of 0.1).
REASK_WEIGHT = -0.6
REASK_STEP = 0.35
REASK_CAP = 0.55
#: Characters before a reference number searched for the noun that names it ("asset
#: LT-2291", "order number is 7731").
NOUN_WINDOW = 30
#: Customer texts whose given items are memoised (the same conversation prefix is read for
#: every later reply); bounded so memory stays flat.
GIVEN_CACHE = 1024
#: The noun key of a reference number no noun names ("my laptop LT-2291"): given for every
#: reference noun.
UNNAMED = "*"


#: The literals of every screened pattern of this module, found in a sentence in one scan.
_INDEX = LiteralIndex()


def _screened(pattern: str) -> Screened:
    """A case-insensitive asking pattern behind its literal clauses: most reply sentences ask
    for nothing, and the asking patterns of eight languages are slow to run in full."""
    return Screened.on(
        _INDEX, re.compile(pattern, re.IGNORECASE), literal_clauses(f"(?:{pattern})")
    )


def _found(sentence: str) -> frozenset[str] | None:
    """The screened patterns' literals in ``sentence`` (lower-cased), or ``None`` for a
    sentence with a fold trap (:func:`has_fold_trap`). Every screened pattern is built first
    (both loaders are cached), so the index holds all their literals before it scans."""
    _kinds()
    _sentence_rules()
    return None if has_fold_trap(sentence) else _INDEX.found(sentence.lower())


@dataclass(frozen=True, slots=True)
class _Kind:
    name: str
    label: str
    ask: Screens
    given: tuple[re.Pattern[str], ...]
    nouns: tuple[str, ...]
    #: one pattern per noun: the noun at a word start
    noun_rx: tuple[re.Pattern[str], ...]


@cache
def _kinds() -> tuple[_Kind, ...]:
    lex = load_lexicon(_LEX)
    out = []
    for name, spec in lex.items():
        if not isinstance(spec, dict):
            continue
        flags = 0 if name == "reference" else re.IGNORECASE
        out.append(
            _Kind(
                name,
                spec["label"],
                Screens(_screened(p) for p in spec["ask"]),
                tuple(re.compile(p, flags) for p in spec["given"]),
                tuple(spec.get("ask_nouns", ())),
                tuple(re.compile(rf"\b{n}") for n in spec.get("ask_nouns", ())),
            )
        )
    return tuple(out)


@cache
def _sentence_rules() -> tuple[Screens, re.Pattern[str]]:
    lex = load_lexicon(_LEX)
    asking = Screens(_screened(p) for p in lex["asking"])
    not_asking = re.compile("|".join(f"(?:{p})" for p in lex["not_asking"]), re.IGNORECASE)
    return asking, not_asking


def _reference_nouns(kind: _Kind, text: str) -> frozenset[str]:
    """The nouns the customer's reference numbers are given for (:data:`UNNAMED` for one no
    noun names)."""
    found: set[str] = set()
    for rx in kind.given:
        for m in rx.finditer(text):
            before = text[max(0, m.start() - NOUN_WINDOW) : m.start()].lower()
            named = [
                n for n, rx_n in zip(kind.nouns, kind.noun_rx, strict=True) if rx_n.search(before)
            ]
            found.update(named or [UNNAMED])
    return frozenset(found)


@lru_cache(maxsize=GIVEN_CACHE)
def given_kinds(text: str) -> frozenset[str]:
    """The kinds of detail the customer text ``text`` gives; a reference number as
    ``reference:<noun>`` (``reference:*`` when no noun names it)."""
    out: set[str] = set()
    for kind in _kinds():
        if kind.nouns:
            out.update(f"{kind.name}:{n}" for n in _reference_nouns(kind, text))
        elif any(rx.search(text) for rx in kind.given):
            out.add(kind.name)
    return frozenset(out)


def _already_given(kind: _Kind, asked: str, given: frozenset[str]) -> bool:
    if not kind.nouns:
        return kind.name in given
    if f"{kind.name}:{UNNAMED}" in given:
        return True
    low = asked.lower()
    return any(f"{kind.name}:{n}" in given for n in kind.nouns if n in low)


def reask_hits(reply_text: str, customer_text: str) -> list[Hit]:
    """The spans of ``reply_text`` that ask for a detail ``customer_text`` already gives: in
    a sentence that asks (a question or a request) and does not say the detail is not needed
    again; one hit per kind."""
    if not customer_text:
        return []
    asking, not_asking = _sentence_rules()
    hits: list[Hit] = []
    seen: set[str] = set()
    # what the customer gave is read only once the reply asks for something: most replies
    # ask for nothing, and the customer text grows with every turn
    given: frozenset[str] | None = None
    for s, e in sentence_spans(reply_text):
        sent = reply_text[s:e]
        found = _found(sent)
        if asking.search(sent, found) is None or not_asking.search(sent):
            continue
        for kind in _kinds():
            if kind.name in seen:
                continue
            for rx in kind.ask.candidates(found):
                m = rx.search(sent, found)
                if m is None:
                    continue
                if given is None:
                    given = given_kinds(customer_text)
                if _already_given(kind, m.group(0), given):
                    seen.add(kind.name)
                    a, b = s + m.start(), s + m.end()
                    hits.append(
                        Hit(a, b, reply_text[a:b], REASK_WEIGHT, f"{REASK_LABEL}: {kind.label}")
                    )
                    break
    return hits


def apply_reask(reply: Reply, results: dict[str, TraitResult]) -> None:
    """Lower patience and genuineness of a reply that re-asks (:func:`reask_hits` against
    every customer message so far), with the re-asked spans as their evidence; in place."""
    ctx = reply.ctx
    customer = f"{ctx.earlier_customer}\n{ctx.text}" if ctx.earlier_customer else ctx.text
    hits = reask_hits(reply.text, customer)
    if not hits:
        return
    drop = min(REASK_CAP, REASK_STEP * len(hits))
    for trait in REASK_TRAITS:
        r = results[trait]
        if r.score is not None:
            r.score = clip(r.score - drop)
        r.evidence = [*r.evidence, *hits]
