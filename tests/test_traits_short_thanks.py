"""A short thanks after an answer closes the conversation (trial 22a F2): a customer turn made
only of thanks, acknowledgement and approval words ("ok thank you", "Vale, muchas gracias",
"Prima, dank je wel") closes even after an earlier problem, in the seven languages; one that
asks or reports something ("thanks, but it still doesn't work", "ok thanks, and the
refund?") does not, nor does a thanks that lets the agent go and look ("Let me check, one
sec." → "ok thanks")."""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._analyser import build_reply, score_reply, score_reply_traits
from servicemind.analyse.traits._context import Context, acknowledges_only, build_context

EARLIER_PROBLEM = [("My parcel 4471902 never arrived, it was due on Monday.", {})]
ANSWERED = ["I've sent a replacement; it arrives tomorrow before noon."]
HOLD = ["Let me check that for you, one sec."]

SHORT_THANKS = [
    "ok thank you",
    "Thanks so much!",
    "cheers mate",
    "Thanks Priya 🙂",
    "Merci bien !",
    "Danke schön!",
    "Vale, muchas gracias.",
    "Ok, grazie mille!",
    "Prima, dank je wel!",
    "Certo, obrigada!",
]


@pytest.mark.parametrize("thanks", SHORT_THANKS)
def test_a_short_thanks_after_an_answer_closes(thanks: str) -> None:
    assert acknowledges_only(thanks)
    ctx = build_context([(thanks, {})], EARLIER_PROBLEM, ANSWERED)
    assert ctx.closing is True
    assert ctx.problem is False


@pytest.mark.parametrize(
    "text",
    [
        "thanks, but it still doesn't work",
        "ok thanks, and what about the refund?",
        "Danke, aber die Rechnung ist immer noch falsch.",
        "merci, mais je n'ai toujours rien reçu",
        "gracias, pero sigue sin llegar",
        "ok grazie, ma il rimborso?",
    ],
)
def test_a_thanks_that_asks_or_reports_does_not_close(text: str) -> None:
    assert not acknowledges_only(text)
    ctx = build_context([(text, {})], EARLIER_PROBLEM, ANSWERED)
    assert ctx.closing is False


def test_a_name_stands_after_the_thanks_alone() -> None:
    # a name alone is allowed after the thanks, not before it, and not two other words
    assert not acknowledges_only("Priya thanks")
    assert not acknowledges_only("thanks Priya Shah")


@pytest.mark.parametrize(
    ("thanks", "signoff"),
    [("ok thank you", "Enjoy your evening!"), ("Vale, muchas gracias.", "¡Que vaya bien!")],
)
def test_a_sign_off_after_a_short_thanks_is_judged_as_a_closing(thanks: str, signoff: str) -> None:
    turns = [("customer", EARLIER_PROBLEM[0][0]), ("agent", ANSWERED[0]), ("customer", thanks)]
    closing = score_reply(signoff, turns)
    after_a_report = score_reply(signoff, [*turns[:2], ("customer", "it still hasn't come")])
    for trait in ("ownership", "patience", "solution"):
        assert closing["traits"][trait]["applicable"] is False
        assert after_a_report["traits"][trait]["applicable"] is True


def test_cheer_after_hostility_has_passed_is_not_gushing_at_an_upset_customer() -> None:
    # trial 22a F6: the customer snapped earlier, then thanked the agent; a warm sign-off
    # is no longer "gushing at an upset customer"
    earlier = [
        ("This is the most useless company I have ever dealt with, you idiots.", {"hostile": 0.9})
    ]
    agent = ["I've rebooked you on the 14:05, seat 12A."]
    reply = "Have a wonderful time at the wedding!"
    calmed = build_context([("Thanks so much!", {})], earlier, agent)
    still = build_context(
        [("Still the most useless company ever.", {"hostile": 0.9})], earlier, agent
    )
    assert calmed.closing and not still.closing

    def gushing(ctx: Context) -> bool:
        hits = score_reply_traits(build_reply(reply, ctx))["enthusiasm"].evidence
        return any(h.label == "gushing at an upset customer" for h in hits)

    assert not gushing(calmed)
    assert gushing(still)


PENDING = [
    *HOLD,
    "I've raised it with the team.",
    "I'll get back to you tomorrow morning.",
    "Ich habe es an die Fachabteilung weitergeleitet.",
    "Je reviens vers vous demain.",
    "Le contactaremos mañana.",
]


@pytest.mark.parametrize("pending", PENDING)
@pytest.mark.parametrize(
    "thanks",
    # a short thanks, praise and a farewell: none closes while the agent has work in hand
    ["ok thanks", "Danke!", "ok grazie", "Perfect, thank you!", "Parfait, bonne journée !"],
)
def test_a_thanks_to_a_hold_or_work_still_to_come_does_not_close(thanks: str, pending: str) -> None:
    ctx = build_context([(thanks, {})], EARLIER_PROBLEM, [pending])
    assert ctx.closing is False
    assert ctx.problem is True


@pytest.mark.parametrize("thanks", ["Perfect, thank you!", "Parfait, bonne journée !"])
def test_praise_or_a_farewell_after_an_answer_closes(thanks: str) -> None:
    assert build_context([(thanks, {})], EARLIER_PROBLEM, ANSWERED).closing is True
