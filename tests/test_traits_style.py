"""Tone features of politeness and enthusiasm (issue 5, fifth round): warmth, friendly
closes, blame, confrontational openers, bare imperatives, emoji and shouting by the
customer's mood. Each cue has a positive case and a near miss."""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._analyser import build_reply, score_reply_traits
from servicemind.analyse.traits._context import build_context
from servicemind.analyse.traits._style import style_features

CALM = "Hi, quick question about my order GT-55120, when will it ship?"
UPSET = "This is the third time I'm writing. Order GT-55120 still hasn't shipped."


def _style(reply: str, customer: str = CALM, hostile: float = 0.0) -> dict[str, float]:
    ctx = build_context([(customer, {"hostile": hostile})], [], [])
    return dict(style_features(build_reply(reply, ctx)))


@pytest.mark.parametrize(
    ("reply", "count"),
    [
        ("Brilliant. That's all sorted.", 1),
        ("haha happens to the best of us", 2),
        ("No worries at all, you're nearly there.", 2),
        ("Please don't worry, I'll stay right here with you.", 2),
        ("Good catch! You're doing just fine.", 2),
        ("Great news: it shipped today.", 0),  # "great" not closed by punctuation
        ("The worry is understandable; the problem is on our side.", 0),
        ("Perfectly normal, it ships tomorrow.", 0),
    ],
)
def test_style_warmth_counts_energy_carried_by_words(reply: str, count: int) -> None:
    assert _style(reply)["warmth"] == count


@pytest.mark.parametrize(
    ("reply", "count"),
    [
        ("Nae bother. Enjoy the rest of your tea, Stuart.", 1),
        ("Have a lovely weekend and take care.", 2),
        ("Kind regards,\nPriya", 1),
        ("Thanks again for your patience.", 1),
        ("Enjoy.", 0),
        ("You have a day to return it.", 0),  # "have a day" is not a wish
        ("Thanks.", 0),
        ("Met vriendelijke groet,\nFenna Bakker", 1),
        ("Bonne journée et à bientôt !", 1),
        ("Ha en trevlig dag!", 1),
        ("Mit freundlichen Grüßen\nIhr Kundenservice", 1),
        ("Boa viagem!", 1),
        ("Der Tag der Lieferung ist Montag.", 0),  # "Tag" alone is no wish
        ("La journée de livraison est lundi.", 0),
    ],
)
def test_style_courteous_close_counts_friendly_sign_offs(reply: str, count: int) -> None:
    assert _style(reply)["courteous_close"] == count


@pytest.mark.parametrize(
    ("reply", "count"),
    [
        ("If you had read the letter, you'd know.", 1),
        ("Maybe apply earlier next time.", 1),
        ("That's not really on us.", 1),
        ("I'll need you to speak English.", 1),
        ("If you have the receipt, send it over.", 0),
        ("I'll apply it earlier for you next time.", 0),
        ("That's on us, sorry.", 0),
    ],
)
def test_style_blame_counts_lectures_and_disowning(reply: str, count: int) -> None:
    assert _style(reply)["blame"] == count


@pytest.mark.parametrize(
    ("reply", "confront", "imperative"),
    [
        ("Well, the delay is due to the weather.", 1, 0),
        ("Look, I just answer the phone. Hold on.", 1, 1),
        ("Listen, call a plumber.", 1, 0),
        ("Call a plumber. Send the form.", 0, 2),
        ("Please call a plumber.", 0, 0),  # please softens the command
        ("Send the form please.", 0, 0),
        ("Well done on finding it.", 0, 0),  # no comma: not a discourse marker
        ("Looking at it now.", 0, 0),
        ("The plumber will call you.", 0, 0),
    ],
)
def test_style_sentence_openers(reply: str, confront: int, imperative: int) -> None:
    feats = _style(reply)
    assert (feats["confront_open"], feats["bare_imperative"]) == (confront, imperative)


def test_style_emoji_and_capitals_split_by_the_customers_mood() -> None:
    reply = "We LOVE this one and are SO excited 🎉 Order GT-55120 ships Monday."
    calm = _style(reply)
    upset = _style(reply, UPSET, hostile=0.9)
    assert (calm["emoji_calm"], calm["emoji_upset"]) == (1, 0)
    assert (upset["emoji_calm"], upset["emoji_upset"]) == (0, 1)
    # "GT" is the customer's own order code, not shouting
    assert (calm["caps_calm"], calm["caps_upset"]) == (2, 0)
    assert (upset["caps_calm"], upset["caps_upset"]) == (0, 2)


def test_style_counts_are_capped() -> None:
    assert _style("Call us. Send it. Go there. Check it. Read it.")["bare_imperative"] == 3


