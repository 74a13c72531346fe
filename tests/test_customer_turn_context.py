"""The conversation rules of the customer side: relief, complaint, asking again, chasing,
bare replies, and what they do to satisfaction and moments (trial 20, F5-F8, F13, F14)."""

from __future__ import annotations

import pytest

from _customer_helpers import annotated, demo_turn_texts
from servicemind.analyse import _turn_context as tc
from servicemind.analyse.base import EMOTIONS, Doc
from servicemind.analyse.moments import MomentsAnalyser, stated
from servicemind.analyse.satisfaction import HOSTILE_CAP, REPEAT_CAP, end_state
from servicemind.conversation import Conversation


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("ok thanks", True),
        ("Ok thanks.", True),
        ("it's 4471", True),
        ("Order 5521.", True),
        ("will do, thanks Nina", True),
        ("Wow thanks!", False),  # an exclamation shows a feeling
        ("Thanks, that fixed it and I can finally work again.", False),
        ("ok but when will the engineer come?", False),
    ],
)
def test_bare_reply(text: str, bare: bool) -> None:
    assert tc.bare_reply(text) is bare


def test_repeats_question_needs_most_content_words_of_an_earlier_question() -> None:
    first = "Hi, why were we charged for 15 licences when our team has 11 people?"
    again = "Why are we billed for 15 licences when the team has 11 people?"
    other = "Why are we billed for the premium plan when we chose basic?"
    assert tc.repeats_question(again, [first])
    assert not tc.repeats_question(other, [first])
    # the same words in a statement, not a question, are not asked before
    assert not tc.repeats_question(
        again, ["We were charged for 15 licences, our team has 11 people."]
    )
    assert tc.asks_again("I've asked twice now: where is the refund?", [])
    assert not tc.asks_again("As I said, I liked the film a lot.", [])


def test_chase_needs_a_gap_when_the_turns_are_dated() -> None:
    assert tc.chases("Hello? Anyone there?", None, None)
    assert tc.chases("Hello? Still there?", "2026-03-02T10:40:00", "2026-03-02T10:02:00")
    assert not tc.chases("Hello? Still there?", "2026-03-02T10:03:00", "2026-03-02T10:02:00")
    assert not tc.chases("Is the shop still there on Main Street?", None, None)


@pytest.mark.parametrize(
    ("text", "relief", "complaint"),
    [
        ("Phew, that's a relief. Nobody had told me that before.", True, False),
        ("The technician came and fixed it, though it should have been Monday.", True, False),
        ("Unbelievable. Where do I send the form?", False, True),
        ("That's the same message again. Can you refund it or not?", False, True),
        ("Where do I send the form?", False, False),
        ("Yes please. That's less scary than I thought.", True, False),
        ("Okay, that puts my mind at ease.", True, False),
        ("It's scarier than I thought.", False, False),
        ("I feel worse about this now.", False, False),
    ],
)
def test_relief_and_complaint_wording(text: str, relief: bool, complaint: bool) -> None:
    assert tc.relieved(text) is relief
    assert tc.complains(text) is complaint


@pytest.mark.parametrize(
    ("text", "churn"),
    [
        ("I'll be looking for another bank after this.", True),
        ("Taking my savings elsewhere once this is sorted.", True),
        ("We are emigrating in May, please cancel my broadband contract.", False),
        ("I'm relocating abroad and need to cancel my contract.", False),
        ("I'm going to Seattle next week, can I use roaming?", False),
        ("Great, I need to leave you now, bye", False),
        ("Please cancel my contract, I found a cheaper offer.", True),
    ],
)
def test_churn_wording_and_exemptions(text: str, churn: bool) -> None:
    assert ("churn_intent" in stated(text)) is churn


def _cust(d: Doc) -> dict[int, dict[str, object]]:
    return {t["index"]: t["customer"] for t in d.out["turns"] if t["side"] == "customer"}


def test_satisfaction_threat_and_repeat_are_capped_end_to_end() -> None:
    d = annotated(
        ("customer", "Why were we charged for 15 licences when our team has 11 people?"),
        ("agent", "Thanks for reaching out! Is there anything else?"),
        ("customer", "Why were we charged for 15 licences when our team has 11 people?"),
        ("agent", "Let me check."),
        ("customer", "I'm filing a formal complaint with the regulator. Goodbye."),
    )
    cust = _cust(d)
    assert float(cust[2]["satisfaction"]) <= REPEAT_CAP  # type: ignore[arg-type]
    assert float(cust[4]["satisfaction"]) <= HOSTILE_CAP  # type: ignore[arg-type]
    assert d.out["summary"]["satisfaction"] <= HOSTILE_CAP  # it ends escalated
    kinds = {(m["turn"], m["kind"]) for m in d.out["summary"]["moments"]}
    assert (4, "escalation_threat") in kinds
    assert (4, "emotion_recovery") not in kinds and (4, "satisfaction_rise") not in kinds


def test_end_state_bounds_the_conversation() -> None:
    assert end_state(3.6, 2.0, "I'll take this to the ombudsman.") == HOSTILE_CAP
    assert end_state(2.4, 3.9, "It works again, what a relief. Thanks!") == 3.9
    assert end_state(2.4, 3.4, "Sorry for calling you idiots earlier. Thanks.") == 3.4
    assert end_state(2.4, 3.9, "Thanks for the update.") == 2.4  # no end state: the model


