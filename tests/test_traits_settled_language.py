"""A short reply keeps the language the conversation is written in (issue 5, trial 20 F16);
a reply clearly in another language keeps its own."""

from __future__ import annotations

from _agent_helpers import rules_agent
from servicemind.analyse.traits._language import reply_language, settled_language


def test_a_short_reply_keeps_the_settled_language() -> None:
    turns = [
        {"role": "customer", "text": "Hi, I need new photos for my visa application, what size?"},
        {"role": "agent", "text": "Yes, 35 by 45 mm, no glasses. Most booths do them right."},
    ]
    agent = rules_agent(turns)
    assert agent["language"] == "en"
    assert "wrong_language" not in agent["flags"]


def test_a_reply_clearly_in_another_language_keeps_its_own() -> None:
    turns = [
        {"role": "customer", "text": "Hi, my parcel has not arrived and it was due on Monday."},
        {"role": "agent", "text": "Hola, lo siento mucho, lo revisamos y le escribimos hoy mismo."},
    ]
    agent = rules_agent(turns)
    assert agent["language"] == "es"
    assert "wrong_language" in agent["flags"]


def test_reply_language_and_settled_language() -> None:
    assert reply_language("Gern geschehen, einen schönen Tag noch.", "de") == "de"
    assert reply_language("Gern geschehen, einen schönen Tag noch.", None) is None
    assert reply_language("Gern geschehen, Frau Weber.", "de") is None  # no word to tell
    assert settled_language("en", "Hello, my order is late and I need it.") == "en"
    assert settled_language("es", "Hello, my order is late and I need it.") is None
    assert settled_language(None, "Hello, my order is late and I need it.") == "en"
