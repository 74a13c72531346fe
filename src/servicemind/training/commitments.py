"""Train the commitment sentence model (analyse/_commitment_model.py) on the team corpus.

    servicemind train commitments [--data training/data/traits] [--out DIR] [--seed 0]

Data: the train part (SHA-256(id) mod 100 >= 20) of the trait corpus files ``FILES`` that
both passes labelled; the test part is never read. The units are the scored sentences and
the clauses beside rule spans in them (``scored_sentences``). A unit's label for a pass is 1
when a gold span of that pass starts in it; every unit is a row once per pass (weight 1/2
each), so a sentence the passes disagree on counts as half a promise. Features: the
sentence's words and word pairs, its first words, and the rules' decision about it
(``sentence_features``); only terms seen in ``MIN_COUNT`` train rows are kept. An L2
logistic regression (scikit-learn, lbfgs: deterministic) is fitted; the veto and add
thresholds and C come from leave-one-writer-out over the train part (writers as groups),
choosing the F1 of the combined spans averaged over both passes, **among the settings under
which every hand-written guideline case holds** (``GUIDELINE_CASES``, training/
_commitment_cases.py: each candidate's model, fitted on all train items, must give those
replies exactly their expected spans). The guideline has the last word over a few
thousandths of F1: a setting that breaks a case is taken only when none keeps them all
(fewest broken first), and the card then names the broken cases.

Writes ``OUT/model.json.gz`` (terms, weights rounded to 4 decimals, bias, thresholds) and
``OUT/MODEL_CARD.md``; the same data and seed give byte-identical files.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from servicemind.analyse._commitment_model import (
    Sentence,
    SentenceModel,
    decide,
    scored_sentences,
)
from servicemind.analyse.commitments import (
    _rule_commitments,
    combine,
    model_may_add,
    model_may_veto,
)
from servicemind.training._commitment_cases import GUIDELINE_CASES
from servicemind.training._export import card_date
from servicemind.training._labels import gold_spans, load_writer_files, span_f1, writer_ranges
from servicemind.training._terms import term_matrix

__all__ = [
    "FILES",
    "Example",
    "choose",
    "fit",
    "guideline_failures",
    "load_examples",
    "load_unseen_rules",
    "lowo",
    "main",
]

#: Corpus files (writers) the model learns from: every writing round so far. w14-w17 (the
#: fifth), w18-w21 (the sixth), w22-w25 (the seventh), w26-w29 (the eighth), w30-w33 (the
#: ninth), w34-w36 (the tenth), w37-w39 (the eleventh), w40-w42 (the twelfth) and w43-w45
#: (the thirteenth) were each a
#: one-time unseen-writer test of the rules + model before they joined; no rule has read
#: them, so today's rules are their unseen-rule features. w22-w25 joined once the choice kept
#: to the guideline cases (``GUIDELINE_CASES``): unconstrained, it moved to settings that
#: broke eight of them.
FILES = tuple(f"w{i}" for i in range(1, 49))
#: Writers whose items no rule was ever read from (so today's rules are unseen rules for
#: them): held out one at a time in the leave-one-writer-out choice, like the writers of
#: ``UNSEEN_RULES``.
UNREAD_WRITERS = tuple(f"w{i}" for i in range(14, 49))
#: A term must occur in this many train rows to get a weight.
MIN_COUNT = 2
#: Inverse regularisation strengths tried by leave-one-writer-out.
C_GRID = (0.3, 1.0, 3.0)
#: Thresholds tried: a rule span is vetoed below ``veto``, a sentence added from ``add``
#: (veto 0.35 and 0.4 since the w1-w25 fit: at 0.3 no setting vetoed the bare "Will do!",
#: a guideline case, at p 0.303).
VETO_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.35, 0.4)
ADD_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 1.01)
#: Add thresholds tried for a sentence with a future time (``SentenceModel.add_timed``),
#: each below the ``add`` it goes with; ``None`` is ``add`` for every sentence (tried first,
#: so it wins ties).
ADD_TIMED_GRID = (None, 0.2, 0.25, 0.3)
#: Artefact version: 2 since the model also scores the clauses beside rule spans
#: (``R:piece``) and the es / pt / it future endings and nl / sv / da / no modals open a
#: sentence to scoring; 3 since it reads the sentence's form (``_commitment_model.FORMS``:
#: a future time, done / progressive, whose subject, habit and maybe markers, a list line,
#: the future time crossed with each); 4 since it reads speech-to-text calls (contractions
#: without apostrophes, long unpunctuated lines cut into spoken clauses), the rules read
#: present-tense and verbless schedules, and it may add a dated sentence from a lower
#: threshold (``add_timed``); 5 since the rules read negative promises with our side as the
#: subject ("we won't charge you again") and the add guards refuse a reminder of a fact and
#: an unnamed "they" opening the reply, which let the choice go to a lower add threshold;
#: 6 since the rules read Dutch present futures and opt-outs ("unless you'd prefer") as
#: promises (guideline v3), and the add guards refuse statements of fact and reassurance
#: about the law or others (the rule features of w14-w36 moved with the rules); 7 since
#: the rules read Italian "-iamo" and es / pt present futures (commit14); 8 since they read
#: Polish and Turkish promises and more Portuguese and Dutch forms (commit15); 10 since the
#: rules read Polish and Turkish typed without their letters and the promise verbs of the
#: other languages, and a sentence whose only signal is a present-for-future word ("now",
#: ``_commitment_model.NOW``) or a time word of fr / nl / it / pl / tr / es / de / pt is
#: scored (commit16); 12 since the rules give one entry per joined action (guideline v3:
#: "I'll compare the two and call you back" is two), read spoken he'll / she'll / that'll /
#: there'll and due phrases of speech and short waits (commit17); 14 since an in-chat lookup
#: after "let me" is no promise, perfects of arranging verbs with a later time are bookings
#: in de / fr / es / it, and a due phrase goes with the clause that holds it (commit19);
#: 15 since "I'll be glad to assist you today" is a pleasantry, not a timed promise; 16 for
#: present-tense promises after a first-person subject in de / it / es / pt / fr, sanctions
#: under a condition as no promise, and spoken clauses cut at a new subject (commit20); 17
#: for third-party and item outcomes in the present with a due phrase, due phrases with
#: number words in de / it / es / pt / fr / nl, and the add guards for work done, comments
#: and the customer's own step (commit21); 18 for states of the customer's own item that
#: hold until a time and reassurance about what the company will not do (commit22); 19 for
#: third-party and item presents with a time in de / nl / it / fr / es, es / it / pt
#: first-person presents with a time, a time fronted in its clause, German dates' days, and
#: rebukes, the reply's language and the customer's own obligations as no promises (commit23).
VERSION = "19"
#: Rule spans on the w6-w13 train items from the rules before they read those writers,
#: relative to the corpus folder (training/data/traits -> training/data/commitments).
UNSEEN_RULES = Path("../commitments/unseen_rules.jsonl")
Span = tuple[int, int]


@dataclass
class Example:
    """One train reply: its rule spans, scored sentences and the two passes' gold spans."""

    id: str
    writer: str
    reply: str
    rules: list[Span]
    sentences: list[Sentence]
    gold: dict[str, list[Span]]

    def labels(self, name: str) -> list[float]:
        """Per scored sentence: 1.0 when a gold span of pass ``name`` starts in it."""
        return [
            1.0 if any(s.start <= g[0] < s.end for g in self.gold[name]) else 0.0
            for s in self.sentences
        ]


