"""Stock lines in the corpus languages (trial 21a F4): a German, French or Dutch macro
("Wir bedauern die entstandenen Unannehmlichkeiten", "Nous accusons réception", "Uw
tevredenheid staat bij ons voorop") weighs against genuineness as its English twin does,
while the same answer without them carries no negative evidence."""

from __future__ import annotations

import pytest

from _agent_helpers import trait

#: (a scripted reply in a corpus language, the same answer without its stock lines)
MACROS = [
    (
        "Vielen Dank für Ihre Anfrage. Wir bedauern die entstandenen Unannehmlichkeiten. Die"
        " Gutschrift über 40 € ist gebucht. Zögern Sie nicht, uns zu kontaktieren.",
        "Die Gutschrift über 40 € ist gebucht.",
    ),
    (
        "Nous accusons réception de votre message. Nous comprenons votre attente. Le"
        " remboursement de 40 € est fait. Nous vous souhaitons une excellente journée.",
        "Le remboursement de 40 € est fait.",
    ),
    (
        "Bedankt voor uw bericht. Uw tevredenheid staat bij ons voorop en wij doen er alles aan."
        " De terugbetaling van 40 euro is gedaan.",
        "De terugbetaling van 40 euro is gedaan.",
    ),
]


@pytest.mark.parametrize(("macro", "plain"), MACROS)
def test_stock_lines_in_other_languages_weigh_as_in_english(macro: str, plain: str) -> None:
    customer = "Where is my refund of 40 euros?"
    scripted = trait(customer, macro, "genuineness")
    direct = trait(customer, plain, "genuineness")
    assert scripted["score"] < direct["score"] - 0.2
    assert any(
        e["polarity"] == "negative" and e["cue"].endswith("(non-English)")
        for e in scripted["evidence"]
    )
    assert not any(e["polarity"] == "negative" for e in direct["evidence"])
