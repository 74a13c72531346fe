"""Order-preserving analysis over a pool of worker processes."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

from servicemind.analyse.base import gc_paused
from servicemind.analyse.pipeline import Pipeline
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError
from servicemind.schemas import validate

__all__ = ["analyze_parallel", "map_batches", "resolve_jobs"]

#: Batches in flight per worker: enough to keep every worker busy while the parent writes,
#: few enough that memory stays bounded for any input size.
BATCHES_IN_FLIGHT_PER_JOB = 2

_PIPELINE: Pipeline | None = None
_FN: Callable[[Any], list[Any]] | None = None

T = TypeVar("T")


def resolve_jobs(jobs: int) -> int:
    """Worker count for ``jobs`` (0 means one per CPU core this process may use)."""
    if jobs < 0:
        raise ConfigError(f"jobs must be 0 (one per core) or more, not {jobs}")
    if jobs == 0:
        affinity = getattr(os, "sched_getaffinity", None)
        return len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    return jobs


def _init_worker(pipeline: Pipeline | None, fn: Callable[[Any], list[Any]] | None) -> None:
    global _PIPELINE, _FN
    _PIPELINE, _FN = pipeline, fn


def _analysed(
    pipeline: Pipeline,
    batch: list[Conversation],
    check: bool,
    encode: Callable[[dict[str, Any]], Any] | None = None,
) -> list[Any]:
    """One batch (at most ``batch_size`` conversations: one pipeline batch), validated, and
    each output passed through ``encode`` when given."""
    out = list(pipeline.analyze(batch))
    if check:
        for obj in out:
            validate(obj)
    return out if encode is None else [encode(obj) for obj in out]


def _packed(batch: Any) -> bytes:
    """The worker's function over ``batch``, pickled here in the worker.

    The pool would pickle the result anyway; handing it over as one ``bytes`` object lets
    the parent unpickle it with the garbage collector paused (:func:`map_batches`): the
    output of a batch is hundreds of thousands of small containers, and with collection on
    each allocation burst re-scans every live object of the parent (about half the cost of
    unpickling, and more when the caller holds much).
    """
    assert _FN is not None
    return pickle.dumps(_FN(batch), pickle.HIGHEST_PROTOCOL)


def _unpacked(blob: bytes) -> list[Any]:
    with gc_paused():
        out: list[Any] = pickle.loads(blob)
    return out


def map_batches(
    fn: Callable[[T], list[Any]],
    batches: Iterable[T],
    jobs: int,
    *,
    pipeline: Pipeline | None = None,
) -> Iterator[Any]:
    """Yield every item of ``fn(batch)`` for each batch, in input order, from ``jobs`` workers.

    ``fn`` must be picklable by reference (a module-level function); in the worker it may
    read :data:`_PIPELINE` (``pipeline``). Workers are forked where the platform can, so
    what the parent loaded (models, compiled cues) is shared, not loaded again; the
    parent's objects are frozen out of the workers' garbage collection for the fork (a
    collection in a worker would otherwise walk, and so copy, the whole inherited heap).
    At most ``jobs * BATCHES_IN_FLIGHT_PER_JOB`` batches are in flight at a time.
    """
    workers = resolve_jobs(jobs)
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else None)
    thaw = gc.get_freeze_count() == 0  # a caller's own freeze is left as it was
    gc.freeze()
    try:
        pool = ctx.Pool(workers, initializer=_init_worker, initargs=(pipeline, fn))
    finally:
        if thaw:  # the parent collects as before; the forked workers keep theirs frozen
            gc.unfreeze()
    with pool:
        pending: deque[AsyncResult[bytes]] = deque()
        it = iter(batches)
        while True:
            batch = next(it, None)
            if batch is not None:
                pending.append(pool.apply_async(_packed, (batch,)))
            if pending and (batch is None or len(pending) >= workers * BATCHES_IN_FLIGHT_PER_JOB):
                yield from _unpacked(pending.popleft().get())
            if batch is None and not pending:
                return


def _work(
    batch: tuple[list[Conversation], bool, Callable[[dict[str, Any]], Any] | None],
) -> list[Any]:
    """:func:`_analysed` in a worker, with the pipeline it was started with."""
    assert _PIPELINE is not None
    return _analysed(_PIPELINE, *batch)


def analyze_parallel(
    pipeline: Pipeline,
    conversations: Iterable[Conversation],
    jobs: int,
    *,
    check: bool = True,
    encode: Callable[[dict[str, Any]], Any] | None = None,
) -> Iterator[Any]:
    """Yield the output of every conversation, in input order, analysed by ``jobs`` workers.

    Workers start from a copy of ``pipeline`` (forked where the platform can, so its
    models are not loaded again). Validation (``check``) runs in the workers too, and so
    does ``encode`` (a module-level function): when given, ``encode(output)`` is yielded
    instead of the output, e.g. its JSON line, which travels back far cheaper than the
    object. An input of one batch or less is analysed in this process: one batch keeps one
    worker busy, so starting a pool would only add its start-up time.
    """
    resolve_jobs(jobs)  # a bad value fails before any input is read
    it = iter(conversations)
    first = list(islice(it, pipeline.batch_size))
    second = list(islice(it, pipeline.batch_size)) if first else []
    if not second:
        yield from _analysed(pipeline, first, check, encode)
        return
    queued: Iterator[list[Conversation]] = chain(
        (first, second), iter(lambda: list(islice(it, pipeline.batch_size)), [])
    )
    yield from map_batches(_work, ((b, check, encode) for b in queued), jobs, pipeline=pipeline)
