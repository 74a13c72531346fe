"""The cue engine: exact offsets, negation scope, shared scans equal standalone scans."""

from __future__ import annotations

import pytest

from servicemind.analyse._cues import Cue, CueSet, Hit, cueset, load_lexicon
from servicemind.analyse.traits._result import sums

LONG = (
    "Hi Sam, I'm so sorry about the wait and the mix-up with your order. That must be really "
    "frustrating after three weeks. I've checked the courier system, and I'll call you tomorrow "
    "before noon. I'm not able to change the courier, but what I can do is refund the delivery fee."
)


@pytest.mark.parametrize(
    "key", ["empathy", "ownership", "solution", "genuineness", "balance_policy"]
)
def test_cues_shared_book_scan_equals_standalone_list(key: str) -> None:
    rows = load_lexicon("agent_cues.json")[key]
    alone = CueSet([Cue(r[0], float(r[1]), str(r[2]), r[3] if len(r) > 3 else None) for r in rows])
    for text in (LONG, LONG[:120], LONG.upper()):
        assert cueset("agent_cues.json", key).find(text) == alone.find(text)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("I'm not sorry about it.", True),
        ("Oh no, I'm sorry about it.", False),  # the interjection does not negate
        ("It wasn't your fault. I'm sorry about it.", False),  # another sentence
        ("I'm really not at all sorry about it.", True),
        ("I'M NOT SORRY ABOUT IT.", True),  # (the negator reads ASCII text lower-cased)
        ("Je ne suis pas désolé; I'm Not sorry about it.", True),  # and other text as it is
        ("OH NO, I'M SORRY ABOUT IT.", False),
    ],
)
def test_cues_negation_stays_in_its_clause(text: str, negated: bool) -> None:
    hits = [h for h in cueset("agent_cues.json", "empathy").find(text) if "sorry" in h.text.lower()]
    assert hits and hits[0].negated is negated


def test_cues_offsets_exact_with_typographic_apostrophes() -> None:
    text = "I’ll look into this and I’m so sorry."
    for key in ("ownership", "empathy"):
        for h in cueset("agent_cues.json", key).find(text):
            assert text[h.start : h.end] == h.text
    assert any(h.text.startswith("I’ll") for h in cueset("agent_cues.json", "ownership").find(text))


def test_traits_sums_splits_positive_and_negative_weights() -> None:
    hits = [Hit(0, 1, "a", w, "cue") for w in (0.5, -0.3, 0.0, 0.25, -1.0)]
    assert sums(hits) == (0.75, -1.3)
    pos, neg = sums([])
    assert (pos, neg) == (0, 0) and type(pos) is int  # as sum() of nothing


@pytest.mark.parametrize(
    "text",
    [
        "Nearly there. Choose that name on your laptop.",
        "Fine:  restart it now.",
        "Thanks!\nType the code from the letter.",
    ],
)
def test_cues_step_evidence_starts_at_the_verb(text: str) -> None:
    # the step cue knows a sentence start by what stands before it, without quoting it
    steps = [
        h for h in cueset("agent_cues.json", "solution").find(text) if h.label == "gives a step"
    ]
    assert steps and all(h.text[:1].isalpha() for h in steps)
    assert all(text[h.start : h.end] == h.text for h in steps)


def test_cues_evidence_quotes_words_not_a_closing_space() -> None:
    text = "According to our records it was delivered on Monday."
    hit = next(h for h in cueset("agent_cues.json", "balance_policy").find(text))
    assert hit.text.endswith(" ")  # the cue is written with its closing space
    ev = hit.evidence()
    assert ev["text"] == "According to our" and text[ev["start"] : ev["end"]] == ev["text"]


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        ("The password is on the sticker under the new router.", False),
        ("Under our terms the deposit is kept for 14 days.", True),
        ("Under the warranty the repair is free.", True),
    ],
)
def test_cues_under_refers_to_policy_only_before_a_rule(text: str, policy: bool) -> None:
    hits = cueset("agent_cues.json", "balance_policy").find(text)
    assert any(h.label == "refers to policy" for h in hits) is policy


@pytest.mark.parametrize(
    ("text", "reassures"),
    [
        ("You did the right thing calling us.", True),
        ("You're not stranded: we'll get you both on a flight tonight.", True),
        ("It's completely normal to feel unsure the first time.", True),
        ("You didn't do the right thing there.", False),
        ("You are stranded until Monday.", False),
    ],
)
def test_cues_reassurance_is_empathy(text: str, reassures: bool) -> None:
    hits = cueset("agent_cues.json", "empathy").find(text)
    found = any(h.weight > 0 and ("reassur" in h.label or "validates" in h.label) for h in hits)
    assert found is reassures


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("No, the fee is not refundable.", True),
        ("Yes, it ships today.", True),
        ("No worries at all!! It will be with you in 5 minutes.", False),
        ("No problem, I'll sort it.", False),
    ],
)
def test_cues_no_worries_is_not_a_direct_answer(text: str, answers: bool) -> None:
    hits = cueset("agent_cues.json", "solution").find(text)
    assert any(h.label == "answers the question directly" for h in hits) is answers
