"""Streaming aggregates of analysed conversations for the report.

:class:`ReportAggregator` reads output-contract objects one at a time and keeps only
counters, sums, fixed histograms, bounded heaps (best and worst replies per agent) and
fixed-seed reservoir samples (moments of truth, response times), so memory does not grow
with the number of conversations and the same input always gives the same report.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from servicemind.analyse.base import EMOTIONS, TRAITS
from servicemind.analyse.scorecard import BROKEN_FLAG
from servicemind.coach.feedback import IMPROVE_BELOW

__all__ = [
    "BEST_MIN",
    "EMPATHY_MISSING_BELOW",
    "JOURNEY_POSITIONS",
    "RESPONSE_BINS",
    "AgentStats",
    "AgentTable",
    "Quote",
    "ReportAggregator",
    "Reservoir",
    "author_key",
]

T = TypeVar("T")

#: An applicable empathy score below this counts as "needed but missing" (the lower third
#: of the 0..1 scale: the "0" of the 0/1/2 annotation scale).
EMPATHY_MISSING_BELOW = 1 / 3
#: Customer turns are grouped by position 1..N; later turns fall into the last group.
JOURNEY_POSITIONS = 8
#: Response-time bins (upper edges in seconds) and their labels.
RESPONSE_BINS: tuple[tuple[float, str], ...] = (
    (60, "<1m"),
    (300, "1-5m"),
    (900, "5-15m"),
    (3600, "15-60m"),
    (4 * 3600, "1-4h"),
    (24 * 3600, "4-24h"),
    (math.inf, ">1d"),
)
#: A reply shown among an agent's best scores at least this overall: the coach's
#: ``IMPROVE_BELOW`` on the 0..100 scale (a 21/100 reply is no example to follow, even when
#: it is the agent's highest).
BEST_MIN = round(IMPROVE_BELOW * 100)
#: Longest quoted text kept per quote, in characters (evidence beyond it is dropped).
MAX_QUOTE_CHARS = 600
#: Fixed seed of every reservoir sample, so a report is reproducible.
SEED = 20240611
#: Response times kept for the quantiles (a 2,000-sample reservoir gives the median to
#: about ±2 percentiles).
TIME_SAMPLE = 2000


class Reservoir(Generic[T]):
    """Algorithm R reservoir sample of at most ``k`` items, with a fixed seed."""

    def __init__(self, k: int, seed: int = SEED) -> None:
        self.k = k
        self.seen = 0
        self.items: list[T] = []
        self._rng = random.Random(seed)

    def add(self, item: T) -> None:
        self.seen += 1
        if len(self.items) < self.k:
            self.items.append(item)
            return
        j = self._rng.randrange(self.seen)
        if j < self.k:
            self.items[j] = item


@dataclass(slots=True)
class Quote:
    """A reply (or customer turn) quoted in the report, with its highlighted spans."""

    conversation: str
    turn: int
    text: str
    spans: list[dict[str, Any]] = field(default_factory=list)
    overall: int | None = None
    customer: str | None = None
    improve: str | None = None
    rewrite: str | None = None
    label: str | None = None


def _clip(text: str) -> str:
    return text if len(text) <= MAX_QUOTE_CHARS else text[: MAX_QUOTE_CHARS - 1] + "…"


def _own_words(turn: Mapping[str, Any]) -> str:
    """A turn's text as quoted in the report: without the trailing part the analysis left
    out (quoted history, signature, disclaimer: ``turns[].excluded``), so a quote shows
    what was scored and its offsets still hold."""
    text = str(turn.get("text", ""))
    parts = turn.get("excluded") or []
    if parts and parts[-1].get("end") == len(text):
        return text[: int(parts[-1]["start"])].rstrip()
    return text


def _spans(agent: Mapping[str, Any], limit: int) -> list[dict[str, Any]]:
    out = []
    for name, t in agent.get("traits", {}).items():
        for e in t.get("evidence", []):
            if 0 <= e["start"] < e["end"] <= limit:
                out.append({**e, "trait": name})
    return out


def _parse_time(s: Any) -> datetime | None:
    if not isinstance(s, str) or not s:
        return None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _bin(seconds: float) -> int:
    return next(i for i, (edge, _) in enumerate(RESPONSE_BINS) if seconds < edge)


class _Moments:
    """Welford running mean and variance."""

    __slots__ = ("m2", "mean", "n")

    def __init__(self) -> None:
        self.n, self.mean, self.m2 = 0, 0.0, 0.0

    def add(self, x: float) -> None:
        self.n += 1
        d = x - self.mean
        self.mean += d / self.n
        self.m2 += d * (x - self.mean)

    @property
    def std(self) -> float:
        return math.sqrt(self.m2 / (self.n - 1)) if self.n > 1 else 0.0


@dataclass
class AgentStats:
    """Everything the report shows about one agent (turn author)."""

    name: str
    replies: int = 0
    conversations: int = 0
    overall: _Moments = field(default_factory=_Moments)
    overall_hist: list[int] = field(default_factory=lambda: [0] * 10)
    trait_sum: dict[str, float] = field(default_factory=lambda: dict.fromkeys(TRAITS, 0.0))
    trait_n: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TRAITS, 0))
    by_day: dict[str, list[float]] = field(default_factory=dict)
    commitments: Counter[str] = field(default_factory=Counter)
    focus: Counter[str] = field(default_factory=Counter)
    empathy_needed: int = 0
    empathy_missing: int = 0
    response: list[int] = field(default_factory=lambda: [0] * len(RESPONSE_BINS))
    _best: list[tuple[Any, ...]] = field(default_factory=list)
    _worst: list[tuple[Any, ...]] = field(default_factory=list)
    spellings: Counter[str] = field(default_factory=Counter)

    def spelled(self, spelling: str) -> None:
        """Count one reply written under ``spelling``; the name shown is the most
        frequent spelling (the first seen on a tie)."""
        self.spellings[spelling] += 1
        self.name = self.spellings.most_common(1)[0][0]

    def trait_means(self) -> dict[str, float | None]:
        return {
            t: (self.trait_sum[t] / self.trait_n[t] if self.trait_n[t] else None) for t in TRAITS
        }

    def best(self) -> list[Quote]:
        """The agent's highest-scoring replies, leaving out any below :data:`BEST_MIN`."""
        ranked = sorted(self._best, key=lambda x: x[:3], reverse=True)
        return [q for *_, q in ranked if q.overall is None or q.overall >= BEST_MIN]

    def worst(self) -> list[Quote]:
        """The lowest-scoring replies, leaving out one already shown as best (an agent with
        few replies would otherwise see the same reply under both headings)."""
        shown = {(q.conversation, q.turn) for q in self.best()}
        ranked = sorted(self._worst, key=lambda x: x[:3], reverse=True)
        return [q for *_, q in ranked if (q.conversation, q.turn) not in shown]

    def days(self) -> list[tuple[str, float]]:
        return [(d, s / n) for d, (s, n) in sorted(self.by_day.items())]


