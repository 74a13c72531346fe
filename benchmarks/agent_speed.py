"""Speed of the agent side (traits + commitments + scorecard) with conversation context.

    PYTHONPATH=src python3 benchmarks/agent_speed.py [--conversations 2000] [--single 2000]
        [--commitment-model on|off]

Builds invented conversations (customer and agent turns alternating, 3 agent replies each,
customer side pre-filled as the customer analysers would write it), then measures:

* batch throughput: agent replies per second through the three analysers, batches of 256
  conversations (the pipeline's default batch size), per wall-clock second and per CPU
  second of this process (the latter is what a dedicated core gives when the machine is
  shared; the load average is printed with it); once with texts drawn from the templates
  as they are (most texts repeat, so per-text memos hit, as on pasted macros) and once with
  every text made unique (a reference number added where a template has none: the cost of
  text never seen before);
* single-reply latency: one conversation with one customer turn and one reply per call,
  p50 / p99 over ``--single`` calls, for both kinds of text;
* with ``--jobs N`` (0: one per core), also the batch throughput with the same batches
  spread over N forked worker processes through ``servicemind.batch.map_batches``, the
  transport ``servicemind analyze`` uses by default (the analysers are loaded before the
  fork; the pool's start and each batch's output objects travelling back to the parent
  are counted).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from typing import Any

from servicemind.analyse import commitments
from servicemind.analyse.base import EMOTIONS, Doc
from servicemind.analyse.commitments import CommitmentAnalyser
from servicemind.analyse.scorecard import ScorecardAnalyser
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.batch import map_batches, resolve_jobs
from servicemind.conversation import Conversation

CUSTOMER = [
    "My order {n} still hasn't arrived and it's been two weeks. This is ridiculous!",
    "Hi, can you tell me if you deliver to Porto? And how much does shipping cost?",
    "I was charged twice for my subscription this month, please fix it.",
    "You useless idiots cut off my internet AGAIN. I work from home!!",
    "Hola, mi pedido {n} no ha llegado todavía. ¿Qué puedo hacer?",
    "I'm 81 and not good with computers. What does 'clear your cache' mean?",
    "Thanks, all sorted now!",
    "My father passed away and I need to close his account {n}. What do I need to send?",
]
AGENT = [
    "I'm so sorry about the wait. I've checked order {n}: it's with the courier and I'll call "
    "you tomorrow before noon with the delivery slot.",
    "Yes, we deliver to Porto! Shipping is 4.90 euros and takes 3 working days.",
    "We apologize for any inconvenience this may have caused. Your satisfaction is our top priority.",
    "I understand how frustrating this is. Unfortunately the plan can't be refunded, but what I "
    "can do is credit you 10 euros today.",
    "As I already said, please send your account number.",
    "Hola, lo siento mucho. Le llamo mañana con el número de seguimiento.",
    "No problem at all. It just means tidying up the browser. I'll walk you through it step by step.",
    "You're welcome, have a lovely day!",
]


def _customer_fields(rng: random.Random) -> dict[str, Any]:
    label = rng.choice(EMOTIONS)
    scores = {e: (0.7 if e == label else 0.06) for e in EMOTIONS}
    return {"emotion": {"label": label, "scores": scores}, "hostile": rng.random() * 0.6}


def _unique(template: str) -> str:
    """``template`` with a reference number added where it has none, so no text repeats."""
    return template if "{n}" in template else template + " Ref {n}."


def make_docs(n: int, replies: int = 3, seed: int = 0, unique: bool = False) -> list[Doc]:
    """``n`` invented conversations; with ``unique``, every text carries its own number.

    Without ``unique`` most texts repeat (eight templates a side, some without a number),
    so the analysers' per-text memos hit across conversations as they would on macros
    pasted again and again; ``unique`` measures the cost of text never seen before.
    """
    rng = random.Random(seed)
    customer = [_unique(t) for t in CUSTOMER] if unique else CUSTOMER
    agent = [_unique(t) for t in AGENT] if unique else AGENT
    docs = []
    for i in range(n):
        turns = []
        for k in range(replies):
            num = rng.randint(1000, 99999)
            turns.append(
                {
                    "role": "customer",
                    "text": rng.choice(customer).format(n=num),
                    "time": f"2026-11-2{k}T09:00:00Z",
                }
            )
            turns.append(
                {
                    "role": "agent",
                    "text": rng.choice(agent).format(n=num),
                    "author": f"agent-{i % 17}",
                    "time": f"2026-11-2{k}T09:05:00Z",
                }
            )
        doc = Doc(Conversation.from_turns(turns, id=f"bench-{i}"))
        for _, d in doc.iter_customer():
            d.update(_customer_fields(rng))
        docs.append(doc)
    return docs


_ANALYSERS: list[Any] = []


def _annotated(batch: list[Doc]) -> list[dict[str, Any]]:
    """One batch through the agent analysers, in a worker; its output objects go back."""
    for a in _ANALYSERS:
        a.annotate(batch)
    return [d.out for d in batch]


def _parallel(docs: list[Doc], jobs: int) -> tuple[float, float, int]:
    """Wall and CPU seconds to annotate ``docs`` in batches of 256 over ``jobs`` forked
    workers, and the outputs that came back.

    Through :func:`servicemind.batch.map_batches`, the transport ``servicemind analyze``
    uses (pool start included in the time, as a user pays it). The CPU seconds are this
    process's and its workers' together (the workers are reaped when the pool closes), so
    on a shared machine replies per CPU-second still say what the parallel run costs.
    """
    batches = [docs[i : i + 256] for i in range(0, len(docs), 256)]
    t0, c0 = time.perf_counter(), os.times()
    got = sum(1 for _ in map_batches(_annotated, batches, jobs))
    dt, c1 = time.perf_counter() - t0, os.times()
    cpu = sum(c1[:4]) - sum(c0[:4])  # user + system, of this process and of its children
    return dt, cpu, got


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=2000)
    ap.add_argument("--single", type=int, default=2000)
    ap.add_argument(
        "--items",
        default=None,
        help="also time the team's labelled items (a pairs folder): longer, real-sized replies",
    )
    ap.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="also time the batch over N worker processes (0: one per core)",
    )
    ap.add_argument(
        "--commitment-model",
        choices=["default", "on", "off"],
        default="default",
        help="switch the commitment sentence model on or off (default: as shipped)",
    )
    args = ap.parse_args()
    if args.commitment_model != "default":
        commitments.USE_MODEL = args.commitment_model == "on"
    analysers = [TraitsAnalyser(), CommitmentAnalyser(), ScorecardAnalyser()]
    _ANALYSERS[:] = analysers
    for a in analysers:  # warm-up: lexicons and models load once
        a.annotate(make_docs(4, seed=99))
    n_replies = 0
    jobs = None if args.jobs is None else resolve_jobs(args.jobs)
    for unique, what in ((False, "templates, texts repeat"), (True, "every text unique")):
        docs = make_docs(args.conversations, unique=unique)
        n_replies = sum(1 for d in docs for _ in d.iter_agent())
        # the workers first: forked from a parent that has not analysed these texts yet, they
        # inherit no per-text memo of them (run after the one-process pass, they would)
        if jobs is not None:
            dt, cpu, got = _parallel(make_docs(args.conversations, unique=unique), jobs)
            assert got == args.conversations
            print(
                f"batch ({what}) over {jobs} workers: {n_replies} replies in {dt:.2f}s wall = "
                f"{n_replies / dt:,.0f} replies/s; {cpu:.2f}s CPU in all = "
                f"{n_replies / cpu:,.0f} replies per CPU-second"
            )
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(docs), 256):
            batch = docs[i : i + 256]
            for a in analysers:
                a.annotate(batch)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"batch ({what}): {n_replies} replies in {dt:.2f}s wall = "
            f"{n_replies / dt:,.0f} replies/s; {cpu:.2f}s CPU = "
            f"{n_replies / cpu:,.0f} replies per CPU-second"
        )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for unique, what in ((False, "templates"), (True, "unique texts")):
        lat = []
        for d in make_docs(args.single, replies=1, seed=1, unique=unique):
            t = time.perf_counter()
            for a in analysers:
                a.annotate([d])
            lat.append((time.perf_counter() - t) * 1000)
        lat.sort()
        p99 = lat[int(0.99 * (len(lat) - 1))]
        print(
            f"single reply ({what}): p50 {statistics.median(lat):.2f} ms, p99 {p99:.2f} ms "
            f"(n={len(lat)})"
        )
    if args.items:
        from servicemind.training._labels import load_items
        from servicemind.training.traits import _doc

        items = list(load_items(args.items).values())
        real = [_doc(v) for v in items]
        if jobs is not None:  # (first, for the reason above)
            dt, cpu, _ = _parallel([_doc(v) for v in items], jobs)
            print(
                f"team items over {jobs} workers: {len(real)} replies in {dt:.2f}s wall = "
                f"{len(real) / dt:,.0f} replies/s; {len(real) / cpu:,.0f} replies per CPU-second"
            )
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(real), 256):
            for a in analysers:
                a.annotate(real[i : i + 256])
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"team items: {len(real)} replies in {dt:.2f}s wall = {len(real) / dt:,.0f} replies/s; "
            f"{len(real) / cpu:,.0f} replies per CPU-second"
        )
        lat = []
        for v in items[:500]:
            d = _doc(v)
            t = time.perf_counter()
            for a in analysers:
                a.annotate([d])
            lat.append((time.perf_counter() - t) * 1000)
        lat.sort()
        print(
            f"team items single reply: p50 {statistics.median(lat):.2f} ms, "
            f"p99 {lat[int(0.99 * (len(lat) - 1))]:.2f} ms (n={len(lat)})"
        )


if __name__ == "__main__":
    main()
