"""The re-ask memo in the corpus languages (trial 20 F9): asking again, in Spanish, French,
German, Italian, Portuguese or Dutch, for what the customer already gave lowers patience and
genuineness like the English ask; asking for what was not given is no re-ask."""

from __future__ import annotations

import pytest

from _agent_helpers import rules_agent
from servicemind.analyse.traits._given import REASK_LABEL, reask_hits

# (customer's first message, a reply asking for what it gave, the detail kinds re-asked)
REASKS = [
    (
        "Mi número de pedido es 4471902 y la pantalla llegó rota.",
        "¿Me puede facilitar su número de pedido, por favor?",
        {"a reference number"},
    ),
    (
        "Ma commande n° 4471902 bloque, le message d'erreur dit « paiement refusé ».",
        "Pourriez-vous me communiquer votre numéro de commande et le message d'erreur ?",
        {"a reference number", "the error message"},
    ),
    (
        "Meine Bestellnummer ist 4471902, seit gestern kommt „Zahlung abgelehnt“.",
        "Bitte nennen Sie mir Ihre Bestellnummer und seit wann das Problem besteht.",
        {"a reference number", "when it happened"},
    ),
    (
        # a separable verb with no "bitte" before it ("teilen Sie uns … mit"; trial 21a F5)
        "Seit dem Update stürzt der Export ab. Windows 10, Fehlermeldung: 'Codec fehlt'.",
        "Teilen Sie uns Ihr Betriebssystem und die genaue Fehlermeldung mit.",
        {"the operating system or device", "the error message"},
    ),
    (
        "Mijn bestelnummer is 4471902, het werkt niet sinds gisteren.",
        "Laat u ons uw bestelnummer weten.",
        {"a reference number"},
    ),
    (
        "Il mio ordine 4471902 non arriva. Uso un iPhone.",
        "Mi può indicare il numero d'ordine e che telefono usa?",
        {"a reference number", "the operating system or device"},
    ),
    (
        "A encomenda 4471902 não chegou. O meu email é ana@exemplo.pt",
        "Pode indicar-me o número da encomenda e o seu e-mail?",
        {"a reference number", "the email address"},
    ),
    (
        "Mijn bestelnummer is 4471902, het werkt niet sinds gisteren.",
        "Kunt u uw bestelnummer doorgeven? Sinds wanneer is dit zo?",
        {"a reference number", "when it happened"},
    ),
]


@pytest.mark.parametrize(("customer", "reply", "kinds"), REASKS)
def test_an_ask_in_the_customers_language_is_a_reask(
    customer: str, reply: str, kinds: set[str]
) -> None:
    got = {h.label.removeprefix(f"{REASK_LABEL}: ") for h in reask_hits(reply, customer)}
    assert got == kinds


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        # what was not given before: another reference number, an address never given
        ("Mi número de pedido es 4471902.", "¿Me puede indicar su número de cuenta?"),
        ("Meine Bestellnummer ist 4471902.", "Bitte schicken Sie mir Ihre Kundennummer."),
        ("Windows 10, Fehlermeldung: 'Codec fehlt'.", "Teilen Sie uns mit, seit wann es auftritt."),
        ("Mijn bestelnummer is 4471902.", "Kunt u uw klantnummer doorgeven?"),
        ("Mon e-mail est luc@exemple.fr", "Pourriez-vous me donner votre adresse postale ?"),
        # an e-mail address is not the postal address the customer gave
        ("Ich wohne in der Hauptstraße 12.", "Können Sie mir Ihre E-Mail-Adresse nennen?"),
        # saying it is not needed again, or mentioning it without asking
        ("Meine Bestellnummer ist 4471902.", "Ihre Bestellnummer liegt mir bereits vor, danke."),
        ("Mi pedido 4471902 llegó roto.", "He revisado su número de pedido y el envío sale hoy."),
    ],
)
def test_asking_for_what_was_not_given_or_not_asking_is_no_reask(customer: str, reply: str) -> None:
    assert reask_hits(reply, customer) == []


def test_asking_to_confirm_a_given_detail_is_treated_as_in_english() -> None:
    # context20's English rules count a question about a given detail as a re-ask; the
    # other languages follow them
    en = reask_hits("Is 4471902 still the right order number?", "Order 4471902 arrived broken.")
    es = reask_hits(
        "¿Sigue siendo 4471902 el número de pedido correcto?", "Mi pedido 4471902 llegó roto."
    )
    assert bool(en) and bool(es)


def test_a_reask_in_german_lowers_patience_and_genuineness() -> None:
    def conv(opening: str) -> list[dict[str, str]]:
        return [
            {"role": "customer", "text": opening},
            {"role": "agent", "text": "Danke, ich gebe das an die Technik weiter."},
            {"role": "customer", "text": "ok"},
            {"role": "agent", "text": "Können Sie mir bitte Ihre Bestellnummer nennen?"},
        ]

    again = rules_agent(conv("Meine Bestellnummer ist 4471902, das Paket fehlt."))
    fresh = rules_agent(conv("Mein Paket fehlt."))
    for trait in ("patience", "genuineness"):
        assert again["traits"][trait]["score"] < fresh["traits"][trait]["score"] - 0.2
        cues = [e["cue"] for e in again["traits"][trait]["evidence"]]
        assert any(c.startswith(REASK_LABEL) for c in cues)
