"""politeness: the Stanford politeness strategies as features, weighted by a small logistic
regression trained on the Stanford Politeness Corpus (models/politeness/politeness.json).

Strategy features transfer across domains far better than bag-of-words (Danescu-Niculescu-
Mizil et al., ACL 2013), which matters because agent replies are not Wikipedia requests.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

from servicemind.analyse._cues import (
    Hit,
    LiteralIndex,
    has_fold_trap,
    literal_clauses,
    load_lexicon,
    lowerable,
    lowered_regex,
    phrase_regex,
    required_literals,
    shared_index,
)
from servicemind.analyse._lowered import boundary_moved
from servicemind.analyse.traits._context import sentence_spans
from servicemind.analyse.traits._result import Reply, TraitResult, agent_hits, clip
from servicemind.analyse.traits._style import style_features
from servicemind.errors import ModelError

__all__ = [
    "PRONOUN_STRATEGIES",
    "STRATEGIES",
    "load_politeness_model",
    "score_politeness",
    "strategy_hits",
    "strategy_label",
]

_LEX = "politeness_strategies.json"
#: Coefficients smaller than this are not shown as evidence (they barely move the score).
EVIDENCE_MIN_COEF = 0.15
#: How far sarcasm pulls politeness down (hand-set: sarcasm is rude whatever the wording).
SARCASM_PENALTY = 0.35
#: Share of the Stanford-strategy probability in the rule score; the rest comes from
#: service courtesy and rudeness cues (agent_cues.json "rudeness"), because Wikipedia
#: requests and service replies differ ("Of course" counts as factuality there). Hand-set.
STANFORD_SHARE = 0.5
#: Service-courtesy part of a reply with no courtesy or rudeness cue (label 1).
SERVICE_BASE = 0.55
#: Kinds of courtesy counted at most (a fourth kind says little more than the third).
COURTESY_KINDS_CAP = 3
#: Strategies that are courtesy markers (their absence, with no other courtesy cue, is a
#: feature: a bare reply).
COURTESY_STRATEGIES = frozenset(
    {"gratitude", "greeting", "apologizing", "please", "please_start", "counterfactual_modal"}
)


#: What may stand before a sentence-start strategy: quotes, brackets, inverted marks ...
_START = r"[\"'“(¡¿\s-]*"
#: ... and, in a text with an "@", the @handles a social-media reply opens with
#: ("@neilmac Hi Neil, ..." greets); a separate form, so that other texts do not pay for it.
_START_HANDLES = r"[\"'“(¡¿\s-]*(?:@\w+[\s,:]*)*"

_Strategy = tuple[
    str,
    re.Pattern[str],
    str,
    frozenset[str] | None,
    tuple[frozenset[str], ...],
    re.Pattern[str] | None,
]


#: The sentence-start strategies' regex and lower-case regex that allow opening @handles
#: (filled by :func:`_strategies`).
_HANDLE_FORMS: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


@cache
def _strategies() -> tuple[_Strategy, ...]:
    """(name, regex, scope, required literals, literal clauses, lower-case regex) of every
    strategy, compiled once. The clauses (see ``_cues.literal_clauses``) are met by any
    text the regex matches that has no case-folding trap character; a strategy whose
    clauses fail is not tried. The lower-case regex (``_cues.lowered_regex``; ``None`` for
    the case-sensitive strategy) finds the same spans in the lower-cased form of a lowerable
    text, faster."""
    out = []
    for name, pattern, scope, _desc in load_lexicon(_LEX)["strategies"]:
        required = None
        if scope == "case_sensitive":  # (a leading \b moved: the same matches, faster)
            rx = boundary_moved(pattern) or re.compile(pattern)
        elif scope == "sentence_start":
            rx = re.compile(_START + "(" + phrase_regex(pattern) + ")", re.IGNORECASE)
            handles = re.compile(_START_HANDLES + "(" + phrase_regex(pattern) + ")", re.IGNORECASE)
            _HANDLE_FORMS[name] = (handles, lowered_regex(handles.pattern))
        else:
            rx = re.compile(phrase_regex(pattern), re.IGNORECASE)
            required = required_literals(phrase_regex(pattern))
        low_rx = None if scope == "case_sensitive" else lowered_regex(rx.pattern)
        clauses = literal_clauses(pattern if scope == "case_sensitive" else rx.pattern)
        out.append((name, rx, scope, required, clauses, low_rx))
    return tuple(out)


@cache
def _literal_index() -> LiteralIndex:
    """The shared literal index, with every literal the strategies' prefilters ask about
    (found in a text with the same scan as the cue lexicons' literals)."""
    index = shared_index()
    for _, _, _, required, clauses, _ in _strategies():
        index.add(frozenset(required or ()))
        index.add(frozenset(lit for c in clauses for lit in c))
    return index


# the strategies' literals join the shared index before its first scan
shared_index().preload(_literal_index)


STRATEGIES: tuple[str, ...] = tuple(
    row[0]
    for row in json.loads(
        resources.files("servicemind.lexicons").joinpath(_LEX).read_text("utf-8")
    )["strategies"]
)


def strategy_hits(text: str, low: str | None = None) -> dict[str, list[tuple[int, int]]]:
    """The spans where each strategy matched (only strategies that matched)."""
    if low is None:
        low = text.lower()
    sents = sentence_spans(text)
    starts = {s for s, _ in sents}
    out: dict[str, list[tuple[int, int]]] = {}
    sieve = not has_fold_trap(text)
    found = _literal_index().found(low)  # exactly the literals that are substrings of low
    lowered = lowerable(text) and low == text.lower()
    handles = "@" in text
    for name, rx, scope, required, clauses, low_rx in _strategies():
        if required is not None and found.isdisjoint(required):
            continue  # none of the literals the strategy needs is in the text
        if sieve:
            missing = False
            for c in clauses:
                if found.isdisjoint(c):
                    missing = True  # a literal run every match consumes is missing
                    break
            if missing:
                continue
        spans: list[tuple[int, int]] = []
        subject = text
        if lowered and low_rx is not None:  # the same spans, case-sensitively on low
            rx, subject = low_rx, low
        if scope == "sentence_start":
            if handles:
                rx, low_rx = _HANDLE_FORMS[name]
                subject = text
                if lowered and low_rx is not None:
                    rx, subject = low_rx, low
            for s, _e in sents:
                m = rx.match(subject, s)
                if m:
                    spans.append((m.start(1), m.end()))
        else:
            for m in rx.finditer(subject):
                if scope == "not_start" and m.start() in starts:
                    continue
                spans.append((m.start(), m.end()))
        if spans:
            out[name] = spans
    return out


@cache
def load_politeness_model() -> dict[str, Any]:
    """The trained strategy weights (coef per strategy + intercept)."""
    try:
        raw = (
            resources.files("servicemind.models")
            .joinpath("politeness/politeness.json")
            .read_text("utf-8")
        )
        model: dict[str, Any] = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"politeness model cannot be read: {exc}",
            hint="run `python -m servicemind.training.politeness` to rebuild it",
        ) from exc
    return model


