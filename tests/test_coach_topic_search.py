"""The rewriter's "names another topic" test, one topic's own search at a time, agrees with
the one case-insensitive alternation of all the other topics that it replaced."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from servicemind.coach import rewrite


def _texts() -> list[str]:
    demo = resources.files("servicemind.demo").joinpath("conversations.jsonl").read_text("utf-8")
    texts = [t["text"] for line in demo.splitlines() for t in json.loads(line)["turns"]]
    keywords = [
        "my refund for the hotel booking",
        "The PARCEL and my INVOICE",
        "İnvoice and parcel",  # not lowerable: the case-insensitive path
        "ſubscription",
        "no topic at all",
    ]
    return texts + [t.upper() for t in texts[:40]] + keywords


def _others(i: int) -> re.Pattern[str]:
    rest = [rx.pattern for j, (rx, _) in enumerate(rewrite._topic_patterns()) if j != i]
    return re.compile("|".join(f"(?:{p})" for p in rest) or r"(?!x)x", re.I)


@pytest.mark.parametrize("i", range(len(rewrite._topic_patterns())))
def test_names_another_topic_matches_the_alternation(i: int) -> None:
    others = _others(i)
    texts = _texts()
    got = [rewrite._names_another_topic.__wrapped__(t, i) for t in texts]
    want = [others.search(t) is not None for t in texts]
    assert got == want
    assert any(want) and not all(want)  # both answers occur
