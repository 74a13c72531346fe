"""Which sentence-form feature groups of the commitment model carry over to new writers.

    PYTHONPATH=src python3 benchmarks/commitments_features.py [--forms shipped|none|time,...]
        [--c 0.3] [--veto 0.3] [--adds 0.3,0.35,0.4,0.5] [--errors N] [--round-out 30]

For a set of feature groups (``analyse._commitment_model.FORMS``; ``shipped`` leaves them as
they are, ``none`` is the recipe before them) and the code as it stands (rules, gate,
guards), two measurements, neither of which reads the test part. With ``--round-out K``
(default 30: the tenth round w30-w33):

* **LOWO**: leave-one-writer-out on the train part of w1..w(K-1), holding out each of
  w6..w(K-1) in turn (fit on every other writer's train items; rule features from rules
  that had not read the writer, as the trainer does);
* **round-out**: fit on that train part, score every item of wK..w(K+3) and, apart, their
  train part (writers no rule and no model was made from).

Printed per add threshold: P / R / F1 vs pass A and pass B. ``--errors N`` prints N LOWO
misses and N false alarms of the held-out train part (the only errors one may read; never
the round-out writers').
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

from servicemind.analyse import _commitment_model as cm
from servicemind.training._labels import _overlap, span_f1
from servicemind.training.commitments import (
    UNSEEN_RULES,
    VERSION,
    Example,
    combined_spans,
    fit,
    load_examples,
    load_unseen_rules,
)

ROOT = Path("training/data/traits")
#: The rounds read so far (fit), those held out one at a time, and the round-out writers
#: (never read: fitted without, every item scored). ``--round-out`` moves the cut.
ROUND_OUT = 30
ROUND_SIZE = 4


def _prf(examples: Sequence[Example], preds: Sequence[Sequence[tuple[int, int]]]) -> dict:
    out = {}
    for n in "AB":
        r = span_f1(preds, [ex.gold[n] for ex in examples])
        out[n] = [round(r["precision"], 3), round(r["recall"], 3), round(r["f1"], 4)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", default="shipped")
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--veto", type=float, default=0.3)
    ap.add_argument("--adds", default="0.3,0.35,0.4,0.5")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument(
        "--timed",
        default="",
        help="add thresholds of sentences with a future time to try beside each --adds "
        "value (SentenceModel.add_timed), e.g. 0.2,0.25,0.3",
    )
    ap.add_argument("--skip-lowo", action="store_true")
    ap.add_argument(
        "--transcripts",
        action="store_true",
        help="also score the held-out train items as speech-to-text twins (LOWO models)",
    )
    ap.add_argument("--round-out", type=int, default=ROUND_OUT, help="first round-out writer")
    ap.add_argument(
        "--by-language",
        action="store_true",
        help="also P / R / F1 and error counts per reply language (first --adds setting), "
        "LOWO and round-out: counts only, no text",
    )
    args = ap.parse_args()
    first = args.round_out
    seen = tuple(f"w{i}" for i in range(1, first))
    held_writers = tuple(f"w{i}" for i in range(6, first))
    round_writers = tuple(
        f"w{i}"
        for i in range(first, first + ROUND_SIZE)
        if (ROOT / "pairs" / f"w{i}.jsonl").exists()  # the last round may have three writers
    )
    if args.forms != "shipped":
        cm.FORMS = frozenset() if args.forms == "none" else frozenset(args.forms.split(","))
    adds = [float(a) for a in args.adds.split(",")]
    timeds = [float(a) for a in args.timed.split(",") if a]
    settings: list[tuple[str, float, float | None]] = [(str(a), a, None) for a in adds]
    settings += [(f"{a}/timed {t}", a, t) for a in adds for t in timeds if t < a]
    t0 = time.time()
    unseen = load_unseen_rules(ROOT / UNSEEN_RULES)
    train = load_examples(ROOT, seen, unseen=unseen)
    out: dict[str, object] = {"forms": sorted(cm.FORMS), "C": args.c, "veto": args.veto}
    if not args.skip_lowo:
        held = [ex for ex in train if ex.writer in held_writers]
        models = {}
        for w in held_writers:
            weights, bias = fit([ex for ex in train if ex.writer != w], args.c)
            models[w] = (weights, bias)
        lowo = {}
        for key, add, timed in settings:
            preds = [
                combined_spans(
                    ex, cm.SentenceModel(*models[ex.writer], args.veto, add, VERSION, timed)
                )
                for ex in held
            ]
            lowo[key] = _prf(held, preds)
        out["lowo"] = lowo
        if args.transcripts:
            twins = [t for t in map(_twin, held) if t is not None]
            out["transcripts"] = {"items": len(twins)}
            for key, add, timed in settings:
                preds = [
                    combined_spans(
                        ex, cm.SentenceModel(*models[ex.writer], args.veto, add, VERSION, timed)
                    )
                    for ex in twins
                ]
                out["transcripts"][key] = _prf(twins, preds)
            out["transcripts"]["rules"] = _prf(twins, [ex.rules for ex in twins])
        if args.by_language:
            key, add, timed = settings[0]
            preds = [
                combined_spans(
                    ex, cm.SentenceModel(*models[ex.writer], args.veto, add, VERSION, timed)
                )
                for ex in held
            ]
            out["lowo_by_language"] = _by_language(held, preds)
        if args.errors:
            add = 0.4 if 0.4 in adds else adds[0]
            _errors(held, models, args.veto, add, args.errors)
    rnd = load_examples(ROOT, round_writers, split="all")
    weights, bias = fit(train, args.c)
    roundout = {}
    for key, add, timed in settings:
        model = cm.SentenceModel(weights, bias, args.veto, add, VERSION, timed)
        preds = [combined_spans(ex, model) for ex in rnd]
        tr = [i for i, ex in enumerate(rnd) if _is_train(ex)]
        roundout[key] = {
            "all": _prf(rnd, preds),
            "train": _prf([rnd[i] for i in tr], [preds[i] for i in tr]),
        }
    out["roundout"] = roundout
    if args.by_language:
        key, add, timed = settings[0]
        model = cm.SentenceModel(weights, bias, args.veto, add, VERSION, timed)
        out["roundout_by_language"] = _by_language(rnd, [combined_spans(ex, model) for ex in rnd])
    out["rules_roundout_all"] = _prf(rnd, [ex.rules for ex in rnd])
    out["seconds"] = round(time.time() - t0)
    print(json.dumps(out))


def _twin(ex: Example) -> Example | None:
    """``ex`` as a speech-to-text call writes it (benchmarks/traits_transcript.py: lower case,
    no punctuation or apostrophes, numbers as words, fillers), its gold spans found again by
    transcribing each span alone; ``None`` when a span is not found in the transcript. Rule
    spans come from today's rules (no rule was written from a transcript)."""
    import hashlib

    from servicemind.analyse.commitments import _rule_commitments
    from traits_transcript import speech_to_text

    seed = int.from_bytes(hashlib.sha256(ex.id.encode()).digest()[:8], "big")
    reply = speech_to_text(ex.reply, random.Random(seed))
    gold: dict[str, list[tuple[int, int]]] = {}
    for n in "AB":
        gold[n] = []
        for s, e in ex.gold[n]:
            g = speech_to_text(ex.reply[s:e], random.Random(1))
            i = reply.find(g)
            if not g or i < 0:
                return None
            gold[n].append((i, i + len(g)))
    spans = [(c.start, c.end, c.due is not None) for c in _rule_commitments(reply)]
    return Example(
        ex.id,
        ex.writer,
        reply,
        [(s, e) for s, e, _ in spans],
        cm.scored_sentences(reply, spans),
        gold,
    )


