"""Resolve a commitment's due phrase ("tomorrow", "within 24 hours", "by Friday") to a moment.

The reference moment is the ISO-8601 time of the turn that made the commitment. Phrases
that name no moment a later time stamp can pass give ``None``: "soon", "now", "right away",
"as soon as possible", "in a few minutes" (tracking guidelines v2: no number, no due time).
A weekday, "tomorrow" or a written date ("6 March", "the 12th", "10 novembre") ends at 23:59
of that day unless a clock time is given (a weekday named on that weekday is next week's,
unless the phrase says "this" or "today"); a hedged time ("in about an hour", "around 5 May")
gets a small margin (HEDGE_MARGIN). Phrases with no number, weekday or date that still name
a moment ("this afternoon" 18:00, "stasera", "dans la journée", "entro un'ora", "domattina")
are listed by kind in ``lexicons/due_phrases.json``; a clock time written without am / pm from
1 to 7 that has passed today is the afternoon's ("by 4:10" said at 15:43 is 16:10).
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta

from servicemind.analyse._cues import load_lexicon
from servicemind.analyse._pl_tr import plain

__all__ = ["DATE_NAMES", "parse_time", "resolve_due"]

#: A hedged time ("about an hour", "around 5 May") is due this share of its span later,
#: at least MIN_MARGIN and at most MAX_MARGIN: the tracking guidelines allow "a small
#: margin" (hand-set).
HEDGE_MARGIN = 0.25
MIN_MARGIN = timedelta(minutes=10)
MAX_MARGIN = timedelta(days=1)
_HEDGED = re.compile(r"\b(?:about|around|approximately|roughly|circa|etwa|ca\.|unos|alguns)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Weekday names in es / pt / fr / de / it / nl / pl / tr, in the English weekdays' order
#: (0 = Monday); Polish in the cases a due phrase uses ("w piątek", "do piątku"), Turkish
#: with the dative a due phrase uses ("cumaya kadar").
_WEEKDAY_NAMES = (
    (
        "lunes",
        "segunda",
        "lundi",
        "montag",
        "lunedì",
        "maandag",
        "poniedziałek",
        "poniedziałku",
        "pazartesi",
        "pazartesiye",
    ),
    (
        "martes",
        "terça",
        "mardi",
        "dienstag",
        "martedì",
        "dinsdag",
        "wtorek",
        "wtorku",
        "salı",
        "salıya",
    ),
    (
        "miércoles",
        "quarta",
        "mercredi",
        "mittwoch",
        "mercoledì",
        "woensdag",
        "środa",
        "środę",
        "środy",
        "çarşamba",
        "çarşambaya",
    ),
    (
        "jueves",
        "quinta",
        "jeudi",
        "donnerstag",
        "giovedì",
        "donderdag",
        "czwartek",
        "czwartku",
        "perşembe",
        "perşembeye",
    ),
    (
        "viernes",
        "sexta",
        "vendredi",
        "freitag",
        "venerdì",
        "vrijdag",
        "piątek",
        "piątku",
        "cuma",
        "cumaya",
    ),
    (
        "sábado",
        "samedi",
        "samstag",
        "sabato",
        "zaterdag",
        "sobota",
        "sobotę",
        "soboty",
        "cumartesi",
        "cumartesiye",
    ),
    (
        "domingo",
        "dimanche",
        "sonntag",
        "domenica",
        "zondag",
        "niedziela",
        "niedzielę",
        "niedzieli",
        "pazar",
        "pazara",
    ),
)
#: One group per weekday: the group that matched is the English weekday's index.
_WEEKDAY_WORDS = re.compile(
    r"\b(?:" + "|".join("(" + "|".join(names) + ")" for names in _WEEKDAY_NAMES) + r")\b"
)
_MONTHS = {
    m: i + 1
    for names in (
        "january february march april may june july august september october november december",
        "jan feb mar apr may jun jul aug sep oct nov dec",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "januar februar märz april mai juni juli august september oktober november dezember",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
        "dicembre",
        "januari februari maart april mei juni juli augustus september oktober november december",
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
        "listopada grudnia",
        "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    )
    for i, m in enumerate(names.split())
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b"
#: Every month and weekday name the due parser reads, in all its languages: for callers that
#: only ask whether a sentence names a date (the commitment model's fact-statement guard).
DATE_NAMES = frozenset(_MONTHS) | frozenset(_WEEKDAYS) | {n for ns in _WEEKDAY_NAMES for n in ns}
#: "6 March", "the 12th", "1. März", "20 de marzo", "March 6": a day of a month.
_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|\.|er)?(?: of| de)? "
    + _MONTH
    + r"|\b"
    + _MONTH
    + r" (\d{1,2})(?:st|nd|rd|th)?\b|\bthe (\d{1,2})(?:st|nd|rd|th)\b"
)
#: "End of the week" in es / pt / fr / de / it.
_END_OF_WEEK = re.compile(
    r"\b(?:ende (?:dieser|der) woche|fin de (?:la |cette )?semaine|final de (?:la |esta )?semana|"
    r"fin de (?:la |esta )?semana|fim d[ae] (?:esta )?semana|fine (?:della |di questa )?settimana)"
)
#: How far before the promise a written date may lie and still be read as this year's
#: (hand-set: "by 2 March" written on 3 March is a slip, not next year's 2 March).
DATE_SLACK = timedelta(days=60)
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
    "um": 1,
    "uma": 1,
    "due": 2,
    "tre": 3,
    "cinque": 5,
    "dieci": 10,
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
    "next": 1,
    "een": 1,
    "twee": 2,
    "drie": 3,
    "vijf": 5,
    "tien": 10,
    "jednego": 1,
    "dwóch": 2,
    "trzech": 3,
    "pięciu": 5,
    "bir": 1,
    "iki": 2,
    "üç": 3,
    "dört": 4,
    "beş": 5,
    "yedi": 7,
    "on": 10,
    "coming": 1,
}
_WITHIN = re.compile(
    # not after a number: the Dutch "tussen 8 en 13 uur" is a window, not "in 13 hours"
    r"(?<![\w])(?<!\d )(?:within|in|en|em|dans|d'ici|sous|innerhalb von|binnen|entro|tra|fra|"
    r"dentro de|w ciągu|za)"
    r" (?:the |un plazo de |até |(?:about|around|roughly|approximately|circa|etwa|ca\.|unos|"
    r"alguns|algunos|quelques|spätestens|den nächsten|najbliższych) )*(?:next |coming )?"
    r"(?:(\d+|a|an|one|two|three|four|five|six|seven|ten|twelve|few|un|una|uno|um|uma|due|tre|"
    r"cinque|dieci|dos|tres|dois|"
    r"duas|deux|trois|zwei|drei|een|twee|drie|vijf|tien|enkele|jednego|dwóch|trzech|pięciu|"
    r"kilku|paru)(?: ?(?:to|or|-|–|a|à|o|bis|tot) ?(\d+|two|three|four|five|six|"
    r"seven|ten|twelve|dos|tres|cinco|dois|três|deux|trois|cinq|drei|fünf))? )?(?:few |paar )?"
    r"(?:-? ?)(working |business |calendar )?"
    r"(minute|min|hour|hr|day|weken|week|month|minuto|hora|día|dia|semana|mes|mês|heure|jour|"
    r"semaine|mois|minute|stunde|tag|werktag|woche|monat|ora|ore|giorno|giorni|werkdag|dag|uur|"
    r"maand|godzin|godziny|godzinę|dni|dnia|doby|tygodni|tygodnia|tydzień|minut)"
    r"(?:s|es|en|n|e|y)?"
    r"( (?:hábiles|úteis|uteis|ouvrés|ouvrables|laborables|lavorativi|roboczych|roboczego))?"
)
#: The Turkish "3 iş günü içinde", "24 saat içinde": the number and unit come first.
_WITHIN_AFTER = re.compile(
    r"(\d+|bir|iki|üç|dört|beş|yedi|on|birkaç)(?: ?[-–] ?(\d+))? (iş günü|gün|saat|dakika|"
    r"hafta|ay) (?:içinde|içerisinde|sonra)"
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
    "werkdag": "working day",
    "dag": "day",
    "uur": "hour",
    "weken": "week",
    "maand": "month",
    "godzin": "hour",
    "godziny": "hour",
    "godzinę": "hour",
    "dni": "day",
    "dnia": "day",
    "doby": "day",
    "tygodni": "week",
    "tygodnia": "week",
    "tydzień": "week",
    "minut": "minute",
    "iş günü": "working day",
    "gün": "day",
    "saat": "hour",
    "dakika": "minute",
    "hafta": "week",
    "ay": "month",
}
#: "A few" in the languages of :data:`_WITHIN`: no number, no due time.
_FEW = re.compile(r"\b(?:few|kilku|paru|enkele|paar|birkaç)\b")
_RANGE = re.compile(r"\s*(?:and|to|till|until|-|–|et|y|e|en|bis|a|à|und)\s*")
_CLOCK = re.compile(r"(\d{1,2})(?:[:h](\d{2}))? ?(am|pm|h|uhr|uur)?")
_NOON = re.compile(r"\b(?:noon|midday)\b")


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
    if _NOON.search(text):  # "afternoon" holds "noon" and is no clock time
        return 12, 0
    if "midnight" in text:
        return 23, 59
    times = [m for m in _CLOCK.finditer(text) if m.group(2) or m.group(3)]
    if not times:
        return None
    m = times[0]
    if len(times) > 1 and _RANGE.fullmatch(text, m.end(), times[1].start()):
        m = times[1]  # a window ("between 10am and 2pm", "8h et 12h") is due at its end
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


def _date(d: str, made_at: datetime) -> datetime | None:
    """The day a written date in ``d`` names (the next such day from ``made_at``), or None."""
    m = _DATE.search(d)
    if m is None:
        return None
    if m.group(5):  # "the 12th": this month's, or next month's once past
        day, month, year = int(m.group(5)), made_at.month, made_at.year
        if day < made_at.day:
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
    else:
        day = int(m.group(1) or m.group(4))
        month, year = _MONTHS[m.group(2) or m.group(3)], made_at.year
    try:
        out = made_at.replace(year=year, month=month, day=day)
    except ValueError:
        return None
    if out < made_at - DATE_SLACK:
        try:
            out = out.replace(year=year + 1)
        except ValueError:
            return None
    return out


#: A weekday named on that same weekday is next week's ("by Friday" said on a Friday, "el
#: viernes" on a viernes: naming the day instead of "today" points ahead, and a same-day
#: reading would call the promise broken by the next morning's message), unless the phrase
#: says this one: "this Friday", "today, Friday", "este viernes", "ce vendredi", "diesen
#: Freitag", "questo venerdì", "deze vrijdag", "bu cuma" (and the _TODAY words).
_THIS_DAY = re.compile(r"\b(?:this|este|esta|ce|cette|diesen|dieser|diese|questo|deze|bu) $")
#: The words of the due phrases that "tomorrow" and "today" stand for, in the corpus languages.
_TOMORROW = ("tomorrow", "mañana", "demain", "morgen", "amanhã", "domani", "jutr", "yarın")
_TODAY = (
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
    "vandaag",
    "vanavond",
    "vanmiddag",
    "dziś",
    "dzisiaj",
    "bugün",
    "bu akşam",
)


def _plain_words() -> dict[str, str]:
    """Each word the parser reads that a chat may type without its Polish or Turkish
    letters ("yarin", "piatku", "gunu", "icinde"), to the word as the parser reads it;
    derived from the parser's own patterns and word lists, so a word added to them is read
    both ways. ("iş" is left out: plain "is" is English; ``_PLAIN_WORD`` reads "is gun".)"""
    patterns = (_WITHIN, _WITHIN_AFTER, _DATE, _END_OF_WEEK, _FEW, _WEEKDAY_WORDS)
    sources = [rx.pattern for rx in patterns] + [*_MONTHS, *_NUMBERS, *_UNITS, *_TOMORROW, *_TODAY]
    sources += [n for names in _WEEKDAY_NAMES for n in names]
    words = {w.lower() for src in sources for w in re.findall(r"\w+", src)}
    return {plain(w): w for w in sorted(words) if plain(w) != w and w != "iş"}


_PLAIN_WORDS = _plain_words()
_PLAIN_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_PLAIN_WORDS, key=len, reverse=True)) + r"|is(?= gun))\b"
)


def _lettered(d: str) -> str:
    """``d`` (lower case, ASCII) with its Polish and Turkish words in their letters."""
    return _PLAIN_WORD.sub(lambda m: _PLAIN_WORDS.get(m.group(0), "iş"), d)


def resolve_due(due: str | None, made_at: datetime | None) -> datetime | None:
    """The moment a due phrase points to, counted from ``made_at``; ``None`` if unknown.
    A phrase typed without Polish or Turkish letters ("yarin") is read as with them."""
    if not due or made_at is None:
        return None
    d = due.lower()
    moment = _resolve(d, made_at)
    if moment is None and d.isascii() and (lettered := _lettered(d)) != d:
        d = lettered
        moment = _resolve(d, made_at)
    if moment is not None and _HEDGED.search(d):
        margin = min(MAX_MARGIN, max(MIN_MARGIN, (moment - made_at) * HEDGE_MARGIN))
        moment += timedelta(minutes=margin // timedelta(minutes=1))
    return moment


#: The kinds of moment ``due_phrases.json`` may list (each handled by :func:`_phrase_moment`).
PHRASE_KINDS = frozenset(
    {"today_noon", "today_evening", "today_end", "tomorrow_noon", "hour", "half_hour", "day"}
    | {"week", "this_week", "month_end"}
)


@functools.cache
def _phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """The due phrases of ``due_phrases.json`` that name a moment with no number, weekday
    or date ("stasera", "dans la journée", "entro un'ora"), one pattern over all of them,
    and each phrase's kind of moment."""
    lex = load_lexicon("due_phrases.json")
    kind_of = {p: k for k, ps in lex.items() if not k.startswith("_") for p in ps}
    alt = "|".join(re.escape(p) for p in sorted(kind_of, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)"), kind_of


def _phrase_moment(d: str, made_at: datetime) -> datetime | None:
    """The moment a fixed phrase of :func:`_phrases` names (the longest one in ``d``)."""
    pattern, kind_of = _phrases()
    found = [m.group(0) for m in pattern.finditer(d)]
    if not found:
        return None
    kind = kind_of[max(found, key=len)]
    if kind not in PHRASE_KINDS:
        raise ValueError(f"due_phrases.json: unknown kind {kind!r}")
    if kind == "hour":
        return made_at + timedelta(hours=1)
    if kind == "half_hour":
        return made_at + timedelta(minutes=30)
    if kind == "today_noon":
        return max(made_at, _at(made_at, 12))
    if kind == "today_evening":
        return max(made_at, _at(made_at, 18))
    if kind == "tomorrow_noon":
        return _at(made_at + timedelta(days=1), 12)
    if kind == "day":
        return _end_of_day(made_at + timedelta(days=1))
    if kind == "week":
        return _end_of_day(made_at + timedelta(weeks=1))
    if kind == "this_week":
        return _end_of_day(made_at + timedelta(days=6 - made_at.weekday()))
    if kind == "month_end":
        return _end_of_day(made_at + timedelta(days=30))
    return _end_of_day(made_at)  # today_end


def _twelve_hour(d: str) -> bool:
    """Whether the clock time of ``d`` is written without am / pm / h / Uhr and is 1 to 7:
    an afternoon reading ("by 4:10" = 16:10) is the likely one once the morning's has
    passed ("by 9:30" said at 10:00 stays tomorrow's 9:30)."""
    times = [m for m in _CLOCK.finditer(d) if m.group(2) or m.group(3)]
    return bool(times) and times[-1].group(3) is None and 0 < int(times[-1].group(1)) <= 7


def _resolve(d: str, made_at: datetime) -> datetime | None:
    plain_phrase = not any(c.isdigit() for c in d) and not any(w in d for w in _WEEKDAYS)
    if plain_phrase and _WEEKDAY_WORDS.search(d) is None and (m0 := _phrase_moment(d, made_at)):
        return m0
    m = _WITHIN.search(d) or _WITHIN_AFTER.search(d)
    if m:
        # a range ("3 to 5 working days") is due at its upper end
        word = m.group(2) or m.group(1) or "a"
        n = int(word) if word.isdigit() else (_NUMBERS.get(word) or 1)
        if _FEW.search(m.group(0)):
            return None  # "in a few minutes / days": no number, no due time
        after = m.re is _WITHIN_AFTER
        unit = m.group(3) if after else m.group(4)
        unit = _UNITS.get(unit, unit)
        working = not after and (m.group(3) in ("working ", "business ") or m.group(5) is not None)
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
    if "day after tomorrow" in d or "overmorgen" in d or "pojutrze" in d:
        return _end_of_day(made_at + timedelta(days=2))
    base = made_at
    if any(w in d for w in _TOMORROW):
        base = made_at + timedelta(days=1)
        if "morning" in d and _clock(d) is None:
            return _at(base, 12)
    clock = _clock(d)
    day = _date(d, made_at)
    if day is not None:
        return _at(day, *clock) if clock is not None else _end_of_day(day)
    weekday, at = next(
        ((i, d.find(name)) for i, name in enumerate(_WEEKDAYS) if name in d), (None, 0)
    )
    if weekday is None and (wd := _WEEKDAY_WORDS.search(d)) is not None:
        weekday, at = (wd.lastindex or 1) - 1, wd.start()
    if weekday is not None:
        ahead = (weekday - made_at.weekday()) % 7
        if ahead == 0 and not (_THIS_DAY.search(d[:at]) or any(w in d for w in _TODAY)):
            ahead = 7  # "by Friday" said on a Friday: next Friday (docs/traits.md)
        day = made_at + timedelta(days=ahead)
        return _at(day, *clock) if clock is not None else _end_of_day(day)
    if "end of the week" in d or "end of week" in d or "eow" in d or _END_OF_WEEK.search(d):
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
        return None  # no number, no due time a later stamp can pass
    if "first thing" in d:
        return _at(made_at + timedelta(days=1), 10)
    if clock is not None:
        moment = _at(base, *clock)
        if moment < made_at and _twelve_hour(d) and _at(base, clock[0] + 12, clock[1]) > made_at:
            # "by 4:10" said at 15:43 is 16:10 today, not 04:10 tomorrow (trial 24t)
            return _at(base, clock[0] + 12, clock[1])
        if moment < made_at:
            moment += timedelta(days=1)
        return moment
    if "this morning" in d:
        return _at(base, 12)
    if "this afternoon" in d:
        return _at(base, 18)
    if any(w in d for w in _TODAY):
        return _end_of_day(base)
    if base is not made_at:
        return _end_of_day(base)
    return None
