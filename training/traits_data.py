"""Labelled trait data: merge the two passes, report agreement, show the split.

    python3 training/traits_data.py PAIRS_DIR LABELS_A_DIR LABELS_B_DIR [--report training/traits-agreement.md]

Reads the items and both label passes (see training/guidelines/traits.md), and writes the
agreement report: Cohen's kappa per trait (plain and quadratic-weighted, on the items both
passes scored 0/1/2), agreement on applicability (both scored vs "na"), kappa on
``overall`` and the pass-vs-pass F1 of commitment spans. Also prints the deterministic
80/20 split sizes (test = SHA-256 of the id mod 100 < 20; never tuned on).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from servicemind.analyse.base import TRAITS
from servicemind.training._labels import (
    LabelledItem,
    cohen_kappa,
    gold_spans,
    load_items,
    load_labels,
    merge,
    span_f1,
)


def agreement(data: list[LabelledItem]) -> dict[str, Any]:
    both = [li for li in data if "A" in li.passes and "B" in li.passes]
    out: dict[str, Any] = {"n_items": len(data), "n_double": len(both), "traits": {}}
    for t in TRAITS:
        pairs = [(li.passes["A"][t], li.passes["B"][t]) for li in both]
        num = [(a, b) for a, b in pairs if a != "na" and b != "na"]
        app_a = [int(a != "na") for a, _ in pairs]
        app_b = [int(b != "na") for _, b in pairs]
        out["traits"][t] = {
            "n_scored": len(num),
            "kappa": cohen_kappa([a for a, _ in num], [b for _, b in num], [0, 1, 2]),
            "kappa_quadratic": cohen_kappa(
                [a for a, _ in num], [b for _, b in num], [0, 1, 2], "quadratic"
            ),
            "exact": sum(a == b for a, b in num) / len(num) if num else float("nan"),
            "applicable_agreement": sum(x == y for x, y in zip(app_a, app_b, strict=True))
            / len(pairs)
            if pairs
            else float("nan"),
            "applicable_kappa": cohen_kappa(app_a, app_b, [0, 1]),
            "na_rate": (app_a.count(0) + app_b.count(0)) / (2 * len(pairs))
            if pairs
            else float("nan"),
        }
    ov_a = [round(li.passes["A"]["overall"]) for li in both]
    ov_b = [round(li.passes["B"]["overall"]) for li in both]
    out["overall"] = {
        "kappa": cohen_kappa(ov_a, ov_b, [1, 2, 3, 4, 5]),
        "kappa_quadratic": cohen_kappa(ov_a, ov_b, [1, 2, 3, 4, 5], "quadratic"),
    }
    sa = [gold_spans(li.item["reply"], li.passes["A"].get("commitments", [])) for li in both]
    sb = [gold_spans(li.item["reply"], li.passes["B"].get("commitments", [])) for li in both]
    out["commitments_f1_A_vs_B"] = span_f1(sa, sb)
    out["split"] = {
        "train": sum(li.split == "train" for li in data),
        "test": sum(li.split == "test" for li in data),
    }
    return out


#: Guideline version each writer's items were labelled under (v2 added the clarifications
#: at the end of training/guidelines/traits.md before w6 and w7 were labelled; w8 and w9,
#: the third round, w10-w13, the fourth, w14-w17, the fifth, w18-w21, the sixth, w22-w25,
#: the seventh, and w26-w29, the eighth, were labelled under it too; w37-w39, the twelfth
#: labelling round, were the first labelled under v3, the clarifications' third part).
GUIDELINE_VERSION = {
    "w1": 1,
    "w2": 1,
    "w3": 1,
    "w4": 1,
    "w5": 1,
    "w6": 2,
    "w7": 2,
    "w8": 2,
    "w9": 2,
    "w10": 2,
    "w11": 2,
    "w12": 2,
    "w13": 2,
    "w14": 2,
    "w15": 2,
    "w16": 2,
    "w17": 2,
    "w18": 2,
    "w19": 2,
    "w20": 2,
    "w21": 2,
    "w22": 2,
    "w23": 2,
    "w24": 2,
    "w25": 2,
    "w26": 2,
    "w27": 2,
    "w28": 2,
    "w29": 2,
    "w30": 2,
    "w31": 2,
    "w32": 2,
    "w33": 2,
    "w34": 2,
    "w35": 2,
    "w36": 2,
    "w37": 3,
    "w38": 3,
    "w39": 3,
    "w40": 3,
    "w41": 3,
    "w42": 3,
    "w43": 3,
    "w44": 3,
    "w45": 3,
    "w46": 3,
    "w47": 3,
    "w48": 3,
}
#: Hand-written notes below this heading survive a rewrite of the report.
NOTES_HEADING = "## Who labelled, and what to keep in mind"


def by_version(data: list[LabelledItem]) -> dict[int, dict[str, Any]]:
    """The agreement of each guideline version's items on their own."""
    groups: dict[int, list[LabelledItem]] = {}
    for li in data:
        v = GUIDELINE_VERSION.get(str(li.item["id"]).split("-")[0], 0)
        groups.setdefault(v, []).append(li)
    return {v: agreement(items) for v, items in sorted(groups.items())}


