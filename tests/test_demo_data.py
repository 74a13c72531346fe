"""The demo conversations load and cover what src/servicemind/demo/README.md claims."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from datetime import datetime
from importlib import resources
from typing import Any

import pytest

from servicemind.conversation import Conversation, Role, Side

DEMO_DIR = resources.files("servicemind") / "demo"
AGENTS = {
    "Frontline": {"Maya Torres", "Jonas Becker", "Priya Nair"},
    "Resolutions": {"Sam Okafor", "Lena Kowalski", "Diego Ramos"},
}
ALL_AGENTS = set().union(*AGENTS.values())
CHANNELS = {"chat", "email", "social", "ticket", "call"}
INDUSTRIES = {
    "retail",
    "airline",
    "telecom",
    "bank",
    "software",
    "food delivery",
    "utilities",
    "public office",
    "internal IT helpdesk",
    "supplier",
}
REQUIRED_TAGS = {
    # customers
    "angry",
    "disappointed",
    "confused",
    "anxious",
    "grateful",
    "hostile",
    "abusive",
    "elderly",
    "spanish",
    "wrong_language",
    "colleague",
    "supplier",
    "promise_kept",
    "promise_broken",
    "thanks_all_good",
    # agent replies, exemplary to harmful
    "exemplary",
    "sarcastic",
    "deflecting",
    "blaming",
    "scripted",
    "copy_paste",
    "over_promising",
    "policy_only",
    "curt",
    "rushing",
}


def _load_raw() -> list[dict[str, Any]]:
    text = (DEMO_DIR / "conversations.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


RAW = _load_raw()


def _conv(raw: dict[str, Any]) -> Conversation:
    return Conversation.from_turns(
        raw["turns"], id=raw["id"], channel=raw["channel"], meta=raw["meta"]
    )


def _tagged(tag: str) -> list[dict[str, Any]]:
    return [r for r in RAW if tag in r["meta"]["demo_tags"]]


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def test_demo_data_has_at_least_44_conversations_with_unique_ids() -> None:
    ids = [r["id"] for r in RAW]
    assert len(ids) >= 44
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("raw", RAW, ids=[r["id"] for r in RAW])
def test_demo_data_every_conversation_loads_with_ordered_timestamps(raw: dict[str, Any]) -> None:
    conv = _conv(raw)
    assert conv.id == raw["id"]
    assert 2 <= len(conv.turns) <= 14
    assert all(t.text.strip() for t in conv.turns)
    assert set(raw["meta"]) >= {"industry", "team", "subject", "demo_tags"}
    times = [_time(t.time) for t in conv.turns if t.time is not None]
    assert len(times) == len(conv.turns), "every demo turn has a timestamp"
    assert all(t.tzinfo is not None for t in times)
    assert times == sorted(times)
    # someone asks and someone answers
    assert conv.has_side(Side.CUSTOMER) and conv.has_side(Side.AGENT)


def test_demo_data_covers_channels_industries_and_lengths() -> None:
    assert {r["channel"] for r in RAW} == CHANNELS
    assert {r["meta"]["industry"] for r in RAW} == INDUSTRIES
    lengths = {len(r["turns"]) for r in RAW}
    assert min(lengths) == 2 and max(lengths) == 14
    assert len(lengths) >= 8


def test_demo_data_agents_form_two_teams_with_enough_replies_each() -> None:
    replies = Counter(t["author"] for r in RAW for t in r["turns"] if t["role"] == "agent")
    assert set(replies) == ALL_AGENTS
    assert min(replies.values()) >= 10, replies
    assert {r["meta"]["team"] for r in RAW} == set(AGENTS)
    # the owning team of a conversation is the team of its first agent
    for r in RAW:
        first = next(t["author"] for t in r["turns"] if t["role"] == "agent")
        assert first in AGENTS[r["meta"]["team"]], r["id"]


def test_demo_data_response_times_range_from_seconds_to_hours() -> None:
    gaps = []
    for r in RAW:
        turns = r["turns"]
        for prev, cur in itertools.pairwise(turns):
            if prev["role"] == "customer" and cur["role"] == "agent":
                gaps.append((_time(cur["time"]) - _time(prev["time"])).total_seconds())
    assert min(gaps) < 60
    assert max(gaps) > 3600 * 12
    assert sum(1 for g in gaps if 60 <= g <= 3600) >= 10


def test_demo_data_covers_every_required_tag() -> None:
    tags = {t for r in RAW for t in r["meta"]["demo_tags"]}
    assert tags >= REQUIRED_TAGS, REQUIRED_TAGS - tags


def test_demo_data_spanish_conversations_mark_languages() -> None:
    spanish = _tagged("spanish")
    assert len(spanish) >= 2
    for r in spanish:
        assert any(t["role"] == "customer" and t["meta"].get("lang") == "es" for t in r["turns"])
    wrong = _tagged("wrong_language")
    assert wrong
    for r in wrong:
        agent_langs = {t["meta"].get("lang") for t in r["turns"] if t["role"] == "agent"}
        assert agent_langs == {"en"}
    matched = _tagged("language_match")
    assert matched
    for r in matched:
        assert all(t["meta"].get("lang") == "es" for t in r["turns"] if t["role"] == "agent")


@pytest.mark.parametrize("tag,role", [("colleague", Role.COLLEAGUE), ("supplier", Role.SUPPLIER)])
def test_demo_data_colleagues_and_suppliers_ask_and_agents_answer(tag: str, role: Role) -> None:
    convs = [_conv(r) for r in _tagged(tag)]
    assert len(convs) >= 2
    for conv in convs:
        sides = conv.get_sides()
        asked = [s for t, s in zip(conv.turns, sides, strict=True) if t.role is role]
        answered = [s for t, s in zip(conv.turns, sides, strict=True) if t.role is Role.AGENT]
        assert asked and all(s is Side.CUSTOMER for s in asked)
        assert answered and all(s is Side.AGENT for s in answered)


@pytest.mark.parametrize("status", ["kept", "broken"])
def test_demo_data_promises_are_kept_or_broken_in_time(status: str) -> None:
    convs = [r for r in RAW if r["meta"].get("promise", {}).get("status") == status]
    assert convs
    assert all(f"promise_{status}" in r["meta"]["demo_tags"] for r in convs)
    for r in convs:
        p = r["meta"]["promise"]
        made, later = r["turns"][p["turn"]], r["turns"][p["evidence_turn"]]
        due = _time(p["due"])
        assert made["role"] == "agent"
        assert _time(made["time"]) < due
        if status == "kept":
            assert later["role"] == "agent"
            assert _time(made["time"]) < _time(later["time"]) <= due
        else:
            assert later["role"] == "customer"
            assert _time(later["time"]) > due


def test_demo_data_harmful_replies_show_their_pattern() -> None:
    def agent_texts(tag: str) -> list[str]:
        return [t["text"] for r in _tagged(tag) for t in r["turns"] if t["role"] == "agent"]

    copy = agent_texts("copy_paste")
    assert any(n >= 2 for n in Counter(copy).values()), "a copy-paste reply repeats verbatim"
    assert any(len(t.split()) <= 2 for t in agent_texts("curt"))
    assert any("already said" in t.lower() for t in agent_texts("rushing"))
    assert any(
        "not our department" in t.lower() or "not my job" in t.lower()
        for t in agent_texts("deflecting")
    )


def test_demo_data_elderly_customer_gets_short_plain_sentences() -> None:
    convs = _tagged("elderly")
    assert convs
    for r in convs:
        for t in r["turns"]:
            if t["role"] != "agent":
                continue
            sentences = [s for s in re.split(r"[.!?]+", t["text"]) if s.strip()]
            assert max(len(s.split()) for s in sentences) <= 25


def test_demo_data_thanks_all_good_closings_are_short_and_grateful() -> None:
    convs = _tagged("thanks_all_good")
    assert len(convs) >= 3
    for r in convs:
        assert len(r["turns"]) <= 4
        first = r["turns"][0]
        assert first["role"] == "customer"
        assert re.search(r"\b(thank|thanks|shout-out)\b", first["text"], re.I)


def test_demo_data_readme_documents_every_conversation() -> None:
    readme = (DEMO_DIR / "README.md").read_text(encoding="utf-8")
    for r in RAW:
        assert f"| {r['id']} |" in readme, r["id"]
