"""Redaction of what servicemind writes out: personal data masked at output time.

The analysis always runs on the text as ingested, so scores do not change; this module
masks the output object afterwards (``analyze --redact``, ``report --redact``, the
``redact`` setting, ``serve``'s ``redact`` field) with the redactor that practice
scenarios use, :mod:`servicemind.coach.redact` (``[EMAIL]``, ``[PHONE]``, ``[ACCOUNT]``,
``[ORDER]``, ``[ADDRESS]``, ``[NAME]``).

What is masked in one output object:

- ``turns[].text``, and every span into it (evidence, emotion cues, commitments,
  ``excluded`` parts): ``start``/``end`` are moved onto the redacted text, so
  ``text[start:end] == span.text`` still holds; a span that began or ended inside a masked
  part takes the whole placeholder;
- the quoting texts: coaching ``strengths``/``improve``/``rewrite``, a commitment's
  ``due``, ``summary.moments[].detail``, and every string in ``meta`` and ``turns[].meta``;
- ``turns[].author`` of customer-side turns (``[NAME]``); answering authors (agents) stay,
  as the report and the store group scores by them, and names are masked in the text.

The names masked in every text are those the redactor finds in the whole conversation
plus all its authors, as in practice scenarios. Unlike a practice scenario, order, booking,
ticket and invoice references stay: they name no person and a reader of the results
follows them up (a bare long number with nothing to say what it is is still masked, as
``[ORDER]``: it may be an account). ``servicemind.redacted`` is set to true.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from servicemind.coach.redact import MASKS, RedactedSpan, find_names, find_spans
from servicemind.errors import RecordError

__all__ = ["redact_reject", "redact_result"]

#: Keys of a JSON record whose values are people's names.
_NAME_KEYS = ("author", "name", "user", "sender", "requester")
#: The text-quoting keys of an agent's coaching block.
_COACHING_TEXTS = ("improve", "rewrite")


#: What introduces an order, booking, ticket or invoice reference ("order #", "ticket no. ",
#: "booking ref "): a number after it is a business reference, not personal data, and stays.
_REFERENCE_BEFORE = re.compile(
    r"(?i)(?:\b(?:order|booking|reservation|reference|ref|ticket|invoice|case|tracking|parcel|"
    r"consignment|claim|pedido|reserva|bestellung|rechnung|po)\b[ \t.:#]{0,3}"
    r"(?:(?:number|no|num|nr|code|id)\b[ \t.:#]{0,3})?(?:is[ \t]+)?|#[ \t]?)$"
)


def _is_reference(text: str, span: RedactedSpan) -> bool:
    """Whether an ``order`` span is a reference the output keeps: a code with letters
    ("K7QPLM", "A-88213"), or a number introduced as an order, ticket, ... reference. A bare
    long number with nothing to say what it is may be an account or a phone: masked."""
    if span.kind != "order":
        return False
    ref = text[span.start : span.end]
    return (
        any(c.isalpha() for c in ref)
        or ref.startswith("#")
        or bool(_REFERENCE_BEFORE.search(text, max(0, span.start - 40), span.start))
    )


#: What every mask but a name needs: a digit (numbers, codes, addresses) or an '@'.
_DIGIT_OR_AT = re.compile(r"[\d@]")


class _Masker:
    """Masks the texts of one conversation (or one rejected record): the names masked in
    each are ``known`` and those the redactor finds in ``texts`` or in the text itself.

    The turn texts go first (:meth:`masked`); what was masked in them is remembered, so the
    texts that quote them (coaching, moments: :meth:`quote`) lose it too, and a quote with
    nothing the redactor could mask (no digit, no '@', no name, nothing masked before) is
    left as it is without running the redactor: most coaching sentences."""

    def __init__(self, texts: Sequence[str], known: Iterable[str] = ()) -> None:
        self.names = find_names(texts, known=known)
        self._done: dict[str, _Masked] = {}
        self._seen: dict[str, str] = {}  # masked original -> its placeholder

    def masked(self, text: str) -> _Masked:
        done = self._done.get(text)
        if done is None:
            done = self._done[text] = _Masked(text, self._names_in(text))
            self._seen.update(done.masked)
        return done

    def _names_in(self, text: str) -> set[str]:
        """The names that occur in ``text``: the redactor looks for each name it is given
        with its own search, so names that are not there (most, in a long conversation)
        are left out; the same spans come back, faster. Handles match in any case."""
        folded = text.lower()
        here = {n for n in self.names if (n.lower() in folded if n.startswith("@") else n in text)}
        return here | find_names([text])

    def quote(self, text: str) -> str:
        if not (
            _DIGIT_OR_AT.search(text)
            or any(n in text for n in self.names)
            or any(orig in text for orig in self._seen)
            or find_names([text])
        ):
            return text
        out = self.masked(text).text
        for orig in sorted(self._seen, key=len, reverse=True):
            if orig in out:  # whole words only, as the redactor matches names
                word = re.compile(r"(?<![\w@])" + re.escape(orig) + r"(?!\w)")
                out = word.sub(self._seen[orig], out)  # a placeholder: no backslash
        return out

    def strings(self, value: Any) -> Any:
        """Every string in a JSON value masked (``meta`` holds anything the source said)."""
        if isinstance(value, str):
            return self.quote(value)
        if isinstance(value, list):
            return [self.strings(v) for v in value]
        if isinstance(value, dict):
            return {k: self.strings(v) for k, v in value.items()}
        return value


class _Masked:
    """One text with its masks applied, and the map of its offsets onto the new text."""

    def __init__(self, text: str, names: Iterable[str]) -> None:
        spans: Sequence[RedactedSpan] = [
            s for s in find_spans(text, names) if not _is_reference(text, s)
        ]
        parts: list[str] = []
        # what was masked, for the texts that quote it: "bobcat." is quoted as "bobcat"
        self.masked = {
            text[s.start : s.end].strip(" .,;:!?-") or text[s.start : s.end]: MASKS[s.kind]
            for s in spans
        }
        self._old: list[tuple[int, int]] = []  # masked spans in the original text
        self._new: list[tuple[int, int]] = []  # the same spans in the redacted text
        pos = size = 0
        for s in spans:
            parts.append(text[pos : s.start])
            size += s.start - pos
            mask = MASKS[s.kind]
            parts.append(mask)
            self._old.append((s.start, s.end))
            self._new.append((size, size + len(mask)))
            size += len(mask)
            pos = s.end
        parts.append(text[pos:])
        self.text = "".join(parts)
        self._starts = [a for a, _ in self._old]

    def offset(self, pos: int, *, end: bool) -> int:
        """Where original offset ``pos`` lands in the redacted text. Inside a masked part,
        a start goes to the placeholder's start and an end to its end."""
        # the last masked part that starts before (an end) or at (a start) ``pos``
        i = (bisect.bisect_left if end else bisect.bisect_right)(self._starts, pos) - 1
        if i < 0:
            return pos
        old_end, (new_start, new_end) = self._old[i][1], self._new[i]
        if pos < old_end:
            return new_end if end else new_start
        return new_end + (pos - old_end)


