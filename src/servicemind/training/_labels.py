"""The team's labelled (context, reply) items: loading, merging two passes, splitting, agreement.

Items (``pairs/*.jsonl``): ``{"id", "industry", "channel", "language", "context": [{"role",
"text"}], "reply"}``. Labels (``labels/A/*.jsonl``, ``labels/B/*.jsonl``): ``{"id", <11
traits>: 0|1|2|"na", "overall": 1..5, "commitments": ["exact substring", ...]}``; see
training/guidelines/traits.md.

Commitment relabels (``labels/commitments-v2/A/*.jsonl`` beside ``labels/A``): ``{"id",
"commitments"}`` from a later commitment-only pass under a newer guideline; where a pass has
one for an item, it replaces that pass's original commitments (``load_labels``).

The 80/20 split hashes the item id (SHA-256), so it is the same on every machine and does
not move when items are added.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from servicemind.analyse.base import TRAITS
from servicemind.errors import InputError

__all__ = [
    "COMMITMENT_RELABEL_DIR",
    "TEST_PERCENT",
    "LabelledItem",
    "cohen_kappa",
    "load_items",
    "load_labels",
    "mean_label",
    "merge",
    "span_f1",
    "split_of",
    "writer_ranges",
]

#: Share of items (by id hash) kept as the untouched test part.
TEST_PERCENT = 20
_VALID = {0, 1, 2, "na"}
#: Folder, beside the pass folders, of the commitment-only relabel passes (same pass names).
COMMITMENT_RELABEL_DIR = "commitments-v2"


@dataclass
class LabelledItem:
    """One item with the labels of every pass that labelled it."""

    id: str
    item: dict[str, Any]
    passes: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def split(self) -> str:
        return split_of(self.id)


def split_of(item_id: str) -> str:
    """``"test"`` for the deterministic 20% of ids, else ``"train"``."""
    h = int(hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:8], 16)
    return "test" if h % 100 < TEST_PERCENT else "train"


def _read_jsonl(paths: Iterable[Path]) -> Iterator[tuple[Path, int, dict[str, Any]]]:
    for p in sorted(paths):
        with p.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue  # a half-written line of a file still being appended
                if isinstance(obj, dict):
                    yield p, n, obj


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputError(f"{path} not found", hint="pass the folder of *.jsonl files")
    return sorted(path.glob("*.jsonl"))


def load_items(path: str | Path) -> dict[str, dict[str, Any]]:
    """Items by id from a ``.jsonl`` file or a folder of them (first occurrence wins)."""
    out: dict[str, dict[str, Any]] = {}
    for _, _, obj in _read_jsonl(_files(Path(path))):
        if "id" in obj and "reply" in obj and isinstance(obj.get("context"), list):
            out.setdefault(str(obj["id"]), obj)
    return out


def _valid_label(obj: dict[str, Any]) -> bool:
    if any(obj.get(t) not in _VALID for t in TRAITS):
        return False
    ov = obj.get("overall")
    return (
        isinstance(ov, int | float)
        and 1 <= ov <= 5
        and isinstance(obj.get("commitments", []), list)
    )


def load_labels(path: str | Path, *, relabelled: bool = True) -> dict[str, dict[str, Any]]:
    """Valid labels by id from one pass (a file or a folder); malformed lines are skipped.

    With ``relabelled`` (the default), the commitments of items that the pass's commitment
    relabel folder (``../commitments-v2/<pass>``) covers are replaced by the relabel's, and
    those labels get ``"commitments_relabelled": True``.
    """
    path = Path(path)
    out: dict[str, dict[str, Any]] = {}
    for _, _, obj in _read_jsonl(_files(path)):
        if "id" in obj and _valid_label(obj):
            out[str(obj["id"])] = obj
    if relabelled:
        folder = path if path.is_dir() else path.parent
        re_dir = folder.parent / COMMITMENT_RELABEL_DIR / folder.name
        if re_dir.is_dir():
            for _, _, obj in _read_jsonl(re_dir.glob("*.jsonl")):
                i, cs = str(obj.get("id")), obj.get("commitments")
                if i in out and isinstance(cs, list):
                    out[i] = {**out[i], "commitments": cs, "commitments_relabelled": True}
    return out


def merge(
    items: dict[str, dict[str, Any]], passes: dict[str, dict[str, dict[str, Any]]]
) -> list[LabelledItem]:
    """Items that at least one pass labelled, with every pass's labels, sorted by id."""
    out = []
    for item_id in sorted(items):
        got = {name: labels[item_id] for name, labels in passes.items() if item_id in labels}
        if got:
            out.append(LabelledItem(item_id, items[item_id], got))
    return out


