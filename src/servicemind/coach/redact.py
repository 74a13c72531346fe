"""Mask personal data in conversation text before it becomes a practice scenario.

What is masked, and with what:

============================================  ==============
emails                                        ``[EMAIL]``
phone numbers (9-15 digits, with separators)  ``[PHONE]``
card numbers (Luhn-valid), IBANs, numbers     ``[ACCOUNT]``
after "account", "sort code", "IBAN", ...
order, booking, ticket, invoice references    ``[ORDER]``
street addresses with a house number,         ``[ADDRESS]``
UK postcodes
known names (authors), names after greetings  ``[NAME]``
("Hi Maria", "thanks dana"), titles ("Mr Hale",
"Mme Laurent", "Dhr. de Vries"), sign-offs
("Best,\nMaria", "— Jonas"), "my name is ...",
social handles (@name)
============================================  ==============

Titles, greetings and sign-offs in seven languages (en, es, fr, de, it, nl, pt) are
data: ``lexicons/redact_names.json``. A lower-case name is taken only right after an
informal greeting or thanks and before punctuation or the line's end, and never a common
word ("thanks again", "hi there", "thanks so much" stay).

It is deliberately conservative about what is *not* personal: product names ("iPhone 15"),
dates, times, prices, quantities and version numbers stay.
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["MASKS", "RedactedSpan", "find_names", "find_spans", "redact"]

MASKS: dict[str, str] = {
    "email": "[EMAIL]",
    "phone": "[PHONE]",
    "account": "[ACCOUNT]",
    "order": "[ORDER]",
    "address": "[ADDRESS]",
    "name": "[NAME]",
}

#: Digits in a phone number: 9 is the shortest national number we mask (e.g. "0161 496 000"),
#: 15 the ITU E.164 maximum. Shorter digit runs are quantities, prices or dates.
PHONE_MIN_DIGITS = 9
PHONE_MAX_DIGITS = 15
#: Card numbers are 13-19 digits (ISO/IEC 7812) and pass the Luhn check.
CARD_MIN_DIGITS = 13
CARD_MAX_DIGITS = 19
#: A bare run of this many digits, with nothing to say what it is, is treated as an
#: order or account number (8: shorter runs are too often quantities or years).
BARE_NUMBER_MIN_DIGITS = 8


@dataclass(frozen=True, slots=True)
class RedactedSpan:
    start: int
    end: int
    kind: str


_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,30}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
_DIGIT_RUN = re.compile(r"(?<![\w.,:/])\+?\(?\d[\d ().-]{6,}\d(?![\w]|[.,]\d)")
_KEYWORD_ACCOUNT = re.compile(
    r"\b(?:account|acct|a/c|sort code|iban|customer number|membership|cuenta)"
    r"(?:\s+(?:number|no\.?|num|nr\.?))?\s*(?:is\s+|:\s*|#\s*)?"
    r"(?P<ref>\d[\d -]{3,}\d)",
    re.IGNORECASE,
)
_KEYWORD_ORDER = re.compile(
    r"(?i:\b(?:order|booking|reservation|reference|ref|ticket|invoice|case|tracking|parcel|"
    r"consignment|claim|report|pedido|reserva|bestellung|rechnung|po)"
    r"(?:\s+(?:number|no\.?|num|nr\.?|code|id|ref))?\s*(?:is\s+|:\s*|#\s*)?)"
    r"(?P<ref>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}|[A-Z]{6})\b",
)
_HASH_REF = re.compile(r"(?<!\w)#\s?(?P<ref>\d{4,})\b")
_STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|Place|Pl|Square|Sq|"
    "Crescent|Terrace|Gardens|Boulevard|Blvd|Row|Grove|Mews|Hill|Park|Walk"
)
_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:(?:[A-Z][a-z']+|\d+(?:st|nd|rd|th))\s+){1,3}"
    r"(?i:" + _STREET_WORDS + r")\b\.?"
)
_ZIP = re.compile(
    r"(?i:\b(?:zip(?:\s*code)?|post\s*code|postal\s*code|c[oó]digo\s+postal|plz)"
    r"\s*(?:is\s+|:\s*|#\s*)?)(?P<ref>\d{4,5}(?:-\d{4})?)\b"
)
#: ", ny 75227": a two-letter state and a five-digit ZIP after a comma.
_STATE_ZIP = re.compile(r",\s*[A-Za-z]{2}\s+\d{5}(?:-\d{4})?\b")
_USERNAME = re.compile(
    r"(?i:\b(?:user\s*name|user\s*id|login|log-in|handle|usuario))"
    r"(?:\s*(?:\bis\s+|:\s*|#\s*)(?P<ref>[\w.@-]{3,})"  # "username: x", "login is x"
    r"|\s+(?P<ref2>(?=[\w.@-]*\d)[\w.@-]{3,}))"  # "user id ab123": needs a digit
)
#: Lower-case letters followed by three or more digits ("cminh730"): usernames and ids.
_LOGIN_LIKE = re.compile(r"(?<![\w@.-])[a-z][a-z._]{3,}\d{3,}(?![\w@-])")
#: A message that asks for a name; the short answer after it is a name.
_NAME_QUESTION = re.compile(
    r"(?i)\b(?:your\s+(?:full\s+|first\s+|last\s+)?name|who\s+am\s+i\s+(?:speaking|talking)"
    r"\s+(?:to|with)|c[oó]mo\s+se\s+llama|su\s+nombre|tu\s+nombre|ihr\s+name)\b"
)
#: The longest answer to a name question still read as a bare name.
NAME_ANSWER_MAX_WORDS = 4
_ANSWER_PREFIX = re.compile(r"(?i)^(?:my name is|it's|it is|i'm|i am|this is|me llamo|soy)\s+")
_CALLE = re.compile(r"\b(?:Calle|Avenida|Plaza|Paseo)\s+(?:[A-Z][\w']+\s*){1,3},?\s*\d{1,4}\b")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")

_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+"


def _lexicon() -> dict[str, Any]:
    raw = (resources.files("servicemind") / "lexicons" / "redact_names.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, the longest where several do ("Good morning"
    before "Good"), written as a tree of shared prefixes: a long list of greetings costs
    about what a short one does (case-insensitive alternations try every branch)."""
    tree: dict[str, Any] = {}
    for word in set(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _tree_regex(tree)


def _tree_regex(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _tree_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def _per_language(key: str) -> list[str]:
    return [w for words in _LEXICON[key].values() for w in words]


def _titles(titles: Iterable[str]) -> str:
    """Titles as a regex: one written without a final '.' may take one ("Mr", "Mr.")."""
    forms = sorted(set(titles), key=len, reverse=True)
    return "|".join(re.escape(t) + ("" if t.endswith((".", "ª")) else r"\.?") for t in forms)


#: Titles, greetings and sign-offs in seven languages (lexicons/redact_names.json).
_LEXICON = _lexicon()
_GREETING_KEYS = ("greetings_informal", "sign_offs")  # not the formal: "Cara" is a name
_TITLE_WORDS = _titles(_per_language("titles"))
_GROUP = r"(?![ \t]+(?i:" + _alternation(_LEXICON["group_words"]) + r")\b)"
_ONE_NAME = _NAME_WORD + _GROUP  # "Hi Kindle team": a group, no name
_PARTICLES = r"(?:(?:" + _alternation(_LEXICON["particles"]) + r")[ \t]+){0,2}"
_INFORMAL = _alternation(_per_language("greetings_informal"))
_GREETING = re.compile(
    r"(?<!\w)(?i:" + _INFORMAL + "|" + _alternation(_per_language("greetings_formal")) + r")"
    r",?[ \t]+(?:(?:" + _TITLE_WORDS + r")[ \t]+" + _PARTICLES + r")?"
    r"(?P<name>" + _ONE_NAME + r"(?:[ \t]+" + _ONE_NAME + r")?)"
)
#: "thanks dana", "hi tom,": a lower-case word after an informal greeting, ending the
#: sentence or the clause (so "thanks for ..." is no name), that is no common word.
_GREETING_LOWER = re.compile(
    r"(?<!\w)(?i:" + _INFORMAL + r"),?[ \t]+(?P<name>[a-zß-öø-ÿ][a-zß-öø-ÿ'’-]{2,})"
    r"(?=[ \t]*(?:[,.!?;:)]|$))",
    re.MULTILINE,
)
_TITLE = re.compile(
    r"(?<![\w.])(?:"
    + _TITLE_WORDS
    + r")[ \t]+(?P<name>"
    + _PARTICLES
    + _NAME_WORD
    + r"(?:[ \t]+"
    + _NAME_WORD
    + r")?)"
)
_INTRO = re.compile(
    r"(?i:\b(?:my name is|me llamo|ich heiße|mi nombre es))[ \t]+"
    r"(?P<name>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?)"
)
_CALLER = re.compile(
    r"(?i:\b(?:this is|it's|it is|it’s))[ \t]+"
    r"(?P<name>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?)"
    r"(?=,?[ \t]+(?:from|calling|here|speaking)\b)"
)
_FINAL_LINE = re.compile(
    r"\n[ \t]*\n[ \t]*(?P<name>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?)[ \t]*$"
)
#: Letters-and-digits codes such as booking references ("K7QPLM", "NCE-48213"): at least
#: 6 characters, 1 digit and 2 capital letters, so "A320", "4G" or "10GB" stay.
_BARE_CODE = re.compile(r"(?<![\w-])[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w-])")
BARE_CODE_MIN_LEN = 6
#: A word with a one- or two-digit number ("COVID-19", "WINDOWS11") names a thing, not a person.
_NAMED_VERSION = re.compile(r"[A-Z]{2,}-?\d{1,2}")
_SIGN_OFF = re.compile(
    r"(?:" + _alternation(_per_language("sign_offs")) + r"),?[ \t]*\n[ \t]*"
    r"(?P<name>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?)[ \t]*(?:\n|$)"
)
#: A signature after a dash on the last line ("— Jonas").
_DASH_SIGNATURE = re.compile(
    r"(?:^|\n)[ \t]*(?:" + _alternation(_LEXICON["signature_dashes"]) + r")[ \t]*"
    r"(?P<name>" + _NAME_WORD + r"(?:[ \t]+" + _NAME_WORD + r")?)[ \t]*$"
)


def _load_words() -> tuple[frozenset[str], frozenset[str]]:
    raw = (resources.files("servicemind") / "coach" / "redact.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    # titles ("Dear Prof. Klein") and the informal greeting and sign-off words ("thanks, bye")
    extra = {t.rstrip(".ª").casefold() for t in _per_language("titles")}
    extra |= {w.casefold() for key in _GREETING_KEYS for w in " ".join(_per_language(key)).split()}
    return (
        frozenset(w.casefold() for w in [*data["not_names"], *_LEXICON["not_names"]]) | extra,
        frozenset(w.casefold() for w in data["name_stop"]),
    )


def _common_words() -> frozenset[str]:
    """The stopwords of every language (lexicons/languages.json): no lower-case name."""
    raw = (resources.files("servicemind") / "lexicons" / "languages.json").read_text("utf-8")
    lists = json.loads(raw)
    return frozenset(w.casefold() for k, v in lists.items() if k != "_about" for w in v)


#: Capitalised words that follow a greeting but are not names, and words of an author's
#: display name that are not a person's name (both in coach/redact.toml).
_NOT_NAMES, _NAME_STOP = _load_words()
#: Lower-case words after a greeting that are no name: the not-names and common words.
_NOT_LOWER_NAMES = _NOT_NAMES | _common_words()
_NAME_PATTERNS = (_GREETING, _TITLE, _INTRO, _CALLER, _SIGN_OFF, _FINAL_LINE, _DASH_SIGNATURE)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _clean_name(name: str) -> str | None:
    words = [w for w in name.split() if w.casefold() not in _NOT_NAMES]
    # stop at the first non-name word: "Hi Maria Thanks" -> "Maria"
    kept: list[str] = []
    for w in name.split():
        if w.casefold() in _NOT_NAMES:
            break
        kept.append(w)
    return " ".join(kept) if kept and words else None


def _name_parts(names: Iterable[str]) -> set[str]:
    parts: set[str] = set()
    for full in names:
        full = full.strip()
        if not full:
            continue
        if full.startswith("@"):
            parts.add(full)
            continue
        words = re.findall(r"[^\W\d_][\w'’-]*", full)
        good = [w for w in words if len(w) >= 2 and w.casefold() not in _NAME_STOP]
        if len(good) >= 2:
            parts.add(" ".join(good))
            parts.update(f"{a} {b}" for a, b in itertools.pairwise(good))
        for w in good:
            if w[0].isupper() and w.casefold() not in _NOT_NAMES:
                parts.add(w)
    return parts


def _answered_name(answers: Sequence[str]) -> set[str]:
    """The name in the first short, letters-only answer after a name question."""
    for answer in answers:
        words = _ANSWER_PREFIX.sub("", answer.strip()).rstrip(".!").split()
        if not 1 <= len(words) <= NAME_ANSWER_MAX_WORDS:
            continue
        if not all(re.fullmatch(r"[^\W\d_][\w'’-]*", w) for w in words):
            continue
        names = [w for w in words if len(w) >= 2 and w.casefold() not in _NOT_NAMES]
        if len(names) != len(words):
            continue
        out = set(names) | {w[:1].upper() + w[1:] for w in names}
        out.add(" ".join(names))
        return out
    return set()


def find_names(texts: Sequence[str], known: Iterable[str] = ()) -> set[str]:
    """Names to mask across ``texts``: the ``known`` ones (e.g. authors) and every name
    the greeting, title, introduction and sign-off heuristics find in any text."""
    found = _name_parts(known)
    for i, text in enumerate(texts):
        if _NAME_QUESTION.search(text):
            found |= _answered_name(texts[i + 1 : i + 3])
    for text in texts:
        for low in _GREETING_LOWER.finditer(text):
            word = low.group("name")
            if word.casefold() not in _NOT_LOWER_NAMES:
                found |= {word, word[:1].upper() + word[1:]}
        for pattern in _NAME_PATTERNS:
            pos = 0
            while m := pattern.search(text, pos):
                name = _clean_name(m.group("name"))
                if name:
                    found |= _name_parts([name])
                # resume inside the name: "Thanks Priya Hi Maria" holds two greetings
                pos = max(m.start("name"), pos + 1)
    return found


def _looks_like_phone(raw: str, digits: str) -> bool:
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
        return False
    if raw.startswith(("+", "0", "(")):
        return True
    groups = re.findall(r"\d+", raw)
    if len(groups) < 2:
        return False  # a bare run of digits: an id, not a phone
    # "555 123 4567", "1 800 555 0199"; not "20 40 60 80 100"
    rest = groups[1:] if groups[0] == "1" else groups
    return all(len(g) >= 3 for g in rest)


def _classify_number(raw: str) -> str | None:
    """What a run of digits and separators is: ``account`` (a card), ``phone``,
    ``order`` (a long bare number), or ``None`` (a date, a quantity, ...)."""
    digits = re.sub(r"\D", "", raw)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", raw):
        return None  # an ISO date
    if CARD_MIN_DIGITS <= len(digits) <= CARD_MAX_DIGITS and _luhn_ok(digits):
        return "account"
    if _looks_like_phone(raw, digits):
        return "phone"
    if len(digits) >= BARE_NUMBER_MIN_DIGITS and re.fullmatch(r"[\d-]+", raw):
        return "order"
    return None


def _classify_run(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Spans of personal numbers in one digit run. A run that is not one number as a
    whole (two phone numbers in a row) is split at spaces: cards are looked for first,
    then phone numbers that start like one (+, 0 or a bracket) in what is left."""
    raw = text[start:end].rstrip(" .-(")
    kind = _classify_number(raw)
    if kind is not None:
        return [(start, start + len(raw), kind)]
    groups = [(start + g.start(), start + g.end()) for g in re.finditer(r"\S+", raw)]
    used = [False] * len(groups)
    out: list[tuple[int, int, str]] = []
    for wanted in ("account", "phone"):
        i = 0
        while i < len(groups):
            head = text[groups[i][0] : groups[i][1]]
            # a card starts with a group of 4+ digits, a phone with +, 0 or a bracket
            if (wanted == "account" and sum(c.isdigit() for c in head) < 4) or (
                wanted == "phone" and not head.startswith(("+", "0", "("))
            ):
                i += 1
                continue
            # the widest window that can still be one number: at most CARD_MAX_DIGITS digits
            last, count = i, 0
            while last < len(groups):
                count += sum(c.isdigit() for c in text[groups[last][0] : groups[last][1]])
                if count > CARD_MAX_DIGITS:
                    break
                last += 1
            for j in range(last - 1, i - 1, -1):
                if any(used[i : j + 1]):
                    continue
                piece = text[groups[i][0] : groups[j][1]]
                if _classify_number(piece) == wanted:
                    out.append((groups[i][0], groups[j][1], wanted))
                    used[i : j + 1] = [True] * (j - i + 1)
                    i = j
                    break
            i += 1
    return sorted(out)


def _add(spans: list[RedactedSpan], start: int, end: int, kind: str) -> None:
    spans.append(RedactedSpan(start, end, kind))


def find_spans(text: str, names: Iterable[str] = ()) -> list[RedactedSpan]:
    """The spans of ``text`` to mask, non-overlapping and in order."""
    spans: list[RedactedSpan] = []
    for m in _EMAIL.finditer(text):
        _add(spans, m.start(), m.end(), "email")
    for m in _HANDLE.finditer(text):
        _add(spans, m.start(), m.end(), "name")
    for m in _IBAN.finditer(text):
        _add(spans, m.start(), m.end(), "account")
    for m in _KEYWORD_ACCOUNT.finditer(text):
        _add(spans, m.start("ref"), m.end("ref"), "account")
    for m in _KEYWORD_ORDER.finditer(text):
        _add(spans, m.start("ref"), m.end("ref"), "order")
    for m in _BARE_CODE.finditer(text):
        code = m.group()
        if (
            len(code) >= BARE_CODE_MIN_LEN
            and any(c.isdigit() for c in code)
            and sum(c.isalpha() for c in code) >= 2
            and not _NAMED_VERSION.fullmatch(code)
        ):
            _add(spans, m.start(), m.end(), "order")
    for m in _USERNAME.finditer(text):
        group = "ref" if m.group("ref") else "ref2"
        _add(spans, m.start(group), m.end(group), "account")
    for m in _LOGIN_LIKE.finditer(text):
        _add(spans, m.start(), m.end(), "account")
    for m in _ZIP.finditer(text):
        _add(spans, m.start("ref"), m.end("ref"), "address")
    for m in _STATE_ZIP.finditer(text):
        _add(spans, m.start(), m.end(), "address")
    for m in _HASH_REF.finditer(text):
        _add(spans, m.start(), m.end(), "order")
    for m in _DIGIT_RUN.finditer(text):
        for start, end, kind in _classify_run(text, m.start(), m.end()):
            _add(spans, start, end, kind)
    for pattern in (_ADDRESS, _CALLE, _POSTCODE):
        for m in pattern.finditer(text):
            _add(spans, m.start(), m.end(), "address")
    for name in sorted(set(names), key=len, reverse=True):
        flags = 0 if not name.startswith("@") else re.IGNORECASE
        for m in re.finditer(r"(?<![\w@])" + re.escape(name) + r"(?![\w])", text, flags):
            _add(spans, m.start(), m.end(), "name")
    # keep the earliest, then the longest, of overlapping spans
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out: list[RedactedSpan] = []
    for s in spans:
        if (
            out
            and s.kind == "name" == out[-1].kind
            and s.start >= out[-1].end
            and not text[out[-1].end : s.start].strip()
            and "\n" not in text[out[-1].end : s.start]
        ):
            out[-1] = RedactedSpan(out[-1].start, s.end, "name")  # "[NAME] [NAME]" -> one
            continue
        if out and s.start < out[-1].end:
            if s.end > out[-1].end and s.kind == out[-1].kind:
                out[-1] = RedactedSpan(out[-1].start, s.end, s.kind)
            continue
        out.append(s)
    return out


def redact(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with personal data replaced by the :data:`MASKS` placeholders.

    ``names`` are names known to occur (authors, or :func:`find_names` over the whole
    conversation); names found by the heuristics in ``text`` itself are always added.
    """
    all_names = find_names([text], known=names)
    spans = find_spans(text, all_names)
    parts: list[str] = []
    pos = 0
    for s in spans:
        parts.append(text[pos : s.start])
        parts.append(MASKS[s.kind])
        pos = s.end
    parts.append(text[pos:])
    return "".join(parts)
