"""balance (feeling acknowledged while policy is held) and resiliency (calm under hostility)."""

from __future__ import annotations

import re

from servicemind.analyse._cues import Hit, cueset
from servicemind.analyse.traits._applicability import disputes, states_limit
from servicemind.analyse.traits._ownership import ownership_hits
from servicemind.analyse.traits._result import Reply, TraitResult, agent_hits, clip, sums

__all__ = ["score_balance", "score_resiliency"]

_LEX = "agent_cues.json"
#: Calm, neutral reply to a hostile customer (label ~1.4: civil but not yet de-escalating).
RESILIENCY_BASE = 0.7
_CAPS = re.compile(r"\b[A-Z]{3,}\b(?:\W+\b[A-Z]{2,}\b){2,}")


def score_balance(r: Reply) -> TraitResult:
    ctx = r.ctx
    # (each list with its <name>_other_languages forms on a reply not in English: trial 21a
    # F2, a limit held in nl, de, fr, es, it or pt was no limit at all)
    ack = agent_hits(r, "balance_ack")
    # "not possible" holds a line just as "possible" would not: keep every policy hit, positive
    policy = [Hit(h.start, h.end, h.text, 0.4, h.label) for h in agent_hits(r, "balance_policy")]
    alt = agent_hits(r, "balance_alternative")
    if policy:  # what the customer can still do is an alternative only beside a limit
        alt += cueset(_LEX, "balance_alternative_after_limit").find(r.text, r.low)
    over = agent_hits(r, "over_promise")
    over = [
        Hit(h.start, h.end, h.text, -abs(h.weight), f"over-promise: {h.label}")
        for h in over
        if not h.negated
    ]
    a_pos, _ = sums(ack)
    l_pos, _ = sums(alt)
    flags: list[str] = []
    has_ack, has_policy, has_alt = a_pos > 0, bool(policy), l_pos > 0
    if not has_ack and not has_alt:
        # a limit held with neither an acknowledgement nor an alternative is the guideline's
        # "policy only" (0): it lowers the score (0.15 against 0.25 without a limit), so its
        # evidence says so (polarity negative); held beside either, it is the "facts held"
        # part of balance
        policy = [
            Hit(
                h.start,
                h.end,
                h.text,
                -h.weight,
                f"{h.label}, with no acknowledgement or alternative",
            )
            for h in policy
        ]
    if over:
        flags.append("over_promise")
    upset = ctx.negative >= 0.45 or ctx.hostile or ctx.problem
    if has_policy and not has_ack and not has_alt and upset:
        flags.append("policy_only")
    tension = ctx.tension and (upset or ctx.negative >= 0.45)
    applicable = ctx.has_customer and not ctx.closing and (has_policy or bool(over) or tension)
    if has_policy:
        score = 0.15 + 0.4 * has_ack + 0.35 * has_alt + 0.1 * (has_ack and has_alt)
    else:  # no limit stated: judged on acknowledging the feeling and offering a way forward
        score = 0.25 + 0.4 * has_ack + 0.3 * has_alt
    if over:
        score = min(score, 0.45) - 0.25 * min(2, len(over))
    score = clip(score)
    return TraitResult(
        score,
        applicable,
        0.5 + 0.1 * min(4, len(ack) + len(policy) + len(alt)),
        [h for h in ack if h.weight > 0] + policy + [h for h in alt if h.weight > 0] + over,
        flags=flags,
        features={
            "ack": float(has_ack),
            "policy": float(has_policy),
            "alt": float(has_alt),
            "over": float(len(over)),
            # a limit set by a policy or a fact in the reply, and a want that meets one
            # (a disputed charge, a refund asked for) in the customer's turn: the guideline's
            # tension, read by the trained applicability
            "limit": float(states_limit(r)),
            "disputed": float(disputes(ctx)),
        },
    )


def score_resiliency(r: Reply) -> TraitResult:
    ctx = r.ctx
    # (with resiliency_other_languages on a reply not in English: a rebuke of the customer's
    # tone in de / fr / es / it / pt / nl, trial 22a F1)
    hits = agent_hits(r, "resiliency") + list(r.sarcasm)
    hits += [
        Hit(m.start(), m.end(), m.group(0), -0.5, "shouts in capitals")
        for m in _CAPS.finditer(r.text)
    ]
    pos, neg = sums(hits)
    blame = [h for h in ownership_hits(r) if h.weight <= -0.9]
    hits += [Hit(h.start, h.end, h.text, -0.5, f"defensive: {h.label}") for h in blame]
    score = clip(RESILIENCY_BASE + 0.25 * min(1.0, pos) + 0.5 * neg - 0.25 * bool(blame))
    # the guideline's hostility is wider than customer.hostile's (insults, threats, abuse):
    # ultimatums, rhetorical challenges, sarcasm at the agent and shouting count too
    applicable = ctx.hostile or ctx.pressure
    return TraitResult(
        score,
        applicable,
        0.5 + 0.3 * abs(ctx.hostile_score - 0.5),
        hits,
        features={"pos": pos, "neg": neg, "blame": float(len(blame)), "hostile": ctx.hostile_score},
    )
