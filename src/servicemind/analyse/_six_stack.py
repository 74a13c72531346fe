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
emoji; from model 1.6.7 also not understanding and worry or fear, the signals of the two
weakest classes, confused and anxious; from model 1.8.0 a polite request, a thank-you in
any of the corpus's languages, and the problem being solved, ``benchmarks/customer_six_calm.py``),
then whether the turn asks a question and whether it exclaims. From model 1.9.0 three families
join a stack input's pattern (:data:`JOINED`): an unmet hope joins let-down ("I was really
looking forward", "so much for", "je m'attendais à mieux"), a question about the process or
the charge itself joins not understanding ("which one is it", "where do I find", "does that
mean"), and a stake in the customer's own life joins worry (a flight, the rent, a job
interview, "I need it by Monday"); ``benchmarks/customer_six_weak.py``. The probabilities
are the regression's softmax; the label is their argmax after the artefact's label
weights (``six__stack_label_weight``), chosen on the same out-of-writer scores.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from servicemind.analyse._cues import LiteralIndex, Screened, anchor_literals, load_lexicon

__all__ = ["CUE_FAMILIES", "JOINED", "cue_matrix", "stack_features", "stack_probabilities"]

#: The cue families, in the order of the stack's inputs (keys of the lexicon file).
CUE_FAMILIES = (
    "letdown",
    "sadness",
    "bereavement",
    "embarrassment",
    "expectation",
    "resignation",
    "sad_emoji",
    "confusion",
    "worry",
    "calm_request",
    "thanks",
    "resolved",
)

#: Lexicon families whose phrases join a stack input's pattern (model 1.9.0 on): the
#: weak classes as new writers write them, without the explicit word
#: (``benchmarks/customer_six_weak.py``: joined, they gained more on held-out writers than
#: as inputs of their own).
JOINED = {"letdown": "unmet_hope", "confusion": "which_or", "worry": "own_deadline"}


@functools.cache
def _families() -> tuple[LiteralIndex, tuple[Screened, ...]]:
    """Each family as one pattern, compiled for lower-cased text (the lexicon is lower case;
    lower-casing once is cheaper than case-insensitive matching), behind the literals one of
    which any of its matches holds (:func:`anchor_literals`; a family with a phrase that has
    none is always searched). One literal scan of a turn (``_cues.LiteralIndex``) decides
    which families to search, instead of a whole-text search per family."""
    lex = load_lexicon("customer_emotion.json")
    index = LiteralIndex()
    families = []
    for key in CUE_FAMILIES:
        phrases = [*lex[key], *(lex[JOINED[key]] if key in JOINED else ())]
        rx = re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)")
        anchors = [anchor_literals(phrase) for phrase in phrases]
        clauses: tuple[frozenset[str], ...] = ()
        if all(a is not None for a in anchors):
            clauses = (frozenset().union(*(a for a in anchors if a is not None)),)
        families.append(Screened.on(index, rx, clauses))
    return index, tuple(families)


def cue_matrix(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """0/1 inputs per text: each cue family, then a question mark, then an exclamation."""
    index, families = _families()
    out = np.zeros((len(texts), len(families) + 2))
    for i, t in enumerate(texts):
        low = t.lower()
        found = index.found(low)
        for j, family in enumerate(families):
            out[i, j] = family.search(low, found) is not None
        out[i, -2] = "?" in t or "¿" in t
        out[i, -1] = "!" in t or "¡" in t
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
    z64 = np.asarray(z, dtype=np.float64)
    k = z64.shape[1]
    # stack_features(z, cues) @ w[:-1] + w[-1], without building the joined matrix
    s = (z64 - z64.mean(axis=1, keepdims=True)) @ w[:k] + cues @ w[k:-1] + w[-1]
    s -= s.max(axis=1, keepdims=True)
    e = np.exp(s)
    out: npt.NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
    return out
