"""Call transcripts as speech-to-text writes them (issue 5): lower case, no punctuation,
fillers. A reply should read the same to the traits as its punctuated twin."""

from __future__ import annotations

import pytest

from servicemind.analyse.traits._context import questions_of, split_sentences
from servicemind.analyse.traits._lexical import terms, words_of
from servicemind.analyse.traits._politeness import strategy_hits
from servicemind.api import score_reply

CUSTOMER = (
    "Hi, my power went off at six this morning and it's still off. My mum is here and she's "
    "on oxygen at home, so I really need to know when it's coming back. Can you tell me?"
)
CUSTOMER_ASR = (
    "hi um my power went off at six this morning and its still off my mum is here and shes "
    "on oxygen at home so i really need to know when its coming back can you tell me"
)
REPLY = (
    "Okay, I'm really glad you called straight away. Your mum comes first, so I've flagged "
    "your address as a priority medical customer. The crew is already out there and power "
    "should be back by eleven thirty. I'll ring you within the hour to check on you both."
)
REPLY_ASR = (
    "okay im really glad you called straight away uh your mum comes first so ive flagged "
    "your address as a priority medical customer um the crew is already out there and power "
    "should be back by eleven thirty ill ring you within the hour to check on you both"
)


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_transcript_split_cuts_an_unpunctuated_line_at_spoken_boundaries() -> None:
    assert _spans(REPLY_ASR) == [
        "okay im really glad you called straight away",
        "your mum comes first",
        "so ive flagged your address as a priority medical customer",
        "the crew is already out there and power should be back by eleven thirty ill ring "
        "you within the hour to check on you both",
    ]


def test_transcript_split_leaves_punctuated_and_short_text_alone() -> None:
    assert _spans("Hi. So sorry about that! okay so um") == [
        "Hi.",
        "So sorry about that!",
        "okay so um",
    ]
    assert _spans("ok thanks so much") == ["ok thanks so much"]


def test_transcript_questions_found_without_question_marks() -> None:
    assert questions_of(CUSTOMER_ASR) == [
        "so i really need to know when its coming back can you tell me"
    ]
    assert questions_of("okay um when is the engineer coming out to fix the line again") != []
    assert questions_of(CUSTOMER) == ["Can you tell me?"]
    assert (
        questions_of("so that is all from me thanks for the help today and have a good one") == []
    )


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("I'll ring you", "ill ring you"),
        ("We’ve fixed it", "uh weve fixed it"),
        ("I'm on it", "im [inaudible] on it"),
    ],
)
def test_transcript_word_model_reads_spoken_twins_alike(written: str, spoken: str) -> None:
    assert words_of(written) == words_of(spoken)
    assert terms(written) == terms(spoken)


def test_transcript_greeting_found_without_a_capital() -> None:
    assert "greeting" in strategy_hits("hi sarah thanks for calling what can i do for you today")
    # at the start of a clause inside a run-on transcript line, too
    text = "sorry about the wait on the line this morning um hello again sarah its about the bill"
    assert "greeting" in strategy_hits(text)


def test_transcript_reply_scores_like_its_punctuated_twin() -> None:
    written = score_reply(REPLY, [("customer", CUSTOMER)])["turns"][-1]["agent"]["traits"]
    spoken = score_reply(REPLY_ASR, [("customer", CUSTOMER_ASR)])["turns"][-1]["agent"]["traits"]
    for trait in ("adaptability", "patience", "ownership", "responsibility", "empathy"):
        assert spoken[trait]["applicable"] == written[trait]["applicable"], trait
        assert abs(spoken[trait]["score"] - written[trait]["score"]) <= 0.15, trait
    # plain words to a phone customer are not a register or readability failure
    assert spoken["adaptability"]["score"] >= 0.5
