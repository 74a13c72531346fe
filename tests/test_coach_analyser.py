from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema

from _contract_builders import customer, evidence, trait, traits
from servicemind.analyse.base import Doc
from servicemind.analyse.registry import get_component
from servicemind.coach.analyser import CoachingAnalyser
from servicemind.conversation import Conversation

SCHEMA = json.loads(
    resources.files("servicemind.schemas").joinpath("analysis.schema.json").read_text()
)

CUSTOMER = "My refund still hasn't arrived and nobody answers!"
GOOD = "I'm so sorry about the wait. I'll push the refund through today myself."
BAD = "That's not our department. As I already said, refunds take 5 days."


def _doc(agent_traits: list[dict[str, Any]], overalls: list[int]) -> Doc:
    conv = Conversation.from_turns(
        [
            {"role": "customer", "text": CUSTOMER},
            {"role": "agent", "text": GOOD},
            {"role": "customer", "text": "Still nothing!"},
            {"role": "agent", "text": BAD},
        ],
        id="conv-1",
    )
    doc = Doc(conv)
    doc.out["turns"][0]["customer"] = customer("angry", hostile=0.1)
    doc.out["turns"][2]["customer"] = customer("angry", hostile=0.2)
    for i, tr, ov in zip((1, 3), agent_traits, overalls, strict=True):
        doc.out["turns"][i]["agent"] = {"overall": ov, "traits": tr, "commitments": []}
    return doc


def _good_traits() -> dict[str, Any]:
    return traits(
        0.75,
        empathy=trait(0.9, [evidence("I'm so sorry about the wait", GOOD, "sincere apology")]),
        ownership=trait(
            0.85, [evidence("I'll push the refund through today myself", GOOD, "takes it on")]
        ),
    )


def _bad_traits() -> dict[str, Any]:
    return traits(
        0.5,
        empathy=0.3,
        ownership=trait(0.1, [evidence("That's not our department", BAD, "deflects", "negative")]),
        patience=trait(0.2, [evidence("As I already said", BAD, "rushing", "negative")]),
    )


def _finish(doc: Doc) -> dict[str, Any]:
    out = doc.out
    out["summary"] = {
        "overall": 50,
        "traits": {k: None for k in out["turns"][1]["agent"]["traits"]},
        "satisfaction": 2.0,
        "moments": [],
        "commitments": {"open": 0, "kept": 0, "broken": 0},
    }
    out["servicemind"] = {"version": "0", "schema": "1", "profile": "default", "components": []}
    return out


def test_coach_analyser_is_registered_with_its_contract() -> None:
    cls = get_component("coaching")
    assert cls is CoachingAnalyser
    assert cls.requires == ("agent.traits", "agent.overall", "customer.emotion")
    assert cls.assigns == ("agent.coaching",)


def test_coach_analyser_coaches_every_agent_turn_and_validates() -> None:
    doc = _doc([_good_traits(), _bad_traits()], [88, 31])
    CoachingAnalyser().annotate([doc])
    out = _finish(doc)
    jsonschema.validate(out, SCHEMA)
    for i in (1, 3):
        assert set(out["turns"][i]["agent"]["coaching"]) == {
            "strengths",
            "improve",
            "rewrite",
            "focus",
        }


def test_coach_analyser_strengths_quote_their_evidence() -> None:
    doc = _doc([_good_traits(), _bad_traits()], [88, 31])
    CoachingAnalyser().annotate([doc])
    s = doc.out["turns"][1]["agent"]["coaching"]["strengths"]
    assert 1 <= len(s) <= 2
    assert "I'm so sorry about the wait" in s[0]
    assert s[0].startswith("Empathy")


def test_coach_analyser_good_reply_has_nothing_to_improve_and_no_rewrite() -> None:
    doc = _doc([_good_traits(), _bad_traits()], [88, 31])
    CoachingAnalyser().annotate([doc])
    c = doc.out["turns"][1]["agent"]["coaching"]
    assert c["improve"] is None and c["focus"] is None and c["rewrite"] is None


