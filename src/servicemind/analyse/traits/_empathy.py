"""empathy (with its reaction / interpretation / exploration facets) and enthusiasm."""

from __future__ import annotations

import re

from servicemind.analyse._cues import Hit, cueset
from servicemind.analyse.traits._result import Reply, TraitResult, agent_hits, clip, sums
from servicemind.analyse.traits._style import style_features

__all__ = ["misplaced_cheer", "score_empathy", "score_enthusiasm"]

_LEX = "agent_cues.json"
#: How much each facet adds to empathy (interpretation weighs most: reflecting the
#: feeling back is the hardest and most valued part; hand-set from the guidelines).
FACET_WEIGHTS = {"reaction": 0.6, "interpretation": 0.8, "exploration": 0.6}
#: Score with no empathy cue at all when empathy was needed (label 0 territory).
EMPATHY_FLOOR = 0.1
#: Neutral, willing reply without energy cues (label 1 of the guidelines).
ENTHUSIASM_BASE = 0.45
_EXCLAIM = re.compile(r"!+")
#: Weight of one gushing word after a bereavement, a safety scare or a vulnerable customer
#: (guideline v3: "cheer that is out of place there … lowers empathy and genuineness"); the
#: same as a gushing word at an upset customer lowers enthusiasm, set by hand.
CHEER_WEIGHT = 0.4
CHEER_CUE = "cheer out of place after a loss or a scare"
_GUSH = re.compile(r"\b(?:awesome|amazing|super|yay|woohoo|fantastic|wonderful)\b", re.IGNORECASE)


def misplaced_cheer(r: Reply) -> list[Hit]:
    """Gushing words after a bereavement, a safety scare or a vulnerable customer: guideline
    v3 says such cheer is "na" for enthusiasm and lowers empathy and genuineness instead."""
    if not r.ctx.sober:
        return []
    return [
        Hit(g.start(), g.end(), g.group(0), -CHEER_WEIGHT, CHEER_CUE)
        for g in _GUSH.finditer(r.text)
    ]


def score_empathy(r: Reply) -> TraitResult:
    ctx = r.ctx
    hits = cueset(_LEX, "empathy").find(r.text, r.low) + [h for h in r.sarcasm]
    hits += misplaced_cheer(r)
    facets = dict.fromkeys(FACET_WEIGHTS, 0.0)
    for h in hits:
        if h.weight > 0 and h.facet in facets:
            facets[h.facet] = clip(facets[h.facet] + h.weight)
    _, neg = sums(hits)
    strength = sum(FACET_WEIGHTS[k] * v for k, v in facets.items())
    n_facets = sum(1 for v in facets.values() if v >= 0.5)
    score = clip(EMPATHY_FLOOR + 0.75 * clip(strength) + 0.15 * (n_facets >= 2) + 0.6 * neg)
    needed = (
        ctx.has_customer
        and not ctx.closing
        and (ctx.problem or ctx.negative >= 0.45 or ctx.hostile or ctx.sober or ctx.confused)
    )
    conf = 0.55 + 0.1 * min(3, len(hits)) if needed else 0.5 + 0.4 * abs(ctx.negative - 0.45)
    return TraitResult(
        score,
        needed,
        conf,
        hits,
        features={
            **{f"facet_{k}": v for k, v in facets.items()},
            "neg": neg,
            "n_facets": float(n_facets),
            "ctx_negative": ctx.negative,
        },
        facets=facets,
    )


def score_enthusiasm(r: Reply) -> TraitResult:
    ctx = r.ctx
    hits: list[Hit] = agent_hits(r, "enthusiasm")
    bangs = list(_EXCLAIM.finditer(r.text))
    n_bang = sum(len(m.group(0)) for m in bangs)
    # hostility earlier in the conversation no longer makes the customer upset once their
    # latest turn closes it ("Sorry for snapping, thanks so much": trial 22a F6)
    upset = (ctx.hostile and not ctx.closing) or ctx.negative >= 0.6
    if bangs:
        m = max(bangs, key=lambda m: len(m.group(0)))
        if n_bang >= 4 or len(m.group(0)) >= 3:
            hits.append(
                Hit(m.start(), m.end(), m.group(0), -0.5, "over the top: many exclamation marks")
            )
        elif upset and n_bang >= 2:
            hits.append(
                Hit(m.start(), m.end(), m.group(0), -0.3, "exclamations at an upset customer")
            )
        elif not upset:
            hits.append(Hit(m.start(), m.end(), m.group(0), 0.2, "positive energy"))
    if upset:
        for g in _GUSH.finditer(r.text):
            hits.append(Hit(g.start(), g.end(), g.group(0), -0.4, "gushing at an upset customer"))
    hits += r.sarcasm
    pos, neg = sums(hits)
    score = clip(ENTHUSIASM_BASE + 0.35 * min(1.5, pos) + 0.5 * neg - 0.1 * (r.n_words < 5))
    applicable = not ctx.sober
    style = style_features(r)
    return TraitResult(
        score,
        applicable,
        0.5 + 0.1 * min(3, len(hits)),
        hits,
        features={
            "pos": pos,
            "neg": neg,
            "n_bang": float(n_bang),
            "upset": float(upset),
            # energy that reads as over the top at an upset customer: the exclamation
            # marks, and a bright exclaimed opener ("Hi there!!!" to a complaint)
            "bang_upset": float(n_bang) if upset else 0.0,
            "bright_upset": style["bright_open"] if upset else 0.0,
            **style,
        },
    )
