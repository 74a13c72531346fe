"""A numpy-only runtime for the linear text models trained with scikit-learn.

Training (``servicemind.training.customer``) fits ``TfidfVectorizer`` blocks and linear
heads with scikit-learn and exports them as plain arrays; this module reproduces the
vectoriser exactly (same tokens, n-grams, sublinear tf, idf, per-block l2 norm) and the
heads' decision functions, with numpy and scipy.sparse only. A test compares it with
scikit-learn's output on sample texts.

Artefacts are package data under ``servicemind/models/<name>/``:

* ``vocab.json.gz``: ``{"blocks": [{"analyzer", "ngram_range", "sublinear_tf",
  "lowercase", "terms": [...]}, ...]}``, terms in column order;
* ``model.npz``: ``idf_<i>`` per block, and per head group ``<group>__W`` (features ×
  heads: int8 with a float32 ``<group>__W_scale`` per head, or float16 in artefacts from
  before customer model 1.6.1) and ``<group>__b`` (float32), plus any calibration arrays;
* ``model-card.json``: data, metrics, licence, version, date, seed, and ``heads``: the
  head names of each group, in column order.

They are loaded lazily, once per process (:func:`load_text_model` is cached).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from servicemind.errors import ModelError

__all__ = ["TextModel", "TfidfBlock", "load_text_model", "read_text_model", "sigmoid"]

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern

F32 = npt.NDArray[np.float32]


def sigmoid(z: npt.NDArray[Any]) -> F32:
    """Numerically stable logistic function, float32."""
    z = np.asarray(z, dtype=np.float32)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


#: Words whose char_wb column ids are memoised per block; the memo is cleared when full,
#: which bounds memory on endless streams of new words (Zipf: a few thousand words
#: cover most tokens, so the hit rate stays high).
WORD_CACHE_SIZE = 200_000


@dataclass
class TfidfBlock:
    """One ``TfidfVectorizer`` (word or ``char_wb`` analyser) as plain data."""

    analyzer: str
    ngram_range: tuple[int, int]
    sublinear_tf: bool
    lowercase: bool
    vocab: dict[str, int]
    idf: F32
    _word_ids: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.analyzer not in ("word", "char_wb"):
            raise ModelError(f"unsupported analyzer '{self.analyzer}' in a text model artefact")

    @property
    def size(self) -> int:
        return len(self.vocab)

    def _char_wb_word(self, word: str) -> list[str]:
        """scikit-learn's char_wb n-grams of one word (padded with a space each side)."""
        ww = f" {word} "
        length = len(ww)
        out: list[str] = []
        for n in range(self.ngram_range[0], self.ngram_range[1] + 1):
            if length <= n:
                out.append(ww)  # a short word is counted once, whole, then stop
                break
            out.extend([ww[i : i + n] for i in range(length - n + 1)])
        return out

    def grams(self, text: str) -> list[str]:
        """The n-grams scikit-learn's analyser yields for ``text`` (before vocabulary lookup)."""
        if self.lowercase:
            text = text.lower()
        if self.analyzer == "char_wb":
            return [g for w in text.split() for g in self._char_wb_word(w)]
        lo, hi = self.ngram_range
        toks = _TOKEN.findall(text)
        out: list[str] = list(toks) if lo == 1 else []
        for n in range(max(lo, 2), hi + 1):
            out.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
        return out

    def ids(self, text: str) -> list[int]:
        """Column ids of the in-vocabulary n-grams of ``text``, with repeats."""
        get = self.vocab.get
        if self.analyzer == "word":
            if self.ngram_range != (1, 2):
                return [c for c in map(get, self.grams(text)) if c is not None]
            toks = _TOKEN.findall(text.lower() if self.lowercase else text)
            grams = toks + [f"{a} {b}" for a, b in pairwise(toks)]
            return [c for c in map(get, grams) if c is not None]
        memo = self._word_ids
        out: list[int] = []
        for w in (text.lower() if self.lowercase else text).split():
            found = memo.get(w)
            if found is None:
                found = [c for c in map(get, self._char_wb_word(w)) if c is not None]
                if len(memo) >= WORD_CACHE_SIZE:
                    memo.clear()
                memo[w] = found
            out.extend(found)
        return out

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The tf-idf matrix of ``texts``, rows l2-normalised, float32."""
        cols: list[int] = []
        counts = np.zeros(len(texts) + 1, dtype=np.int64)
        for r, text in enumerate(texts):
            found = self.ids(text)
            cols.extend(found)
            counts[r + 1] = len(found)
        n = len(texts)
        rows = np.repeat(np.arange(n), counts[1:])
        mat = sparse.csr_matrix(
            (np.ones(len(cols), dtype=np.float32), (rows, np.asarray(cols, dtype=np.int64))),
            shape=(n, self.size),
            dtype=np.float32,
        )
        mat.sum_duplicates()
        data = mat.data
        if self.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        data *= self.idf[mat.indices]
        row_of = np.repeat(np.arange(n), np.diff(mat.indptr))
        norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=n)).astype(np.float32)
        norms[norms == 0] = 1.0
        data /= norms[row_of]
        return mat


def _weights(arrays: dict[str, npt.NDArray[Any]], group: str) -> npt.NDArray[np.float32]:
    """A head group's weights as float32: int8 times its per-head scale, or float16 as is."""
    W = arrays[f"{group}__W"].astype(np.float32)
    scale = arrays.get(f"{group}__W_scale")
    return W if scale is None else W * scale.astype(np.float32)


