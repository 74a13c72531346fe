"""A pure-Python WordPiece tokenizer (BERT uncased), for the distilled static embedding.

It reproduces BERT's ``BasicTokenizer`` + ``WordpieceTokenizer`` for an uncased
vocabulary: drop control characters, put spaces around CJK ideographs, split on
whitespace, lower-case, strip accents (NFD without combining marks), split off every
punctuation character, then cut each word greedily into the longest vocabulary pieces
(``##`` marks a piece inside a word). A word that cannot be cut, or is longer than
``MAX_WORD_CHARS``, becomes ``[UNK]``. Words are cached, so a repeated word costs one
dict look-up. No third-party code, so a model built on it would run without the
tokenizers that the distillation used (tests compare the ids with blingfire's where it is
installed). It lives with the training code because no shipped analyser reads the
embedding: the experiments found no gain worth shipping (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

__all__ = ["WordPiece"]

#: BERT's limit: a longer whitespace-free word is one [UNK].
MAX_WORD_CHARS = 100
#: Words kept in the per-tokenizer cache before it is cleared (bounds memory on
#: adversarial input; a support corpus has far fewer distinct words).
CACHE_MAX = 200_000
#: Characters that ``_clean`` would change in ASCII text (controls other than the
#: whitespace that ``str.split`` already handles, and DEL).
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _clean(text: str) -> str:
    """Drop NUL, U+FFFD and control characters; every whitespace becomes a space;
    CJK ideographs get spaces around them (BERT's ``_clean_text`` +
    ``_tokenize_chinese_chars``)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
            out.append(" ")
        elif cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    return "".join(out)


def _basic_words(token: str) -> list[str]:
    """Lower-case, strip accents and split one whitespace token on punctuation."""
    token = unicodedata.normalize("NFD", token.lower())
    token = "".join(c for c in token if unicodedata.category(c) != "Mn")
    words: list[str] = []
    current: list[str] = []
    for ch in token:
        if _is_punctuation(ch):
            if current:
                words.append("".join(current))
                current = []
            words.append(ch)
        else:
            current.append(ch)
    if current:
        words.append("".join(current))
    return words


class WordPiece:
    """Text -> vocabulary ids. ``vocab``: the pieces in id order (``##`` prefix for pieces
    inside a word), holding ``unk_token``."""

    def __init__(self, vocab: Sequence[str], unk_token: str = "[UNK]") -> None:
        self.vocab = list(vocab)
        self.index_ = {piece: i for i, piece in enumerate(self.vocab)}
        self.unk_id_ = self.index_[unk_token]
        self.cache_: dict[str, tuple[int, ...]] = {}

    def word_ids(self, word: str) -> tuple[int, ...]:
        """The ids of one basic word (already lower-cased and split), greedy longest match."""
        if len(word) > MAX_WORD_CHARS:
            return (self.unk_id_,)
        index = self.index_
        ids: list[int] = []
        start, n = 0, len(word)
        while start < n:
            end = n
            found = -1
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = index.get(piece, -1)
                if found >= 0:
                    break
                end -= 1
            if found < 0:
                return (self.unk_id_,)
            ids.append(found)
            start = end
        return tuple(ids)

    def ids(self, text: str) -> list[int]:
        """The ids of ``text`` (no [CLS]/[SEP]); an empty list for blank text."""
        cache = self.cache_
        out: list[int] = []
        if not text.isascii() or _ASCII_CONTROL.search(text):
            text = _clean(text)
        for token in text.split():
            hit = cache.get(token)
            if hit is None:
                hit = tuple(i for w in _basic_words(token) for i in self.word_ids(w))
                if len(cache) >= CACHE_MAX:
                    cache.clear()
                cache[token] = hit
            out.extend(hit)
        return out

    def tokens(self, text: str) -> list[str]:
        """The pieces of ``text`` as strings (for evidence and tests)."""
        return [self.vocab[i] for i in self.ids(text)]
