"""Tracking: what a later sentence really says about a promise (tracking guidelines v2, §2).

Minimal pairs: an agent's admission or retraction breaks a promise, a report of it done
keeps it; a sentence that names as there what the promise said would not be there breaks
it; agreeing to a plan, a negated cue or a clause of what is still to come shows nothing;
completion is read in paraphrases and in es / fr / de / it / nl / pt; the clock time of a
scheduled event inside a promise is not its due time.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from _agent_helpers import make_doc
from servicemind.analyse._tracking import due_moment, outcomes, stems
from servicemind.analyse.commitments import CommitmentAnalyser


def _turn(role: str, text: str, time: str | None = None) -> dict[str, str]:
    d = {"role": role, "text": text}
    if time is not None:
        d["time"] = f"2026-11-{time}:00+00:00"  # "DDTHH:MM"
    return d


def _status(*turns: dict[str, str]) -> tuple[str, int | None]:
    """(status, resolved_by) of the one commitment the conversation holds."""
    doc = make_doc(list(turns))
    CommitmentAnalyser().annotate([doc])
    found = [
        (c["status"], c["resolved_by"])
        for _, agent in doc.iter_agent()
        for c in agent["commitments"]
    ]
    assert len(found) == 1, found
    return found[0]


# -- the agent side admits or retracts ------------------------------------------------


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("Apologies, I didn't get to email the quote yesterday.", ("broken", 2)),
        ("So sorry, I was unable to email the quote on time.", ("broken", 2)),
        ("As promised, I've emailed you the quote.", ("kept", 2)),
    ],
)
def test_admissions_an_agent_admitting_a_miss_breaks_the_promise(
    later: str, expected: tuple[str, int]
) -> None:
    got = _status(
        _turn("customer", "Can I have a quote for the roof repair?"),
        _turn("agent", "I'll email you the quote tomorrow."),
        _turn("agent", later),
    )
    assert got == expected


def test_admissions_a_customer_who_could_not_do_something_admits_nothing() -> None:
    # "wasn't able to" is the agent side's admission only: the customer's own step here
    got = _status(
        _turn("customer", "Can I have a quote for the roof repair?"),
        _turn("agent", "I'll email you the quote tomorrow."),
        _turn("customer", "I wasn't able to find the quote form on your site."),
    )
    assert got == ("open", None)


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        (
            "I have to correct what my colleague said: we can't refund the delivery charge.",
            ("broken", 2),
        ),
        ("The refund of the delivery charge was offered in error, I'm sorry.", ("broken", 2)),
        ("My colleague was right: we have refunded the delivery charge.", ("kept", 2)),
    ],
)
def test_admissions_a_later_agents_retraction_breaks_the_promise(
    later: str, expected: tuple[str, int]
) -> None:
    got = _status(
        _turn("customer", "You charged me delivery on a free-delivery order."),
        _turn("agent", "I'll refund the delivery charge to your card."),
        _turn("agent", later),
    )
    assert got == expected


@pytest.mark.parametrize(
    ("promise", "later", "expected"),
    [
        ("Le enviaré la factura mañana.", "Lo siento, no pude enviar la factura ayer.", "broken"),
        ("Le enviaré la factura mañana.", "Listo, le he enviado la factura.", "kept"),
        (
            "Je vous envoie la facture demain.",
            "Désolée, je n'ai pas pu envoyer la facture hier.",
            "broken",
        ),
        (
            "Je vous envoie la facture demain.",
            "Comme promis, je vous ai envoyé la facture.",
            "kept",
        ),
        (
            "Le invierò la fattura domani.",
            "Mi dispiace, non sono riuscita a inviare la fattura ieri.",
            "broken",
        ),
        ("Le invierò la fattura domani.", "Le ho appena inviato la fattura.", "kept"),
    ],
)
def test_admissions_in_other_languages(promise: str, later: str, expected: str) -> None:
    got = _status(
        _turn("customer", "I need my invoice please."),
        _turn("agent", promise),
        _turn("agent", later),
    )
    assert got == (expected, 2)


# -- a sentence that says the opposite is no kept sign -----------------------------------


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("The statement arrived and it includes a 12 euro cancellation fee.", ("broken", 2)),
        ("The statement arrived, there's a cancellation fee of 12 euro on it.", ("broken", 2)),
        ("The statement arrived with no cancellation fee, thanks.", ("kept", 2)),
        ("The statement arrived, the cancellation fee was waived. Thanks!", ("kept", 2)),
    ],
)
def test_admissions_a_fee_named_after_a_no_fee_promise_breaks_it(
    later: str, expected: tuple[str, int]
) -> None:
    got = _status(
        _turn("customer", "Will I be charged for cancelling my plan this month?"),
        _turn("agent", "Your next statement will come with no cancellation fee on it."),
        _turn("customer", later),
    )
    assert got == expected


def test_admissions_a_question_about_the_fee_shows_nothing() -> None:
    got = _status(
        _turn("customer", "Will I be charged for cancelling my plan this month?"),
        _turn("agent", "Your next statement will come with no cancellation fee on it."),
        _turn("customer", "Will the statement show the cancellation fee as a separate line?"),
    )
    assert got == ("open", None)


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("I'll move my savings elsewhere as soon as the account is unlocked.", ("open", None)),
        ("I'll close the account once it is unlocked.", ("open", None)),
        ("The account is unlocked now, thanks.", ("kept", 2)),
    ],
)
def test_admissions_a_clause_still_to_come_is_no_outcome(
    later: str, expected: tuple[str, int | None]
) -> None:
    got = _status(
        _turn("customer", "My account is locked."),
        _turn("agent", "I'll get the account unlocked for you."),
        _turn("customer", later),
    )
    assert got == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("It's working now.", True),
        ("It's not working now.", False),
        ("The router is back online again.", True),
        ("The router is never online again for long.", False),
    ],
)
def test_admissions_a_negated_kept_cue_is_no_kept_sign(text: str, kept: bool) -> None:
    assert any(o.status == "kept" for o in outcomes(text)) is kept


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("Thursday it is.", ("open", None)),
        ("Ok, see you then.", ("open", None)),
        ("The engineer came on Thursday and it's fixed.", ("kept", 2)),
    ],
)
def test_admissions_agreeing_to_a_plan_is_no_outcome(
    later: str, expected: tuple[str, int | None]
) -> None:
    got = _status(
        _turn("customer", "My boiler is leaking.", "23T09:00"),
        _turn("agent", "The engineer will come on Thursday.", "23T09:05"),
        _turn("customer", later, "23T09:10" if expected[0] == "open" else "26T18:00"),
    )
    assert got == expected


# -- completion in other words and other languages ---------------------------------------


@pytest.mark.parametrize(
    ("promise", "later"),
    [
        (
            "I've booked you a fitting at the Oak Road branch for Saturday.",
            "I went to the fitting on Saturday and picked up the suit, thank you.",
        ),
        (
            "Je vous rappelle demain matin pour confirmer la livraison.",
            "Merci pour votre rappel de ce matin, tout est clair.",
        ),
        (
            "Riceverà il codice di attivazione via email entro un'ora.",
            "Codice ricevuto, grazie mille.",
        ),
        (
            "Je krijgt het bedrag binnen twee dagen teruggestort.",
            "Het bedrag is bijgeschreven, dank je wel.",
        ),
        ("Le envío ahora la confirmación a su correo.", "Gracias por el correo, ya lo tengo."),
        ("Ich rufe Sie morgen früh zurück.", "Danke für den Rückruf heute Morgen."),
        ("O reembolso entra na sua conta até sexta-feira.", "Recebi o reembolso, obrigado."),
    ],
)
def test_admissions_completion_in_paraphrase_and_other_languages_is_kept(
    promise: str, later: str
) -> None:
    got = _status(
        _turn("customer", "Hello, I need help with this.", "20T09:00"),
        _turn("agent", promise, "20T09:05"),
        _turn("customer", later, "28T12:00"),  # after any due time: the kept sign decides
    )
    assert got == ("kept", 2)


def test_admissions_a_line_connected_for_minutes_is_kept_a_dropping_one_is_not() -> None:
    def later(text: str) -> tuple[str, int | None]:
        return _status(
            _turn("customer", "The VPN keeps dropping."),
            _turn("agent", "I'll reconnect your line this afternoon."),
            _turn("customer", text),
        )

    assert later("Connected 20 minutes now without a single drop.") == ("kept", 2)
    assert later("Still drops every few minutes.")[0] != "kept"


# -- words that tie a sentence to a promise ------------------------------------------------


def test_admissions_a_two_letter_capitalised_word_ties_a_sentence_to_its_promise() -> None:
    assert "dm" in stems("Got the DM, thanks.")
    assert "ok" not in stems("OK, thanks.")


def test_admissions_a_handle_ties_nothing() -> None:
    assert not stems("@Bezorger") & stems("de bezorger stond vast")
    assert stems("Bezorger") & stems("de bezorger stond vast")


# -- the time of a scheduled event is not the due time ---------------------------------------

_MADE = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "due", "expected"),
    [
        ("Your bag is on tomorrow's 07:10 flight.", "tomorrow", "2026-11-21T23:59:59"),
        ("I've booked an appointment tomorrow at 9am for you.", "tomorrow", "2026-11-21T23:59:59"),
        ("I'll call you tomorrow at 9am.", "tomorrow", "2026-11-21T09:00:00"),
        ("The refund goes out tomorrow 12:00.", "tomorrow", "2026-11-21T12:00:00"),
    ],
)
def test_admissions_an_events_clock_time_is_not_the_due_time(
    text: str, due: str, expected: str
) -> None:
    got = due_moment(text, 0, due, _MADE)
    assert got is not None and got.replace(tzinfo=None).isoformat() == expected


# -- reports of a miss in other words -------------------------------------------------------


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("Nothing's arrived in my bank yet.", ("broken", 2)),
        ("The money has arrived in my bank.", ("kept", 2)),
        ("Nobody's come back to me about it.", ("broken", 2)),
    ],
)
def test_admissions_nothing_has_arrived_is_a_miss(
    later: str, expected: tuple[str, int | None]
) -> None:
    got = _status(
        _turn("customer", "Where is my deposit?", "20T09:00"),
        _turn("agent", "The deposit will be back in your bank account by Friday.", "20T09:05"),
        _turn("customer", later, "30T10:00"),
    )
    assert got == expected


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("Got a statement today: the account is still open.", ("broken", 2)),
        ("Got a statement today: the account is closed now.", ("kept", 2)),
    ],
)
def test_admissions_still_open_contradicts_a_closure(
    later: str, expected: tuple[str, int | None]
) -> None:
    got = _status(
        _turn("customer", "Please close my savings account.", "20T09:00"),
        _turn("agent", "Your account will be closed by 25 November.", "20T09:05"),
        _turn("customer", later, "27T10:00"),
    )
    assert got == expected


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("Sorry, the old points didn't carry over to the new card.", "broken"),
        ("The old points have been transferred to the new card.", "kept"),
    ],
)
def test_admissions_an_agents_report_that_a_step_did_not_go_through(
    later: str, expected: str
) -> None:
    got = _status(
        _turn("customer", "I have a new loyalty card."),
        _turn("agent", "I'll move your old points to the new card."),
        _turn("agent", later),
    )
    assert got == (expected, 2)


@pytest.mark.parametrize(
    ("promise", "later", "expected"),
    [
        (
            "Le cancelo la suscripción ahora mismo.",
            "¿No estaba cancelada la suscripción?",
            "broken",
        ),
        (
            "Le cancelo la suscripción ahora mismo.",
            "Gracias, la suscripción ya está cancelada.",
            "kept",
        ),
        (
            "Un bon repas sera ajouté à votre réservation.",
            "Pas de bon repas dans la réservation.",
            "broken",
        ),
        (
            "Un bon repas sera ajouté à votre réservation.",
            "Pas de problème pour la réservation.",
            "open",
        ),
        (
            "Your 800 points will all be on the new card.",
            "Only 500 points on the new card.",
            "broken",
        ),
    ],
)
def test_admissions_partial_or_missing_in_several_languages(
    promise: str, later: str, expected: str
) -> None:
    got = _status(
        _turn("customer", "Hello."),
        _turn("agent", promise),
        _turn("customer", later),
    )
    assert got == ((expected, 2) if expected != "open" else ("open", None))


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("The statement arrived with no late fee on it, thanks.", "kept"),
        ("The statement arrived two days late.", "broken"),
    ],
)
def test_admissions_a_late_fee_does_not_say_it_came_late(later: str, expected: str) -> None:
    got = _status(
        _turn("customer", "I paid my bill late, will I be charged?"),
        _turn("agent", "Your next statement will waive the late fee."),
        _turn("customer", later),
    )
    assert got == (expected, 2)
