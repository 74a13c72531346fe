"""Resolve a commitment's due phrase ("tomorrow", "within 24 hours", "by Friday") to a moment.

The reference moment is the ISO-8601 time of the turn that made the commitment. Phrases
that name no resolvable moment (a calendar date without a year, "soon") give ``None``.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

__all__ = ["parse_time", "resolve_due"]

#: "As soon as possible", "shortly", "right away": treated as due within one day (hand-set:
#: a customer who hears "right away" and waits a day has been let down).
VAGUE_SOON = timedelta(days=1)
#: "a few days" / "a few hours": how many (hand-set, a generous reading of "few").
FEW = 5
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "twelve": 12,
    "un": 1,
    "una": 1,
    "uno": 1,
    "dos": 2,
    "dois": 2,
    "duas": 2,
    "deux": 2,
    "zwei": 2,
    "tres": 3,
    "três": 3,
    "trois": 3,
    "drei": 3,
    "cinco": 5,
    "cinq": 5,
    "fünf": 5,
    "few": FEW,
    "next": 1,
    "coming": 1,
}
_WITHIN = re.compile(
    r"(?:within|in|en|em|dans|d'ici|sous|innerhalb von|binnen|entro|dentro de)"
    r" (?:the |un plazo de |até |(?:about|around|roughly|approximately|circa|etwa|ca\.|unos|"
    r"alguns|algunos|quelques|spätestens|den nächsten) )*(?:next |coming )?"
    r"(?:(\d+|a|an|one|two|three|four|five|six|seven|ten|twelve|few|un|una|uno|dos|tres|dois|"
    r"duas|deux|trois|zwei|drei)(?: ?(?:to|or|-|–|a|à|o|bis) ?(\d+|two|three|four|five|six|"
    r"seven|ten|twelve|dos|tres|cinco|dois|três|deux|trois|cinq|drei|fünf))? )?(?:few )?"
    r"(?:-? ?)(working |business |calendar )?"
    r"(minute|min|hour|hr|day|week|month|minuto|hora|día|dia|semana|mes|mês|heure|jour|semaine|"
    r"mois|minute|stunde|tag|werktag|woche|monat|ora|ore|giorno|giorni)(?:s|es|en|n|e)?"
    r"( (?:hábiles|úteis|uteis|ouvrés|ouvrables|laborables|lavorativi))?"
)
#: Unit words of :data:`_WITHIN` in any of the languages, as the English unit.
_UNITS = {
    "minuto": "minute",
    "min": "minute",
    "hr": "hour",
    "hora": "hour",
    "heure": "hour",
    "stunde": "hour",
    "ora": "hour",
    "ore": "hour",
    "día": "day",
    "dia": "day",
    "jour": "day",
    "tag": "day",
    "giorno": "day",
    "giorni": "day",
    "werktag": "working day",
    "semana": "week",
    "semaine": "week",
    "woche": "week",
    "mes": "month",
    "mês": "month",
    "mois": "month",
    "monat": "month",
}
_CLOCK = re.compile(r"(\d{1,2})(?:[:h](\d{2}))? ?(am|pm|h|uhr)?")


def parse_time(value: str | None) -> datetime | None:
    """An ISO-8601 string as a datetime, or ``None`` when absent or unreadable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _end_of_day(t: datetime) -> datetime:
    return t.replace(hour=23, minute=59, second=59, microsecond=0)


def _at(t: datetime, hour: int, minute: int = 0) -> datetime:
    return t.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _clock(text: str) -> tuple[int, int] | None:
    if "noon" in text or "midday" in text:
        return 12, 0
    if "midnight" in text:
        return 23, 59
    m = _CLOCK.search(text)
    if not m or (m.group(2) is None and m.group(3) is None):
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "pm" and hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def _business_days(t: datetime, n: int) -> datetime:
    day = t
    added = 0
    while added < n:
        day += timedelta(days=1)
        if day.weekday() < 5:
            added += 1
    return _end_of_day(day)


def resolve_due(due: str | None, made_at: datetime | None) -> datetime | None:
    """The moment a due phrase points to, counted from ``made_at``; ``None`` if unknown."""
    if not due or made_at is None:
        return None
    d = due.lower()
    m = _WITHIN.search(d)
    if m:
        # a range ("3 to 5 working days") is due at its upper end
        word = m.group(2) or m.group(1) or "a"
        n = int(word) if word.isdigit() else (_NUMBERS.get(word) or 1)
        if " few " in f" {m.group(0)} ":
            n = FEW
        unit = _UNITS.get(m.group(4), m.group(4))
        working = m.group(3) in ("working ", "business ") or m.group(5) is not None
        if unit == "working day":
            unit, working = "day", True
        if unit == "minute":
            return made_at + timedelta(minutes=n)
        if unit == "hour":
            return made_at + timedelta(hours=n)
        if unit == "day":
            if working:
                return _business_days(made_at, n)
            return _end_of_day(made_at + timedelta(days=n))
        if unit == "week":
            return _end_of_day(made_at + timedelta(weeks=n))
        return _end_of_day(made_at + timedelta(days=30 * n))
    if "day after tomorrow" in d:
        return _end_of_day(made_at + timedelta(days=2))
    base = made_at
    if (
        "tomorrow" in d
        or "mañana" in d
        or "demain" in d
        or "morgen" in d
        or "amanhã" in d
        or "domani" in d
    ):
        base = made_at + timedelta(days=1)
        if "morning" in d and _clock(d) is None:
            return _at(base, 12)
    clock = _clock(d)
    for i, name in enumerate(_WEEKDAYS):
        if name in d:
            ahead = (i - made_at.weekday()) % 7
            if d.startswith("next") and ahead == 0:
                ahead = 7
            return _end_of_day(made_at + timedelta(days=ahead))
    if "end of the week" in d or "end of week" in d or "eow" in d:
        return _end_of_day(made_at + timedelta(days=max(0, 4 - made_at.weekday())))
    if "next week" in d:
        return _end_of_day(made_at + timedelta(days=7))
    if "this week" in d:
        return _end_of_day(made_at + timedelta(days=6 - made_at.weekday()))
    if "next month" in d or "this month" in d or "end of the month" in d:
        return _end_of_day(made_at + timedelta(days=30))
    if any(
        w in d
        for w in ("asap", "as soon as", "shortly", "right away", "immediately", "straight away")
    ):
        return made_at + VAGUE_SOON
    if "first thing" in d:
        return _at(made_at + timedelta(days=1), 10)
    if clock is not None:
        moment = _at(base, *clock)
        if moment < made_at:
            moment += timedelta(days=1)
        return moment
    if "this morning" in d:
        return _at(base, 12)
    if "this afternoon" in d:
        return _at(base, 18)
    if any(
        w in d
        for w in (
            "today",
            "tonight",
            "end of the day",
            "end of day",
            "eod",
            "cob",
            "this evening",
            "later today",
            "end of business",
            "hoy",
            "aujourd",
            "heute",
            "hoje",
            "oggi",
        )
    ):
        return _end_of_day(base)
    if base is not made_at:
        return _end_of_day(base)
    return None
