"""The rewriter's "names another topic" test, one topic's own search at a time, agrees with
the one case-insensitive alternation of all the other topics that it replaced."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicemind.coach import rewrite
from servicemind.coach._data import load


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


def test_first_char_guard_reads_the_first_characters_or_gives_up() -> None:
    from servicemind.coach._prefilter import first_char_guard

    assert first_char_guard("(?:refund)|(?:money back)|(?:reimburse)") == "(?=[mr])"
    assert first_char_guard("[Pp]arcel|k-?9") == "(?=[Pkp])"
    assert first_char_guard("a?b") == ""  # the first character may be either
    assert first_char_guard(r"\bparcel") == ""  # an anchor first: nothing read
    assert first_char_guard("x|") == ""  # an empty alternative matches anywhere
    assert first_char_guard("(?-i:P)arcel") == ""  # flags of its own: not read


#: Pieces of the texts drawn: keywords (as written and in capitals) and characters that
#: fold to ASCII under ``re.IGNORECASE`` or have no ASCII fold.
_PIECES = [k for t in load("topics")["topics"] for k in t["keywords"] if k.isalpha()]
_PIECES += [k.upper() for k in _PIECES] + list("aAkKſSsİıiIüÜ -\u212a")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_first_char_guard_keeps_every_topics_matches(text: str) -> None:
    from servicemind.coach._prefilter import first_char_guard

    for rx, _ in rewrite._topic_patterns():
        body = rx.pattern[len(rewrite._TOPIC_START) :]
        plain = re.compile(body, re.I)
        guarded = re.compile(first_char_guard(body) + body, re.I)
        for pos in range(len(text) + 1):
            a, b = plain.match(text, pos), guarded.match(text, pos)
            assert (a and a.span()) == (b and b.span())


def test_topic_scan_opens_with_the_guards() -> None:
    scan = rewrite._topic_scan()
    assert scan is not None
    assert scan[0].pattern.startswith("(?=[") and scan[0].pattern.count("(?=[") > 1
