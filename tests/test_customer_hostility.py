"""Hostility: directed insults and threats are hostile; swearing at a thing is frustration."""

from __future__ import annotations

import numpy as np
import pytest

from _customer_helpers import demo_turn_texts, doc
from servicemind.analyse import hostility
from servicemind.analyse.hostility import (
    UNDIRECTED_FACTOR,
    combine,
    hostility_cues,
    retracted,
    retracted_spans,
    turn_signals,
)
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


SUPPORT_INSULTS = [
    "You people are complete clowns. Three weeks and still no refund.",
    "your useless idiots lost my parcel AGAIN",
    "Sois unos ladrones, me habéis cobrado dos veces",
]


@pytest.mark.parametrize("text", SUPPORT_INSULTS)
def test_hostility_support_insults_without_swearing_are_hostile(text: str) -> None:
    assert _hostile(text)[0] >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "This is the third time I'm asking, are you kidding me?",
        "I am furious. Your courier left my parcel in the rain and it is ruined.",
    ],
)
def test_hostility_angry_but_civil_complaints_stay_below_half(text: str) -> None:
    assert _hostile(text)[0] < 0.5


def test_hostility_combine_stack_then_gate() -> None:
    p = np.array([0.5, 0.5, 0.5, 0.5])
    signals = [
        (False, False, False),  # civil
        (True, True, False),  # insult
        (False, False, True),  # swears at nothing
        (False, True, True),  # swears at someone
    ]
    identity = np.array([1.0, 0.0, 0.0])
    assert combine(p, signals, identity) == pytest.approx([0.5, 0.5, 0.5 * UNDIRECTED_FACTOR, 0.5])
    with_cue = combine(p, signals, np.array([1.0, 2.0, 0.0]))
    assert with_cue[1] > with_cue[0] == pytest.approx(0.5)
    # an artefact without a stack keeps the old gate: every undirected turn is scaled
    legacy = combine(p, signals, None)
    assert legacy == pytest.approx([0.15, 0.5, 0.15, 0.5])


def test_hostility_turn_signals() -> None:
    assert turn_signals("you absolute clowns") == (True, True, False)
    assert turn_signals("this damn app") == (False, False, True)
    assert turn_signals("damn you and your company") == (False, True, True)
    assert turn_signals("where is my parcel?") == (False, False, False)


def _unscreened_signals(text: str) -> tuple[bool, bool, bool]:
    """:func:`turn_signals` as written before its literal screen: both searches always."""
    pats = hostility._patterns()
    text = retracted(text)
    if pats["attack"].search(text):
        return True, True, bool(pats["profanity"].search(text))
    if not pats["profanity"].search(text):
        return False, False, False
    return False, hostility._swears_at_someone(text, pats), True


def test_hostility_literal_screen_changes_no_signal() -> None:
    """The screen only skips searches that cannot match: on every demo turn, the cases
    above, other languages' insults (not lower-casable text, never screened) and shouted
    ones (screened through the lower-cased text), the signals equal the plain searches."""
    texts = [
        *demo_turn_texts(),
        *CASUAL,
        *DIRECTED,
        "BANDE D'INCOMPÉTENTS",
        "Ihr Haufen Stümper!",
        "YOU ABSOLUTE CLOWNS",
        "stelletje prutsers",
        "SHIT, the app crashed",
        "DAMN YOU",
        "where is my parcel?",
    ]
    screened = [(t, turn_signals(t)) for t in texts]
    assert any(sig[0] for _, sig in screened) and any(sig[2] for _, sig in screened)
    assert any(not any(sig) for _, sig in screened)
    for text, sig in screened:
        assert sig == _unscreened_signals(text), text


