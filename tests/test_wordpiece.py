"""The pure-Python WordPiece tokenizer reproduces BERT uncased tokenisation."""

from __future__ import annotations

import pytest

from servicemind.training._wordpiece import MAX_WORD_CHARS, WordPiece

VOCAB = [
    "[PAD]",
    "[UNK]",
    "i",
    "can",
    "'",
    "t",
    "log",
    "##in",
    "##ging",
    "cafe",
    "!",
    "?",
    ",",
    "un",
    "##believ",
    "##able",
    "好",
    "a",
    "##b",
]


@pytest.fixture
def wp() -> WordPiece:
    return WordPiece(VOCAB)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("I can't login!", ["i", "can", "'", "t", "log", "##in", "!"]),
        ("LOGGING, logging?", ["log", "##ging", ",", "log", "##ging", "?"]),
        ("Café", ["cafe"]),  # lower-cased and accent stripped
        ("unbelievable", ["un", "##believ", "##able"]),
        ("a好a", ["a", "好", "a"]),  # CJK ideographs are split off
        ("logx", ["[UNK]"]),  # a word that cannot be cut is one [UNK]
        ("ab abx", ["a", "##b", "[UNK]"]),
        ("i\x00can\u200bt", ["[UNK]"]),  # NUL and zero-width space dropped: "icant"
        ("  \t\n ", []),
        ("", []),
    ],
)
def test_wordpiece_tokens_follow_bert_rules(wp: WordPiece, text: str, pieces: list[str]) -> None:
    assert wp.tokens(text) == pieces


def test_wordpiece_drops_control_characters_and_splits_on_unicode_spaces(wp: WordPiece) -> None:
    assert wp.tokens("i\x00can\u00a0log\x7fin") == ["[UNK]", "log", "##in"]


def test_wordpiece_overlong_word_is_unknown(wp: WordPiece) -> None:
    assert wp.tokens("a" + "b" * MAX_WORD_CHARS) == ["[UNK]"]
    assert wp.tokens("a" + "b" * (MAX_WORD_CHARS - 2)) == ["a"] + ["##b"] * (MAX_WORD_CHARS - 2)


def test_wordpiece_cache_gives_the_same_ids(wp: WordPiece) -> None:
    first = wp.ids("I can't login, unbelievable!")
    assert wp.cache_
    assert wp.ids("I can't login, unbelievable!") == first


def test_wordpiece_matches_blingfire_on_ascii_text() -> None:
    """Against the reference tokenizer the vocabulary was recovered from (build extra)."""
    blingfire = pytest.importorskip("blingfire")
    pytest.importorskip("onnxruntime")
    import numpy as np

    from servicemind.training.embeddings import _blingfire_dir, recover_vocab

    wp = WordPiece(recover_vocab())
    h = blingfire.load_model(str(_blingfire_dir() / "bert_base_tok.bin"))
    texts = [
        "Hello, I can't log in to my account!!! Order #12345 still hasn't arrived.",
        "Thanks so much :) you're a lifesaver -- really appreciate it",
        "WHY is this taking so long?? I've been waiting 3 weeks...",
        "re-activation of e-mail (urgent); see https://example.com/a_b?c=d",
        "unbelievably frustrating, the app keeps crashing w/ error 0x80070005",
    ]
    try:
        for t in texts:
            ref = blingfire.text_to_ids(h, t, 256, 100, no_padding=True)
            assert wp.ids(t) == [int(i) for i in np.asarray(ref)], t
    finally:
        blingfire.free_model(h)