def _moments(turns: list[tuple[str, str, str, float, float]]) -> list[tuple[int, str]]:
    """Moments of a conversation with hand-set customer fields: (role, text, label, sat,
    hostile) per turn (label etc. ignored for agent turns)."""
    d = Doc(Conversation.from_turns([{"role": r, "text": t} for r, t, *_ in turns]))
    for i, (role, _, label, sat, hostile) in enumerate(turns):
        if role != "customer":
            continue
        scores = {e: (0.75 if e == label else 0.05) for e in EMOTIONS}
        d.out["turns"][i]["customer"].update(
            {
                "emotion": {"label": label, "scores": scores, "fine": {}, "fine_labels": []},
                "satisfaction": sat,
                "hostile": hostile,
            }
        )
    MomentsAnalyser().annotate([d])
    return [
        (m["turn"], m["kind"]) for m in d.out["summary"]["moments"] if m["kind"] != "lowest_point"
    ]


def test_moments_rise_after_a_capped_turn_is_measured_against_the_level_before() -> None:
    base = [
        ("customer", "My refund is late.", "angry", 3.0, 0.0),
        ("agent", "Refunds take 10 days.", "", 0, 0),
        ("customer", "You useless idiots.", "angry", 2.0, 0.99),
        ("agent", "Refunds take 10 days.", "", 0, 0),
    ]
    still = _moments([*base, ("customer", "When is my refund coming?", "angry", 2.8, 0.0)])
    assert (4, "satisfaction_rise") not in still  # 2.8 is below the 3.0 before the insult
    better = _moments([*base, ("customer", "Oh it has arrived, great.", "grateful", 3.6, 0.0)])
    assert (4, "satisfaction_rise") in better and (4, "emotion_recovery") in better


def test_moments_angry_to_neutral_is_no_recovery_when_the_turn_still_complains() -> None:
    base = [
        ("customer", "My order is missing.", "angry", 2.6, 0.0),
        ("agent", "Please read our FAQ.", "", 0, 0),
    ]
    assert (2, "emotion_recovery") not in _moments(
        [*base, ("customer", "Unbelievable. Where is the form?", "neutral", 2.7, 0.0)]
    )
    assert (2, "emotion_recovery") in _moments(
        [*base, ("customer", "Right, I found the form and sent it.", "neutral", 2.7, 0.0)]
    )


def test_moments_bare_replies_and_openings() -> None:
    kinds = _moments(
        [
            ("customer", "This is the third late order, unacceptable!", "angry", 2.6, 0.0),
            ("agent", "Can I have the order number?", "", 0, 0),
            ("customer", "Order 5521.", "neutral", 2.7, 0.0),
            ("agent", "Thanks, it is on its way and arrives today.", "", 0, 0),
            ("customer", "Good to know it's finally coming today, thank you", "grateful", 2.9, 0.0),
        ]
    )
    # the opening is its own kind; the order number makes no recovery; the thanks does
    assert kinds == [(0, "opening"), (4, "emotion_recovery")]


def test_moments_relief_or_an_apology_read_negative_is_a_recovery_not_a_turn_for_the_worse() -> (
    None
):
    base = [
        ("customer", "I was charged twice!", "angry", 2.6, 0.0),
        ("agent", "What is your account number?", "", 0, 0),
        ("customer", "I want my money back now.", "angry", 2.5, 0.0),
        ("agent", "I've refunded both charges.", "", 0, 0),
    ]
    relief = _moments(
        [*base, ("customer", "Oh, what a relief. Nobody did that before.", "angry", 2.9, 0.0)]
    )
    assert (4, "emotion_recovery") in relief and (4, "emotion_negative") not in relief
    sorry = _moments(
        [*base, ("customer", "Sorry for calling you crooks earlier.", "disappointed", 2.9, 0.0)]
    )
    assert (4, "emotion_recovery") in sorry and (4, "emotion_negative") not in sorry
    worse = _moments(
        [
            ("customer", "Hi, where is my order?", "neutral", 3.0, 0.0),
            ("agent", "It is delayed.", "", 0, 0),
            ("customer", "Nobody told me that before.", "angry", 2.9, 0.0),
        ]
    )
    assert (2, "emotion_negative") in worse


def _turns_and_edge_cases() -> list[str]:
    return [
        *demo_turn_texts(),
        "Hello? Still there?",
        "¿Hola? ¿Sigue ahí?",
        "I'll cancel my contract and switch to a competitor.",
        "We are moving abroad so please cancel my account.",
        "That's a relief, it's fixed now!",
        "I already asked this twice.",
        "I'm going to escalate this to the ombudsman.",
        "STILL THERE??",
        "",
    ]


def test_said_lists_screened_by_their_literals_match_as_the_whole_patterns() -> None:
    """The word lists behind their literal clauses (speed, issue 5) find exactly what the
    whole patterns find on every demo turn and a few edge cases; most turns are screened
    out without a search."""
    import re

    from servicemind.analyse._cues import load_lexicon

    lex = load_lexicon("customer_moments.json")
    texts = _turns_and_edge_cases()
    assert len(texts) > 200
    matched = screened_out = 0
    for key in tc.SAID_KEYS:
        whole = re.compile(r"(?<!\w)(?:" + "|".join(lex[key]) + r")(?!\w)")
        for text in texts:
            low = text.lower()
            want = whole.search(low)
            got = tc.says_at(key, low)
            assert (got and got.span()) == (want and want.span()), (key, text)
            matched += want is not None
            found = tc._INDEX.found(low)
            # the screen turned the turn away: a clause none of whose literals is there
            screened_out += any(c.isdisjoint(found) for c in tc._screened()[key].clauses)
    assert matched >= 15
    assert screened_out > len(texts)
