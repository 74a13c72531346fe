"""Strengths and the one improvement for an agent reply, from its traits and their evidence.

* ``strengths``: the one or two best applicable traits (score at least
  :data:`STRENGTH_MIN`) that have positive evidence, each quoting its strongest span;
* ``improve``: the weakest applicable trait below :data:`IMPROVE_BELOW`, with the advice
  for that trait and the span that lowered it (or a note that nothing in the reply did it);
  ``None`` when every applicable trait is at least :data:`IMPROVE_BELOW`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cache, lru_cache
from typing import Any

from servicemind.analyse.base import TRAITS
from servicemind.analyse.traits._context import sentence_spans
from servicemind.analyse.traits._explain import quotable
from servicemind.analyse.traits._politeness import PRONOUN_STRATEGIES
from servicemind.coach._data import load

__all__ = [
    "IMPROVE_BELOW",
    "MAX_STRENGTHS",
    "PRONOUN_STRATEGIES",
    "STRENGTH_MIN",
    "UPSET",
    "improve",
    "misplaced_cheer",
    "skipped_advice",
    "strengths",
    "weakest",
]

#: A trait at or above this is a strength worth naming (the "2" of the 0/1/2 annotation
#: scale starts at about 0.67 when mapped to 0..1; 0.7 keeps praise for clear cases).
STRENGTH_MIN = 0.7
#: A trait below this is worth improving; equal to the rewriter's ``WEAK`` so that the
#: advice and the rewrite address the same trait.
IMPROVE_BELOW = 0.6
#: At most this many strengths per reply (the issue asks for one or two).
MAX_STRENGTHS = 2
#: Longest quote, in characters, before it is shortened with an ellipsis.
MAX_QUOTE = 90


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_QUOTE:
        cut = text[: MAX_QUOTE - 1]
        if text[MAX_QUOTE - 1] != " " and " " in cut:  # end on a whole word, not "a meal v…"
            cut = cut.rsplit(" ", 1)[0]
        text = cut.rstrip(" ,;:") + "…"
    return f"“{text}”"


def _applicable(
    traits: Mapping[str, Mapping[str, Any]],
) -> list[tuple[str, float, Mapping[str, Any]]]:
    out = []
    for name in TRAITS:
        t = traits.get(name)
        if t and t.get("applicable") and isinstance(t.get("score"), int | float):
            out.append((name, float(t["score"]), t))
    return out


#: Where a clause of a long sentence ends: a comma, semicolon, colon or dash before a space.
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s[-–—]\s")
#: A joining word a clause quoted alone drops ("so I'll call you back" → "I'll call you back").
_LEADING_CONJUNCTION = re.compile(r"^(?:and|so(?! that)|but|or|then)\s+(?=\S)", re.I)


def _clause_of(text: str, s: int, e: int, start: int, end: int) -> str | None:
    """The clause of ``text[s:e]`` (a sentence) that holds ``text[start:end]``, when it fits
    in a quote."""
    left = s
    for m in _CLAUSE_BREAK.finditer(text, s, start):
        left = m.end()
    stop = _CLAUSE_BREAK.search(text, end, e)
    clause = _LEADING_CONJUNCTION.sub("", text[left : stop.start() if stop else e].strip())
    return clause if len(" ".join(clause.split())) <= MAX_QUOTE else None


@cache
def _never_praise() -> re.Pattern[str]:
    return re.compile(load("rules")["never_praise"], re.I)


def _negative_spans(traits: Mapping[str, Mapping[str, Any]]) -> list[tuple[int, int]]:
    """Offsets of every span any trait marked negative, applicable or not (the gushing line
    after a bereavement is negative evidence of a trait that does not apply)."""
    return [
        (e["start"], e["end"])
        for t in traits.values()
        for e in t.get("evidence", ()) or ()
        if e.get("polarity") == "negative"
        and isinstance(e.get("start"), int)
        and isinstance(e.get("end"), int)
    ]


def _sentence_range(evidence: Mapping[str, Any], text: str | None) -> tuple[int, int] | None:
    """The offsets of the reply's sentence that holds an evidence span (``None`` when the
    offsets do not point into ``text``)."""
    start, end = evidence.get("start"), evidence.get("end")
    if text is None or not isinstance(start, int) or not isinstance(end, int):
        return None
    if text[start:end] != evidence.get("text"):
        return None
    for s, e in sentence_spans(text):
        if s <= start and end <= e:
            return s, e
    return start, end


@lru_cache(maxsize=4096)
def _never_praised(text: str) -> bool:
    """Whether ``text`` holds a line a strength never quotes (memoised: a reply's sentence
    is asked about once per evidence span in it)."""
    return _never_praise().search(text) is not None


def _harms(evidence: Mapping[str, Any], text: str | None, negative: list[tuple[int, int]]) -> bool:
    """Whether the sentence a strength would quote holds what harms: a span some trait marked
    negative, or a refusal, guarantee, gushing or policy line (``never_praise``)."""
    where = _sentence_range(evidence, text)
    quoted = text[where[0] : where[1]] if text is not None and where else str(evidence["text"])
    if _never_praised(quoted):
        return True
    return where is not None and any(a < where[1] and where[0] < b for a, b in negative)


def _sentence_of(evidence: Mapping[str, Any], text: str | None) -> str:
    """The reply's sentence that holds an evidence span, when it fits in a quote.

    A cue span alone ("07:05", "I'll") says little to the agent; its sentence shows what
    was done well. A sentence too long to quote whole gives its clause that holds the span
    ("I've found it"); a span whose offsets do not point into ``text``, or whose clause is
    too long as well, is quoted as it is."""
    span = str(evidence["text"])
    start, end = evidence.get("start"), evidence.get("end")
    if text is None or not isinstance(start, int) or not isinstance(end, int):
        return span
    if text[start:end] != span:
        return span
    for s, e in sentence_spans(text):
        if s <= start and end <= e:
            sentence = text[s:e]
            if len(" ".join(sentence.split())) <= MAX_QUOTE:
                return sentence
            return _clause_of(text, s, e, start, end) or span
    return span


def strengths(traits: Mapping[str, Mapping[str, Any]], text: str | None = None) -> list[str]:
    """One or two things done well, each quoting its evidence: the sentence of ``text`` (the
    reply) that holds the strongest span, or the span itself when no such sentence fits."""
    labels: dict[str, str] = load("phrases")["strength"]
    ranked = sorted(_applicable(traits), key=lambda x: (-x[1], TRAITS.index(x[0])))
    negative = _negative_spans(traits)
    out: list[str] = []
    for name, score, t in ranked:
        if score < STRENGTH_MIN or len(out) >= MAX_STRENGTHS:
            break
        spans = [
            e for e in t.get("evidence", []) if e.get("polarity") != "negative" and e.get("text")
        ]
        spans = [
            e
            for e in spans
            if quotable(e.get("cue", ""))
            and not _harms(e, text, negative)  # never praise a sentence that harms
        ]
        if not spans:
            continue
        best = max(spans, key=lambda e: len(e["text"]))
        quote = _quote(_sentence_of(best, text))
        if any(quote in earlier for earlier in out):  # two strengths in one sentence
            quote = _quote(str(best["text"]))
        # a quoted sentence brings its own full stop: "… either way.”" ends the strength
        out.append(f"{labels[name]}: {quote}" + ("" if quote[-2:-1] in (".", "!", "?") else "."))
    return out


def weakest(traits: Mapping[str, Mapping[str, Any]], skip: Collection[str] = ()) -> str | None:
    """The weakest applicable trait below :data:`IMPROVE_BELOW` (not in ``skip``), or
    ``None``."""
    ranked = sorted(
        (x for x in _applicable(traits) if x[0] not in skip),
        key=lambda x: (x[1], TRAITS.index(x[0])),
    )
    if not ranked or ranked[0][1] >= IMPROVE_BELOW:
        return None
    return ranked[0][0]


#: The cue of a gushing word after a bereavement or a scare (analyse/traits/_empathy.py).
CHEER_CUE = "cheer out of place"


def misplaced_cheer(traits: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether the reply cheers where the guidelines ask for a calm, sober tone (a gushing
    word after a bereavement, a safety scare or a vulnerable customer, marked on empathy)."""
    return any(
        e.get("polarity") == "negative" and str(e.get("cue", "")).startswith(CHEER_CUE)
        for e in traits.get("empathy", {}).get("evidence", ()) or ()
    )


