"""Commitment tracking across a conversation: the rules of the tracking guidelines (v2).

training/guidelines/commitment-tracking.md: the first later turn that shows a promise done,
not done or late decides it; the deadline passing decides only when none does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from _agent_helpers import make_doc
from servicemind.analyse._due import resolve_due
from servicemind.analyse._tracking import outcomes, stated_time
from servicemind.analyse.commitments import CommitmentAnalyser


def _turn(role: str, text: str, time: str | None = None) -> dict[str, str]:
    d = {"role": role, "text": text}
    if time is not None:
        d["time"] = f"2026-11-{time}:00+00:00"  # "DDTHH:MM"
    return d


def _track(*turns: dict[str, str]) -> dict[str, tuple[str, int | None]]:
    """Each commitment's text -> (status, resolved_by)."""
    doc = make_doc(list(turns))
    CommitmentAnalyser().annotate([doc])
    out: dict[str, tuple[str, int | None]] = {}
    for _, agent in doc.iter_agent():
        for c in agent["commitments"]:
            out[c["text"]] = (c["status"], c["resolved_by"])
    return out


def _only(tracked: dict[str, Any]) -> tuple[str, int | None]:
    assert len(tracked) == 1, tracked
    return next(iter(tracked.values()))  # type: ignore[no-any-return]


# -- the first turn that shows the outcome decides -------------------------------------


def test_tracking_first_turn_that_shows_it_decides() -> None:
    got = _track(
        _turn("customer", "My refund for order 5521 never came.", "20T09:00"),
        _turn("agent", "I'll email you the refund receipt today.", "20T09:05"),
        _turn("customer", "Got the receipt email, thanks.", "20T11:00"),
        _turn("customer", "Still no refund on my card though, nothing.", "27T11:00"),
    )
    assert _only(got) == ("kept", 2)


def test_tracking_shown_done_after_the_due_time_is_kept() -> None:
    # guidelines v2: people confirm things when they next write, not when they happen
    got = _track(
        _turn("customer", "Where is my replacement charger?", "20T09:00"),
        _turn("agent", "I'll post a new charger to you tomorrow.", "20T09:10"),
        _turn("customer", "The charger arrived, works fine.", "25T18:00"),
    )
    assert _only(got) == ("kept", 2)


def test_tracking_done_but_said_late_is_broken() -> None:
    got = _track(
        _turn("customer", "I need the export of my data.", "16T10:00"),
        _turn("agent", "You'll get a download link by email within 48 hours.", "16T12:00"),
        _turn("customer", "Got the link this morning, a week after you said.", "23T09:00"),
    )
    assert _only(got) == ("broken", 2)


def test_tracking_done_but_dated_after_the_due_time_is_broken() -> None:
    got = _track(
        _turn("customer", "I can't see my offer letter in the portal.", "14T11:00"),
        _turn("agent", "I'll upload your offer letter to the portal by 5pm today.", "14T11:05"),
        _turn("customer", "The offer letter came through at 7pm last night.", "15T08:50"),
    )
    assert _only(got) == ("broken", 2)


def test_tracking_deadline_decides_only_when_no_turn_shows_an_outcome() -> None:
    # turn 2 is dated after the due time but shows nothing; turn 3 shows it done
    got = _track(
        _turn("customer", "My engineer visit?", "16T09:00"),
        _turn("agent", "I'll call you tomorrow with the engineer's slot.", "16T09:10"),
        _turn("customer", "Also, can I change my billing address?", "18T10:00"),
        _turn("customer", "Oh, you rang me on Tuesday, sorry, I missed the voicemail.", "18T10:05"),
    )
    assert _only(got) == ("kept", 3)


def test_tracking_deadline_passed_with_no_outcome_is_broken_at_the_first_later_turn() -> None:
    got = _track(
        _turn("customer", "Please fix my login.", "20T09:00"),
        _turn("agent", "I'll reset it within 2 hours.", "20T09:05"),
        _turn("customer", "Ok.", "20T09:06"),
        _turn("customer", "Hello?", "20T13:00"),
        _turn("customer", "Anyone there?", "20T15:00"),
    )
    assert _only(got) == ("broken", 3)


