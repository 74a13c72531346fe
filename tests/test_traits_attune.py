"""How a reply is attuned to its customer (enthusiasm and adaptability features, branch
low20): offers to help, a quick yes, energy against the customer's, sales pitches, sentence
length against the customer's, the customer's own jargon, the familiar or polite "you".
Each feature has a positive case and a near miss."""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._analyser import build_reply, score_reply_traits
from servicemind.analyse.traits._attune import (
    adaptability_features,
    address_side,
    enthusiasm_features,
    sales_pitch,
)
from servicemind.analyse.traits._context import build_context
from servicemind.analyse.traits._result import Reply

CALM = "Hi, quick question about my order GT-55120, when will it ship?"
UPSET = "This is the third time I'm writing. Order GT-55120 still hasn't shipped. Useless."
DONE = "Brilliant, the exchange label came through. That's everything, thanks!"


def _reply(reply: str, customer: str = CALM, hostile: float = 0.0) -> Reply:
    ctx = build_context([(customer, {"hostile": hostile})], [], [])
    return build_reply(reply, ctx)


def _enth(reply: str, customer: str = CALM, upset: bool = False) -> dict[str, float]:
    return dict(enthusiasm_features(_reply(reply, customer), upset))


def _adapt(reply: str, customer: str = CALM) -> dict[str, float]:
    return dict(adaptability_features(_reply(reply, customer)))


@pytest.mark.parametrize(
    ("reply", "count"),
    [
        ("I can help you with that right now.", 1),
        ("Let's find the cause together. Leave it with me.", 2),
        ("Ich kümmere mich darum.", 1),
        ("Je m'en occupe tout de suite.", 1),
        ("The courier can help with that.", 0),
        ("It ships tomorrow.", 0),
    ],
)
def test_offer_help_counts_the_agent_taking_it_on(reply: str, count: int) -> None:
    assert _enth(reply)["offer_help"] == count


def test_offer_help_at_an_upset_customer_is_its_own_feature() -> None:
    assert _enth("I can help you right here.", UPSET, upset=True)["offer_help_upset"] == 1
    assert _enth("I can help you right here.", CALM, upset=False)["offer_help_upset"] == 0


@pytest.mark.parametrize(
    ("reply", "yes"),
    [
        ("Sure, I'll email them today.", 1.0),
        ("yep I'll let him in", 1.0),
        ("¡Claro! Te lo cambio ahora.", 1.0),
        ("Jasne, już sprawdzam.", 1.0),
        ("I'm sure it will arrive.", 0.0),  # "sure" not as the opening
        ("Surely you read the terms.", 0.0),
    ],
)
def test_yes_open_is_an_affirmative_opening(reply: str, yes: float) -> None:
    assert _enth(reply)["yes_open"] == yes


def test_energy_gap_follows_the_customer_energy() -> None:
    lively = "omg it works!! thank you so much 😊"
    flat = _enth("Your case has been resolved.", lively)
    matched = _enth("Yay, so glad it works! 😊", lively)
    assert flat["customer_cheer"] == matched["customer_cheer"] == 3
    assert flat["energy_gap"] > matched["energy_gap"]
    assert _enth("Your case has been resolved.", CALM)["energy_gap"] == 0


def test_cheer_at_a_negative_customer_scales_with_the_mood() -> None:
    sad = {"emotion": {"label": "disappointed", "scores": {"disappointed": 0.8}}}
    r = build_reply("Awesome, no worries!! 😊", build_context([("It never came.", sad)], [], []))
    calm = _enth("Awesome, no worries!! 😊", CALM)
    assert enthusiasm_features(r, False)["cheer_negative"] > calm["cheer_negative"]
    assert _enth("Your parcel is on its way.", CALM)["cheer_negative"] == 0


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Before you go, did you know our Premium plan is 20% off?", 3),
        ("While I've got you, would you like to hear about our new deal?", 3),
        ("¿Sabías que tenemos una oferta especial?", 2),
        ("I've refunded the 20 euros to your card.", 0),
        ("Did you know the parcel was returned to us?", 1),  # a near miss the fit weighs
    ],
)
def test_sales_pitch_counts_selling(text: str, count: int) -> None:
    assert sales_pitch(text) == count


def test_pitch_at_close_needs_a_customer_signing_off() -> None:
    pitch = "Great! Before you go, did you know you can upgrade to Pro today?"
    assert _enth(pitch, DONE)["pitch_at_close"] > 0
    assert _adapt(pitch, DONE)["pitch_at_close"] > 0
    assert _enth(pitch, CALM)["pitch_at_close"] == 0
    assert _enth("Glad it worked, have a good day.", DONE)["pitch_at_close"] == 0


def test_sentence_ratio_compares_with_the_customer_sentences() -> None:
    long = (
        "Your order was dispatched from our central warehouse this morning and the courier "
        "expects to deliver it to the address on your account between nine and five tomorrow."
    )
    assert _adapt(long)["sentence_ratio"] > 0.5
    assert _adapt("It ships today. You get a text.")["sentence_ratio"] < 0
    assert _adapt(long)["long_for_confused"] == 0  # the customer is not confused
    confused = "I don't understand what this means. Can you explain?"
    assert _adapt(long, confused)["long_for_confused"] > 0


def test_jargon_the_customer_used_is_shared_not_new() -> None:
    expert = "The DNS server on my router stopped answering, I already checked the firmware."
    got = _adapt("Set the DNS server by hand and update the firmware.", expert)
    assert got["jargon_shared"] == 2 and got["jargon_new_confused"] == 0
    confused = "I don't understand, my internet stopped. What does that mean?"
    got = _adapt("Flush the DNS server cache and update the firmware.", confused)
    # dns server, cache, firmware
    assert got["jargon_shared"] == 0 and got["jargon_new_confused"] == 3


@pytest.mark.parametrize(
    ("text", "language", "side"),
    [
        ("Kannst du mir helfen? Dein Paket ist da.", "de", -1),
        ("Können Sie mir helfen? Ihr Paket ist da.", "de", 1),
        ("Est-ce que tu peux vérifier ?", "fr", -1),
        ("Pouvez-vous vérifier votre commande ?", "fr", 1),
        ("¿Usted puede revisar?", "es", 1),
        ("Kun je dat checken?", "nl", -1),
        ("Kunt u dat checken?", "nl", 1),
        ("Can you check?", "en", 0),  # no such pair in English
        ("Die Lieferung kommt morgen.", "de", 0),
    ],
)
def test_address_side_reads_the_familiar_or_polite_you(text: str, language: str, side: int) -> None:
    assert address_side(text, language) == side


def test_address_mismatch_and_match() -> None:
    customer = "Hallo, kannst du bitte nachsehen, wo mein Paket ist? Ich warte seit einer Woche."
    mism = _adapt(
        "Sehr geehrte Kundin, wir prüfen Ihre Sendung und melden uns bei Ihnen.", customer
    )
    match = _adapt("Hallo! Ich schaue gleich nach, dein Paket ist in Leipzig.", customer)
    assert mism["address_mismatch"] == 1 and mism["address_match"] == 0
    assert match["address_match"] == 1 and match["address_mismatch"] == 0


def test_the_features_reach_the_trait_results() -> None:
    res = score_reply_traits(_reply("Sure, I can help you with that.", CALM))
    assert res["enthusiasm"].features["offer_help"] == 1
    assert res["enthusiasm"].features["yes_open"] == 1
    assert "sentence_ratio" in res["adaptability"].features
    assert "offer_help" not in res["adaptability"].features
