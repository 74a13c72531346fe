"""Loading the coach's phrase data (package data under ``coach/data/``), once per process."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from servicemind.errors import ConfigError

__all__ = ["load", "template_vocabulary"]

_FILES = ("acknowledgements", "topics", "phrases", "rules", "jargon", "languages")


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed data file ``coach/data/<name>.json``."""
    if name not in _FILES:
        raise ConfigError(f"unknown coach data file '{name}'", hint=f"one of: {', '.join(_FILES)}")
    try:
        text = (
            resources.files("servicemind.coach")
            .joinpath("data", f"{name}.json")
            .read_text(encoding="utf-8")
        )
        data: dict[str, Any] = json.loads(text)
    except (OSError, ValueError) as exc:
        raise ConfigError(
            f"coach data file '{name}.json' cannot be read: {exc}",
            hint="reinstall servicemind; the package data is incomplete",
        ) from exc
    return data


def _strings(obj: Any) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() if k not in ("_about", "keywords") for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


@cache
def template_vocabulary() -> frozenset[str]:
    """Every word the rewriter's own templates can add (lower-case): never counted as a fact."""
    words: set[str] = set()
    for name in ("acknowledgements", "topics", "phrases", "jargon"):
        for s in _strings(load(name)):
            words.update(w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", s))
    languages = load("languages")
    translations = [
        v for e in languages.get("sentences", []) for k, v in e.items() if len(k) == 2 and k != "en"
    ]
    for s in _strings(languages["phrases"]) + _strings(languages.get("frame", {})) + translations:
        words.update(w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", s))
    for s in load("rules")["boundary_phrase"]:
        words.update(w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", s))
    for _, repl in load("rules")["deflect"]:
        words.update(w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", repl))
    return frozenset(words)
