"""ownership, responsibility (commitments) and solution."""

from __future__ import annotations

import re

from servicemind.analyse._cues import NEGATION_FACTOR, Hit, cueset, phrase_set
from servicemind.analyse.commitments import extract_commitments
from servicemind.analyse.traits._answers import (
    DOUBT_CONFIDENCE,
    read_answers,
    unanswered_evidence,
)
from servicemind.analyse.traits._applicability import asks_information, commitment_owed
from servicemind.analyse.traits._result import (
    Reply,
    TraitResult,
    agent_hits,
    clip,
    other_language,
    sums,
)

__all__ = [
    "ownership_hits",
    "score_ownership",
    "score_responsibility",
    "score_solution",
    "solution_hits",
]

_LEX = "agent_cues.json"
_APPLICABILITY_LEX = "applicability_cues.json"
#: Reply that neither owns nor deflects (label 1 territory).
OWNERSHIP_BASE = 0.4
#: Action needed but no commitment, no follow-through, no vagueness (label ~0.7).
RESPONSIBILITY_BASE = 0.35
#: Weight of a commitment with a due time / without one (a timed promise is what the
#: guidelines call label 2; an untimed one label 1).
COMMIT_DUE = 0.7
COMMIT_NO_DUE = 0.35
#: Score of a reply that only asks for details (label 1 of the guidelines).
ASK_ONLY_SCORE = 0.45
#: Score of a reply with no step, answer or fix (label 0).
NOTHING_SCORE = 0.12
#: A reply that takes up none of the customer's questions or problem (traits._answers, sure
#: of it) scores solution no higher than this: a fix about something else is the
#: guideline's "wrong answer", label 0 (a little above :data:`NOTHING_SCORE`: it may still
#: carry a step the customer can use).
SOLUTION_UNANSWERED_CAP = 0.2
#: Weight of an action completed in the reply for responsibility (guideline v2: label 2 when
#: the customer is told what was done; a little below a timed commitment; hand-set).
DONE_WEIGHT = 0.6
DONE_CUE = "action completed in the reply"
_DIGITS = re.compile(r"\b\d[\d:/.,-]*\b")
#: A reply that goes on as if an earlier promise had not been missed (guideline:
#: "contradicting or forgetting an earlier promise in the context" is responsibility 0); a
#: harm cue (traits._analyser.HARM_CUES), weighed like "no clear time", set by hand.
FORGETS_WEIGHT = 0.8
FORGETS_CUE = "forgets the missed promise"
#: The responsibility cues of a promise nobody can keep ("I guarantee it, 100%", "it will
#: never happen again"), and the most a reply with one scores (label 0 territory).
OVER_PROMISE_CUES = frozenset({"guarantee that may not be kept", "promise that cannot be kept"})
OVER_PROMISE_CEILING = 0.15
#: An apology in the seven languages: a reply with one takes the miss up at least in part.
_APOLOGY = re.compile(
    r"\b(?:sorry|apolog\w*|excuses|disculp\w*|perdon\w*|désolée?s?|navrée?s?|tut (?:mir|uns) "
    r"leid|entschuldig\w*|mi dispiace|ci dispiace|scus\w*|het spijt|desculp\w*|lament\w*|"
    r"siento|sinto)\b",
    re.IGNORECASE,
)


def forgets_missed_promise(r: Reply, hits: list[Hit]) -> bool:
    """The customer reports a missed promise (applicability_cues.json "missed") and the
    reply neither owns it ("owns a missed promise") nor apologises: it carries on as if
    nothing was promised (trial 22b F8: "The bag will be delivered tomorrow." after the
    courier promised for 7pm never came kept responsibility 0.59). The caller checks that
    the agent's side made a commitment earlier."""
    if not phrase_set(_APPLICABILITY_LEX, "missed").search(r.ctx.text):
        return False
    if any(h.label.startswith("owns a missed promise") for h in hits):
        return False
    return _APOLOGY.search(r.text) is None


def _cached_hits(r: Reply, name: str) -> list[Hit]:
    """The hits of cue list ``name`` (and of ``<name>_other_languages`` on a reply not in
    English), found once per reply and kept in ``r.cache["<name>_hits"]``."""
    key = f"{name}_hits"
    hits: list[Hit] | None = r.cache.get(key)
    if hits is None:
        hits = agent_hits(r, name)
        r.cache[key] = hits
    return hits


def solution_hits(r: Reply) -> list[Hit]:
    """The solution cue hits, found once for responsibility, solution and the answer check
    (traits._answers: a fix claimed about something else)."""
    return _cached_hits(r, "solution")


def ownership_hits(r: Reply) -> list[Hit]:
    """The ownership cue hits, found once for ownership, resiliency (blame as
    defensiveness) and the reply-shape features (the agent as actor), in whatever order
    they ask."""
    return _cached_hits(r, "ownership")


