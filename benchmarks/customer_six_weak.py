"""Experiment (issue 4, trials 19 and 20): cue families for the three weak classes of the
six-emotion support-text stack: disappointed, confused and anxious as new writers write them.

Reviewers writing support text the corpus never saw found disappointed and confused
almost never predicted (trial 20: 0 of 8 and 0 of 5; trial 19: 1 of 12) and worry about a
deadline in the customer's own life read neutral outside English. The stack's existing
families carry the explicit words ("disappointed", "I don't understand", "worried"). Three
general families (``lexicons/customer_emotion.json``, the corpus's seven languages, written
from the guideline and the languages' grammar, not from any item):

* ``unmet_hope``: a hope or expectation that was not met, without the word
  "disappointed" ("I was really looking forward", "so much for …", "je m'attendais à
  mieux", "ich hatte mich so gefreut", "me hacía mucha ilusión");
* ``which_or``: a question about the process or the charge itself: alternatives ("do I …
  or …?", "or just the last one", "or both"), "which one / which of these", "where do I
  find", "can't find it", "does that mean";
* ``own_deadline``: a stake in the customer's own life that the problem threatens (a
  flight, the rent, a medical appointment, a job interview, a baby at home, "I need it by
  Monday", "j'ai un vol", "mein Flug").

Shipped (model 1.9.0) as the last variant: each family joins the pattern of its nearest
stack input (``_six_stack.JOINED``) instead of being an input of its own.

Same protocol as ``customer_six_calm.py`` (whose ``--stage logits`` cache this script
reads: the support TRAIN turns' out-of-writer six logits; the test part is never read):
each variant's stack is fitted as ``servicemind train customer`` fits it
(``training.customer.fit_six_stack``), writer folds nested and GoEmotions dev 5-fold
cross-fit, for the seeds of the dev folds given. Texts are never printed::

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/customer_six_weak.py \\
        --data ../shared/data --cache /tmp/cust19/cache --seeds 0,1,2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from servicemind.analyse.base import EMOTIONS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from customer_six_calm import load_rows, report_variants
from customer_six_cues import family_columns

#: Model 1.8.0's stack families, in its input order (then ? and !).
SHIPPED = (
    "letdown", "sadness", "bereavement", "embarrassment", "expectation", "resignation",
    "sad_emoji", "confusion", "worry", "calm_request", "thanks", "resolved",
)  # fmt: skip
NEW = ("unmet_hope", "which_or", "own_deadline")
#: Each new family's nearest shipped one, for the "joined" variant (no new input: the
#: phrases join the shipped family's pattern).
MERGE_INTO = {"unmet_hope": "letdown", "which_or": "confusion", "own_deadline": "worry"}

VARIANTS: dict[str, tuple[str, ...]] = {
    "shipped inputs (1.8.0)": (),
    "+ unmet_hope": ("unmet_hope",),
    "+ which_or": ("which_or",),
    "+ own_deadline": ("own_deadline",),
    "+ the three": NEW,
    "the three joined into letdown, confusion, worry": ("joined",),
}


def log(msg: str) -> None:
    print(f"[six-weak] {msg}", file=sys.stderr, flush=True)


def columns(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Shipped inputs (12 families, ?, !), the new families, and the shipped inputs with
    the new families OR-ed into their nearest shipped family."""
    fam = family_columns(texts, SHIPPED)
    marks = np.array([["?" in t or "¿" in t, "!" in t or "¡" in t] for t in texts], float)
    new = family_columns(texts, NEW)
    merged = fam.copy()
    for j, n in enumerate(NEW):
        k = SHIPPED.index(MERGE_INTO[n])
        merged[:, k] = np.maximum(merged[:, k], new[:, j])
    return np.hstack([fam, marks]), new, np.hstack([merged, marks])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--cache", type=Path, required=True, help="customer_six_calm.py's cache")
    ap.add_argument("--seeds", default="0,1,2", help="seeds of the stack's dev folds")
    ap.add_argument("--variants", default=None, help="comma-separated variant numbers")
    args = ap.parse_args()
    texts, yt, writers, dv_txt, ydv, z = load_rows(args)
    y = np.concatenate([yt, ydv])
    base_t, new_t, merged_t = columns(texts)
    base_d, new_d, merged_d = columns(dv_txt)
    log(
        "share of rows with each new family (train turns / dev): "
        + ", ".join(
            f"{n} {new_t[:, j].mean():.3f}/{new_d[:, j].mean():.3f}" for j, n in enumerate(NEW)
        )
    )
    for j, n in enumerate(NEW):
        counts = np.bincount(yt[new_t[:, j] > 0], minlength=6)
        log(f"{n}: train turns per gold class {dict(zip(EMOTIONS, counts.tolist(), strict=True))}")
    chosen = list(VARIANTS.items())
    if args.variants:
        chosen = [chosen[int(k)] for k in args.variants.split(",")]
    variants = []
    for name, fams in chosen:
        if fams == ("joined",):
            c = np.vstack([merged_t, merged_d])
        else:
            cols = [NEW.index(f) for f in fams]
            c = np.vstack(
                [np.hstack([base_t, new_t[:, cols]]), np.hstack([base_d, new_d[:, cols]])]
            )
        variants.append((name, c))
    report_variants(z, y, writers, [int(s) for s in args.seeds.split(",")], variants)


if __name__ == "__main__":
    main()
