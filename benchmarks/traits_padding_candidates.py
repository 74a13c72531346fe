"""Candidates for trait scores that one neutral sentence cannot raise, against the padding bar.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/traits_padding_candidates.py \
        training/data/traits/pairs training/data/traits/labels/A training/data/traits/labels/B \
        [--only NAME ...]

The bar (benchmarks/RESULTS.md, "Padding sensitivity", branch robust19) asks of a change:
the trainer's CV Spearman down by no more than 0.005 on any trait and 0.002 on the mean, and
traits_padding.py's mean |change| over all traits and of overall each at most half of
today's, with no trait's applicability-flip share above today's. TRAIN part only (the test
part is never read). Each candidate refits the combination in process
(:func:`servicemind.training.traits.fit`, the cached rule passes, the word model's
out-of-fold scores given) and scores the train replies and their padded copies with the
fitted model as the analyser does (traits_padding.score / report).

The word models are fitted here with the trainer's folds and word-model ridge strengths (the
shipped ``traits.json`` metrics), by scipy's sparse least squares (``lsqr``, the same ridge
solution as the trainer's dual solve, in seconds). Candidates:

- ``base``: today's features; ``nolen``: without the three length features (robust19's (b));
- (a) word scores: ``maxmin`` (the max and min of the per-sentence word scores, each
  sentence scored alone, in place of the reply's), ``sum+maxmin`` (both), ``cuesum`` (the
  word score of the sentences that carry a trait cue only); ``lexaug`` (the word model fitted
  on each reply and its copy with one sentence of training/data/neutral_pads.tsv, same label);
- (b') ``content``: the length features replaced by content counts (:func:`content`);
- (c) ``+comb``: the combination also fitted on the padded copies (``Recipe(pad_augment)``);
- ``+pol``: the length features kept for politeness only; ``lexaug2``: a second padded copy
  per reply in the word model's fit (its pad drawn with seed 1); ``+nodig``: ``ctx:digits``
  dropped too.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import lsqr

sys.path.insert(0, str(Path(__file__).parent))
import servicemind.training.traits as T
import traits_padding as tp
from servicemind.analyse.base import TRAITS
from servicemind.analyse.traits._calibration import load_traits_model
from servicemind.analyse.traits._context import content_words, sentence_spans
from servicemind.analyse.traits._lexical import words_of
from servicemind.analyse.traits._result import Reply, TraitResult
from servicemind.training._labels import mean_label
from servicemind.training._padding import padded_items
from servicemind.training._terms import term_matrix
from servicemind.training._traits_cv import folds

LEN = ("reply_words", "reply_log_ratio", "mean_sentence")
#: name -> (word score, word model, context change, combination augmented)
CANDIDATES: dict[str, tuple[str, str, str, bool]] = {
    "base": ("sum", "plain", "", False),
    "nolen": ("sum", "plain", "nolen", False),
    "maxmin": ("maxmin", "plain", "", False),
    "sum+maxmin": ("sum+maxmin", "plain", "", False),
    "cuesum": ("cuesum", "plain", "", False),
    "content": ("sum", "plain", "content", False),
    "cuesum+content": ("cuesum", "plain", "content", False),
    "lexaug": ("sum", "aug", "", False),
    "lexaug+comb": ("sum", "aug", "", True),
    "lexaug+content": ("sum", "aug", "content", False),
    "lexaug+content+comb": ("sum", "aug", "content", True),
    "lexaug+content+pol": ("sum", "aug", "content+pol", False),
    "lexaug+content+pol+comb": ("sum", "aug", "content+pol", True),
    "lexaug2+content+comb": ("sum", "aug2", "content", True),
    "lexaug2+content+nodig+comb": ("sum", "aug2", "content+nodig", True),
}

Pass = tuple[list[dict[str, TraitResult]], list[dict[str, float]], str, list[Reply]]


def _cue_spans(results: dict[str, TraitResult], text: str) -> list[tuple[int, int]]:
    return [
        (h.start, h.end)
        for r in results.values()
        for h in r.evidence
        if h.weight and text[h.start : h.end] == h.text
    ]


def _sentences(text: str) -> Sequence[tuple[int, int]]:
    return sentence_spans(text) or ((0, len(text)),)


def content(results: dict[str, TraitResult], reply: Reply) -> dict[str, float]:
    """Content counts in place of raw length: sentences that carry any trait cue and their
    words, customer questions whose content words the reply takes up, positive and negative
    cue hits."""
    text = reply.text
    hits = _cue_spans(results, text)
    cue_s = cue_w = 0
    for s, e in _sentences(text):
        if any(hs < e and he > s for hs, he in hits):
            cue_s += 1
            cue_w += len(text[s:e].split())
    mine = content_words(text)
    weights = [h.weight for r in results.values() for h in r.evidence if h.weight]
    return {
        "cue_sentences": float(min(8, cue_s)),
        "cue_words": float(min(200, cue_w)),
        "cue_log_ratio": math.log((1 + cue_w) / (1 + reply.ctx.n_words)),
        "answered_n": float(min(4, sum(1 for q in reply.ctx.questions if content_words(q) & mine))),
        "cue_pos": float(min(12, sum(w > 0 for w in weights))),
        "cue_neg": float(min(6, sum(w < 0 for w in weights))),
    }


def _ids(text: str, prefix: str, index: dict[str, int]) -> list[int]:
    w = words_of(text)
    ts = {prefix + x for x in w} | {f"{prefix}{a}_{b}" for a, b in pairwise(w)}
    return [index[t] for t in ts if t in index]


def _csr(rows: list[list[int]], width: int) -> Any:
    ri = [k for k, ids in enumerate(rows) for _ in ids]
    ci = [j for ids in rows for j in ids]
    return sparse.csr_matrix((np.ones(len(ci)), (ri, ci)), shape=(len(rows), width))


class Texts:
    """A rule pass's replies as term matrices: the whole reply (as the word model reads it),
    the customer side, each sentence alone, and the cue sentences' terms."""

    def __init__(self, ps: Pass, index: dict[str, int]) -> None:
        w = len(index)
        self.R = term_matrix([T.terms(r.text, r.ctx.text) for r in ps[3]], index)
        self.C = _csr([_ids(r.ctx.text, "c:", index) for r in ps[3]], w)
        sents, owner, cue = [], [], []
        for i, (res, r) in enumerate(zip(ps[0], ps[3], strict=True)):
            hits = _cue_spans(res, r.text)
            for s, e in _sentences(r.text):
                sents.append(_ids(r.text[s:e], "r:", index))
                owner.append(i)
                cue.append(any(hs < e and he > s for hs, he in hits))
        self.S, self.owner, self.cue = _csr(sents, w), np.array(owner), np.array(cue)

    def scores(self, kind: str, w: np.ndarray, m: float, rows: np.ndarray) -> dict[str, np.ndarray]:
        """The word-score features (``""`` is ``lex:<trait>``) of ``rows``."""
        if kind == "sum":
            return {"": m + self.R[rows] @ w}
        keep = np.isin(self.owner, rows)
        pos = np.searchsorted(rows, self.owner[keep])
        s, c = self.S[keep] @ w, m + self.C[rows] @ w
        if kind == "cuesum":
            out = np.zeros(len(rows))
            np.add.at(out, pos, np.where(self.cue[keep], s, 0.0))
            return {"": c + out}
        hi, lo = np.full(len(rows), -np.inf), np.full(len(rows), np.inf)
        np.maximum.at(hi, pos, s)
        np.minimum.at(lo, pos, s)
        if kind == "maxmin":
            return {"": c + hi, "@min": c + lo}
        return {"": m + self.R[rows] @ w, "@max": c + hi, "@min": c + lo}


