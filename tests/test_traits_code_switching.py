"""A customer who writes two languages in one message can be answered in either; only a
language they did not use is the wrong one (issue 5; trial 19 F15)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.analyse.traits._language import detect_language, detect_languages

MIXED_DE = (
    'hallo, meine Bestellung 55-1093 ist seit 2 Wochen "in Bearbeitung". Can you check? '
    "I need it for a birthday on Saturday"
)
MIXED_ES = "hola, my package llegó roto, la caja toda aplastada y el vaso broken. what can I do??"


@pytest.mark.parametrize(
    ("text", "langs"),
    [
        (MIXED_DE, {"de", "en"}),
        (MIXED_ES, {"es", "en"}),
        ("Hallo IT, mein Outlook stürzt ständig ab, seit dem Update gestern.", {"de"}),
        ("Hoi! Mijn bestelling mist de frietjes en de saus.", {"nl"}),
        ("My order is late, where is it? I need it for Saturday.", {"en"}),
        ("ok", set()),
    ],
)
def test_traits_languages_read_clause_by_clause(text: str, langs: set[str]) -> None:
    assert detect_languages(text) == langs


def test_traits_languages_hold_the_whole_texts_language() -> None:
    raw = resources.files("servicemind.demo").joinpath("conversations.jsonl").read_text("utf-8")
    texts = [t["text"] for line in raw.splitlines() for t in json.loads(line)["turns"]]
    for text in texts:
        main = detect_language(text)
        langs = detect_languages(text)
        assert main is None or main in langs
    # one language per message is the rule, not the exception
    assert sum(len(detect_languages(t)) > 1 for t in texts) <= len(texts) // 50


def _adaptability(customer: str, reply: str) -> tuple[dict[str, object], list[str]]:
    doc = make_doc([("customer", customer), ("agent", reply)], [customer_fields()])
    TraitsAnalyser(calibrated=False).annotate([doc])
    agent = last_agent(doc)
    return agent["traits"]["adaptability"], agent["flags"]


@pytest.mark.parametrize(
    ("customer", "fits", "other"),
    [
        (
            MIXED_DE,
            "Hallo! Ich habe nachgesehen: Ihre Bestellung hing wegen eines Lagerfehlers fest, "
            "das tut mir leid. Ich habe sie eben mit Express-Versand freigegeben.",
            "Bonjour ! J'ai vérifié : votre commande était bloquée à cause d'une erreur "
            "d'entrepôt, désolée. Je l'ai libérée en express.",
        ),
        (
            MIXED_ES,
            "¡Hola! Siento mucho que llegara roto. Te he enviado otro vaso hoy, llega el jueves.",
            "Olá! Lamento muito que tenha chegado partido. Enviei-lhe outro copo hoje.",
        ),
    ],
)
def test_traits_reply_in_either_customer_language_fits(
    customer: str, fits: str, other: str
) -> None:
    good, good_flags = _adaptability(customer, fits)
    bad, bad_flags = _adaptability(customer, other)
    assert "wrong_language" not in good_flags
    assert any("replies in the customer's language" in e["cue"] for e in good["evidence"])
    assert "wrong_language" in bad_flags
    cue = next(e["cue"] for e in bad["evidence"] if e["cue"].startswith("reply in"))
    assert "'en' and" in cue  # both of the customer's languages are named
    assert good["score"] > bad["score"] + 0.5
