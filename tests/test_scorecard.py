"""Scorecard: weighted overall over applicable traits, profiles, summary."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import analyse, customer_fields, make_doc
from servicemind.analyse.base import TRAITS
from servicemind.analyse.scorecard import PROFILES, ScorecardAnalyser, load_profiles, overall_score
from servicemind.errors import ConfigError


def _traits(**scores: float | None) -> dict[str, dict[str, object]]:
    return {
        t: {
            "score": scores.get(t),
            "applicable": scores.get(t) is not None,
            "confidence": 0.5,
            "evidence": [],
        }
        for t in TRAITS
    }


def test_scorecard_every_profile_weights_all_traits() -> None:
    profiles = load_profiles()
    assert set(PROFILES) == set(profiles)
    for weights in profiles.values():
        assert set(weights) == set(TRAITS) and all(w > 0 for w in weights.values())


def test_scorecard_non_applicable_traits_drop_out() -> None:
    w = load_profiles()["default"]
    assert overall_score(_traits(solution=1.0), w) == 100
    assert overall_score(_traits(solution=1.0, empathy=0.0), w) == round(100 * 2.0 / 3.5)


def test_scorecard_no_applicable_trait_gives_midpoint() -> None:
    assert overall_score(_traits(), load_profiles()["default"]) == 50


@pytest.mark.parametrize(
    ("profile", "better"),
    [("restaurant", "enthusiasm"), ("it_helpdesk", "solution"), ("public_office", "adaptability")],
)
def test_scorecard_profiles_change_what_counts(profile: str, better: str) -> None:
    d, p = load_profiles()["default"], load_profiles()[profile]
    assert p[better] / sum(p.values()) > d[better] / sum(d.values())


def test_scorecard_unknown_profile_is_a_config_error() -> None:
    doc = make_doc([("customer", "hi"), ("agent", "hello")])
    with pytest.raises(ConfigError, match="unknown scorecard profile"):
        ScorecardAnalyser(profile="casino").annotate([doc])


def test_scorecard_summary_means_over_applicable_replies() -> None:
    doc = make_doc(
        [
            ("customer", "My order 1182 never arrived and I'm furious."),
            ("agent", "I'm so sorry! I've reshipped it and it will arrive tomorrow."),
            ("customer", "Thanks, that's all!"),
            ("agent", "You're welcome!"),
        ],
        [customer_fields("angry"), customer_fields("grateful")],
    )
    analyse(doc)
    agents = [a for _, a in doc.iter_agent()]
    s = doc.out["summary"]
    assert s["overall"] == round(sum(a["overall"] for a in agents) / 2)
    # empathy applied only to the first reply, so the mean is that reply's score
    assert s["traits"]["empathy"] == agents[0]["traits"]["empathy"]["score"]
    assert agents[0]["overall"] > 60


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Airline", "airline"),
        ("BANK", "bank"),
        ("Public Office", "public_office"),
        ("it-helpdesk", "it_helpdesk"),
        (" Default ", "default"),
    ],
)
def test_scorecard_profile_names_ignore_case_as_roles_and_labels_do(
    written: str, name: str
) -> None:
    from servicemind.analyse.scorecard import profile_name

    assert profile_name(written) == name
    doc = make_doc([("customer", "My refund never came."), ("agent", "I've refunded it now.")])
    same = make_doc([("customer", "My refund never came."), ("agent", "I've refunded it now.")])
    for d in (doc, same):
        for _, agent in d.iter_agent():
            agent["traits"] = _traits(solution=0.9, empathy=0.2, adaptability=0.5)
    ScorecardAnalyser(profile=written).annotate([doc])
    ScorecardAnalyser(profile=name).annotate([same])
    assert doc.out["summary"]["overall"] == same.out["summary"]["overall"]
    assert ScorecardAnalyser(profile=written).profile == name


def test_scorecard_unknown_profile_error_lists_the_valid_ones_whatever_the_case() -> None:
    from servicemind.analyse.scorecard import profile_name

    assert profile_name("Casino") == "Casino"
    doc = make_doc([("customer", "hi"), ("agent", "hello")])
    with pytest.raises(ConfigError, match="unknown scorecard profile 'Casino'") as err:
        ScorecardAnalyser(profile="Casino").annotate([doc])
    assert err.value.hint is not None and "airline" in err.value.hint


def _promise_then(later: str) -> dict[str, Any]:
    from servicemind.api import analyze
    from servicemind.conversation import Conversation

    conv = Conversation.from_turns(
        [
            {"role": "customer", "text": "My charger is broken.", "time": "2026-11-20T09:00:00Z"},
            {
                "role": "agent",
                "text": "I'm sorry about that. I'll post a new charger to you tomorrow.",
                "time": "2026-11-20T09:10:00Z",
            },
            {"role": "customer", "text": later, "time": "2026-11-25T18:00:00Z"},
        ]
    )
    (out,) = analyze([conv])
    agent: dict[str, Any] = out["turns"][1]["agent"]
    return agent


@pytest.mark.parametrize(
    ("later", "status", "flagged"),
    [
        ("Nothing has arrived, nobody posted anything.", "broken", True),
        ("The charger arrived, works fine.", "kept", False),
    ],
)
def test_scorecard_flags_a_reply_whose_promise_was_broken(
    later: str, status: str, flagged: bool
) -> None:
    agent = _promise_then(later)
    assert [c["status"] for c in agent["commitments"]] == [status]
    assert ("broken_promise" in agent.get("flags", [])) is flagged
    # the reply's scores judge it as written: what happened later does not move them
    assert agent["overall"] == _promise_then("Ok.")["overall"]
