"""Putting a fault down to the customer's misuse, unexamined, is blame (guideline: ownership
0; trial 22b F11: "Damage from misuse isn't covered" and its Dutch original kept ownership
near 0.5). Minimal pairs in five languages; misuse by someone else, or denied, is not."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import reply_agent

BLAME = "blames the customer"


def _ownership(customer: str, reply: str) -> dict[str, Any]:
    trait: dict[str, Any] = reply_agent(customer, reply, "angry", calibrated=True)["traits"][
        "ownership"
    ]
    return trait


CASES = [
    (
        "My blender broke after two weeks, the motor smells burnt.",
        "This usually happens when the jug is overfilled. Damage from misuse isn't covered.",
        "A burnt smell after two weeks is a motor fault. I'm sending you a new blender today.",
    ),
    (
        "Mijn blender is na twee weken kapot, de motor ruikt verbrand.",
        "Schade door verkeerd gebruik valt niet onder de garantie.",
        "Een verbrande geur wijst op een motordefect. Ik stuur u vandaag een nieuwe blender.",
    ),
    (
        "Mein Mixer ist nach zwei Wochen kaputt, der Motor riecht verbrannt.",
        "Schäden durch unsachgemäße Bedienung sind von der Garantie ausgeschlossen.",
        "Ein verbrannter Geruch deutet auf einen Motordefekt. Ich schicke Ihnen heute einen "
        "neuen Mixer.",
    ),
    (
        "Mon blender est en panne après deux semaines, le moteur sent le brûlé.",
        "Ce type de panne est dû à une mauvaise utilisation et n'est pas couvert.",
        "Une odeur de brûlé indique un défaut du moteur. Je vous envoie un nouveau blender "
        "aujourd'hui.",
    ),
    (
        "Mi batidora se rompió a las dos semanas, el motor huele a quemado.",
        "Los daños por mal uso no están cubiertos por la garantía.",
        "Un olor a quemado indica un fallo del motor. Le envío hoy una batidora nueva.",
    ),
]


@pytest.mark.parametrize(("customer", "blame", "fair"), CASES)
def test_misuse_blame_caps_ownership(customer: str, blame: str, fair: str) -> None:
    blamed = _ownership(customer, blame)
    owned = _ownership(customer, fair)
    assert BLAME in [e["cue"] for e in blamed["evidence"]]
    assert blamed["score"] <= 0.2 < owned["score"]


@pytest.mark.parametrize(
    "reply",
    [
        "To protect you from misuse of your card by others, I've blocked it and ordered a new one.",
        "This was not caused by misuse: it's a motor fault, so I'm sending a new blender today.",
    ],
)
def test_misuse_by_others_or_denied_is_no_blame(reply: str) -> None:
    t = _ownership("My card was used in a shop I've never been to. / My blender broke.", reply)
    assert t["score"] > 0.4
