"""Does the distilled static embedding help the trait scores on new writers? (report only)

    PYTHONPATH=src python3 benchmarks/traits_embedding_lowo.py PAIRS LABELS_A LABELS_B \
        --emb build/embedding

Train part only (the test part, SHA-256 of the id mod 100 < 20, is never read). Each
writer is held out in turn: the shipped recipe (``servicemind.training.traits.fit``) is
refitted on the other writers and scores the held-out writer's replies, as in
benchmarks/traits_lowo.py. A second stage then asks whether the embedding adds anything
to those held-out scores: per trait, a ridge on [held-out score] and a ridge on
[held-out score | embedding of the reply], both fitted on the other writers' items and
applied to the held-out writer (writer-grouped, so the second stage also sees new
writers). Reported: pooled Spearman with the mean label for the recipe alone and both
ridges, for each ridge strength (a sweep, nothing chosen).
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

import numpy as np

from servicemind.analyse.base import TRAITS
from servicemind.training._labels import mean_label
from servicemind.training._traits_cv import group_of, spearman
from servicemind.training._wordpiece import WordPiece
from servicemind.training.traits import RECIPE, _rule_pass, fit_rows, load_dataset, rescore

ALPHAS = (1.0, 10.0, 100.0)


def ridge_predict(Xtr: np.ndarray, y: np.ndarray, Xte: np.ndarray, alpha: float) -> np.ndarray:
    mu, sd = Xtr.mean(axis=0), Xtr.std(axis=0) + 1e-9
    A, B = (Xtr - mu) / sd, (Xte - mu) / sd
    ym = y.mean()
    w = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ (y - ym))
    out: np.ndarray = B @ w + ym
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--emb", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    vocab = gzip.decompress((a.emb / "vocab.txt.gz").read_bytes()).decode("utf-8").split("\n")
    E = np.load(a.emb / "embedding.npz")["E"].astype(np.float32)
    wp = WordPiece(vocab[: E.shape[0]])
    data = [li for li in load_dataset(a.pairs, a.labels_a, a.labels_b) if li.split == "train"]
    results, ctxs, _, replies = _rule_pass(data, lexical=False)
    writers = [group_of(li.id) for li in data]
    labels = {t: [mean_label(li, t) for li in data] for t in TRAITS}
    emb = np.zeros((len(data), E.shape[1]), np.float32)
    for i, reply in enumerate(replies):
        ids = wp.ids(reply.text)
        if ids:
            emb[i] = E[ids].mean(axis=0)
    pred = {t: np.full(len(data), np.nan) for t in TRAITS}
    for w in sorted(set(writers)):
        tr = [i for i, g in enumerate(writers) if g != w]
        te = [i for i, g in enumerate(writers) if g == w]
        model, lex, _ = fit_rows(data, results, ctxs, replies, tr, seed=a.seed, recipe=RECIPE)
        for i in te:
            r = rescore(model, lex, results[i], ctxs[i], replies[i])
            for t in TRAITS:
                if r[t].score is not None:
                    pred[t][i] = r[t].score
        print(f"writer {w} done", file=sys.stderr, flush=True)
    W = np.array(writers)
    print("| trait | n | recipe | " + " | ".join(f"score / +emb (a {x:g})" for x in ALPHAS) + " |")
    print("|---|---:|---:|" + "---:|" * len(ALPHAS))
    means: dict[str, list[float]] = {"recipe": []}
    for t in TRAITS:
        y = np.array([np.nan if v is None else v for v in labels[t]], dtype=float)
        rows = np.flatnonzero(~np.isnan(y) & ~np.isnan(pred[t]))
        base = spearman(list(pred[t][rows]), y[rows])
        means["recipe"].append(base)
        cells = []
        for alpha in ALPHAS:
            p1, p2 = np.zeros(len(rows)), np.zeros(len(rows))
            for w in sorted(set(writers)):
                te = W[rows] == w
                if not te.any():
                    continue
                X1 = pred[t][rows][:, None]
                X2 = np.hstack([X1, emb[rows]])
                p1[te] = ridge_predict(X1[~te], y[rows][~te], X1[te], alpha)
                p2[te] = ridge_predict(X2[~te], y[rows][~te], X2[te], alpha)
            s1, s2 = spearman(list(p1), y[rows]), spearman(list(p2), y[rows])
            means.setdefault(f"s{alpha}", []).append(s1)
            means.setdefault(f"e{alpha}", []).append(s2)
            cells.append(f"{s1:.3f} / {s2:.3f}")
        print(f"| {t} | {len(rows)} | {base:.3f} | " + " | ".join(cells) + " |", flush=True)
    cells = [f"{np.mean(means[f's{x}']):.3f} / {np.mean(means[f'e{x}']):.3f}" for x in ALPHAS]
    print(f"| mean | | {np.mean(means['recipe']):.3f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
