"""ownership, responsibility (commitments) and solution."""

from __future__ import annotations

import re

from servicemind.analyse._cues import Hit, cueset
from servicemind.analyse.commitments import extract_commitments
from servicemind.analyse.traits._result import Reply, TraitResult, clip, sums

__all__ = ["score_ownership", "score_responsibility", "score_solution"]

_LEX = "agent_cues.json"
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
_DIGITS = re.compile(r"\b\d[\d:/.,-]*\b")


def _weight(h: Hit) -> float:
    return h.weight


def score_ownership(r: Reply) -> TraitResult:
    ctx = r.ctx
    hits = cueset(_LEX, "ownership").find(r.text, r.low)
    r.cache["ownership_hits"] = hits
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
    # guideline v2: an action completed in the reply, with nothing left to follow up, is
    # responsibility shown (the strongest such hit counts, not every verb of a list)
    done = cueset(_LEX, "action_done").find(r.text, r.low)
    best = max((h for h in done if h.weight > 0), key=_weight, default=None)
    hits += [h for h in done if h.weight < 0] + ([best] if best is not None else [])
    done_w = best.weight if best is not None else 0.0
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
    pos, neg = sums(hits)
    earlier = any(extract_commitments(t) for t in ctx.earlier_agent[-3:])
    action_needed = ctx.problem or ctx.tension
    applicable = ctx.has_customer and (bool(hits) or earlier or (action_needed and not ctx.closing))
    score = clip(RESPONSIBILITY_BASE + 0.6 * min(1.2, pos) + 0.5 * neg)
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
        },
    )


def score_solution(r: Reply) -> TraitResult:
    ctx = r.ctx
    hits = cueset(_LEX, "solution").find(r.text, r.low)
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
    applicable = ctx.has_customer and not ctx.closing
    return TraitResult(
        score,
        applicable,
        0.5 + 0.1 * min(4, len(hits) + len(asks)),
        hits + asks,
        features={"pos": pos, "neg": neg, "asks": float(len(asks)), "digits": float(digits)},
    )
