"""The output contract's schema: fast validation agrees with the reference validator."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest

from servicemind.analyse.base import TRAITS
from servicemind.api import score_reply
from servicemind.errors import SchemaError
from servicemind.schemas import get_schema, validate, validate_reference


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


@pytest.mark.parametrize(
    "breaker", [_break_score, _drop_trait, _bad_emotion, _stray_field, _drop_summary]
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
