"""Satisfaction that follows the turn's emotion, and the wording rules of trial 22c (F1-F6):
sarcastic one-word approval, a lone question mark, resigned or disbelieving turns, churn
both ways, relief wording. Minimal pairs: the same text or value, one thing changed."""

from __future__ import annotations

import numpy as np
import pytest

from _customer_helpers import annotated, doc
from servicemind.analyse import _turn_context as tc
from servicemind.analyse.base import EMOTIONS, Doc
from servicemind.analyse.moments import MomentsAnalyser, stated
from servicemind.analyse.satisfaction import (
    GRATEFUL_SHIFT,
    HOSTILE_CAP,
    REPEAT_CAP,
    UNSATISFIED_SHIFT,
    SatisfactionAnalyser,
    cap_context,
    follow_emotion,
    hold_relief,
)

_PLAIN = "The parcel came today."


@pytest.mark.parametrize(
    ("label", "moved"),
    [
        ("angry", UNSATISFIED_SHIFT),
        ("disappointed", UNSATISFIED_SHIFT),
        ("grateful", GRATEFUL_SHIFT),
        ("neutral", 0.0),
        ("confused", 0.0),  # a question says nothing about the service yet
        ("anxious", 0.0),
        (None, 0.0),
    ],
)
def test_follow_emotion_moves_a_turn_by_its_reading(label: str | None, moved: float) -> None:
    out = follow_emotion([3.0], [_PLAIN], [label])
    assert out[0] == pytest.approx(3.0 + moved)


@pytest.mark.parametrize(
    "text",
    [
        "Okay, that's a relief. Sorry I was so short with you.",
        "Ya funciona, menos mal.",
        "Jetzt klappt es endlich.",
        "Sorry for calling you idiots earlier.",
    ],
)
def test_follow_emotion_keeps_a_negative_read_turn_that_is_relieved_or_apologises(
    text: str,
) -> None:
    assert follow_emotion([3.0], [text], ["angry"])[0] == pytest.approx(3.0)
    # the same words with no relief or apology are moved
    assert follow_emotion([3.0], [_PLAIN], ["angry"])[0] < 3.0


def test_follow_emotion_does_not_raise_a_grateful_read_turn_that_still_complains() -> None:
    assert follow_emotion([3.0], ["Thanks. Unbelievable."], ["grateful"])[0] == 3.0
    assert follow_emotion([3.0], ["Thanks."], ["grateful"])[0] > 3.0


@pytest.mark.parametrize(
    "text", ["Fine. I'll wait.", "I'll believe it when I see it.", "Schon wieder kaputt."]
)
def test_follow_emotion_a_turn_that_still_complains_is_below_neutral(text: str) -> None:
    assert follow_emotion([3.2], [text], ["neutral"])[0] == REPEAT_CAP
    # the same reading of a calm turn keeps its value
    assert follow_emotion([3.2], ["Fine, see you on Friday."], ["neutral"])[0] == 3.2


def test_follow_emotion_stays_on_the_scale() -> None:
    out = follow_emotion([1.0, 5.0], [_PLAIN, _PLAIN], ["angry", "grateful"])
    assert np.all((out >= 1.0) & (out <= 5.0))


def _read(d: Doc, *readings: tuple[str, float | None]) -> Doc:
    """Set each customer turn's emotion label and, when given, its satisfaction (by hand:
    the rule under test, not the model)."""
    turns = [t for t in d.out["turns"] if t["side"] == "customer"]
    for t, (label, sat) in zip(turns, readings, strict=True):
        scores = {e: (0.75 if e == label else 0.05) for e in EMOTIONS}
        t["customer"].update({"emotion": {"label": label, "scores": scores}, "hostile": 0.0})
        if sat is not None:
            t["customer"]["satisfaction"] = sat
    return d


def _labelled(label: str, *turns: tuple[str, str]) -> Doc:
    """A doc whose customer turns all read ``label``."""
    d = doc(*turns)
    n = sum(1 for role, _ in turns if role == "customer")
    return _read(d, *[(label, None)] * n)


