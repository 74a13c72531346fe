"""Due phrases the commitment extractor finds, resolved to the moment they name (_due)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from servicemind.analyse._cues import load_lexicon
from servicemind.analyse._due import PHRASE_KINDS, resolve_due

#: a Wednesday, 10:00
MADE = datetime(2026, 4, 22, 10, 0)
TODAY_END = datetime(2026, 4, 22, 23, 59, 59)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # time-of-day words, today and tomorrow, in the corpus languages
        ("this afternoon", datetime(2026, 4, 22, 18, 0)),  # "afternoon" holds "noon"
        ("cet après-midi", datetime(2026, 4, 22, 18, 0)),
        ("esta tarde", datetime(2026, 4, 22, 18, 0)),
        ("esta mañana", datetime(2026, 4, 22, 12, 0)),  # "mañana" alone is tomorrow
        ("stasera", TODAY_END),
        ("dans la journée", TODAY_END),
        ("in giornata", TODAY_END),
        ("im laufe des tages", TODAY_END),
        ("domattina", datetime(2026, 4, 23, 12, 0)),
        ("demain matin", datetime(2026, 4, 23, 12, 0)),
        # a unit with an article and no digit
        ("entro un'ora", MADE + timedelta(hours=1)),
        ("dans l'heure", MADE + timedelta(hours=1)),
        ("en media hora", MADE + timedelta(minutes=30)),
        ("innerhalb eines tages", datetime(2026, 4, 23, 23, 59, 59)),
        ("entro una settimana", datetime(2026, 4, 29, 23, 59, 59)),
        ("tra 3 giorni", datetime(2026, 4, 25, 23, 59, 59)),
        ("fra due ore", MADE + timedelta(hours=2)),
        ("em um dia", datetime(2026, 4, 23, 23, 59, 59)),
        ("cette semaine", datetime(2026, 4, 26, 23, 59, 59)),  # this_week: Sunday
        ("fin du mois", datetime(2026, 5, 22, 23, 59, 59)),  # month_end: 30 days on
        # a window's end, not "en 13 uur" read as a duration
        ("op 5 mei tussen 8 en 13 uur", datetime(2026, 5, 5, 13, 0)),
    ],
)
def test_due_phrase_names_its_moment(phrase: str, expected: datetime) -> None:
    assert resolve_due(phrase, MADE) == expected


def test_an_afternoon_clock_without_pm_is_read_as_the_afternoon() -> None:
    at = datetime(2026, 10, 16, 15, 43)
    assert resolve_due("by 4:10", at) == datetime(2026, 10, 16, 16, 10)
    # a morning hour already passed is tomorrow's, not tonight's
    assert resolve_due("by 9:30", MADE) == datetime(2026, 4, 23, 9, 30)
    # a 24-hour or marked clock is read as written
    assert resolve_due("by 4:10am", at) == datetime(2026, 10, 17, 4, 10)
    assert resolve_due("by 16:10", at) == datetime(2026, 10, 16, 16, 10)


@pytest.mark.parametrize("phrase", ["extra 2 days", "entra 3 giorni"])
def test_a_within_word_inside_another_word_is_no_due_time(phrase: str) -> None:
    assert resolve_due(phrase, MADE) is None


def test_every_kind_in_the_lexicon_is_one_the_resolver_reads() -> None:
    lex = load_lexicon("due_phrases.json")
    assert {k for k in lex if not k.startswith("_")} <= PHRASE_KINDS
