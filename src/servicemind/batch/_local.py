"""Order-preserving analysis over a pool of worker processes."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from typing import Any

from servicemind.analyse.pipeline import Pipeline
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError
from servicemind.schemas import validate

__all__ = ["analyze_parallel", "resolve_jobs"]

#: Batches in flight per worker: enough to keep every worker busy while the parent writes,
#: few enough that memory stays bounded for any input size.
BATCHES_IN_FLIGHT_PER_JOB = 2

_PIPELINE: Pipeline | None = None


def resolve_jobs(jobs: int) -> int:
    """Worker count for ``jobs`` (0 means one per CPU core this process may use)."""
    if jobs < 0:
        raise ConfigError(f"jobs must be 0 (one per core) or more, not {jobs}")
    if jobs == 0:
        affinity = getattr(os, "sched_getaffinity", None)
        return len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    return jobs


def _init_worker(pipeline: Pipeline) -> None:
    global _PIPELINE
    _PIPELINE = pipeline


def _analysed(pipeline: Pipeline, batch: list[Conversation], check: bool) -> list[dict[str, Any]]:
    """One batch (at most ``batch_size`` conversations: one pipeline batch), validated."""
    out = list(pipeline.analyze(batch))
    if check:
        for obj in out:
            validate(obj)
    return out


def _work(batch: list[Conversation], check: bool) -> list[dict[str, Any]]:
    """:func:`_analysed` in a worker, with the pipeline it was started with."""
    assert _PIPELINE is not None
    return _analysed(_PIPELINE, batch, check)


def analyze_parallel(
    pipeline: Pipeline, conversations: Iterable[Conversation], jobs: int, *, check: bool = True
) -> Iterator[dict[str, Any]]:
    """Yield the output of every conversation, in input order, analysed by ``jobs`` workers.

    Workers start from a copy of ``pipeline`` (forked where the platform can, so its
    models are not loaded again). Validation (``check``) runs in the workers too. An input
    of one batch or less is analysed in this process: one batch keeps one worker busy, so
    starting a pool would only add its start-up time.
    """
    workers = resolve_jobs(jobs)
    it = iter(conversations)
    first = list(islice(it, pipeline.batch_size))
    second = list(islice(it, pipeline.batch_size)) if first else []
    if not second:
        yield from _analysed(pipeline, first, check)
        return
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    queued: Iterator[list[Conversation]] = chain(
        (first, second), iter(lambda: list(islice(it, pipeline.batch_size)), [])
    )
    with ctx.Pool(workers, initializer=_init_worker, initargs=(pipeline,)) as pool:
        pending: deque[AsyncResult[list[dict[str, Any]]]] = deque()
        while True:
            batch = next(queued, [])
            if batch:
                pending.append(pool.apply_async(_work, (batch, check)))
            if pending and (not batch or len(pending) >= workers * BATCHES_IN_FLIGHT_PER_JOB):
                yield from pending.popleft().get()
            if not batch and not pending:
                return
