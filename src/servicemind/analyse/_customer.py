"""The customer-side text model: every head the customer analysers read, in one place.

One shared vectoriser (word 1–2 grams + char_wb 2–5 grams over normalised text) feeds:

* ``fine``: 28 one-vs-rest GoEmotions heads, Platt-calibrated on dev, per-label thresholds;
  on a turn the normaliser marked as sarcastic praise the positive labels' probability
  moves to annoyance (:func:`fine_probabilities`);
* ``six``: six one-vs-rest heads over the service emotions read as a softmax,
  temperature-calibrated; from model 1.6.0 read through the support-text stack
  (:mod:`servicemind.analyse._six_stack`);
* ``hostile``: offensive-or-hate vs neither, Platt-calibrated;
* ``sat_user`` / ``sat_agent``: a linear regression of the turn's 1–5 satisfaction on the
  customer turn and on the agent turn before it; from model 1.7.0 a second stage
  (``sat__stage``, :func:`stage_satisfaction`) combines it with the turn's six emotion
  probabilities and hostility.

The emotion, hostility and satisfaction analysers call these functions on the same batch
of texts; the model memoises the last batch's features, so the texts are normalised and
vectorised once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from servicemind.analyse._cues import load_lexicon
from servicemind.analyse._normalise import lead_clause, normalise
from servicemind.analyse._six_stack import cue_matrix, stack_probabilities
from servicemind.analyse._textmodel import F32, TextModel, load_text_model, sigmoid
from servicemind.analyse.base import FINE_EMOTIONS

__all__ = [
    "MODEL_PACKAGE",
    "fine_probabilities",
    "get_model",
    "gloss_thanks",
    "hostile_probability",
    "hostile_stack",
    "normalised",
    "overall_satisfaction",
    "service_probabilities",
    "stage_satisfaction",
    "turn_satisfaction",
]

MODEL_PACKAGE = "servicemind.models.customer"
#: The normaliser's marker of sarcastic praise ("great, another delay").
SARCASM_MARKER = "sarcasmcue"
#: The fine labels a sarcastic compliment reads as when taken literally. GoEmotions'
#: annotators labelled the literal reading too ("Great, another article from a guy who
#: ..." is admiration in train), so the fine heads cannot learn the sarcasm from it.
SARCASM_FROM = (
    "admiration",
    "amusement",
    "approval",
    "excitement",
    "gratitude",
    "joy",
    "love",
    "optimism",
    "pride",
    "relief",
)
#: What the customer expresses instead: annoyance, GoEmotions' everyday form of anger.
SARCASM_TO = "annoyance"
#: Share of each literal positive probability kept on a sarcastic turn (the rest moves).
SARCASM_KEEP = 0.1
#: The least probability annoyance gets on a sarcastic turn: more likely than not. The
#: normaliser's rule only fires on praise followed by a complaint marker in the same
#: sentence, so the turn is a complaint; this is a rule value, not fitted.
SARCASM_TO_MIN = 0.5
_last_norm: tuple[tuple[bool, tuple[str, ...]], tuple[str, ...]] | None = None


def get_model() -> TextModel:
    """The customer text model (loaded once per process)."""
    return load_text_model(MODEL_PACKAGE)


def normalised(texts: Sequence[str], lead: bool = True) -> tuple[str, ...]:
    """``normalise`` over a batch, memoised for the last batch. With ``lead`` (customer
    text), a thank-you that a contrast follows is dropped first
    (``_normalise.lead_clause``): the clause after the contrast leads; then a thank-you in
    another corpus language is glossed as "thank you" (:func:`gloss_thanks`)."""
    global _last_norm
    key = (lead, tuple(texts))
    if _last_norm is not None and _last_norm[0] == key:
        return _last_norm[1]
    out = tuple(normalise(gloss_thanks(lead_clause(t)) if lead else t) for t in key[1])
    _last_norm = (key, out)
    return out


#: Every ``thanks_gloss`` form holds one of these (lower case): a screen before the pass.
_GLOSS_HINTS = ("gracias", "merci", "dank", "obrigad", "grazie", "dzi", "ekk")


@functools.cache
def _thanks_gloss() -> re.Pattern[str]:
    words = load_lexicon("customer_emotion.json")["thanks_gloss"]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def gloss_thanks(text: str) -> str:
    """``text`` with a thank-you in Spanish, French, German, Portuguese, Italian, Dutch,
    Polish or Turkish (``thanks_gloss`` of ``lexicons/customer_emotion.json``) written as
    "thank you": the heads learned gratitude from English comments, so "Perfetto, grazie
    mille!" read neutral (trial 20, F17). At analysis time only, like ``lead_clause``."""
    low = text.lower()
    if not any(map(low.__contains__, _GLOSS_HINTS)):
        return text  # most turns: no foreign thank-you, no regex pass
    return _thanks_gloss().sub("thank you", text)


def fine_probabilities(texts: Sequence[str]) -> tuple[F32, np.ndarray]:
    """Calibrated probabilities (n × 28) and the decided-present mask (n × 28).

    On turns the normaliser marked as sarcastic praise, the literal positive labels
    (:data:`SARCASM_FROM`) keep :data:`SARCASM_KEEP` of their probability and are not
    listed; the removed mass goes to :data:`SARCASM_TO`, which gets at least
    :data:`SARCASM_TO_MIN`.
    """
    m = get_model()
    norm = normalised(texts)
    z = m.decision(norm, "fine")
    p = sigmoid(z * m.array("fine__cal_a") + m.array("fine__cal_b"))
    present = p >= m.array("fine__threshold")
    rows = [i for i, t in enumerate(norm) if SARCASM_MARKER in t]
    if rows:
        _move_sarcasm(p, present, np.asarray(rows), m.array("fine__threshold"))
    return p, present


