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

A turn that insults or threatens (a cue of the hostility lexicon) and scores hostile is
not read neutral or grateful: that probability goes to angry (trial 21c, F4).

From analyser 1.5 (trial 22c) each turn is also read with the agent turn before it
(``_emotion_context.read_in_context``): a curt thanks after a refusal is no gratitude, a
sarcastic thanks or being passed around is angry, a deadline the wait would miss is
anxious, steps that do not match the screen are confused, a thank-you for help in any
corpus language is grateful. The rule's span goes into ``cues`` as evidence, and the new
label takes the old label's probability.

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
from servicemind.analyse._emotion_context import read_in_context
from servicemind.analyse._normalise import find_cues
from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS, Analyser, Doc
from servicemind.analyse.hostility import hostility_scores, retracted, turn_signals
from servicemind.analyse.moments import HOSTILE_MIN
from servicemind.analyse.registry import register
from servicemind.conversation import Side

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

    version: ClassVar[str] = "1.5"
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
        hostile_rows = _hostile_is_angry(texts, six, label)
        surface = [find_cues(t.text) for t, _ in items]
        context = _read_context(docs, six, label, hostile_rows, [bool(c) for c in surface])
        fine_rounded = np.round(fine.astype(np.float64), _DIGITS).tolist()
        six_rounded = np.round(six.astype(np.float64), _DIGITS).tolist()
        for i, (_, out) in enumerate(items):
            row = fine_rounded[i]
            order = sorted(np.flatnonzero(present[i]).tolist(), key=lambda j: -row[j])
            emotion: dict[str, Any] = {
                "label": EMOTIONS[int(label[i])],
                "scores": _six_scores(six_rounded[i]),
                "fine": dict(zip(FINE_EMOTIONS, row, strict=True)),
                "fine_labels": [FINE_EMOTIONS[j] for j in order],
            }
            if self.cues:
                emotion["cues"] = surface[i]
                if i in context:
                    emotion["cues"].append(context[i])
            out["emotion"] = emotion


#: The labels a hostile turn is not read as: it insults or threatens, so it is angry.
_CALM = (EMOTIONS.index("neutral"), EMOTIONS.index("grateful"))
_ANGRY = EMOTIONS.index("angry")


def _hostile_is_angry(texts: Sequence[str], six: np.ndarray, label: np.ndarray) -> set[int]:
    """In place: a turn that insults, threatens or abuses (a cue of the hostility lexicon)
    and that the hostility analyser scores hostile (at least ``HOSTILE_MIN``) but that
    reads neutral or grateful has its neutral and grateful probability moved to angry
    (trial 21c, F4: "You'd better watch your back, mate." read neutral / grateful; the
    guideline labels such a turn angry)."""
    rows = [i for i, t in enumerate(texts) if int(label[i]) in _CALM and turn_signals(t)[0]]
    if not rows:
        return set()
    hostile = hostility_scores(texts)  # the batch the hostility analyser reads next
    moved = set()
    for i in rows:
        if hostile[i] >= HOSTILE_MIN:
            six[i, _ANGRY] += sum(six[i, j] for j in _CALM)
            for j in _CALM:
                six[i, j] = 0.0
            label[i] = _ANGRY
            moved.add(i)
    return moved


def _read_context(
    docs: Sequence[Doc],
    six: np.ndarray,
    label: np.ndarray,
    skip: set[int],
    marked: Sequence[bool],
) -> dict[int, dict[str, Any]]:
    """In place: each customer turn (in the order of ``iter_customer``) read with the
    agent turn before it (:func:`~servicemind.analyse._emotion_context.read_in_context`);
    a new label takes the old label's probability. Rows in ``skip`` (read angry for
    hostility) keep theirs; ``marked``: the rows with a surface cue of feeling (capitals,
    "!!!", sarcasm), whose angry reading stays. Returns the cue (evidence span) of each row that changed."""
    cues: dict[int, dict[str, Any]] = {}
    i = 0
    for doc in docs:
        first = True
        for turn, _ in doc.iter_customer():
            before = doc.get_previous(turn.index, Side.AGENT)
            old = int(label[i])
            reading = None
            if i not in skip:
                agent = before[0].text if before else None
                reading = read_in_context(turn.text, EMOTIONS[old], agent, first, marked[i])
            if reading is not None:
                new = EMOTIONS.index(reading.label)
                six[i, new] += six[i, old]
                six[i, old] = 0.0
                label[i] = new
                cues[i] = {
                    "start": reading.start,
                    "end": reading.end,
                    "text": turn.text[reading.start : reading.end],
                    "cue": reading.cue,
                }
            first = False
            i += 1
    return cues


def _six_scores(vals: list[float]) -> dict[str, float]:
    """Rounded probabilities that still sum to 1 (the rounding error goes to the largest)."""
    top = max(range(len(vals)), key=vals.__getitem__)
    vals[top] = round(vals[top] + 1.0 - sum(vals), _DIGITS)
    return {name: min(1.0, max(0.0, v)) for name, v in zip(EMOTIONS, vals, strict=True)}
