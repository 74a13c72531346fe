"""What in a message its author wrote, and what an export carried along with it.

Help-desk exports keep whole emails: the reply, then the quoted earlier message ("On Mon,
Anna wrote: > …"), a signature after "-- ", "Sent from my iPhone", a legal disclaimer, and
the desk's own notification lines ("##- Please type your reply above this line -##",
"Ticket #4411 updated"). Scored as the author's words, the quoted customer email gave a rude
reply the customer's courtesy and a disclaimer gave a macro its "specific" detail (trial 19:
one rude reply scored 23 alone and 75 with the customer's email quoted under it), and a
customer's cheerful quoted macro made "Where is my refund??" read grateful.

:func:`excluded_parts` finds those parts; :func:`authored_text` is the text every analyser
reads: the excluded parts blanked with spaces (line breaks kept) so that every offset into
it is an offset into the original text, and a trailing excluded part cut off. The output
keeps the message ``text`` as ingested and lists the parts in ``turns[].excluded``.

Rules, all on whole lines (patterns in ``lexicons/email_parts.json``):

- ``quoted``: a reply header line ("On … wrote:", in ten languages, holding a date, a time or
  an address; it may wrap onto a second line), an "-----Original Message-----" line, or a header block (a "From:" line with a
  "Sent:"/"Date:" line and a "To:"/"Subject:" line within the next four) starts the quoted
  earlier message, which runs to the end; lines starting with ">" are quoted wherever they are.
- ``signature``: a "-- " line (the email signature separator) with at most
  :data:`SIGNATURE_MAX_LINES` lines after it runs to the end, and so does a closing block of
  contact lines (street, postcode, phone, fax, web and mail addresses; the name above them
  is kept); a mail app's own line ("Sent from my iPhone", "Von meinem iPhone gesendet") is
  excluded alone.
- ``disclaimer``: a paragraph after the first that opens like a legal notice
  ("CONFIDENTIALITY NOTICE:", "This email and any attachments are confidential", "Ce message
  est confidentiel") and holds a legal term ("recipient", "in error", "vertraulich") runs to
  the end.
- ``boilerplate``: a help desk's notification line, alone on its line; and the closing
  paragraphs of a newsletter-style footer (a paragraph after the first with "Unsubscribe",
  "Follow us on", "Shop now" in one of its lines) to the end.

Nothing is excluded from a message that would have no words left, nor from a one-line
message (chats and tweets have none of these parts).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from servicemind.analyse._cues import load_lexicon

__all__ = ["EXCLUDED_KINDS", "Excluded", "authored_text", "excluded_parts"]

_LEX = "email_parts.json"
#: What an excluded part can be, as ``turns[].excluded[].kind`` names it.
EXCLUDED_KINDS = ("quoted", "signature", "disclaimer", "boilerplate")
#: A "-- " separator opens a signature only when at most this many lines follow it.
SIGNATURE_MAX_LINES = 12
#: A contact block's lines have at most this many words ...
CONTACT_LINE_WORDS = 8
#: ... and it holds at least this many contact lines (a street and a phone number, say).
CONTACT_MIN_LINES = 2
#: How many lines after a "From:" line may hold the rest of a quoted header block.
HEADER_BLOCK_LINES = 4
#: Messages whose excluded parts are memoised (the same customer email is read for every
#: reply of its conversation's tracking and for the customer side).
CACHE = 4096

_LINE = re.compile(r"[^\n]*\n?")
_LETTER = re.compile(r"[^\W\d_]")
#: A reply header holds a date, a time or an address ("On Monday, the engineer wrote:" is
#: the author's own sentence).
_DATED = re.compile(r"[0-9@]")


@dataclass(frozen=True, slots=True)
class Excluded:
    """A part of a message that is not its author's words: ``text[start:end]``."""

    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


def _whole_line(key: str) -> re.Pattern[str]:
    rows = load_lexicon(_LEX)[key]
    return re.compile(r"\s*(?:" + "|".join(f"(?:{r})" for r in rows) + r")\s*", re.IGNORECASE)


