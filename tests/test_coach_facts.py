from __future__ import annotations

import re

import pytest

from servicemind.coach.facts import Fact, check_rewrite, extract_facts


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Your order 12345 has shipped.", Fact("number", "12345")),
        ("It costs $19.99 in total.", Fact("price", "$19.99")),
        ("A fee of 20 EUR applies.", Fact("price", "20 eur")),
        ("It arrives on Monday.", Fact("date", "monday")),
        ("We will call you tomorrow.", Fact("date", "tomorrow")),
        (
            "See https://shop.example.com/track?id=9 for details.",
            Fact("url", "https://shop.example.com/track?id=9"),
        ),
        ("Track it at example.com/track.", Fact("url", "example.com/track")),
        ("Write to help@shop.com please.", Fact("email", "help@shop.com")),
        ("I spoke to Maria about it.", Fact("name", "maria")),
        ("You need an RMA first.", Fact("name", "rma")),
        ("It takes three days.", Fact("number", "three")),
    ],
)
def test_facts_extracts_each_kind(text: str, fact: Fact) -> None:
    assert fact in extract_facts(text)


def test_facts_sentence_start_and_pronoun_are_not_names() -> None:
    facts = extract_facts("Thanks for waiting. I'll check it now. Sure, I can help.")
    assert not [f for f in facts if f.kind == "name"]


def test_facts_allowed_words_are_never_names() -> None:
    assert Fact("name", "bestellung") in extract_facts("Wo ist meine Bestellung?")
    assert not extract_facts("Wo ist meine Bestellung?", allowed_words=["bestellung"])


def test_facts_check_flags_invented_number_date_and_name() -> None:
    report = check_rewrite(
        "Your refund is done.",
        "Your refund of 20 EUR is done by Friday, Jane.",
        ["Where is my refund?"],
    )
    kinds = {f.kind for f in report.invented}
    assert kinds == {"price", "date", "name"}
    assert not report.ok


def test_facts_check_flags_a_lost_fact() -> None:
    report = check_rewrite("It ships on Monday from Leeds.", "It ships soon.", [])
    assert {f.value for f in report.missing} == {"monday", "leeds"}


def test_facts_check_accepts_facts_from_the_conversation_in_any_case() -> None:
    report = check_rewrite(
        "Done.",
        "Maria, your order 4451 is done.",
        ["Hi, this is maria, order 4451 is late"],
    )
    assert report.ok


def test_facts_check_allows_replaced_jargon_to_go() -> None:
    original = "Fill in the RMA."
    assert not check_rewrite(original, "Fill in the return form.", []).ok
    assert check_rewrite(original, "Fill in the return form.", [], replaced=["RMA"]).ok


def test_coach_facts_interjections_and_contractions_are_not_names() -> None:
    from servicemind.coach.facts import extract_facts

    found = extract_facts("@mark Haha, good one! @dan We're on it. Oh no, Wow.")
    assert not {f.value for f in found if f.kind == "name"} & {"haha", "we're", "oh", "wow"}


def test_facts_quick_paths_change_no_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    from importlib import resources

    from servicemind.coach import facts

    raw = resources.files("servicemind.demo").joinpath("conversations.jsonl").read_text("utf-8")
    texts = [t["text"] for line in raw.splitlines() for t in json.loads(line)["turns"]]
    texts += [
        "See http://localhost/status today",  # no dot: the "://" lets it through
        "Visit WWW.Example/help today",  # the dot of "www." lets it through
        "Try HTTPS://Example.org/a?b=1 or shop.CO.uk/returns by Friday",
        "Our page example.help has it; twelve items, Monday 3 May",
        "no address here. dots... and a.b.c but no domain",
        "İstanbul office: www.İst.com, Twelve at NOON",  # not lowerable
    ]
    texts += [t.upper() for t in texts]
    quick = [facts._extract_uncached(t, frozenset()) for t in texts]
    assert any(f.kind == "url" for got in quick for f in got)
    assert any(f.kind == "date" for got in quick for f in got)
    # the seams off: every text searched for an address, words matched case-insensitively
    monkeypatch.setattr(facts, "_URL_DOT", re.compile(""))
    monkeypatch.setattr(facts, "lowerable", lambda text: False)
    assert [facts._extract_uncached(t, frozenset()) for t in texts] == quick
