"""Domain types: roles, sides ("everyone is a customer"), stable ids."""

from __future__ import annotations

import pytest

from servicemind.conversation import Conversation, Role, Side


@pytest.mark.parametrize(
    ("raw", "role"),
    [
        ("Customer", Role.CUSTOMER),
        ("user", Role.CUSTOMER),
        ("ADMIN", Role.AGENT),
        ("action", Role.SYSTEM),
        ("vendor", Role.SUPPLIER),
    ],
)
def test_conversation_role_parse_accepts_synonyms(raw: str, role: Role) -> None:
    assert Role.parse(raw) is role


def test_conversation_role_parse_rejects_unknown() -> None:
    with pytest.raises(ValueError):
        Role.parse("wizard")


def test_conversation_sides_customer_asks_agent_answers() -> None:
    c = Conversation.from_turns(
        [
            {"role": "customer", "text": "a"},
            {"role": "system", "text": "b"},
            {"role": "agent", "text": "c"},
        ]
    )
    assert c.get_sides() == [Side.CUSTOMER, None, Side.AGENT]
    assert [t.text for t in c.iter_turns(Side.AGENT)] == ["c"]


def test_conversation_sides_colleague_asking_an_agent_gets_customer_side() -> None:
    c = Conversation.from_turns(
        [{"role": "colleague", "text": "VPN is down"}, {"role": "agent", "text": "on it"}]
    )
    assert c.get_sides() == [Side.CUSTOMER, Side.AGENT]


def test_conversation_sides_without_agent_first_speaker_asks() -> None:
    c = Conversation.from_turns(
        [
            {"role": "supplier", "text": "invoice?"},
            {"role": "colleague", "text": "paid"},
            {"role": "supplier", "text": "thanks"},
        ]
    )
    assert c.get_sides() == [Side.CUSTOMER, Side.AGENT, Side.CUSTOMER]


def test_conversation_sides_meta_asker_overrides() -> None:
    c = Conversation.from_turns(
        [{"role": "agent", "text": "where is the part?"}, {"role": "supplier", "text": "shipped"}],
        meta={"asker": "agent"},
    )
    assert c.get_sides() == [Side.CUSTOMER, Side.AGENT]


def test_conversation_stable_id_depends_only_on_content() -> None:
    turns = [{"role": "customer", "text": "hola"}, {"role": "agent", "text": "¡hola! 👋"}]
    a = Conversation.from_turns(turns)
    b = Conversation.from_turns([dict(t) for t in turns])
    c = Conversation.from_turns([*turns, {"role": "customer", "text": "gracias"}])
    assert a.id == b.id
    assert a.id != c.id
    assert a.id.startswith("c-")


def test_conversation_explicit_id_is_kept() -> None:
    assert Conversation.from_turns([{"role": "customer", "text": "x"}], id="T-1").id == "T-1"


def test_role_parse_reads_spaces_and_underscores_as_hyphens() -> None:
    # Conversation.from_turns, the CSV reader and the options all go through Role.parse
    assert Role.parse("Support Agent") is Role.AGENT
    assert Role.parse("end_user") is Role.CUSTOMER
    assert Role.parse(" End User ") is Role.CUSTOMER