def test_tracking_chasing_before_the_due_time_is_no_outcome() -> None:
    got = _track(
        _turn("customer", "My parcel is missing.", "20T09:00"),
        _turn("agent", "A replacement parcel will reach you by Friday 27 November.", "20T09:05"),
        _turn("customer", "Still nothing here yet, just checking.", "23T10:00"),
    )
    assert _only(got) == ("open", None)


def test_tracking_customer_report_without_due_time_breaks_it() -> None:
    got = _track(
        _turn("customer", "My heating is off."),
        _turn("agent", "I'll call you back this afternoon with an engineer slot."),
        _turn("customer", "Nobody has called me back, I'm still freezing."),
    )
    assert _only(got) == ("broken", 2)


# -- times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "made", "expected"),
    [
        ("by end of day", "2026-11-20T10:00:00", "2026-11-20T23:59:59"),
        ("by close of business today", "2026-11-20T10:00:00", "2026-11-20T23:59:59"),
        ("tomorrow", "2026-11-20T22:30:00", "2026-11-21T23:59:59"),  # from the promise turn
        ("on Tuesday", "2026-11-20T10:00:00", "2026-11-24T23:59:59"),  # a Friday
        ("within 24 hours", "2026-11-20T10:00:00", "2026-11-21T10:00:00"),
        ("on the 12th", "2026-03-09T10:00:00", "2026-03-12T23:59:59"),
        ("by 20 March", "2026-03-09T10:00:00", "2026-03-20T23:59:59"),
        ("Monday 9 March, on site by 7:30", "2026-03-05T10:00:00", "2026-03-09T07:30:00"),
        ("le mardi 10 novembre", "2026-11-05T10:00:00", "2026-11-10T23:59:59"),
        ("bis Ende dieser Woche", "2026-02-19T10:00:00", "2026-02-20T23:59:59"),
        ("el viernes", "2026-11-19T10:00:00", "2026-11-20T23:59:59"),  # a Thursday
    ],
)
def test_tracking_due_moments(due: str, made: str, expected: str) -> None:
    got = resolve_due(due, datetime.fromisoformat(made))
    assert got is not None and got.isoformat() == expected


@pytest.mark.parametrize(
    "due", ["now", "right away", "as soon as possible", "in a few minutes", "in a few days"]
)
def test_tracking_vague_times_have_no_due_moment(due: str) -> None:
    # guidelines v2: no number, no due time a later stamp can pass
    assert resolve_due(due, datetime.fromisoformat("2026-11-20T10:00:00")) is None


def test_tracking_due_phrase_is_read_with_the_rest_of_its_clause() -> None:
    # the phrase found is "by tomorrow"; its clause says 12:00, which turn 2 is past
    got = _track(
        _turn("customer", "my bag didnt arrive, any news?", "11T22:41"),
        _turn("agent", "Our baggage team will DM you an update by tomorrow 12:00.", "11T23:05"),
        _turn("customer", "its past 3 and nobody messaged me about the bag", "12T15:32"),
    )
    assert _only(got) == ("broken", 2)


def test_tracking_stated_time_is_the_latest_such_moment() -> None:
    at = datetime.fromisoformat("2026-11-20T08:00:00")
    assert stated_time("It came at 7pm last night", at) == datetime(2026, 11, 19, 19, 0)
    assert stated_time("water back at 11.50", at) == datetime(2026, 11, 19, 11, 50)
    assert stated_time("bag arrived at 7:40", at) == datetime(2026, 11, 20, 7, 40)
    assert stated_time("it arrived, thanks", at) is None


# -- which promise a later turn is about ---------------------------------------------


def test_tracking_unrelated_news_and_thanks_for_something_else_do_not_decide() -> None:
    got = _track(
        _turn("customer", "My router keeps dropping."),
        _turn("agent", "I'll send an engineer to check the line on Monday."),
        _turn("customer", "Thanks for the quick reply. Also my bill went up by £5, why?"),
    )
    assert _only(got) == ("open", None)


