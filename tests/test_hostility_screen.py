"""The hostility literal screen: the hand-checked anchors hold in every match of their
entry, and the screened turn signals equal the plain searches on many varied turns."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _customer_helpers import demo_turn_texts
from servicemind.analyse import hostility
from servicemind.analyse._cues import anchor_literals, load_lexicon
from servicemind.analyse._lowered import lowerable
from servicemind.analyse.hostility import entry_anchors, turn_signals
from test_customer_hostility import _unscreened_signals

_LISTS = ("insults", "threats", "abuse", "profanity")
_HAND = {k: v for k, v in load_lexicon("customer_hostility_anchors.json").items() if k != "_about"}
_ENTRIES = [w for key in _LISTS for w in hostility._lexicon()[key]]


def test_hostility_hand_anchors_name_lexicon_entries_in_lower_case() -> None:
    assert _HAND, "the anchors file lists no entry"
    for entry, anchors in _HAND.items():
        assert entry in _ENTRIES, entry  # (a stale spelling would be ignored silently)
        assert anchors and all(a == a.lower() and a for a in anchors), entry
        assert entry_anchors(entry) == frozenset(anchors)


def test_hostility_hand_anchors_are_longer_than_the_derived_ones() -> None:
    """The point of a hand anchor: its shortest string is longer than the derived one's
    (which screened nearly nothing: "f", "sh", "nt", "pa", "ck ")."""
    for entry, anchors in _HAND.items():
        derived = anchor_literals(entry)
        assert derived is not None and min(map(len, anchors)) >= min(map(len, derived)), entry
    weak = {"f", "sh", "nt", "pa", "ck "}
    for key in ("attack", "profanity"):
        kept = hostility._screens()[1][key]
        assert kept is not None and not weak & kept, key


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostility_hand_anchors_hold_in_every_generated_match(data: st.DataObject) -> None:
    for entry, anchors in _HAND.items():
        rx = re.compile(entry, re.IGNORECASE)
        match = data.draw(st.from_regex(rx, fullmatch=True), label=entry)
        if not lowerable(match):  # (never screened: both searches run)
            continue
        low = match.lower()
        assert any(a in low for a in anchors), (entry, match)


_CASES = (str.lower, str.upper, str.title, lambda s: s)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_hostility_screened_signals_equal_plain_searches(data: st.DataObject) -> None:
    """A demo turn with a generated match of any lexicon entry (or of none) spliced in at
    a word boundary, in any case: the screened signals equal both searches run always."""
    texts = demo_turn_texts()
    base = data.draw(st.sampled_from(texts), label="turn")
    words = base.split(" ")
    at = data.draw(st.integers(0, len(words)), label="at")
    spliced = []
    for _ in range(data.draw(st.integers(0, 2), label="how many")):
        entry = data.draw(st.sampled_from(_ENTRIES), label="entry")
        raw = data.draw(st.from_regex(re.compile(entry, re.IGNORECASE), fullmatch=True))
        case = data.draw(st.sampled_from(_CASES), label="case")
        spliced.append(case(raw))
    text = " ".join([*words[:at], *spliced, *words[at:]])
    assert turn_signals(text) == _unscreened_signals(text), text


def test_hostility_screen_on_every_demo_turn_and_every_entry_spelled_out() -> None:
    """Every demo turn, and every hand-anchored entry's common spellings in a sentence
    (lower, upper, title case): the screened signals equal the plain searches, and the
    anchored entries are still found."""
    texts = list(demo_turn_texts())
    spelled = [
        "what the fuck is this",
        "f**k this app",
        "FUK OFF",
        "this is shit",
        "sh*t service",
        "you bitch",
        "b*tch",
        "what an asshole",
        "a**hole",
        "you c*nt",
        "imbéciles",
        "vocês são uns palhaços",
        "sois unos inútiles",
        "ihr stümper",
        "betrüger!",
        "fuck you",
        "f*ck off",
    ]
    for phrase in spelled:
        for case in _CASES:
            texts.append(f"Hello, {case(phrase)}. Where is my refund?")
    for text in texts:
        assert turn_signals(text) == _unscreened_signals(text), text
    assert sum(turn_signals(t)[0] or turn_signals(t)[2] for t in texts[-4 * len(spelled) :]) >= (
        3 * len(spelled)
    )
