"""Moments of truth: the customer turns where the conversation turned.

Reads the customer-side emotion, hostility and satisfaction and writes
``summary.moments``, in turn order. Each moment names the agent-side turn that came just
before it (``agent_turn``): the reply the customer's message followed. That is where a
reviewer starts reading, not a finding that the reply caused the change: a complaint
about three weeks of waiting can follow "Anything else?". The details say "followed
agent turn N" for that reason.

* ``satisfaction_drop`` / ``satisfaction_rise``: the turn's satisfaction moved by at
  least :data:`SATISFACTION_STEP` from the previous customer turn;
* ``emotion_negative``: the service emotion became angry, disappointed or anxious
  (confusion is not counted: it asks for an explanation, not repair) from a non-negative
  one ("the customer turned angry");
* ``opening``: the first customer turn is already negative ("the customer opened
  angry"). Up to moments 1.3 this was an ``emotion_negative`` moment; it is the state the
  conversation started in, not a turn in it (trial 20, F14), so from moments 1.4 it has
  its own kind: a reviewer who wants the turns where the conversation turned leaves it out;
* ``emotion_recovery``: it went from negative to grateful or neutral, or a negative-read
  turn says the problem is over or the customer is relieved ("that's a relief", "fixed
  it": ``_turn_context.relieved``; "went from angry to relieved") or apologises for
  earlier words ("sorry for calling you ...": ``hostility.retracted_spans``; "went from
  angry to apologetic"), which is then no ``emotion_negative`` moment (trial 20, F4, F6);
* ``hostility``: the turn's hostility crossed :data:`HOSTILE_MIN` (first crossing, or
  again after a calm turn);
* ``churn_intent``: the customer says they will leave ("cancel my contract", "I'm
  switching to ...", "I'll take my business elsewhere"), and ``escalation_threat``: they
  will take it higher (a manager, a formal complaint, the ombudsman, a lawyer, a review).
  Both are read from the wording (``lexicons/customer_moments.json``), whatever the
  emotion was before, so an already angry customer who cancels still makes a moment; each
  fires on the first turn that says it, or again after a turn that did not;
* From moments 1.4 (trial 20, F5, F14): a rise (``satisfaction_rise``,
  ``emotion_recovery``) is measured against the customer's level before a capped turn (a
  hostile turn or one that says they will leave or take it higher: the satisfaction
  analyser caps those, so any next turn would "rise" from the cap; from moments 1.5 a
  cancellation request said calmly is not capped there either, :func:`leaves_unhappy`),
  and is no moment when
  the turn itself still complains, asks again, chases, threatens or is hostile
  (``_turn_context``). A bare acknowledgement or the data the agent asked for ("ok
  thanks", "it's 4471") makes no emotion moment and does not change the emotion the next
  turn is compared with;
* From moments 1.6 (trial 22c, F5): a bare acknowledgement or data ("DM'd.", "ok
  thanks") makes no ``satisfaction_rise`` either: after a turn the satisfaction analyser
  caps (a complaint, a repeated failure) its plain value would read as a rise;
* ``lowest_point``: the customer turn with the conversation's lowest satisfaction, when
  it lies at least :data:`SATISFACTION_STEP` below the highest customer turn (a flat
  conversation has no low point worth naming).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, ClassVar

from servicemind.analyse import _turn_context
from servicemind.analyse._cues import load_lexicon
from servicemind.analyse.base import Analyser, Doc
from servicemind.analyse.hostility import retracted_spans
from servicemind.analyse.registry import register
from servicemind.conversation import Side

__all__ = [
    "HOSTILE_MIN",
    "NEGATIVE",
    "SATISFACTION_STEP",
    "STATED",
    "MomentsAnalyser",
    "leaves_unhappy",
    "stated",
]

#: A move of half a point on the 1..5 scale. USS turn ratings (mean of the annotators)
#: cluster at 3 with a standard deviation of about 0.36; the turn model's predictions are
#: stretched to the same spread (about 2.1-4.1, 1st-99th percentile, on USS in CV), so
#: half a point is a change of well over one deviation (it was 0.25 when the unstretched
#: predictions had a deviation of 0.165: the same 1.4-1.5 deviations).
SATISFACTION_STEP = 0.5
#: Hostility probability above which a turn is a hostility moment (more likely than not).
HOSTILE_MIN = 0.5
NEGATIVE = frozenset({"angry", "disappointed", "anxious"})
#: The moments read from the wording: kind -> (lexicon key, what the customer said).
STATED = {
    "churn_intent": ("churn", "said they would leave"),
    "escalation_threat": ("escalation", "said they would take it higher"),
}


def stated(text: str) -> dict[str, str]:
    """The stated kinds (:data:`STATED`) whose wording ``text`` holds, with the first
    matching span of ``text`` (kinds not stated are absent). A cancellation in a turn that
    says the customer moves abroad or has died (``churn_exempt``) is not churn."""
    return dict(_stated(text))


@functools.lru_cache(maxsize=4096)
def _stated(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`stated` as pairs, memoised: the satisfaction and moments analysers both ask
    about the same turns."""
    low = text.lower()
    out: dict[str, str] = {}
    for kind, (key, _) in STATED.items():
        if kind == "churn_intent" and _turn_context.says_at("churn_exempt", low):
            continue  # moving away or a death: the agent cannot keep this customer
        m = _turn_context.says_at(key, low)
        if m is not None:
            # lower-casing keeps the offsets unless a character changed length
            out[kind] = text[m.start() : m.end()] if len(low) == len(text) else m.group(0)
    return tuple(out.items())


