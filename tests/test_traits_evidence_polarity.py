"""Evidence keeps what the output contract promises (trial 18, finding 11): ``polarity`` says
whether a span raised or lowered the score, and a trait that does not apply carries, at most,
what would have counted (docs/output-fields.md). Checked over the whole demo output."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from servicemind.api import get_pipeline
from servicemind.ingest import read
from servicemind.schemas import get_schema

DEMO = Path(str(resources.files("servicemind.demo").joinpath("conversations.jsonl")))
LEXICON = json.loads(
    resources.files("servicemind.lexicons").joinpath("agent_cues.json").read_text("utf-8")
)
#: The cue descriptions of a stated limit, of an acknowledgement and of an alternative.
LIMIT = {c[2] for c in LEXICON["balance_policy"]}
HELD_WITH = {c[2] for k in ("balance_ack", "balance_alternative") for c in LEXICON[k]} | {
    c[2] for c in LEXICON["balance_alternative_after_limit"]
}


@cache
def _replies() -> list[dict[str, Any]]:
    outs = list(get_pipeline().analyze(read(DEMO, "jsonl", strict=True)))
    return [t["agent"] for o in outs for t in o["turns"] if t["side"] == "agent"]


def _limit(e: dict[str, Any]) -> bool:
    return any(e["cue"] == c or e["cue"].startswith(f"{c}, with no") for c in LIMIT)


def test_demo_balance_limit_is_positive_only_beside_an_acknowledgement_or_alternative() -> None:
    seen = {"positive": 0, "negative": 0}
    for agent in _replies():
        ev = agent["traits"]["balance"]["evidence"]
        held = any(e.get("polarity") == "positive" and e["cue"] in HELD_WITH for e in ev)
        for e in filter(_limit, ev):
            seen[e["polarity"]] += 1
            assert e["polarity"] == ("positive" if held else "negative"), (e, ev)
        if "policy_only" in agent.get("flags", []):
            assert not held
            assert all(e.get("polarity") == "negative" for e in ev if _limit(e))
    assert seen["positive"] and seen["negative"]  # the demo has both kinds


def test_demo_not_applicable_traits_have_no_score_and_documented_evidence() -> None:
    with_evidence = 0
    for agent in _replies():
        for t in agent["traits"].values():
            if not t["applicable"]:
                assert t["score"] is None
                with_evidence += bool(t["evidence"])
                assert all(e.get("polarity") in ("positive", "negative") for e in t["evidence"])
    assert with_evidence  # the case the schema documents does occur
    spec = json.dumps(get_schema())
    assert "When the trait does not apply" in spec and "would have counted" in spec
