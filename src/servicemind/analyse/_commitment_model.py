"""A trained sentence check beside the commitment rules: veto a rule span, add a missed one.

A gold commitment span lies inside one sentence, and a predicted span that covers the whole
sentence matches it (spans match when they overlap by half of the shorter one), so finding
commitments is close to classifying the reply's sentences: "does this sentence hold a
promise by the agent's side?". A logistic regression, trained on the team corpus
(``servicemind train commitments``), gives that probability from the sentence's words and
word pairs, its first words, and what the rules decided about it. Then:

* a sentence holding rule spans whose probability is below ``veto`` loses them;
* a sentence without a rule span whose probability is at least ``add`` becomes one
  commitment (the whole sentence), marked ``source="model"`` with its probability.

Only sentences with a cheap signal are scored (a rule span, a due phrase, or a word of
``SIGNAL`` such as a modal or a future marker); the others cannot be added and keep no span.

The artefact is package data under ``servicemind/models/commitments/``: ``model.json.gz``
(``{"terms": [...], "weights": [...], "bias", "veto", "add", ...}``) and ``MODEL_CARD.md``.
It is read once per process; a missing artefact raises ``ModelError``.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path

from servicemind.errors import ModelError

__all__ = [
    "PACKAGE",
    "Sentence",
    "SentenceModel",
    "decide",
    "load_sentence_model",
    "read_sentence_model",
    "scored_sentences",
    "sentence_features",
    "sentence_spans",
]

PACKAGE = "servicemind.models.commitments"
_BOUNDARY = re.compile(r"[.!?;]+(?=\s|$)|\n")
_TOKEN = re.compile(r"\d[\d:.,/]*|[^\W\d_]+(?:'[^\W\d_]+)*")
#: Words that make a sentence worth scoring when no rule span and no due phrase is in it:
#: modals and future markers in the corpus languages (a sentence without any of them was
#: gold in under 1% of the train sentences the rules left alone; see the model card).
SIGNAL = re.compile(
    r"\b(?:will|won't|shall|should|going|gonna|'ll|is|are|am|be|been|being|get|gets|"
    r"va|vai|vamos|vou|voy|vais|van|vont|vais|sera|será|serão|irá|werden|wird|werde|"
    r"dovrebbe|devrait|debería|deveria|sollte|verrà|arriverà)\b|'ll\b|'re\b|'m\b",
    re.IGNORECASE,
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The reply's sentences (cut after ``.!?;`` before a space, and at new lines) as
    ``(start, end)`` offsets without the surrounding spaces; empty ones are left out."""
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        _add(text, pos, m.end(), out)
        pos = m.end()
    if pos < n:
        _add(text, pos, n, out)
    return out


def _add(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def sentence_features(
    sentence: str, n_rule: int, rule_due: bool, due: bool, first: bool, question_next: bool
) -> list[str]:
    """The feature names of one sentence (with repeats: the model counts them).

    ``sentence`` is the sentence's text; ``n_rule`` how many rule spans start in it and
    ``rule_due`` whether one of them has a due phrase; ``due`` whether a due phrase is in
    the sentence; ``first`` whether it is the reply's first sentence; ``question_next``
    whether the next sentence ends with a question mark (an offer's go-ahead question).
    """
    toks = [
        "0" if t[0].isdigit() else t for t in _TOKEN.findall(sentence.lower().replace("’", "'"))
    ]
    feats = toks + [f"{a} {b}" for a, b in pairwise(toks)]
    if toks:
        feats.append("^" + toks[0])
        if len(toks) > 1:
            feats.append(f"^{toks[0]} {toks[1]}")
    feats.append("R:0" if n_rule == 0 else ("R:1" if n_rule == 1 else "R:2"))
    if rule_due:
        feats.append("R:due")
    if due:
        feats.append("D:due")
    if first:
        feats.append("P:first")
    if question_next:
        feats.append("P:qnext")
    if sentence.endswith("?"):
        feats.append("P:q")
    return feats


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence worth scoring: its offsets, the rule spans starting in it (their indices
    in the rules' list) and its features."""

    start: int
    end: int
    rules: tuple[int, ...]
    features: list[str]


def scored_sentences(
    text: str, rule_spans: Sequence[tuple[int, int, bool]], due_re: re.Pattern[str]
) -> list[Sentence]:
    """The sentences of ``text`` the model scores, with their features.

    ``rule_spans`` are the rules' ``(start, end, has a due phrase)``; ``due_re`` the due
    phrase list (case-insensitive). A sentence is scored when a rule span starts in it or
    it holds a due phrase or a ``SIGNAL`` word: the others are left as the rules left them.
    """
    sents = sentence_spans(text)
    out: list[Sentence] = []
    k = 0
    for i, (s, e) in enumerate(sents):
        mine: list[int] = []
        while k < len(rule_spans) and rule_spans[k][0] < e:
            if rule_spans[k][0] >= s:
                mine.append(k)
            k += 1
        due = due_re.search(text, s, e) is not None
        if not mine and not due and SIGNAL.search(text, s, e) is None:
            continue
        nxt = sents[i + 1] if i + 1 < len(sents) else None
        feats = sentence_features(
            text[s:e],
            len(mine),
            any(rule_spans[j][2] for j in mine),
            due,
            i == 0,
            nxt is not None and text[nxt[1] - 1] == "?",
        )
        out.append(Sentence(s, e, tuple(mine), feats))
    return out


def decide(
    sentences: Sequence[Sentence], model: SentenceModel
) -> tuple[set[int], list[tuple[int, int, float]]]:
    """The rule spans to drop (indices) and the sentences to add ``(start, end, p)``."""
    veto: set[int] = set()
    add: list[tuple[int, int, float]] = []
    for sent in sentences:
        p = model.probability(sent.features)
        if sent.rules:
            if p < model.veto:
                veto.update(sent.rules)
        elif p >= model.add:
            add.append((sent.start, sent.end, p))
    return veto, add


@dataclass(frozen=True)
class SentenceModel:
    """The fitted weights as a term → weight map, with the bias and the two thresholds."""

    weights: dict[str, float]
    bias: float
    veto: float
    add: float
    version: str

    def probability(self, feats: Sequence[str]) -> float:
        """The model's probability that a sentence with these features holds a promise."""
        get = self.weights.get
        z = self.bias + sum(get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def _parse(raw: bytes) -> SentenceModel:
    data = json.loads(gzip.decompress(raw))
    terms, weights = data["terms"], data["weights"]
    if len(terms) != len(weights):
        raise ModelError("commitment model artefact: terms and weights differ in length")
    return SentenceModel(
        weights=dict(zip(terms, map(float, weights), strict=True)),
        bias=float(data["bias"]),
        veto=float(data["veto"]),
        add=float(data["add"]),
        version=str(data["version"]),
    )


def read_sentence_model(directory: Path) -> SentenceModel:
    """Load the artefact from a folder (e.g. freshly trained, not yet packaged)."""
    try:
        return _parse((directory / "model.json.gz").read_bytes())
    except FileNotFoundError as exc:
        raise ModelError(f"model artefact {directory / 'model.json.gz'} is missing") from exc


@functools.cache
def load_sentence_model() -> SentenceModel:
    """The packaged commitment sentence model, loaded once per process."""
    try:
        raw = resources.files(PACKAGE).joinpath("model.json.gz").read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(
            f"model artefact {PACKAGE}/model.json.gz is missing",
            hint="reinstall servicemind, or retrain with `servicemind train commitments`",
        ) from exc
    return _parse(raw)
