"""Re-asking an amount, a date or a card's last digits the customer already gave (trial 22a
F7): the re-ask memo covered reference numbers, email and account details only, so "could you
tell me the amount and the date?" after "£49.99 on 3 March" read as a fresh question."""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._given import REASK_LABEL, given_kinds, reask_hits

CASES = [
    # (customer, a reply that re-asks, what it re-asks)
    (
        "I was billed $64.20 twice on 12 May for the same delivery.",
        "Can you tell me how much you were charged?",
        "the amount",
    ),
    (
        "I was billed $64.20 twice on 12 May for the same delivery.",
        "What date was the charge taken?",
        "when it happened",
    ),
    (
        "Mir wurden gestern 89,90 € doppelt abgebucht, Karte endet auf 5521.",
        "Können Sie mir bitte den Betrag und die letzten vier Ziffern der Karte nennen?",
        "the amount",
    ),
    (
        "On m'a prélevé 35 euros deux fois le 4 juin.",
        "Pouvez-vous m'indiquer le montant et la date du prélèvement ?",
        "when it happened",
    ),
    (
        "Me cobraron 120 euros dos veces ayer con la tarjeta terminada en 7730.",
        "¿Me puede indicar el importe y los últimos cuatro dígitos de la tarjeta?",
        "the card's last digits",
    ),
    (
        "Het bedrag van 42 euro is op 3 maart twee keer afgeschreven.",
        "Kunt u mij het bedrag doorgeven?",
        "the amount",
    ),
]


@pytest.mark.parametrize(("customer", "reply", "what"), CASES)
def test_re_asking_a_given_amount_date_or_card_is_a_re_ask(
    customer: str, reply: str, what: str
) -> None:
    labels = {h.label for h in reask_hits(reply, customer)}
    assert f"{REASK_LABEL}: {what}" in labels


@pytest.mark.parametrize("reply", sorted({reply for _, reply, _ in CASES}))
def test_asking_for_what_was_not_given_is_a_fresh_question(reply: str) -> None:
    # the same question to a customer who gave no amount, date or card is no re-ask
    assert not reask_hits(reply, "My account shows a charge I don't recognise.")


@pytest.mark.parametrize(
    "customer",
    [
        "I was billed $64.20 twice for the same delivery.",
        "It cost 9.99 EUR and the app still crashes.",
        "Charged 64.20 € and nothing arrived.",
        "Since version 4.2 the export fails.",
    ],
)
def test_a_price_or_a_version_is_no_date_given(customer: str) -> None:
    # "64.20" is money and "4.2" a version, not the 20th of June or the 2nd of April: asking
    # when it happened is a fresh question
    assert "date" not in given_kinds(customer)
    assert not {h.label for h in reask_hits("What date was the charge taken?", customer)}


def test_a_written_day_and_month_is_a_date_given() -> None:
    assert "date" in given_kinds("The charge on 12/03 and again on 31.12 is wrong.")


@pytest.mark.parametrize(
    "reply",
    [
        "I've refunded the amount; is there anything else I can do?",
        "The amount will be back on your card within 5 days, could you confirm you see it?",
        "Could you confirm the date of delivery that suits you?",
    ],
)
def test_saying_what_happens_to_the_amount_is_no_re_ask(reply: str) -> None:
    customer = "I was billed $64.20 twice on 12 May for the same delivery."
    assert not reask_hits(reply, customer)


def test_what_the_customer_gave_includes_the_amount_the_date_and_the_card() -> None:
    kinds = given_kinds("Charged £15.00 on 3 March on my card ending 4471.")
    assert {"amount", "date", "card"} <= kinds
