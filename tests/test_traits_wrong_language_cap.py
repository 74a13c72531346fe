"""A reply the customer cannot read (trial 21a F7): ``overall`` is at most 60 (3 of 5), for a
customer as for a supplier; the same reply in the customer's language is not capped."""

from __future__ import annotations

from typing import Any

from _agent_helpers import reply_agent
from servicemind.analyse.scorecard import WRONG_LANGUAGE_OVERALL

CUSTOMER = "Hola, mi pedido 55102 llegó con la pantalla rota. ¿Me pueden enviar otro?"
RIGHT = (
    "¡Hola! Siento mucho lo de la pantalla. Le he enviado hoy un equipo nuevo con el pedido"
    " 55102 y le llegará el jueves; el roto puede devolverlo con la etiqueta que le mando."
)
WRONG = (
    "Hi! I'm so sorry about the screen. I've sent a new unit today for order 55102 and it will"
    " arrive on Thursday; you can return the broken one with the label I'm emailing you."
)


def _agent(reply: str) -> dict[str, Any]:
    return reply_agent(CUSTOMER, reply, "sad")


def test_a_wrong_language_reply_is_capped_and_its_twin_is_not() -> None:
    wrong, right = _agent(WRONG), _agent(RIGHT)
    assert "wrong_language" in wrong["flags"] and "wrong_language" not in right["flags"]
    assert wrong["overall"] <= WRONG_LANGUAGE_OVERALL < right["overall"]
