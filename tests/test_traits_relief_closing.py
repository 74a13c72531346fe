"""A thanks with relief, a report that the thing is found or back, or a thanks for fixing it
closes the conversation after an earlier problem, in several languages (trial 22b F1: "Vielen
Dank, Herr Lenz, das beruhigt mich sehr." and "Back up. Thanks for sorting it, Jade." kept
ownership, patience and solution applicable on the goodbye); the same words beside a new
question or a problem still reported do not."""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._context import build_context

EARLIER_PROBLEM = [("My direct debit went up from 85 to 190 and I can't pay that.", {})]
ANSWERED = ["I've corrected it to 88; the new schedule is in your email today."]

CLOSING = [
    "Thank you so much, that's really reassuring.",
    "Vielen Dank, das beruhigt mich sehr.",
    "Merci beaucoup, ça me rassure.",
    "Muchas gracias, me quedo más tranquila.",
    "Grazie, sono più tranquilla.",
    "Bedankt, dat stelt me gerust.",
    "Obrigada, fico mais tranquila.",
    "ok found them, thanks!",
    "Back up. Thanks!",
    "Thanks for sorting it, Jade.",
    "Merci d'avoir réglé ça.",
    "Gracias por solucionarlo.",
]


@pytest.mark.parametrize("text", CLOSING)
def test_relief_or_a_thanks_for_fixing_closes(text: str) -> None:
    ctx = build_context([(text, {})], EARLIER_PROBLEM, ANSWERED)
    assert ctx.closing is True
    assert ctx.problem is False


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, that's reassuring, but when does the refund arrive?",
        "Vielen Dank, das beruhigt mich. Und was ist mit der Nachzahlung?",
        "Merci, ça me rassure, mais je n'ai toujours rien reçu.",
        "Thanks for sorting it, but the app still doesn't work.",
    ],
)
def test_the_same_words_beside_a_question_or_a_problem_do_not_close(text: str) -> None:
    ctx = build_context([(text, {})], EARLIER_PROBLEM, ANSWERED)
    assert ctx.closing is False
