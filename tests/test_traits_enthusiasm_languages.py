"""Enthusiasm in the writer's own language: warm wishes, gladness for the customer and a
ready "gladly" (trial 22b: label-2 replies in other languages scored 0.50 on average, the
English ones 0.80). Minimal pairs: the same reply with and without the cue."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import reply_agent


def _enthusiasm(customer: str, reply: str) -> dict[str, Any]:
    trait: dict[str, Any] = reply_agent(customer, reply, calibrated=True)["traits"]["enthusiasm"]
    return trait


CASES = [
    # (customer, plain reply, the same with the cue, the cue's evidence label)
    (
        "¿Puedo cambiar mi asiento al 23A? Viajo mañana.",
        "Hecho, su asiento es ahora el 23A.",
        "Hecho, su asiento es ahora el 23A. ¡Buen viaje!",
        "positive energy: warm wishes (non-English)",
    ),
    (
        "Posso mudar o meu lugar para o 23A? Viajo amanhã.",
        "Feito, o seu lugar é agora o 23A.",
        "Feito, o seu lugar é agora o 23A. Boa viagem!",
        "positive energy: warm wishes (non-English)",
    ),
    (
        "Können Sie meine Lieferadresse ändern? Es ist ein Geschenk für meinen Vater.",
        "Die Lieferadresse ist geändert.",
        "Die Lieferadresse ist geändert. Viel Freude mit dem Geschenk!",
        "positive energy: warm wishes (non-English)",
    ),
    (
        "Ça marche maintenant, merci. Et la facture suivante sera correcte ?",
        "La prochaine facture sera correcte.",
        "Je suis ravie que ça marche. La prochaine facture sera correcte.",
        "positive energy: glad for the customer (non-English)",
    ),
    (
        "Funziona adesso, grazie. E la prossima bolletta sarà giusta?",
        "La prossima bolletta sarà giusta.",
        "Mi fa piacere che funzioni. La prossima bolletta sarà giusta.",
        "positive energy: glad for the customer (non-English)",
    ),
    (
        "Kunt u mijn wachtwoord resetten? Ik kan niet inloggen.",
        "Ik heb uw wachtwoord gereset, u krijgt een mail.",
        "Graag! Ik heb uw wachtwoord gereset, u krijgt een mail.",
        "willing to help (non-English)",
    ),
    (
        "Ich habe mein Passwort vergessen und bin ausgesperrt.",
        "Ich habe Ihr Konto entsperrt und Ihnen ein Einmalpasswort geschickt.",
        "Das kriegen wir gleich hin. Ich habe Ihr Konto entsperrt und Ihnen ein "
        "Einmalpasswort geschickt.",
        "willing to help (non-English)",
    ),
    (
        "Can you move my booking to Friday? I have a race on Saturday.",
        "Done, your booking is now on Friday.",
        "Done, your booking is now on Friday. Good luck with the race!",
        "positive energy: warm wishes",
    ),
]


@pytest.mark.parametrize(("customer", "plain", "cued", "label"), CASES)
def test_the_cue_lifts_enthusiasm(customer: str, plain: str, cued: str, label: str) -> None:
    without = _enthusiasm(customer, plain)
    with_cue = _enthusiasm(customer, cued)
    assert label in [e["cue"] for e in with_cue["evidence"]]
    assert label not in [e["cue"] for e in without["evidence"]]
    assert with_cue["score"] > without["score"]


@pytest.mark.parametrize(
    "reply",
    [
        "Das ist nicht meine Aufgabe. Viel Glück.",  # 'viel Glück' is no willingness here ...
        "Ce n'est pas mon travail. Bonne chance.",  # ... beside a refusal it stays low
    ],
)
def test_a_wish_after_a_refusal_stays_low(reply: str) -> None:
    t = _enthusiasm("Mein Paket ist nicht angekommen. / Mon colis n'est pas arrivé.", reply)
    assert t["score"] < 0.45
