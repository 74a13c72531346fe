"""The agent-side analysers honour the analyser contract and the output schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from _agent_helpers import analyse, customer_fields, make_doc
from servicemind.analyse.base import TRAITS, Analyser
from servicemind.analyse.registry import get_component
from servicemind.analyse.traits import score_reply


@pytest.mark.parametrize("name", ["traits", "commitments", "scorecard"])
def test_traits_contract_registered_and_init_only_stores(name: str) -> None:
    cls = get_component(name)
    assert issubclass(cls, Analyser) and cls.name == name
    a = cls()
    assert a.fit() is a
    assert all(not k.endswith("_") for k in vars(a))
    assert cls.assigns


def test_traits_contract_requires_customer_side() -> None:
    assert get_component("traits").requires == ("customer.emotion", "customer.hostile")


def test_traits_contract_output_validates_against_schema_parts() -> None:
    schema = json.loads(
        resources.files("servicemind.schemas").joinpath("analysis.schema.json").read_text()
    )
    agent_schema = schema["properties"]["turns"]["items"]["properties"]["agent"]
    doc = make_doc(
        [
            ("customer", "Hola, mi pedido 5531 no ha llegado. ¿Dónde está?"),
            ("agent", "Hola, lo siento. Le llamo mañana con el número de seguimiento."),
            ("customer", "You are useless idiots."),
            ("agent", "I'll escalate this today. Watch your tone."),
        ],
        [customer_fields("angry"), customer_fields("angry", 0.9)],
    )
    analyse(doc)
    resolver_schema = {**agent_schema, "$defs": schema["$defs"]}
    for _, agent in doc.iter_agent():
        agent["coaching"] = {"strengths": [], "improve": None, "rewrite": None}
        jsonschema.validate(agent, resolver_schema)
        assert set(agent["traits"]) == set(TRAITS)
        assert set(agent["traits"]["empathy"]["facets"]) == {
            "reaction",
            "interpretation",
            "exploration",
        }
    summary_schema = {**schema["properties"]["summary"], "$defs": schema["$defs"]}
    doc.out["summary"].update({"satisfaction": None, "moments": []})
    jsonschema.validate(doc.out["summary"], summary_schema)


def test_traits_contract_single_reply_scored_without_corpus() -> None:
    agent = score_reply("Sure, happy to help!", [("customer", "Can you help me?")])
    assert set(agent["traits"]) == set(TRAITS)
    for t in agent["traits"].values():
        assert (t["score"] is None) == (not t["applicable"])


def test_traits_contract_deterministic() -> None:
    a = score_reply("I'll fix it today, sorry!", [("customer", "It broke again!")])
    b = score_reply("I'll fix it today, sorry!", [("customer", "It broke again!")])
    assert a == b
