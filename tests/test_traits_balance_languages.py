"""Balance beyond English (trial 21a F2, F3): a limit held with an acknowledgement and an
alternative in nl, de, fr, es, it and pt scores as it does in English, English limits not
worded "can't" / "unfortunately" are limits, and guarantees are read as a family ("I 100%
guarantee", "you have my word", "Ich garantiere Ihnen", "je vous garantis") with their
look-alikes (a guarantee declined) left alone."""

from __future__ import annotations

import pytest

from _agent_helpers import reply_agent, trait

FEE = "Why do I have to pay 30 euros to change my booking? That's ridiculous."

#: (customer, reply with acknowledgement + limit + alternative, the same limit alone)
HELD = [
    (
        "Waarom moet ik 30 euro betalen om mijn boeking te wijzigen? Belachelijk.",
        "Dat begrijp ik, vervelend. De wijzigingskosten kan ik helaas niet laten vallen. Wat wel"
        " kan: u kunt de datum één keer gratis verzetten in de app.",
        "De wijzigingskosten kan ik helaas niet laten vallen.",
    ),
    (
        "Warum soll ich 30 Euro für die Umbuchung zahlen? Das ist lächerlich.",
        "Ich verstehe Ihren Ärger. Die Gebühr kann ich leider nicht erlassen, aber ich schlage"
        " Ihnen vor, den Termin einmal kostenlos in der App zu verschieben.",
        "Die Gebühr kann ich leider nicht erlassen.",
    ),
    (
        "Pourquoi dois-je payer 30 euros pour modifier ma réservation ? C'est ridicule.",
        "Je comprends, c'est frustrant. Je ne peux malheureusement pas annuler ces frais. En"
        " revanche, vous pouvez changer la date une fois gratuitement dans l'application.",
        "Je ne peux malheureusement pas annuler ces frais.",
    ),
    (
        "¿Por qué tengo que pagar 30 euros por cambiar mi reserva? Es ridículo.",
        "Entiendo su enfado. Lamentablemente no puedo anular el cargo, pero lo que sí puedo"
        " hacer es cambiarle la fecha una vez sin coste.",
        "Lamentablemente no puedo anular el cargo.",
    ),
    (
        "Perché devo pagare 30 euro per cambiare la prenotazione? È ridicolo.",
        "Capisco, mi dispiace. Purtroppo non posso annullare la penale, ma posso spostarle la"
        " data una volta senza costi.",
        "Purtroppo non posso annullare la penale.",
    ),
    (
        "Porque tenho de pagar 30 euros para alterar a reserva? É ridículo.",
        "Entendo a sua frustração. Infelizmente não posso anular a taxa, mas posso alterar a"
        " data uma vez sem custos.",
        "Infelizmente não posso anular a taxa.",
    ),
]


@pytest.mark.parametrize(("customer", "held", "alone"), HELD)
def test_a_limit_held_warmly_scores_balance_in_every_corpus_language(
    customer: str, held: str, alone: str
) -> None:
    good = trait(customer, held, "balance", emotion="angry")
    bare = trait(customer, alone, "balance", emotion="angry")
    assert good["applicable"] is True and bare["applicable"] is True
    assert good["score"] >= 0.85
    assert bare["score"] <= 0.2
    cues = {e["cue"] for e in good["evidence"] if e["polarity"] == "positive"}
    assert any(c.startswith("holds a limit") for c in cues)
    assert any(c.startswith("acknowledges") for c in cues)
    assert any(c.startswith("offers an alternative") for c in cues)


@pytest.mark.parametrize(
    "reply",
    [
        "Refunds for used items aren't something I can give out.",
        "The courier marked it delivered, so there's nothing more we can do.",
        "The seat fee is out of our hands.",
    ],
)
def test_english_limits_without_cant_or_unfortunately_are_limits(reply: str) -> None:
    t = trait(FEE, reply, "balance", emotion="angry")
    assert t["applicable"] is True
    assert t["score"] <= 0.2  # held with neither an acknowledgement nor an alternative
    assert any(e["cue"].startswith("holds a limit") or "limits" in e["cue"] for e in t["evidence"])


def test_a_plain_answer_in_another_language_states_no_limit() -> None:
    t = trait(
        "¿Cuánto cuesta cambiar la fecha?",
        "Cambiar la fecha cuesta 30 euros y puede hacerlo en la app.",
        "balance",
    )
    assert not any(e["cue"].startswith("holds a limit") for e in t["evidence"])


BIKE = "My daughter's birthday is Saturday and the bike still says 'processing'. Will it come in time??"


def _flags(customer: str, reply: str) -> list[str]:
    flags: list[str] = reply_agent(customer, reply, "anxious")["flags"]
    return flags


@pytest.mark.parametrize(
    ("reply", "flagged"),
    [
        ("I 100% guarantee it will be with you by Friday!", True),
        ("It will definitely be there by Friday, you have my word!", True),
        ("I'm 100% sure it will be with you on Friday.", True),
        ("I promise you they will deliver it on Friday.", True),
        ("Ich garantiere Ihnen, dass es bis Freitag da ist!", True),
        ("Je vous garantis qu'il arrivera vendredi !", True),
        ("¡Le garantizo que llegará el viernes!", True),
        ("Le garantisco che arriverà venerdì!", True),
        ("Garanto-lhe que chega na sexta-feira!", True),
        ("Ik garandeer u dat hij vrijdag komt!", True),
        # look-alikes: a guarantee declined, a refund of the whole amount, a plain estimate
        ("I can't guarantee Friday, but I've asked the warehouse to ship it first thing.", False),
        ("If it's late you get a 100% refund of the delivery fee.", False),
        ("Ich kann Ihnen Freitag leider nicht garantieren, aber ich frage im Lager nach.", False),
        ("Je ne peux pas vous garantir vendredi, mais je relance l'entrepôt.", False),
        ("The courier's estimate is Friday.", False),
    ],
)
def test_guarantees_are_read_as_a_family(reply: str, flagged: bool) -> None:
    assert ("over_promise" in _flags(BIKE, reply)) is flagged
