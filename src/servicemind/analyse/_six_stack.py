"""The six-emotion support-text stack: a multinomial logistic regression over the six
heads' logits and a few general cue families (customer model 1.6.0 on).

One linear head serves Reddit comments and support messages, and support customers show
some emotions differently: a let-down customer is quiet ("bit gutted", "I expected
better", "I've been with you for years") and the GoEmotions-trained head reads most of
them neutral. ``servicemind train customer`` fits this stack on the team's labelled
support turns as scored by six heads refitted WITHOUT their writer (writer folds), the
recipe of the hostility stack. Inputs (:func:`stack_features`): the six logits centred on
their row mean, then one 0/1 input per cue family of ``lexicons/customer_emotion.json``
(let-down, sadness, bereavement, embarrassment, expectation or loyalty, resignation, sad
emoji), then whether the turn asks a question and whether it exclaims. The probabilities
are the regression's softmax; the label is their argmax after the artefact's label
weights (``six__stack_label_weight``), chosen on the same out-of-writer scores.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["CUE_FAMILIES", "cue_matrix", "stack_features", "stack_probabilities"]

#: The cue families, in the order of the stack's inputs (keys of the lexicon file).
CUE_FAMILIES = (
    "letdown",
    "sadness",
    "bereavement",
    "embarrassment",
    "expectation",
    "resignation",
    "sad_emoji",
)
_QUESTION = re.compile(r"[?¿]")
_EXCLAIM = re.compile(r"[!¡]")


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    raw = (
        resources.files("servicemind.lexicons")
        .joinpath("customer_emotion.json")
        .read_text(encoding="utf-8")
    )
    lex: dict[str, Any] = json.loads(raw)
    return tuple(
        re.compile(r"(?i)(?<!\w)(?:" + "|".join(lex[k]) + r")(?!\w)") for k in CUE_FAMILIES
    )


def cue_matrix(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """0/1 inputs per text: each cue family, then a question mark, then an exclamation."""
    pats = _patterns()
    out = np.zeros((len(texts), len(pats) + 2))
    for i, t in enumerate(texts):
        for j, p in enumerate(pats):
            out[i, j] = p.search(t) is not None
        out[i, -2] = _QUESTION.search(t) is not None
        out[i, -1] = _EXCLAIM.search(t) is not None
    return out


def stack_features(z: npt.NDArray[Any], cues: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The stack's inputs: the six logits ``z`` centred on their row mean, then ``cues``
    (:func:`cue_matrix` of the same texts)."""
    z64 = np.asarray(z, dtype=np.float64)
    return np.hstack([z64 - z64.mean(axis=1, keepdims=True), cues])


def stack_probabilities(
    z: npt.NDArray[Any], cues: npt.NDArray[np.float64], weights: npt.NDArray[Any]
) -> npt.NDArray[np.float64]:
    """Softmax of the stack; ``weights`` is (inputs + 1) x 6, the last row the bias."""
    w = np.asarray(weights, dtype=np.float64)
    s = stack_features(z, cues) @ w[:-1] + w[-1]
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    out: npt.NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
    return out
