"""The binary term matrix both word-model trainers fit on (traits' word score, the
commitment sentence model)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

__all__ = ["term_matrix"]


def term_matrix(rows_terms: Sequence[Iterable[str]], index: dict[str, int]) -> Any:
    """The (rows x vocabulary) CSR matrix with a 1 for each term of a row found in
    ``index`` (terms outside it left out; a term listed twice in a row adds up)."""
    from scipy import sparse

    rows, cols = [], []
    for r, ts in enumerate(rows_terms):
        for t in ts:
            j = index.get(t)
            if j is not None:
                rows.append(r)
                cols.append(j)
    return sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(rows_terms), len(index)), dtype=np.float64
    )