def author_key(name: str) -> str:
    """Who an author is: the name trimmed, runs of spaces as one, case ignored (``Kim``,
    ``kim `` and ``KIM`` are one agent, as ``practice --agent`` matches them)."""
    return " ".join(name.split()).casefold()


class AgentTable(dict[str, AgentStats]):
    """Agents by :func:`author_key`: looked up by any spelling of their name."""

    def __getitem__(self, name: str) -> AgentStats:
        return super().__getitem__(author_key(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(author_key(name))

    def get(self, name: str, default: Any = None) -> Any:
        return super().get(author_key(name), default)


class ReportAggregator:
    """Feed analysed conversations with :meth:`add`; read the aggregates afterwards."""

    def __init__(self, max_quotes: int = 3, max_moments: int = 8, seed: int = SEED) -> None:
        self.max_quotes = max_quotes
        self.conversations = 0
        self.replies = 0
        self.overall_hist = [0] * 10
        self.overall = _Moments()
        self.trait_bands: dict[str, list[int]] = {t: [0, 0, 0] for t in TRAITS}
        self.trait_sum: dict[str, float] = dict.fromkeys(TRAITS, 0.0)
        self.trait_n: dict[str, int] = dict.fromkeys(TRAITS, 0)
        self.empathy_needed = 0
        self.empathy_missing = 0
        self.agents: AgentTable = AgentTable()
        self.emotions: Counter[str] = Counter()
        self.journey: list[Counter[str]] = [Counter() for _ in range(JOURNEY_POSITIONS)]
        self.journey_sat: list[list[float]] = [[0.0, 0.0] for _ in range(JOURNEY_POSITIONS)]
        self.moment_kinds: Counter[str] = Counter()
        self.moments: Reservoir[Quote] = Reservoir(max_moments, seed)
        self.first_response: list[int] = [0] * len(RESPONSE_BINS)
        self.reply_time: list[int] = [0] * len(RESPONSE_BINS)
        self.first_sample: Reservoir[float] = Reservoir(TIME_SAMPLE, seed + 1)
        self.reply_sample: Reservoir[float] = Reservoir(TIME_SAMPLE, seed + 2)
        self.commitments: Counter[str] = Counter()
        self._tiebreak = 0

    # -- feeding --------------------------------------------------------------------------
    def add(self, result: Mapping[str, Any]) -> None:
        """Add one analysed conversation (an output-contract object)."""
        self.conversations += 1
        turns = result.get("turns", [])
        cid = str(result.get("id", ""))
        seen_agents: set[str] = set()
        cust_pos = 0
        last_customer: tuple[Mapping[str, Any], datetime | None] | None = None
        first_customer_time: datetime | None = None
        first_response_done = False
        for t in turns:
            when = _parse_time(t.get("time"))
            if "customer" in t and t.get("side", "customer") == "customer":
                self._add_customer(t, cust_pos)
                cust_pos += 1
                last_customer = (t, when)
                if first_customer_time is None:
                    first_customer_time = when
            elif "agent" in t:
                spelling = " ".join(str(t.get("author") or "").split()) or "(unknown agent)"
                name = author_key(spelling)
                stats = self.agents.get(name)
                if stats is None:
                    stats = self.agents[name] = AgentStats(spelling)
                stats.spelled(spelling)
                if name not in seen_agents:
                    seen_agents.add(name)
                    stats.conversations += 1
                self._add_agent(cid, t, stats, last_customer, when)
                if last_customer is not None and when is not None and last_customer[1] is not None:
                    dt = (when - last_customer[1]).total_seconds()
                    if dt >= 0:
                        self.reply_time[_bin(dt)] += 1
                        stats.response[_bin(dt)] += 1
                        self.reply_sample.add(dt)
                if not first_response_done and when is not None and first_customer_time is not None:
                    first_response_done = True
                    dt = (when - first_customer_time).total_seconds()
                    if dt >= 0:
                        self.first_response[_bin(dt)] += 1
                        self.first_sample.add(dt)
        for m in result.get("summary", {}).get("moments", []):
            self._add_moment(cid, turns, m)

    def _add_customer(self, t: Mapping[str, Any], pos: int) -> None:
        c = t["customer"]
        label = c.get("emotion", {}).get("label")
        p = min(pos, JOURNEY_POSITIONS - 1)
        if label:
            self.emotions[label] += 1
            self.journey[p][label] += 1
        sat = c.get("satisfaction")
        if isinstance(sat, int | float):
            self.journey_sat[p][0] += sat
            self.journey_sat[p][1] += 1

    def _add_agent(
        self,
        cid: str,
        t: Mapping[str, Any],
        stats: AgentStats,
        last_customer: tuple[Mapping[str, Any], datetime | None] | None,
        when: datetime | None,
    ) -> None:
        a = t["agent"]
        overall = a.get("overall")
        self.replies += 1
        stats.replies += 1
        if isinstance(overall, int | float):
            b = min(int(overall) // 10, 9)
            self.overall_hist[b] += 1
            stats.overall_hist[b] += 1
            self.overall.add(overall)
            stats.overall.add(overall)
            if when is not None:
                day = when.date().isoformat()
                acc = stats.by_day.setdefault(day, [0.0, 0])
                acc[0] += overall
                acc[1] += 1
        for name, tr in a.get("traits", {}).items():
            s = tr.get("score")
            if (
                name not in self.trait_sum
                or not tr.get("applicable")
                or not isinstance(s, int | float)
            ):
                continue
            self.trait_sum[name] += s
            self.trait_n[name] += 1
            stats.trait_sum[name] += s
            stats.trait_n[name] += 1
            self.trait_bands[name][0 if s < 0.4 else 1 if s < 0.7 else 2] += 1
            if name == "empathy":
                missing = s < EMPATHY_MISSING_BELOW
                self.empathy_needed += 1
                stats.empathy_needed += 1
                self.empathy_missing += missing
                stats.empathy_missing += missing
        for c in a.get("commitments", []):
            self.commitments[c.get("status", "open")] += 1
            stats.commitments[c.get("status", "open")] += 1
        coaching = a.get("coaching") or {}
        if coaching.get("focus"):
            stats.focus[coaching["focus"]] += 1
        if isinstance(overall, int | float):
            self._keep_quote(cid, t, a, stats, last_customer, overall)

    def _keep_quote(
        self,
        cid: str,
        t: Mapping[str, Any],
        a: Mapping[str, Any],
        stats: AgentStats,
        last_customer: tuple[Mapping[str, Any], datetime | None] | None,
        overall: float,
    ) -> None:
        k = self.max_quotes
        self._tiebreak += 1
        # deterministic order: score, then input order (earlier wins ties)
        best_key = (overall, -self._tiebreak)
        worst_key = (-overall, -self._tiebreak)
        # a reply whose promise was broken later is no example to follow, whatever it scored
        need_best = BROKEN_FLAG not in (a.get("flags") or ()) and (
            len(stats._best) < k or best_key > stats._best[0][:2]
        )
        need_worst = len(stats._worst) < k or worst_key > stats._worst[0][:2]
        if not (need_best or need_worst):
            return
        text = _clip(_own_words(t))
        coaching = a.get("coaching") or {}
        q = Quote(
            conversation=cid,
            turn=int(t.get("index", 0)),
            text=text,
            spans=_spans(a, len(text)),
            overall=int(overall),
            customer=_clip(_own_words(last_customer[0])) if last_customer else None,
            improve=coaching.get("improve"),
            rewrite=coaching.get("rewrite"),
        )
        for heap, key, need in (
            (stats._best, best_key, need_best),
            (stats._worst, worst_key, need_worst),
        ):
            if not need:
                continue
            item = (*key, 0, q)
            if len(heap) < k:
                heapq.heappush(heap, item)
            else:
                heapq.heapreplace(heap, item)

    def _add_moment(self, cid: str, turns: list[Any], m: Mapping[str, Any]) -> None:
        self.moment_kinds[m.get("kind", "?")] += 1
        i = m.get("turn")
        if not isinstance(i, int) or not 0 <= i < len(turns):
            return
        j = m.get("agent_turn")
        before = turns[j] if isinstance(j, int) and 0 <= j < len(turns) else None
        self.moments.add(
            Quote(
                conversation=cid,
                turn=i,
                text=_clip(_own_words(turns[i])),
                customer=_clip(_own_words(before)) if before else None,
                improve=str(m.get("detail", "")),
                label=str(m.get("kind", "")),
            )
        )

    # -- reading --------------------------------------------------------------------------
    def trait_means(self) -> dict[str, float | None]:
        return {
            t: (self.trait_sum[t] / self.trait_n[t] if self.trait_n[t] else None) for t in TRAITS
        }

    def empathy_missing_share(self) -> float | None:
        """Share of replies where empathy was needed (applicable) but missing."""
        return self.empathy_missing / self.empathy_needed if self.empathy_needed else None

    def emotion_journey(self) -> list[dict[str, float]]:
        """Per customer-turn position, the share of each emotion (positions with data only)."""
        out = []
        for c in self.journey:
            n = sum(c.values())
            if n:
                out.append({e: c[e] / n for e in EMOTIONS})
        return out

    def satisfaction_journey(self) -> list[float | None]:
        return [s / n if n else None for s, n in self.journey_sat]

    @staticmethod
    def quantile(sample: Iterable[float], q: float) -> float | None:
        xs = sorted(sample)
        if not xs:
            return None
        return xs[min(len(xs) - 1, int(q * len(xs)))]

    def agents_sorted(self) -> list[AgentStats]:
        return sorted(self.agents.values(), key=lambda s: (-s.replies, s.name))

    def themes(self, stats: AgentStats, n: int = 3) -> list[tuple[str, int]]:
        return sorted(stats.focus.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