def load_unseen_rules(path: Path) -> dict[str, list[tuple[int, int, bool]]]:
    """Rule spans by item id from rules that had not read the item's writer
    (scripts/commitment_unseen_rules.py)."""
    out: dict[str, list[tuple[int, int, bool]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                out[obj["id"]] = [(int(s), int(e), bool(d)) for s, e, d in obj["spans"]]
    return out


def load_examples(
    root: Path,
    files: Sequence[str] = FILES,
    split: str = "train",
    unseen: dict[str, list[tuple[int, int, bool]]] | None = None,
) -> list[Example]:
    """The items of ``files`` both passes labelled, of ``split`` ("train", "test", "all").

    With ``unseen``, an item listed there gets those rule spans instead of today's rules'.
    """
    out = []
    for li in load_writer_files(root, files):
        if split not in (li.split, "all"):
            continue
        reply = li.item["reply"]
        if unseen is not None and li.id in unseen:
            spans = unseen[li.id]
        else:
            spans = [(c.start, c.end, c.due is not None) for c in _rule_commitments(reply)]
        out.append(
            Example(
                li.id,
                li.id.split("-")[0],
                reply,
                [(s, e) for s, e, _ in spans],
                scored_sentences(reply, spans),
                {n: gold_spans(reply, li.passes[n].get("commitments", [])) for n in "AB"},
            )
        )
    return out


def _rows(examples: Sequence[Example]) -> tuple[list[list[str]], np.ndarray]:
    feats: list[list[str]] = []
    y: list[float] = []
    for ex in examples:
        a, b = ex.labels("A"), ex.labels("B")
        for s, la, lb in zip(ex.sentences, a, b, strict=True):
            feats.append(s.features)
            y.append((la + lb) / 2)
    return feats, np.asarray(y)


def fit(
    examples: Sequence[Example], c: float, seed: int = 0, use_rules: bool = True
) -> tuple[dict[str, float], float]:
    """Fitted term weights and bias on the scored sentences of ``examples``."""
    from sklearn.linear_model import LogisticRegression

    feats, y = _rows(examples)
    if not use_rules:
        feats = [[f for f in fs if not f.startswith("R:")] for fs in feats]
    df = Counter(f for fs in feats for f in set(fs))
    terms = sorted(f for f, n in df.items() if n >= MIN_COUNT)
    index = {t: i for i, t in enumerate(terms)}
    X = term_matrix(feats, index)
    X.sum_duplicates()
    # each sentence once per pass (label A's vote and B's): where the passes agree, one row
    # of weight 2; where they split (y 0.5), a positive and a negative row of weight 1 (the
    # same loss as two rows per sentence, with fewer rows to fit)
    split = np.flatnonzero(y == 0.5)
    Xd = sparse.vstack([X, X[split]]).tocsr()
    yd = np.concatenate([(y >= 0.5).astype(int), np.zeros(len(split), dtype=int)])
    wd = np.concatenate([np.where(y == 0.5, 1.0, 2.0), np.ones(len(split))])
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    clf.fit(Xd, yd, sample_weight=wd)
    coef = clf.coef_[0]
    weights = {t: float(coef[i]) for i, t in enumerate(terms) if abs(coef[i]) >= 1e-4}
    return weights, float(clf.intercept_[0])


def combined_spans(ex: Example, model: SentenceModel) -> list[Span]:
    """The rule spans the model keeps plus the sentences it adds (as the runtime does)."""
    veto, add = decide(ex.sentences, model)
    text = ex.reply
    kept = [r for i, r in enumerate(ex.rules) if i not in veto or not model_may_veto(text, *r)]
    return sorted(kept + [(s, e) for s, e, _ in add if model_may_add(text, s, e)])


def model_only_spans(ex: Example, model: SentenceModel) -> list[Span]:
    """Each scored sentence with p >= ``model.add`` as one span (no rule spans)."""
    return [
        (s.start, s.end) for s in ex.sentences if model.probability(s.words, s.extras) >= model.add
    ]


def _score(examples: Sequence[Example], preds: Sequence[Sequence[Span]]) -> dict[str, float]:
    return {n: span_f1(preds, [ex.gold[n] for ex in examples])["f1"] for n in "AB"}


def _fold(
    examples: Sequence[Example], writer: str, c: float, seed: int, use_rules: bool
) -> SentenceModel:
    """The model fitted on every writer's train items but ``writer``'s."""
    weights, bias = fit([ex for ex in examples if ex.writer != writer], c, seed, use_rules)
    return SentenceModel(weights, bias, 0.0, 1.01, VERSION)


def _with(m: SentenceModel, veto: float, add: float, timed: float | None = None) -> SentenceModel:
    return SentenceModel(m.weights, m.bias, veto, add, VERSION, timed)


def _settings(c: float) -> list[tuple[Any, ...]]:
    """Every ``(C, veto, add, add_timed)`` tried for ``c``, the undated ``None`` first."""
    return [
        (c, veto, add, timed)
        for veto in VETO_GRID
        for add in ADD_GRID
        for timed in ADD_TIMED_GRID
        if timed is None or timed < add
    ]


def guideline_failures(
    model: SentenceModel, cases: Sequence[tuple[str, tuple[str, ...]]] = GUIDELINE_CASES
) -> list[str]:
    """The replies of ``cases`` whose spans, from the rules checked by ``model`` as at run
    time (guards included), differ from the expected ones."""
    out = []
    for reply, expected in cases:
        got = tuple(c.text for c in combine(reply, _rule_commitments(reply), model))
        if got != expected:
            out.append(reply)
    return out


def choose(
    scores: dict[tuple[float, ...], dict[str, float]], n_broken: dict[tuple[float, ...], int]
) -> tuple[float, ...]:
    """The setting ``(C, veto, add, add_timed)`` that breaks the fewest guideline cases and,
    among those, has the best summed F1 vs A and vs B (ties to the smaller C, then to the
    setting tried first)."""
    return max(scores, key=lambda k: (-n_broken[k], scores[k]["A"] + scores[k]["B"], -k[0]))


def lowo(
    examples: Sequence[Example],
    held_out: Sequence[str],
    seed: int = 0,
    broken: Callable[[tuple[float, ...]], int] | None = None,
) -> tuple[dict[str, Any], dict[tuple[float, ...], dict[str, float]]]:
    """Leave-one-writer-out: for each C and each writer of ``held_out``, fit on every other
    writer's items and score that writer's replies at every (veto, add) pair; returns the
    best choice (summed F1 vs A and vs B of the pooled held-out replies; ties go to the
    smaller C), with rules-only and model-only figures, and every score.

    With ``broken`` (a setting ``(C, veto, add, add_timed)`` → how many guideline cases it breaks), the
    best is taken among the settings that break the fewest (none, when one keeps them all);
    ``choice["unconstrained"]`` is the best without that condition."""
    scores: dict[tuple[float, ...], dict[str, float]] = {}
    held_ex = [ex for ex in examples if ex.writer in held_out]
    for c in C_GRID:
        by_writer = {w: _fold(examples, w, c, seed, True) for w in held_out}
        for k in _settings(c):
            preds = [combined_spans(ex, _with(by_writer[ex.writer], *k[1:])) for ex in held_ex]
            scores[k] = _score(held_ex, preds)

    n_broken = {k: broken(k) for k in scores} if broken is not None else dict.fromkeys(scores, 0)
    best = choose(scores, n_broken)
    free = choose(scores, dict.fromkeys(scores, 0))
    # model only: no rule features, each scored sentence from a threshold (chosen the same way)
    alone = {w: _fold(examples, w, best[0], seed, False) for w in held_out}
    model_only = {
        t: _score(
            held_ex, [model_only_spans(ex, _with(alone[ex.writer], 0.0, t)) for ex in held_ex]
        )
        for t in ADD_GRID[:-1]
    }
    t_best = max(model_only, key=lambda t: model_only[t]["A"] + model_only[t]["B"])
    choice = {
        "C": best[0],
        "veto": best[1],
        "add": best[2],
        "add_timed": best[3],
        "rules": _score(held_ex, [ex.rules for ex in held_ex]),
        "rules_model": scores[best],
        "model_only": {**model_only[t_best], "threshold": t_best},
        "broken": n_broken[best],
        "unconstrained": {
            "C": free[0],
            "veto": free[1],
            "add": free[2],
            "add_timed": free[3],
            "rules_model": scores[free],
            "broken": n_broken[free],
        },
    }
    return choice, scores


def write_model(
    out_dir: Path, weights: dict[str, float], bias: float, info: dict[str, Any]
) -> None:
    """``model.json.gz``: sorted terms and weights (4 decimals), gzip without a timestamp."""
    terms = sorted(weights)
    data = {
        "terms": terms,
        "weights": [round(weights[t], 4) for t in terms],
        **info,
        "bias": round(bias, 4),
    }
    raw = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "model.json.gz").write_bytes(gzip.compress(raw.encode("utf-8"), mtime=0))


def main(
    data_dir: Path, out_dir: Path | None = None, seed: int = 0, files: Sequence[str] = FILES
) -> dict[str, Any]:
    """Choose C and the thresholds by leave-one-writer-out, fit on all train items, write."""
    unseen = load_unseen_rules(Path(data_dir) / UNSEEN_RULES)
    examples = load_examples(Path(data_dir), files, unseen=unseen)
    present = {ex.writer for ex in examples}
    held_out = sorted(
        {i.split("-")[0] for i in unseen} | (set(UNREAD_WRITERS) & present),
        key=lambda w: int(w[1:]),
    )
    # each C's model on every train item, as it would ship; a setting is checked against the
    # guideline cases with its thresholds (memoised: the same C is asked 54 times)
    full = {c: fit(examples, c, seed) for c in C_GRID}
    failures: dict[tuple[float, ...], list[str]] = {}

    def broken(k: tuple[float, ...]) -> int:
        if k not in failures:
            weights, bias = full[k[0]]
            model = SentenceModel(weights, bias, k[1], k[2], VERSION, k[3])
            failures[k] = guideline_failures(model)
        return len(failures[k])

    choice, _ = lowo(examples, held_out, seed, broken)
    weights, bias = full[choice["C"]]
    free = choice["unconstrained"]
    out = out_dir or Path(__file__).resolve().parents[1] / "models" / "commitments"

    def r4(d: dict[str, float]) -> dict[str, float]:
        return {k: round(v, 4) for k, v in d.items()}

    metrics = {
        "train_items": len(examples),
        "writers": sorted({ex.writer for ex in examples}, key=lambda w: int(w[1:])),
        "held_out_writers": held_out,
        "held_out_items": sum(1 for ex in examples if ex.writer in held_out),
        "C": choice["C"],
        "veto": choice["veto"],
        "add": choice["add"],
        "lowo_f1_rules": r4(choice["rules"]),
        "lowo_f1_rules_model": r4(choice["rules_model"]),
        "lowo_f1_model_only": r4(choice["model_only"]),
        "terms": len(weights),
        "guideline_cases": len(GUIDELINE_CASES),
        "add_timed": choice["add_timed"],
        "guideline_broken": failures[
            (choice["C"], choice["veto"], choice["add"], choice["add_timed"])
        ],
        "unconstrained": {
            "C": free["C"],
            "veto": free["veto"],
            "add": free["add"],
            "add_timed": free["add_timed"],
            "lowo_f1_rules_model": r4(free["rules_model"]),
            "guideline_broken": free["broken"],
        },
    }
    thresholds = {"veto": choice["veto"], "add": choice["add"], "version": VERSION}
    if choice["add_timed"] is not None:
        thresholds["add_timed"] = choice["add_timed"]
    write_model(out, weights, bias, thresholds)
    _write_card(out, metrics, seed)
    return metrics


def _write_card(out: Path, metrics: dict[str, Any], seed: int) -> None:
    r, m = metrics["lowo_f1_rules"], metrics["lowo_f1_rules_model"]
    alone = metrics["lowo_f1_model_only"]
    held = writer_ranges(metrics["held_out_writers"])
    free = metrics["unconstrained"]
    fm = free["lowo_f1_rules_model"]
    broken = metrics["guideline_broken"]
    timed = metrics["add_timed"]
    timed_text = (
        ""
        if timed is None
        else f" (from p {timed} when it names a future time for this customer: a weekday, "
        '"tomorrow", "by 5pm", "within 24 hours")'
    )
    broken_text = (
        "the chosen one keeps every case"
        if not broken
        else "no setting kept them all; the chosen one breaks " + "; ".join(map(repr, broken))
    )
    text = f"""# Commitment sentence model

Version {VERSION}, trained {card_date()} with `servicemind train commitments --seed {seed}`
(servicemind.training.commitments); read by servicemind.analyse._commitment_model. Used
only when `servicemind.analyse.commitments.USE_MODEL` is on.

- **What it does**: the probability that a sentence of an agent reply holds a commitment
  (a promise by the agent's side), from the sentence's words and word pairs, its first
  words, a time word, its place and punctuation, its form (a future time such as a
  weekday, "tomorrow", "by 5pm", "within 24 hours"; a thing done or in progress; the
  agent's side, the customer's item or the customer as the first word; habit and maybe
  markers; a list line or "Label: ..." shape; the future time crossed with each), and the
  rules' decision about it. A reply without any `.!?` (a speech-to-text call) has its long
  lines cut into spoken clauses, and its contractions without apostrophes ("ill", "youll")
  read as typed. Rule
  spans in a sentence below p {metrics["veto"]} are dropped; a sentence without a rule span
  (and with a figure, "'ll", a modal / future marker, an es / pt / it future ending or a
  time word) is added from p {metrics["add"]}{timed_text}, as one span marked
  `source: "model"` with its probability; so is a clause of a sentence with rule spans that lies outside them
  (cut at commas, dashes, colons and "and"; feature `R:piece`): a second promise. The
  guideline guards of servicemind.analyse.commitments have the last word: no rule span of
  an explicit "I promise" is dropped, and no sentence is added that waits for the
  customer's yes, says it promises nothing ("usually", "unlikely"), opens as a reminder of
  a fact ("je vous rappelle que ..."), opens the reply with an unnamed "they" / "he",
  states a present fact with no future, agent or action verb ("The 38 pounds is for 760MB
  at 5p per MB.") or reassures about the law or others ("you won't be arrested").
- **Data**: the team's trait corpus (training/data/traits), writers
  {writer_ranges(metrics["writers"])}, the train part only ({metrics["train_items"]} items, both
  label passes, each sentence once per pass; the test part, SHA-256(id) mod 100 < 20, is
  not read). Labels: guideline v2 commitments (relabels of w1-w5 where they exist).
- **Rule features without hindsight**: the rules were grown by reading the train errors of
  each writing round, so on those items they miss little that a model could learn to add.
  For {held} the rules' decisions come from rules that had not read those writers: the rules
  as they were before each round read them (training/data/commitments/unseen_rules.jsonl,
  made by scripts/commitment_unseen_rules.py from git history), or today's rules for the
  writers no rule was read from ({writer_ranges(UNREAD_WRITERS)}); w1-w5 use today's rules.
- **Model**: L2 logistic regression (scikit-learn lbfgs), C {metrics["C"]},
  {metrics["terms"]} terms with a weight (a term must occur in {MIN_COUNT} train sentences).
- **Chosen by** leave-one-writer-out, holding out each of {held} in turn
  ({metrics["held_out_items"]} items; fit on every other writer): span F1 of the pooled
  held-out replies, rules only vs A {r["A"]:.3f} / vs B {r["B"]:.3f}; rules + model vs A
  {m["A"]:.3f} / vs B {m["B"]:.3f}; the model alone (no rule features, each sentence from
  p {alone["threshold"]}) vs A {alone["A"]:.3f} / vs B {alone["B"]:.3f}.
- **Guideline first**: only settings under which the {metrics["guideline_cases"]} hand-written
  guideline cases (servicemind/training/_commitment_cases.py: near misses, offers, statuses,
  promises the rules find) come out as written were eligible; {broken_text}. Without that
  condition leave-one-writer-out would have taken C {free["C"]}, veto {free["veto"]}, add
  {free["add"]}, dated add {free["add_timed"]} (vs A {fm["A"]:.3f} / vs B {fm["B"]:.3f}), which breaks
  {free["guideline_broken"]} of them.
- **Licence**: the corpus is the team's own (project licence); weights under the project
  licence.
- **Limits**: whole sentences are added, so a sentence without a rule span that holds two
  promises gives one span;
  it learned from {len(metrics["writers"])} writers' phrasing, in English mostly (es, pt, fr,
  de, it, nl, sv in part); the rule features at run time come from today's rules, which miss less than the
  historic ones it was trained with.
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")
