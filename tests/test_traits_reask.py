"""What the customer already gave is remembered (issue 5, trial 20 F9): a reply that asks for
it again loses patience and genuineness, whoever asks (the same agent, or a colleague after a
handover), with the re-asked words as evidence."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import rules_agent
from servicemind.analyse.base import Doc
from servicemind.analyse.traits._analyser import TraitsAnalyser
from servicemind.analyse.traits._given import REASK_LABEL, given_kinds, reask_hits
from servicemind.conversation import Conversation

OPENING = "My tablet (serial TB-55120) won't sync since the upgrade, it shows 'sync token invalid'. I'm on Android 14."


def _conv(opening: str, ask: str, asker: str) -> list[dict[str, Any]]:
    return [
        {"role": "customer", "text": opening},
        {"role": "agent", "text": "Thanks, I'm passing this to our sync team.", "author": "Ann"},
        {"role": "customer", "text": "ok"},
        {"role": "agent", "text": ask, "author": asker},
    ]


ASK = "Could you give me the serial number, the exact error you see and which OS you're on?"


@pytest.mark.parametrize("asker", ["Ann", "Bo"])
def test_reask_lowers_patience_and_genuineness_whoever_asks(asker: str) -> None:
    again = rules_agent(_conv(OPENING, ASK, asker))
    fresh = rules_agent(_conv("My tablet won't sync.", ASK, asker))
    for trait in ("patience", "genuineness"):
        assert again["traits"][trait]["score"] < fresh["traits"][trait]["score"] - 0.2
        cues = [e["cue"] for e in again["traits"][trait]["evidence"]]
        assert any(c.startswith(REASK_LABEL) for c in cues)
    texts = " | ".join(e["text"] for e in again["traits"]["patience"]["evidence"])
    for asked in ("serial number", "exact error", "which OS"):
        assert asked in texts


def test_reask_caps_the_calibrated_score() -> None:
    doc = Doc(Conversation.from_turns(_conv(OPENING, ASK, "Bo")))
    TraitsAnalyser().annotate([doc])
    fresh = Doc(Conversation.from_turns(_conv("My tablet won't sync.", ASK, "Bo")))
    TraitsAnalyser().annotate([fresh])
    got = doc.out["turns"][-1]["agent"]["traits"]["patience"]["score"]
    assert got < fresh.out["turns"][-1]["agent"]["traits"]["patience"]["score"] - 0.2


@pytest.mark.parametrize(
    "reply",
    [
        "Thanks, I've passed on your serial number and the error to the sync team.",
        "Please quote your serial number TB-55120 in any reply.",
        "Could you send a screenshot of the error?",
        "No need to send the serial number again, I have it.",
    ],
)
def test_mentioning_or_needing_no_given_detail_is_no_reask(reply: str) -> None:
    assert reask_hits(reply, OPENING) == []


def test_a_reference_named_for_something_else_is_not_the_one_asked() -> None:
    # the order number was given, the account number was not
    cust = "Order 4471902 arrived with a cracked screen."
    assert reask_hits("Can you tell me your account number?", cust) == []
    assert [h.text for h in reask_hits("Can you tell me your order number?", cust)] == [
        "order number"
    ]


def test_given_kinds_reads_each_kind() -> None:
    got = given_kinds(
        "Ticket INC-20931: it says 'disk quota exceeded' on my MacBook since yesterday. "
        "Reach me at sam.lee@example.org or on phone +44 7700 900123."
    )
    assert {"reference:ticket", "error", "system", "email", "phone", "date"} <= got
