"""A customer who reports the problem solved closes the conversation, in several languages.

After an earlier turn with a problem, a thank-you closes only when it also says the problem
is gone ("It works!", "het werkt weer."); a thank-you that reports the problem still there
does not.
"""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._context import build_context

EARLIER = [("My new router shows orange lights and the internet is not working.", {})]


@pytest.mark.parametrize(
    "last",
    [
        "Ah. It was a zero. It works! Thank you for being so patient with me.",
        "thanks, it's working now.",
        "That did it, cheers",
        "Great, I'm back in! thanks",
        "I managed to log in, thanks a lot",
        "Gracias, ahora sí funciona",
        "Obrigado, já está a funcionar",
        "Merci, ça fonctionne maintenant !",
        "Danke, klappt wieder!",
        "Grazie mille, ora funziona",
        "Bedankt, het werkt weer.",
        "Dzięki, już działa",
        "Teşekkürler, artık çalışıyor",
    ],
)
def test_context_problem_reported_solved_is_a_closing(last: str) -> None:
    ctx = build_context([(last, {})], EARLIER, ["Let's try the grey DSL socket."])
    assert ctx.closing is True
    assert ctx.problem is False


@pytest.mark.parametrize(
    "last",
    [
        "Thanks, it works on wifi but not on 4G",
        "thanks, it's working intermittently",
        "Bedankt, maar het werkt nu niet",
        "Gracias pero no funciona.",
        "Merci mais ça ne fonctionne pas.",
        "Thanks, I'm back in the queue again",
        "Danke, klappt jetzt nicht.",
    ],
)
def test_context_thanks_with_the_problem_still_there_is_not_a_closing(last: str) -> None:
    ctx = build_context([(last, {})], EARLIER, ["Let's try the grey DSL socket."])
    assert ctx.closing is False
    assert ctx.problem is True


@pytest.mark.parametrize(
    ("last", "closing"),
    [
        ("Brilliant, thanks so much!", True),
        ("Perfect, thank you.", True),
        ("Thank you so much, you've been really helpful.", True),
        ("Thanks so much, but it still drops every evening.", False),
        ("Brilliant, thanks. The internet is still not working though.", False),
    ],
)
def test_context_praise_after_a_problem_closes_unless_the_problem_is_still_there(
    last: str, closing: bool
) -> None:
    ctx = build_context([(last, {})], EARLIER, ["I've reset the line; it should be stable now."])
    assert ctx.closing is closing


@pytest.mark.parametrize(
    ("first", "closing"),
    [
        # a request that signs off with thanks opens the conversation: the reply owes help
        (
            "Hi, my order #55123 arrived broken. I need a replacement before Friday, it's a gift."
            "\n\nThanks,\nMaria",
            False,
        ),
        (
            "Hello, I'd like a copy of my last three bills for my accountant please.\n\n"
            "Many thanks,\nOmar Haddad",
            False,
        ),
        ("Bitte stornieren Sie meine Bestellung 4471 vom Montag.\n\nDanke\nLena Hofer", False),
        ("Please move my delivery slot to Saturday morning if you can. Cheers, Dev", False),
        # a thank-you note or a report that something arrived closes it
        ("Just wanted to say thank you, the parcel came today!", True),
        ("Perfect, thanks!", True),
        ("The refund came through this morning, all sorted. Thanks a lot!", True),
        ("It arrived today, thanks!", True),
    ],
)
def test_context_a_first_message_that_signs_off_with_thanks_is_a_request(
    first: str, closing: bool
) -> None:
    ctx = build_context([(first, {"emotion": {"label": "neutral", "scores": {}}})], [], [])
    assert ctx.closing is closing


@pytest.mark.parametrize(
    ("last", "closing"),
    [
        ("Can you change the billing address to my office? Thanks in advance", False),
        ("Thanks in advance for sorting the invoice out.", False),
        ("Thanks for sorting the invoice out.", True),
    ],
)
def test_context_thanks_in_advance_is_never_a_closing(last: str, closing: bool) -> None:
    ctx = build_context([(last, {})], [], ["I've had a look at your account."])
    assert ctx.closing is closing


@pytest.mark.parametrize(
    ("last", "closing"),
    [
        ("My parcel arrived broken. Thanks", False),
        ("The blender came without a lid, thanks", False),
        ("The order arrived but the box was empty. Thanks", False),
        ("It arrived this morning, thanks!", True),
        ("The refund came through, thanks", True),
    ],
)
def test_context_an_arrival_that_reports_a_defect_settles_nothing(last: str, closing: bool) -> None:
    ctx = build_context([(last, {})], EARLIER, ["It's on its way."])
    assert ctx.closing is closing


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Quiero cambiarlas, pero no encuentro cómo hacerlo en la web. Gracias.", True),
        ("Je ne trouve pas le bouton pour annuler.", True),
        ("Ich finde es nicht in meinem Konto.", True),
        ("Não encontro a fatura de março.", True),
        ("Encontré el botón, gracias.", False),
    ],
)
def test_context_cannot_find_is_a_problem_in_other_languages(text: str, problem: bool) -> None:
    assert build_context([(text, {})], [], []).problem is problem