def _move_sarcasm(p: F32, present: np.ndarray, rows: np.ndarray, thr: np.ndarray) -> None:
    """Move the literal positive readings of sarcastic rows to annoyance (in place)."""
    src = np.array([FINE_EMOTIONS.index(f) for f in SARCASM_FROM])
    dst = FINE_EMOTIONS.index(SARCASM_TO)
    sub = p[np.ix_(rows, src)]
    moved = sub * (1.0 - SARCASM_KEEP)
    p[np.ix_(rows, src)] = sub - moved
    # annoyance as the union of its own reading and the strongest literal one moved
    gain = moved.max(axis=1)
    p[rows, dst] = np.maximum(1.0 - (1.0 - p[rows, dst]) * (1.0 - gain), SARCASM_TO_MIN)
    present[np.ix_(rows, src)] = False
    present[rows, dst] = p[rows, dst] >= thr[dst]


def service_probabilities(
    texts: Sequence[str], model: TextModel | None = None
) -> tuple[F32, np.ndarray]:
    """Calibrated probabilities of the six service emotions (n × 6) and the label index.

    The label is the argmax after dividing by the training prior raised to a power tuned
    on dev for macro-F1 (``six__label_weight``), so rare emotions are not swamped by
    neutral; the probabilities themselves stay calibrated. With an artefact that has the
    support-text stack (``six__stack``, model 1.6.0 on), the probabilities and label are
    the stack's (:mod:`servicemind.analyse._six_stack`). ``model``: another artefact than
    the package's (the trainer's freshly written one).
    """
    m = model or get_model()
    raw = m.decision(normalised(texts), "six")
    stack = m.arrays.get("six__stack")
    if stack is not None:
        ps = stack_probabilities(raw, cue_matrix([lead_clause(t) for t in texts]), stack)
        stacked: F32 = ps.astype(np.float32)
        return stacked, np.argmax(ps * m.array("six__stack_label_weight"), axis=1)
    z = raw / m.array("six__temperature")
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    p: F32 = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    label = np.argmax(p * m.array("six__label_weight"), axis=1)
    return p, label


def hostile_probability(texts: Sequence[str], model: TextModel | None = None) -> F32:
    """Calibrated probability (n,) that each text is offensive or hateful (the offensive
    tweets' Platt scaling; before the hostility analyser's support-text stack and gate)."""
    m = model or get_model()
    z = m.decision(normalised(texts), "hostile")[:, 0]
    return sigmoid(z * m.array("hostile__cal_a")[0] + m.array("hostile__cal_b")[0])


def hostile_stack(model: TextModel | None = None) -> npt.NDArray[np.float64] | None:
    """The support-text stack of the hostility analyser (weight of the model's logit,
    weight of an insult/threat/abuse cue, bias), or None for an artefact without one."""
    arrays = (model or get_model()).arrays
    stack = arrays.get("hostile__stack")
    return None if stack is None else np.asarray(stack, dtype=np.float64)


def turn_satisfaction(texts: Sequence[str], previous_agent: Sequence[str]) -> F32:
    """Predicted 1..5 satisfaction of each customer turn given the agent turn before it
    (an empty string when none)."""
    m = get_model()
    u = m.decision(normalised(texts), "sat_user")[:, 0]
    a = m.decision(normalised(previous_agent, lead=False), "sat_agent")[:, 0]
    out: F32 = np.clip(u + a, 1.0, 5.0).astype(np.float32)
    return out


def stage_satisfaction(
    text: npt.ArrayLike,
    six: npt.ArrayLike,
    hostile: npt.ArrayLike,
    weights: npt.NDArray[Any] | None = None,
) -> npt.NDArray[np.float64]:
    """The second stage of turn satisfaction (model 1.7.0 on): a linear model of the text
    model's prediction ``text`` (n,), the six service-emotion probabilities ``six``
    (n × 6, in EMOTIONS order) and the hostility ``hostile`` (n,), clipped to 1..5.
    ``weights``: ``[bias, text, six..., hostile]`` (default the artefact's
    ``sat__stage``); an artefact without one returns ``text`` unchanged."""
    t = np.asarray(text, dtype=np.float64)
    w = get_model().arrays.get("sat__stage") if weights is None else weights
    if w is None:
        return t
    w64 = np.asarray(w, dtype=np.float64)
    x = np.column_stack([t, np.asarray(six, dtype=np.float64), np.asarray(hostile, np.float64)])
    out: npt.NDArray[np.float64] = np.clip(w64[0] + x @ w64[1:], 1.0, 5.0)
    return out


def overall_satisfaction(turns: Sequence[float]) -> float:
    """The conversation's 1..5 satisfaction from its turns' predictions: a linear model of
    their mean, minimum and last value fitted on USS dialogue ratings."""
    coef = get_model().array("sat__overall_coef")
    x = np.asarray(turns, dtype=np.float64)
    value = coef[0] + coef[1] * x.mean() + coef[2] * x.min() + coef[3] * x[-1]
    return float(np.clip(value, 1.0, 5.0))
