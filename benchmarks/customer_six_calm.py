"""Experiment (issue 4, trial 18 finding 13): calm-request, thanks and resolution inputs for
the six-emotion support-text stack.

"Hi, I was charged twice for my card annual fee, £95 each time. Can you fix it?" read angry
0.94 with model 1.6.8. The six heads' angry-minus-neutral margin on it comes from n-grams
that the team's labelled support turns only ever wrote angrily ("fix it": 39 angry train
turns, no neutral one; "each time" 31 angry of 37; the "£" character n-gram), and the stack
amplifies the heads' margin. Nothing among the stack's inputs says that the turn is framed
as a polite request. This script measures three general cue families
(``lexicons/customer_emotion.json``) as extra stack inputs: ``calm_request`` (please, could
you, would you, thanks in advance, kind regards; seven languages), ``thanks`` (a thank-you
in any of the corpus's languages: "Vielen Dank" read neutral) and ``resolved`` ("works
again", "sorted", "funktioniert wieder").

Stage ``logits`` (slow, five six-head fits): the support TRAIN turns' out-of-writer six
logits (5 writer folds, the shipped share of mass, features from the shipped vectoriser),
cached in ``--cache``. The support test part (SHA-256 of the id mod 100 < 20) is never
read. Stage ``eval`` (seconds): each variant's stack fitted as ``servicemind train
customer`` fits it (``training.customer.fit_six_stack``), for the seeds of the dev folds
given; writer folds (each scored by a stack fitted on the others) and GoEmotions dev 5-fold
cross-fit. Texts are never printed::

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/customer_six_calm.py \\
        --data ../shared/data --cache /tmp/cust19/cache --stage logits
    PYTHONPATH=src python3 benchmarks/customer_six_calm.py --data ../shared/data \\
        --cache /tmp/cust19/cache --stage eval --seeds 0,1,2
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

from servicemind.analyse._customer import get_model, normalised
from servicemind.analyse._normalise import normalise
from servicemind.analyse._six_stack import cue_matrix
from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS
from servicemind.training import _customer_data as data
from servicemind.training import customer as tc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from customer_six_cues import family_columns
from customer_six_stack import header, row


def log(msg: str) -> None:
    print(f"[six-calm] {msg}", file=sys.stderr, flush=True)


def logits(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    m = get_model()
    tr_txt, Ytr = data.load_goemotions(args.data, "train")
    sup_lab, sup_txt = data.load_own_examples("support_emotions.tsv")
    texts, yt, writers = data.load_support_turns(split="train")

    def vec(txt: list[str]) -> sparse.csr_matrix:
        return m.transform([normalise(t) for t in txt]).astype(np.float64)

    Xtr, Xsup, Xt = vec(tr_txt), vec(sup_txt), vec(texts)
    log(f"vectorised ({time.perf_counter() - t0:.0f}s)")
    ytr6 = np.array([data.service_label(r) for r in Ytr])
    base = (
        sparse.vstack([Xtr, Xsup], format="csr"),
        np.concatenate([ytr6, [EMOTIONS.index(s) for s in sup_lab]]),
        np.concatenate([np.ones(len(ytr6)), np.full(len(sup_lab), tc.SUPPORT_WEIGHT)]),
    )
    z = np.zeros((len(yt), len(EMOTIONS)))
    for k, ev in enumerate(data.writer_folds(writers, tc.SIX_STACK_FOLDS)):
        keep = np.setdiff1d(np.arange(len(yt)), ev)
        w = tc.turn_weight(tc.TURN_SHARE_SIX, len(ytr6), len(keep))
        W, b = tc._six_heads(
            sparse.vstack([base[0], Xt[keep]], format="csr"),
            np.concatenate([base[1], yt[keep]]),
            np.concatenate([base[2], np.full(len(keep), w)]),
            args.seed,
        )
        z[ev] = np.asarray(Xt[ev] @ W) + b
        log(f"out-of-writer fold {k + 1} ({time.perf_counter() - t0:.0f}s)")
    args.cache.mkdir(parents=True, exist_ok=True)
    np.savez(args.cache / "six_oof_calm.npz", z=z, y=yt)


#: The candidate families (keys of lexicons/customer_emotion.json).
NEW = ("calm_request", "thanks", "resolved")
#: Fine (GoEmotions-only) heads that read anger; they never fitted a support turn, so on
#: the calm double-charge turn they said neutral where the six heads said angry.
FINE_ANGER = ("anger", "annoyance", "disapproval")
#: Model 1.6.8's stack inputs: the first nine families of CUE_FAMILIES, then ? and !.
BASE_COLUMNS = [*range(9), -2, -1]

VARIANTS: dict[str, tuple[str, ...]] = {
    "shipped inputs (1.6.8)": (),
    "+ calm_request": ("calm_request",),
    "+ thanks, resolved": ("thanks", "resolved"),
    "+ calm_request, thanks, resolved": NEW,
    "+ the three families + fine anger logits (after the runs above)": (*NEW, "fine"),
}


def load_rows(
    args: argparse.Namespace,
) -> tuple[list[str], np.ndarray, list[str], list[str], np.ndarray, np.ndarray]:
    """The stack's rows: the support TRAIN turns (texts, labels, writers) with their cached
    out-of-writer six logits, then GoEmotions dev (texts, labels) with the shipped heads'
    logits; returns texts, labels and writers of the turns, dev texts and labels, and the
    logits of all rows."""
    texts, yt, writers = data.load_support_turns(split="train")
    cached = np.load(args.cache / "six_oof_calm.npz")
    if not np.array_equal(cached["y"], yt):
        raise SystemExit("the cached logits do not match the train turns: run --stage logits")
    dv_txt, Ydv = data.load_goemotions(args.data, "dev")
    ydv = np.array([data.service_label(r) for r in Ydv])
    z_dv = get_model().decision(normalised(dv_txt), "six")  # the shipped heads' dev rows
    return texts, yt, writers, dv_txt, ydv, np.vstack([cached["z"], z_dv])


def evaluate(args: argparse.Namespace) -> None:
    texts, yt, writers, dv_txt, ydv, z = load_rows(args)
    names = (*NEW, "fine")
    base_t, base_d = cue_matrix(texts)[:, BASE_COLUMNS], cue_matrix(dv_txt)[:, BASE_COLUMNS]
    m = get_model()  # the fine heads never fitted a support turn or dev
    anger = [FINE_EMOTIONS.index(f) for f in FINE_ANGER]
    fine_t = m.decision(normalised(texts), "fine")[:, anger]
    fine_d = m.decision(normalised(dv_txt), "fine")[:, anger]
    fam_t = np.hstack([family_columns(texts, NEW), fine_t])
    fam_d = np.hstack([family_columns(dv_txt, NEW), fine_d])
    log(
        "share of rows with each family (train turns / dev): "
        + ", ".join(
            f"{n} {fam_t[:, j].mean():.3f}/{fam_d[:, j].mean():.3f}" for j, n in enumerate(NEW)
        )
    )
    y = np.concatenate([yt, ydv])
    variants = []
    for name, fams in VARIANTS.items():
        cols = [c for f in fams for c in ([names.index(f)] if f != "fine" else [3, 4, 5])]
        variants.append(
            (
                name,
                np.vstack(
                    [np.hstack([base_t, fam_t[:, cols]]), np.hstack([base_d, fam_d[:, cols]])]
                ),
            )
        )
    report_variants(z, y, writers, [int(s) for s in args.seeds.split(",")], variants)


def report_variants(
    z: np.ndarray,
    y: np.ndarray,
    writers: list[str],
    seeds: list[int],
    variants: list[tuple[str, np.ndarray]],
) -> None:
    """Per seed of the dev folds, each variant's stack (``variants``: name and cue inputs of
    every row: the ``len(writers)`` support turns, then GoEmotions dev) fitted as the trainer
    fits it; prints the writer-fold and dev cross-fit tables."""
    n = len(writers)
    yt, ydv = y[:n], y[n:]
    for seed in seeds:
        folds, dom = tc.stack_folds(writers, len(ydv), seed)
        s = dom == 0
        out_f, out_d = [], []
        for name, c in variants:
            st = tc.fit_six_stack(z, c, y, folds, dom)
            nl, npr = st["nested_label"], st["nested_p"]
            out_f.append(row(name, yt, nl[s], npr[s]))
            out_d.append(row(name, ydv, nl[~s], npr[~s]))
            log(f"seed {seed} {name}: alpha {st['alpha']}")
        print(f"\nseed {seed}", flush=True)
        header(f"support TRAIN turns, 5 writer folds, nested ({len(yt)})")
        print("\n".join(out_f))
        header(f"GoEmotions dev, stack 5-fold cross-fit ({len(ydv)})")
        print("\n".join(out_d), flush=True)


def stage_parser(doc: str) -> argparse.ArgumentParser:
    """The options of a two-stage (cached logits, then eval) stack experiment."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--stage", choices=("logits", "eval"), default="eval")
    ap.add_argument("--seed", type=int, default=0, help="seed of the heads' fits (logits)")
    ap.add_argument("--seeds", default="0,1,2", help="seeds of the stack's dev folds (eval)")
    return ap


def main() -> None:
    args = stage_parser(__doc__).parse_args()
    if args.stage == "logits":
        logits(args)
    else:
        evaluate(args)


if __name__ == "__main__":
    main()
