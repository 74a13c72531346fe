"""Unexplained acronyms to a confused customer, and patience capped by "as I said" and by
pushing to close (trial 22b F6, F7): minimal pairs in several languages."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import reply_agent


def _traits(customer: str, reply: str, emotion: str = "neutral") -> dict[str, Any]:
    traits: dict[str, Any] = reply_agent(customer, reply, emotion, calibrated=True)["traits"]
    return traits


def _cues(t: dict[str, Any], trait: str) -> list[str]:
    return [e["cue"] for e in t[trait]["evidence"]]


CONFUSED = {
    "en": "I don't understand these smart meter letters. I'm 82 and my bill went up.",
    "fr": "Je ne comprends pas ce message sur ma box internet, elle clignote.",
    "es": "No entiendo nada del mensaje del router, no funciona internet.",
}
JARGON = {
    "en": "Your SMETS1 meter lost its DCC link, so the read was estimated. Submit a read.",
    "fr": "Votre ONT a perdu la synchro PPPOE, vérifiez le VLAN et le DSLAM.",
    "es": "Su ONT perdió la sincronización PPPOE, revise la VLAN del router.",
}
PLAIN = {
    "en": "Your meter stopped sending us its numbers, so we guessed the bill. I'll fix it today.",
    "fr": "Votre box a perdu la connexion. Débranchez-la, attendez dix secondes, rebranchez-la.",
    "es": "Su router perdió la conexión. Desenchúfelo, espere diez segundos y enchúfelo.",
}


@pytest.mark.parametrize("lang", sorted(CONFUSED))
def test_acronyms_to_a_confused_customer_are_jargon(lang: str) -> None:
    jargon = _traits(CONFUSED[lang], JARGON[lang])
    plain = _traits(CONFUSED[lang], PLAIN[lang])
    assert "jargon: unexplained acronym" in _cues(jargon, "adaptability")
    assert "plain, short sentences for a confused customer" not in _cues(jargon, "adaptability")
    assert jargon["adaptability"]["score"] < 0.45 < plain["adaptability"]["score"]


def test_one_acronym_the_customer_needs_is_not_jargon() -> None:
    t = _traits(
        CONFUSED["en"], "Don't worry. Your PIN is on the letter. The HMRC app shows it too."
    )
    assert "jargon: unexplained acronym" not in _cues(t, "adaptability")


def test_acronyms_the_customer_wrote_or_that_are_explained_are_not_jargon() -> None:
    customer = "I don't understand what DCC and SMETS1 mean on my letter."
    t = _traits(customer, "DCC (the network your meter talks to) lost your SMETS1 meter's signal.")
    assert "jargon: unexplained acronym" not in _cues(t, "adaptability")


def test_acronyms_to_an_expert_are_not_read_as_jargon() -> None:
    expert = "Our SSO fails after the IdP certificate rotation, SAML response rejected."
    t = _traits(expert, "Re-upload the IdP metadata XML and check the ACS URL.")
    assert "jargon: unexplained acronym" not in _cues(t, "adaptability")


OPEN_ISSUE = "I still can't log in, and you haven't said when the refund comes. What now?"
ANSWER = "The refund reaches your account within 48 hours."


@pytest.mark.parametrize(
    "opener",
    [
        "As I said, ",
        "Like I said, ",
        "Como ya le dije, ",
        "Comme je l'ai déjà dit, ",
        "Wie bereits erwähnt: ",
    ],
)
def test_as_i_said_caps_patience(opener: str) -> None:
    said = _traits(OPEN_ISSUE, opener + ANSWER, "angry")
    plain = _traits(OPEN_ISSUE, ANSWER, "angry")
    assert said["patience"]["score"] <= 0.25 < plain["patience"]["score"]


@pytest.mark.parametrize(
    ("customer", "answer", "push"),
    [
        (OPEN_ISSUE, ANSWER, " Closing this chat now."),
        (OPEN_ISSUE, ANSWER, " I'm closing this chat now."),
        (
            "Je n'arrive toujours pas à me connecter et le remboursement ? Et maintenant ?",
            "Le remboursement arrive sur votre compte sous 48 heures.",
            " Je vais clôturer ce chat.",
        ),
        (
            "Ich kann mich immer noch nicht anmelden, und wann kommt die Erstattung?",
            "Die Erstattung ist in 48 Stunden auf Ihrem Konto.",
            " Ich schließe jetzt den Chat.",
        ),
    ],
)
def test_pushing_to_close_an_open_issue_caps_patience(
    customer: str, answer: str, push: str
) -> None:
    pushed = _traits(customer, answer + push, "angry")
    plain = _traits(customer, answer, "angry")
    assert pushed["patience"]["score"] <= 0.3 < plain["patience"]["score"]
