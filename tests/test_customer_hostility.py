"""Hostility: directed insults and threats are hostile; swearing at a thing is frustration."""

from __future__ import annotations

import pytest

from _customer_helpers import doc
from servicemind.analyse.hostility import UNDIRECTED_FACTOR, hostility_cues
from servicemind.analyse.registry import get_component


def _hostile(text: str) -> tuple[float, dict[str, object]]:
    d = doc(("customer", text))
    get_component("hostility")().annotate([d])
    out = d.out["turns"][0]["customer"]
    return float(out["hostile"]), out


CASUAL = [
    "this f***ing app keeps crashing",
    "the damn parcel is late again, what the hell",
    "shit, I locked myself out of my account",
    "Can you help me? This fucking printer jammed again",
]
DIRECTED = [
    "you are a useless fucking idiot",
    "shut up and give me my money, you stupid bitch",
    "I know where you live and I will make you pay",
    "fuck you and your shitty company",
]


@pytest.mark.parametrize("text", CASUAL)
def test_hostility_casual_profanity_is_not_hostile(text: str) -> None:
    value, out = _hostile(text)
    assert value < 0.5
    assert "hostile_evidence" not in out


@pytest.mark.parametrize("text", DIRECTED)
def test_hostility_directed_insults_and_threats_are_hostile(text: str) -> None:
    value, out = _hostile(text)
    assert value >= 0.5
    evidence = out["hostile_evidence"]
    assert isinstance(evidence, list) and evidence
    for span in evidence:
        assert text[span["start"] : span["end"]] == span["text"]


def test_hostility_polite_complaint_is_low() -> None:
    assert _hostile("I'm unhappy that my refund is late, could you check please?")[0] < 0.2


def test_hostility_gate_scales_the_same_swearing_by_direction() -> None:
    aimed, _ = _hostile("you are fucking useless")
    unaimed, _ = _hostile("this is fucking useless")
    assert unaimed < aimed
    assert hostility_cues("this is fucking useless")[0] is False
    assert hostility_cues("you are fucking useless")[0] is True
    assert 0 < UNDIRECTED_FACTOR < 1


@pytest.mark.parametrize(
    ("text", "directed"),
    [
        ("what a bunch of clowns", True),
        ("your staff are fucking clueless", True),
        ("the fucking app is clueless", False),
        ("damn, it worked, thanks", False),
    ],
)
def test_hostility_cues_directedness(text: str, directed: bool) -> None:
    assert hostility_cues(text)[0] is directed
