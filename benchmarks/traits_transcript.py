"""Robustness of the agent-side traits to speech-to-text transcripts (issue 5), label-free.

    OPENBLAS_NUM_THREADS=1 PYTHONPATH=src python3 benchmarks/traits_transcript.py \
        PAIRS_DIR LABELS_A_DIR LABELS_B_DIR [--files w1,...] [--limit N] [--seed 0]

Takes the TRAIN items of the given writers (default: every writer but w31, the
speech-to-text voice), turns each conversation into what a speech-to-text system writes
(:func:`speech_to_text`: lower case, no punctuation or apostrophes, numbers as words, a
filler now and then, seeded per item), scores both versions with the shipped models and
prints per trait the mean |score change| and the Spearman with the mean label before and
after. A robust analyser moves little. The test part is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from typing import Any

import numpy as np
from scipy.stats import spearmanr

from servicemind.analyse.base import TRAITS
from servicemind.analyse.traits._calibration import apply_calibration, load_traits_model
from servicemind.training._labels import LabelledItem, mean_label
from servicemind.training._traits_cv import group_of
from servicemind.training.traits import load_dataset, rule_results

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_FILLERS = ("um", "uh", "like", "you know", "so")
#: Chance of a filler at a former punctuation mark (a clause boundary)
FILLER_RATE = 0.3
#: Chance of an "[inaudible]" mark at a former sentence end
INAUDIBLE_RATE = 0.03


def number_words(n: int) -> str:
    """``n`` (0..999999) as spoken English words; longer numbers digit by digit."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if not rest else " and " + number_words(rest))
    if n < 1_000_000:
        rest = n % 1000
        return (
            number_words(n // 1000) + " thousand" + ("" if not rest else " " + number_words(rest))
        )
    return " ".join(_ONES[int(d)] for d in str(n))


def _digits(m: re.Match[str]) -> str:
    s = m.group(0)
    if len(s) > 6 or (s.startswith("0") and len(s) > 1):
        return " ".join("oh" if d == "0" else _ONES[int(d)] for d in s)
    return number_words(int(s))


_SYMBOLS = {"&": " and ", "%": " percent ", "$": " dollars ", "£": " pounds ", "€": " euros "}
_BOUNDARY = re.compile(r"[.!?;:,]+(?=\s|$)|\n+")
_PUNCT = re.compile(r"[^\w\s\[\]]+", re.UNICODE)


def speech_to_text(text: str, rng: random.Random) -> str:
    """``text`` as a speech-to-text system writes it: deterministic given ``rng``."""
    for sym, word in _SYMBOLS.items():
        text = text.replace(sym, word)
    text = re.sub(r"(?<=\d)[.,:](?=\d)", " ", text)  # 4.50, 10:30 -> two numbers
    text = re.sub(r"(?<=\d)(?=[^\W\d_])", " ", text)  # 3pm -> 3 pm
    text = re.sub(r"\d+", _digits, text)
    pieces = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        pieces.append(text[pos : m.start()])
        mark = m.group(0)
        r = rng.random()
        if mark[0] in ".!?\n" and r < INAUDIBLE_RATE:
            pieces.append(" [inaudible] ")
        elif r < FILLER_RATE:
            pieces.append(" " + rng.choice(_FILLERS) + " ")
        else:
            pieces.append(" ")
        pos = m.end()
    pieces.append(text[pos:])
    out = "".join(pieces).replace("'", "").replace("’", "")
    out = _PUNCT.sub(" ", out).lower()
    return re.sub(r"\s+", " ", out).strip()


def transcribe_item(item: dict[str, Any], seed: int = 0) -> dict[str, Any]:
    """A copy of a labelled item with the reply and every context turn transcribed."""
    h = hashlib.sha256(f"{seed}:{item['id']}".encode()).digest()
    rng = random.Random(int.from_bytes(h[:8], "big"))
    out = dict(item)
    out["context"] = [
        {**t, "text": speech_to_text(str(t.get("text", "")), rng)} for t in item.get("context", [])
    ]
    out["reply"] = speech_to_text(str(item["reply"]), rng)
    return out


def _score(data: list[LabelledItem]) -> list[dict[str, tuple[bool, float | None]]]:
    results, ctxs, _ = rule_results(data)
    model = load_traits_model()
    if model is not None:
        for r, c in zip(results, ctxs, strict=True):
            apply_calibration(model, r, c)
    return [{t: (r[t].applicable, r[t].score) for t in TRAITS} for r in results]


def _rho(pred: list[float], gold: list[float]) -> float:
    return float(spearmanr(pred, gold).statistic) if len(pred) > 2 else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--files", default=None, help="writers (default: all but w31)")
    ap.add_argument("--limit", type=int, default=0, help="every k-th item only (speed)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    files = set(args.files.split(",")) if args.files else None
    data = [
        li
        for li in load_dataset(args.pairs, args.labels_a, args.labels_b)
        if li.split == "train"
        and (group_of(li.id) in files if files else group_of(li.id) != "w31")
        and li.item.get("channel") != "phone"  # phone items may already read as spoken
    ]
    if args.limit:
        data = data[:: args.limit]
    asr = [
        LabelledItem(id=li.id, item=transcribe_item(li.item, args.seed), passes=li.passes)
        for li in data
    ]
    before, after = _score(data), _score(asr)
    table: dict[str, dict[str, float]] = {}
    for t in TRAITS:
        rows = [
            (b[t][1], a[t][1], mean_label(li, t))
            for li, b, a in zip(data, before, after, strict=True)
            if b[t][1] is not None and a[t][1] is not None and mean_label(li, t) is not None
        ]
        d = [abs(float(x) - float(y)) for x, y, _ in rows]
        table[t] = {
            "n": len(rows),
            "mean_abs_delta": round(float(np.mean(d)), 4),
            "rho_before": round(_rho([float(x) for x, _, _ in rows], [g for *_, g in rows]), 4),
            "rho_after": round(_rho([float(y) for _, y, _ in rows], [g for *_, g in rows]), 4),
            "applicable_flips": sum(b[t][0] != a[t][0] for b, a in zip(before, after, strict=True)),
        }
    print(json.dumps({"n_items": len(data), "traits": table}, indent=1))
    print("\n| trait | n | mean abs delta | rho punctuated | rho transcript | applic. flips |")
    print("|---|---:|---:|---:|---:|---:|")
    for t, v in table.items():
        print(
            f"| {t} | {v['n']} | {v['mean_abs_delta']:.3f} | {v['rho_before']:.3f} | "
            f"{v['rho_after']:.3f} | {v['applicable_flips']} |"
        )
    cols = ("mean_abs_delta", "rho_before", "rho_after")
    print("| mean | | " + " | ".join(f"{np.mean([table[t][c] for t in TRAITS]):.4f}" for c in cols))


if __name__ == "__main__":
    main()