def test_tracking_unspecific_complaint_is_charged_to_the_latest_promise() -> None:
    got = _track(
        _turn("customer", "Two problems: my refund and my broken phone."),
        _turn("agent", "The £40 refund will be back on your card by Friday."),
        _turn("customer", "And the phone?"),
        _turn("agent", "I'll ring you tomorrow about a repair slot."),
        _turn("customer", "Well, nobody got back to me."),
    )
    assert got["The £40 refund will be back on your card by Friday"] == ("open", None)
    assert got["I'll ring you tomorrow about a repair slot"] == ("broken", 4)


def test_tracking_named_complaint_is_charged_to_the_promise_it_names() -> None:
    got = _track(
        _turn("customer", "Two problems: my refund and my broken phone."),
        _turn("agent", "The £40 refund will be back on your card by Friday."),
        _turn("customer", "And the phone?"),
        _turn("agent", "I'll ring you tomorrow about a repair slot."),
        _turn("customer", "You rang me, thanks. But still no refund on my card."),
    )
    assert got["The £40 refund will be back on your card by Friday"] == ("broken", 4)
    assert got["I'll ring you tomorrow about a repair slot"] == ("kept", 4)


def test_tracking_one_turn_can_keep_one_promise_and_break_another() -> None:
    got = _track(
        _turn("customer", "I left my Kindle on the plane and I was promised a voucher."),
        _turn(
            "agent",
            "I'll post the Kindle to your home address today. "
            "I'm also sending your £30 voucher by email by tomorrow.",
        ),
        _turn("customer", "The Kindle came this morning, thank you! No voucher email though."),
    )
    assert got["I'll post the Kindle to your home address today"] == ("kept", 2)
    assert got["I'm also sending your £30 voucher by email by tomorrow"] == ("broken", 2)


# -- rescheduling and partial outcomes ------------------------------------------------


def test_tracking_promise_moved_before_it_is_due_stays_open() -> None:
    got = _track(
        _turn("customer", "My boiler is broken.", "16T09:00"),
        _turn("agent", "The engineer is booked for Thursday 19 November.", "16T09:10"),
        _turn(
            "agent",
            "Update: the engineer is now booked for Friday 20 November instead.",
            "17T15:00",
        ),
        _turn("customer", "Ok.", "19T20:00"),  # after the old due time: no longer judged by it
    )
    assert got["The engineer is booked for Thursday 19 November"] == ("open", None)


def test_tracking_partial_outcome_is_broken_when_a_part_is_not_done() -> None:
    got = _track(
        _turn("customer", "I was double charged and want the fee back."),
        # one action with two objects (two verbs would be two entries, guideline v3)
        _turn("agent", "I'll refund the fee and the delivery charge."),
        _turn("customer", "The fee refund arrived, but the delivery charge never came."),
    )
    assert _only(got) == ("broken", 2)


# -- other languages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Ya he recibido la carta, muchas gracias.", "kept"),
        ("Ich habe heute die Bestätigung bekommen.", "kept"),
        ("Il numero funziona da stamattina, grazie.", "kept"),
        ("Todavía no ha llegado nada.", "broken"),
        ("Je n'ai toujours pas reçu le remboursement.", "broken"),
        ("Der Techniker ist immer noch nicht gekommen.", "broken"),
        ("Mas não veio nota fiscal nenhuma na caixa.", "broken"),
    ],
)
def test_tracking_outcome_cues_in_other_languages(text: str, status: str) -> None:
    assert [o.status for o in outcomes(text)] == [status]


@pytest.mark.parametrize(
    "text",
    ["Ok, thanks.", "Can I change my address?", "I'll check on Monday.", "I missed your call."],
)
def test_tracking_no_outcome_in_plain_turns(text: str) -> None:
    assert outcomes(text) == []


def test_tracking_thanks_for_something_decides_only_a_promise_it_names() -> None:
    (o,) = outcomes("Thanks for the quick reply.")
    assert o.specific  # never charged to the latest promise by default
    got = _track(
        _turn("customer", "Can I have a quote for 150 seats?", "05T08:00"),
        _turn("agent", "I'll send you a quote by Friday.", "05T10:00"),
        _turn("customer", "Thanks for the quote, all clear.", "09T09:00"),
    )
    assert _only(got) == ("kept", 2)