@pytest.mark.parametrize(
    "text",
    [
        "3-5 business days. The launch is on Monday. Perfect.",
        "Tres semanas. La boda es el sábado. Genial.",
        "Drei Wochen. Die Hochzeit ist am Samstag. Toll.",
        "Encore trois semaines. Parfait.",
        "Oh great. Another form to fill in.",
    ],
)
def test_sarcastic_approval_is_capped_only_when_the_turn_reads_negative(text: str) -> None:
    assert tc.sarcastic_approval(text)
    angry = _labelled("angry", ("agent", "It takes three weeks."), ("customer", text))
    grateful = _labelled("grateful", ("agent", "It takes three weeks."), ("customer", text))
    assert cap_context([3.5], [angry])[0] == HOSTILE_CAP
    assert cap_context([3.5], [grateful])[0] == 3.5


@pytest.mark.parametrize(
    "text", ["Perfect.", "Perfect, thank you!", "It arrived in perfect condition. Thanks."]
)
def test_an_approval_alone_or_inside_a_sentence_is_no_sarcastic_approval(text: str) -> None:
    assert not tc.sarcastic_approval(text)


@pytest.mark.parametrize(("text", "again"), [("?", True), (" ?? ", True), ("¿?", True)])
def test_a_lone_question_mark_asks_again(text: str, again: bool) -> None:
    assert tc.asks_again(text, []) is again
    d = _labelled("neutral", ("agent", "Go to Settings."), ("customer", text))
    assert cap_context([3.0], [d])[0] == REPEAT_CAP


def test_a_question_with_words_is_not_a_lone_question_mark() -> None:
    assert not tc.asks_again("Where is Settings?", [])


@pytest.mark.parametrize(
    "text",
    [
        "Right. Well, I'll believe it when I see it.",
        "Fine. I'll wait.",
        "I guess I have no choice.",
        "That's the second time this month.",
        "Es la segunda vez este mes.",
        "Schon wieder kaputt.",
        "Alweer een vertraging.",
        "Je le croirai quand je le verrai.",
        "Non ho scelta, aspetto.",
        "Não tenho escolha.",
    ],
)
def test_resigned_disbelieving_or_repeated_failure_turns_still_complain(text: str) -> None:
    assert tc.complains(text)


@pytest.mark.parametrize(
    "text", ["Fine, see you tomorrow then.", "We'll wait for the engineer on Monday.", "Danke."]
)
def test_calm_turns_do_not_complain(text: str) -> None:
    assert not tc.complains(text)


def test_a_resigned_turn_after_an_angry_one_is_no_recovery() -> None:
    def recoveries(last: str) -> list[int]:
        d = doc(
            ("customer", "Three days without internet. This is ridiculous."),
            ("agent", "The engineer can come next Friday."),
            ("customer", last),
        )
        _read(d, ("angry", 2.2), ("neutral", 3.1))
        kinds = ("emotion_recovery", "satisfaction_rise")
        return sorted({m["turn"] for m in MomentsAnalyser().find_moments(d) if m["kind"] in kinds})

    assert recoveries("Fine. I'll wait.") == []
    assert recoveries("Friday is fine, see you then.") == [2]


@pytest.mark.parametrize(
    ("text", "churn"),
    [
        ("Then we will be moving our account to another carrier.", True),
        ("We're taking our business elsewhere.", True),
        ("I'm deleting the app.", True),
        ("Ich lösche die App.", True),
        ("Je supprime l'application, c'est fini.", True),
        ("Me paso a otra compañía.", True),
        ("Vou apagar a app.", True),
        ("I deleted the app and reinstalled it, still crashing.", False),
        ("Should I delete the app and reinstall it?", False),
        ("Someone used my card! Should I cancel my card?", False),
        ("Please cancel the card I reported stolen.", False),
        ("Cancel my account, I'm done.", True),
    ],
)
def test_churn_wording_both_ways(text: str, churn: bool) -> None:
    assert ("churn_intent" in stated(text)) is churn


