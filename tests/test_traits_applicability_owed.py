"""When responsibility and balance apply, by the guideline's situation, not the reply's quality.

Responsibility is "na" only when no action or follow-up is involved: a customer who waits,
chases, was promised something or asks the agent's side to act is owed a commitment, and a
reply that gives none scores low instead of "na" (trial 19 F10). Balance reads a limit set
by a policy or a fact in the reply and a want that meets one (a disputed charge, a refund
asked for) in the customer's turn (F11); the trained applicability weighs them.
"""

from __future__ import annotations

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc, trait
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.analyse.traits._analyser import build_reply
from servicemind.analyse.traits._applicability import (
    asks_information,
    commitment_owed,
    disputes,
    states_limit,
)
from servicemind.analyse.traits._calibration import apply_calibration
from servicemind.analyse.traits._context import Context, build_context
from servicemind.analyse.traits._pressure import score_balance
from servicemind.analyse.traits._result import TraitResult

#: Poor replies that promise nothing.
EMPTY = "We apologise for any inconvenience."
RECITED = "Refunds are processed within 5-10 business days."


def _ctx(customer: str) -> Context:
    return build_context([(customer, customer_fields("neutral"))], [], [])


@pytest.mark.parametrize(
    "customer",
    [
        "You promised the refund within 5 days. That was 12 days ago.",
        "I'm still waiting for the engineer who was meant to come on Monday.",
        "Could you please send me a corrected invoice for 18 seats?",
        "Nobody called me back yesterday as agreed.",
        "Any update on my replacement card?",
        "¿Pueden enviar la factura otra vez? Todavía no la tengo.",
        "Pourriez-vous annuler ma commande ?",
        "Ich warte immer noch auf die Gutschrift, die Sie mir versprochen haben.",
        "Já pedi duas vezes e ainda não recebi nada.",
        "There's a 9.99 subscription on my bill that I never ordered.",
        "Was ist Drittanbieter 9,99? Das hab ich nie bestellt.",
    ],
)
def test_a_customer_owed_a_commitment_makes_responsibility_applicable(customer: str) -> None:
    assert commitment_owed(_ctx(customer)) is True
    for reply in (EMPTY, RECITED):
        assert trait(customer, reply, "responsibility")["applicable"] is True


@pytest.mark.parametrize(
    "customer",
    [
        "How do I change the language of the app?",
        "What does the 'sync conflict' message mean?",
        "Thanks, the refund arrived this morning!",
        "Do I need to bring my passport to the branch?",
        "You can send the parcel whenever suits you, no rush.",  # not asked of the agent
        "I haven't ordered yet: is the sale still on tomorrow?",
    ],
)
def test_look_alikes_owe_no_commitment(customer: str) -> None:
    assert commitment_owed(_ctx(customer)) is False


@pytest.mark.parametrize(
    ("customer", "expected"),
    [
        ("How do I change the language of the app?", True),
        ("How much is the premium plan for two people?", True),
        ("Wie lange dauert die Lieferung nach Wien?", True),
        ("My parcel is missing, please send another one.", False),
        ("You charged me twice for one order.", False),
    ],
)
def test_information_requests(customer: str, expected: bool) -> None:
    assert asks_information(_ctx(customer)) is expected


def test_owed_commitment_survives_the_trained_applicability() -> None:
    """The shipped model may not make an owed commitment na (a poor reply stays scored)."""
    customer = "You promised the refund within 5 days. That was 12 days ago."
    doc = make_doc([("customer", customer), ("agent", RECITED)], [customer_fields("angry")])
    TraitsAnalyser().annotate([doc])
    t = last_agent(doc)["traits"]["responsibility"]
    assert t["applicable"] is True
    assert t["score"] is not None and t["score"] < 0.5  # scored, and low: it promises nothing


def test_required_overrides_a_trained_na_only_when_set() -> None:
    model = {
        "traits": {
            "responsibility": {
                "features": ["rule:responsibility"],
                "mean": [0.0],
                "scale": [1.0],
                "coef": [1.0],
                "intercept": 0.0,
                "applicability": {
                    "features": ["rule:responsibility"],
                    "mean": [0.0],
                    "scale": [1.0],
                    "coef": [0.0],
                    "intercept": -1.0,  # always na
                },
            }
        }
    }
    for required in (False, True):
        res = {"responsibility": TraitResult(0.2, True, 0.5, required=required)}
        apply_calibration(model, res)
        assert res["responsibility"].applicable is required


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("I'm afraid that model is out of stock until March.", True),
        ("Unfortunately the warranty doesn't cover accidental damage.", True),
        ("The fee is correct: it applies to every transfer abroad.", True),
        ("We can't refund a used ticket, but I can move you to Friday.", True),
        ("Lamentablemente no es posible cambiar la fecha.", True),
        ("Leider ist das nicht mehr möglich.", True),
        ("Good news, that model is in stock and ships today.", False),
        ("I've refunded the fee, it'll show in a few days.", False),
        ("Sure, I can move you to Friday's flight.", False),
    ],
)
def test_a_limit_in_the_reply(reply: str, expected: bool) -> None:
    r = build_reply(reply, _ctx("Can I have a refund?"))
    assert states_limit(r) is expected


@pytest.mark.parametrize(
    ("customer", "expected"),
    [
        ("Why was I charged a £30 fee for paying one day late?", True),
        ("You took money twice for the same order.", True),
        ("My claim was rejected and nobody told me why.", True),
        ("I want a refund, the jacket fell apart in a week.", True),
        ("What time does the Leeds branch open on Saturday?", False),
        ("Thanks, the new router works perfectly.", False),
    ],
)
def test_a_want_that_meets_a_limit(customer: str, expected: bool) -> None:
    assert disputes(_ctx(customer)) is expected


@pytest.mark.parametrize(
    ("customer", "reply", "limit", "disputed"),
    [
        (
            "Why was I charged a £30 fee? That's unfair.",
            "I'm afraid the fee is correct under your tariff.",
            1.0,
            1.0,
        ),
        ("What time does the Leeds branch open on Saturday?", "It opens at 9.", 0.0, 0.0),
    ],
)
def test_balance_features_follow_the_cues(
    customer: str, reply: str, limit: float, disputed: float
) -> None:
    feats = score_balance(build_reply(reply, _ctx(customer))).features
    assert (feats["limit"], feats["disputed"]) == (limit, disputed)