def _line_start(key: str) -> re.Pattern[str]:
    rows = load_lexicon(_LEX)[key]
    return re.compile(r"\s*(?:" + "|".join(f"(?:{r})" for r in rows) + r")", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    fields = load_lexicon(_LEX)["header_field"]
    return {
        "reply_header": _whole_line("reply_header"),
        "original_message": _whole_line("original_message"),
        "device_signature": _whole_line("device_signature"),
        "boilerplate": _whole_line("boilerplate"),
        "disclaimer": _line_start("disclaimer"),
        "legal": re.compile("|".join(load_lexicon(_LEX)["disclaimer_terms"]), re.IGNORECASE),
        "contact": _whole_line("contact_line"),
        "footer": re.compile("|".join(load_lexicon(_LEX)["footer"]), re.IGNORECASE),
        "from": re.compile(r"\s*(?:" + fields[0] + r")\s*\S", re.IGNORECASE),
        "sent": re.compile(r"\s*(?:" + fields[1] + r")\s*\S", re.IGNORECASE),
        "to": re.compile(r"\s*(?:" + "|".join(fields[2:]) + r")", re.IGNORECASE),
    }


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, the end before its line break."""
    out = []
    for m in _LINE.finditer(text):
        if m.start() == len(text):
            break
        end = m.end() - 1 if m.group().endswith("\n") else m.end()
        out.append((m.start(), end))
    return out


def _quoted_from(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The line index where the quoted earlier message starts, if any."""
    p = _patterns()
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if not line.strip():
            continue
        if p["original_message"].fullmatch(line):
            return i
        heads = [line]
        if i + 1 < len(lines):  # a reply header wrapped onto a second line
            heads.append(line.rstrip() + " " + text[slice(*lines[i + 1])].strip())
        # a reply header names when or who ("On 3 Nov, a@b.c wrote:"); "On Monday, the
        # engineer wrote:" is the author's own sentence
        if any(
            len(h) <= 300 and _DATED.search(h) and p["reply_header"].fullmatch(h) for h in heads
        ):
            return i
        if p["from"].match(line):
            after = [text[a:b] for a, b in lines[i + 1 : i + 1 + HEADER_BLOCK_LINES]]
            if any(p["sent"].match(x) for x in after) and any(p["to"].match(x) for x in after):
                # an Outlook rule line ("_____") just above belongs to the block
                j = i
                while j > 0 and re.fullmatch(r"\s*[_-]{8,}\s*", text[slice(*lines[j - 1])]):
                    j -= 1
                return j
    return None


def _disclaimer_from(text: str, lines: list[tuple[int, int]], upto: int) -> int | None:
    """The line index of the first paragraph, before line ``upto``, that opens like a legal
    notice (a paragraph starts the message or follows an empty line)."""
    p = _patterns()
    for i in range(1, upto):
        s, e = lines[i]
        opens = text[s:e].strip() and not text[slice(*lines[i - 1])].strip()
        if (
            opens
            and p["disclaimer"].match(text, s, e)
            and p["legal"].search(_paragraph(text, lines, i))
        ):
            return i
    return None


def _paragraph(text: str, lines: list[tuple[int, int]], i: int) -> str:
    """The paragraph that starts at line ``i`` (up to the next empty line)."""
    j = i
    while j < len(lines) and text[slice(*lines[j])].strip():
        j += 1
    return text[lines[i][0] : lines[j - 1][1]]


def _footer_from(text: str, lines: list[tuple[int, int]], upto: int) -> int | None:
    """The line index where the closing run of footer paragraphs starts, before ``upto``."""
    p = _patterns()["footer"]
    start: int | None = None
    i = upto
    while i > 0:
        j = i  # the paragraph is lines[k:j], k after the empty line before it
        while j > 0 and not text[slice(*lines[j - 1])].strip():
            j -= 1
        k = j
        while k > 0 and text[slice(*lines[k - 1])].strip():
            k -= 1
        if k == 0 or j == k or not any(p.search(text, *lines[x]) for x in range(k, j)):
            break
        start, i = k, k
    return start


def _contact_block_from(text: str, lines: list[tuple[int, int]], upto: int) -> int | None:
    """The line index where a signature's contact block starts, before ``upto``: in the
    closing run of short lines (:data:`CONTACT_LINE_WORDS` words or fewer, no sentence end),
    the first contact line (a phone or fax number, an address, a web or mail address), when
    the run holds :data:`CONTACT_MIN_LINES` of them. The name above it is the author's."""
    p = _patterns()["contact"]
    i = upto
    first: int | None = None
    found = 0
    while i > 1:
        line = text[slice(*lines[i - 1])].strip()
        contact = bool(line) and p.fullmatch(line) is not None
        if line and not contact and (len(line.split()) > CONTACT_LINE_WORDS or line[-1] in ".!?"):
            break
        if contact:
            found += 1
            first = i - 1
        i -= 1
    return first if found >= CONTACT_MIN_LINES and first is not None and first > 0 else None


def _signature_from(text: str, lines: list[tuple[int, int]], upto: int) -> int | None:
    for i in range(1, upto):
        s, e = lines[i]
        if text[s:e].rstrip(" ") == "--" and upto - i - 1 <= SIGNATURE_MAX_LINES:
            return i
    return None


#: The closing parts of a message, in the order they are looked for: each above the last.
_CLOSING_PARTS: tuple[tuple[Callable[[str, list[tuple[int, int]], int], int | None], str], ...] = (
    (_footer_from, "boilerplate"),
    (_disclaimer_from, "disclaimer"),
    (_signature_from, "signature"),
    (_contact_block_from, "signature"),
)


@lru_cache(maxsize=CACHE)
def excluded_parts(text: str) -> tuple[Excluded, ...]:
    """The parts of ``text`` that are not its author's words, in text order."""
    if "\n" not in text:
        return ()
    lines = _lines(text)
    p = _patterns()
    cut = len(lines)
    kind = ""
    q = _quoted_from(text, lines)
    if q == 0:  # the whole message is a quote (a forward with nothing added): keep it all
        return ()
    if q is not None:
        cut, kind = q, "quoted"
    # each closing part is looked for above the one found below it
    for find, name in _CLOSING_PARTS:
        at = find(text, lines, cut)
        if at is not None:
            cut, kind = at, name
    parts: list[Excluded] = []
    for i in range(cut):
        s, e = lines[i]
        line = text[s:e]
        if not line.strip():
            continue
        if line.lstrip().startswith(">"):
            parts.append(Excluded(s, e, "quoted"))
        elif p["device_signature"].fullmatch(line):
            parts.append(Excluded(s, e, "signature"))
        elif p["boilerplate"].fullmatch(line):
            parts.append(Excluded(s, e, "boilerplate"))
    if cut < len(lines):
        parts.append(Excluded(lines[cut][0], len(text), kind))
    if not parts:
        return ()
    kept = _blank(text, parts)
    if not _LETTER.search(kept):  # nothing of the author's own would be left: keep it all
        return ()
    return tuple(_merged(parts))


def _merged(parts: list[Excluded]) -> list[Excluded]:
    """Adjacent parts of one kind as one part (a block of "> " lines is one quote)."""
    out: list[Excluded] = []
    for p in parts:
        if out and out[-1].kind == p.kind and out[-1].end + 1 >= p.start:
            out[-1] = Excluded(out[-1].start, p.end, p.kind)
        else:
            out.append(p)
    return out


def _blank(text: str, parts: list[Excluded] | tuple[Excluded, ...]) -> str:
    chars = list(text)
    for p in parts:
        for k in range(p.start, p.end):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def authored_text(text: str) -> str:
    """``text`` as analysers read it: excluded parts blanked (offsets kept), a trailing one
    cut off, trailing white space removed."""
    parts = excluded_parts(text)
    if not parts:
        return text
    last = parts[-1]
    if last.end == len(text):
        return _blank(text[: last.start], parts[:-1]).rstrip()
    return _blank(text, parts)