class TextModel:
    """Vectoriser blocks plus groups of linear heads sharing them.

    ``decision(texts, group)`` is ``X @ W + b`` for that group's heads. All groups are
    computed at once and the last batch's result is kept, so analysers that read
    different heads of one model on the same texts vectorise them once.
    """

    def __init__(
        self,
        blocks: Sequence[TfidfBlock],
        arrays: dict[str, npt.NDArray[Any]],
        card: dict[str, Any],
    ) -> None:
        self.blocks = tuple(blocks)
        self.arrays = arrays
        self.card = card
        self.groups: dict[str, list[str]] = {k: list(v) for k, v in card["heads"].items()}
        # All heads side by side: one sparse x dense product per batch serves every group.
        names = list(self.groups)
        self._W = np.hstack([_weights(arrays, g) for g in names])
        self._b = np.concatenate([arrays[f"{g}__b"].astype(np.float32) for g in names])
        edges = np.cumsum([0] + [len(self.groups[g]) for g in names])
        self._cols = {g: (int(edges[i]), int(edges[i + 1])) for i, g in enumerate(names)}
        self._last: tuple[tuple[str, ...], F32] | None = None
        self._idf = np.concatenate([b.idf for b in self.blocks]).astype(np.float32)
        self._block_edges = np.cumsum([0] + [b.size for b in self.blocks])[:-1]
        if len({b.sublinear_tf for b in self.blocks}) > 1:
            raise ModelError("text model blocks must agree on sublinear_tf")
        self._sublinear = self.blocks[0].sublinear_tf

    @property
    def n_features(self) -> int:
        return sum(b.size for b in self.blocks)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The feature matrix of already-normalised ``texts``: the blocks side by side,
        each l2-normalised on its own (as scikit-learn's vectorisers in a union), built
        in one pass."""
        n = len(texts)
        col_parts: list[npt.NDArray[np.int64]] = []
        row_parts: list[npt.NDArray[np.int64]] = []
        offset = 0
        for block in self.blocks:
            cols: list[int] = []
            counts = np.zeros(n, dtype=np.int64)
            for r, text in enumerate(texts):
                found = block.ids(text)
                cols.extend(found)
                counts[r] = len(found)
            col_parts.append(np.asarray(cols, dtype=np.int64) + offset)
            row_parts.append(np.repeat(np.arange(n, dtype=np.int64), counts))
            offset += block.size
        rows = np.concatenate(row_parts)
        mat = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, np.concatenate(col_parts))),
            shape=(n, offset),
            dtype=np.float32,
        )
        mat.sum_duplicates()
        data = mat.data
        if self._sublinear:
            np.log(data, out=data)
            data += 1.0
        data *= self._idf[mat.indices]
        # per-row, per-block l2 norms: key = row * n_blocks + block of the column
        nb = len(self.blocks)
        block_of = np.searchsorted(self._block_edges, mat.indices, side="right") - 1
        key = np.repeat(np.arange(n), np.diff(mat.indptr)) * nb + block_of
        norms = np.sqrt(np.bincount(key, weights=data * data, minlength=n * nb))
        norms[norms == 0] = 1.0
        data /= norms[key].astype(np.float32)
        return mat

    def decision(self, texts: Sequence[str], group: str) -> F32:
        """Decision values (n_texts × heads of ``group``); the decision values of every
        group are computed together and memoised for the last batch of texts."""
        key = tuple(texts)
        if self._last is None or self._last[0] != key:
            Z = np.asarray(self.transform(key) @ self._W, dtype=np.float32) + self._b
            self._last = (key, Z)
        lo, hi = self._cols[group]
        out: F32 = self._last[1][:, lo:hi]
        return out

    def array(self, name: str) -> npt.NDArray[Any]:
        """A named extra array of the artefact (thresholds, calibration, ...)."""
        try:
            return self.arrays[name]
        except KeyError:
            raise ModelError(f"model artefact has no array '{name}'") from None


def _read_package_file(package: str, name: str) -> bytes:
    try:
        return resources.files(package).joinpath(name).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(
            f"model artefact {package}/{name} is missing",
            hint="reinstall servicemind, or retrain with `servicemind train customer`",
        ) from exc


def _build(read: Callable[[str], bytes]) -> TextModel:
    card = json.loads(read("model-card.json"))
    vocab = json.loads(gzip.decompress(read("vocab.json.gz")))
    with np.load(io.BytesIO(read("model.npz")), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    blocks = []
    for i, spec in enumerate(vocab["blocks"]):
        blocks.append(
            TfidfBlock(
                analyzer=spec["analyzer"],
                ngram_range=(int(spec["ngram_range"][0]), int(spec["ngram_range"][1])),
                sublinear_tf=bool(spec["sublinear_tf"]),
                lowercase=bool(spec["lowercase"]),
                vocab={t: j for j, t in enumerate(spec["terms"])},
                idf=arrays[f"idf_{i}"].astype(np.float32),
            )
        )
    return TextModel(blocks, arrays, card)


def read_text_model(directory: Path) -> TextModel:
    """Load a text model artefact from a folder (e.g. freshly trained, not yet packaged)."""

    def read(name: str) -> bytes:
        try:
            return (directory / name).read_bytes()
        except FileNotFoundError as exc:
            raise ModelError(f"model artefact {directory / name} is missing") from exc

    return _build(read)


@functools.cache
def load_text_model(package: str = "servicemind.models.customer") -> TextModel:
    """Load a text model artefact from package data, once per process."""
    return _build(functools.partial(_read_package_file, package))
