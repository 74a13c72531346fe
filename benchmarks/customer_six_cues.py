"""Experiment (issue 4): confusion and anxiety inputs for the six-emotion support-text stack.

The stack (``servicemind.analyse._six_stack``, customer model 1.6.0 on) reads the six heads'
logits, seven cue families that are all about disappointment or sadness, and whether the
turn asks or exclaims. This script measures what inputs for the two weakest classes add:
cue families for not understanding, asking how or why, contradiction, worry and fear,
urgency and time pressure (``lexicons/customer_emotion.json``), and the fine heads' own
confusion / curiosity / nervousness / fear logits.

Stage ``logits`` (slow, ~11 six-head fits; the tf-idf matrices come from, or go to, the
``--cache`` of ``customer_support_experiments.py``): the support TRAIN turns' out-of-writer
six logits (5 writer folds, the shipped share of mass), and a round-out: everything fitted
WITHOUT ``--roundout`` writers (their out-of-writer logits on the other writers, heads on
all the other writers for GoEmotions dev and for the held-out writers' TRAIN turns). The
support test part (SHA-256 of the id mod 100 < 20) is never read.

Stage ``eval`` (seconds): for each input variant, the stack fitted as
``servicemind train customer`` fits it (``training.customer.fit_six_stack``: support rows +
GoEmotions dev rows, writer folds + dev folds, nested), reporting GoEmotions dev 5-fold
cross-fit and the writer folds (each scored by a stack fitted on the others), then the
round-out writers scored by a stack fitted without them. Texts are never printed::

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/customer_six_cues.py \\
        --data ../shared/data --cache /tmp/six17/cache --stage logits --roundout w43,w44,w45
    PYTHONPATH=src python3 benchmarks/customer_six_cues.py --data ../shared/data \\
        --cache /tmp/six17/cache --stage eval --roundout w43,w44,w45
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

from servicemind.analyse._cues import load_lexicon
from servicemind.analyse._six_stack import CUE_FAMILIES, cue_matrix, stack_probabilities
from servicemind.analyse.base import FINE_EMOTIONS
from servicemind.training import _customer_data as data
from servicemind.training import customer as tc

sys.path.insert(0, str(Path(__file__).resolve().parent))
import customer_support_experiments as ex
from customer_six_stack import header, row


def log(msg: str) -> None:
    print(f"[six-cues] {msg}", file=sys.stderr, flush=True)


def logits(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    m = ex.vectorised(args)
    Xtr, Xdv, Xsup, Xt = (m[k].tocsr() for k in ("Xtr", "Xdv", "Xsup", "Xt"))
    ytr6, ysup, yt, writers = m["ytr6"], m["ysup"], m["yt"], m["writers"]
    base_X = sparse.vstack([Xtr, Xsup], format="csr")
    base_y = np.concatenate([ytr6, ysup])
    base_w = np.concatenate([np.ones(len(ytr6)), np.full(len(ysup), tc.SUPPORT_WEIGHT)])

    fit = ex.six_fitter((base_X, base_y, base_w), len(ytr6), Xt, yt, args.seed)

    def oof(rows: np.ndarray) -> np.ndarray:
        """Out-of-writer logits of the turns ``rows`` (writer folds among them)."""
        z = np.zeros((len(rows), 6))
        for ev in data.writer_folds([writers[i] for i in rows], tc.SIX_STACK_FOLDS):
            W, b = fit(rows[np.setdiff1d(np.arange(len(rows)), ev)])
            z[ev] = np.asarray(Xt[rows[ev]] @ W) + b
            log(f"out-of-writer fold done ({time.perf_counter() - t0:.0f}s)")
        return z

    everyone = np.arange(len(yt))
    out = args.cache / "six_oof_all.npz"
    if not out.exists():
        np.savez(out, z=oof(everyone), y=yt)
    hold = set(args.roundout.split(","))
    keep = np.array([i for i in everyone if writers[i] not in hold])
    held = np.array([i for i in everyone if writers[i] in hold])
    z_keep = oof(keep)
    W, b = fit(keep)
    np.savez(
        args.cache / f"six_roundout_{'_'.join(sorted(hold))}.npz",
        keep=keep,
        held=held,
        z_keep=z_keep,
        z_dev=np.asarray(Xdv @ W) + b,
        z_held=np.asarray(Xt[held] @ W) + b,
    )
    log(f"done ({time.perf_counter() - t0:.0f}s)")


#: The new cue families (keys of lexicons/customer_emotion.json) and fine labels tried.
NEW_FAMILIES = ("confusion", "how_why", "contradiction", "worry", "urgency")
FINE = ("confusion", "curiosity", "nervousness", "fear")
#: The cue families of model 1.6.6's stack (the baseline of every variant).
FAMILIES_166 = CUE_FAMILIES[:7]


def family_columns(texts: list[str], names: tuple[str, ...]) -> np.ndarray:
    """0/1 per text and family (whole-word match on the lower-cased text, as the stack's)."""
    lex = load_lexicon("customer_emotion.json")
    pats = [re.compile(r"(?<!\w)(?:" + "|".join(lex[n]) + r")(?!\w)") for n in names]
    low = [t.lower() for t in texts]
    return np.array([[p.search(t) is not None for p in pats] for t in low], dtype=np.float64)


def inputs(texts: list[str], fine: np.ndarray) -> dict[str, np.ndarray]:
    """The candidate input blocks of ``texts`` (``fine``: their n x 28 fine logits)."""
    # model 1.6.6's inputs: its seven families, then the question and exclamation inputs
    base = cue_matrix(texts)[:, [CUE_FAMILIES.index(f) for f in FAMILIES_166] + [-2, -1]]
    return {
        "base": base,
        "families": family_columns(texts, NEW_FAMILIES),
        "confusion_worry": family_columns(texts, ("confusion", "worry")),
        "fine": fine[:, [FINE_EMOTIONS.index(f) for f in FINE]],
        "qq": np.array([[("??" in t) or ("?!" in t) or ("!?" in t)] for t in texts], dtype=float),
    }


VARIANTS: dict[str, tuple[str, ...]] = {
    "model 1.6.6 inputs": ("base",),
    "+ 5 cue families": ("base", "families"),
    "+ 4 fine logits": ("base", "fine"),
    "+ families + fine logits": ("base", "families", "fine"),
    "+ families + fine logits + ??": ("base", "families", "fine", "qq"),
    "+ confusion and worry families only (model 1.6.7; after the runs above)": (
        "base",
        "confusion_worry",
    ),
}


def evaluate(args: argparse.Namespace) -> None:
    from servicemind.analyse._customer import get_model, normalised

    texts, yt, writers = data.load_support_turns(split="train")
    if not np.array_equal(np.load(args.cache / "six_oof_all.npz")["y"], yt):
        raise SystemExit("the cached logits do not match the train turns: run --stage logits")
    dv_txt, Ydv = data.load_goemotions(args.data, "dev")
    ydv = np.array([data.service_label(r) for r in Ydv])
    m = get_model()  # the shipped fine heads never fitted support turns or dev
    fine_t, fine_d = m.decision(normalised(texts), "fine"), m.decision(normalised(dv_txt), "fine")
    it, idv = inputs(texts, fine_t), inputs(dv_txt, fine_d)
    z = np.load(args.cache / "six_oof_all.npz")["z"]
    z_dv = m.decision(normalised(dv_txt), "six")  # the shipped heads, as the trainer's dev rows
    ro = np.load(args.cache / f"six_roundout_{'_'.join(sorted(args.roundout.split(',')))}.npz")
    keep, held = ro["keep"], ro["held"]
    kw = [writers[i] for i in keep]
    out: dict[str, list[str]] = {"folds": [], "dev": [], "held": []}
    names = (
        list(VARIANTS)
        if not args.variants
        else [list(VARIANTS)[int(i)] for i in args.variants.split(",")]
    )
    for name in names:
        blocks = VARIANTS[name]
        ct = np.hstack([it[b] for b in blocks])
        cd = np.hstack([idv[b] for b in blocks])
        folds, dom = tc.stack_folds(writers, len(ydv), args.seed)
        st = tc.fit_six_stack(
            np.vstack([z, z_dv]), np.vstack([ct, cd]), np.concatenate([yt, ydv]), folds, dom
        )
        s = dom == 0
        nl, npr = st["nested_label"], st["nested_p"]
        out["folds"].append(row(name, yt, nl[s], npr[s]))
        out["dev"].append(row(name, ydv, nl[~s], npr[~s]))
        folds, dom = tc.stack_folds(kw, len(ydv), args.seed)
        rt = tc.fit_six_stack(
            np.vstack([ro["z_keep"], ro["z_dev"]]),
            np.vstack([ct[keep], cd]),
            np.concatenate([yt[keep], ydv]),
            folds,
            dom,
        )
        p = stack_probabilities(ro["z_held"], ct[held], rt["weights"])
        out["held"].append(row(name, yt[held], np.argmax(p * rt["label_weight"], axis=1), p))
        log(f"{name}: alpha {st['alpha']}, round-out alpha {rt['alpha']}")
    print()
    header(f"support TRAIN turns, 5 writer folds, nested ({len(yt)})")
    print("\n".join(out["folds"]))
    print()
    header(f"GoEmotions dev, stack 5-fold cross-fit ({len(ydv)})")
    print("\n".join(out["dev"]))
    print()
    header(f"{args.roundout} TRAIN turns, everything fitted without them ({len(held)})")
    print("\n".join(out["held"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--stage", choices=("logits", "eval"), default="eval")
    ap.add_argument("--roundout", default="w43,w44,w45")
    ap.add_argument("--seed", type=int, default=0, help="seed of the stack's GoEmotions dev folds")
    ap.add_argument("--variants", default="", help="indices into VARIANTS, e.g. 0,1 (default all)")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.stage == "logits":
        logits(args)
    else:
        evaluate(args)


if __name__ == "__main__":
    main()
