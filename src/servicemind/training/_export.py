"""Export fitted scikit-learn text models as numpy-only package data (no pickles).

The files are written byte-for-byte reproducibly: fixed zip timestamps, gzip without a
modification time, sorted JSON keys. :mod:`servicemind.analyse._textmodel` reads them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["block_spec", "card_date", "write_npz", "write_text_model"]

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def card_date() -> str:
    """The date a model card records: today (UTC), or ``SOURCE_DATE_EPOCH`` when set, so a
    re-run on another day can reproduce the card byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


def block_spec(vectorizer: Any) -> tuple[dict[str, Any], npt.NDArray[np.float32]]:
    """The JSON spec and idf of a fitted ``TfidfVectorizer`` (word or char_wb analyser)."""
    if vectorizer.analyzer not in ("word", "char_wb"):
        raise ValueError(f"unsupported analyzer {vectorizer.analyzer!r}")
    if vectorizer.analyzer == "word" and vectorizer.token_pattern != r"(?u)\b\w\w+\b":
        raise ValueError("only the default token_pattern is reproduced at run time")
    if vectorizer.norm != "l2" or not vectorizer.use_idf or vectorizer.strip_accents:
        raise ValueError("only l2-normalised tf-idf without accent stripping is supported")
    vocab: dict[str, int] = vectorizer.vocabulary_
    terms = [""] * len(vocab)
    for term, j in vocab.items():
        terms[j] = term
    spec = {
        "analyzer": vectorizer.analyzer,
        "ngram_range": list(vectorizer.ngram_range),
        "sublinear_tf": bool(vectorizer.sublinear_tf),
        "lowercase": bool(vectorizer.lowercase),
        "terms": terms,
    }
    return spec, np.asarray(vectorizer.idf_, dtype=np.float32)


def write_npz(path: Path, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
    """Write an ``.npz`` (deflate-compressed) with fixed timestamps, arrays in name order."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


def quantise(W: npt.NDArray[Any]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
    """``W`` (features × heads) as int8 and a float32 scale per head: ``q * scale`` restores
    it to within half a step (the largest weight / 254). Rounded through float16 first, the
    same numbers whatever float type the fit returned. Most weights are near 0, so the int8
    table deflates to a fifth of the float16 one (the customer model: 7.3 → 1.9 MB); on
    GoEmotions dev the 28-label macro-F1 moved 0.5034 → 0.5031 and the six 0.5900 → 0.5903
    (benchmarks/RESULTS.md, "Customer side")."""
    w = np.asarray(W).astype(np.float16).astype(np.float32)
    top = np.abs(w).max(axis=0) if w.size else np.zeros(w.shape[1], dtype=np.float32)
    scale = np.where(top > 0, top / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, scale


def write_text_model(
    out_dir: Path,
    vectorizers: Sequence[Any],
    heads: Mapping[str, tuple[Sequence[str], npt.NDArray[Any], npt.NDArray[Any]]],
    extra: Mapping[str, npt.NDArray[Any]],
    card: dict[str, Any],
) -> dict[str, int]:
    """Write ``vocab.json.gz``, ``model.npz`` and ``model-card.json`` into ``out_dir``.

    ``heads`` maps a group name to ``(head names, W (features × heads), b (heads,))``.
    Weights are stored as int8 with a float32 scale per head (:func:`quantise`), everything
    else as float32. Returns the size in bytes of each file written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    specs: list[dict[str, Any]] = []
    arrays: dict[str, npt.NDArray[Any]] = {}
    for i, v in enumerate(vectorizers):
        spec, idf = block_spec(v)
        specs.append(spec)
        arrays[f"idf_{i}"] = idf
    n_features = sum(len(s["terms"]) for s in specs)
    for group, (names, W, b) in heads.items():
        W = np.asarray(W)
        if W.shape != (n_features, len(names)):
            raise ValueError(f"head group {group}: W has shape {W.shape}")
        arrays[f"{group}__W"], arrays[f"{group}__W_scale"] = quantise(W)
        arrays[f"{group}__b"] = np.asarray(b, dtype=np.float32).reshape(len(names))
    for k, a in extra.items():
        a = np.asarray(a)
        arrays[k] = a.astype(np.float32) if a.dtype.kind == "f" else a
    vocab_bytes = json.dumps({"blocks": specs}, ensure_ascii=False, separators=(",", ":"))
    (out_dir / "vocab.json.gz").write_bytes(
        gzip.compress(vocab_bytes.encode("utf-8"), compresslevel=9, mtime=0)
    )
    write_npz(out_dir / "model.npz", arrays)
    card = dict(card)
    card["heads"] = {g: list(names) for g, (names, _, _) in heads.items()}
    card["n_features"] = n_features
    (out_dir / "model-card.json").write_text(
        json.dumps(card, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return {
        p.name: p.stat().st_size
        for p in (out_dir / "vocab.json.gz", out_dir / "model.npz", out_dir / "model-card.json")
    }
