"""Emotion of every customer-side turn: 28 GoEmotions probabilities and six service emotions.

Writes ``turns[].customer.emotion = {label, scores, fine, fine_labels, cues}``:

* ``fine``: calibrated probabilities of the 27 GoEmotions emotions plus neutral;
* ``fine_labels``: the fine labels whose probability reaches their per-label threshold
  (tuned on GoEmotions dev for F1), most probable first;
* ``scores`` / ``label``: the six service emotions (angry, disappointed, confused,
  anxious, grateful, neutral) from a head trained on GoEmotions mapped to the six plus
  the team's support examples (mapping and reasons in docs/customer-model.md);
* ``cues``: surface cues on the original text (shouting, "!!!", sarcasm, repeat contact,
  urgency, emoji) that the normaliser turned into features.

A clause in which the customer apologises for their own earlier words ("sorry for calling
you useless last night") is read without the words it takes back, as the hostility and
satisfaction analysers read it (``hostility.retracted``): the apology is contrition, not
a new complaint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from servicemind.analyse import _customer
from servicemind.analyse._normalise import find_cues
from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS, Analyser, Doc
from servicemind.analyse.hostility import retracted
from servicemind.analyse.registry import register

__all__ = ["EmotionAnalyser"]

_DIGITS = 4  # probabilities are rounded to this many decimals in the output


@register("emotion")
class EmotionAnalyser(Analyser):
    """Trained emotion model over customer-side turns (see module docstring).

    Parameters
    ----------
    cues:
        Also write the surface cues as evidence spans (``emotion.cues``).
    """

    version: ClassVar[str] = "1.3"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("customer.emotion",)

    def __init__(self, cues: bool = True) -> None:
        self.cues = cues

    def annotate(self, docs: Sequence[Doc]) -> None:
        items = [(t, out) for doc in docs for t, out in doc.iter_customer()]
        if not items:
            return
        # an apology for earlier words is read without the words it takes back
        texts = [retracted(t.text) for t, _ in items]
        fine, present = _customer.fine_probabilities(texts)
        six, label = _customer.service_probabilities(texts)
        fine_rounded = np.round(fine.astype(np.float64), _DIGITS).tolist()
        six_rounded = np.round(six.astype(np.float64), _DIGITS).tolist()
        for i, (turn, out) in enumerate(items):
            row = fine_rounded[i]
            order = sorted(np.flatnonzero(present[i]).tolist(), key=lambda j: -row[j])
            emotion: dict[str, Any] = {
                "label": EMOTIONS[int(label[i])],
                "scores": _six_scores(six_rounded[i]),
                "fine": dict(zip(FINE_EMOTIONS, row, strict=True)),
                "fine_labels": [FINE_EMOTIONS[j] for j in order],
            }
            if self.cues:
                emotion["cues"] = find_cues(turn.text)
            out["emotion"] = emotion


def _six_scores(vals: list[float]) -> dict[str, float]:
    """Rounded probabilities that still sum to 1 (the rounding error goes to the largest)."""
    top = max(range(len(vals)), key=vals.__getitem__)
    vals[top] = round(vals[top] + 1.0 - sum(vals), _DIGITS)
    return {name: min(1.0, max(0.0, v)) for name, v in zip(EMOTIONS, vals, strict=True)}
