"""Batch runs: analysis spread over local worker processes.

``analyze_parallel(pipeline, conversations, jobs=2)`` yields exactly what
``pipeline.analyze(conversations)`` yields, in the same order: the input is cut into the
pipeline's own batches (batch-level cues such as copy-paste detection see the same
neighbours), each batch is analysed in a worker, and results come back batch by batch.
``map_batches(fn, batches, jobs)`` is the same transport for any batch function.
"""

from __future__ import annotations

from servicemind.batch._local import analyze_parallel, map_batches, resolve_jobs

__all__ = ["analyze_parallel", "map_batches", "resolve_jobs"]