def score_ownership(r: Reply) -> TraitResult:
    ctx = r.ctx
    hits = ownership_hits(r)
    pos, neg = sums(hits)
    score = clip(OWNERSHIP_BASE + 0.4 * min(1.5, pos) + 0.5 * neg)
    applicable = ctx.has_customer and not ctx.closing
    return TraitResult(
        score,
        applicable,
        0.5 + 0.1 * min(4, len(hits)),
        hits,
        features={"pos": pos, "neg": neg},
    )


def score_responsibility(r: Reply) -> TraitResult:
    ctx = r.ctx
    commits = extract_commitments(r.text)
    r.cache["commitments"] = commits
    hits = cueset(_LEX, "responsibility").find(r.text, r.low)
    if other_language(r):  # the guarantees of the six languages (balance's list) as well
        hits += [
            Hit(h.start, h.end, h.text, -0.6, "guarantee that may not be kept")
            for h in cueset(_LEX, "over_promise_other_languages").find(r.text, r.low)
            if not h.negated
        ]
    # guideline v2: an action completed in the reply, with nothing left to follow up, is
    # responsibility shown. The solution cues marked "done" find it (one scan for both
    # traits); the first positive one counts once, with its span as evidence.
    done = [h for h in solution_hits(r) if h.facet == "done"]
    first = next((h for h in done if h.weight > 0), None)
    if first is not None:
        hits.append(Hit(first.start, first.end, first.text, DONE_WEIGHT, DONE_CUE))
    hits += [
        Hit(h.start, h.end, h.text, -DONE_WEIGHT * NEGATION_FACTOR, f"{DONE_CUE} (negated)")
        for h in done
        if h.weight < 0
    ]
    done_w = DONE_WEIGHT if first is not None else 0.0
    for c in commits:
        w = COMMIT_DUE if c.due else COMMIT_NO_DUE
        hits.append(
            Hit(
                c.start,
                c.end,
                c.text,
                w,
                "commitment with a time" if c.due else "commitment without a time",
            )
        )
    earlier = any(extract_commitments(t) for t in ctx.earlier_agent[-3:])
    if earlier and forgets_missed_promise(r, hits):
        hits.append(Hit(0, len(r.text), r.text, -FORGETS_WEIGHT, FORGETS_CUE))
    pos, neg = sums(hits)
    # guideline: a situation that calls for a commitment (an action asked of the agent's
    # side, a wait, a chase, an earlier promise) makes responsibility applicable whether or
    # not the reply promises anything: a reply that owed one and gave none scores low, not na
    owed = commitment_owed(ctx) and not ctx.closing
    action_needed = ctx.problem or ctx.tension or owed
    applicable = ctx.has_customer and (bool(hits) or earlier or (action_needed and not ctx.closing))
    score = clip(RESPONSIBILITY_BASE + 0.6 * min(1.2, pos) + 0.5 * neg)
    if any(h.label in OVER_PROMISE_CUES and not h.negated for h in hits):
        # guideline: over-promising is responsibility 0, whatever else the reply commits
        # to (a harm cue, so the trained score stays at or below this; trial 22b F10)
        score = min(score, OVER_PROMISE_CEILING)
    return TraitResult(
        score,
        applicable,
        0.5 + 0.1 * min(4, len(hits)),
        hits,
        features={
            "pos": pos,
            "neg": neg,
            "n_commit": float(len(commits)),
            "n_due": float(sum(1 for c in commits if c.due)),
            "earlier": float(earlier),
            "done": done_w,
            "owed": float(owed),
            "info": float(asks_information(ctx)),
        },
        required=owed,
    )


def score_solution(r: Reply) -> TraitResult:
    ctx = r.ctx
    hits = list(solution_hits(r))
    asks = cueset(_LEX, "ask_only").find(r.text, r.low)
    pos, neg = sums(hits)
    digits = len(_DIGITS.findall(r.text))
    if pos > 0:
        score = 0.55 + 0.3 * min(1.3, pos) + 0.03 * min(3, digits)
    elif asks:
        score = ASK_ONLY_SCORE
    else:
        score = NOTHING_SCORE + 0.03 * min(3, digits) + 0.1 * (r.n_words >= 40)
    score = clip(score + 0.5 * neg)
    answers = read_answers(r, hits)
    off: list[Hit] = []
    if answers.unanswered:
        s, e, label = unanswered_evidence(r, answers)
        off.append(Hit(s, e, r.text[s:e], -1.0, label))
        score = min(score, SOLUTION_UNANSWERED_CAP)
    applicable = ctx.has_customer and not ctx.closing
    return TraitResult(
        score,
        applicable,
        0.5 + 0.1 * min(4, len(hits) + len(asks)) - DOUBT_CONFIDENCE * answers.doubtful,
        hits + asks + off,
        features={"pos": pos, "neg": neg, "asks": float(len(asks)), "digits": float(digits)},
    )
