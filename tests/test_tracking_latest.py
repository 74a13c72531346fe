"""Tracking: the latest decisive evidence and miss reports in the customer's own words
(tracking guidelines v2, §2; issue 5, trial 21).

Minimal pairs: a customer's later report that a promise shown kept by a weak sign (a
sentence naming nothing, the agent's word) was not done, naming what it promised, makes it
broken (not an agent's admission about another thing, not a report that fits a newer open
promise; a customer's confirmation naming the promise still decides, as
``test_commitment_tracking`` checks); negated miss reports in en / es / fr / de / it /
nl / pt are broken, their plain forms kept; a modal before a kept cue ("should have
updated") is no kept sign; a word of moving moves only the promise it belongs to;
"appeared" in other languages is a kept sign.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from _agent_helpers import tracking_statuses as _statuses
from _agent_helpers import tracking_turn as _turn
from servicemind.analyse._tracking import outcomes, stated_day

# -- the latest decisive evidence wins ------------------------------------------------


@pytest.mark.parametrize(
    ("promise", "first", "later", "expected"),
    [
        (
            "I'll credit 15 pounds to your next bill.",
            "Got the call about it, thanks.",
            "My bill arrived today and there's no credit on it at all.",
            ("broken", 3),
        ),
        (
            "I'll credit 15 pounds to your next bill.",
            "Got the call about it, thanks.",
            "My bill arrived today, all fine.",
            ("kept", 2),
        ),
        (
            "Le reembolsaremos los gastos de envío.",
            "Ya me llegó, ¡gracias!",
            "Por cierto, sigo sin ver el reembolso.",
            ("broken", 3),
        ),
        (
            "Le reembolsaremos los gastos de envío.",
            "Ya me llegó, ¡gracias!",
            "Por cierto, todo bien.",
            ("kept", 2),
        ),
    ],
)
def test_latest_a_miss_report_naming_a_kept_promise_breaks_it(
    promise: str, first: str, later: str, expected: tuple[str, int]
) -> None:
    got = _statuses(
        _turn("customer", "The outage lasted two days.", "02T09:00"),
        _turn("agent", promise, "02T09:05"),
        _turn("customer", first, "02T10:00"),
        _turn("customer", later, "20T10:00"),
    )
    assert [(s, rb) for _, _, s, rb in got] == [expected]


def test_latest_an_agents_admission_does_not_reopen_a_kept_promise() -> None:
    got = _statuses(
        _turn("customer", "My laptop won't boot.", "03T09:10"),
        _turn("agent", "I'll have a loaner laptop at your desk by 11.", "03T09:14"),
        _turn("customer", "Loaner's here, all good.", "03T10:58"),
        _turn("agent", "Sorry, I wasn't able to get to your laptop today.", "04T16:30"),
    )
    assert [(s, rb) for _, _, s, rb in got] == [("kept", 2)]


@pytest.mark.parametrize(
    ("newer", "expected"),
    [
        # the report fits the newer open promise ("collect the loaner"): the kept one stays
        ("I'll collect the loaner on Monday.", [("kept", 2), ("broken", 4)]),
        # no newer promise fits it: the kept one is reopened
        ("Have a good weekend.", [("broken", 4)]),
    ],
)
def test_latest_a_report_fitting_a_newer_open_promise_is_about_that_one(
    newer: str, expected: list[tuple[str, int]]
) -> None:
    got = _statuses(
        _turn("customer", "My laptop won't boot.", "03T09:10"),
        _turn("agent", "I'll have a loaner laptop at your desk by 11.", "03T09:14"),
        _turn("customer", "Got it, thanks.", "03T10:58"),
        _turn("agent", newer, "06T11:50"),
        _turn("customer", "The loaner is still on my desk, nobody came for it.", "09T17:30"),
    )
    assert [(s, rb) for _, _, s, rb in got] == expected


# -- miss reports in the customer's own negated words ------------------------------------


@pytest.mark.parametrize(
    ("miss", "done"),
    [
        ("Waited in all day, the courier never showed.", "The courier showed up at noon."),
        ("And no one from the depot ever called.", "Someone from the depot called me."),
        ("Any updates? Nothing posted here.", "The update was posted here."),
        ("Il voucher invece non l'ho mai visto.", "Il voucher l'ho ricevuto."),
        ("Non ho ancora ricevuto il rimborso.", "Ho ricevuto il rimborso."),
        ("No he recibido el reembolso.", "He recibido el reembolso."),
        ("Je n'ai toujours pas reçu le remboursement.", "J'ai bien reçu le remboursement."),
        ("Ich habe noch keine Gutschrift erhalten.", "Die Gutschrift ist eingegangen."),
        ("Niemand heeft gebeld.", "Het geld is bijgeschreven."),
        ("O cupom nunca chegou.", "O cupom chegou."),
    ],
)
def test_latest_negated_miss_reports_are_broken_their_plain_forms_kept(
    miss: str, done: str
) -> None:
    assert [o.status for o in outcomes(miss)] == ["broken"]
    assert [o.status for o in outcomes(done)] == ["kept"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Sorry, we should have updated you sooner.", False),
        ("Good news, we have updated your account.", True),
    ],
)
def test_latest_a_modal_before_a_kept_cue_is_no_kept_sign(text: str, kept: bool) -> None:
    assert any(o.status == "kept" for o in outcomes(text)) is kept


# -- a word of moving belongs to its own promise -------------------------------------------


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # "rebooked" is the collection's: the cushion promise is still judged, and kept
        (
            "I've rebooked the collection for Saturday, 8-12, and we'll send the "
            "replacement cushion out today.",
            "kept",
        ),
        # the cushion promise itself is moved: the old one is no longer judged
        ("We'll send the replacement cushion instead on Monday.", "open"),
    ],
)
def test_latest_a_word_of_moving_moves_only_its_own_promise(second: str, expected: str) -> None:
    got = _statuses(
        _turn("customer", "The sofa cushion came ripped.", "06T12:00"),
        _turn("agent", "We'll arrange a replacement cushion.", "06T12:20"),
        _turn("agent", second, "06T12:50"),
        _turn("customer", "New cushion arrived today, looks perfect.", "14T18:00"),
    )
    assert got[0][1] == "We'll arrange a replacement cushion"
    assert got[0][2] == expected


# -- "appeared" ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Cupom apareceu aqui, valeu!", True),
        ("El cupón apareció esta mañana.", True),
        ("Le bon est apparu ce matin.", True),
        ("Cupom ainda não apareceu.", False),
    ],
)
def test_latest_appeared_in_other_languages_is_kept(text: str, kept: bool) -> None:
    assert any(o.status == "kept" for o in outcomes(text)) is kept


# -- "no need" is an answer, not a miss ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("No hace falta: no tendrá que devolver el cargador defectuoso.", []),
        ("No te preocupes, el cargador va en camino.", []),
        ("No ha llegado el cargador.", ["broken"]),
    ],
)
def test_latest_no_need_in_other_languages_is_no_outcome(text: str, statuses: list[str]) -> None:
    assert [o.status for o in outcomes(text)] == statuses


# -- done late: the day a sentence names, in the clause about the promise -------------------


def test_latest_stated_day_is_the_latest_such_day_before() -> None:
    at = datetime(2026, 8, 27, 9, 0)  # a Thursday
    assert stated_day("The bin was collected on Tuesday", at) == datetime(2026, 8, 25)
    assert stated_day("It came on Thursday", at) == datetime(2026, 8, 20)  # last week's
    assert stated_day("Refund arrived on the 8th", at) == datetime(2026, 8, 8)
    assert stated_day("Refund arrived on the 30th", at) == datetime(2026, 7, 30)
    assert stated_day("It arrived, thanks", at) is None


_BIN = "A crew will collect your recycling tomorrow."
_REFUND = "I'll refund the second charge tomorrow."


@pytest.mark.parametrize(
    ("promise", "later", "expected"),
    [
        # "yesterday" dates the call, not the collection: on time
        (_BIN, "The bin was collected on Tuesday and the manager rang yesterday.", "kept"),
        # collected two days after the due day: done late
        (_BIN, "The bin was collected on Thursday, finally someone rang yesterday.", "broken"),
        (_BIN, "The bin was collected on Thursday.", "broken"),
        # a day after the due day is late too (trial 21's reviewers): the collection itself
        # was promised, not money that shows a day after it is sent
        (_BIN, "The bin was collected on Wednesday.", "broken"),
        (_BIN, "The bin was collected on Tuesday.", "kept"),
        # money shows a day after it is sent: a day's margin for a refund promise
        (_REFUND, "The refund was back on my card on Wednesday.", "kept"),
        (_REFUND, "The refund was back on my card on Thursday.", "broken"),
    ],
)
def test_latest_a_named_day_after_the_due_day_is_done_late(
    promise: str, later: str, expected: str
) -> None:
    got = _statuses(
        _turn("customer", "Our recycling wasn't collected, and I was charged twice.", "23T12:00"),
        _turn("agent", promise, "23T12:10"),  # Monday
        _turn("customer", later, "27T09:00"),
    )
    assert [s for _, _, s, _ in got] == [expected]


# -- the promise's own action, said done ----------------------------------------------------


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("Your laptop is reimaged, with your files restored.", ("kept", 2)),
        ("Your laptop is not reimaged yet, sorry.", ("open", None)),
        ("Should the laptop be reimaged?", ("open", None)),
    ],
)
def test_latest_the_promises_own_verb_in_the_past_shows_it_done(
    later: str, expected: tuple[str, int | None]
) -> None:
    got = _statuses(
        _turn("customer", "My laptop won't boot.", "03T09:10"),
        _turn("agent", "I'll reimage your laptop on Friday.", "03T09:14"),
        _turn("agent", later, "05T11:50"),
    )
    assert [(s, rb) for _, _, s, rb in got] == [expected]


# -- a promise opening with "it": the sentence before names the thing ------------------------


@pytest.mark.parametrize(
    ("promise", "expected"),
    [
        # "it" is the bag: "still no bag" is about this promise, and after its due moment
        (
            "The bag has been located. It will be delivered to your hotel tomorrow by 6pm.",
            ("broken", 2),
        ),
        # nothing ties "still no bag" to the promise: "came at 1am" decides it, done late
        (
            "The flight was full. A parcel will be delivered to your hotel tomorrow by 6pm.",
            ("broken", 3),
        ),
    ],
)
def test_latest_a_promise_opening_with_it_is_about_the_thing_before(
    promise: str, expected: tuple[str, int]
) -> None:
    got = _statuses(
        _turn("customer", "My bag didn't arrive.", "20T15:00"),
        _turn("agent", promise, "20T15:04"),
        _turn("customer", "Still no bag, it's 7.30pm.", "21T19:30"),
        _turn("customer", "Bag came at 1am, thanks.", "22T08:00"),
    )
    assert [(s, rb) for _, _, s, rb in got] == [expected]