def redact_reject(error: RecordError, raw: str) -> tuple[RecordError, str]:
    """A rejected record with personal data masked: its raw text (the names masked are those
    the redactor's heuristics find in it: a reject has no parsed authors) and the reason,
    which may quote a value of the record. File, line, field and hint stay. A JSON record's
    author and name fields are known names too."""
    masker = _Masker([raw], known=_json_names(raw))
    masked = RecordError(
        masker.quote(error.reason),
        file=error.file,
        line=error.line,
        field=error.field,
        hint=error.hint,
    )
    return masked, masker.masked(raw).text


def _json_names(raw: str) -> set[str]:
    """The values of the author and name fields (at any depth) of a JSON record."""
    try:
        value = json.loads(raw)
    except ValueError:
        return set()
    found: set[str] = set()
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for key, v in node.items():
                if isinstance(v, str) and any(w in str(key).lower() for w in _NAME_KEYS):
                    found.add(v)
                elif isinstance(v, dict | list):
                    stack.append(v)
    return found


def _move_spans(node: Any, masked: _Masked) -> None:
    """Move every ``{start, end[, text]}`` span under ``node`` onto the redacted text."""
    if isinstance(node, list):
        for item in node:
            _move_spans(item, masked)
        return
    if not isinstance(node, dict):
        return
    start, end = node.get("start"), node.get("end")
    if isinstance(start, int) and isinstance(end, int):
        node["start"] = masked.offset(start, end=False)
        node["end"] = max(node["start"], masked.offset(end, end=True))
        if isinstance(node.get("text"), str):
            node["text"] = masked.text[node["start"] : node["end"]]
    for value in node.values():
        if isinstance(value, dict | list):
            _move_spans(value, masked)


def _redact_turn(turn: dict[str, Any], masker: _Masker) -> None:
    masked = masker.masked(str(turn.get("text", "")))
    turn["text"] = masked.text
    for key in ("excluded", "customer", "agent"):
        if key in turn:
            _move_spans(turn[key], masked)
    if isinstance(turn.get("meta"), dict):
        turn["meta"] = masker.strings(turn["meta"])
    if turn.get("side") == "customer" and turn.get("author"):
        turn["author"] = MASKS["name"]
    agent = turn.get("agent")
    if not isinstance(agent, dict):
        return
    coaching = agent.get("coaching")
    if isinstance(coaching, dict):
        for key in _COACHING_TEXTS:
            if isinstance(coaching.get(key), str):
                coaching[key] = masker.quote(coaching[key])
        if isinstance(coaching.get("strengths"), list):
            coaching["strengths"] = masker.strings(coaching["strengths"])
    for c in agent.get("commitments") or ():
        if isinstance(c, dict) and isinstance(c.get("due"), str):
            c["due"] = masker.quote(c["due"])


def redact_result(obj: dict[str, Any]) -> dict[str, Any]:
    """A redacted copy of one output object (``obj`` itself is left as it is)."""
    out: dict[str, Any] = json.loads(json.dumps(obj))  # a deep copy, several times faster
    turns = [t for t in out.get("turns") or () if isinstance(t, dict)]
    authors = {str(t["author"]) for t in turns if t.get("author")}
    masker = _Masker([str(t.get("text", "")) for t in turns], known=authors)
    for turn in turns:
        _redact_turn(turn, masker)
    if isinstance(out.get("meta"), dict):
        out["meta"] = masker.strings(out["meta"])
    summary = out.get("summary")
    for m in (summary.get("moments") or ()) if isinstance(summary, dict) else ():
        if isinstance(m, dict) and isinstance(m.get("detail"), str):
            m["detail"] = masker.quote(m["detail"])
    if isinstance(out.get("servicemind"), dict):
        out["servicemind"]["redacted"] = True
    return out
