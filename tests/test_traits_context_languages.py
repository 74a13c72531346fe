"""The customer's problem in the languages customers write (issue 5; trial 19 F7): an
everyday problem report in de, nl, fr, es, pt, it, pl or tr makes empathy applicable, as its
English translation does; a plain request or a thank-you that closes does not."""

from __future__ import annotations

import pytest

from _agent_helpers import customer_fields, trait
from servicemind.analyse.traits._context import build_context


@pytest.mark.parametrize(
    "customer",
    [
        "Hallo IT, mein Outlook stürzt ständig ab, seit dem Update gestern.",
        "Hoi! Mijn bestelling mist de frietjes en de saus.",
        "Bonjour, mon colis est indiqué livré mais j'ai rien reçu.",
        "Hola, me cobraron dos veces el pedido 66031.",
        "Boa tarde, fui cobrado duas vezes na fatura de maio.",
        "Ciao, la stampante del terzo piano non si accende da lunedì.",
        "Dzień dobry, paczka nie dotarła, czekam od tygodnia.",
        "Merhaba, siparişim hâlâ gelmedi.",
    ],
)
def test_traits_problem_in_other_languages_makes_empathy_applicable(customer: str) -> None:
    # a neutral emotion from upstream: only the problem cues can make empathy apply
    assert build_context([(customer, customer_fields())], [], []).problem
    assert trait(customer, "Ich schaue es mir an.", "empathy")["applicable"]


@pytest.mark.parametrize(
    "customer",
    [
        "Kann ich die Lieferadresse noch ändern?",
        "¿Hace falta llevar el DNI a la cita?",
        "Bonjour, je voudrais changer mon adresse de livraison.",
        "Guten Tag, das Paket ist heute doch noch angekommen, alles gut. Danke!",
    ],
)
def test_traits_requests_and_thanks_in_other_languages_are_no_problem(customer: str) -> None:
    assert not build_context([(customer, customer_fields())], [], []).problem