def load_writer_files(
    root: Path, files: Sequence[str], *, relabelled: bool = True
) -> list[LabelledItem]:
    """The items of the writer files ``files`` (``w1``, ``w2``…) under a corpus folder
    ``root`` (``pairs/``, ``labels/A``, ``labels/B``) that both passes labelled."""
    items: dict[str, dict[str, Any]] = {}
    passes: dict[str, dict[str, dict[str, Any]]] = {"A": {}, "B": {}}
    for f in files:
        items.update(load_items(root / "pairs" / f"{f}.jsonl"))
        for name in passes:
            p = root / "labels" / name / f"{f}.jsonl"
            if p.exists():
                passes[name].update(load_labels(p, relabelled=relabelled))
    return [li for li in merge(items, passes) if len(li.passes) == 2]


def mean_label(li: LabelledItem, trait: str) -> float | None:
    """Mean numeric label over the passes, scaled to 0..1; ``None`` when every pass said na."""
    vals = [p[trait] for p in li.passes.values() if p.get(trait) != "na"]
    if not vals:
        return None
    return float(np.mean(vals)) / 2.0


def cohen_kappa(
    a: Sequence[int], b: Sequence[int], categories: Sequence[int], weights: str | None = None
) -> float:
    """Cohen's kappa of two raters; ``weights="quadratic"`` for the weighted variant."""
    if len(a) == 0:
        return float("nan")
    k = len(categories)
    idx = {c: i for i, c in enumerate(categories)}
    obs = np.zeros((k, k))
    for x, y in zip(a, b, strict=True):
        obs[idx[x], idx[y]] += 1
    obs /= obs.sum()
    exp = np.outer(obs.sum(axis=1), obs.sum(axis=0))
    if weights == "quadratic":
        i, j = np.meshgrid(range(k), range(k), indexing="ij")
        w = ((i - j) ** 2) / max(1, (k - 1) ** 2)
    else:
        w = 1.0 - np.eye(k)
    denom = float((w * exp).sum())
    if denom == 0:
        return 1.0
    return 1.0 - float((w * obs).sum()) / denom


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter >= 0.5 * shorter


def span_f1(
    pred: Sequence[Sequence[tuple[int, int]]], gold: Sequence[Sequence[tuple[int, int]]]
) -> dict[str, float]:
    """Precision, recall and F1 of predicted vs gold spans, per item, one-to-one matching.

    A predicted span matches a gold span when they overlap by at least half of the shorter
    one (annotators differ on where a clause ends; the promise is the same).
    """
    tp = fp = fn = 0
    for p_spans, g_spans in zip(pred, gold, strict=True):
        used: set[int] = set()
        for p in p_spans:
            hit = next((i for i, g in enumerate(g_spans) if i not in used and _overlap(p, g)), None)
            if hit is None:
                fp += 1
            else:
                used.add(hit)
                tp += 1
        fn += len(g_spans) - len(used)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def gold_spans(reply: str, substrings: Sequence[str]) -> list[tuple[int, int]]:
    """Offsets of labelled commitment substrings in the reply (those not found are dropped)."""
    out = []
    for s in substrings:
        if not isinstance(s, str) or not s.strip():
            continue
        i = reply.find(s)
        if i < 0:
            i = reply.lower().find(s.lower().strip())
            s = s.strip()
        if i >= 0:
            out.append((i, i + len(s)))
    return out


def writer_ranges(writers: Sequence[str]) -> str:
    """Writers (id prefixes) as runs of consecutive numbers, for model cards:
    ``["w3", "w1", "w2", "w5"]`` → ``"w1-w3, w5"``; names without a trailing number are
    listed as they are; ``"none"`` when there are none."""
    numbered: list[tuple[str, int]] = []
    other: list[str] = []
    for w in sorted(set(writers)):
        m = re.fullmatch(r"(\D*)(\d+)", w)
        if m:
            numbered.append((m.group(1), int(m.group(2))))
        else:
            other.append(w)
    runs: list[tuple[str, int, int]] = []
    for prefix, n in sorted(numbered):
        if runs and runs[-1][0] == prefix and n == runs[-1][2] + 1:
            runs[-1] = (prefix, runs[-1][1], n)
        else:
            runs.append((prefix, n, n))
    names = [f"{p}{a}" if a == b else f"{p}{a}-{p}{b}" for p, a, b in runs] + other
    return ", ".join(names) if names else "none"
