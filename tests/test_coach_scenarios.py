"""The practice scenario library and the scenario loader."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from servicemind.analyse.base import TRAITS
from servicemind.coach.scenarios import (
    Scenario,
    get_scenario,
    load_scenarios,
    select_scenarios,
)
from servicemind.conversation import Side
from servicemind.errors import InputError, RecordError

LIBRARY = load_scenarios()


def _valid() -> dict[str, object]:
    return {
        "id": "x1",
        "title": "T",
        "difficulty": 2,
        "traits": ["empathy"],
        "industry": "retail",
        "channel": "chat",
        "context": [{"role": "customer", "text": "Where is my parcel?"}],
        "brief": "It is at the depot.",
        "hints": ["Say where it is."],
    }


def test_scenarios_library_has_at_least_32_valid_unique_scenarios() -> None:
    assert len(LIBRARY) >= 32
    assert len({s.id for s in LIBRARY}) == len(LIBRARY)
    for s in LIBRARY:
        assert set(s.traits) <= set(TRAITS)
        assert s.message.role in {"customer", "colleague", "supplier"}
        assert s.hints and s.brief


def test_scenarios_library_spans_difficulties_and_trains_every_trait() -> None:
    assert {s.difficulty for s in LIBRARY} == {1, 2, 3}
    counts = Counter(t for s in LIBRARY for t in s.traits)
    assert set(counts) == set(TRAITS)


@pytest.mark.parametrize(
    "tag",
    [
        "repeat_contact",
        "elderly",
        "anxious",
        "policy_refusal",
        "abusive",
        "non_english",
        "colleague",
        "supplier",
        "praise",
        "hostile",
        "broken_promise",
    ],
)
def test_scenarios_library_covers_required_situation(tag: str) -> None:
    assert any(tag in s.tags for s in LIBRARY), tag


def test_scenarios_library_non_english_scenarios_name_their_language() -> None:
    foreign = [s for s in LIBRARY if "non_english" in s.tags]
    assert {s.language for s in foreign} >= {"es", "de"}
    assert all(s.language != "en" for s in foreign)


def test_scenarios_library_colleague_and_supplier_scenarios_use_those_roles() -> None:
    for tag in ("colleague", "supplier"):
        roles = {s.message.role for s in LIBRARY if tag in s.tags}
        assert tag in roles


def test_scenarios_to_conversation_puts_the_reply_on_the_agent_side() -> None:
    sc = get_scenario(LIBRARY, "s08")  # a supplier asks
    conv = sc.to_conversation("Thanks, I'll check the warehouse log.", trainee="ana")
    assert conv.turns[-1].text.startswith("Thanks")
    assert conv.turns[-1].author == "ana"
    assert conv.get_sides()[-1] is Side.AGENT
    assert conv.get_sides()[-2] is Side.CUSTOMER
    assert conv.channel == sc.channel


def test_scenarios_round_trip_through_dict() -> None:
    for s in LIBRARY:
        assert Scenario.from_dict(s.to_dict()) == s


@pytest.mark.parametrize(
    "change,field",
    [
        ({"difficulty": 4}, "difficulty"),
        ({"difficulty": True}, "difficulty"),
        ({"traits": ["charm"]}, "traits"),
        ({"traits": []}, "traits"),
        ({"context": []}, "context"),
        (
            {"context": [{"role": "customer", "text": "hi"}, {"role": "agent", "text": "yo"}]},
            "context",
        ),
        ({"context": [{"role": "wizard", "text": "hi"}]}, "context[0].role"),
        ({"context": [{"role": "customer", "text": " "}]}, "context[0].text"),
        ({"title": ""}, "title"),
        ({"hints": "one"}, "hints"),
    ],
)
def test_scenarios_from_dict_rejects_bad_field(change: dict[str, object], field: str) -> None:
    data = _valid() | change
    with pytest.raises(RecordError) as exc:
        Scenario.from_dict(data, file="s.jsonl", line=3)
    assert exc.value.field == field
    assert "s.jsonl:3" in str(exc.value)


def test_scenarios_from_dict_reports_missing_field() -> None:
    data = _valid()
    del data["brief"]
    with pytest.raises(RecordError) as exc:
        Scenario.from_dict(data)
    assert exc.value.field == "brief"


def test_scenarios_load_rejects_duplicate_ids_and_bad_json(tmp_path: Path) -> None:
    dup = tmp_path / "dup.jsonl"
    dup.write_text(json.dumps(_valid()) + "\n" + json.dumps(_valid()) + "\n", encoding="utf-8")
    with pytest.raises(RecordError) as exc:
        load_scenarios(dup)
    assert exc.value.line == 2 and exc.value.field == "id"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(RecordError):
        load_scenarios(bad)
    with pytest.raises(InputError):
        load_scenarios(tmp_path / "missing.jsonl")


def test_scenarios_get_scenario_unknown_id_raises_input_error() -> None:
    with pytest.raises(InputError):
        get_scenario(LIBRARY, "nope")


def test_scenarios_select_filters_and_puts_unpractised_first() -> None:
    hard_empathy = select_scenarios(LIBRARY, traits=["empathy"], difficulty=3)
    assert hard_empathy
    assert all(s.difficulty == 3 and "empathy" in s.traits for s in hard_empathy)
    first_two = [s.id for s in select_scenarios(LIBRARY, count=2)]
    again = select_scenarios(LIBRARY, practised=first_two, count=2)
    assert not set(first_two) & {s.id for s in again}
    assert [s.difficulty for s in select_scenarios(LIBRARY)][:3] == [1, 1, 1]
    hostile = select_scenarios(LIBRARY, tags=["hostile"])
    assert hostile and all(s.is_hostile for s in hostile)
