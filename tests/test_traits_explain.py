"""Evidence for scores no cue explains (traits._explain): spans of the features behind them."""

from __future__ import annotations

from typing import Any

import pytest

from _agent_helpers import customer_fields, last_agent, make_doc, trait
from servicemind.analyse.traits import TraitsAnalyser
from servicemind.analyse.traits import _analyser as analyser_mod
from servicemind.analyse.traits._analyser import build_reply
from servicemind.analyse.traits._context import build_context
from servicemind.analyse.traits._explain import quotable, word_hits
from servicemind.coach.feedback import improve, strengths

LATE = (
    "My parcel was meant to arrive Monday and it's Thursday. When will the parcel arrive? "
    "I need it for a wedding on Saturday."
)


def _cues(t: dict[str, Any]) -> list[str]:
    return [e["cue"] for e in t["evidence"]]


def test_patience_quotes_the_sentence_that_answers_the_question() -> None:
    reply = "Hello Sam. The parcel will arrive tomorrow before noon, the depot confirmed it."
    t = trait(LATE, reply, "patience")
    answers = [e for e in t["evidence"] if e["cue"].startswith("answers the customer's question")]
    assert answers, t["evidence"]
    assert answers[0]["text"].startswith("The parcel will arrive tomorrow")
    assert "When will the parcel arrive?" in answers[0]["cue"]
    assert answers[0]["polarity"] == "positive"


def test_genuineness_points_at_specific_details_and_the_customers_own_words() -> None:
    reply = "Your parcel is at the depot as ORD-88123 and goes out today, in time for the wedding."
    t = trait(LATE, reply, "genuineness")
    by_cue = {e["cue"]: e["text"] for e in t["evidence"]}
    assert by_cue.get("specific detail") == "ORD-88123"
    echoed = {e["text"].lower() for e in t["evidence"] if e["cue"].startswith("takes up")}
    assert {"parcel", "wedding"} <= echoed


def test_adaptability_names_the_language_it_matched_in_english_too() -> None:
    t = trait(LATE, "Hello Sam. The parcel will arrive tomorrow before noon.", "adaptability")
    first = [e for e in t["evidence"] if e["cue"] == "replies in the customer's language (en)"]
    assert first and first[0]["text"] == "Hello Sam."


def test_solution_and_ownership_point_at_the_promise() -> None:
    customer = "My internet has been down since this morning and I work from home."
    reply = "An engineer will be with you tomorrow between 8 and 12."
    sol = trait(customer, reply, "solution", emotion="disappointed")
    own = trait(customer, reply, "ownership", emotion="disappointed")
    for t, cue in ((sol, "next step promised"), (own, "says what will be done")):
        spans = [e["text"] for e in t["evidence"] if e["cue"] == cue]
        assert spans and "engineer will be with you" in spans[0], t["evidence"]


def test_a_cue_span_is_never_replaced_by_an_explanation() -> None:
    t = trait(LATE, "I'm so sorry, that must be stressful with the wedding so close.", "empathy")
    assert t["evidence"]
    assert not any("word model" in c for c in _cues(t))


def test_word_evidence_shows_content_words_not_contractions_or_function_words() -> None:
    ctx = build_context([(LATE, {})], [], [])
    reply = build_reply("That's sorry news, thats all I can say through the system.", ctx)
    shown = {h.text.lower() for h in word_hits(reply, "empathy")}
    assert "sorry" in shown  # the model's strongest empathy word is shown...
    assert not shown & {"that's", "thats", "through", "all"}  # ...and no contraction


def test_word_evidence_goes_the_way_the_score_went() -> None:
    doc = make_doc(
        [("customer", LATE), ("agent", "Website."), ("customer", "What?"), ("agent", "Website.")],
        [customer_fields("angry"), customer_fields("confused")],
    )
    TraitsAnalyser().annotate([doc])
    seen = 0
    for t in last_agent(doc)["traits"].values():
        for e in t["evidence"]:
            if "word model" in e["cue"]:
                seen += 1
                low = t["score"] is not None and t["score"] < 0.5
                assert (e["polarity"] == "negative") == low, (t, e)
    assert seen


@pytest.mark.parametrize(
    "reply",
    [
        "Hello Sam. The parcel will arrive tomorrow before noon, the depot confirmed it.",
        "Website.",
        "Your parcel is at the depot as ORD-88123 and goes out today, in time for the wedding.",
    ],
)
def test_explanations_leave_every_score_as_it_was(
    reply: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def scores() -> dict[str, Any]:
        doc = make_doc([("customer", LATE), ("agent", reply)], [customer_fields("anxious")])
        TraitsAnalyser().annotate([doc])
        return {k: (v["score"], v["applicable"]) for k, v in last_agent(doc)["traits"].items()}

    explained = scores()
    monkeypatch.setattr(analyser_mod, "explain_traits", lambda r, results: None)
    assert scores() == explained


def test_the_coach_quotes_no_learned_word_and_no_language_match() -> None:
    traits = {
        "adaptability": {
            "score": 0.95,
            "applicable": True,
            "evidence": [
                {
                    "start": 0,
                    "end": 5,
                    "text": "Hello",
                    "cue": "replies in the customer's language (en)",
                }
            ],
        },
        "patience": {
            "score": 0.2,
            "applicable": True,
            "evidence": [
                {
                    "start": 0,
                    "end": 7,
                    "text": "Website",
                    "cue": "wording the trained word model links with lower patience",
                    "polarity": "negative",
                }
            ],
        },
    }
    assert strengths(traits, "Hello. Website.") == []
    advice, name = improve(traits)
    assert name == "patience" and advice is not None and "Website" not in advice
    assert quotable("answers the customer's question “Where is it?”")
