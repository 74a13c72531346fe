"""The customer's situation in the corpus languages (trial 21a F6, F9): a funeral asks for a
sober tone in German, French, Spanish, Italian, Dutch and Portuguese as it does in English,
and a customer who laughs at their own problem ("3 sizes too big lol") is asking, not
closing, however the emotion reads."""

from __future__ import annotations

import pytest

from _agent_helpers import customer_fields, trait
from servicemind.analyse.traits._context import build_context


@pytest.mark.parametrize(
    "customer",
    [
        "Mein Flug wurde verschoben, ich verpasse die Beerdigung meiner Mutter.",
        "Mon vol est reporté, je vais rater l'enterrement de ma mère.",
        "Mon vol est annulé et les obsèques de mon père sont demain.",
        "Me cambiaron el vuelo y voy a perder el entierro de mi madre.",
        "Il volo è stato spostato, perderò il funerale di mia madre.",
        "Mijn vlucht is verzet, ik mis de uitvaart van mijn moeder.",
        "O meu voo foi adiado e vou perder o enterro da minha mãe.",
    ],
)
def test_a_funeral_asks_for_a_sober_tone_in_every_corpus_language(customer: str) -> None:
    assert build_context([(customer, {})], [], []).sober is True
    cheer = "Hallo!! 😊 Super, dass Sie sich melden! Wir finden bestimmt eine tolle Lösung!!! 🎉"
    assert trait(customer, cheer, "enthusiasm", emotion="sad")["applicable"] is False


@pytest.mark.parametrize(
    "customer",
    [
        "Mein Flug wurde verschoben, ich verpasse mein Vorstellungsgespräch.",
        "Mon vol est reporté, je vais rater la réunion de demain.",
    ],
)
def test_a_missed_appointment_is_no_bereavement(customer: str) -> None:
    assert build_context([(customer, {})], [], []).sober is False


@pytest.mark.parametrize(
    "customer",
    [
        "my jacket came in like 2 sizes too small haha. can i swap it or nah",
        "the shoes arrived and they don't fit lol, can i exchange them",
    ],
)
def test_laughing_at_ones_own_problem_is_a_request_not_a_closing(customer: str) -> None:
    ctx = build_context([(customer, customer_fields("grateful"))], [], [])
    assert ctx.closing is False


@pytest.mark.parametrize(
    "customer",
    [
        "Thanks so much, that sorted it!",
        "It came today, perfect, thanks!",
    ],
)
def test_a_thanks_or_a_clean_arrival_still_closes(customer: str) -> None:
    ctx = build_context(
        [(customer, customer_fields("grateful"))],
        [("Where is my order 55102?", {})],
        ["It's with the courier and due today."],
    )
    assert ctx.closing is True
