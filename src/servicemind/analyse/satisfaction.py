"""Turn-by-turn customer satisfaction (1..5) and the conversation's overall satisfaction.

Writes ``turns[].customer.satisfaction`` and ``summary.satisfaction`` (null when the
conversation has no customer-side turn). Three steps (docs/customer-model.md,
"Satisfaction"):

1. The text model: a linear regression on the customer turn's text and on the agent-side
   turn just before it (what the customer is reacting to), trained on the USS corpus.
2. A second stage, only when the artefact has one (``sat__stage``): a linear model of that
   prediction, the turn's six service-emotion probabilities and its hostility, as the
   ``emotion`` and ``hostility`` analysers wrote them, fitted on USS user turns. The
   trainer exports it only when it passes its adoption bar; model 1.7.0 has none (it lost
   0.0105 Spearman on SGD dialogues), so the text model's value goes on unchanged.
3. The abuse rule: a turn the hostility analyser calls hostile (at least
   :data:`~servicemind.analyse.moments.HOSTILE_MIN`) and that insults, threatens or swears
   is not a satisfied turn; its value is at most :data:`HOSTILE_CAP`.

The overall value is a linear model of the turns' mean, minimum and last value, fitted
on USS dialogue ratings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from servicemind.analyse import _customer
from servicemind.analyse.base import EMOTIONS, Analyser, Doc
from servicemind.analyse.hostility import turn_signals
from servicemind.analyse.moments import HOSTILE_MIN
from servicemind.analyse.registry import register
from servicemind.conversation import Side

__all__ = ["HOSTILE_CAP", "SatisfactionAnalyser", "cap_hostile"]

_DIGITS = 2
#: The most a hostile turn's satisfaction can be: 2, "dissatisfied" on the USS 1-5 scale
#: (1 very dissatisfied ... 3 neutral ... 5 very satisfied). A rule, not fitted: USS's
#: task dialogues hold almost no abuse (a learned weight on hostility stays small), and a
#: customer who insults or threatens is not satisfied, whatever their words ask for.
HOSTILE_CAP = 2.0


def cap_hostile(
    values: npt.ArrayLike,
    hostile: npt.ArrayLike,
    texts: Sequence[str],
    hostile_min: float = HOSTILE_MIN,
) -> npt.NDArray[np.float64]:
    """``values`` with every turn that is hostile (``hostile`` at least ``hostile_min``)
    and shows it (an insult, threat, abusive phrase or swear word: the hostility
    analyser's cue lists, :func:`~servicemind.analyse.hostility.turn_signals`) capped at
    :data:`HOSTILE_CAP`. The cue is required because the offensive-tweet model also scores
    some short friendly turns high ("how are you" 0.96): capping those would invent
    dissatisfaction."""
    v = np.asarray(values, dtype=np.float64).copy()
    h = np.asarray(hostile, dtype=np.float64)
    for i in np.flatnonzero(h >= hostile_min).tolist():
        attack, _, swears = turn_signals(texts[i])
        if attack or swears:
            v[i] = min(v[i], HOSTILE_CAP)
    return v


@register("satisfaction")
class SatisfactionAnalyser(Analyser):
    """Trained satisfaction regression over customer-side turns, its emotion-and-hostility
    second stage and the abuse cap (see module docstring)."""

    version: ClassVar[str] = "1.2"
    requires: ClassVar[tuple[str, ...]] = ("customer.emotion", "customer.hostile")
    assigns: ClassVar[tuple[str, ...]] = ("customer.satisfaction", "summary.satisfaction")

    def __init__(self) -> None:
        pass

    def annotate(self, docs: Sequence[Doc]) -> None:
        texts: list[str] = []
        previous: list[str] = []
        six: list[list[float]] = []
        hostile: list[float] = []
        for doc in docs:
            for turn, out in doc.iter_customer():
                texts.append(turn.text)
                prev = doc.get_previous(turn.index, Side.AGENT)
                previous.append(prev[0].text if prev is not None else "")
                scores = out["emotion"]["scores"]
                six.append([float(scores[e]) for e in EMOTIONS])
                hostile.append(float(out["hostile"]))
        values: Sequence[float] = []
        if texts:
            text_pred = _customer.turn_satisfaction(texts, previous)
            staged = _customer.stage_satisfaction(text_pred, six, hostile)
            values = cap_hostile(staged, hostile, texts).tolist()
        k = 0
        for doc in docs:
            turn_values: list[float] = []
            for _, out in doc.iter_customer():
                v = round(values[k], _DIGITS)
                out["satisfaction"] = v
                turn_values.append(v)
                k += 1
            doc.out["summary"]["satisfaction"] = (
                round(_customer.overall_satisfaction(turn_values), _DIGITS) if turn_values else None
            )
