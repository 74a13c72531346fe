"""A reply that carries on as if the agent's side had not missed its promise is
responsibility 0 (guideline: "contradicting or forgetting an earlier promise in the
context"; trial 22b F8): the customer reports the miss, the reply neither owns it nor
apologises. Minimal pairs in four languages."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.analyse.traits._ownership import FORGETS_CUE


def _responsibility(turns: list[tuple[str, str]]) -> dict[str, Any]:
    n_customer = sum(1 for role, _ in turns if role == "customer")
    doc = make_doc(turns, [customer_fields("angry")] * n_customer)
    TraitsAnalyser().annotate([doc])
    trait: dict[str, Any] = last_agent(doc)["traits"]["responsibility"]
    return trait


CASES = [
    (
        "My invoice INV-2291 is overdue. When will it be paid?",
        "I've released it today; the payment will reach your account by Friday.",
        "Friday came and went, nothing received.",
        "Payments are made in our weekly run. Please allow 30-45 days from approval.",
        "I'm sorry, we missed Friday. I've chased it: it leaves today and reaches you Monday.",
    ),
    (
        "Je dois renouveler ma carte d'identité, aucun créneau avant juillet.",
        "Je transmets votre demande, ils vous appelleront d'ici jeudi.",
        "Personne ne m'a appelé jeudi.",
        "Pour toute demande, merci de prendre rendez-vous en ligne sur notre site.",
        "Toutes nos excuses pour cet appel manqué. Je vous réserve un rendez-vous mercredi à 9h.",
    ),
    (
        "Mein Abschlag ist falsch, bitte korrigieren Sie ihn.",
        "Ich rufe Sie morgen um 10 Uhr zurück, sobald ich das geprüft habe.",
        "Niemand hat angerufen.",
        "Bitte nennen Sie uns Ihre Kundennummer und Ihr Geburtsdatum.",
        "Es tut mir leid, dass ich mich nicht gemeldet habe. Ich habe den Abschlag jetzt korrigiert.",
    ),
    (
        "Mi tarjeta está bloqueada, ¿pueden llamarme?",
        "Le llamaremos mañana antes de las 12 para desbloquearla.",
        "Nadie me ha llamado.",
        "Para desbloquear la tarjeta, rellene el formulario en la web.",
        "Disculpe que no le llamáramos. La he desbloqueado ahora mismo.",
    ),
]


@pytest.mark.parametrize(("ask", "promise", "miss", "forgets", "owns"), CASES)
def test_forgetting_a_missed_promise_is_responsibility_zero(
    ask: str, promise: str, miss: str, forgets: str, owns: str
) -> None:
    head = [("customer", ask), ("agent", promise), ("customer", miss)]
    forgot = _responsibility([*head, ("agent", forgets)])
    owned = _responsibility([*head, ("agent", owns)])
    assert FORGETS_CUE in [e["cue"] for e in forgot["evidence"]]
    assert FORGETS_CUE not in [e["cue"] for e in owned["evidence"]]
    assert forgot["score"] <= 0.2 < owned["score"]


def test_without_an_earlier_promise_the_reply_forgets_nothing() -> None:
    turns = [
        ("customer", "My invoice is overdue."),
        ("agent", "Could you send me the invoice number?"),
        ("customer", "Nothing received, still. INV-2291."),
        ("agent", "Payments are made in our weekly run. Please allow 30-45 days from approval."),
    ]
    assert FORGETS_CUE not in [e["cue"] for e in _responsibility(turns)["evidence"]]
