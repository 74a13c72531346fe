"""A reply the customer cannot read (trial 21a F7): ``overall`` is at most 60 (3 of 5), for a
customer as for a supplier; the same reply in the customer's language is not capped."""

from __future__ import annotations

from typing import Any

from _agent_helpers import analyse, customer_fields, last_agent, make_doc
from servicemind.analyse.scorecard import WRONG_LANGUAGE_OVERALL
from servicemind.analyse.traits import TraitsAnalyser

CUSTOMER = "Hola, mi pedido 55102 llegó con la pantalla rota. ¿Me pueden enviar otro?"
RIGHT = (
    "¡Hola! Siento mucho lo de la pantalla. Le he enviado hoy un equipo nuevo con el pedido"
    " 55102 y le llegará el jueves; el roto puede devolverlo con la etiqueta que le mando."
)
WRONG = (
    "Hi! I'm so sorry about the screen. I've sent a new unit today for order 55102 and it will"
    " arrive on Thursday; you can return the broken one with the label I'm emailing you."
)


def _agent(reply: str, calibrated: bool) -> dict[str, Any]:
    doc = make_doc([("customer", CUSTOMER), ("agent", reply)], [customer_fields("sad")])
    if calibrated:
        TraitsAnalyser().annotate([doc])
        return last_agent(doc)
    return last_agent(analyse(doc))


def test_a_wrong_language_reply_is_capped_and_its_twin_is_not() -> None:
    wrong, right = _agent(WRONG, False), _agent(RIGHT, False)
    assert "wrong_language" in wrong["flags"] and "wrong_language" not in right["flags"]
    assert wrong["overall"] <= WRONG_LANGUAGE_OVERALL < right["overall"]
