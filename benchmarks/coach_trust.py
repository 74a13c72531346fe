"""Coaching a team lead can trust: how often the coaching does what trial 18 reported.

    PYTHONPATH=src python3 benchmarks/coach_trust.py [--part demo --part train]

Runs the full default pipeline over the demo set and the train part of the trait corpus
(never the test part: these checks are for tuning) and counts, over every agent reply:

* ``harm_kept``: rewrites that still hold a span some trait marked negative for sarcasm, an
  insult, tone-policing, a non-apology or a refusal to act;
* ``fragment``: rewrites with a sentence a removal cut short ("Unfortunately there is.");
* ``promise_after_final``: rewrites that add a follow-up promise ("I'll look into this
  myself now ...") to a reply that refuses, closes, answers a question with yes/no, or gives
  the customer the action ("contact the courier");
* ``actor_swap``: rewrites that turn the customer's action into the agent's ("I'll contact");
* ``after_signature``: rewrites with text after an inline signature ("^JK", "– Sam");
* ``strength_harms``: strengths quoting a sentence that holds any negative span;
* ``enthusiasm_to_upset``: improvements advising enthusiasm to an angry, disappointed,
  anxious or hostile customer;
* ``nothing_beside_action`` (quality19): improvements on responsibility, ownership, solution
  or enthusiasm that say "Nothing in this reply did it" while some trait's positive evidence
  shows an action, a promise or an offer ("Let me look at order 4471-2290 right now" under
  "Commit to a clear follow-up");
* ``guarantee_praised``: strengths that quote a guarantee ("I guarantee", "100% sure", "never
  happens again");
* ``over_promise_unflagged``: replies holding such a guarantee (not declined: "I can't
  guarantee") without the ``over_promise`` flag.

The patterns are this file's own, so that the same script measures any tree (run it with
``PYTHONPATH`` pointing at the other tree's ``src`` for a before/after)."""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rewrite_benchmark import CORPUS, _corpus_conversations, _demo_conversations
from servicemind.analyse.pipeline import Pipeline
from servicemind.conversation import Conversation

#: The rewriter's own list of harmful evidence cues, read from this tree's data file (so a
#: run against another tree's ``src`` counts the same spans).
_HARM_CUE = re.compile(
    json.loads(
        (Path(__file__).resolve().parents[1] / "src/servicemind/coach/data/rules.json").read_text(
            encoding="utf-8"
        )
    )["harm_cue"],
    re.I,
)
_PROMISE = re.compile(
    r"get back to you|leave this with me|i'm looking into this|i'll look into this|"
    r"keep you posted|update you here|let you know here|i'll check it personally|"
    r"i'll take it from there",
    re.I,
)
_FINAL = re.compile(
    r"\b(?:we|i) (?:can ?not|can'?t) (?:accept|offer|refund|remove|exchange)|non-refundable|"
    r"(?:per|under) (?:our )?policy|nothing (?:we|i) can do|^\W*(?:you'?re|you are) "
    r"(?:very )?welcome\b|^\W*(?:yes|no(?! (?:worries|problem|bother|need)))\b|(?:^|[.!?,]\s*)(?:please )?contact the\b",
    re.I,
)
_FRAGMENT = re.compile(
    r"\b(?:there (?:is|are)|the|a|an|to|of|for|with|and|or|but|your|our)\W*$",
    re.I,
)
_INLINE_SIGN = re.compile(r"(?<=[.!?] )(?:\^[A-Z]{1,4}|[–—] ?[A-Z][a-z]+)\b\.?(?=\s*\w)")
_UPSET = {"angry", "disappointed", "anxious", "hostile"}
_ACTION_CUE = re.compile(
    r"takes the action on|has taken action|reports an action|action completed|"
    r"commitment with|says what will be done|says what was done|offers more help|"
    r"offers what can be done"
)
#: Traits whose advice is about acting: an action in the reply is part of what they ask.
_ACTION_TRAITS = {"responsibility", "ownership", "solution", "enthusiasm"}
_GUARANTEE = re.compile(
    r"\b(?:i|we) guarantee\b|\bguaranteed? 100 ?%|\b100 ?% (?:guaranteed|sure|certain)|"
    r"never happens? again",
    re.I,
)
_DECLINED = re.compile(r"\b(?:can'?t|cannot|can not|won'?t|not) (?:\w+ )?guarantee", re.I)


def _conversations(parts: list[str]) -> Iterator[Conversation]:
    for part in parts:
        if part == "demo":
            yield from _demo_conversations()
        elif part == "train":
            yield from _corpus_conversations(CORPUS, "train")
        else:
            raise SystemExit("only demo and train: the test part is not for tuning")


