"""Adaptability (language, readability, formality) and patience (questions, rushing)."""

from __future__ import annotations

import pytest

from _agent_helpers import trait
from servicemind.analyse.traits import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Hola, mi pedido no ha llegado todavía y ya pasaron diez días.", "es"),
        ("Bonjour, je n'ai toujours pas reçu ma commande.", "fr"),
        ("Hallo, meine Bestellung ist noch nicht angekommen.", "de"),
        ("Olá, o meu pedido ainda não chegou.", "pt"),
        ("Ciao, il mio ordine non è ancora arrivato.", "it"),
        ("Hallo, mijn bestelling is nog niet aangekomen.", "nl"),
        ("Dzień dobry, nie dostałem jeszcze paczki, czy może Pan sprawdzić?", "pl"),
        ("Merhaba, siparişim hâlâ gelmedi, bugün kargoya verilecek mi? Teşekkür ederim.", "tr"),
        ("Hi, my order has not arrived yet, can you check it?", "en"),
        ("ok", None),
    ],
)
def test_traits_language_detector(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


SPANISH = "Hola, mi pedido no ha llegado todavía. ¿Qué puedo hacer?"


def test_traits_adaptability_reply_in_customer_language_beats_english() -> None:
    es = trait(
        SPANISH,
        "Hola, lo siento mucho. Su pedido llega mañana, ya lo he comprobado.",
        "adaptability",
    )
    en = trait(
        SPANISH, "Hello, your order will arrive tomorrow, I have checked it.", "adaptability"
    )
    assert es["score"] >= 0.8
    assert en["score"] <= 0.2
    assert any("customer writing 'es'" in e["cue"] for e in en["evidence"])


POLISH = "Dzień dobry, nie dostałem jeszcze paczki. Czy może Pan sprawdzić, gdzie jest?"


def test_traits_adaptability_polish_customer_answered_in_english_is_flagged() -> None:
    pl = trait(
        POLISH,
        "Dzień dobry, bardzo przepraszam. Paczka jest już w drodze i będzie jutro.",
        "adaptability",
    )
    en = trait(POLISH, "Hello, your parcel is on its way and will arrive tomorrow.", "adaptability")
    assert pl["score"] > en["score"]
    assert any("customer writing 'pl'" in e["cue"] for e in en["evidence"])


CONFUSED = (
    "I'm 82 and not good with computers. My grandson set up the internet. What does DNS mean?"
)


def test_traits_adaptability_jargon_to_confused_customer_scores_low() -> None:
    jargon = trait(
        CONFUSED,
        "Flush the DNS cache, renew the DHCP lease and check the SSID.",
        "adaptability",
        emotion="confused",
    )
    plain = trait(
        CONFUSED,
        "No problem. It's like a phone book for websites. You don't need to change it.",
        "adaptability",
        emotion="confused",
    )
    assert jargon["score"] < 0.4
    assert plain["score"] > jargon["score"] + 0.3


def test_traits_adaptability_formality_mismatch_is_flagged_lower() -> None:
    casual = "hey lol my app crashed again, u guys gonna fix it?"
    formal = trait(
        casual,
        "Dear Sir or Madam, I am writing to inform you that, further to your "
        "request, kind regards.",
        "adaptability",
    )
    mirror = trait(casual, "hey! yep, we're gonna push a fix tonight", "adaptability")
    assert mirror["score"] > formal["score"]


LONG = (
    "I have been trying for three weeks to get my refund. I sent the receipt twice, I called "
    "your hotline four times and every time I am told something different. My rent is due and "
    "I really need this money back. I'm honestly exhausted by all of this and I don't know what "
    "else to do. Why is it taking so long? When will I get it?"
)


@pytest.mark.parametrize(
    ("reply", "low", "high"),
    [
        ("As I already said, refunds take time.", 0.0, 0.2),
        ("I've already explained this twice: refunds take time.", 0.0, 0.2),
        ("Per my last email, refunds take ten working days from the return.", 0.0, 0.45),
        ("Please wait.", 0.0, 0.35),
        (
            "I'm sorry it has taken so long. The refund is delayed because the receipt was filed "
            "under the wrong order; I've fixed that and you will get it on Friday.",
            0.6,
            1.0,
        ),
    ],
)
def test_traits_patience_rushing_and_curtness(reply: str, low: float, high: float) -> None:
    t = trait(LONG, reply, "patience", emotion="disappointed")
    assert low <= t["score"] <= high


def test_traits_patience_unanswered_questions_lower_score() -> None:
    q = "Do you deliver to Porto? And how much is shipping to Porto?"
    both = trait(q, "Yes, we deliver to Porto, and shipping costs 4.90 euros.", "patience")
    one = trait(q, "Yes, sure.", "patience")
    assert both["score"] > one["score"]


def test_traits_patience_not_applicable_for_closing() -> None:
    t = trait("Thanks, that's all!", "You're welcome!", "patience")
    assert t["applicable"] is False


@pytest.mark.parametrize(
    "text",
    [
        "I've CHECKED your Order and it's Shipping TODAY, don't worry",
        "Wir haben Ihre Bestellung geprüft; sie wird HEUTE versandt",
        "Weâ€™ll refund the CHARGE: Dobrý den, İstanbul order ΣΟΦΙΑΣ",
        "word_with_underscores and 1234 digits4days",
    ],
)
def test_traits_fit_content_words_are_those_of_the_word_by_word_reading(text: str) -> None:
    from servicemind.analyse.traits._context import _STOP, _WORD, content_words

    content_words.cache_clear()
    words = (m.group(0).lower() for m in _WORD.finditer(text))  # the reading before the fast path
    want = frozenset(w[:5] for w in words if len(w) >= 4 and w not in _STOP)
    assert want and content_words(text) == want


def test_traits_patience_going_through_it_again_is_patient() -> None:
    q = "Sorry, I got lost after step two. Which button was it?"
    again = trait(
        q, "No worries, let's go through it one more time: it's the blue Save button.", "patience"
    )
    plain = trait(q, "It's the blue Save button.", "patience")
    assert again["score"] > plain["score"]
    assert any(e["cue"] == "goes through it again" for e in again["evidence"])
