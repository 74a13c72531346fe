"""The library API: analyse conversations, files, or a single draft reply.

::

    import servicemind.api as sm
    result = sm.score_reply("I'm sorry about the wait, I'll refund it today.",
                            context=[("customer", "I was charged twice!")])
    result["turns"][-1]["agent"]["overall"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, overload

from servicemind.analyse.pipeline import DEFAULT_COMPONENTS, Pipeline
from servicemind.analyse.scorecard import profile_name
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError
from servicemind.schemas import validate

T = TypeVar("T")

__all__ = ["analyze", "analyze_files", "get_pipeline", "score_reply"]


@cache
def _cached_pipeline(
    profile: str,
    components: tuple[str, ...],
    llm_url: str | None,
    llm_model: str | None,
    batch_size: int = 256,
) -> Pipeline:
    config: dict[str, dict[str, Any]] = {}
    if "scorecard" in components:
        config["scorecard"] = {"profile": profile}
    if llm_url and "coaching" in components:
        config["coaching"] = {"llm_url": llm_url, "llm_model": llm_model}
    return Pipeline(components, config=config, batch_size=batch_size)


def get_pipeline(
    profile: str = "default",
    components: Sequence[str] = DEFAULT_COMPONENTS,
    *,
    llm_url: str | None = None,
    llm_model: str | None = None,
    batch_size: int = 256,
) -> Pipeline:
    """The pipeline for ``profile``; built once per process (models load once).

    ``llm_url``/``llm_model`` switch on the optional LLM rewriter for coaching (off by
    default; its output passes the same fact check, with the built-in rewriter as fallback).
    ``batch_size``: conversations analysed together (and the unit of work of a worker).
    """
    if batch_size < 1:
        raise ConfigError(f"batch_size must be 1 or more, not {batch_size}")
    name = profile_name(profile)  # "Airline" and "airline" share one pipeline
    return _cached_pipeline(name, tuple(components), llm_url, llm_model, batch_size)


@overload
def analyze(
    conversations: Iterable[Conversation],
    *,
    profile: str = ...,
    check: bool = ...,
    pipeline: Pipeline | None = ...,
    llm_url: str | None = ...,
    llm_model: str | None = ...,
    jobs: int = ...,
    batch_size: int = ...,
    encode: None = ...,
) -> Iterator[dict[str, Any]]: ...


@overload
def analyze(
    conversations: Iterable[Conversation],
    *,
    profile: str = ...,
    check: bool = ...,
    pipeline: Pipeline | None = ...,
    llm_url: str | None = ...,
    llm_model: str | None = ...,
    jobs: int = ...,
    batch_size: int = ...,
    encode: Callable[[dict[str, Any]], T],
) -> Iterator[T]: ...


def analyze(
    conversations: Iterable[Conversation],
    *,
    profile: str = "default",
    check: bool = True,
    pipeline: Pipeline | None = None,
    llm_url: str | None = None,
    llm_model: str | None = None,
    jobs: int = 1,
    batch_size: int = 256,
    encode: Callable[[dict[str, Any]], Any] | None = None,
) -> Iterator[Any]:
    """Yield the output-contract object of each conversation (validated when ``check``).

    The pipeline is built (and its models loaded) on the call, not on the first ``next``,
    so configuration errors surface before any input is read. ``jobs`` other than 1 spreads
    the batches over that many worker processes (0: one per core); the output is the same,
    in the same order. ``encode``, when given, turns each (validated) object into what is
    yielded instead, e.g. its JSON text; with workers it runs in them, so the objects need
    not travel back (``encode`` must then be a module-level function).
    """
    pipe = pipeline or get_pipeline(
        profile, llm_url=llm_url, llm_model=llm_model, batch_size=batch_size
    )
    if jobs != 1:
        from servicemind.batch import analyze_parallel, resolve_jobs

        if resolve_jobs(jobs) > 1:
            return analyze_parallel(pipe, conversations, jobs, check=check, encode=encode)
    results = _validated(pipe.analyze(conversations), check)
    return results if encode is None else map(encode, results)


def _validated(results: Iterator[dict[str, Any]], check: bool) -> Iterator[dict[str, Any]]:
    for obj in results:
        if check:
            validate(obj)
        yield obj


def analyze_files(
    paths: Sequence[str | Path],
    *,
    format: str | None = None,
    profile: str = "default",
    strict: bool = False,
    options: Mapping[str, Any] | None = None,
) -> Iterator[dict[str, Any]]:
    """Read, de-duplicate and analyse every conversation of ``paths``."""
    from servicemind.ingest import dedupe, read_all

    convs = dedupe(read_all(list(paths), format, strict=strict, options=options), strict=strict)
    yield from analyze(convs, profile=profile)


def score_reply(
    reply: str,
    context: Sequence[tuple[str, str]] | Sequence[Mapping[str, Any]] = (),
    *,
    role: str = "agent",
    profile: str = "default",
) -> dict[str, Any]:
    """Score a draft reply in the context of the conversation so far.

    ``context`` holds ``(role, text)`` pairs or turn mappings; the reply is appended as the
    last turn. Returns the whole output object; the reply's analysis is
    ``result["turns"][-1]["agent"]``.
    """
    turns: list[Mapping[str, Any]] = [
        {"role": c[0], "text": c[1]} if isinstance(c, tuple) else c for c in context
    ]
    turns.append({"role": role, "text": reply})
    conv = Conversation.from_turns(turns)
    return next(analyze([conv], profile=profile))