def commitment_agreement_original(
    data: list[LabelledItem], original: dict[str, dict[str, dict[str, Any]]]
) -> dict[str, Any] | None:
    """Pass-vs-pass commitment F1 on the relabelled items, with their relabels and with the
    first labels (``original``: each pass's labels loaded with ``relabelled=False``)."""
    re_items = [
        li
        for li in data
        if all(li.passes.get(p, {}).get("commitments_relabelled") for p in ("A", "B"))
    ]
    if not re_items:
        return None

    def f1_of(get: Any) -> dict[str, Any]:
        sa = [gold_spans(li.item["reply"], get(li, "A")) for li in re_items]
        sb = [gold_spans(li.item["reply"], get(li, "B")) for li in re_items]
        return span_f1(sa, sb)

    return {
        "n_items": len(re_items),
        "relabelled": f1_of(lambda li, p: li.passes[p]["commitments"]),
        "original": f1_of(lambda li, p: original[p][li.id].get("commitments", [])),
    }


def report(
    ag: dict[str, Any],
    cmd: str,
    versions: dict[int, dict[str, Any]] | None = None,
    relabel: dict[str, Any] | None = None,
) -> str:
    rows = "\n".join(
        f"| {t} | {v['n_scored']} | {v['kappa']:.3f} | {v['kappa_quadratic']:.3f} | {v['exact']:.3f} | "
        f"{v['applicable_agreement']:.3f} | {v['applicable_kappa']:.3f} | {v['na_rate']:.2f} |"
        for t, v in ag["traits"].items()
    )
    c = ag["commitments_f1_A_vs_B"]
    return f"""# Inter-annotator agreement on the trait labels

Command: `{cmd}`

Items labelled by at least one pass: {ag["n_items"]}; by both passes: {ag["n_double"]}.
Split by SHA-256 of the id: train {ag["split"]["train"]}, test {ag["split"]["test"]} (test never tuned on).

Kappa columns are over the items both passes scored 0/1/2; applicability compares "scored"
vs "na" over all doubly labelled items.

| trait | n scored by both | Cohen's κ | quadratic κ | exact agreement | applicability agreement | applicability κ | "na" rate |
|---|---:|---:|---:|---:|---:|---:|---:|
{rows}

- `overall` (1..5): κ {ag["overall"]["kappa"]:.3f}, quadratic κ {ag["overall"]["kappa_quadratic"]:.3f}.
- Commitment spans, pass A vs pass B (overlap ≥ half the shorter span): precision
  {c["precision"]:.3f}, recall {c["recall"]:.3f}, F1 {c["f1"]:.3f} (tp {c["tp"]}, fp {c["fp"]}, fn {c["fn"]}).
{_relabel_line(relabel)}{_version_table(versions or {})}"""


def _relabel_line(relabel: dict[str, Any] | None) -> str:
    if not relabel:
        return ""
    r, o = relabel["relabelled"], relabel["original"]
    return (
        f"- Commitments of the {relabel['n_items']} w1–w5 items relabelled by two new "
        "commitment-only passes under guideline version 2 (`labels/commitments-v2`; these "
        f"replace the first labels everywhere): A vs B F1 {r['f1']:.3f} (tp {r['tp']}, fp "
        f"{r['fp']}, fn {r['fn']}); the same items' first labels, under version 1: F1 "
        f"{o['f1']:.3f}.\n"
    )


def _version_table(versions: dict[int, dict[str, Any]]) -> str:
    if len(versions) < 2:
        return ""
    head = " | ".join(f"v{v} κ" for v in versions)
    lines = [
        "",
        "## By guideline version",
        "",
        "Cohen's κ per trait on the items labelled under each version of the guidelines "
        "(items: " + ", ".join(f"v{v} {a['n_double']}" for v, a in versions.items()) + ").",
        "",
        f"| trait | {head} |",
        "|---|" + "---:|" * len(versions),
    ]
    for t in TRAITS:
        cells = " | ".join(f"{a['traits'][t]['kappa']:.3f}" for a in versions.values())
        lines.append(f"| {t} | {cells} |")
    ov = " | ".join(f"{a['overall']['kappa']:.3f}" for a in versions.values())
    cf = " | ".join(f"{a['commitments_f1_A_vs_B']['f1']:.3f}" for a in versions.values())
    lines += [f"| overall | {ov} |", f"| commitment span F1 (A vs B) | {cf} |", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pairs")
    ap.add_argument("labels_a")
    ap.add_argument("labels_b")
    ap.add_argument("--report", default=None, help="write the markdown report here")
    args = ap.parse_args(argv)
    data = merge(
        load_items(args.pairs), {"A": load_labels(args.labels_a), "B": load_labels(args.labels_b)}
    )
    original = {
        "A": load_labels(args.labels_a, relabelled=False),
        "B": load_labels(args.labels_b, relabelled=False),
    }
    ag = agreement(data)
    cmd = "python3 training/traits_data.py " + " ".join(
        [args.pairs, args.labels_a, args.labels_b]
        + (["--report", args.report] if args.report else [])
    )
    text = report(ag, cmd, by_version(data), commitment_agreement_original(data, original))
    if args.report:
        out = Path(args.report)
        old = out.read_text(encoding="utf-8") if out.is_file() else ""
        if NOTES_HEADING in old:  # keep the hand-written notes
            text = text.rstrip("\n") + "\n\n" + old[old.index(NOTES_HEADING) :]
        out.write_text(text, encoding="utf-8")
    print(text)
    return ag


if __name__ == "__main__":
    main()
