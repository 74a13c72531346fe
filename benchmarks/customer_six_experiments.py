"""Experiments for the six service emotions (issue 4): can anything on top of the linear
heads reach macro-F1 >= 0.62 on GoEmotions dev (the fixed mapping)?

Protocol (dev never tuned on): GoEmotions train is split by the seed into A (80%) and
B (20%). Every head is fitted on A (+ the team's support examples for the six heads);
every second-stage choice (temperature, alpha, stacker, blend weight, MLP epochs) is made
on B; dev is scored once per candidate. The baseline is the shipped recipe under the
same protocol (six LR + NB-LR heads on A, temperature and alpha chosen on B).

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python benchmarks/customer_six_experiments.py \
        --data ../shared/data --cache /tmp/emo6cache

Results (2026-11-23): benchmarks/RESULTS.md, customer side; nothing beat the baseline by
the +0.005 adoption bar. Needs scikit-learn (the ``train`` extra). The cache holds only
matrices derived from the shared data, outside the repository.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from servicemind.analyse._normalise import normalise
from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS
from servicemind.training import _customer_data as data
from servicemind.training import customer as tc
from servicemind.training._customer_eval import f1, fit_temperature, macro_f1, top_label_ece

FINE_C = {  # the shipped per-label choices (model card 1.2.0), so no grid search here
    "annoyance": (0.5, "balanced"),
    "caring": (0.5, "balanced"),
    "curiosity": (0.5, "balanced"),
    "disappointment": (0.5, "balanced"),
    "nervousness": (0.5, "balanced"),
    "neutral": (0.5, "balanced"),
    "confusion": (2.0, None),
    "gratitude": (2.0, None),
    "grief": (2.0, None),
    "joy": (2.0, None),
    "relief": (2.0, None),
    "sadness": (2.0, None),
}


def log(msg: str) -> None:
    print(f"[six-exp] {msg}", file=sys.stderr, flush=True)


def build_cache(data_dir: Path, cache: Path, seed: int) -> None:
    t0 = time.perf_counter()
    tr_txt, Ytr = data.load_goemotions(data_dir, "train")
    dv_txt, Ydv = data.load_goemotions(data_dir, "dev")
    tr_n = [normalise(t) for t in tr_txt]
    dv_n = [normalise(t) for t in dv_txt]
    vecs = tc._vectorisers(tr_n)
    Xtr, Xdv = tc._transform(vecs, tr_n), tc._transform(vecs, dv_n)
    sup_lab, sup_txt = data.load_own_examples("support_emotions.tsv")
    Xsup = tc._transform(vecs, [normalise(t) for t in sup_txt])
    ysup = np.array([EMOTIONS.index(s) for s in sup_lab])
    sparse.save_npz(cache / "Xtr.npz", Xtr)
    sparse.save_npz(cache / "Xdv.npz", Xdv)
    sparse.save_npz(cache / "Xsup.npz", Xsup)
    np.savez(cache / "labels.npz", Ytr=Ytr, Ydv=Ydv, ysup=ysup)
    log(f"vectorised {Xtr.shape} in {time.perf_counter() - t0:.0f}s")


def split(n: int, seed: int) -> tuple[Any, Any]:
    idx = np.random.RandomState(seed + 11).permutation(n)
    return np.sort(idx[: n * 4 // 5]), np.sort(idx[n * 4 // 5 :])


def fit_heads(cache: Path, seed: int) -> None:
    """Logits on B and dev of: six heads (priority targets), six heads (multi-label
    targets: any fine label of the group), 28 fine heads. All fitted on A."""
    Xtr = sparse.load_npz(cache / "Xtr.npz").tocsr()
    Xdv = sparse.load_npz(cache / "Xdv.npz").tocsr()
    Xsup = sparse.load_npz(cache / "Xsup.npz").tocsr()
    lab = np.load(cache / "labels.npz")
    Ytr, ysup = lab["Ytr"], lab["ysup"]
    A, B = split(Xtr.shape[0], seed)
    ytr6 = np.array([data.service_label(r) for r in Ytr])
    XA = sparse.vstack([Xtr[A], Xsup], format="csr")
    w = np.concatenate([np.ones(len(A)), np.full(len(ysup), tc.SUPPORT_WEIGHT)])
    group = np.array(
        [EMOTIONS.index(data.FINE_TO_SERVICE.get(f, "neutral")) for f in FINE_EMOTIONS]
    )
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    for kind in ("prio", "multi"):
        ZB, ZD = np.zeros((len(B), 6)), np.zeros((Xdv.shape[0], 6))
        for k in range(6):
            if kind == "prio":
                yk = np.concatenate([ytr6[A] == k, ysup == k]).astype(np.int8)
            else:
                anyk = Ytr[A][:, group == k].max(axis=1) > 0
                yk = np.concatenate([anyk, ysup == k]).astype(np.int8)
            wk, bk = tc._lr_nblr_head(XA, yk, tc.SIX_C, None, seed, nb_c=tc.SIX_C, sample_weight=w)
            ZB[:, k] = Xtr[B] @ wk + bk
            ZD[:, k] = Xdv @ wk + bk
        out[f"six_{kind}_B"], out[f"six_{kind}_D"] = ZB, ZD
        log(f"six heads {kind} ({time.perf_counter() - t0:.0f}s)")
    ZB, ZD = np.zeros((len(B), 28)), np.zeros((Xdv.shape[0], 28))
    for j, name in enumerate(FINE_EMOTIONS):
        c, cw = FINE_C.get(name, (1.0, None))
        wj, bj = tc._lr_nblr_head(Xtr[A], Ytr[A, j], c, cw, seed)
        ZB[:, j] = Xtr[B] @ wj + bj
        ZD[:, j] = Xdv @ wj + bj
    out["fine_B"], out["fine_D"] = ZB, ZD
    log(f"fine heads ({time.perf_counter() - t0:.0f}s)")
    np.savez(cache / f"logits_s{seed}.npz", **out)


def softmax(z: Any) -> Any:
    s = z - z.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


ALPHAS = np.round(np.arange(0.0, 1.51, 0.125), 3)


def pick_alpha(P: Any, y: Any, prior: Any) -> float:
    scores = [macro_f1(y, np.argmax(P / prior**a, axis=1), 6) for a in ALPHAS]
    return float(ALPHAS[int(np.argmax(scores))])


def pick_offsets(L: Any, y: Any, rounds: int = 3) -> Any:
    """Per-class additive offsets on log-scores by coordinate ascent for macro-F1."""
    off = np.zeros(L.shape[1])
    grid = np.arange(-1.5, 1.51, 0.1)
    for _ in range(rounds):
        for k in range(L.shape[1]):
            best = (-1.0, 0.0)
            for g in grid:
                o = off.copy()
                o[k] = g
                s = macro_f1(y, np.argmax(L + o, axis=1), 6)
                if s > best[0] + 1e-9:
                    best = (s, g)
            off[k] = best[1]
    return off


def report(name: str, yD: Any, pred: Any, PD: Any = None) -> float:
    m = macro_f1(yD, pred, 6)
    per = " ".join(
        f"{e[:5]} {f1((yD == k).astype(np.int8), pred == k):.3f}" for k, e in enumerate(EMOTIONS)
    )
    ece = f" ece {top_label_ece(PD, yD):.3f}" if PD is not None else ""
    print(f"{name:46s} dev {m:.4f} | {per}{ece}", flush=True)
    return m


def evaluate(cache: Path, seed: int) -> None:
    from sklearn.linear_model import LogisticRegression

    lab = np.load(cache / "labels.npz")
    Ytr, Ydv = lab["Ytr"], lab["Ydv"]
    A, B = split(Ytr.shape[0], seed)
    ytr6 = np.array([data.service_label(r) for r in Ytr])
    yA, yB = ytr6[A], ytr6[B]
    yD = np.array([data.service_label(r) for r in Ydv])
    prior = np.bincount(yA, minlength=6) / len(yA)
    L = np.load(cache / f"logits_s{seed}.npz")

    def decide(name: str, LB: Any, LD: Any, calibrate: bool = True) -> None:
        """LB/LD: class log-scores. Temperature on B, then alpha (prior^-alpha) on B, and
        per-class offsets on B, each scored on dev."""
        t = fit_temperature(LB, yB) if calibrate else 1.0
        PB, PD = softmax(LB / t), softmax(LD / t)
        a = pick_alpha(PB, yB, prior)
        report(f"{name} (T {t:.2f}, alpha {a})", yD, np.argmax(PD / prior**a, axis=1), PD)
        off = pick_offsets(np.log(PB), yB)
        report(f"{name} + offsets on B", yD, np.argmax(np.log(PD) + off, axis=1))

    decide("base: six prio heads", L["six_prio_B"], L["six_prio_D"])
    decide("six multi-label heads (softmax)", L["six_multi_B"], L["six_multi_D"])
    decide(
        "mean of prio+multi logits",
        (L["six_prio_B"] + L["six_multi_B"]) / 2,
        (L["six_prio_D"] + L["six_multi_D"]) / 2,
    )
    # Priority rule over Platt-calibrated multi-label heads, thresholds tuned on B.
    from servicemind.training._customer_eval import fit_platt

    order = [EMOTIONS.index(e) for e in data.SERVICE_PRIORITY[:-1]]
    neutral = EMOTIONS.index("neutral")
    cal = [
        fit_platt(
            L["six_multi_B"][:, k],
            (
                Ytr[B][
                    :,
                    [data.FINE_TO_SERVICE.get(f, "neutral") == EMOTIONS[k] for f in FINE_EMOTIONS],
                ].max(axis=1)
                > 0
            ).astype(int),
        )
        for k in range(6)
    ]

    def probs(Z: Any) -> Any:
        return np.column_stack(
            [1 / (1 + np.exp(-(Z[:, k] * cal[k][0] + cal[k][1]))) for k in range(6)]
        )

    QB, QD = probs(L["six_multi_B"]), probs(L["six_multi_D"])

    def prio_pred(Q: Any, thr: Any) -> Any:
        pred = np.full(len(Q), neutral)
        done = np.zeros(len(Q), bool)
        for k in order:
            hit = ~done & (Q[:, k] >= thr[k])
            pred[hit] = k
            done |= hit
        return pred

    thr = np.full(6, 0.5)
    for _ in range(3):
        for k in order:
            best = (-1.0, 0.5)
            for t in np.arange(0.1, 0.91, 0.025):
                th = thr.copy()
                th[k] = t
                s = macro_f1(yB, prio_pred(QB, th), 6)
                if s > best[0] + 1e-9:
                    best = (s, t)
            thr[k] = best[1]
    report(f"priority rule on multi heads thr {np.round(thr, 2)}", yD, prio_pred(QD, thr))
    # Stackers fitted on B (multinomial LR over logits), C chosen by 5-fold CV on B.
    feats = {
        "six prio + fine 28": ("six_prio", "fine"),
        "six prio + multi + fine 28": ("six_prio", "six_multi", "fine"),
    }
    from sklearn.model_selection import cross_val_predict

    for fname, keys in feats.items():
        FB = np.hstack([L[k + "_B"] for k in keys])
        FD = np.hstack([L[k + "_D"] for k in keys])
        mu, sd = FB.mean(0), FB.std(0) + 1e-9
        FB, FD = (FB - mu) / sd, (FD - mu) / sd
        best = None
        for C in (0.03, 0.1, 0.3, 1.0):
            for cw in (None, "balanced"):
                m = LogisticRegression(C=C, class_weight=cw, max_iter=2000)
                Pcv = cross_val_predict(m, FB, yB, cv=5, method="predict_proba")
                a = pick_alpha(Pcv, yB, prior) if cw is None else 0.0
                s = macro_f1(yB, np.argmax(Pcv / prior**a, axis=1), 6)
                if best is None or s > best[0]:
                    best = (s, C, cw, a, Pcv)
        s, C, cw, a, Pcv = best
        m = LogisticRegression(C=C, class_weight=cw, max_iter=2000).fit(FB, yB)
        PD = m.predict_proba(FD)
        report(
            f"stack LR [{fname}] C {C} {cw} a {a} (B cv {s:.3f})",
            yD,
            np.argmax(PD / prior**a, axis=1),
            PD,
        )
        off = pick_offsets(np.log(Pcv), yB)
        report("  + offsets on B (cv)", yD, np.argmax(np.log(PD) + off, axis=1))
        # small MLP stacker
        from sklearn.neural_network import MLPClassifier

        bestm = None
        for h in (32, 64):
            for al in (1e-3, 1e-2, 1e-1):
                mm = MLPClassifier(
                    hidden_layer_sizes=(h,),
                    alpha=al,
                    max_iter=300,
                    early_stopping=True,
                    random_state=seed,
                )
                Pcv = cross_val_predict(mm, FB, yB, cv=5, method="predict_proba")
                a = pick_alpha(Pcv, yB, prior)
                s = macro_f1(yB, np.argmax(Pcv / prior**a, axis=1), 6)
                if bestm is None or s > bestm[0]:
                    bestm = (s, h, al, a, Pcv)
        s, h, al, a, Pcv = bestm
        mm = MLPClassifier(
            hidden_layer_sizes=(h,), alpha=al, max_iter=300, early_stopping=True, random_state=seed
        ).fit(FB, yB)
        PD = mm.predict_proba(FD)
        report(
            f"stack MLP [{fname}] h {h} alpha {al} a {a} (B cv {s:.3f})",
            yD,
            np.argmax(PD / prior**a, axis=1),
            PD,
        )


def mlp_tfidf(
    cache: Path,
    seed: int,
    k_feat: int,
    hidden: int,
    l2: float,
    lr: float,
    n_seeds: int,
    epochs: int,
) -> None:
    """One-hidden-layer MLP (softmax over the six) on the top-k chi2 TF-IDF features,
    trained on A (+ support examples, weighted by repetition), epochs chosen on B; then
    blended with the base six heads' softmax by a weight chosen on B."""
    from sklearn.feature_selection import chi2
    from sklearn.neural_network import MLPClassifier

    Xtr = sparse.load_npz(cache / "Xtr.npz").tocsr()
    Xdv = sparse.load_npz(cache / "Xdv.npz").tocsr()
    Xsup = sparse.load_npz(cache / "Xsup.npz").tocsr()
    lab = np.load(cache / "labels.npz")
    Ytr, Ydv, ysup = lab["Ytr"], lab["Ydv"], lab["ysup"]
    A, B = split(Xtr.shape[0], seed)
    ytr6 = np.array([data.service_label(r) for r in Ytr])
    yA, yB = ytr6[A], ytr6[B]
    yD = np.array([data.service_label(r) for r in Ydv])
    prior = np.bincount(yA, minlength=6) / len(yA)
    sc, _ = chi2(Xtr[A], yA)
    cols = np.sort(np.argsort(-np.nan_to_num(sc))[:k_feat])
    XA = sparse.vstack([Xtr[A][:, cols]] + [Xsup[:, cols]] * 10, format="csr")
    yAA = np.concatenate([yA] + [ysup] * 10)
    XB, XD = Xtr[B][:, cols], Xdv[:, cols]
    PBs, PDs = [], []
    for member in range(n_seeds):
        m = MLPClassifier(
            hidden_layer_sizes=(hidden,),
            alpha=l2,
            batch_size=256,
            learning_rate_init=lr,
            random_state=seed + member,
        )
        rng = np.random.RandomState(seed + member)
        best = None
        t0 = time.perf_counter()
        for ep in range(epochs):
            perm = rng.permutation(XA.shape[0])
            for i in range(0, len(perm), 4096):
                j = perm[i : i + 4096]
                m.partial_fit(XA[j], yAA[j], classes=np.arange(6))
            PB = m.predict_proba(XB)
            a = pick_alpha(PB, yB, prior)
            s = macro_f1(yB, np.argmax(PB / prior**a, axis=1), 6)
            log(f"mlp {member} epoch {ep + 1}: B {s:.4f} a {a} ({time.perf_counter() - t0:.0f}s)")
            if best is None or s > best[0] + 1e-9:
                best = (s, ep, a, PB, m.predict_proba(XD))
        s, ep, a, PB, PD = best
        report(
            f"MLP {member} k {k_feat} h {hidden} l2 {l2} lr {lr} ep {ep + 1} a {a} (B {s:.3f})",
            yD,
            np.argmax(PD / prior**a, axis=1),
            PD,
        )
        PBs.append(PB)
        PDs.append(PD)
    PB, PD = np.mean(PBs, axis=0), np.mean(PDs, axis=0)
    a = pick_alpha(PB, yB, prior)
    s = macro_f1(yB, np.argmax(PB / prior**a, axis=1), 6)
    report(f"MLP mean of {n_seeds} a {a} (B {s:.3f})", yD, np.argmax(PD / prior**a, axis=1), PD)
    L = np.load(cache / f"logits_s{seed}.npz")
    t = fit_temperature(L["six_prio_B"], yB)
    SB, SD = softmax(L["six_prio_B"] / t), softmax(L["six_prio_D"] / t)
    bestb = None
    for wgt in np.arange(0.0, 1.01, 0.1):
        QB = np.exp((1 - wgt) * np.log(SB) + wgt * np.log(PB + 1e-12))
        QB /= QB.sum(1, keepdims=True)
        aa = pick_alpha(QB, yB, prior)
        sb = macro_f1(yB, np.argmax(QB / prior**aa, axis=1), 6)
        if bestb is None or sb > bestb[0] + 1e-9:
            bestb = (sb, wgt, aa)
    sb, wgt, aa = bestb
    QD = np.exp((1 - wgt) * np.log(SD) + wgt * np.log(PD + 1e-12))
    QD /= QD.sum(1, keepdims=True)
    report(
        f"  blend with base heads w {wgt:.1f} a {aa} (B {sb:.3f})",
        yD,
        np.argmax(QD / prior**aa, axis=1),
        QD,
    )
    np.savez(cache / f"mlp_{k_feat}_{hidden}_{l2}_{lr}_{n_seeds}.npz", PB=PB, PD=PD)