def test_coach_analyser_improve_targets_the_weakest_trait_with_its_evidence() -> None:
    doc = _doc([_good_traits(), _bad_traits()], [88, 31])
    CoachingAnalyser().annotate([doc])
    c = doc.out["turns"][3]["agent"]["coaching"]
    assert c["focus"] == "ownership"
    assert "That's not our department" in c["improve"]
    assert c["strengths"] == []


def test_coach_analyser_rewrite_fixes_the_weak_reply() -> None:
    doc = _doc([_good_traits(), _bad_traits()], [88, 31])
    CoachingAnalyser().annotate([doc])
    rw = doc.out["turns"][3]["agent"]["coaching"]["rewrite"]
    assert rw is not None
    assert "5 days" in rw
    assert "not our department" not in rw.lower() and "already said" not in rw.lower()
    assert "refund" in rw.split(".")[0].lower()


def test_coach_analyser_not_applicable_traits_are_never_the_focus() -> None:
    tr = traits(0.9, resiliency=None, balance=None)
    doc = _doc([tr, tr], [90, 90])
    CoachingAnalyser().annotate([doc])
    assert all(doc.out["turns"][i]["agent"]["coaching"]["focus"] is None for i in (1, 3))


def test_coach_analyser_init_only_stores_parameters() -> None:
    a = CoachingAnalyser(llm_url="http://127.0.0.1:9", llm_model="m")
    assert a.get_params()["llm_url"] == "http://127.0.0.1:9"
    assert not hasattr(a, "llm_")


def _empathy_weakest(emotion: str, hostile: float = 0.1) -> dict[str, Any]:
    doc = _doc([_good_traits(), traits(0.8, empathy=0.2)], [88, 60])
    doc.out["turns"][2]["customer"] = customer(emotion, hostile=hostile)
    CoachingAnalyser().annotate([doc])
    coaching: dict[str, Any] = doc.out["turns"][3]["agent"]["coaching"]
    return coaching


def test_empathy_advice_names_the_feeling_only_when_the_customer_showed_one() -> None:
    angry = _empathy_weakest("angry")
    neutral = _empathy_weakest("neutral")
    confused = _empathy_weakest("confused")
    assert angry["focus"] == neutral["focus"] == confused["focus"] == "empathy"
    assert "name the feeling" in angry["improve"]
    # a calm customer mid-fix: recognise the problem or effort, not a feeling never shown
    assert "name the feeling" not in neutral["improve"]
    assert "recognises their problem" in neutral["improve"]
    assert "confusion is understandable" in confused["improve"]
    assert neutral["improve"].endswith("Nothing in this reply did it.")


def test_a_hostile_neutral_reading_keeps_the_feeling_advice() -> None:
    hostile = _empathy_weakest("neutral", hostile=0.9)
    assert "name the feeling" in hostile["improve"]


def test_other_traits_keep_their_advice_for_a_calm_customer() -> None:
    doc = _doc([_good_traits(), _bad_traits()], [88, 31])
    doc.out["turns"][2]["customer"] = customer("neutral", hostile=0.0)
    CoachingAnalyser().annotate([doc])
    c = doc.out["turns"][3]["agent"]["coaching"]
    assert c["focus"] == "ownership" and "That's not our department" in c["improve"]


def test_improve_never_says_nothing_did_it_when_a_span_did() -> None:
    doc = _doc(
        [
            _good_traits(),
            traits(
                0.8,
                solution=trait(0.4, [evidence("refunds take 5 days", BAD, "states the timeline")]),
            ),
        ],
        [88, 60],
    )
    CoachingAnalyser().annotate([doc])
    c = doc.out["turns"][3]["agent"]["coaching"]
    assert c["focus"] == "solution"
    assert "Nothing in this reply did it" not in c["improve"]
    assert "Only “refunds take 5 days” did it, and not enough." in c["improve"]