def _from_evidence(
    name: str, traits: Mapping[str, Mapping[str, Any]], text: str | None, negative_only: bool
) -> str | None:
    """Advice for ``name`` worded by what the reply does contain (``phrases.json``
    ``improve_from_evidence``): the first entry whose cue matches a quotable span of its
    polarity, in the trait's own evidence or any trait's."""
    for cue, where, polarity, say in load("phrases")["improve_from_evidence"].get(name, []):
        if negative_only and polarity != "negative":
            continue
        pool = [traits[name]] if where == "own" else [traits[name], *traits.values()]
        for t in pool:
            for e in t.get("evidence", ()) or ():
                negative = e.get("polarity") == "negative"
                if (
                    negative != (polarity == "negative")
                    or not e.get("text")
                    or not quotable(str(e.get("cue", "")))
                    or not re.search(cue, str(e.get("cue", "")))
                    or (not negative and _never_praised(str(e["text"])))
                ):
                    continue
                # the advice goes on after the quote: its sentence's full stop goes
                quote = _quote(_sentence_of(e, text).rstrip().removesuffix("."))
                return str(say).format(quote=quote[1:-1])
    return None


def improve(
    traits: Mapping[str, Mapping[str, Any]],
    emotion: str | None = None,
    skip: Collection[str] = (),
    text: str | None = None,
) -> tuple[str | None, str | None]:
    """``(advice, trait)`` for the one change that would help most, or ``(None, None)``.

    ``emotion`` is the service emotion of the customer's turn the reply answers: when it
    shows no feeling (neutral, confused), a trait may have advice of its own for that
    (``phrases.json`` ``improve_when_calm``): "name the feeling" is no advice for a calm
    customer in the middle of a step-by-step fix. ``skip`` names traits whose advice does not
    fit this reply (see :func:`skipped_advice`). ``text`` is the reply: the advice quotes
    the sentence that holds a span. Cheer after a loss or a scare is the change to make
    (it jars more than any gap: a reader remembers it). Where the reply does part of what the trait asks
    ("Let me look at order 4471-2290 right now" for a follow-up), the advice credits it and
    asks for the missing part (``improve_from_evidence``) rather than saying nothing did it."""
    name = weakest(traits, skip)
    if misplaced_cheer(traits) and "empathy" not in skip and traits["empathy"].get("applicable"):
        name = "empathy"
    if name is None:
        return None, None
    phrases = load("phrases")
    calm: Mapping[str, str] = phrases["improve_when_calm"].get(emotion or "", {})
    advice: str = calm.get(name) or phrases["improve"][name]
    neg = [
        e
        for e in traits[name].get("evidence", [])
        if e.get("polarity") == "negative" and e.get("text") and quotable(e.get("cue", ""))
    ]
    worded = _from_evidence(name, traits, text, negative_only=bool(neg))
    if worded is not None:
        return worded, name
    pos = [
        e
        for e in traits[name].get("evidence", [])
        if e.get("polarity") != "negative"
        and e.get("text")
        and quotable(e.get("cue", ""))
        and not _never_praised(str(e["text"]))
    ]
    if neg:
        e = neg[0]
        cue = f" ({e['cue']})" if e.get("cue") else ""
        advice = f"{advice} {phrases['quote_negative'].format(quote=_quote(e['text'])[1:-1])}{cue}."
    elif pos:  # something did it, not enough: saying "nothing did" would contradict it
        best = max(pos, key=lambda e: len(e["text"]))
        advice = f"{advice} {phrases['quote_weak'].format(quote=_quote(best['text'])[1:-1])}"
    else:
        advice = f"{advice} {phrases['quote_missing']}"
    return advice, name


#: Customer emotions (and hostility) where advice to sound enthusiastic would push the agent
#: into "gushing at an upset customer", which the traits themselves count against them.
UPSET = frozenset({"angry", "disappointed", "anxious", "hostile"})


def skipped_advice(emotion: str | None, hostile: bool, where: Collection[str]) -> frozenset[str]:
    """Traits the improvement must not advise for this reply: enthusiasm to an upset
    customer; a follow-up (responsibility) live on a call or in a walkthrough, in a closing or
    when the customer asked for nothing; ownership, solution, patience, enthusiasm and
    genuineness in a closing or when the customer asked for nothing (``where`` is the rewriter's
    :func:`~servicemind.coach.rewrite.situation`)."""
    out: set[str] = set()
    if hostile or emotion in UPSET:
        out.add("enthusiasm")
    if {"live", "closing", "no_action"} & set(where):
        out.add("responsibility")
    if {"closing", "no_action"} & set(where):
        # a closing stays a closing: nothing to own, solve, commit to or cheer up
        out |= {"ownership", "solution", "patience", "enthusiasm", "genuineness"}
    return frozenset(out)
