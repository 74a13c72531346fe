"""Sentences of a reply: a full stop inside a number, an address or an abbreviation does not
end one; a full stop before a space or a capital does."""

from __future__ import annotations

import pytest

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