#: The strategies that only count pronouns ("you", "I", "we"): they weigh in the score, but a
#: lone "you" quoted as evidence explains nothing to a reader, so they are not shown.
PRONOUN_STRATEGIES = ("first_person", "first_person_start", "first_person_plural", "second_person")


def strategy_label(name: str) -> str:
    """The evidence cue of a strategy ("second_person" → "politeness strategy: second person")."""
    return f"politeness strategy: {name.replace('_', ' ')}"


def score_politeness(r: Reply) -> TraitResult:
    model = load_politeness_model()
    coef: dict[str, float] = model["coef"]
    found = strategy_hits(r.text, r.low)
    z = float(model["intercept"])
    hits: list[Hit] = []
    for name, spans in found.items():
        w = coef.get(name, 0.0)
        z += w
        if abs(w) >= EVIDENCE_MIN_COEF and name not in PRONOUN_STRATEGIES:
            s, e = spans[0]
            hits.append(Hit(s, e, r.text[s:e], w, strategy_label(name)))
    p = 1.0 / (1.0 + math.exp(-z))
    service = agent_hits(r, "rudeness")
    hits += r.sarcasm + service
    courtesy = sum(h.weight for h in service)
    style = style_features(r)
    # not one courtesy marker: no greeting, thanks, apology, please, indirect request,
    # service courtesy, warmth or friendly close
    bare = (
        found.keys().isdisjoint(COURTESY_STRATEGIES)
        and not any(h.weight > 0 for h in service)
        and style["warmth"] == 0
        and style["courteous_close"] == 0
    )
    # how many kinds of courtesy the reply shows (greeting, thanks, apology, a softened
    # request, a friendly close, warm words): one summary the combination can weigh as a
    # whole, whichever words carry each kind in the writer's voice or language
    kinds = (
        ("greeting" in found)
        + ("gratitude" in found)
        + ("apologizing" in found)
        + (not found.keys().isdisjoint(("please", "please_start", "counterfactual_modal")))
        + (style["courteous_close"] > 0)
        + (style["warmth"] > 0)
    )
    score = clip(
        STANFORD_SHARE * p
        + (1 - STANFORD_SHARE) * clip(SERVICE_BASE + 0.5 * courtesy)
        - SARCASM_PENALTY * min(2, len(r.sarcasm))
    )
    return TraitResult(
        score,
        True,
        0.5 + abs(p - 0.5),
        hits,
        features={
            "service_courtesy": courtesy,
            "rude": float(sum(1 for h in service if h.weight < 0)),
            "p": p,
            "z": z,
            "sarcasm": float(len(r.sarcasm)),
            **{f"s_{k}": 1.0 for k in found},
            "no_courtesy": float(bare),
            "courtesy_kinds": float(min(COURTESY_KINDS_CAP, kinds)),
            **style,
        },
    )