def _ridge(X: Any, y: np.ndarray, alpha: float) -> np.ndarray:
    return np.asarray(lsqr(X, y, damp=math.sqrt(alpha), atol=1e-10, btol=1e-10, iter_lim=5000)[0])


class WordModels:
    """Per trait: the trainer's folds and alpha, fold and full weights (plain or augmented)."""

    def __init__(self, data: Sequence[Any], X: Any, extra: Sequence[Any] = ()) -> None:
        metrics = (load_traits_model() or {})["metrics"]["traits"]
        self.fits: dict[str, dict[str, Any]] = {}
        for trait in TRAITS:
            rows = np.array([i for i, li in enumerate(data) if mean_label(li, trait) is not None])
            y = np.array([mean_label(data[i], trait) for i in rows], dtype=float)
            if trait in T.RECIPE.rank_target:
                y = T.midranks(y)
            alpha = float(metrics[trait]["word_model"]["alpha"])
            fold, n_folds = folds(len(rows), 1, None, 0)
            Xt = sparse.vstack([X[rows], *(e[rows] for e in extra)]).tocsr()
            yy, ff = np.tile(y, 1 + len(extra)), np.tile(fold, 1 + len(extra))
            fits = []
            for f in [*range(n_folds), -1]:  # -1: the full fit (what would ship)
                tr = ff != f
                m = float(yy[tr].mean())
                fits.append((_ridge(Xt[tr], yy[tr] - m, alpha), m))
            self.fits[trait] = {"rows": rows, "fold": fold, "fits": fits}

    def oof(self, trait: str, texts: Texts, kind: str) -> dict[str, np.ndarray]:
        fit = self.fits[trait]
        rows, fold = fit["rows"], fit["fold"]
        out: dict[str, np.ndarray] = {}
        for f, (w, m) in enumerate(fit["fits"][:-1]):
            te = np.where(fold == f)[0]
            for key, v in texts.scores(kind, w, m, rows[te]).items():
                out.setdefault(key, np.zeros(len(rows)))[te] = v
        return out

    def full(self, trait: str, texts: Texts, kind: str) -> dict[str, np.ndarray]:
        w, m = self.fits[trait]["fits"][-1]
        return texts.scores(kind, w, m, np.arange(texts.R.shape[0]))


