"""The language detector reads the first tokens of a text; a long text is read in a prefix."""

from __future__ import annotations

import json
import random
from importlib import resources

import pytest

from servicemind.analyse.traits._language import (
    _TOKEN,
    LANGUAGES,
    MAX_TOKENS,
    MIN_HITS,
    MIN_MARGIN,
    MIN_SHARE,
    PREFIX_CHARS_PER_TOKEN,
    _table,
    detect_language,
)


def _reference(text: str) -> str | None:
    """The detector as first written: token by token, stopping after MAX_TOKENS."""
    table = _table()
    counts = dict.fromkeys(LANGUAGES, 0)
    n = 0
    for m in _TOKEN.finditer(text.lower().replace("’", "'")):
        n += 1
        for lang in table.get(m.group(0), ()):
            counts[lang] += 1
        if n >= MAX_TOKENS:
            break
    if n == 0:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    (best, c1), (_, c2) = ranked[0], ranked[1]
    if c1 < MIN_HITS or c1 / n < MIN_SHARE or c1 - c2 < MIN_MARGIN:
        return None
    return best


def test_traits_language_same_as_token_by_token_reading() -> None:
    raw = resources.files("servicemind.demo").joinpath("conversations.jsonl").read_text("utf-8")
    texts = [t["text"] for line in raw.splitlines() for t in json.loads(line)["turns"]]
    rng = random.Random(0)
    long = [" ".join(rng.sample(texts, 40)) for _ in range(20)]  # past the prefix
    words = ["el", "la", "de", "que", "the", "and", "you", "über", "l'eau", "n’est"]
    edge = [
        " ".join(rng.choice(words) for _ in range(k)) + "'s" * j
        for k in (199, 200, 201, 202, 1000, 2000)
        for j in (0, 1)
    ]
    edge += ["a" * 3999 + "'s " + "the and " * 300, "x'" * 5000, "", "1234 5678"]
    # the 200th token cut in two by the prefix: 'th' would not count, 'the' tips the share
    cut = MAX_TOKENS * PREFIX_CHARS_PER_TOKEN
    head = "the " * 23 + "zz " * (MAX_TOKENS - 24)
    tipping = head + " " * (cut - 2 - len(head)) + "the " + "zz " * 50
    assert detect_language(tipping) == "en"
    edge.append(tipping)
    for text in texts + long + edge:
        assert detect_language(text) == _reference(text), text[:80]
    assert {detect_language(t) for t in long} - {None} <= set(LANGUAGES)


_ASCII_TEXT = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '_!?.,-\n"


def test_traits_ascii_tokenisers_find_the_unicode_ones_words() -> None:
    # ASCII texts take plain a-z / A-Z0-9 tokenisers: the same tokens as the Unicode ones
    # (apostrophes, digits and underscores included), on hand-picked and random texts
    from servicemind.analyse.traits._context import _WORD, _WORD_ASCII, _WORD_LOW_ASCII
    from servicemind.analyse.traits._language import _TOKEN_ASCII

    rng = random.Random(7)
    texts = [
        "I'm sorry: order #RT-448213 isn't here yet, 2nd try_again! O'Neil's 3'4''",
        "'quoted' words, it's 10am, l'adresse d'un_ami 'n' more",
    ] + ["".join(rng.choice(_ASCII_TEXT) for _ in range(rng.randint(0, 80))) for _ in range(500)]
    for text in texts:
        low = text.lower()
        assert _TOKEN_ASCII.findall(low) == _TOKEN.findall(low)
        assert _WORD_LOW_ASCII.findall(low) == _WORD.findall(low)
        assert _WORD_ASCII.findall(text) == _WORD.findall(text)


def test_traits_normalised_sentence_of_ascii_text_is_its_words() -> None:
    # an ASCII sentence is normalised by joining its words: what replacing every run of
    # non-word characters by a space and stripping gives (the Unicode path)
    import re

    from servicemind.analyse.traits._genuineness import normalise_sentence

    unicode_way = re.compile(r"[^\w]+", re.UNICODE)
    rng = random.Random(11)
    texts = [
        "  I've checked order #12345: it's with the courier -- I'll call you_back!! ",
        "...",
        "",
    ] + [
        "".join(rng.choice(_ASCII_TEXT + "\t#@") for _ in range(rng.randint(0, 80)))
        for _ in range(500)
    ]
    for text in texts:
        assert normalise_sentence(text) == unicode_way.sub(" ", text.lower()).strip()
    assert normalise_sentence("Café – déjà vu!") == "café déjà vu"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Grazie, a presto!", "it"),
        ("Perfetto, la richiamo domani.", "it"),
        ("Danke, erledigt!", "de"),
        ("Gerne, heute noch.", "de"),
        ("Claro, te lo envío hoy.", "es"),
        ("Parfait, c'est fait.", "fr"),
        ("Perfeito, já está.", "pt"),
        ("Graag gedaan, het is geregeld.", "nl"),
        ("Dziękuję, gotowe.", "pl"),
        ("Teşekkürler, tamam.", "tr"),
    ],
)
def test_short_replies_in_other_languages_are_recognised(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(
    "text",
    [
        "I will call you back tomorrow, thanks!",
        "Grazie for waiting, we fixed it and the refund is on its way.",
        "Thanks so much, that is perfect and the order is fixed.",
    ],
)
def test_english_with_a_foreign_courtesy_word_stays_english(text: str) -> None:
    assert detect_language(text) == "en"
