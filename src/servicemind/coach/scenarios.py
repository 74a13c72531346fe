"""Practice scenarios: the written library, and scenarios built from real weak replies.

A scenario is a customer message with its context, what the trainee knows (``brief``), the
traits it trains and a few hints. The library ships as ``coach/data/scenarios.jsonl``::

    {"id", "title", "difficulty": 1..3, "traits": [...], "industry", "channel",
     "context": [{"role", "text"}, ...],   # ends with the message to answer
     "brief", "hints": [...], "tags": [...], "language"}

``tags`` and ``language`` are optional (``"hostile"`` in ``tags`` marks an abusive or
hostile contact, which the practice session counts for its reset suggestion).

:func:`scenarios_from_results` turns an agent's lowest-scoring replies in an ``analyze``
output file into scenarios, with personal data masked (see :mod:`servicemind.coach.redact`).
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from servicemind.analyse.base import TRAITS
from servicemind.coach._data import load
from servicemind.coach.redact import find_names, redact
from servicemind.conversation import Conversation, Role
from servicemind.errors import InputError, RecordError
from servicemind.results import iter_results_with_lines

__all__ = [
    "ASKER_ROLES",
    "ContextTurn",
    "Scenario",
    "get_scenario",
    "iter_scenario_records",
    "load_scenarios",
    "scenarios_from_results",
    "select_scenarios",
]

#: Roles whose message a trainee can be asked to answer.
ASKER_ROLES: frozenset[str] = frozenset({"customer", "colleague", "supplier"})
_REQUIRED = (
    "id",
    "title",
    "difficulty",
    "traits",
    "industry",
    "channel",
    "context",
    "brief",
    "hints",
)
_DIFFICULTIES = (1, 2, 3)

#: A reply at or above this overall score is not a weak spot worth practising
#: (the contract's 0..100 scale; 60 is the line the coaching issue uses for "weak").
WEAK_REPLY_MAX_OVERALL = 60.0
#: Hostility probability from which a real contact counts as hostile (0.5: the
#: contract's probability, read as "more likely than not").
HOSTILE_AT = 0.5
#: How many of the weakest applicable traits a scenario from results trains.
TRAITS_PER_REAL_SCENARIO = 3
#: Weak replies kept per scenario asked for, while streaming a results file.
_HEAP_SLACK = 3

_TRAIT_HINTS: dict[str, str] = {
    "empathy": "Name the customer's feeling or situation before the facts.",
    "enthusiasm": "Sound glad to help; a positive line about what you can do.",
    "ownership": "Say what you will do yourself, with 'I', not who else should.",
    "responsibility": "Own the mistake plainly when it was yours; no excuses.",
    "adaptability": "Match their words and language; drop jargon.",
    "balance": "Be fair to both sides: clear limits, real options.",
    "resiliency": "Stay calm and kind even when the tone is rough.",
    "patience": "Explain again a different way; never 'as I said'.",
    "politeness": "Greet, thank and close courteously.",
    "solution": "Give one concrete next step with a time.",
    "genuineness": "Speak as yourself; no script, no promise you can't keep.",
}


@dataclass(frozen=True, slots=True)
class ContextTurn:
    """One message of a scenario's context."""

    role: str
    text: str


