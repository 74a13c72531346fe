"""Tracking: which promise a later sentence is about, and what it shows, by kind rather than
by phrase (tracking guidelines v2, §2; issue 5, trial 21's whole conversations).

Minimal pairs in several languages: a miss report in the customer's own words and word
order ("gestern hat mich niemand angerufen", "aucun remboursement", "pas d'avis", "n'est
jamais venu", "haven't had any email") is broken, the plain report kept; the same kind of
action in other words ties a sentence to a promise ("angerufen" to "ich rufe Sie zurück");
other languages' function words ("votre", "unser") tie nothing; a miss report naming one
promise by its own words is about that one, not another sharing only its kind; a sentence
naming a promise already decided decides nothing about another of its kind made with it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from _agent_helpers import tracking_statuses as _statuses
from _agent_helpers import tracking_turn as _turn
from servicemind.analyse._tracking import outcomes, stated_day, stems


def _one(problem: str, promise: str, later: str, times: tuple[str, str]) -> str:
    """The status of the one promise of a conversation: a problem (a minute before the
    promise), the promise and a later customer turn, at ``times``."""
    promised, answered = times
    minute_before = f"{promised[:-2]}{int(promised[-2:]) - 1:02d}"
    got = _statuses(
        _turn("customer", problem, minute_before),
        _turn("agent", promise, promised),
        _turn("customer", later, answered),
    )
    assert len(got) == 1
    return got[0][2]


# -- miss reports in the customer's own words -------------------------------------------


@pytest.mark.parametrize(
    ("miss", "plain"),
    [
        ("Gestern hat mich niemand angerufen.", "Gestern hat mich Frau Wolf angerufen."),
        ("Ayer no me ha llamado nadie.", "Ayer me ha llamado Ana."),
        ("Le technicien n'est jamais venu ce matin.", "Le technicien est venu ce matin."),
        ("La facture est là : aucun remboursement.", "La facture est là, avec le remboursement."),
        ("Paiement reçu. Pas d'avis de virement.", "Paiement reçu. L'avis de virement aussi."),
        ("I haven't had any email or refund.", "I've had the email and the refund."),
        ("Heeft niemand me gebeld vandaag.", "Jan heeft me gebeld vandaag."),
    ],
)
def test_kinds_a_miss_report_in_own_words_is_broken(miss: str, plain: str) -> None:
    assert "broken" in [o.status for o in outcomes(miss)]
    assert "broken" not in [o.status for o in outcomes(plain)]


def test_kinds_a_call_in_other_words_is_the_same_kind() -> None:
    assert stems("gestern hat mich niemand angerufen") & stems("Ich rufe Sie morgen zurück")
    assert stems("Merci pour votre appel") & stems("Je vous rappelle demain")
    # function words tie nothing: "votre" in a thanks and in a promise
    assert not stems("Merci pour votre aide") & stems("votre prochaine facture")


@pytest.mark.parametrize(
    ("report", "expected"),
    [("Gestern hat mich niemand angerufen.", "broken"), ("Danke für den Anruf gestern.", "kept")],
)
def test_kinds_a_callback_promise_follows_the_report_in_other_words(
    report: str, expected: str
) -> None:
    got = _statuses(
        _turn("customer", "Meine Karte wurde eingezogen.", "08T09:00"),
        _turn("agent", "Ich rufe Sie morgen zurück.", "08T11:00"),
        _turn("customer", report, "10T08:00"),
    )
    assert [(t, s, r) for t, _, s, r in got] == [(1, expected, 2)]


@pytest.mark.parametrize(
    ("report", "refund", "voucher"),
    [
        # the voucher is named: the refund (the same kind, money) is not reported missing
        ("The refund came on the 4th. The voucher never came though.", "kept", "broken"),
        ("The voucher came on the 4th. The refund never came though.", "broken", "kept"),
        ("Il rimborso è arrivato. Il voucher invece non l'ho mai visto.", "kept", "broken"),
    ],
)
def test_kinds_a_miss_report_is_about_the_promise_it_names(
    report: str, refund: str, voucher: str
) -> None:
    promise = (
        "Il rimborso verrà accreditato entro martedì. Le aggiungiamo anche un voucher da 50 euro."
        if report.startswith("Il")
        else "The refund will be on your card by Tuesday. I'm also adding a 50 euro voucher."
    )
    got = _statuses(
        _turn("customer", "My flight was cancelled.", "02T09:00"),
        _turn("agent", promise, "02T09:10"),
        _turn("customer", report, "06T19:00"),
    )
    assert [s for _, _, s, _ in got] == [refund, voucher]


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        # the admission names the voucher, decided already: the refund is not touched
        ("Sorry, I wasn't able to add the voucher last night. It's there now.", ("open", None)),
        ("Sorry, I wasn't able to process the refund last night.", ("broken", 4)),
    ],
)
def test_kinds_news_of_a_decided_promise_leaves_its_sibling_alone(
    later: str, expected: tuple[str, int | None]
) -> None:
    got = _statuses(
        _turn("customer", "The garlic bread is missing.", "12T19:40"),
        _turn(
            "agent",
            "I'll add a 10 pound voucher to your account within the next hour. "
            "The refund will be back on your card in 3-5 working days.",
            "12T19:43",
        ),
        _turn("customer", "No voucher in my account this morning.", "13T10:00"),
        _turn("customer", "Any news?", "13T10:01"),
        _turn("agent", later, "13T10:05"),
    )
    assert got[0][2:] == ("broken", 2)
    assert got[1][2:] == expected


# -- a vague word of lateness, a promise that something will not happen ------------------


@pytest.mark.parametrize(
    ("promise", "later", "day", "expected"),
    [
        # "finally" past the due moment is late; before it, or with no due moment, relief
        ("I'll refund it by tomorrow.", "Finally got the refund, thanks.", "05", "broken"),
        ("I'll refund it by tomorrow.", "Finally got the refund, thanks.", "03", "kept"),
        ("I'll refund it.", "Finally got the refund, thanks.", "05", "kept"),
        ("Ich erstatte es bis morgen.", "Endlich ist die Erstattung angekommen.", "05", "broken"),
        ("Ich erstatte es bis morgen.", "Endlich ist die Erstattung angekommen.", "03", "kept"),
    ],
)
def test_kinds_finally_is_late_only_past_the_due_moment(
    promise: str, later: str, day: str, expected: str
) -> None:
    assert _one("I was charged twice.", promise, later, ("02T09:05", f"{day}T08:00")) == expected


@pytest.mark.parametrize(
    ("promise", "later", "expected"),
    [
        ("You won't see roaming charges again.", "No roaming charges on this bill.", "kept"),
        ("You won't see roaming charges again.", "Another 30 pounds of roaming on it.", "broken"),
        ("Ya no se le cobrará el roaming.", "Ningún cargo de roaming en la factura.", "kept"),
        ("Ya no se le cobrará el roaming.", "Otra vez me cobraron el roaming.", "broken"),
    ],
)
def test_kinds_a_promise_that_something_stops_is_kept_by_its_absence(
    promise: str, later: str, expected: str
) -> None:
    assert _one("I was charged for roaming.", promise, later, ("02T09:05", "30T08:00")) == expected


# -- done late by a stated time taken --------------------------------------------------------


@pytest.mark.parametrize(
    ("promise", "later", "expected"),
    [
        (
            "The driver will be with you in 10 minutes.",
            "Driver just arrived. 30+ minutes, not 10.",
            "broken",
        ),
        ("The driver will be with you in 10 minutes.", "Driver just arrived, thanks.", "kept"),
        (
            "The driver will be with you in 45 minutes.",
            "Driver arrived after 30 minutes, thanks.",
            "kept",
        ),
        ("El repartidor llegará en 20 minutos.", "Ya llegó, después de 2 horas.", "broken"),
        ("El repartidor llegará en 20 minutos.", "Ya llegó, gracias.", "kept"),
    ],
)
def test_kinds_a_stated_time_taken_past_the_promised_interval_is_late(
    promise: str, later: str, expected: str
) -> None:
    assert (
        _one("My order is 50 minutes late.", promise, later, ("12T19:07", "12T19:40")) == expected
    )


# -- a confirmation in other words, a future is no confirmation -----------------------------


@pytest.mark.parametrize(
    ("shown", "not_shown"),
    [
        ("Yep, I see it now. Thanks.", "I can't see it now."),
        ("Ya lo veo, gracias.", "No lo veo."),
        ("Ik zie het nu staan.", "Ik zie het nog niet."),
        ("The 204 pounds is already back in my account.", "The 204 pounds is not back yet."),
        ("Delivered this morning as agreed.", "We will deliver the order on 8 December as agreed."),
        ("Sie ist wie vereinbart angekommen.", "Sie wird wie vereinbart angekommen sein."),
    ],
)
def test_kinds_a_confirmation_in_other_words_and_a_future_that_is_none(
    shown: str, not_shown: str
) -> None:
    assert [o.status for o in outcomes(shown)] == ["kept"]
    assert "kept" not in [o.status for o in outcomes(not_shown)]


# -- the cue word names nothing; a decided promise's sibling is not its context -------------


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        # "works" shows something done; it does not name "the workaround doc"
        ("Works now, thank you.", [("broken", 2), ("open", None), ("kept", 4)]),
        ("Got the workaround doc, thank you.", [("broken", 2), ("kept", 4), ("open", None)]),
    ],
)
def test_kinds_the_cue_word_and_a_decided_sibling_name_nothing(
    later: str, expected: list[tuple[str, int | None]]
) -> None:
    got = _statuses(
        _turn("customer", "Our trial expired yesterday.", "16T14:00"),
        _turn(
            "agent",
            "I'll extend your trial by 14 days today, and I'll send you the workaround doc "
            "for the SSO issue after this chat.",
            "16T14:03",
        ),
        _turn("customer", "The trial still says expired and we're locked out.", "17T09:20"),
        _turn(
            "agent",
            "Sorry, the extension didn't save yesterday. You'll have access until 31 March.",
            "17T09:24",
        ),
        _turn("customer", later, "17T09:30"),
    )
    assert [(s, r) for _, _, s, r in got] == expected


def test_kinds_a_cue_of_the_promise_own_verb_still_names_it() -> None:
    got = _statuses(
        _turn("customer", "My bag is still in Frankfurt.", "02T09:00"),
        _turn("agent", "It's on tomorrow's flight. I'll DM you as soon as it lands.", "02T09:05"),
        _turn("agent", "Good morning! Your bag landed at 09:05.", "03T09:10"),
    )
    assert [(s, r) for _, t, s, r in got if "lands" in t] == [("kept", 2)]


@pytest.mark.parametrize(
    ("made", "not_made"),
    [
        ("Made the 07:15, thanks.", "Made the payment yesterday."),
        ("Caught the train, thanks!", "Didn't make it in time."),
        ("Habe den Zug noch erwischt.", "Habe den Zug verpasst."),
        ("J'ai pu prendre le vol de 7h.", "Je n'ai pas pu prendre le vol."),
    ],
)
def test_kinds_a_traveller_making_the_rebooked_trip_shows_it_done(made: str, not_made: str) -> None:
    assert [o.status for o in outcomes(made)] == ["kept"]
    assert "kept" not in [o.status for o in outcomes(not_made)]


@pytest.mark.parametrize(
    "good_news",
    [
        "Livraison reçue, aucun retard.",
        "Ningún retraso, gracias.",
        "Keine Verzögerung, danke.",
        "Keine Ahnung, warum, aber es geht.",
    ],
)
def test_kinds_no_trouble_is_no_miss_report(good_news: str) -> None:
    assert "broken" not in [o.status for o in outcomes(good_news)]


@pytest.mark.parametrize(
    ("miss", "plain"),
    [
        # a negation inside a kept cue's own words, or just before it, shows nothing done
        ("Er hat nicht angerufen.", "Er hat gestern angerufen."),
        ("Sie haben mich nicht zurückgerufen.", "Sie haben mich zurückgerufen."),
        ("Ich habe es nie bekommen.", "Ich habe es bekommen."),
        ("Der Techniker kam nicht.", "Der Techniker ist angekommen."),
        ("On ne m'a pas rappelé.", "On m'a rappelé ce matin, merci pour votre appel."),
        ("Non mi hanno chiamato.", "Mi hanno chiamato, grazie per la chiamata."),
        ("Il rimborso non è arrivato.", "Il rimborso è arrivato."),
        ("Ze hebben niet teruggebeld.", "Ze hebben me teruggebeld."),
        ("Ik heb het nooit ontvangen.", "Ik heb het ontvangen."),
        ("El técnico no vino.", "El técnico vino, ya funciona."),
    ],
)
def test_kinds_a_negated_confirmation_is_a_miss_report(miss: str, plain: str) -> None:
    assert [o.status for o in outcomes(miss)] == ["broken"]
    assert [o.status for o in outcomes(plain)][:1] == ["kept"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Refund hit my account today.", ["kept"]),
        ("Money is in.", ["kept"]),
        ("The courier dropped it off at 3.", ["kept"]),
        ("Ya me devolvieron el dinero.", ["kept"]),
        ("No me devolvieron el dinero.", ["broken"]),
        ("The engineer was a no-show.", ["broken"]),
        ("Nothing has changed on my bill.", []),  # "nothing" before the cue: no sign
        ("Le virement est arrivé avec 3 jours de retard.", ["broken"]),  # said late
    ],
)
def test_kinds_everyday_confirmations_and_misses(text: str, expected: list[str]) -> None:
    assert [o.status for o in outcomes(text)] == expected


# -- a day named in the customer's language dates a confirmation ----------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("O dinheiro caiu na conta na segunda", 9),
        ("Le colis est arrivé lundi", 9),
        ("Die Karte ist am Montag angekommen", 9),
        ("Llegó el lunes", 9),
        ("È arrivato lunedì", 9),
        ("Op maandag bezorgd", 9),
        ("Arrivé le 8", 8),
        ("Llegó el día 8", 8),
        ("Came on Monday", 9),
        ("Came Monday", None),  # English names a day with "on" ("came thursday" for a plan)
        ("Le 50 % est arrivé", None),
        ("Am 8 Uhr angekommen", None),
    ],
)
def test_kinds_a_day_named_in_other_languages(text: str, day: int | None) -> None:
    got = stated_day(text, datetime(2026, 11, 10, 10))  # a Tuesday
    assert (got.day if got else None) == day


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("Le technicien est enfin passé, avec deux heures de retard.", "broken"),
        ("Le technicien est passé ce matin.", "kept"),
        ("Recebi o reembolso na segunda.", "broken"),  # Monday the 9th for Friday the 6th
        ("Recebi o reembolso na sexta.", "kept"),
    ],
)
def test_kinds_done_late_in_the_customers_words(later: str, expected: str) -> None:
    promise = (
        "Un technicien passera demain avant midi."
        if later.startswith("Le")
        else "Vou reembolsar o valor até sexta-feira."
    )
    assert _one("Problema.", promise, later, ("03T09:05", "10T10:00")) == expected


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        # naming none of them, of the visit's kind: the visit, not the refund beside it
        ("They came at 10 and it's fixed.", [("kept", 2), ("open", None)]),
        ("Sono venuti alle 10, tutto a posto.", [("kept", 2), ("open", None)]),
        # of no kind: about all of the latest promise turn's
        ("All sorted, thanks.", [("kept", 2), ("kept", 2)]),
    ],
)
def test_kinds_a_confirmation_naming_nothing_goes_to_its_kind(
    later: str, expected: list[tuple[str, int | None]]
) -> None:
    got = _statuses(
        _turn("customer", "My boiler is broken.", "02T10:00"),
        _turn(
            "agent",
            "An engineer will visit tomorrow between 8 and 12, and we'll refund your callout "
            "fee within 5 days.",
            "02T10:05",
        ),
        _turn("customer", later, "03T13:00"),
    )
    assert [(s, r) for _, _, s, r in got] == expected