def _ctxs(ps: Pass, change: str) -> list[dict[str, float]]:
    out = []
    for res, c, r in zip(ps[0], ps[1], ps[3], strict=True):
        c = dict(c)
        if change in ("nolen", "content", "content+nodig"):
            c = {k: v for k, v in c.items() if k not in LEN}
        if change.endswith("+nodig"):
            c.pop("digits", None)
        if change.startswith("content"):
            c.update(content(res, r))
        out.append(c)
    return out


def run(
    name: str,
    data: Sequence[Any],
    passes: dict[str, Pass],
    texts: dict[str, Texts],
    models: dict[str, WordModels],
) -> dict[str, Any]:
    kind, wm, change, comb = CANDIDATES[name]
    lexm = models[wm]
    cb, cp = _ctxs(passes["base"], change), _ctxs(passes["pad"], change)
    oof = {t: lexm.oof(t, texts["base"], kind) for t in TRAITS}
    aug_oof = {t: lexm.oof(t, texts["aug"], "sum")[""] for t in TRAITS} if comb else {}
    for t in TRAITS:
        for key, v in oof[t].items():
            for i, val in zip(lexm.fits[t]["rows"], v, strict=True):
                if key:
                    cb[i][f"lex:{t}{key}"] = float(val)

    def fit_lexical(*args: Any) -> tuple[Any, Any, Any]:
        extra = args[6] if len(args) > 6 else None  # (as fit() calls it: positionally)
        info = {t: {"alpha": 0.0, "oof_spearman": 0.0} for t in TRAITS}
        if extra is not None:
            return {}, {t: np.concatenate([oof[t][""], aug_oof[t]]) for t in TRAITS}, info
        return {}, {t: oof[t][""] for t in TRAITS}, info

    orig = (T.fit_lexical, T.feature_names)

    def feature_names(trait: str, results: Any, ctxs: Any, recipe: Any = None) -> list[str]:
        names = orig[1](trait, results, ctxs, recipe)
        if change.startswith("content") and not (change.endswith("+pol") and trait == "politeness"):
            names = [n for n in names if n[4:] not in LEN]
        return names + sorted(k for k in ctxs[0] if k.startswith(f"lex:{trait}@"))

    T.fit_lexical, T.feature_names = fit_lexical, feature_names  # type: ignore[assignment]
    try:
        aug = None
        if comb:
            a = passes["aug"]
            aug = (a[0], _ctxs(a, change), a[3])
        recipe = replace(T.RECIPE, pad_augment=comb)
        base = passes["base"]
        model, _, metrics = T.fit(data, base[0], cb, base[3], recipe=recipe, aug=aug)
    finally:
        T.fit_lexical, T.feature_names = orig  # type: ignore[assignment]
    outs = []
    for key, cc in (("base", cb), ("pad", cp)):
        full = {t: lexm.full(t, texts[key], kind) for t in TRAITS}
        ps = passes[key]
        scored = []
        for i, (res, c, r) in enumerate(zip(ps[0], cc, ps[3], strict=True)):
            c = dict(c)
            for t in TRAITS:
                c.update({f"lex:{t}{k}": float(v[i]) for k, v in full[t].items()})
            scored.append(tp.score(model, None, res, c, r))
        outs.append(scored)
    cv = {t: v["cv_spearman"] for t, v in metrics["traits"].items()}
    return {
        "name": name,
        "cv": cv,
        "cv_mean": round(float(np.mean(list(cv.values()))), 4),
        "pad": tp.report(outs[0], outs[1]),
    }