@dataclass(frozen=True, slots=True)
class Scenario:
    """A practice scenario. ``source`` is ``"library"`` or ``"results"``."""

    id: str
    title: str
    difficulty: int
    traits: tuple[str, ...]
    industry: str
    channel: str
    context: tuple[ContextTurn, ...]
    brief: str
    hints: tuple[str, ...]
    tags: tuple[str, ...] = ()
    language: str = "en"
    source: str = "library"
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_hostile(self) -> bool:
        return "hostile" in self.tags or "abusive" in self.tags

    @property
    def message(self) -> ContextTurn:
        """The message the trainee answers (the last context turn)."""
        return self.context[-1]

    def to_conversation(self, reply: str, *, trainee: str | None = None) -> Conversation:
        """The context followed by ``reply`` as an agent turn, ready for a pipeline."""
        turns: list[dict[str, Any]] = [{"role": t.role, "text": t.text} for t in self.context]
        turns.append({"role": "agent", "text": reply, "author": trainee})
        return Conversation.from_turns(
            turns,
            id=f"practice-{self.id}",
            channel=self.channel,
            meta={"industry": self.industry, "scenario": self.id, "language": self.language},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "difficulty": self.difficulty,
            "traits": list(self.traits),
            "industry": self.industry,
            "channel": self.channel,
            "context": [{"role": t.role, "text": t.text} for t in self.context],
            "brief": self.brief,
            "hints": list(self.hints),
            "tags": list(self.tags),
            "language": self.language,
        }

    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any],
        *,
        file: str | None = None,
        line: int | None = None,
        source: str = "library",
    ) -> Scenario:
        """Validate one scenario record; a bad one raises :class:`RecordError` naming the field."""

        def bad(reason: str, fld: str) -> RecordError:
            return RecordError(
                reason, file=file, line=line, field=fld, hint="see coach/data/scenarios.jsonl"
            )

        if not isinstance(data, Mapping):
            raise bad("a scenario must be a JSON object", "")
        for key in _REQUIRED:
            if key not in data:
                raise bad("missing required field", key)
        for key in ("id", "title", "industry", "channel", "brief"):
            if not isinstance(data[key], str) or not data[key].strip():
                raise bad("must be a non-empty string", key)
        difficulty = data["difficulty"]
        if isinstance(difficulty, bool) or difficulty not in _DIFFICULTIES:
            raise bad(f"must be one of {list(_DIFFICULTIES)}", "difficulty")
        traits = data["traits"]
        if not isinstance(traits, list) or not traits:
            raise bad("must be a non-empty list of trait names", "traits")
        unknown = [t for t in traits if t not in TRAITS]
        if unknown:
            raise bad(f"unknown traits {unknown}; known: {list(TRAITS)}", "traits")
        context = data["context"]
        if not isinstance(context, list) or not context:
            raise bad("must be a non-empty list of {role, text}", "context")
        turns: list[ContextTurn] = []
        for i, t in enumerate(context):
            if (
                not isinstance(t, Mapping)
                or not isinstance(t.get("text"), str)
                or not t["text"].strip()
            ):
                raise bad("every turn needs a non-empty 'text'", f"context[{i}].text")
            try:
                role = Role.parse(str(t.get("role", ""))).value
            except ValueError:
                raise bad(f"unknown role {t.get('role')!r}", f"context[{i}].role") from None
            turns.append(ContextTurn(role=role, text=t["text"]))
        if turns[-1].role not in ASKER_ROLES:
            raise bad(
                "the last context turn must be the message to answer "
                f"(one of {sorted(ASKER_ROLES)})",
                "context",
            )
        for key in ("hints", "tags"):
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(h, str) and h for h in value):
                raise bad("must be a list of non-empty strings", key)
        language = data.get("language", "en")
        if not isinstance(language, str) or not language:
            raise bad("must be a language code such as 'en' or 'es'", "language")
        return cls(
            id=data["id"],
            title=data["title"],
            difficulty=int(difficulty),
            traits=tuple(traits),
            industry=data["industry"],
            channel=data["channel"],
            context=tuple(turns),
            brief=data["brief"],
            hints=tuple(data["hints"]),
            tags=tuple(data.get("tags", [])),
            language=language,
            source=source,
            meta=dict(data.get("meta") or {}),
        )


# -- the library ---------------------------------------------------------------------------


