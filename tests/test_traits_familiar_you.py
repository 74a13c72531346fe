"""Formality mirrored in the languages with a familiar and a formal "you" (guideline,
adaptability (c)): a customer who writes a formal letter and is answered with du / tu / tú /
jij is not mirrored; a customer who uses the familiar form first may be answered with it."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import reply_agent

CUE = "familiar 'you' to a formal customer"


def _adaptability(customer: str, reply: str) -> dict[str, Any]:
    agent = reply_agent(customer, reply, calibrated=True)
    trait: dict[str, Any] = agent["traits"]["adaptability"]
    trait["flags"] = agent["flags"]
    return trait


CASES = [
    (
        "Sehr geehrte Damen und Herren,\n\nmeine Rechnung ist um 40 Euro zu hoch. Bitte prüfen "
        "Sie das.\n\nMit freundlichen Grüßen\nH. Weber",
        "Hallo! Du hast recht, ich habe dir die 40 Euro gutgeschrieben.",
        "Guten Tag Herr Weber, Sie haben recht, ich habe Ihnen die 40 Euro gutgeschrieben.",
    ),
    (
        "Madame, Monsieur,\n\nMa facture est trop élevée de 40 euros. Merci de vérifier."
        "\n\nCordialement,\nH. Weber",
        "Salut ! Tu as raison, je t'ai remboursé les 40 euros.",
        "Bonjour Monsieur Weber, vous avez raison, je vous ai remboursé les 40 euros.",
    ),
    (
        "Estimados señores:\n\nMi factura tiene 40 euros de más. Les ruego que la revisen."
        "\n\nAtentamente,\nH. Weber",
        "¡Hola! Tienes razón, te he devuelto los 40 euros.",
        "Buenos días, señor Weber. Tiene razón, le he devuelto los 40 euros.",
    ),
]


@pytest.mark.parametrize(("customer", "familiar", "formal"), CASES)
def test_familiar_you_to_a_formal_customer_is_not_mirrored(
    customer: str, familiar: str, formal: str
) -> None:
    t = _adaptability(customer, familiar)
    v = _adaptability(customer, formal)
    assert CUE in [e["cue"] for e in t["evidence"]]
    assert "register_mismatch" in t["flags"]
    assert CUE not in [e["cue"] for e in v["evidence"]]
    assert t["score"] < v["score"]


def test_a_customer_who_uses_du_may_be_answered_with_du() -> None:
    customer = "Sehr geehrte Damen und Herren, kannst du mir sagen, wo meine Bestellung ist?"
    t = _adaptability(customer, "Hallo! Deine Bestellung kommt morgen, ich schicke dir den Link.")
    assert CUE not in [e["cue"] for e in t["evidence"]]
