"""How the tracker finds the cue phrases of a later turn cheaply, without changing what it finds.

``analyse/_tracking.py`` reads a turn's sentences only with the phrases whose literals occur
in the turn and which match the turn as a whole (or, for a phrase with an anchor or a
lookaround, whose relaxed copy does). These tests hold the shortcuts to the plain reading:
every phrase of every list, tried on every sentence.
"""

from __future__ import annotations

import re
import sys

import pytest

from servicemind.analyse._cues import literal_clauses, phrase_regex
from servicemind.analyse._tracking import (
    _LISTS,
    _SENTENCE,
    LITERAL_EXTRA,
    _possible,
    cue_lists,
    outcomes,
    relaxed,
)

#: Hand-written later turns: outcomes in several languages, near misses, anchored phrases at
#: a sentence's start or end and inside a turn, accented letters in upper case.
TURNS = [
    "Got it, thanks.",
    "Thanks, all sorted now!",
    "The tracking now shows delivered. Cheers.",
    "It works now. Not the old one though.",
    "That time works for me.",
    "OK - works! Thanks",
    "Nobody called me back yesterday.",
    "No callback. No email either.",
    "No problem at all, take your time.",
    "Fine. No engineer came, and no text.",
    "Sorted, thanks! The refund is in my account",
    "Checked my bank: it's in",
    "it's in my account now",
    "You said it would be here by Friday but nothing.",
    "As you said, tomorrow is fine.",
    "Received, thanks!",
    "Received,thanks",
    "Todavía no ha llegado el paquete.",
    "TODAVÍA NO HA LLEGADO",
    "Recibí el reembolso, gracias.",
    "J'ai bien reçu le colis. Tout est réglé.",
    "RÉGLÉ ET REÇU",
    "Das Paket ist da, danke!",
    "Ainda não recebi nada.",
    "Non ho ricevuto niente.",
    "Finally arrived, two days after you said.",
    "Still waiting for the refund you promised",
    "My order 4471 still hasn't arrived and it's been two weeks.",
    "Hi, can you tell me if you deliver to Porto?",
    "If it isn't on the van, will you call me?",
    "Thanks for the quick reply. The link worked.",
    "Engineer came at 7pm, two hours late.",
    "The ſtatus ſays delivered",  # a character that case-folds to ASCII
    "Sorry, I wasn't able to ring you yesterday.",
    "I have to correct my colleague: that discount was offered in error.",
    "Thursday it is. Here it is, thanks",
    "Merci pour votre appel. Le technicien est passé.",
    "Het geld staat erop, dank je. Nog steeds niets van de monteur.",
    "Ich habe nichts gehört. Non sono riuscita a chiamare.",
    "Arrived, no late fee on it. The refund came late though.",
]


def _every_phrase() -> list[list[re.Pattern[str]]]:
    lex = cue_lists()
    return [[re.compile(phrase_regex(p), re.IGNORECASE) for p in lex[key]] for key in _LISTS]


@pytest.mark.parametrize("text", TURNS)
def test_tracking_cues_shortlist_finds_what_every_phrase_finds(text: str) -> None:
    every = _every_phrase()
    short = _possible(text)
    for n, key in enumerate(_LISTS):
        for part in [text, *_SENTENCE.split(text)]:
            plain = any(rx.search(part) for rx in every[n])
            fast = any(rx.search(part) for rx in short[n])
            if key in ("kept", "broken", "kept_if_related") or any(short):
                assert fast == plain, (key, part)


def test_tracking_cues_turns_without_an_outcome_skip_every_list() -> None:
    assert not any(_possible("Hi, can you tell me if you deliver to Porto?"))
    assert outcomes("Hi, can you tell me if you deliver to Porto?") == []


def test_tracking_cues_accented_letters_stay_in_the_literals() -> None:
    assert literal_clauses(phrase_regex("reçu"), keep=LITERAL_EXTRA) == (frozenset({"reçu"}),)
    assert literal_clauses(phrase_regex("(todavía|aún) no"), keep=LITERAL_EXTRA) == (
        frozenset({"todavía", "aún"}),
        frozenset({" no"}),
    )
    # without them a literal ends at the accented letter
    assert literal_clauses(phrase_regex("todavía no")) != literal_clauses(
        phrase_regex("todavía no"), keep=LITERAL_EXTRA
    )


def test_tracking_cues_accented_letters_match_only_their_own_lower_case() -> None:
    # a literal holding one of them is looked for in the lower-cased turn: no other character
    # may match it ignoring case and lower-case to something else
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in LITERAL_EXTRA:
        for ch in set(re.findall(re.escape(letter), everything, re.IGNORECASE)):
            assert ch.lower() == letter, (letter, ch)


@pytest.mark.parametrize(
    ("phrase", "sentence", "turn"),
    [
        ("^\\s*no (?!problem)[a-z]+", "No callback", "Sorry. No callback"),
        ("all done(?![.!])", "All done", "All done! Thanks"),
        ("it's in(\\s*$)", "it's in", "Checked: it's in. Thanks"),
    ],
)
def test_tracking_cues_relaxed_phrase_matches_the_turn_around_a_match(
    phrase: str, sentence: str, turn: str
) -> None:
    regex = phrase_regex(phrase)
    strict = re.compile(regex, re.IGNORECASE)
    loose = relaxed(regex)
    assert loose is not None
    assert strict.search(sentence) and not strict.search(turn)
    assert loose.search(turn)


def test_tracking_cues_relaxed_keeps_what_is_not_an_edge() -> None:
    loose = relaxed(phrase_regex("(?<!time )works"))
    assert loose is not None
    assert loose.search("it WORKS") and not loose.search("workshop") and not loose.search("work")
    assert relaxed(r"(a)\1") is None  # a back reference: nothing to vouch for


def test_tracking_cues_relaxed_keeps_a_lookaround_of_word_characters() -> None:
    # it reads the same in a sentence and in its turn: no cut falls inside a word
    loose = relaxed(phrase_regex("^\\s*no (?!problem|worries)[a-z]+"))
    assert loose is not None
    assert loose.search("Sorry. No callback.") and not loose.search("Sorry. No problem.")
    spaced = relaxed(phrase_regex("(?<!time )works"))  # a space: it may span a cut
    assert spaced is not None and spaced.search("That time works")