def _negative(agent: dict[str, Any], harm_only: bool) -> list[str]:
    return [
        e["text"]
        for t in agent.get("traits", {}).values()
        for e in t.get("evidence", [])
        if e.get("polarity") == "negative"
        and e.get("text")
        and (not harm_only or _HARM_CUE.search(str(e.get("cue", ""))))
    ]


def _quote_overlaps_negative(strength: str, reply: str, agent: dict[str, Any]) -> bool:
    """Whether the quote of a strength ("... “quote”.") covers a span of the reply that some
    trait marked negative (by offsets: a word that also occurs elsewhere does not count)."""
    m = re.search(r"“(.*?)”", strength)
    if m is None:
        return False
    quote = m.group(1).rstrip("…")
    start = " ".join(reply.split()).find(quote) if quote not in reply else reply.find(quote)
    if start < 0 or quote not in reply:
        return False
    end = start + len(quote)
    return any(
        e.get("polarity") == "negative"
        and isinstance(e.get("start"), int)
        and e["start"] < end
        and start < e["end"]
        for t in agent.get("traits", {}).values()
        for e in t.get("evidence", [])
    )


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def audit(results: list[dict[str, Any]]) -> Counter[str]:
    c: Counter[str] = Counter()
    for res in results:
        emotion: str | None = None
        hostile = 0.0
        for turn in res["turns"]:
            if "customer" in turn:
                emotion = turn["customer"]["emotion"]["label"]
                hostile = turn["customer"].get("hostile", 0.0)
            if "agent" not in turn:
                continue
            agent, reply = turn["agent"], turn["text"]
            co = agent.get("coaching") or {}
            c["replies"] += 1
            rw = co.get("rewrite")
            if rw:
                c["rewrites"] += 1
                low = rw.lower()
                if any(s.lower() in low for s in _negative(agent, True)):
                    c["harm_kept"] += 1
                original = " ".join(reply.lower().split())
                if any(
                    _FRAGMENT.search(s) and " ".join(s.lower().split()) not in original
                    for s in _sentences(rw)
                ):
                    c["fragment"] += 1
                added = _PROMISE.search(rw) and not _PROMISE.search(reply)
                if added and _FINAL.search(reply):
                    c["promise_after_final"] += 1
                if "i'll contact" in low and "i'll contact" not in reply.lower():
                    c["actor_swap"] += 1
                m = _INLINE_SIGN.search(rw)
                if m and rw[m.end() :].strip():
                    c["after_signature"] += 1
            for s in co.get("strengths", []):
                if _quote_overlaps_negative(s, reply, agent):
                    c["strength_harms"] += 1
            upset = emotion in _UPSET or hostile >= 0.5
            if co.get("focus") == "enthusiasm" and upset:
                c["enthusiasm_to_upset"] += 1
            if (
                co.get("focus") in _ACTION_TRAITS
                and "Nothing in this reply did it" in (co.get("improve") or "")
                and any(
                    e.get("polarity") != "negative" and _ACTION_CUE.search(str(e.get("cue", "")))
                    for t in agent.get("traits", {}).values()
                    for e in t.get("evidence", [])
                )
            ):
                c["nothing_beside_action"] += 1
            if any(_GUARANTEE.search(s) for s in co.get("strengths", [])):
                c["guarantee_praised"] += 1
            if (
                _GUARANTEE.search(reply)
                and not _DECLINED.search(reply)
                and "over_promise" not in agent.get("flags", [])
            ):
                c["over_promise_unflagged"] += 1
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", action="append", choices=("demo", "train"), help="default both")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = ap.parse_args(argv)
    parts = args.part or ["demo", "train"]
    pipeline = Pipeline()
    out = {}
    for part in parts:
        results = list(pipeline.analyze(_conversations([part])))
        out[part] = dict(audit(results))
    if args.json:
        print(json.dumps(out, sort_keys=True))
    else:
        keys = (
            "replies",
            "rewrites",
            "harm_kept",
            "fragment",
            "promise_after_final",
            "actor_swap",
            "after_signature",
            "strength_harms",
            "enthusiasm_to_upset",
            "nothing_beside_action",
            "guarantee_praised",
            "over_promise_unflagged",
        )
        print("| part | " + " | ".join(keys) + " |")
        print("|---|" + "---|" * len(keys))
        for part, counts in out.items():
            print(f"| {part} | " + " | ".join(str(counts.get(k, 0)) for k in keys) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