# An apology for the customer's own earlier words quotes the insult; it does not make one
# (trial 20, F4). The look-alikes keep an insult outside the apology, or deny being sorry.
RETRACTIONS = [
    "ok. thanks. sorry for the idiots thing, I was hungry and angry",
    "Parcel arrived. Sorry for calling you clowns yesterday. Thanks.",
    "I shouldn't have called you morons, that was out of line.",
    "Perdón por llamarles ladrones, estaba muy enfadado.",
]
NOT_RETRACTIONS = [
    "I'm not sorry for calling you idiots.",
    "Sorry, but you are idiots.",
    "sorry for calling you clowns, but you really are useless clowns",
    "Sorry for the delay in replying, you idiots still haven't fixed it",
]


@pytest.mark.parametrize("text", RETRACTIONS)
def test_hostility_an_apology_for_an_insult_is_not_hostile(text: str) -> None:
    value, out = _hostile(text)
    assert value < 0.5
    assert "hostile_evidence" not in out
    assert turn_signals(text) == (False, False, False)
    assert retracted_spans(text)


@pytest.mark.parametrize("text", NOT_RETRACTIONS)
def test_hostility_an_insult_outside_an_apology_stays_hostile(text: str) -> None:
    value, out = _hostile(text)
    assert value >= 0.5
    assert out["hostile_evidence"]
    assert turn_signals(text)[0]


def test_hostility_retracted_blanks_the_clause_and_keeps_offsets() -> None:
    text = "Sorry for calling you idiots earlier. Where is my parcel?"
    blank = retracted(text)
    assert len(blank) == len(text)
    assert "idiots" not in blank and blank.endswith(". Where is my parcel?")
    assert retracted("Where is my parcel, you idiots?") == "Where is my parcel, you idiots?"


# "you are a joke / a disgrace" aimed at the agent or the company, in five languages; the same
# noun said of a thing ("c'est une blague", "este precio es un chiste") is no insult
JOKE_FRAMES = [
    "Vous êtes une honte, trois semaines sans réponse.",
    "Sois un chiste, llevo un mes esperando.",
    "Ihr seid echt ein Witz, seit Wochen nichts.",
    "Siete una barzelletta, aspetto da un mese.",
    "Jullie zijn een lachertje, al weken niets.",
]


@pytest.mark.parametrize("text", JOKE_FRAMES)
def test_hostility_you_are_a_joke_frames_are_hostile_with_an_insult_cue(text: str) -> None:
    score, out = _hostile(text)
    assert score >= 0.5
    assert turn_signals(text)[0]
    assert [e["cue"] for e in out["hostile_evidence"]] == ["insult"]


@pytest.mark.parametrize(
    "text",
    [
        "C'est une blague, trois semaines sans réponse ?",
        "Das ist doch ein Witz, seit Wochen nichts.",
        "Este precio es un chiste.",
        "Vocês acham que isto é uma piada?",
    ],
)
def test_hostility_a_thing_called_a_joke_is_no_insult(text: str) -> None:
    assert not turn_signals(text)[0]
    assert _hostile(text)[0] < 0.5


PRAISE = [
    "you're a star",
    "You are a star!",
    "you guys are heroes",
    "you are an absolute legend",
    "you rock",
    "I'm in, you're a star!",
    "you saved my day!",
]


@pytest.mark.parametrize("text", PRAISE)
def test_hostility_praise_of_the_reader_is_no_insult(text: str) -> None:
    # the offensive-tweets model reads a bare "you are a ..." as an insult whatever follows
    value, out = _hostile(text)
    assert hostility.praises(text)
    assert value < 0.5, (text, value)
    assert "hostile_evidence" not in out


@pytest.mark.parametrize(
    "text",
    [
        "you are a joke",
        "you're an idiot",
        "you're a star, unlike your idiot colleague",
        "you're the best at losing parcels, muppets",
    ],
)
def test_hostility_praise_frame_does_not_excuse_an_insult(text: str) -> None:
    assert _hostile(text)[0] >= 0.5, text


@pytest.mark.parametrize("text", ["You are not a genius", "you are a disgrace", "ur a clown"])
def test_hostility_praise_frame_needs_a_praise_word_without_negation(text: str) -> None:
    assert not hostility.praises(text)
