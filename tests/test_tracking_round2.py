"""Tracking, second round on a new writer's conversations (issue 5, trial 22t's kinds of
status error): a confirmation in other words ("has disappeared", "moved over fine", "ya me
la han devuelto") shows a promise kept, so a passed deadline does not break it; work done
"two days later than I told you" is late; a customer's own "attached as promised" keeps
the customer's promise, not the agent's; an agent's "as promised, ..." is not dated late by
the day it names; a written deadline the due phrase did not hold ("entro il 20 aprile",
"bis zum 15. Mai") still dates the promise. Minimal pairs in several languages.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from _agent_helpers import tracking_statuses as _statuses
from _agent_helpers import tracking_turn as _turn
from servicemind.analyse._tracking import (
    Promise,
    _went_ahead,
    _written_deadline,
    due_moment,
    outcomes,
    stated_day,
)


def _kept(text: str) -> bool:
    return "kept" in [o.status for o in outcomes(text)]


# -- confirmations in other words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "not_done"),
    [
        ("Just looked at the app, the late fee has disappeared.", "My signal has gone down again."),
        ("The late fee is gone, thanks.", "The late fee is still there."),
        ("Number moved over fine yesterday afternoon.", "Will the number move over fine?"),
        ("And the voucher did come through last week.", "The voucher never came through."),
        ("Money's in and I have the remittance.", "The payment is in progress."),
        ("CAD viewer is on my laptop this morning.", "CAD viewer is not on my laptop."),
        ("The credit is on the account already.", "ok, my number's on the account"),
        ("Picked up the new laptop from my desk.", "Can I pick up the laptop?"),
        ("La comisión ya me la han devuelto, perfecto.", "La comisión no me la han devuelto."),
        ("Fui a la cita esta mañana y ya tengo el permiso.", "No fui a la cita esta mañana."),
        ("Je suis allée au rendez-vous ce matin.", "Je ne peux pas aller au rendez-vous."),
        ("Ich war beim Termin heute früh.", "Ich kann nicht zum Termin kommen."),
    ],
)
def test_round2_a_confirmation_in_other_words_shows_it_kept(done: str, not_done: str) -> None:
    assert _kept(done)
    assert not _kept(not_done)


@pytest.mark.parametrize(
    ("later", "status"),
    [
        ("Just looked at the app, the late fee has disappeared. Appreciated!", "kept"),
        ("Just looked at the app, the late fee is still there.", "broken"),
    ],
)
def test_round2_a_confirmation_after_the_deadline_wins_over_it(later: str, status: str) -> None:
    got = _statuses(
        _turn(
            "customer", "I was charged a late fee because the ATM swallowed my card.", "04T12:10"
        ),
        _turn("agent", "Sorry about that. I'm removing the £12 late fee today.", "04T12:13"),
        _turn("customer", later, "05T08:05"),
    )
    assert [(s, rb) for _, _, s, rb in got] == [(status, 2)]


# -- done late, stated relative to the promise --------------------------------------------


@pytest.mark.parametrize(
    ("late", "on_time"),
    [
        (
            "The copy went out on 26 March, two days later than I told you.",
            "The copy went out on 26 March.",
        ),
        ("It was sent yesterday, later than promised.", "It was sent yesterday, as promised."),
        ("Das Paket ist angekommen, später als versprochen.", "Das Paket ist angekommen."),
        ("Le colis est arrivé, plus tard que prévu.", "Le colis est arrivé."),
        ("Lo he enviado hoy, más tarde de lo prometido.", "Lo he enviado hoy."),
    ],
)
def test_round2_work_done_later_than_told_is_late(late: str, on_time: str) -> None:
    assert [o.status for o in outcomes(late)] == ["broken"]
    assert [o.status for o in outcomes(on_time)] == ["kept"]


# -- whose "as promised" ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("own", "status"),
    [
        ("Our own logs are attached as promised.", "open"),
        ("Anbei unsere Protokolle, wie versprochen.", "open"),
        ("Got the audit report as promised, thanks.", "kept"),
    ],
)
def test_round2_the_customers_own_as_promised_keeps_their_promise(own: str, status: str) -> None:
    got = _statuses(
        _turn("customer", "Your outage cost us two hours of sales.", "09T09:00"),
        _turn("agent", "I'll send you the audit report by Friday.", "09T10:00"),
        _turn("customer", "Thanks. I will send our own logs tomorrow.", "09T10:30"),
        _turn("customer", own, "10T08:00"),
    )
    assert [s for _, text, s, _ in got if "audit" in text] == [status]


@pytest.mark.parametrize(
    ("update", "status"),
    [
        ("As promised, here's the update: engineering confirmed the bug yesterday.", "kept"),
        ("Here's the update: engineering confirmed the bug yesterday.", "broken"),
    ],
)
def test_round2_an_agents_as_promised_is_not_dated_late(update: str, status: str) -> None:
    got = _statuses(
        _turn("customer", "The CSV export lost its VAT column.", "02T09:00"),
        _turn("agent", "I'm escalating this to engineering today.", "02T10:00"),
        _turn("agent", update, "04T16:00"),
    )
    assert [s for _, _, s, _ in got] == [status]


# -- a written deadline the due phrase did not hold ---------------------------------------


@pytest.mark.parametrize(
    ("span", "month", "day"),
    [
        ("Le invieremo la bolletta corretta entro il 20 novembre.", 11, 20),
        ("Wir schicken Ihnen bis zum 15. November einen neuen Schlauch.", 11, 15),
        ("Ik stuur het uiterlijk 4 december op.", 12, 4),
        ("Nous vous l'enverrons avant le 12 novembre.", 11, 12),
    ],
)
def test_round2_a_written_deadline_dates_the_promise(span: str, month: int, day: int) -> None:
    made = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    due = _written_deadline(span, made)
    assert due is not None and (due.month, due.day) == (month, day)


@pytest.mark.parametrize(
    "span",
    [
        "Le invieremo la bolletta corretta il 20 novembre.",  # a day, no deadline word
        "Wir schicken Ihnen den Schlauch. Bis zum 15. November sind wir zu.",  # next sentence
        "Le invieremo la bolletta corretta entro il 20 ottobre.",  # already past
    ],
)
def test_round2_no_deadline_word_or_a_past_date_dates_nothing(span: str) -> None:
    assert _written_deadline(span, datetime(2026, 11, 2, 10, 0, tzinfo=UTC)) is None


@pytest.mark.parametrize(("asked", "status"), [("15T09:00", "open"), ("25T09:00", "broken")])
def test_round2_a_silent_written_deadline_breaks_the_promise(asked: str, status: str) -> None:
    got = _statuses(
        _turn("customer", "La bolletta di ottobre è sbagliata.", "02T09:00"),
        _turn("agent", "Le invieremo la bolletta corretta entro il 20 novembre.", "02T10:00"),
        _turn("customer", "Un'altra domanda: posso pagare con bonifico?", asked),
    )
    assert [s for _, _, s, _ in got] == [status]


# -- which promise a report is about -------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "refund", "reassurance"),
    [
        ("The kettle came, thanks. But there's no sign of the £4.99.", "broken", "open"),
        ("The kettle came, thanks. But there's no sign of the £7.50.", "kept", "broken"),
    ],
)
def test_round2_a_report_naming_an_amount_is_about_the_promise_of_that_amount(
    report: str, refund: str, reassurance: str
) -> None:
    got = _statuses(
        _turn("customer", "My kettle arrived with a cracked lid.", "02T10:02"),
        _turn(
            "agent",
            "A new kettle will be dispatched tomorrow. I'll also refund the £4.99 delivery charge.",
            "02T10:05",
        ),
        _turn("agent", "You won't be charged for the replacement.", "02T10:08"),
        _turn("customer", report, "09T18:40"),
    )
    by_text = {text: s for _, text, s, _ in got}
    assert by_text["I'll also refund the £4.99 delivery charge"] == refund
    assert [s for text, s in by_text.items() if "charged" in text] == [reassurance]


@pytest.mark.parametrize(
    ("report", "credit"),
    [
        ("It's half one and nobody has turned up.", "open"),  # the visit's kind
        ("It's half one and nothing has happened.", "broken"),  # no kind: the latest
    ],
)
def test_round2_a_miss_report_of_a_decided_kind_leaves_another_kind_alone(
    report: str, credit: str
) -> None:
    got = _statuses(
        _turn("customer", "My broadband has been dead since Saturday.", "09T09:00"),
        _turn("agent", "The engineer is booked for Tuesday between 8 and 12.", "09T09:02"),
        _turn("customer", "Tuesday tomorrow? Fine. Yes, the text just came through.", "09T09:04"),
        _turn(
            "agent", "You'll also get a £10 credit on your next bill for the outage.", "09T09:05"
        ),
        _turn("customer", report, "10T13:30"),
    )
    assert [s for _, text, s, _ in got if "credit" in text] == [credit]


# -- a promise to hold something, and a due phrase's clause -------------------------------


@pytest.mark.parametrize(
    ("promise", "status"),
    [
        ("Your direct debit will be held until the corrected bill is out.", "broken"),
        ("Your direct debit will be set up before the corrected bill is out.", "kept"),
    ],
)
def test_round2_a_held_thing_going_ahead_breaks_the_hold(promise: str, status: str) -> None:
    got = _statuses(
        _turn("customer", "My bill uses an estimated reading, please correct it.", "02T07:50"),
        _turn("agent", promise, "02T13:15"),
        _turn("customer", "The direct debit for the old amount went out yesterday.", "19T19:05"),
    )
    assert [s for _, _, s, _ in got] == [status]


@pytest.mark.parametrize(
    ("report", "went_ahead"),
    [
        ("The direct debit went out yesterday.", True),
        ("The direct debit went out yesterday as a zero payment, nothing was taken.", False),
    ],
)
def test_round2_a_hold_is_kept_by_a_report_that_it_held(report: str, went_ahead: bool) -> None:
    hold = Promise(turn=1, text="Your direct debit will be held until then.", due_time=None)
    (sign,) = outcomes(report)
    assert _went_ahead(sign, hold) is went_ahead


@pytest.mark.parametrize(
    ("text", "due", "hour"),
    [
        ("I'm escalating it now and I'll update you by Thursday.", "now", None),
        ("Je transmets maintenant et je vous écris vendredi.", "maintenant", None),
        # the clock time in the rest of the clause is taken ("by tomorrow" alone is end of day)
        ("I'll call you by tomorrow 12:00 with the answer.", "by tomorrow", 12),
    ],
)
def test_round2_a_due_phrase_does_not_take_the_next_promises_time(
    text: str, due: str, hour: int | None
) -> None:
    made = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    moment = due_moment(text, 0, due, made)
    assert (moment.hour if moment is not None else None) == hour


# -- moved before it was due, the new time not read as a promise --------------------------


@pytest.mark.parametrize(
    ("promise", "moved", "status"),
    [
        (
            "Il tecnico verrà martedì 17 novembre tra le 9 e le 13.",
            "Il tecnico non potrà venire domani: verrà invece mercoledì 18 novembre.",
            "open",
        ),
        (
            "Il tecnico verrà martedì 17 novembre tra le 9 e le 13.",
            "Il tecnico non potrà venire domani.",
            "broken",
        ),
        (
            "The engineer will come on Tuesday 17 November between 9 and 1.",
            "The engineer visit has been moved to Wednesday morning.",
            "open",
        ),
    ],
)
def test_round2_an_agent_moving_a_promise_keeps_it_open(
    promise: str, moved: str, status: str
) -> None:
    got = _statuses(
        _turn("customer", "Il contatore perde acqua.", "09T09:00"),
        _turn("agent", promise, "09T12:00"),
        _turn("agent", moved, "16T16:00"),
        _turn("customer", "Un'altra domanda sulla bolletta.", "20T09:00"),
    )
    assert [s for t, _, s, _ in got if t == 1] == [status]


def test_round2_a_shared_month_does_not_name_the_promise_moved() -> None:
    got = _statuses(
        _turn("customer", "La bolletta è sbagliata.", "09T09:00"),
        _turn("agent", "Le invieremo la bolletta corretta entro il 13 novembre.", "09T12:00"),
        _turn("agent", "Il tecnico verrà invece mercoledì 18 novembre.", "10T16:00"),
        _turn("customer", "Un'altra domanda.", "20T09:00"),
    )
    assert [s for t, text, s, _ in got if "bolletta" in text] == ["broken"]


# -- review fixes ----------------------------------------------------------------------------


def test_round2_a_verb_put_back_names_only_the_promise_made_with_it() -> None:
    # "works now" keeps "so it works again", not "the workaround doc" promised beside it
    got = _statuses(
        _turn("customer", "The server keeps crashing.", "02T09:00"),
        _turn(
            "agent",
            "I will restart the server so it works again, and I will send you the workaround "
            "doc by Friday.",
            "02T09:05",
        ),
        _turn("customer", "Works now, thanks.", "02T09:30"),
    )
    status = {text: s for _, text, s, _ in got}
    restart = next(t for t in status if "restart" in t)
    doc = next(t for t in status if "workaround" in t)
    assert status[restart] == "kept"
    assert status[doc] == "open"


@pytest.mark.parametrize(
    ("sentence", "is_day"),
    [
        ("Recebi a sexta parcela ontem.", False),
        ("Chegou a segunda caixa.", False),
        ("Chegou na sexta.", True),
        ("Chegou sexta-feira de manhã.", True),
    ],
)
def test_round2_a_portuguese_ordinal_is_no_weekday(sentence: str, is_day: bool) -> None:
    at = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert (stated_day(sentence, at) is not None) is is_day
