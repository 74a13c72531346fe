"""The whole pipeline on real inputs: every analyser conforms, every output validates,
the demo set matches its golden file, and the registry matches its golden record.

Update the golden files on purpose with ``SERVICEMIND_UPDATE_GOLDEN=1 pytest tests/test_end_to_end.py``.
"""

from __future__ import annotations

import inspect
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from servicemind.analyse.base import TRAITS, Analyser, Doc
from servicemind.analyse.pipeline import DEFAULT_COMPONENTS
from servicemind.analyse.registry import get_component, registered
from servicemind.api import analyze, get_pipeline, score_reply
from servicemind.cli import cli
from servicemind.conversation import Conversation
from servicemind.ingest import read
from servicemind.schemas import validate, validate_reference

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
FIXTURES = HERE / "fixtures" / "ingest"
UPDATE = os.environ.get("SERVICEMIND_UPDATE_GOLDEN") == "1"
FIXTURE_OPTIONS = {
    "turns_custom.tsv": {
        "columns": {
            "conversation_id": "ticket",
            "role": "speaker",
            "text": "message",
            "time": "sent",
        },
        "roles": {"Rep": "agent"},
    }
}
DEMO = Path(str(resources.files("servicemind.demo").joinpath("conversations.jsonl")))


def _golden(name: str, value: Any) -> None:
    path = GOLDEN / name
    text = json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {name} was missing and has been written; re-run")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), (
        f"{name} changed; if on purpose, re-run with SERVICEMIND_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("name", DEFAULT_COMPONENTS)
def test_end_to_end_every_analyser_follows_the_contract(name: str) -> None:
    cls = get_component(name)
    assert issubclass(cls, Analyser)
    assert cls.name == name and cls.version and cls.assigns
    # __init__ only stores parameters: every parameter has a default and becomes an attribute
    a = cls()
    params = list(inspect.signature(cls).parameters)
    assert set(a.get_params()) == set(params)
    assert a.fit() is a
    assert not [k for k in vars(a) if k.endswith("_") and not k.startswith("_")], (
        "no learned state before use"
    )


def test_end_to_end_registry_matches_its_golden_record() -> None:
    _golden("registry.json", registered())


@pytest.mark.parametrize(
    "fixture", sorted(p.name for p in FIXTURES.iterdir() if "bad" not in p.name)
)
def test_end_to_end_every_fixture_analyses_into_valid_contract_objects(fixture: str) -> None:
    # the fixtures' only rejects are their empty messages (reported, not analysed)
    reasons: list[str] = []
    convs = list(
        read(
            FIXTURES / fixture,
            on_reject=lambda e, raw: reasons.append(e.reason),
            options=FIXTURE_OPTIONS.get(fixture),
        )
    )
    assert set(reasons) <= {"the message is empty"}
    outs = list(analyze(convs, check=False))
    assert len(outs) == len(convs) > 0
    for o in outs:
        validate(o)
        validate_reference(o)
        for t in o["turns"]:
            if t["side"] == "agent":
                assert set(t["agent"]["traits"]) == set(TRAITS)
            if t["side"] == "customer":
                assert 1 <= t["customer"]["satisfaction"] <= 5


def test_end_to_end_cli_analyze_twcs_sample_rebuilds_threads(tmp_path: Path) -> None:
    sample = HERE.parent.parent / "shared" / "data" / "conversations" / "twcs_sample.csv"
    if not sample.exists():
        pytest.skip("shared TWCS sample not present")
    out = tmp_path / "out.jsonl"
    db = tmp_path / "r.sqlite"
    res = CliRunner().invoke(cli, ["analyze", str(sample), "-o", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 10
    assert all(r["turns"][0]["meta"].get("tweet_id") for r in rows)
    assert any(len(r["turns"]) > 2 for r in rows)
    again = CliRunner().invoke(cli, ["analyze", str(sample), "-o", str(out), "--db", str(db)])
    assert f"stored 0 new, skipped {len(rows)}" in again.stderr


def test_end_to_end_score_reply_scores_the_draft_in_context() -> None:
    res = score_reply(
        "I'm so sorry you were charged twice. I've refunded the second charge just now; "
        "you'll see it within 3 working days.",
        context=[("customer", "You charged me TWICE this month, this is ridiculous!!")],
    )
    agent = res["turns"][-1]["agent"]
    assert agent["traits"]["empathy"]["applicable"] is True
    curt = score_reply(
        "Refunds take time.",
        context=[("customer", "You charged me TWICE this month, this is ridiculous!!")],
    )
    assert agent["overall"] > curt["turns"][-1]["agent"]["overall"]


def test_end_to_end_demo_scores_match_golden() -> None:
    pipe = get_pipeline()
    outs = list(pipe.analyze(read(DEMO, "jsonl", strict=True)))
    record = {}
    for o in outs:
        validate(o)
        record[o["id"]] = {
            "summary": {k: o["summary"][k] for k in ("overall", "satisfaction", "commitments")},
            "moments": [(m["turn"], m["kind"]) for m in o["summary"]["moments"]],
            "turns": [
                {
                    "emotion": t["customer"]["emotion"]["label"],
                    "hostile": round(t["customer"]["hostile"], 2),
                }
                if t["side"] == "customer"
                else {
                    "overall": t["agent"]["overall"],
                    "traits": {
                        k: (None if v["score"] is None else round(v["score"], 2))
                        for k, v in t["agent"]["traits"].items()
                    },
                    "evidence": sorted(
                        {e["text"] for v in t["agent"]["traits"].values() for e in v["evidence"]}
                    ),
                    "commitments": [(c["text"], c["status"]) for c in t["agent"]["commitments"]],
                }
                if t["side"] == "agent"
                else None
                for t in o["turns"]
            ],
        }
    _golden("demo_scores.json", record)


def test_end_to_end_doc_side_helpers_cover_every_turn() -> None:
    conv = Conversation.from_turns(
        [
            {"role": "customer", "text": "hi"},
            {"role": "system", "text": "x"},
            {"role": "agent", "text": "hello"},
        ]
    )
    d = Doc(conv)
    assert [t.index for t, _ in d.iter_customer()] == [0]
    assert [t.index for t, _ in d.iter_agent()] == [2]