def test_tracking_report_on_the_due_day_is_a_miss_not_chasing() -> None:
    # due "on 14 November" (a day): "no internet" that evening shows it not done
    got = _track(
        _turn("customer", "Moving on the 14th, can I take my broadband?", "01T12:00"),
        _turn(
            "agent", "Your broadband will go live at the new address on 14 November.", "01T12:05"
        ),
        _turn(
            "customer", "We're in, router plugged in, but no internet, light is red.", "14T18:00"
        ),
    )
    assert _only(got) == ("broken", 2)


def test_tracking_repeated_promise_is_not_a_move() -> None:
    # a repeat in other words, without "instead" / "moved" / "now booked": both judged
    got = _track(
        _turn("customer", "I was overcharged for roaming.", "03T10:00"),
        _turn("agent", "Our disputes team will reply to you within 5 working days.", "03T10:15"),
        _turn("customer", "Any news?", "06T12:00"),
        _turn("agent", "The disputes team will reply to you by 12 November.", "06T14:00"),
        _turn("customer", "It's the 13th now. Still nothing from the disputes team.", "13T09:40"),
    )
    assert got["Our disputes team will reply to you within 5 working days"] == ("broken", 4)


@pytest.mark.parametrize(
    "text",
    [
        "The 2k old ones weren't in the delivery.",
        "The pouches came and no swatches either.",
        "No engineer came Tuesday and no text.",
    ],
)
def test_tracking_part_missing_is_a_broken_outcome(text: str) -> None:
    assert "broken" in [o.status for o in outcomes(text)]


def test_tracking_sentence_is_cut_before_and_no() -> None:
    # "... came and no text": the text promise is broken, the visit kept
    got = _track(
        _turn("customer", "My washing machine leaks."),
        _turn("agent", "The engineer is booked for Friday. He'll text you an hour before."),
        _turn("customer", "The engineer came Friday and no text beforehand."),
    )
    assert got["The engineer is booked for Friday"] == ("kept", 2)
    assert got["He'll text you an hour before"] == ("broken", 2)


def test_tracking_a_condition_is_no_outcome() -> None:
    assert outcomes("If it isn't on the van, I'll send a replacement by courier.") == []
    assert outcomes("But what if nobody calls me tomorrow either?") == []


@pytest.mark.parametrize(
    "text",
    [
        "Box 6 now shows £84,312.",
        "seats showing, thanks.",
        "Yeah, I can see the points.",
        "Not seeing it... oh, there it is.",
        "Had your call, delivery booked for Friday.",
        "radiators warm again, thanks",
        "Facture reçue en EUR, parfait.",
        "It's Jess calling back as I said.",
    ],
)
def test_tracking_customer_confirmations_are_kept_outcomes(text: str) -> None:
    assert "kept" in [o.status for o in outcomes(text)]


def test_tracking_agreeing_to_a_day_is_not_an_outcome() -> None:
    assert outcomes("Friday works, I'm in all day.") == []
    assert "kept" in [o.status for o in outcomes("works, thanks!")]


def test_tracking_agent_sentence_making_a_new_promise_is_not_an_outcome() -> None:
    got = _track(
        _turn("customer", "My tent pole snapped."),
        _turn("agent", "DM us your order number and we'll get a replacement pole set out to you."),
        _turn("customer", "sent"),
        _turn(
            "agent",
            "Got it. A replacement pole set ships tomorrow via UPS, and I've emailed you a gift card.",
        ),
    )
    assert got["we'll get a replacement pole set out to you"] == ("open", None)


@pytest.mark.parametrize(
    "text", ["Monday afternoon works best.", "10am works for me.", "That works better for us."]
)
def test_tracking_a_time_that_works_for_the_customer_is_not_an_outcome(text: str) -> None:
    assert outcomes(text) == []


def test_tracking_it_works_is_still_an_outcome() -> None:
    assert [o.status for o in outcomes("The new router works, thanks.")] == ["kept"]
    assert [o.status for o in outcomes("It works better now!")] == ["kept"]


