"""Coaching a team lead can trust (trial 18): rewrites never worse than the reply, no added
promise the agent cannot keep, no guessed topic, no praise for what harms, advice that fits.

Each case is one the reviewer reported, run through the full pipeline (``score_reply``) where
the traits' evidence matters, or through the rewriter with a hand-built context."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _contract_builders import evidence, trait, traits
from _rewrite_helpers import rewrite_context
from servicemind.api import score_reply
from servicemind.coach.feedback import improve, skipped_advice, strengths
from servicemind.coach.rewrite import rewrite_reply, situation

#: Follow-up promises the rewriter's templates can add.
_PROMISE = re.compile(
    r"get back to you|leave this with me|i'm looking into this|i'll look into|keep you posted|"
    r"update you here|let you know here|i'll check it personally|i'll take it from there|"
    r"i'll pick it up|i'll take care of it",
    re.I,
)
#: A sentence a removal cut short.
_FRAGMENT = re.compile(
    r"\b(?:there (?:is|are)|the|a|an|to|of|for|with|and|or|but|your|our|is|are|can|will)\W*$",
    re.I,
)


#: The phone call of the trial (call.txt), up to the customer's question.
_CALL = [
    (
        "customer",
        "Hi, yeah, I'm calling because my boiler's stopped working again. Engineer "
        "came Monday, said it was fixed, and now there's no hot water. I've got a newborn at home.",
    ),
    (
        "agent",
        "Oh no, with a newborn that's the last thing you need. I'm sorry the repair didn't "
        "hold. I've booked the same engineer to come back tomorrow morning between 8 and 10, no "
        "charge, and I'll text you his ETA when he's on his way.",
    ),
]


def _coach(customer: str, reply: str, **turn: Any) -> dict[str, Any]:
    before = turn.pop("before", [])
    out = score_reply(
        reply,
        context=[
            *({"role": r, "text": t} for r, t in before),
            dict(role="customer", text=customer, **turn),
        ],
    )
    coaching: dict[str, Any] = out["turns"][-1]["agent"]["coaching"]
    return coaching


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


# --- 1. removals are sentence-aware and happen ---------------------------------------------


def test_non_apology_and_refusal_leave_no_fragment() -> None:
    c = _coach(
        "The blender I bought last week started smoking the second time I used it. I am "
        "really upset, it could have caused a fire.",
        "Sorry you feel that way. Unfortunately there is nothing we can do.",
    )
    text = c["rewrite"]
    # main wrote "Sorry you feel that way. Unfortunately there is. Leave this with me: ..."
    assert text is None or (
        "feel that way" not in text
        and not any(_FRAGMENT.search(s) for s in _sentences(text))
        and not _PROMISE.search(text)
    ), text


def test_tone_policing_goes_and_becomes_one_calm_boundary() -> None:
    text = rewrite_reply(
        rewrite_context(
            "There is no need to shout. Calm down. Your engineer visit is on Friday.",
            "Are you kidding me? Fourth call this week!!",
            hostile=0.9,
        )
    ).text
    assert text is not None
    assert "no need to shout" not in text.lower() and "calm down" not in text.lower()
    assert text.count("keep things respectful") == 1
    assert "Friday" in text


def test_sarcasm_and_insults_go_and_the_answer_stays() -> None:
    reply = "Oh great, another one who can't read. It's literally in 'My Account', genius. Good luck with that."
    c = _coach(
        "I can't find where to change my delivery address, this website is impossible.", reply
    )
    text = c["rewrite"]
    assert text is not None
    for gone in ("Oh great", "can't read", "genius", "Good luck", "literally"):
        assert gone not in text, text
    assert "'My Account'" in text
    # the reply answered where the setting is: nothing to look into
    assert not _PROMISE.search(text), text


_HARMFUL = [
    ("Oh great, another one who can't read.", "Oh great", "sarcastic exclamation"),
    ("Sorry you feel that way.", "Sorry you feel", "non-apology"),
    ("Unfortunately there is nothing we can do.", "nothing we can do", "refuses to act"),
    ("Good luck with that.", "Good luck with that", "sarcasm"),
    ("Your order is in 'My Account', genius.", "genius", "mocks the customer"),
    ("Calm down.", "Calm down", "tells the customer to calm down"),
]
_NEUTRAL = [
    "Your refund of £20 was sent on Monday.",
    "Please restart the router.",
    "The engineer comes on Friday.",
    "I can see the order on my side.",
]


@settings(max_examples=120, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(range(len(_HARMFUL) + len(_NEUTRAL))), min_size=1, max_size=4),
    emotion=st.sampled_from(["angry", "neutral", "disappointed", "anxious"]),
)
def test_rewrite_never_keeps_a_flagged_span_nor_leaves_a_fragment(
    pieces: list[int], emotion: str
) -> None:
    texts = [(_HARMFUL + [(n, "", "") for n in _NEUTRAL])[i] for i in pieces]
    reply = " ".join(t[0] for t in texts)
    flagged = [(s, span, cue) for s, span, cue in texts if span]
    ev = []
    offset = 0
    for sentence, span, cue in texts:
        if span:
            start = offset + sentence.index(span)
            ev.append(
                {
                    "start": start,
                    "end": start + len(span),
                    "text": span,
                    "cue": cue,
                    "polarity": "negative",
                }
            )
        offset += len(sentence) + 1
    tr = traits(0.8, empathy=trait(0.2, ev), ownership=0.2, solution=0.2)
    rw = rewrite_reply(rewrite_context(reply, "My parcel never arrived!", emotion, traits=tr))
    if rw.text is None:
        return
    for _, span, _ in flagged:
        assert span.lower() not in rw.text.lower(), (reply, rw.text)
    for s in _sentences(rw.text):
        assert not _FRAGMENT.search(s), (reply, rw.text)
        assert re.search(r"\w", s), (reply, rw.text)


# --- 2. no added promise the agent cannot keep -----------------------------------------------


@pytest.mark.parametrize(
    ("customer", "reply", "turn"),
    [
        (  # a final refusal
            "I bought a dress 45 days ago and it tore at the seam the first time I wore it. "
            "I want a full refund.",
            "Unfortunately our return window is 30 days. Per policy we cannot accept returns "
            "after this period.",
            {},
        ),
        (  # a question answered live on a call
            "Okay. Thanks. Can I use an electric heater in the meantime?",
            "Yes, that's fine, just keep it away from the baby's room and don't leave it on "
            "overnight.",
            {"before": _CALL},
        ),
        (  # the agent guides step by step in the chat
            "I'm sorry, I don't understand any of that. What is an OTP?",
            "No problem at all, and there's no rush. An OTP is just a short number we send to "
            "your phone. Let's do it together, one step at a time. First, can you see a button "
            "that says 'Forgot password'?",
            {},
        ),
        (
            "I was overcharged on my phone bill. It should be $45.50 not $95.50.",
            "Per our records, the $50 difference is a roaming charge from 12 March. We can't "
            "remove it, but if you add the Travel Pass ($5/month) before your next trip, "
            "roaming is included.",
            {},
        ),
    ],
)
def test_no_follow_up_promise_after_a_refusal_an_answer_or_live(
    customer: str, reply: str, turn: dict[str, Any]
) -> None:
    text = _coach(customer, reply, **turn)["rewrite"]
    assert text is None or not _PROMISE.search(text), text
    # nobody else's action becomes the agent's
    assert text is None or "I'll contact" not in text


def test_a_hands_off_reply_gets_only_an_offer_that_depends_on_the_customers_step() -> None:
    # the customer's action stays theirs; the one "I'll" added offers more help if that
    # step does not sort it (any agent can keep it): no follow-up promise, no taking over
    text = _coach("My parcel never arrived!", "Not our department, contact the courier.")["rewrite"]
    assert text is not None and "I'll contact" not in text, text
    assert not _PROMISE.search(text), text
    mine = [s for s in _sentences(text) if "I'll" in s]
    assert len(mine) == 1 and mine[0].startswith("If "), text


def test_no_rewrite_to_a_thumbs_up() -> None:
    rw = rewrite_reply(rewrite_context("Anything else?", "👍", "grateful"))
    assert rw.text is None


def test_a_closing_gets_no_follow_up_advice() -> None:
    ctx = rewrite_context(
        "You're welcome, Tom. Have a lovely day!", "Brilliant, thanks so much!", "grateful"
    )
    where = situation(ctx)
    assert "closing" in where
    weak = traits(0.8, responsibility=0.3, ownership=0.4, solution=0.45)
    advice, focus = improve(weak, "grateful", skipped_advice("grateful", False, where))
    assert focus is None and advice is None


def test_live_walkthrough_gets_no_follow_up_advice() -> None:
    ctx = rewrite_context(
        "Good news, flashing white means it's talking to our network. Shall we wait together?",
        "Power is green. The one with the globe is now flashing white.",
        "neutral",
    )
    where = situation(ctx)
    assert "live" in where
    _, focus = improve(
        traits(0.8, responsibility=0.3), "neutral", skipped_advice("neutral", False, where)
    )
    assert focus != "responsibility"


# --- 3. no guessed topic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("customer", "reply", "wrong"),
    [
        (
            "My pension payment didn't arrive this month and my rent is due tomorrow. I'm scared.",
            "The payment was sent on 3 June. Banks can take up to 3 working days.",
            "the charge on your account",
        ),
        (
            "My account got hacked, someone ordered 3 phones with my card!!",
            "I've frozen your account and cancelled the three orders. Please change your "
            "password and call your bank to block the card.",
            "your order",
        ),
        (
            "Can I get a refund for my hotel booking? My mum is in hospital and I can't travel.",
            "Your booking is non-refundable. You can change the dates once for free up to 24 "
            "hours before check-in.",
            "your refund",
        ),
    ],
)
def test_no_guessed_topic(customer: str, reply: str, wrong: str) -> None:
    for emotion in ("anxious", "angry", "neutral", "disappointed"):
        rw = rewrite_reply(rewrite_context(reply, customer, emotion))
        assert rw.text is None or wrong not in rw.text, rw.text


def test_no_feeling_named_to_a_calm_customer() -> None:
    for key in ("a:1", "b:1", "c:1", "d:3", "e:5"):
        rw = rewrite_reply(
            rewrite_context(
                "Unfortunately our policy is 30 days, so no refund is possible.",
                "My coat is the wrong colour, can I return it? I bought it 40 days ago.",
                "neutral",
                key=key,
            )
        )
        assert rw.text is not None
        assert not re.search(r"upset|frustrat|annoy|angry", rw.text, re.I), rw.text


# --- 4. strengths never praise what harms ----------------------------------------------------


@pytest.mark.parametrize(
    ("customer", "reply", "never"),
    [
        (
            "I can't find where to change my delivery address, this website is impossible.",
            "Oh great, another one who can't read. It's literally in 'My Account', genius. "
            "Good luck with that.",
            ("can't read", "genius", "Oh great"),
        ),
        (
            "My husband passed away last month. I need to close his mobile account, but I don't "
            "know his password and I can't face going through all of this again.",
            "I'm so sorry for the loss of your husband. You don't need his password, and you "
            "won't need to repeat this. I've started the closure on our side; all I need is a "
            "copy of the death certificate, which you can reply to this email with whenever you "
            "feel ready. There won't be any further charges from today. Awesome, we're super "
            "excited to help you!!!",
            ("Awesome", "super excited"),
        ),
        (
            "My laptop repair is taking forever, it's been 3 weeks. I need it for my exams on "
            "Monday.",
            "I guarantee 100% it will be back with you by Saturday, and I'll give you a free "
            "replacement laptop and a full refund on top, no questions asked!",
            ("guarantee", "no questions asked"),
        ),
        (
            "My order arrived damaged, can you help?",
            "I am not happy to help with this and I will not look into it.",
            ("not happy to help", "will not look"),
        ),
    ],
)
def test_strengths_never_quote_what_harms(
    customer: str, reply: str, never: tuple[str, ...]
) -> None:
    c = _coach(customer, reply)
    for s in c["strengths"]:
        for bad in never:
            assert bad not in s, s


def test_strength_skips_a_sentence_with_a_negative_span_of_any_trait() -> None:
    reply = "Awesome, we're thrilled to help! I've closed the account."
    tr = traits(
        0.5,
        politeness=trait(0.9, [evidence("Awesome", reply, "positive lexicon", "positive")]),
        enthusiasm=trait(
            None, [evidence("thrilled", reply, "gushing at an upset customer", "negative")]
        ),
        ownership=trait(0.85, [evidence("I've closed", reply, "reports a fix done", "positive")]),
    )
    out = strengths(tr, reply)
    assert not any("Awesome" in s for s in out), out
    assert any("I've closed the account" in s for s in out), out


# --- 5. advice, promises softened, signatures ------------------------------------------------


def test_no_enthusiasm_advice_to_an_upset_customer() -> None:
    tr = traits(0.9, enthusiasm=0.3)
    for emotion in ("angry", "disappointed", "anxious"):
        _, focus = improve(tr, emotion, skipped_advice(emotion, False, frozenset()))
        assert focus != "enthusiasm"
    _, focus = improve(tr, "neutral", skipped_advice(None, True, frozenset()))
    assert focus != "enthusiasm"
    # a calm customer may still be told
    _, focus = improve(tr, "neutral", skipped_advice("neutral", False, frozenset()))
    assert focus == "enthusiasm"


def test_guarantee_is_softened_with_its_facts_kept() -> None:
    rw = rewrite_reply(
        rewrite_context(
            "I guarantee 100% it will be back with you by Saturday.",
            "My laptop repair is taking forever. I need it on Monday.",
            "anxious",
        )
    )
    assert rw.text is not None
    assert "guarantee" not in rw.text.lower()
    assert "I'll do everything I can to make sure it will be back with you by Saturday" in rw.text


@pytest.mark.parametrize(
    ("reply", "signature"),
    [
        ("Hi there, we're sorry to hear this. Please DM us your booking reference. ^JK", "^JK"),
        ("Please send us your order number. – Sam", "– Sam"),
        ("Please send us your order number. Best, Ana", "Best, Ana"),
    ],
)
def test_nothing_is_added_after_a_signature(reply: str, signature: str) -> None:
    rw = rewrite_reply(
        rewrite_context(reply, "My flight was cancelled and nobody helps!", key="s:1")
    )
    assert rw.text is not None
    assert rw.text.rstrip().endswith(signature), rw.text
    assert rw.text.count(signature) == 1


def test_calm_turn_labelled_angry_is_not_told_they_are_upset() -> None:
    # demo-49 turn 9: the emotion analyser reads a calm progress report as angry
    for key in ("a:9", "b:9", "c:9"):
        rw = rewrite_reply(
            rewrite_context(
                "Nearly there. Choose that name on your laptop and type the password exactly.",
                "Solid white now. But my laptop still says no internet.",
                "angry",
                key=key,
            )
        )
        assert rw.text is None or not re.search(r"upset|angry|frustrat", rw.text), rw.text


def test_a_removal_at_the_end_of_a_sentence_leaves_no_stub() -> None:
    # "These reviews take as long as they take." minus the rule's span was "These."
    rw = rewrite_reply(
        rewrite_context(
            "It's a routine compliance check, sir. I can't tell you more than that. These "
            "reviews take as long as they take.",
            "I know there's a review. Why, and when will it end?",
        )
    )
    assert rw.text is None or not re.search(r"\bThese\.", rw.text), rw.text
