"""A readable plain-text summary of one analysed conversation (used by ``servicemind demo``).

It names the best and the worst agent reply and says why, from the scores, the evidence and
the coaching in the output object (the worst is called the "lowest" when it is itself a reply
to follow, so a conversation of good replies reads fairly), and each promise a later turn
showed broken (a reply flagged ``broken_promise`` is never the best, nor is a reply under the
report's ``BEST_MIN``); it computes nothing new.
"""

from __future__ import annotations

import textwrap
from typing import Any

from servicemind.analyse.scorecard import BROKEN_FLAG
from servicemind.report.aggregate import BEST_MIN

__all__ = ["Tally", "summarize"]

_QUOTE_CHARS = 110  # long enough to recognise a reply, short enough for one terminal line


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def _why_best(agent: dict[str, Any]) -> str:
    strengths = agent.get("coaching", {}).get("strengths") or []
    if strengths:
        shown = [str(x) for x in strengths[:2]]
        # "A: “…”." and "B: “…”." read as one line: "A: “…”; B: “…”."
        return "; ".join([x.removesuffix(".") for x in shown[:-1]] + shown[-1:])
    top = _ranked_traits(agent, reverse=True)[:2]
    if not top:
        return "no applicable trait"
    # the coach credits a phrase only when one stands out; the scores still say what was strong
    return "its highest traits: " + ", ".join(f"{t} {s:.2f}" for t, s in top)


def _why(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, initial_indent="        ", subsequent_indent="        ")


def _why_worst(agent: dict[str, Any]) -> str:
    improve = agent.get("coaching", {}).get("improve")
    if improve:
        return str(improve)
    if _broken(agent):
        return "a promise it made was broken later (below)"
    low = _ranked_traits(agent)[:2]
    if not low:
        return "no applicable trait"
    return "nothing to fix; its lowest traits: " + ", ".join(f"{t} {s:.2f}" for t, s in low)


def _ranked_traits(agent: dict[str, Any], reverse: bool = False) -> list[tuple[str, float]]:
    scored = [
        (name, float(t["score"]))
        for name, t in agent.get("traits", {}).items()
        if t.get("applicable") and t.get("score") is not None
    ]
    return sorted(scored, key=lambda x: x[1], reverse=reverse)


def _broken(agent: dict[str, Any]) -> bool:
    """Whether a later turn showed a promise of this reply broken."""
    return BROKEN_FLAG in (agent.get("flags") or ())


def _to_follow(agent: dict[str, Any]) -> bool:
    """Whether a reply is an example to follow: no promise of it shown broken later, and not
    weak (:data:`BEST_MIN`, as in the HTML report). The summary's best reply and the tally
    both ask this."""
    return not _broken(agent) and agent["overall"] >= BEST_MIN


def summarize(result: dict[str, Any], *, width: int = 100) -> str:
    """A few lines on one analysed conversation: scores, best and worst reply, and why."""
    s = result["summary"]
    meta = result.get("meta") or {}
    head = f"{result['id']}"
    extra = [x for x in (result.get("channel"), meta.get("industry"), meta.get("subject")) if x]
    if extra:
        head += "  (" + ", ".join(str(x) for x in extra) + ")"
    sat = s.get("satisfaction")
    lines = [
        head,
        f"  overall {s.get('overall') if s.get('overall') is not None else '-'}/100"
        f"   satisfaction {f'{sat:.1f}' if sat is not None else '-'}/5"
        f"   moments {len(s.get('moments', []))}"
        f"   commitments open {s['commitments']['open']}, kept {s['commitments']['kept']},"
        f" broken {s['commitments']['broken']}",
    ]
    replies = [t for t in result["turns"] if "agent" in t]
    kept = [t for t in replies if not _broken(t["agent"])]
    good = [t for t in replies if _to_follow(t["agent"])]
    best = max(good, key=lambda t: t["agent"]["overall"]) if good else None
    if best is not None:
        who = best.get("author") or best["role"]
        lines.append(f'  best   [{best["agent"]["overall"]:3d}] {who}: "{_quote(best["text"])}"')
        lines += _why("why: " + _why_best(best["agent"]), width)
    elif kept:
        # the agents fell short, not the analysis: say by how much (the weakest follows)
        top = max(t["agent"]["overall"] for t in kept)
        lines.append(
            f"  best   none: no reply reached {BEST_MIN}, the bar for one to follow (highest {top})"
        )
    elif replies:
        lines.append("  best   none: every reply made a promise that was broken later")
    worst = min(replies, key=lambda t: t["agent"]["overall"]) if replies else None
    if worst is not None and worst is not best:
        who = worst.get("author") or worst["role"]
        # a reply that is itself one to follow is the conversation's lowest, not a bad one
        label = "lowest" if _to_follow(worst["agent"]) else "worst"
        lines.append(
            f'  {label:<6} [{worst["agent"]["overall"]:3d}] {who}: "{_quote(worst["text"])}"'
        )
        lines += _why("why: " + _why_worst(worst["agent"]), width)
    for t in replies:
        for c in t["agent"].get("commitments") or ():
            if c.get("status") == "broken":
                at = c.get("resolved_by")
                lines.append(
                    f"  broken promise, turn {t['index']} [{t['agent']['overall']:3d}]: "
                    f'"{_quote(str(c.get("text", "")))}"'
                    + (f" (shown broken at turn {at})" if isinstance(at, int) else "")
                )
    for m in s.get("moments", [])[:2]:
        lines.append(f"  moment at turn {m['turn']}: {m['detail']}")
    return "\n".join(lines)


class Tally:
    """One closing line over many summaries: how many conversations hold a reply to follow.

    Said so that a run whose conversations mostly fell short reads as a finding about the
    replies (see each conversation's weakest reply and why), not as the analysis finding
    nothing. Counts as results stream past (``add``), so nothing is kept.
    """

    def __init__(self) -> None:
        self.conversations = 0
        self.with_best = 0
        self.broken = 0

    def add(self, result: dict[str, Any]) -> None:
        replies = [t["agent"] for t in result["turns"] if "agent" in t]
        self.conversations += 1
        if any(_to_follow(a) for a in replies):
            self.with_best += 1
        self.broken += sum(
            1 for a in replies for c in a.get("commitments") or () if c.get("status") == "broken"
        )

    def line(self) -> str:
        n = self.conversations
        if n == 0:
            return "No conversations."
        out = f"{self.with_best} of {n} conversations have a reply to follow ({BEST_MIN} or more)"
        short = n - self.with_best
        if short:
            out += f"; in {short} every reply fell short: read their weakest reply and why"
        if self.broken:
            out += f". {self.broken} promise{'s' if self.broken != 1 else ''} shown broken later"
        return out + "."