def iter_scenario_records(path: str | Path | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, record)`` from a scenarios JSONL file (default: the library)."""
    if path is None:
        text = (resources.files("servicemind") / "coach" / "data" / "scenarios.jsonl").read_text(
            encoding="utf-8"
        )
        name = "coach/data/scenarios.jsonl"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read scenarios file {path}: {exc.strerror}") from exc
        name = str(path)
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise RecordError(f"invalid JSON ({exc.msg})", file=name, line=n) from exc
        yield n, record


def load_scenarios(path: str | Path | None = None) -> list[Scenario]:
    """Load and validate every scenario; ids must be unique."""
    name = "coach/data/scenarios.jsonl" if path is None else str(path)
    out: list[Scenario] = []
    seen: set[str] = set()
    for n, record in iter_scenario_records(path):
        sc = Scenario.from_dict(record, file=name, line=n)
        if sc.id in seen:
            raise RecordError(f"duplicate scenario id {sc.id!r}", file=name, line=n, field="id")
        seen.add(sc.id)
        out.append(sc)
    return out


def get_scenario(scenarios: Iterable[Scenario], scenario_id: str) -> Scenario:
    for sc in scenarios:
        if sc.id == scenario_id:
            return sc
    raise InputError(f"no scenario with id {scenario_id!r}", hint="list them with load_scenarios()")


def select_scenarios(
    scenarios: Sequence[Scenario],
    *,
    traits: Iterable[str] | None = None,
    difficulty: int | None = None,
    tags: Iterable[str] | None = None,
    practised: Iterable[str] = (),
    count: int | None = None,
) -> list[Scenario]:
    """Filter by trait, difficulty and tag; unpractised scenarios come first, then by
    difficulty (easy first) and id, so a session is reproducible."""
    want_traits = set(traits or ())
    want_tags = set(tags or ())
    done = set(practised)
    picked = [
        s
        for s in scenarios
        if (not want_traits or want_traits & set(s.traits))
        and (difficulty is None or s.difficulty == difficulty)
        and (not want_tags or want_tags & set(s.tags))
    ]
    picked.sort(key=lambda s: (s.id in done, s.difficulty, s.id))
    return picked if count is None else picked[:count]


# -- scenarios from real weak spots ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _WeakReply:
    overall: float
    conv: Mapping[str, Any]
    index: int


def _overall(turn: Mapping[str, Any]) -> float | None:
    agent = turn.get("agent")
    if not isinstance(agent, Mapping):
        return None
    value = agent.get("overall")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _is_asker(turn: Mapping[str, Any]) -> bool:
    side = turn.get("side")
    if side is not None:
        return bool(side == "customer")
    return turn.get("role") in ASKER_ROLES


def _weakest_traits(agent: Mapping[str, Any], k: int) -> list[str]:
    traits = agent.get("traits")
    scored: list[tuple[float, str]] = []
    if isinstance(traits, Mapping):
        for name, t in traits.items():
            if name in TRAITS and isinstance(t, Mapping) and t.get("applicable") is not False:
                score = t.get("score")
                if isinstance(score, int | float) and not isinstance(score, bool):
                    scored.append((float(score), name))
    scored.sort()
    return [name for _, name in scored[:k]] or ["solution"]


def _difficulty(asker: Mapping[str, Any]) -> tuple[int, list[str]]:
    cust = asker.get("customer")
    if not isinstance(cust, Mapping):
        return 2, []
    hostile = cust.get("hostile")
    emotion = cust.get("emotion")
    label = emotion.get("label") if isinstance(emotion, Mapping) else None
    tags = [label] if isinstance(label, str) and label != "neutral" else []
    if isinstance(hostile, int | float) and hostile >= HOSTILE_AT:
        return 3, [*tags, "hostile"]
    if label == "angry":
        return 3, tags
    if label in ("disappointed", "anxious", "confused"):
        return 2, tags
    return 1, tags


def _language(asker: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """The asker's language: the turn's ``meta.lang``, else the conversation's, else English."""
    turn_meta = asker.get("meta")
    for value in (
        turn_meta.get("lang") if isinstance(turn_meta, Mapping) else None,
        meta.get("language"),
        meta.get("lang"),
    ):
        if isinstance(value, str) and value:
            return value
    return "en"