#: Emotions of a calm turn: a cancellation request said calmly is no dissatisfaction.
_CALM = ("neutral", "grateful")


def leaves_unhappy(text: str, label: str | None) -> bool:
    """Whether the turn says the customer will take it higher, or will leave and is not
    calm about it (from analyser 1.4: a cancellation request read ``neutral`` or
    ``grateful`` that does not complain, "Please cancel my subscription at the end of the
    month. Thanks.", is a request, not dissatisfaction; trial 21c, F6. Leaving for
    elsewhere, "Moving my money elsewhere.", is dissatisfaction however calm)."""
    said = stated(text)
    if "escalation_threat" in said:
        return True
    if "churn_intent" not in said:
        return False
    calm = label in _CALM and not _turn_context.complains(text)
    return not (calm and _cancel_request().search(said["churn_intent"].lower()))


@functools.cache
def _cancel_request() -> re.Pattern[str]:
    """A churn span that asks for a cancellation (``cancel_request`` of
    ``lexicons/customer_moments.json``), not one that leaves for elsewhere."""
    return re.compile("|".join(load_lexicon("customer_moments.json")["cancel_request"]))


@register("moments")
class MomentsAnalyser(Analyser):
    """Rules over the customer-side fields (see module docstring).

    Parameters
    ----------
    satisfaction_step:
        Minimum change in turn satisfaction that makes a drop or rise moment.
    hostile_min:
        Hostility at or above which a turn is a hostility moment.
    """

    version: ClassVar[str] = "1.6"
    requires: ClassVar[tuple[str, ...]] = (
        "customer.emotion",
        "customer.hostile",
        "customer.satisfaction",
    )
    assigns: ClassVar[tuple[str, ...]] = ("summary.moments",)

    def __init__(
        self, satisfaction_step: float = SATISFACTION_STEP, hostile_min: float = HOSTILE_MIN
    ) -> None:
        self.satisfaction_step = satisfaction_step
        self.hostile_min = hostile_min

    def annotate(self, docs: Sequence[Doc]) -> None:
        for doc in docs:
            doc.out["summary"]["moments"] = self.find_moments(doc)

    def find_moments(self, doc: Doc) -> list[dict[str, Any]]:
        """The moments of one analysed doc (customer fields must already be filled)."""
        moments: list[dict[str, Any]] = []
        prev_sat: float | None = None
        level: float | None = None  # the last satisfaction of a turn that was not capped
        prev_capped = False
        prev_label: str | None = None
        prev_hostile = False
        prev_stated: dict[str, str] = {}
        earlier: list[str] = []
        previous_time: str | None = None
        lows: list[tuple[float, int, int | None]] = []
        for turn, out in doc.iter_customer():
            agent = doc.get_previous(turn.index, Side.AGENT)
            agent_turn = agent[0].index if agent is not None else None
            if agent is not None:
                previous_time = agent[0].time or previous_time

            def add(
                kind: str,
                detail: str,
                delta: float | None,
                turn_index: int = turn.index,
                agent_index: int | None = agent_turn,
            ) -> None:
                moments.append(
                    {
                        "turn": turn_index,
                        "kind": kind,
                        "detail": detail,
                        "agent_turn": agent_index,
                        "delta": delta,
                    }
                )

            hostile = float(out.get("hostile", 0.0)) >= self.hostile_min
            said = stated(turn.text)
            # as the satisfaction analyser caps: a calm cancellation request is not capped
            capped = hostile or leaves_unhappy(turn.text, (out.get("emotion") or {}).get("label"))
            # a turn that still complains, asks again or threatens is no recovery (read
            # only when a rise or recovery is in question)
            still_bad = functools.partial(
                _still_bad, capped, turn.text, tuple(earlier), turn.time, previous_time
            )
            sat = out.get("satisfaction")
            if isinstance(sat, int | float) and prev_sat is not None:
                delta = round(float(sat) - prev_sat, 2)
                base = level if prev_capped else prev_sat
                rise = round(float(sat) - base, 2) if base is not None else 0.0
                if delta <= -self.satisfaction_step:
                    add(
                        "satisfaction_drop",
                        f"satisfaction fell from {prev_sat:.1f} to {sat:.1f}{_followed(agent_turn)}",
                        delta,
                    )
                elif (
                    rise >= self.satisfaction_step
                    and base is not None
                    and not _turn_context.bare_reply(turn.text)
                    and not still_bad()
                ):
                    add(
                        "satisfaction_rise",
                        f"satisfaction rose from {base:.1f} to {sat:.1f}{_followed(agent_turn)}",
                        rise,
                    )
            emotion = out.get("emotion") or {}
            label = emotion.get("label")
            score = float(emotion.get("scores", {}).get(label, 0.0)) if label else 0.0
            if label and _turn_context.bare_reply(turn.text):
                # an acknowledgement or data makes no emotion moment, and the next turn is
                # compared with the emotion before it (if there was one)
                label = label if prev_label is None else None
            elif label in NEGATIVE and (now := _better(turn.text)):
                if prev_label in NEGATIVE and not still_bad():
                    add(
                        "emotion_recovery",
                        f"the customer went from {prev_label} to {now} (read {label} "
                        f"{score:.2f}){_followed(agent_turn)}",
                        None,
                    )
                label = now
            elif label in NEGATIVE and (prev_label is None or prev_label not in NEGATIVE):
                if prev_label is None and not lows:
                    add("opening", f"the customer opened {label} ({score:.2f})", None)
                else:
                    was = f" (was {prev_label})" if prev_label else ""
                    add(
                        "emotion_negative",
                        f"the customer turned {label} ({score:.2f}){was}{_followed(agent_turn)}",
                        None,
                    )
            elif label in ("grateful", "neutral") and prev_label in NEGATIVE and not still_bad():
                add(
                    "emotion_recovery",
                    f"the customer went from {prev_label} to {label} "
                    f"({score:.2f}){_followed(agent_turn)}",
                    None,
                )
            if hostile and not prev_hostile:
                add(
                    "hostility",
                    f"hostile message (p={float(out['hostile']):.2f}){_followed(agent_turn)}",
                    None,
                )
            prev_hostile = hostile
            for kind, span in said.items():
                if kind not in prev_stated:
                    add(
                        kind,
                        f"the customer {STATED[kind][1]}: “{span}”{_followed(agent_turn)}",
                        None,
                    )
            prev_stated = said
            if isinstance(sat, int | float):
                prev_sat = float(sat)
                if not capped:
                    level = prev_sat
                prev_capped = capped
                lows.append((float(sat), turn.index, agent_turn))
            if label:
                prev_label = str(label)
            earlier.append(turn.text)
            previous_time = turn.time
        if lows:
            low = min(lows, key=lambda x: x[0])  # the first of equal lows
            high = max(x[0] for x in lows)
            if high - low[0] >= self.satisfaction_step:
                moments.append(
                    {
                        "turn": low[1],
                        "kind": "lowest_point",
                        "detail": f"lowest satisfaction of the conversation ({low[0]:.1f}; "
                        f"highest {high:.1f}){_followed(low[2])}",
                        "agent_turn": low[2],
                        "delta": round(low[0] - high, 2),
                    }
                )
                moments.sort(key=lambda m: m["turn"])  # stable: same-turn order kept
        for m in moments:
            if m["delta"] is None:
                del m["delta"]
        return moments


def _still_bad(
    capped: bool, text: str, earlier: tuple[str, ...], time: str | None, previous: str | None
) -> bool:
    """Whether a turn still complains, asks again, chases or was capped (threat, abuse)."""
    return (
        capped
        or _turn_context.complains(text)
        or _turn_context.asks_again(text, earlier)
        or _turn_context.chases(text, time, previous)
    )


def _better(text: str) -> str:
    """What a negative-read turn says that makes it no turn for the worse: "relieved" (the
    problem is over), "apologetic" (the customer takes back earlier words: an apology for
    an insult is a recovery, trial 20 F4), or "" (neither)."""
    if _turn_context.relieved(text):
        return "relieved"
    return "apologetic" if retracted_spans(text) else ""


def _followed(agent_turn: int | None) -> str:
    """Where the message came: it followed that agent turn (which need not be the cause)."""
    return f" (followed agent turn {agent_turn})" if agent_turn is not None else ""
