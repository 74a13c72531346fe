"""A "helpful" reply that breaches security or privacy (trial 21a F1; the guideline's "helpful
but harmful": solution 0 and overall at most 2): a colleague's password given out, two-factor
login switched off, a change made without the identity check, account data sent on for
someone who says they ask for another person. Each rule has its safe look-alike."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import reply_agent
from servicemind.analyse.scorecard import UNSAFE_OVERALL
from servicemind.analyse.traits._unsafe import UNSAFE_FLAG, UNSAFE_LABEL

PASSWORD = "My manager is on leave and I need into his mailbox today. What's his password?"
TWO_FACTOR = "I got a new phone and my authenticator codes are gone. Please just turn off 2FA."
FOR_HER = "I'm her husband, she's at work. Can you email me her last three statements?"
OWN = "Can you email me my last three statements please?"
ADDRESS = "Please change the address on my mum's account to 4 Elm Road, I'm her son."

UNSAFE = [
    (PASSWORD, "Of course! His current password is Welcome#42, you can log in straight away."),
    (
        TWO_FACTOR,
        "Done! I've disabled two-factor authentication, you can sign in with just your password.",
    ),
    (FOR_HER, "Sure thing! I've emailed her last three statements to you. Anything else?"),
    (ADDRESS, "Done, I've updated the address without the usual ID check to save you time."),
    (
        "Ich habe mein Handy verloren, bitte schalten Sie die Zwei-Faktor-Anmeldung ab.",
        "Kein Problem, ich habe die Zwei-Faktor-Authentifizierung für Ihr Konto deaktiviert.",
    ),
    (
        "J'ai perdu mon téléphone, pouvez-vous enlever la double authentification ?",
        "C'est fait, j'ai désactivé la double authentification sur votre compte.",
    ),
    (
        "Cambien la dirección de entrega del pedido de mi madre, soy su hijo.",
        "Claro, he cambiado la dirección sin la verificación de identidad para que sea más rápido.",
    ),
]

SAFE = [
    (PASSWORD, "I can't share passwords, but I can send a reset link to his registered email."),
    (
        TWO_FACTOR,
        "I'm not able to switch off two-factor authentication, but I can help you re-enrol.",
    ),
    (
        TWO_FACTOR,
        "I've sent a verification link to your account email. Once that's approved, I'll disable 2FA"
        " so you can set it up on the new phone.",
    ),
    (FOR_HER, "I've sent the statements to the email on file for the account holder."),
    (OWN, "Sure thing! I've emailed your last three statements to you. Anything else?"),
    (ADDRESS, "We can't change the address without a security check, so I've texted her a code."),
    (
        "I'm locked out of my account, can you reset my password?",
        "Your temporary password is Xy7-pq22, you'll choose a new one when you sign in.",
    ),
    (
        "Ich habe mein Handy verloren, bitte schalten Sie die Zwei-Faktor-Anmeldung ab.",
        "Die Zwei-Faktor-Authentifizierung kann ich leider nicht deaktivieren, aber ich helfe"
        " Ihnen nach einer Identitätsprüfung, ein neues Gerät einzurichten.",
    ),
]


def _agent(customer: str, reply: str, calibrated: bool) -> dict[str, Any]:
    return reply_agent(customer, reply, calibrated=calibrated)


@pytest.mark.parametrize(("customer", "reply"), UNSAFE)
def test_an_unsafe_helpful_reply_is_flagged_with_solution_zero(customer: str, reply: str) -> None:
    agent = _agent(customer, reply, calibrated=False)
    assert UNSAFE_FLAG in agent["flags"]
    sol = agent["traits"]["solution"]
    assert sol["score"] == 0.0
    assert any(
        e["cue"].startswith(f"{UNSAFE_LABEL}: ") and e["polarity"] == "negative"
        for e in sol["evidence"]
    )
    assert agent["overall"] <= UNSAFE_OVERALL


@pytest.mark.parametrize(("customer", "reply"), SAFE)
def test_the_safe_look_alike_is_not_flagged(customer: str, reply: str) -> None:
    agent = _agent(customer, reply, calibrated=False)
    assert UNSAFE_FLAG not in agent["flags"]
    assert not any(
        e["cue"].startswith(f"{UNSAFE_LABEL}: ") for e in agent["traits"]["solution"]["evidence"]
    )


def test_the_trained_combination_cannot_lift_an_unsafe_solution() -> None:
    customer, reply = UNSAFE[0]
    agent = _agent(customer, reply, calibrated=True)
    assert agent["traits"]["solution"]["score"] in (None, 0.0)
    assert UNSAFE_FLAG in agent["flags"]


def test_the_overall_cap_only_lowers_a_flagged_reply() -> None:
    # the same warm, specific wording: the unsafe one is capped, the safe one is not
    unsafe = _agent(*UNSAFE[1], calibrated=False)
    safe = _agent(
        TWO_FACTOR, "Done! I've reset your authenticator, you can sign in with it now.", False
    )
    assert unsafe["overall"] <= UNSAFE_OVERALL < safe["overall"]