def _scenario_from_weak(weak: _WeakReply, agent_name: str) -> Scenario | None:
    turns: list[Mapping[str, Any]] = weak.conv["turns"]
    asker_at = next((j for j in range(weak.index - 1, -1, -1) if _is_asker(turns[j])), None)
    if asker_at is None:
        return None
    context_raw = [
        t
        for t in turns[: asker_at + 1]
        if t.get("role") != "system" and str(t.get("text", "")).strip()
    ]
    reply_turn = turns[weak.index]
    authors = {str(t["author"]) for t in turns if t.get("author")}
    authors.add(agent_name)
    texts = [str(t.get("text", "")) for t in context_raw] + [str(reply_turn.get("text", ""))]
    names = find_names(texts, known=authors)
    context = [
        {"role": t.get("role", "customer"), "text": redact(str(t["text"]), names=names)}
        for t in context_raw
    ]
    agent: Mapping[str, Any] = reply_turn.get("agent") or {}
    coaching = agent.get("coaching") if isinstance(agent.get("coaching"), Mapping) else {}
    assert isinstance(coaching, Mapping)
    traits = _weakest_traits(agent, TRAITS_PER_REAL_SCENARIO)
    difficulty, tags = _difficulty(turns[asker_at])
    original = redact(str(reply_turn.get("text", "")), names=names)
    improve = coaching.get("improve")
    hints = [_as_hint(improve)] if isinstance(improve, str) and improve.strip() else []
    hints += [_TRAIT_HINTS[t] for t in traits if t in _TRAIT_HINTS]
    meta = weak.conv.get("meta") if isinstance(weak.conv.get("meta"), Mapping) else {}
    assert isinstance(meta, Mapping)
    digest = hashlib.sha256(f"{weak.conv.get('id')}\x1e{weak.index}".encode()).hexdigest()[:10]
    brief = (
        f"From one of your real conversations (personal data masked). Your reply scored "
        f"{weak.overall:.0f}/100; weakest: {', '.join(traits)}. "
        f'Your original reply was: "{original}". Answer the last message again, better.'
    )
    record = {
        "id": f"real-{digest}",
        "title": f"Your weak spot: {', '.join(traits)}",
        "difficulty": difficulty,
        "traits": traits,
        "industry": str(meta.get("industry") or "unknown"),
        "channel": str(weak.conv.get("channel") or "chat"),
        "context": context,
        "brief": brief,
        "hints": hints,
        "tags": ["real", *tags],
        "language": _language(turns[asker_at], meta),
        "meta": {"original_overall": weak.overall},
    }
    return Scenario.from_dict(record, source="results")


def _as_hint(improve: str) -> str:
    """The coaching advice as a practice hint: without the closing "Nothing in this reply
    did it.", which speaks of the old reply, not of the one the trainee is writing."""
    missing = str(load("phrases")["quote_missing"])
    advice = improve.strip()
    if advice.endswith(missing) and advice != missing:
        advice = advice[: -len(missing)].rstrip()
    return advice


def scenarios_from_results(
    results_path: str | Path,
    agent: str,
    *,
    limit: int = 5,
    max_overall: float = WEAK_REPLY_MAX_OVERALL,
) -> list[Scenario]:
    """Scenarios from ``agent``'s lowest-scoring replies in an ``analyze`` output file.

    Each conversation contributes at most its weakest reply by ``agent`` (matched on
    ``turns[].author``, case-insensitive) whose ``agent.overall`` is below ``max_overall``.
    The context runs up to the asker's message the reply answered; names, emails, phone,
    order, account and card numbers and addresses are masked. Weakest first, ``limit`` at most.
    """
    path = Path(results_path)
    wanted = agent.strip().casefold()
    # a bounded max-heap of the weakest replies, so a huge results file streams through;
    # some spare room because a reply without an asker before it yields no scenario
    keep = max(limit, 1) * _HEAP_SLACK
    heap: list[tuple[float, int, _WeakReply]] = []
    authors_seen: set[str] = set()
    for n, obj in iter_results_with_lines(path):
        best: _WeakReply | None = None
        for i, turn in enumerate(obj["turns"]):
            if not isinstance(turn, Mapping):
                continue
            score = _overall(turn)
            if score is None:
                continue
            author = str(turn.get("author") or "")
            authors_seen.add(author)
            if author.strip().casefold() != wanted or score >= max_overall:
                continue
            if best is None or score < best.overall:
                best = _WeakReply(score, obj, i)
        if best is not None:
            item = (-best.overall, n, best)
            if len(heap) < keep:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    if not any(a.strip().casefold() == wanted for a in authors_seen):
        raise InputError(
            f"no analysed replies by agent {agent!r} in {path}",
            hint="check the spelling of the name as it appears in turns[].author",
        )
    weakest = [w for _, _, w in sorted(heap, key=lambda x: (-x[0], x[1]))]
    out: list[Scenario] = []
    for w in weakest:
        sc = _scenario_from_weak(w, agent)
        if sc is not None:
            out.append(sc)
        if len(out) >= limit:
            break
    return out
