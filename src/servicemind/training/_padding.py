"""Neutral padding for the traits training: the same reply with one sentence that says nothing.

A sentence of product specs appended to a rude reply changed nothing the agent did, yet it
raised the trained score 23 → 50 (trial 19): on the labelled replies longer replies are
better ones, so the combination had learned length. :func:`padded_items` gives each train
item a copy whose reply ends with one sentence of ``data/neutral_pads.tsv`` (in the item's
language where the pool has one, else English) and the same labels; the fit sees both, so
text that carries no service behaviour earns nothing. The draw is seeded by the item id, so
an item gets the same pad whatever subset it is fitted in.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from servicemind.errors import ModelError
from servicemind.training._labels import LabelledItem

__all__ = ["PADS", "pad_pool", "padded_items"]

#: The pool of neutral sentences (language, tab, sentence; ``#`` lines are comments).
PADS = Path(__file__).parent / "data" / "neutral_pads.tsv"


@cache
def pad_pool() -> dict[str, tuple[str, ...]]:
    """The neutral sentences by language."""
    try:
        lines = PADS.read_text("utf-8").splitlines()
    except OSError as exc:
        raise ModelError(f"padding pool cannot be read: {exc}") from exc
    pool: dict[str, list[str]] = {}
    for line in lines:
        if line and not line.startswith("#"):
            lang, _, text = line.partition("\t")
            pool.setdefault(lang, []).append(text.strip())
    return {k: tuple(v) for k, v in pool.items()}


def padded_items(items: Sequence[LabelledItem], seed: int = 0) -> list[LabelledItem]:
    """A copy of each item whose reply ends with one pad sentence; labels unchanged."""
    pool = pad_pool()
    out = []
    for li in items:
        lang = str(li.item.get("language") or "en")
        choice = random.Random(f"{seed}:{li.id}").choice(pool.get(lang, pool["en"]))
        item = {**li.item, "reply": str(li.item["reply"]).rstrip() + " " + choice}
        out.append(replace(li, item=item))
    return out