def verdict(res: dict[str, Any], ref: dict[str, Any]) -> str:
    """The bar, line by line."""
    d = {t: res["cv"][t] - ref["cv"][t] for t in res["cv"]}
    p, q = res["pad"], ref["pad"]
    flips = [t for t in TRAITS if p[t]["flip_share"] > q[t]["flip_share"]]
    ok = (
        min(d.values()) >= -0.005
        and res["cv_mean"] - ref["cv_mean"] >= -0.002
        and p["all traits"]["mean_abs"] <= q["all traits"]["mean_abs"] / 2
        and p["overall"]["mean_abs"] <= q["overall"]["mean_abs"] / 2
        and not flips
    )
    worst = min(d, key=lambda t: d[t])
    return (
        f"| {res['name']} | {res['cv_mean']:.4f} | {res['cv_mean'] - ref['cv_mean']:+.4f} | "
        f"{worst} {d[worst]:+.4f} | {p['all traits']['mean_abs']:.4f} | "
        f"{p['overall']['mean_abs']:.4f} | {', '.join(flips) or '-'} | {'yes' if ok else 'no'} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--only", nargs="*", default=list(CANDIDATES))
    args = ap.parse_args()
    data = tp.sample(args.pairs, args.labels_a, args.labels_b, 0, 0)
    passes: dict[str, Pass] = {
        "base": T._rule_pass(data, lexical=False),
        "pad": T._rule_pass(tp.padded(data, 0), lexical=False),
        "aug": T._rule_pass(padded_items(data, 0), lexical=False),
    }
    counts: dict[str, int] = {}
    for r in passes["base"][3]:
        for t in T.terms(r.text, r.ctx.text):
            counts[t] = counts.get(t, 0) + 1
    vocab = sorted(t for t, c in counts.items() if c >= T.RECIPE.min_term_support)
    index = {t: i for i, t in enumerate(vocab)}
    texts = {k: Texts(ps, index) for k, ps in passes.items()}
    models = {"plain": WordModels(data, texts["base"].R)}
    kinds = {CANDIDATES[n][1] for n in args.only}
    if "aug" in kinds:
        models["aug"] = WordModels(data, texts["base"].R, [texts["aug"].R])
    if "aug2" in kinds:  # a second padded copy of each reply, its pad drawn with seed 1
        copies = [
            T.terms(li.item["reply"], r.ctx.text)
            for li, r in zip(padded_items(data, 1), passes["base"][3], strict=True)
        ]
        second = term_matrix(copies, index)
        models["aug2"] = WordModels(data, texts["base"].R, [texts["aug"].R, second])
    names = ["base", *[n for n in args.only if n != "base"]]
    results = []
    for n in names:
        results.append(run(n, data, passes, texts, models))
        print(json.dumps(results[-1]), flush=True)
    print(
        "\n| candidate | CV Spearman mean | change | worst trait | padding all traits "
        "| padding overall | flips above base | passes |"
    )
    print("|---|---:|---:|---|---:|---:|---|---|")
    for r in results:
        print(verdict(r, results[0]))


if __name__ == "__main__":
    main()
