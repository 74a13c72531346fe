"""Speed of the agent side (traits + commitments + scorecard) with conversation context.

    PYTHONPATH=src python3 benchmarks/agent_speed.py [--conversations 2000] [--single 2000]

Builds invented conversations (customer and agent turns alternating, 3 agent replies each,
customer side pre-filled as the customer analysers would write it), then measures:

* batch throughput: agent replies per second through the three analysers, batches of 256
  conversations (the pipeline's default batch size), per wall-clock second and per CPU
  second of this process (the latter is what a dedicated core gives when the machine is
  shared; the load average is printed with it);
* single-reply latency: one conversation with one customer turn and one reply per call,
  p50 / p99 over ``--single`` calls.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from typing import Any

from servicemind.analyse.base import EMOTIONS, Doc
from servicemind.analyse.commitments import CommitmentAnalyser
from servicemind.analyse.scorecard import ScorecardAnalyser
from servicemind.analyse.traits import TraitsAnalyser
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


def make_docs(n: int, replies: int = 3, seed: int = 0) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        turns = []
        for k in range(replies):
            num = rng.randint(1000, 99999)
            turns.append(
                {
                    "role": "customer",
                    "text": rng.choice(CUSTOMER).format(n=num),
                    "time": f"2026-11-2{k}T09:00:00Z",
                }
            )
            turns.append(
                {
                    "role": "agent",
                    "text": rng.choice(AGENT).format(n=num),
                    "author": f"agent-{i % 17}",
                    "time": f"2026-11-2{k}T09:05:00Z",
                }
            )
        doc = Doc(Conversation.from_turns(turns, id=f"bench-{i}"))
        for _, d in doc.iter_customer():
            d.update(_customer_fields(rng))
        docs.append(doc)
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=2000)
    ap.add_argument("--single", type=int, default=2000)
    ap.add_argument(
        "--items",
        default=None,
        help="also time the team's labelled items (a pairs folder): longer, real-sized replies",
    )
    args = ap.parse_args()
    analysers = [TraitsAnalyser(), CommitmentAnalyser(), ScorecardAnalyser()]
    for a in analysers:  # warm-up: lexicons and models load once
        a.annotate(make_docs(4, seed=99))
    docs = make_docs(args.conversations)
    n_replies = sum(1 for d in docs for _ in d.iter_agent())
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(docs), 256):
        batch = docs[i : i + 256]
        for a in analysers:
            a.annotate(batch)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    singles = make_docs(args.single, replies=1, seed=1)
    lat = []
    for d in singles:
        t = time.perf_counter()
        for a in analysers:
            a.annotate([d])
        lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    p99 = lat[int(0.99 * (len(lat) - 1))]
    print(
        f"batch: {n_replies} replies in {dt:.2f}s wall = {n_replies / dt:,.0f} replies/s; "
        f"{cpu:.2f}s CPU = {n_replies / cpu:,.0f} replies per CPU-second"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"single reply: p50 {statistics.median(lat):.2f} ms, p99 {p99:.2f} ms (n={len(lat)})")
    if args.items:
        from servicemind.training._labels import load_items
        from servicemind.training.traits import _doc

        items = list(load_items(args.items).values())
        real = [_doc(v) for v in items]
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
