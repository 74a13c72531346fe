"""Over-promising is responsibility 0 (guideline; trial 22b F10: "I guarantee it will be with
you by Friday, 100%" kept 0.53 beside its other commitments), in English and in the six
languages whose guarantees balance already reads. Minimal pairs: the same promise made
plainly keeps its responsibility."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import reply_agent
from servicemind.analyse.traits._ownership import OVER_PROMISE_CEILING


def _responsibility(customer: str, reply: str) -> dict[str, Any]:
    agent = reply_agent(customer, reply, "worried", calibrated=True)
    trait: dict[str, Any] = agent["traits"]["responsibility"]
    return trait


CASES = [
    (
        "My table is stuck in the depot and I have 12 guests on Saturday.",
        "I guarantee it will be with you by Friday, 100%. I'll call you tomorrow at 10.",
        "I've asked the depot to send it today; I'll call you tomorrow at 10 with the slot.",
    ),
    (
        "Mein Tisch steckt im Depot fest und Samstag kommen 12 Gäste.",
        "Ich garantiere Ihnen, dass er bis Freitag da ist. Ich rufe Sie morgen um 10 Uhr an.",
        "Ich habe das Depot gebeten, ihn heute zu schicken. Ich rufe Sie morgen um 10 Uhr an.",
    ),
    (
        "Ma table est bloquée au dépôt et j'ai 12 invités samedi.",
        "Je vous garantis qu'elle sera là vendredi. Je vous appelle demain à 10 h.",
        "J'ai demandé au dépôt de l'envoyer aujourd'hui. Je vous appelle demain à 10 h.",
    ),
    (
        "Mi mesa está atascada en el almacén y tengo 12 invitados el sábado.",
        "Se lo garantizo: estará allí el viernes. Le llamo mañana a las 10.",
        "He pedido al almacén que la envíe hoy. Le llamo mañana a las 10.",
    ),
]


@pytest.mark.parametrize(("customer", "over", "plain"), CASES)
def test_over_promising_is_responsibility_zero(customer: str, over: str, plain: str) -> None:
    promised = _responsibility(customer, over)
    kept = _responsibility(customer, plain)
    assert "guarantee that may not be kept" in [e["cue"] for e in promised["evidence"]]
    assert promised["score"] <= OVER_PROMISE_CEILING < kept["score"]
