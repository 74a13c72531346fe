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

Usage::

    PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py             # demo, corpus train, test
    PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py --part demo --part train  # tuning
    PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py --input analysed.jsonl
    PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py --write benchmarks/RESULTS.md

Parts: ``demo`` (the packaged demo conversations, every agent reply), and ``train`` and
``test``, the two parts of the team-written trait corpus (``training/data/traits/pairs``:
each item's context plus its reply as one conversation; only the item's reply counts). The
test part (SHA-256 of the id mod 100 < 20, :func:`servicemind.training._labels.split_of`)
is for the final measurement only: tune on ``demo`` and ``train``. ``--input`` takes
analysed JSONL (the output of ``servicemind analyze``) instead of the parts.
``--failures FILE`` writes every rewrite that gains less than ``--gain`` (or invents) as
JSONL, with the trait scores before and after, for finding the causes.
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
from servicemind.training._labels import load_items, split_of

CORPUS = Path(__file__).resolve().parents[1] / "training" / "data" / "traits" / "pairs"
PARTS = ("demo", "train", "test")

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
    # whole words, accents included ("Grüßen", not "Gr")
    for m in re.finditer(r"(?<=[^\W\d_A-Z,;]|[,;]) ([A-ZÀ-ÖØ-Þ][\w'’-]+)", rewrite):
        w = m.group(1)
        if (
            w.lower() not in low
            and w.lower() not in vocab
            and w not in ("I", "I'll", "I'm", "I've", "I'd")
        ):
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


def _corpus_conversations(path: Path, part: str) -> Iterator[Conversation]:
    """The corpus items of ``part`` as conversations: context turns, then the reply."""
    for item_id, item in sorted(load_items(path).items()):
        if split_of(item_id) != part:
            continue
        turns = [*item["context"], {"role": "agent", "text": item["reply"]}]
        yield Conversation.from_turns(
            turns, id=item_id, channel=item.get("channel"), meta={"judged_turn": len(turns) - 1}
        )


def _read(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for p in paths:
        with p.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def _scores(agent: dict[str, Any]) -> dict[str, float]:
    return {
        k: round(t["score"], 2)
        for k, t in agent.get("traits", {}).items()
        if t.get("applicable") and isinstance(t.get("score"), int | float)
    }


def run(
    results: Iterable[dict[str, Any]],
    pipeline: Pipeline,
    below: int,
    gain: int,
    failures: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Gain and invented facts of every rewrite of a reply with ``overall`` < ``below``.

    A result whose ``meta`` names a ``judged_turn`` (a corpus item) counts that turn only.
    """
    weak = gained = no_rewrite = inventing = 0
    gains: list[int] = []
    examples: list[dict[str, Any]] = []
    for res in results:
        conv = _conversation(res)
        judged = (res.get("meta") or {}).get("judged_turn")
        for i, turn in enumerate(res["turns"]):
            agent = turn.get("agent")
            if not agent or agent["overall"] >= below or (judged is not None and i != judged):
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
            if delta < gain or added:
                if len(examples) < 5:
                    examples.append({"id": conv.id, "turn": i, "delta": delta, "added": added})
                if failures is not None:
                    prev = next((t for t in reversed(base["turns"][:i]) if t.get("customer")), None)
                    cust = (prev or {}).get("customer", {})
                    failures.append(
                        {
                            "id": conv.id,
                            "turn": i,
                            "delta": delta,
                            "added": added,
                            "emotion": cust.get("emotion", {}).get("label"),
                            "hostile": cust.get("hostile"),
                            "customer": (prev or {}).get("text", ""),
                            "reply": conv.turns[i].text,
                            "rewrite": rewrite,
                            "before": _scores(base["turns"][i]["agent"]),
                            "after": _scores(new["turns"][i]["agent"]),
                            "overall": [
                                base["turns"][i]["agent"]["overall"],
                                new["turns"][i]["agent"]["overall"],
                            ],
                        }
                    )
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


def _markdown(
    stats: dict[str, dict[str, Any]], command: str, below: int, gain: int, seconds: float
) -> str:
    """A dated paragraph and one table row per part."""
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        f"{stamp}: `{command}` ({seconds:.0f} s). Replies with overall < {below}, their rewrites "
        f"re-analysed in context; target ≥ 90% gaining ≥ {gain} points, 0 inventing.",
        "",
        "| part | weak replies | rewritten | gaining ≥ 10 | mean gain | lower | inventing |",
        "|---|---|---|---|---|---|---|",
    ]
    for part, st in stats.items():
        share = st["share_gained"]
        gained = f"{st['gained']} ({share:.1%})" if share is not None else str(st["gained"])
        mean = f"{st['mean_gain']:+.1f}" if st["mean_gain"] is not None else "n/a"
        lines.append(
            f"| {part} | {st['weak_replies']} | {st['rewritten']} | {gained} | {mean} "
            f"| {st['lowered']} | {st['inventing']} |"
        )
    return "\n".join([*lines, ""])


def _write_section(path: Path, paragraph: str) -> None:
    """Append ``paragraph`` at the end of the '## Coaching rewrites' section of ``path``."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n\n"
    m = re.search(r"## Coaching rewrites\n.*?(?=\n## |\Z)", text, re.S)
    if m is None:
        text = text.rstrip() + "\n\n## Coaching rewrites\n\n" + paragraph
    else:
        text = text[: m.end()].rstrip() + "\n\n" + paragraph.rstrip() + "\n" + text[m.end() :]
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--input", type=Path, action="append", help="analysed JSONL (repeatable) instead of parts"
    )
    ap.add_argument(
        "--part", choices=PARTS, action="append", help="demo, train, test (default: all three)"
    )
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the trait corpus pairs folder")
    ap.add_argument(
        "--below", type=int, default=60, help="rewrite replies whose overall is below this"
    )
    ap.add_argument("--gain", type=int, default=10, help="points a rewrite must gain")
    ap.add_argument("--failures", type=Path, help="write the rewrites gaining too little here")
    ap.add_argument(
        "--write", type=Path, help="append a dated paragraph to '## Coaching rewrites' here"
    )
    args = ap.parse_args(argv)
    pipeline = Pipeline()
    t0 = time.perf_counter()
    failures: list[dict[str, Any]] = []
    stats: dict[str, dict[str, Any]] = {}
    if args.input:
        stats["input"] = run(_read(args.input), pipeline, args.below, args.gain, failures)
    for part in [] if args.input else args.part or PARTS:
        if part == "demo":
            results = pipeline.analyze(_demo_conversations())
        elif args.corpus.is_dir():
            results = pipeline.analyze(_corpus_conversations(args.corpus, part))
        else:
            continue
        stats[part] = run(results, pipeline, args.below, args.gain, failures)
    seconds = time.perf_counter() - t0
    command = (
        "PYTHONPATH=src python3 benchmarks/rewrite_benchmark.py"
        + "".join(f" --input {p}" for p in args.input or [])
        + "".join(f" --part {p}" for p in args.part or [])
    )
    md = _markdown(stats, command, args.below, args.gain, seconds)
    print(md)
    for part, st in stats.items():
        print(part, json.dumps(st["examples"]), file=sys.stderr)
    if args.failures:
        with args.failures.open("w", encoding="utf-8") as f:
            for row in failures:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.write:
        _write_section(args.write, md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
