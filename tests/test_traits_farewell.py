"""A farewell without a thanks closes like a thanks (trial 20 F11): "Parfait, bonne journée !",
"Super, schönen Tag noch!", "Genial, buen día" after an answer close the conversation; a
farewell with a question or a new problem, an upset one, or a first message that greets does
not."""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._context import build_context, closes

EARLIER_PROBLEM = [("Mon colis 4471902 n'est pas arrivé, il devait venir lundi.", {})]


@pytest.mark.parametrize(
    "farewell",
    [
        "Parfait, bonne journée !",
        "Super, schönen Tag noch!",
        "Genial, buen día",
        "Perfect, have a good one",
        "Perfetto, buona giornata!",
        "Ótimo, tenha um bom dia!",
        "Top, fijne dag verder!",
    ],
)
def test_a_farewell_after_an_answer_closes_like_a_thanks(farewell: str) -> None:
    assert closes(farewell)
    ctx = build_context([(farewell, {})], EARLIER_PROBLEM, ["Il arrive demain avant midi."])
    assert ctx.closing is True
    assert ctx.problem is False


@pytest.mark.parametrize(
    "text",
    [
        "Super, schönen Tag noch! Wann kommt denn die Rechnung?",
        "Bonne journée, mais le colis n'est toujours pas arrivé.",
        "Bonjour, je voudrais savoir où en est ma commande.",
        "Guten Tag, meine Rechnung ist falsch.",
        "Buen día, quería consultar el estado de mi pedido.",
        "Please take care of the refund.",
    ],
)
def test_a_farewell_with_a_question_or_problem_or_a_greeting_does_not_close(text: str) -> None:
    assert not closes(text)
    ctx = build_context([(text, {})], EARLIER_PROBLEM, ["Il arrive demain avant midi."])
    assert ctx.closing is False


def test_a_first_message_that_greets_is_no_farewell() -> None:
    ctx = build_context(
        [("Buen día, quería consultar el estado de mi pedido 4471902.", {})], [], []
    )
    assert ctx.closing is False


def test_an_upset_farewell_does_not_close_an_open_problem() -> None:
    upset = {"emotion": {"label": "angry", "scores": {"angry": 0.9}}}
    ctx = build_context([("Forget it, goodbye.", upset)], EARLIER_PROBLEM, ["Il arrive demain."])
    assert ctx.closing is False
