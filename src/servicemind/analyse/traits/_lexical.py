"""Learned word evidence for the trait combination (models/traits/lexical.json.gz).

The cue lexicons are written by hand; some signal they miss is in plain word choice ("happy
to", "right away", "as stated", "per policy"). This module turns a reply and the customer
text it answers into a set of terms (lower-cased words and word pairs, prefixed ``r:`` for
the reply and ``c:`` for the customer, plus ``!`` and ``?``; apostrophes and speech-to-text
fillers dropped, see :func:`words_of`) and scores each trait with a
ridge regression over those terms, trained on the TRAIN part of the team's labelled replies
(see servicemind.training.traits). The score enters the trained combination as one feature,
``lex:<trait>``; it never replaces the rule evidence. :func:`top_terms` says which words
pushed a score up or down, for inspection.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any, cast

import numpy as np

from servicemind.errors import ModelError

__all__ = [
    "LexicalModel",
    "lexical_features",
    "load_lexical_model",
    "terms",
    "top_terms",
    "words_of",
]

_ARTEFACT = "traits/lexical.json.gz"
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|[!?]")
#: :data:`_TOKEN` on lower-cased ASCII text, where its letters are a-z (same tokens, faster)
_TOKEN_ASCII = re.compile(r"[a-z]+(?:'[a-z]+)?|[!?]")
#: Words a speech-to-text transcript adds that say nothing about the agent (hesitation
#: fillers, and the words of "[inaudible]"-style marks); dropped so that a word pair reads
#: across them (issue 5: call transcripts).
TRANSCRIPT_NOISE = frozenset(
    ["um", "umm", "uh", "uhh", "uhm", "erm", "er", "hmm", "mm", "inaudible", "crosstalk"]
)


def words_of(text: str) -> list[str]:
    """The word-model tokens of ``text``: lower-cased, apostrophes dropped ("I'll" and the
    transcript's "ill" are one word), transcript fillers left out."""
    low = text.lower()
    if "'" in low or "’" in low:
        low = low.replace("'", "").replace("’", "")
    words: list[str] = (_TOKEN_ASCII if low.isascii() else _TOKEN).findall(low)
    if not TRANSCRIPT_NOISE.isdisjoint(words):
        words = [w for w in words if w not in TRANSCRIPT_NOISE]
    return words


def _side_terms(text: str, prefix: str) -> set[str]:
    words = words_of(text)
    out = {prefix + w for w in words}
    out.update(f"{prefix}{a}_{b}" for a, b in pairwise(words))
    return out


def terms(reply: str, customer: str = "") -> set[str]:
    """The reply's and the answered customer text's word and word-pair terms."""
    return _side_terms(reply, "r:") | _side_terms(customer, "c:")


class LexicalModel:
    """Per-trait linear weights over a shared term vocabulary."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.version = str(spec.get("version", "1"))
        self.terms: list[str] = list(spec["vocab"])  # id -> term
        self.vocab: dict[str, int] = {t: i for i, t in enumerate(self.terms)}
        # per side: word -> id, and (first word, second word) -> id, so that a reply's words
        # and word pairs are looked up without building term strings
        self._uni: dict[str, dict[str, int]] = {"r:": {}, "c:": {}}
        self._pairs: dict[str, dict[tuple[str, str], int]] = {"r:": {}, "c:": {}}
        for term, i in self.vocab.items():
            side, body = term[:2], term[2:]
            if side not in self._uni:
                continue
            a, sep, b = body.partition("_")
            if sep and b:
                self._pairs[side][(a, b)] = i
            else:
                self._uni[side][body] = i
        self.traits: list[str] = list(spec["traits"])
        #: the ``lex:<trait>`` feature name of each trait, in order
        self.feature_names: tuple[str, ...] = tuple(f"lex:{t}" for t in self.traits)
        self.weights = np.asarray(spec["weights"], dtype=np.float64).reshape(
            len(self.vocab), len(self.traits)
        )
        self.intercepts = np.asarray(spec["intercepts"], dtype=np.float64)

    def reply_ids(self) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
        """The vocabulary ids of the reply side's words and word pairs (read-only)."""
        return self._uni["r:"], self._pairs["r:"]

    def indices(self, reply: str, customer: str = "") -> list[int]:
        """Sorted vocabulary ids of the terms present (the same set as :func:`terms`)."""
        found: set[int | None] = set()
        for side, text in (("r:", reply), ("c:", customer)):
            if not text:
                continue
            words = words_of(text)
            # every word and word pair looked up in C (a set of ids: repeats add nothing);
            # misses add None, dropped below
            found.update(map(self._uni[side].get, words))
            found.update(map(self._pairs[side].get, pairwise(words)))
        found.discard(None)
        return sorted(cast("set[int]", found))

    def scores(self, reply: str, customer: str = "") -> dict[str, float]:
        return dict(zip(self.traits, self._z(reply, customer), strict=True))

    def _z(self, reply: str, customer: str) -> list[float]:
        idx = self.indices(reply, customer)
        # (np.add.reduce is what ndarray.sum runs, without its Python-level wrapper)
        z = self.intercepts + (np.add.reduce(self.weights[idx], axis=0) if idx else 0.0)
        out: list[float] = z.tolist()
        return out


@cache
def load_lexical_model() -> LexicalModel | None:
    """The trained word model, or ``None`` when no artefact ships."""
    ref = resources.files("servicemind.models").joinpath(_ARTEFACT)
    if not ref.is_file():
        return None
    try:
        spec = json.loads(gzip.decompress(ref.read_bytes()).decode("utf-8"))
        return LexicalModel(spec)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"trait word model cannot be read: {exc}",
            hint="run `servicemind train traits` to rebuild it",
        ) from exc


def lexical_features(reply: str, customer: str = "") -> dict[str, float]:
    """``{"lex:<trait>": score}`` for the trained combination; empty without the artefact."""
    model = load_lexical_model()
    if model is None:
        return {}
    return dict(zip(model.feature_names, model._z(reply, customer), strict=True))


def top_terms(trait: str, reply: str, customer: str = "", k: int = 5) -> list[tuple[str, float]]:
    """The ``k`` terms of this reply that moved ``trait``'s word score most, with weights."""
    model = load_lexical_model()
    if model is None or trait not in model.traits:
        return []
    col = model.traits.index(trait)
    idx = model.indices(reply, customer)
    found = [(model.terms[i], float(model.weights[i, col])) for i in idx]
    return sorted(found, key=lambda tw: -abs(tw[1]))[:k]
