"""The output contract's schema: fast validation agrees with the reference validator."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest

from servicemind.analyse.base import TRAITS
from servicemind.api import score_reply
from servicemind.errors import SchemaError
from servicemind.schemas import get_schema, inline_refs, validate, validate_reference


@pytest.fixture(scope="module")
def good() -> dict[str, Any]:
    return score_reply(
        "I'm sorry about that. I'll call you tomorrow before noon with the fix.",
        context=[("customer", "My internet has been down for two days and I work from home!")],
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(get_schema())


def test_schema_every_trait_is_required() -> None:
    traits = get_schema()["properties"]["turns"]["items"]["properties"]["agent"]["properties"][
        "traits"
    ]
    assert set(traits["required"]) == set(TRAITS)


def _break_score(o: dict[str, Any]) -> None:
    o["turns"][-1]["agent"]["traits"]["empathy"]["score"] = 1.5


def _drop_trait(o: dict[str, Any]) -> None:
    del o["turns"][-1]["agent"]["traits"]["patience"]


def _bad_emotion(o: dict[str, Any]) -> None:
    o["turns"][0]["customer"]["emotion"]["label"] = "meh"


def _stray_field(o: dict[str, Any]) -> None:
    o["summary"]["unexpected"] = 1


def _drop_summary(o: dict[str, Any]) -> None:
    del o["summary"]


def _bad_evidence(o: dict[str, Any]) -> None:  # inside an inlined $defs/evidence
    o["turns"][-1]["agent"]["traits"]["empathy"]["evidence"].append({"start": -1})


def _stray_trait_field(o: dict[str, Any]) -> None:  # inside an inlined $defs/trait
    o["turns"][-1]["agent"]["traits"]["solution"]["why"] = "x"


@pytest.mark.parametrize(
    "breaker",
    [
        _break_score,
        _drop_trait,
        _bad_emotion,
        _stray_field,
        _drop_summary,
        _bad_evidence,
        _stray_trait_field,
    ],
)
def test_schema_both_validators_reject_the_same_broken_outputs(
    good: dict[str, Any], breaker: Any
) -> None:
    validate(good)
    validate_reference(good)
    bad = copy.deepcopy(good)
    breaker(bad)
    with pytest.raises(SchemaError):
        validate(bad)
    with pytest.raises(SchemaError):
        validate_reference(bad)


def test_schema_inlined_refs_mean_the_same_contract(good: dict[str, Any]) -> None:
    schema = get_schema()
    flat = inline_refs(schema)
    assert "$ref" not in str(flat) and "$defs" not in flat
    jsonschema.Draft202012Validator.check_schema(flat)
    trait = flat["properties"]["turns"]["items"]["properties"]["agent"]["properties"]["traits"]
    defs = schema["$defs"]
    assert trait["properties"]["empathy"] == inline_refs({"$defs": defs, **defs["trait"]})
    for obj in (good, copy.deepcopy(good)):
        obj["turns"][-1]["agent"]["traits"]["empathy"]["evidence"].append({"start": 0})
        assert not jsonschema.Draft202012Validator(flat).is_valid(obj)
        assert not jsonschema.Draft202012Validator(schema).is_valid(obj)


def test_schema_inlining_refuses_a_recursive_definition() -> None:
    with pytest.raises(ValueError, match="recursive"):
        inline_refs(
            {"$defs": {"a": {"items": {"$ref": "#/$defs/a"}}}, "items": {"$ref": "#/$defs/a"}}
        )