def test_tracking_attached_shows_a_promise_done_only_in_an_agent_turn() -> None:
    made = _turn("agent", "I'll email you the application form this afternoon.")
    by_customer = _track(
        _turn("customer", "I want to open an account."),
        made,
        _turn("customer", "Filled in the details, ID attached."),
    )
    assert _only(by_customer) == ("open", None)
    by_agent = _track(
        _turn("customer", "I want to open an account."),
        made,
        _turn("customer", "Any news?"),
        _turn("agent", "Here you go: the application form is attached."),
    )
    assert _only(by_agent) == ("kept", 3)


def test_tracking_a_delivered_router_is_not_the_line_going_live() -> None:
    promise = (
        "Your broadband will go live at the new address on 30 November, and your new router "
        "will be delivered by 28 November."
    )
    got = _track(
        _turn("customer", "I'm moving house on 30 November.", "10T09:00"),
        _turn("agent", promise, "11T09:30"),
        _turn("customer", "Router arrived, thanks.", "27T12:00"),
    )
    assert got["your new router will be delivered by 28 November"] == ("kept", 2)
    assert got["Your broadband will go live at the new address on 30 November"] == ("open", None)
    # a word of the service's own group still ties a later sentence to it
    got = _track(
        _turn("customer", "I'm moving house on 30 November.", "10T09:00"),
        _turn("agent", promise, "11T09:30"),
        _turn("customer", "Internet is back up, thanks.", "30T12:00"),
    )
    assert got["Your broadband will go live at the new address on 30 November"] == ("kept", 2)


@pytest.mark.parametrize(
    "follow_up",
    ["Hi, as promised I'm calling you now.", "As agreed, we're sending the engineer's details."],
)
def test_tracking_as_promised_in_progress_keeps_the_promise_and_is_not_a_new_one(
    follow_up: str,
) -> None:
    got = _track(
        _turn("customer", "My washing machine is broken.", "04T09:00"),
        _turn("agent", "I'll call you tomorrow by 10am.", "04T09:10"),
        _turn("agent", follow_up, "05T09:30"),
    )
    assert _only(got) == ("kept", 2)


def test_tracking_as_promised_does_not_hide_a_new_future_promise() -> None:
    got = _track(
        _turn("customer", "Where is my refund?", "04T09:00"),
        _turn("agent", "As promised, I'll email you the receipt by 5pm.", "04T09:10"),
    )
    assert _only(got)[0] == "open"


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        # Said on Friday 20 November at 09:05: a named weekday that is today is next week's
        ("by Friday", "2026-11-27T23:59:59"),
        ("on Friday", "2026-11-27T23:59:59"),
        ("next Friday", "2026-11-27T23:59:59"),
        ("el viernes", "2026-11-27T23:59:59"),
        ("bis Freitag", "2026-11-27T23:59:59"),
        ("by Friday, this is the latest", "2026-11-27T23:59:59"),  # 'this' not before it
        # ... unless the phrase says this one, or today
        ("this Friday", "2026-11-20T23:59:59"),
        ("by end of day Friday", "2026-11-20T23:59:59"),
        ("today, Friday", "2026-11-20T23:59:59"),
        ("este viernes", "2026-11-20T23:59:59"),
        ("ce vendredi", "2026-11-20T23:59:59"),
        ("by Friday 5pm", "2026-11-27T17:00:00"),
        # other weekdays are unchanged: the next such day
        ("by Saturday", "2026-11-21T23:59:59"),
        ("by Thursday", "2026-11-26T23:59:59"),
    ],
)
def test_tracking_weekday_named_on_that_weekday_is_next_week(due: str, expected: str) -> None:
    got = resolve_due(due, datetime.fromisoformat("2026-11-20T09:05:00"))
    assert got is not None and got.isoformat() == expected


def test_tracking_by_friday_said_on_a_friday_is_not_broken_by_saturdays_chase() -> None:
    got = _track(
        _turn("customer", "Where is my refund for the returned jacket?", "20T09:00"),
        _turn("agent", "The money will be back on your card by Friday.", "20T09:05"),
        _turn("customer", "Still nothing on my card.", "21T10:00"),
    )
    assert _only(got) == ("open", None)
