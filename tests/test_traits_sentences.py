"""Sentences of a reply: a full stop inside a number, an address or an abbreviation does not
end one; a full stop before a space or a capital does."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from servicemind.analyse.traits._context import questions_of, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I've refunded the full 23.40 to your card. It shows in 3 days.",
            ["I've refunded the full 23.40 to your card.", "It shows in 3 days."],
        ),
        (
            "Log in at www.example.com/help or e.g. the app. Then tap Save.",
            ["Log in at www.example.com/help or e.g. the app.", "Then tap Save."],
        ),
        (
            "Dear Mr. Rossi, thanks. Version 2.1.3 fixes it!",
            ["Dear Mr. Rossi, thanks.", "Version 2.1.3 fixes it!"],
        ),
        ("Hi.How are you", ["Hi.", "How are you"]),
        ("Hello. Mr. Rossi is here.", ["Hello.", "Mr. Rossi is here."]),
        ("No. I can't.", ["No.", "I can't."]),
        ("Sorry...that's odd!! Fine?", ["Sorry...", "that's odd!!", "Fine?"]),
        ("Line one\nLine two.", ["Line one", "Line two."]),
    ],
)
def test_sentences_cut_at_sentence_ends_only(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_a_question_with_a_decimal_is_one_question() -> None:
    assert questions_of("Why is the fee 23.40? Is v2.1 out?") == [
        "Why is the fee 23.40?",
        "Is v2.1 out?",
    ]


_PIECES = ["Mr", "mrs", "MS", "dr", "vs", "approx", "e.g", "I.E", "z.b", "p.ej", "x", "ſ"]
_PIECES += [".", ". ", " ", "(", "\n", "Rossi", "the app"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
@example("Approx. ten, (p.ej. this) or e.g. the app.")
def test_abbreviation_end_screen_changes_no_split(text: str) -> None:
    # the screen (the abbreviation alone, over a sentence's last characters) only skips the
    # whole abbreviation search where it cannot match: without it, the same sentences
    from servicemind.analyse.traits import _context

    screened = split_sentences(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_context, "_ABBREV_END", re.compile(""))  # matches everywhere
        assert split_sentences(text) == screened