@pytest.mark.parametrize(
    ("text", "relief"),
    [
        ("That did the trick, thank you!", True),
        ("You're a lifesaver.", True),
        ("What a weight off my mind.", True),
        ("It works! Thanks.", True),
        ("Yes, that works for me. Book it for Tuesday.", False),
        ("Many times it works very well in films.", False),
        ("Ya funciona, gracias.", True),
        ("Ça marche maintenant, merci.", True),
        ("Jetzt klappt's, danke!", True),
        ("Ora funziona, grazie.", True),
        ("Het werkt weer, bedankt.", True),
        ("Já funciona, obrigado.", True),
        ("Does it work on a Mac?", False),
        ("It works? Not for me.", False),
        ("No funciona.", False),
        ("Es klappt nicht.", False),
        ("Het is niet gelukt.", False),
        ("Ça ne marche pas.", False),
    ],
)
def test_relief_wording_in_the_corpus_languages(text: str, relief: bool) -> None:
    assert tc.relieved(text) is relief


def test_satisfaction_end_to_end_an_angry_turn_falls_below_the_calm_one() -> None:
    d = annotated(
        ("customer", "My internet has been down since this morning."),
        ("agent", "Sorry to hear that. Let me check."),
        ("customer", "Down AGAIN. Third time this week, this is ridiculous."),
    )
    calm, angry = (t["customer"] for t in d.out["turns"] if t["side"] == "customer")
    assert angry["emotion"]["label"] == "angry"
    assert angry["satisfaction"] < calm["satisfaction"]


def test_satisfaction_overall_reads_the_values_before_the_emotion_shift() -> None:
    # the same conversation with its last turn read grateful and read neutral: the turn
    # values differ by the shift, the overall value (the USS model) does not
    def overall(label: str) -> tuple[float, float]:
        d = _labelled(
            label,
            ("customer", "My order 1234 has not arrived."),
            ("agent", "It is out for delivery today."),
            ("customer", "Good to know."),
        )
        SatisfactionAnalyser().annotate([d])
        last = [t for t in d.out["turns"] if t["side"] == "customer"][-1]["customer"]
        return float(last["satisfaction"]), float(d.out["summary"]["satisfaction"])

    (grateful_turn, grateful_all), (neutral_turn, neutral_all) = (
        overall("grateful"),
        overall("neutral"),
    )
    assert grateful_turn == pytest.approx(neutral_turn + GRATEFUL_SHIFT, abs=0.011)
    assert grateful_all == neutral_all


def test_moments_a_bare_reply_after_a_capped_complaint_is_no_rise() -> None:
    def rises(reply: str) -> list[int]:
        d = doc(
            ("customer", "Estimated bill again. Third time this year."),
            ("agent", "Please DM us your account number."),
            ("customer", reply),
        )
        _read(d, ("neutral", 2.5), ("neutral", 3.1))
        moments = MomentsAnalyser().find_moments(d)
        return [m["turn"] for m in moments if m["kind"] == "satisfaction_rise"]

    assert rises("DM'd.") == []
    assert rises("That explains it, the new reading looks right to me.") == [2]


@pytest.mark.parametrize(
    ("last", "held"),
    [
        ("It's back! Thanks Kai, sorry for snapping earlier.", True),
        ("Ya funciona, gracias.", True),
        ("Sorry for calling you idiots earlier.", True),
        ("Still nothing. Thanks anyway.", False),
    ],
)
def test_hold_relief_a_relieved_turn_is_at_least_the_turn_before(last: str, held: bool) -> None:
    d = doc(
        ("customer", "Ok, appreciate the credit."),
        ("agent", "Service should be restored now."),
        ("customer", last),
    )
    out = hold_relief([3.4, 3.1], [d])
    assert out[1] == (3.4 if held else 3.1)
    # a first turn has no turn before it
    assert hold_relief([3.1], [doc(("customer", last))])[0] == 3.1