def mixed_weights(cache: Path, seed: int, mixed_w: float) -> None:
    """Agreement proxy: comments whose fine labels span several service emotions (the
    priority rule decided their label) count ``mixed_w`` in the six heads' training."""
    Xtr = sparse.load_npz(cache / "Xtr.npz").tocsr()
    Xdv = sparse.load_npz(cache / "Xdv.npz").tocsr()
    Xsup = sparse.load_npz(cache / "Xsup.npz").tocsr()
    lab = np.load(cache / "labels.npz")
    Ytr, Ydv, ysup = lab["Ytr"], lab["Ydv"], lab["ysup"]
    A, B = split(Xtr.shape[0], seed)
    ytr6 = np.array([data.service_label(r) for r in Ytr])
    yB = ytr6[B]
    yD = np.array([data.service_label(r) for r in Ydv])
    prior = np.bincount(ytr6[A], minlength=6) / len(A)
    group = np.array(
        [EMOTIONS.index(data.FINE_TO_SERVICE.get(f, "neutral")) for f in FINE_EMOTIONS]
    )
    n_groups = np.array([len(set(group[r > 0])) for r in Ytr[A]])
    log(f"mixed comments in A: {int((n_groups > 1).sum())} of {len(A)}")
    XA = sparse.vstack([Xtr[A], Xsup], format="csr")
    w = np.concatenate(
        [np.where(n_groups > 1, mixed_w, 1.0), np.full(len(ysup), tc.SUPPORT_WEIGHT)]
    )
    ZB, ZD = np.zeros((len(B), 6)), np.zeros((Xdv.shape[0], 6))
    for k in range(6):
        yk = np.concatenate([ytr6[A] == k, ysup == k]).astype(np.int8)
        wk, bk = tc._lr_nblr_head(XA, yk, tc.SIX_C, None, seed, nb_c=tc.SIX_C, sample_weight=w)
        ZB[:, k] = Xtr[B] @ wk + bk
        ZD[:, k] = Xdv @ wk + bk
    t = fit_temperature(ZB, yB)
    PB, PD = softmax(ZB / t), softmax(ZD / t)
    a = pick_alpha(PB, yB, prior)
    s = macro_f1(yB, np.argmax(PB / prior**a, axis=1), 6)
    report(
        f"six heads, mixed weight {mixed_w}, seed {seed}, a {a} (B {s:.4f})",
        yD,
        np.argmax(PD / prior**a, axis=1),
        PD,
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/emo6cache"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--k-feat", type=int, default=30_000)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--mixed-weight", type=float, default=0.5)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument(
        "--stage", choices=("cache", "heads", "eval", "mlp", "weights", "all"), default="all"
    )
    a = ap.parse_args()
    a.cache.mkdir(parents=True, exist_ok=True)
    if a.stage in ("cache", "all") and not (a.cache / "Xtr.npz").exists():
        build_cache(a.data, a.cache, a.seed)
    if a.stage in ("heads", "all") and not (a.cache / f"logits_s{a.seed}.npz").exists():
        fit_heads(a.cache, a.seed)
    if a.stage in ("eval", "all"):
        evaluate(a.cache, a.seed)
    if a.stage == "weights":
        mixed_weights(a.cache, a.seed, a.mixed_weight)
    if a.stage == "mlp":
        mlp_tfidf(a.cache, a.seed, a.k_feat, a.hidden, a.l2, a.lr, a.seeds, a.epochs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