def test_style_features_reach_both_traits_and_no_courtesy_marks_a_bare_reply() -> None:
    ctx = build_context([(CALM, {})], [], [])
    bare = score_reply_traits(build_reply("Call a plumber.", ctx))
    kind = score_reply_traits(build_reply("Thanks for asking! Have a lovely day.", ctx))
    assert bare["enthusiasm"].features["bare_imperative"] == 1
    assert bare["politeness"].features["no_courtesy"] == 1.0
    assert kind["politeness"].features["no_courtesy"] == 0.0
    assert kind["enthusiasm"].features["courteous_close"] == 1


@pytest.mark.parametrize(
    ("reply", "confront", "imperative"),
    [
        # a Turkish dotted capital makes the reply not lowerable: the openers are then read
        # on the text as written, with the same counts
        ("Well, İstanbul is out of range. Call a plumber.", 1, 1),
        ("LOOK, İzmir is closed. SEND the form. Please call İzmir.", 1, 1),
        ("Well, Istanbul is out of range. Call a plumber.", 1, 1),
        ("LOOK, Izmir is closed. SEND the form. Please call Izmir.", 1, 1),
    ],
)
def test_style_sentence_openers_in_any_case(reply: str, confront: int, imperative: int) -> None:
    feats = _style(reply)
    assert (feats["confront_open"], feats["bare_imperative"]) == (confront, imperative)


@pytest.mark.parametrize(
    ("reply", "caps"),
    [
        ("NO, we CANNOT do that.", 2),
        ("I am sure. OK?", 1),  # "I" alone is no shouting
        ("NOWay, ABC1 and x_YZ are codes.", 0),  # capitals glued to other word characters
        ("ÉCOLE and ÀB are not counted; ZZ-TOP is two.", 2),  # É, À: word characters
        ("A B C", 0),
    ],
)
def test_style_capitals_are_whole_words_of_two_or_more(reply: str, caps: int) -> None:
    assert _style(reply)["caps_calm"] == caps


@pytest.mark.parametrize(
    ("reply", "positive", "negated"),
    [
        ("No worries at all, you're nearly there.", 2, 0),
        ("I never said no worries, and it's not great!", 0, 2),  # both negated
        ("Brilliant! Don't worry. Lovely.", 3, 0),
        ("Nothing here.", 0, 0),
    ],
)
def test_style_positive_count_is_finds_count_with_negation(
    reply: str, positive: int, negated: int
) -> None:
    from servicemind.analyse._cues import cueset

    warmth = cueset("agent_cues.json", "warmth")
    hits = warmth.find(reply, reply.lower())
    assert sum(1 for h in hits if h.negated) == negated
    assert warmth.count_positive(reply, reply.lower()) == positive
    assert warmth.count_positive(reply) == sum(1 for h in hits if h.weight > 0)


@pytest.mark.parametrize(
    ("reply", "bright"),
    [
        ("Hi! Let me take a look.", 1.0),
        ("¡Hola! Claro que sí, le ayudo.", 1.0),
        ("Cheers Ian! Hope the floor's dry now.", 1.0),
        ("Great news! It shipped today.", 1.0),
        ("Hello. Yes, it shipped!", 0.0),  # the "!" is not on the opener
        ("We have refunded the whole order today!", 0.0),  # too long for an opener
        ("Hi, it ships today.", 0.0),
    ],
)
def test_style_bright_open_marks_a_short_exclaimed_opener(reply: str, bright: float) -> None:
    assert _style(reply)["bright_open"] == bright


@pytest.mark.parametrize(
    ("reply", "customer", "hostile", "bang_upset", "bright_upset"),
    [
        # exclamations and a bright opener at an upset customer: energy that reads as over
        # the top, counted apart from the same energy at a calm one
        ("Hi there!!! So sorry to hear that! Credit added!", UPSET, 0.9, 5.0, 1.0),
        ("Oh no! We've refunded it.", UPSET, 0.9, 1.0, 1.0),
        # near misses: the same reply to a calm customer, or a calm reply to an upset one
        ("Hi there!!! So sorry to hear that! Credit added!", CALM, 0.0, 0.0, 0.0),
        ("I'm sorry, I've refunded the order today.", UPSET, 0.9, 0.0, 0.0),
        # an exclamation late in a long first sentence is no bright opener
        ("We have refunded your order in full today, sorry!", UPSET, 0.9, 1.0, 0.0),
    ],
)
def test_enthusiasm_energy_at_an_upset_customer(
    reply: str, customer: str, hostile: float, bang_upset: float, bright_upset: float
) -> None:
    ctx = build_context([(customer, {"hostile": hostile})], [], [])
    f = score_reply_traits(build_reply(reply, ctx))["enthusiasm"].features
    assert (f["bang_upset"], f["bright_upset"]) == (bang_upset, bright_upset)
    assert f["bang_upset"] == (f["n_bang"] if f["upset"] else 0.0)
