"""Rewrite benchmark: do the coaching rewrites of weak replies score higher, and invent nothing?

For every agent reply with ``overall`` below ``--below`` (default 60) that has a rewrite,
the conversation up to and including that reply is analysed twice with the full default
pipeline: once as written and once with the rewrite in its place (same context, so the
comparison is fair). It reports the share of rewrites that gain at least ``--gain``
points (default 10) and the number of rewrites that add a number, date, price or proper
name that is not in the conversation, checked independently of the coach's own fact
checker (digit runs, currency amounts, weekday/month words, capitalised words inside a
sentence, compared case-insensitively with the conversation and the rewriter's
template vocabulary).

Usage (after the analysers are merged)::

    PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py                # demo set
    PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py --input analysed.jsonl
    PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py --write benchmarks/RESULTS.md

``--input`` takes analysed JSONL (the output of ``servicemind analyze``); without it the
demo conversations are analysed first.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from servicemind.analyse.pipeline import Pipeline
from servicemind.coach._data import template_vocabulary
from servicemind.conversation import Conversation

_DATEWORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|june|july|august|september|october|november|december|today|tomorrow|tonight)\b",
    re.I,
)
_PRICE = re.compile(r"[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?(?:usd|eur|gbp|dollars?|euros?)\b", re.I)


def _new_items(rewrite: str, conversation: str) -> list[str]:
    """Numbers, prices, dates and mid-sentence capitalised words of ``rewrite`` not in ``conversation``."""
    low = conversation.lower()
    vocab = template_vocabulary()
    found: list[str] = []
    for d in re.findall(r"\d+", rewrite):
        if d not in re.findall(r"\d+", conversation):
            found.append(d)
    known = {re.sub(r"\D", "", m) for m in _PRICE.findall(conversation)}
    known.update(re.findall(r"\d+", conversation))
    for m in _PRICE.findall(rewrite):
        if re.sub(r"\D", "", m) not in known:
            found.append(m)
    for m in _DATEWORD.findall(rewrite):
        if m.lower() not in low:
            found.append(m)
    for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-zA-Z'-]+)", rewrite):
        w = m.group(1)
        if w.lower() not in low and w.lower() not in vocab and w not in ("I", "I'll", "I'm", "I've", "I'd"):
            found.append(w)
    return found


def _demo_conversations() -> Iterator[Conversation]:
    text = resources.files("servicemind").joinpath("demo", "conversations.jsonl").read_text("utf-8")
    for line in text.splitlines():
        if line.strip():
            yield _conversation(json.loads(line))


def _conversation(obj: dict[str, Any]) -> Conversation:
    return Conversation.from_turns(
        obj["turns"], id=obj.get("id"), channel=obj.get("channel"), meta=obj.get("meta")
    )


def _read(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for p in paths:
        with p.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def run(results: Iterable[dict[str, Any]], pipeline: Pipeline, below: int, gain: int) -> dict[str, Any]:
    weak = gained = no_rewrite = inventing = 0
    gains: list[int] = []
    examples: list[dict[str, Any]] = []
    for res in results:
        conv = _conversation(res)
        for i, turn in enumerate(res["turns"]):
            agent = turn.get("agent")
            if not agent or agent["overall"] >= below:
                continue
            weak += 1
            rewrite = agent["coaching"]["rewrite"]
            if not rewrite:
                no_rewrite += 1
                continue
            context = [t.to_dict() for t in conv.turns[: i + 1]]
            base = pipeline.analyze_one(Conversation.from_turns(context, id=conv.id))
            context[i] = {**context[i], "text": rewrite}
            new = pipeline.analyze_one(Conversation.from_turns(context, id=conv.id))
            delta = new["turns"][i]["agent"]["overall"] - base["turns"][i]["agent"]["overall"]
            gains.append(delta)
            gained += delta >= gain
            added = _new_items(rewrite, "\n".join(t.text for t in conv.turns[: i + 1]))
            inventing += bool(added)
            if len(examples) < 5 and (delta < gain or added):
                examples.append({"id": conv.id, "turn": i, "delta": delta, "added": added})
    return {
        "weak_replies": weak,
        "rewritten": weak - no_rewrite,
        "gained": gained,
        "share_gained": gained / weak if weak else None,
        "mean_gain": sum(gains) / len(gains) if gains else None,
        "lowered": sum(g < 0 for g in gains),
        "inventing": inventing,
        "examples": examples,
    }


def _markdown(stats: dict[str, Any], command: str, below: int, gain: int, seconds: float) -> str:
    share = stats["share_gained"]
    mean = stats["mean_gain"]
    lines = [
        "## Coaching rewrites",
        "",
        f"Command: `{command}`",
        "",
        f"- replies with overall < {below}: {stats['weak_replies']} (rewritten: {stats['rewritten']})",
        f"- rewrites gaining ≥ {gain} points when re-analysed in context: {stats['gained']}"
        + (f" ({share:.1%}; target ≥ 90%)" if share is not None else ""),
        f"- mean gain: {mean:+.1f} points" if mean is not None else "- mean gain: n/a",
        f"- rewrites that score lower than the original: {stats['lowered']}",
        f"- rewrites adding a number, date, price or proper name not in the conversation: {stats['inventing']} (target 0)",
        f"- time: {seconds:.1f} s",
        "",
    ]
    return "\n".join(lines)


def _write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    pattern = re.compile(r"## Coaching rewrites\n.*?(?=\n## |\Z)", re.S)
    text = pattern.sub(section.rstrip() + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, action="append", help="analysed JSONL (repeatable); default: the demo set")
    ap.add_argument("--below", type=int, default=60, help="rewrite replies whose overall is below this")
    ap.add_argument("--gain", type=int, default=10, help="points a rewrite must gain")
    ap.add_argument("--write", type=Path, help="replace the '## Coaching rewrites' section of this markdown file")
    args = ap.parse_args(argv)
    pipeline = Pipeline()
    t0 = time.perf_counter()
    results = _read(args.input) if args.input else pipeline.analyze(_demo_conversations())
    stats = run(results, pipeline, args.below, args.gain)
    seconds = time.perf_counter() - t0
    command = "PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py" + "".join(
        f" --input {p}" for p in args.input or []
    )
    md = _markdown(stats, command, args.below, args.gain, seconds)
    print(md)
    print(json.dumps(stats["examples"], indent=1), file=sys.stderr)
    if args.write:
        _write_section(args.write, md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