def _by_language(
    examples: Sequence[Example], preds: Sequence[Sequence[tuple[int, int]]]
) -> dict[str, dict[str, object]]:
    """Per reply language (the pair's ``language``): items, P / R / F1 vs A and B."""
    from servicemind.training._labels import load_writer_files

    writers = sorted({ex.writer for ex in examples}, key=lambda w: int(w[1:]))
    lang = {li.id: li.item.get("language", "?") for li in load_writer_files(ROOT, writers)}
    groups: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        groups.setdefault(str(lang.get(ex.id, "?")), []).append(i)
    return {
        g: {"items": len(ix), **_prf([examples[i] for i in ix], [preds[i] for i in ix])}
        for g, ix in sorted(groups.items(), key=lambda kv: -len(kv[1]))
    }


def _is_train(ex: Example) -> bool:
    from servicemind.training._labels import split_of

    return split_of(ex.id) == "train"


def _errors(held: Sequence[Example], models: dict, veto: float, add: float, n: int) -> None:
    fns, fps = [], []
    for ex in held:
        pred = combined_spans(ex, cm.SentenceModel(*models[ex.writer], veto, add, VERSION))
        both = [g for g in ex.gold["A"] if any(_overlap(g, t) for t in ex.gold["B"])]
        either = ex.gold["A"] + ex.gold["B"]
        for g in both:
            if not any(_overlap(p, g) for p in pred):
                fns.append(f"{ex.id} FN «{ex.reply[g[0] : g[1]]}»")
        for p in pred:
            if not any(_overlap(p, g) for g in either):
                fps.append(f"{ex.id} FP «{ex.reply[p[0] : p[1]]}»")
    rng = random.Random(0)
    for title, rows in (("misses", fns), ("false alarms", fps)):
        print(f"## {title}: {len(rows)}")
        for row in rng.sample(rows, min(n, len(rows))):
            print(row.replace("\n", " / "))


if __name__ == "__main__":
    main()
