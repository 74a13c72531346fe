"""Loaders for the customer-side training data: shared corpora and the team's examples.

Shared corpora are read from ``data_dir`` (default ``../shared/data``) and never copied
into the repository; the team's own examples live beside this module in ``data/``.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from servicemind.analyse.base import EMOTIONS, FINE_EMOTIONS
from servicemind.errors import InputError

__all__ = [
    "FINE_TO_SERVICE",
    "SERVICE_PRIORITY",
    "Dialogue",
    "load_goemotions",
    "load_offensive",
    "load_own_examples",
    "load_support_turns",
    "load_turn_labels",
    "load_uss",
    "service_label",
]

OWN_DATA = Path(__file__).parent / "data"

#: The mapping of the 28 GoEmotions labels to the six service emotions (see
#: docs/customer-model.md for why). Labels not listed map to neutral.
FINE_TO_SERVICE: dict[str, str] = {
    "anger": "angry",
    "annoyance": "angry",
    "disgust": "angry",
    "disapproval": "angry",
    "disappointment": "disappointed",
    "sadness": "disappointed",
    "grief": "disappointed",
    "remorse": "disappointed",
    "embarrassment": "disappointed",
    "confusion": "confused",
    "fear": "anxious",
    "nervousness": "anxious",
    "gratitude": "grateful",
    "relief": "grateful",
    "admiration": "grateful",
    "love": "grateful",
    "joy": "grateful",
    "excitement": "grateful",
    "amusement": "grateful",
    "pride": "grateful",
    "optimism": "grateful",
    "caring": "grateful",
}
#: When a comment carries fine labels of several service emotions, the first in this order
#: wins: a negative emotion is what a service reply must not miss.
SERVICE_PRIORITY: tuple[str, ...] = (
    "angry",
    "anxious",
    "disappointed",
    "confused",
    "grateful",
    "neutral",
)


def _need(path: Path) -> Path:
    if not path.exists():
        raise InputError(
            f"training data not found: {path}",
            hint="pass --data pointing at the shared data folder (default ../shared/data)",
        )
    return path


def service_label(fine: npt.NDArray[np.int8]) -> int:
    """The index into EMOTIONS of the service emotion of one multi-hot fine label row."""
    present = {FINE_TO_SERVICE.get(FINE_EMOTIONS[j], "neutral") for j in np.flatnonzero(fine)}
    for s in SERVICE_PRIORITY:
        if s in present:
            return EMOTIONS.index(s)
    return EMOTIONS.index("neutral")


def load_goemotions(data_dir: Path, split: str) -> tuple[list[str], npt.NDArray[np.int8]]:
    """Texts and the multi-hot (n × 28) label matrix of a GoEmotions split."""
    path = _need(data_dir / "goemotions" / f"{split}.tsv")
    texts: list[str] = []
    rows: list[npt.NDArray[np.int8]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text, labels, _ = line.rstrip("\n").split("\t")
            y = np.zeros(len(FINE_EMOTIONS), dtype=np.int8)
            y[[int(a) for a in labels.split(",")]] = 1
            texts.append(text)
            rows.append(y)
    return texts, np.vstack(rows)


def load_offensive(data_dir: Path) -> tuple[list[str], npt.NDArray[np.int8]]:
    """Tweets and 1 for offensive-or-hate (class 0 or 1), 0 for neither (class 2)."""
    path = _need(data_dir / "offensive" / "labeled_train.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = [r["tweet"] for r in rows]
    y = np.array([0 if r["class"] == "2" else 1 for r in rows], dtype=np.int8)
    return texts, y


#: The team's labelled support turns: the asker turns of the trait corpus
#: (``training/data/traits/pairs``) with two blind passes of emotion and hostility labels
#: (``training/data/customer/labels``, guidelines in training/guidelines/customer-emotion.md).
SUPPORT_TURNS = Path("training/data")


def load_turn_labels(corpus: Path, pass_: str) -> dict[str, dict[str, object]]:
    """One pass's labels of the support turns: ``{id: {"id", "emotion", "hostile"}}``."""
    out: dict[str, dict[str, object]] = {}
    for f in sorted(_need(corpus / "customer" / "labels" / pass_).glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                o = json.loads(line)
                out[str(o["id"])] = o
    return out


def load_support_turns(
    corpus: Path = SUPPORT_TURNS, field: str = "emotion", split: str = "train"
) -> tuple[list[str], npt.NDArray[np.intp], list[str]]:
    """Texts, labels and writers (the id prefix) of the labelled support turns of one split
    of the trait corpus (test = SHA-256 of the id mod 100 < 20), keeping the turns both
    passes labelled alike. ``field``: ``emotion`` (index into EMOTIONS) or ``hostile`` (0/1).
    """
    from servicemind.training._labels import load_items, split_of

    if field not in ("emotion", "hostile"):
        raise ValueError(f"field must be emotion or hostile, not {field!r}")
    la, lb = load_turn_labels(corpus, "A"), load_turn_labels(corpus, "B")
    items = load_items(_need(corpus / "traits" / "pairs"))
    texts: list[str] = []
    ys: list[int] = []
    writers: list[str] = []
    for i, it in items.items():
        a, b = la.get(i, {}).get(field), lb.get(i, {}).get(field)
        if a is None or a != b or split_of(i) != split:
            continue
        texts.append(str(it["context"][-1]["text"]))
        ys.append(EMOTIONS.index(str(a)) if field == "emotion" else int(str(a)))
        writers.append(i.split("-")[0])
    return texts, np.array(ys, dtype=np.intp), writers


def writer_folds(writers: list[str], k: int) -> list[npt.NDArray[np.intp]]:
    """Indices of ``k`` folds that each hold whole writers, dealt round-robin in the SHA-256
    order of the writer names (deterministic, whatever the order of the turns)."""
    import hashlib

    names = sorted(set(writers), key=lambda w: hashlib.sha256(w.encode()).hexdigest())
    fold_of = {w: j % k for j, w in enumerate(names)}
    return [
        np.array([i for i, w in enumerate(writers) if fold_of[w] == j], dtype=np.intp)
        for j in range(k)
    ]


def load_own_examples(name: str) -> tuple[list[str], list[str]]:
    """Labels and texts of one of the team's TSV example files (``#`` lines are comments)."""
    labels: list[str] = []
    texts: list[str] = []
    with (OWN_DATA / name).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            label, text = line.rstrip("\n").split("\t", 1)
            labels.append(label)
            texts.append(text)
    return labels, texts


@dataclass
class Dialogue:
    """One USS dialogue: user turns with the preceding system turn and mean ratings."""

    domain: str
    user: list[str] = field(default_factory=list)
    previous_agent: list[str] = field(default_factory=list)
    rating: list[float] = field(default_factory=list)
    overall: float = 3.0


def load_uss(data_dir: Path, domain: str) -> list[Dialogue]:
    """The dialogues of one USS domain (``SGD``, ``MWOZ``, ``ReDial``, ``CCPE``)."""
    path = _need(data_dir / "satisfaction" / f"{domain}.train.txt")
    out: list[Dialogue] = []
    cur = Dialogue(domain)
    last_agent = ""
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                if cur.user:
                    out.append(cur)
                cur, last_agent = Dialogue(domain), ""
                continue
            parts = line.split("\t")
            role, text = parts[0], parts[1] if len(parts) > 1 else ""
            sat = parts[3] if len(parts) > 3 else ""
            if role == "USER" and text == "OVERALL":
                cur.overall = float(np.mean([float(s) for s in sat.split(",") if s]))
            elif role == "USER":
                cur.user.append(text)
                cur.previous_agent.append(last_agent)
                cur.rating.append(float(np.mean([float(s) for s in sat.split(",") if s])))
            else:
                last_agent = text
    if cur.user:
        out.append(cur)
    return out
