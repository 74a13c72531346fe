"""Empathy and enthusiasm: needed/given, needed/missing, not needed; negation; sarcasm."""

from __future__ import annotations

import pytest

from _agent_helpers import trait

UPSET = "My flight got cancelled and now I'll miss my sister's wedding. I'm devastated."


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        (
            "Oh no, I'm so sorry. That must be incredibly stressful with the wedding so close.",
            0.75,
            1.0,
        ),
        ("Sorry for any inconvenience.", 0.15, 0.6),
        ("Flight AB12 was cancelled due to weather. Rebooking is on the website.", 0.0, 0.2),
        ("Calm down, it's not a big deal, there are other flights.", 0.0, 0.05),
    ],
)
def test_traits_empathy_scores_needed_replies_by_strength(
    reply: str, low: float, high: float
) -> None:
    t = trait(UPSET, reply, "empathy", emotion="disappointed")
    assert t["applicable"] is True
    assert low <= t["score"] <= high


def test_traits_empathy_not_applicable_for_neutral_question() -> None:
    t = trait("What time do you open on Sunday?", "We open at 10am on Sundays.", "empathy")
    assert t["applicable"] is False
    assert t["score"] is None


def test_traits_empathy_not_applicable_for_thank_you_closing() -> None:
    t = trait("Thanks, all sorted now!", "Glad to hear it, enjoy your day.", "empathy")
    assert t["applicable"] is False


def test_traits_empathy_negated_apology_lowers_score() -> None:
    sorry = trait(UPSET, "I'm so sorry to hear that.", "empathy", emotion="disappointed")
    not_sorry = trait(UPSET, "I'm not sorry, rules are rules.", "empathy", emotion="disappointed")
    assert not_sorry["score"] < sorry["score"]
    assert not_sorry["score"] <= 0.1


def test_traits_empathy_apology_that_blames_scores_zero() -> None:
    t = trait(UPSET, "Sorry, but you should have checked the app.", "empathy", emotion="angry")
    assert t["score"] <= 0.05


def test_traits_empathy_facets_separate_reaction_interpretation_exploration() -> None:
    t = trait(
        UPSET,
        "I'm so sorry. How is this affecting your plans for the weekend?",
        "empathy",
        emotion="disappointed",
    )
    assert t["facets"]["reaction"] > 0.5
    assert t["facets"]["exploration"] > 0.5
    assert t["facets"]["interpretation"] == 0.0


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        ("I'd be happy to help with that! Let's get your order sorted.", 0.75, 1.0),
        ("Your order ships Monday.", 0.3, 0.55),
        ("Fine. I guess I can check.", 0.0, 0.3),
    ],
)
def test_traits_enthusiasm_levels(reply: str, low: float, high: float) -> None:
    t = trait("Can you check my order 5512?", reply, "enthusiasm")
    assert low <= t["score"] <= high


def test_traits_enthusiasm_over_the_top_at_angry_customer_is_penalised() -> None:
    calm = trait(UPSET, "I'd be happy to help you rebook.", "enthusiasm", emotion="angry")
    gush = trait(
        UPSET, "Awesome!!!! I'd be happy to help you rebook!!!", "enthusiasm", emotion="angry"
    )
    assert gush["score"] < calm["score"]


def test_traits_enthusiasm_not_applicable_after_bereavement() -> None:
    t = trait(
        "My father passed away and I need to close his account.",
        "I'm very sorry for your loss. I can close it today.",
        "enthusiasm",
    )
    assert t["applicable"] is False


def test_traits_sarcasm_lowers_enthusiasm_and_empathy() -> None:
    plain = trait(UPSET, "I can rebook you on the next flight.", "enthusiasm", emotion="angry")
    sarcastic = trait(
        UPSET,
        "Oh great, another wedding emergency. Good luck with that.",
        "enthusiasm",
        emotion="angry",
    )
    assert sarcastic["score"] < plain["score"]
    assert any(e["polarity"] == "negative" for e in sarcastic["evidence"])


@pytest.mark.parametrize(
    ("reply", "facet"),
    [
        ("I can hear how let down you both are.", "interpretation"),
        ("You have every right to be upset about this.", "interpretation"),
        ("I'd feel exactly the same in your shoes.", "interpretation"),
        ("What a horrible start to the trip.", "reaction"),
        ("It sounds like this has been a real headache.", "interpretation"),
        ("I completely get why you're annoyed.", "interpretation"),
        ("That's a lot to deal with on top of the wedding.", "interpretation"),
        ("I know how much this day means to you.", "interpretation"),
        ("I know it's been a long wait.", "interpretation"),
        ("I understand this isn't what you wanted to hear.", "interpretation"),
        ("Oh, that's awful.", "interpretation"),
        ("How frustrating, especially after all that planning.", "interpretation"),
        ("I'm gutted for you.", "reaction"),
        ("That's really not the experience we want for you.", "interpretation"),
        ("Four days without internet when you work from home is awful.", "interpretation"),
        ("That sounds frightening, and I'm glad you're safe.", "interpretation"),
    ],
)
def test_traits_empathy_everyday_ways_of_naming_the_feeling(reply: str, facet: str) -> None:
    t = trait(UPSET, reply, "empathy", emotion="disappointed")
    assert t["evidence"], reply
    assert t["facets"][facet] > 0
    assert t["score"] > trait(UPSET, "Your flight was cancelled.", "empathy")["score"]


@pytest.mark.parametrize(
    "reply",
    [
        "It sounds like it is working again.",
        "I know that's the policy, but I can check.",
        "That's hard to say without the booking code.",
        "I can hear you fine now, the line is clear.",
        "The weather was terrible yesterday, so the van is late.",
    ],
)
def test_traits_empathy_look_alikes_that_name_no_feeling(reply: str) -> None:
    t = trait(UPSET, reply, "empathy", emotion="disappointed")
    assert not [e for e in t["evidence"] if e.get("polarity") != "negative"], t["evidence"]
