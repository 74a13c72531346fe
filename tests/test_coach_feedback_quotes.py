"""Strengths quote the sentence that holds their evidence, not a bare cue."""

from __future__ import annotations

from _contract_builders import evidence, trait, traits
from servicemind.analyse.traits._politeness import STRATEGIES
from servicemind.coach.feedback import MAX_QUOTE, PRONOUN_STRATEGIES, strengths

REPLY = (
    "Got it. You're both rebooked on the 07:05 to Warsaw tomorrow, seats together. "
    "Is there anything your daughter needs tonight?"
)


def _solution_only(reply: str, span: str) -> dict[str, object]:
    return traits(None, solution=trait(0.95, [evidence(span, reply, "gives a time")]))


def test_strength_quotes_the_sentence_around_a_short_cue() -> None:
    (s,) = strengths(_solution_only(REPLY, "07:05"), REPLY)
    assert "You're both rebooked on the 07:05 to Warsaw tomorrow, seats together." in s
    assert "Got it" not in s and "daughter" not in s
    # the quoted sentence's own full stop ends the strength: no second one after the quote
    assert s.endswith("seats together.”")


def test_strength_without_the_reply_text_quotes_the_span() -> None:
    (s,) = strengths(_solution_only(REPLY, "07:05"), None)
    assert s.endswith("“07:05”.")


def test_strength_quotes_the_span_when_its_sentence_is_too_long() -> None:
    long_reply = "I have booked you on the 07:05 " + "and a hotel room " * 12 + "tonight."
    assert len(long_reply) > MAX_QUOTE
    (s,) = strengths(_solution_only(long_reply, "07:05"), long_reply)
    assert s.endswith("“07:05”.")


def test_strength_quotes_the_span_when_its_offsets_do_not_point_into_the_text() -> None:
    ev = evidence("07:05", REPLY)
    ev["start"] += 1  # a span from another text (an edited reply)
    ev["end"] += 1
    (s,) = strengths(traits(None, solution=trait(0.95, [ev])), REPLY)
    assert s.endswith("“07:05”.")


def test_two_strengths_in_one_sentence_do_not_quote_it_twice() -> None:
    reply = "I'll check the scan myself at 10:00 tomorrow and message you either way."
    tr = traits(
        None,
        ownership=trait(0.95, [evidence("I'll check the scan myself", reply, "takes it on")]),
        responsibility=trait(0.9, [evidence("at 10:00 tomorrow", reply, "a time")]),
    )
    first, second = strengths(tr, reply)
    assert reply in first
    assert second.endswith("“at 10:00 tomorrow”.")


def test_strength_quotes_the_clause_of_a_long_sentence() -> None:
    reply = (
        "I've found it: the parcel was held at the Leeds depot after a scanner fault and "
        "nobody re-booked it for the next round."
    )
    assert len(reply) > MAX_QUOTE
    tr = traits(None, genuineness=trait(0.9, [evidence("I've", reply, "speaks personally")]))
    (s,) = strengths(tr, reply)
    assert s.endswith("“I've found it”.")


def test_strength_is_not_a_pronoun_count() -> None:
    reply = "Thanks for waiting, Ana. You are booked on the 10:40 and I'll send the ticket now."
    pronoun = evidence("You", reply, "politeness strategy: second person")
    only_pronouns = traits(None, politeness=trait(0.9, [pronoun]))
    assert strengths(only_pronouns, reply) == []
    thanks = evidence("Thanks", reply, "politeness strategy: gratitude")
    with_thanks = traits(None, politeness=trait(0.9, [pronoun, thanks]))
    (s,) = strengths(with_thanks, reply)
    assert "Thanks for waiting, Ana." in s


def test_strength_clause_drops_its_joining_word() -> None:
    reply = (
        "The engineer found a faulty port on the street cabinet and has replaced it, so I'll "
        "call you back by 15:00 to confirm it's working."
    )
    assert len(reply) > MAX_QUOTE
    span = "I'll call you back by 15:00"
    tr = traits(None, responsibility=trait(0.9, [evidence(span, reply, "commitment")]))
    (s,) = strengths(tr, reply)
    assert s.endswith("“I'll call you back by 15:00 to confirm it's working.”")


def test_a_long_quote_is_cut_after_a_whole_word() -> None:
    span = (
        "I've also booked a family room at the airport hotel, it's inside Terminal 1, and a "
        "meal voucher is on your booking"
    )
    assert len(span) > MAX_QUOTE
    tr = traits(None, responsibility=trait(0.9, [evidence(span, span, "commitment")]))
    (s,) = strengths(tr, span)
    quoted = s[s.index("“") + 1 : s.index("”")]
    assert quoted.endswith("…") and len(quoted) <= MAX_QUOTE
    assert span.startswith(quoted[:-1]) and span[len(quoted) - 1] == " "


def test_pronoun_strategies_are_strategies_of_the_politeness_model() -> None:
    # the filter names real strategies, so a renamed one cannot slip past it unnoticed
    assert set(PRONOUN_STRATEGIES) <= set(STRATEGIES)
