"""What every reader shares: the outcome of one record, opening files, located errors.

A reader is a generator of :data:`Outcome` values: a built :class:`Conversation`, or a
:class:`Reject` carrying the :class:`RecordError` and the raw text of the bad record.
Readers never decide what happens to a bad record; :func:`servicemind.ingest.read` does,
in one place (``strict`` raises, otherwise ``on_reject`` is called and reading goes on).
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TypeVar

from servicemind.conversation import Conversation, Role, role_key
from servicemind.errors import ConfigError, InputError, RecordError, RecordWarning

__all__ = [
    "BAD_BYTES",
    "EMPTY_TEXT",
    "NOT_UTF8",
    "NOT_UTF8_HINT",
    "NestedTurns",
    "Outcome",
    "Reader",
    "Reject",
    "TurnAt",
    "check_utf8",
    "conversation_outcomes",
    "has_text",
    "iso_time",
    "json_document",
    "json_value",
    "open_text",
    "opt_dict",
    "opt_str",
    "parse_role",
    "record_outcomes",
    "req_list",
    "req_obj",
    "req_str",
    "role_map",
    "row_text",
    "safely",
    "str_map",
    "turn_time",
]


@dataclass(frozen=True, slots=True)
class Reject:
    """A bad record: the located error and the record's raw text (for the rejects file)."""

    error: RecordError
    raw: str


Outcome = Conversation | Reject
T = TypeVar("T")
Reader = Callable[[Path, Mapping[str, Any]], Iterator[Outcome]]

# Bytes that cannot be decoded show up as lone surrogates U+DC00..U+DCFF (as with
# ``surrogateescape``, which only takes bytes >= 0x80: a UTF-16 file's odd byte may be
# lower); a record containing one is rejected instead of the whole file.
BAD_BYTES = re.compile("[\udc00-\udcff]")
_ESCAPE = "servicemind-escape"


def _escape_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(chr(0xDC00 + b) for b in bad), exc.end


codecs.register_error(_ESCAPE, _escape_bytes)


def open_text(path: Path) -> IO[str]:
    """Open ``path`` for streaming text: UTF-8 (or UTF-16/32 with a byte-order mark), BOM
    dropped, ``\\r\\n``/``\\r``/``\\n`` -> ``\\n``. One ``open``: the mark is peeked in the
    binary stream's buffer. The stream can seek back to its start (``seek(0)``) for a
    second pass."""
    try:
        binary = open(path, "rb")  # noqa: SIM115 -- returned, wrapped
    except OSError as exc:
        raise InputError(
            f"cannot open {path}: {exc.strerror or exc}", hint="check the path and permissions"
        ) from exc
    try:
        encoding = _encoding(binary.peek(4)[:4], path)
    except InputError:
        binary.close()
        raise
    return io.TextIOWrapper(binary, encoding=encoding, errors=_ESCAPE, newline=None)


# Byte-order marks of the encodings read besides UTF-8 (Excel's "Unicode text" is UTF-16);
# UTF-32's marks first, as UTF-32-LE's begins with UTF-16-LE's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _encoding(head: bytes, path: Path) -> str:
    """``utf-16`` or ``utf-32`` for a file starting with their byte-order mark, else
    ``utf-8-sig``. A file whose first bytes (``head``) hold a NUL (UTF-16 without a mark,
    or a binary file) is an :class:`InputError`: read as UTF-8 every record would be
    garbage."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise InputError(
            f"{path}:1: the file is not text in UTF-8 (it holds NUL bytes; UTF-16 without a "
            "byte-order mark, or a binary file such as a spreadsheet?)",
            hint="save it as CSV UTF-8 (or text) and read that",
        )
    return "utf-8-sig"


def json_value(text: str, line: int) -> object:
    """Parse one record's JSON text, which starts at ``line``; a syntax error (or nesting
    too deep for the parser, which would otherwise stop the whole run) is a
    :class:`RecordError` at its own line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"invalid JSON: {exc.msg} (column {exc.colno})", line=line + exc.lineno - 1
        ) from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply", line=line) from None


def json_document(head: str) -> bool:
    """Whether text starting with ``head`` (leading white space stripped) is one JSON
    document (an array, or a pretty-printed object whose first line is ``{``) rather than
    one object per line."""
    return head.startswith("[") or head.split("\n", 1)[0].strip() == "{"


NOT_UTF8 = "the text is not valid UTF-8"
NOT_UTF8_HINT = (
    "re-save the file as UTF-8 (Excel: CSV UTF-8), or convert it, e.g. "
    "iconv -f cp1252 -t utf-8 FILE > FILE.utf8 for a Windows/Latin-1 export"
)


def check_utf8(raw: str, *, file: str, line: int) -> None:
    """Raise a located :class:`RecordError` when ``raw`` held bytes that are not UTF-8."""
    m = BAD_BYTES.search(raw)
    if m is not None:
        bad_line = line + raw.count("\n", 0, m.start())
        raise RecordError(
            NOT_UTF8,
            file=file,
            line=bad_line,
            hint=NOT_UTF8_HINT,
        )


def safely(build: Callable[[], T], *, file: str, line: int, raw: str) -> T | Reject:
    """Run one record's ``build``; turn a failure into a located :class:`Reject`.

    Readers raise :class:`RecordError` with the field they know; the file and line are
    filled in here.
    """
    try:
        check_utf8(raw, file=file, line=line)
        return build()
    except RecordError as err:
        return Reject(_located(err, file, line), raw)


def _located(err: RecordError, file: str, line: int) -> RecordError:
    if err.file is not None and err.line is not None:
        return err
    return RecordError(
        err.reason,
        file=err.file or file,
        line=err.line if err.line is not None else line,
        field=err.field,
        hint=err.hint,
    )


def record_outcomes(
    build: Callable[[], list[Outcome]], *, file: str, line: int, raw: str
) -> list[Outcome]:
    """:func:`safely` for a ``build`` that gives a record's outcomes (a conversation and the
    turns dropped from it, see :func:`conversation_outcomes`); every Reject is located, and
    every conversation's ``source`` is the record's file and line."""
    result = safely(build, file=file, line=line, raw=raw)
    if isinstance(result, Reject):
        return [result]
    out: list[Outcome] = []
    for o in result:
        if isinstance(o, Reject):
            o = Reject(_located(o.error, file, line), o.raw)
        elif o.source is None:
            o.source = (file, line)
        out.append(o)
    return out


# -- turns without text ------------------------------------------------------------------

EMPTY_TEXT = "the message is empty"

#: What a message may hold and still show nothing: white space (every character Python
#: calls space, the no-break spaces included) and invisible format characters that exports
#: leave behind (zero-width space and joiners, word joiner, a stray byte-order mark, soft
#: hyphen).
_BLANK = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
)


def has_text(value: object) -> bool:
    """Whether a turn's text shows anything: the one empty-text check of every reader."""
    return bool(str(value or "").strip(_BLANK))


def row_text(value: str, field: str) -> str:
    """A row's message text; an empty one (nothing but :func:`has_text`'s blanks) is a
    located error."""
    if not has_text(value):
        raise RecordError(EMPTY_TEXT, field=field)
    return value


@dataclass(frozen=True, slots=True)
class TurnAt:
    """Where a turn's text came from: its field, and its own line and raw text where the
    record has them (a transcript's label line); else the record's line and the turn's
    source object as JSON."""

    field: str
    source: Any = None
    line: int | None = None
    raw: str | None = None

    def reject(self, reason: str) -> Reject:
        return self.about(RecordError(reason, field=self.field))

    def about(self, error: RecordError) -> Reject:
        """A :class:`Reject` of ``error`` (its field and hint) carrying this turn's line
        and raw text: a bad part of the turn, or a warning about a turn that is kept."""
        raw = self.raw
        if raw is None:
            raw = json.dumps(self.source, ensure_ascii=False, default=str)
        located = type(error)(error.reason, line=self.line, field=error.field, hint=error.hint)
        return Reject(located, raw)


def conversation_outcomes(
    turns: Sequence[tuple[Mapping[str, Any], TurnAt]],
    *,
    field: str,
    id: str | None = None,
    channel: str | None = None,
    meta: Mapping[str, Any] | None = None,
    rejected: Sequence[Reject] = (),
    warnings: Sequence[Reject] = (),
) -> list[Outcome]:
    """The conversation of ``turns``, after a :class:`Reject` for every turn whose text is
    empty (see :func:`has_text`): such a turn is reported, not analysed. The conversation
    keeps the other turns and counts the dropped ones in ``meta["rejected_turns"]``; with
    no turn left the whole record is rejected (``field`` names its list of turns).
    ``rejected`` are turns the reader already left out (a bad comment: counted the same
    way); ``warnings`` are reported about turns that were kept (a time set to null).
    """
    kept: list[Mapping[str, Any]] = []
    dropped: list[Outcome] = [*rejected]
    for turn, at in turns:
        if has_text(turn.get("text")):
            kept.append(turn)
        else:
            dropped.append(at.reject(EMPTY_TEXT))
    if not kept and rejected:
        # every turn was bad: one reject of the whole record, naming the first bad field
        first = rejected[0].error
        more = f" (and {len(dropped) - 1} other turn(s) left out)" if len(dropped) > 1 else ""
        raise RecordError(f"{first.reason}{more}", field=first.field, hint=first.hint)
    if not kept:
        why = f"no message with text ({len(dropped)} empty)" if dropped else "no messages"
        raise RecordError(f"the conversation has {why}", field=field)
    out_meta = dict(meta or {})
    if dropped:
        before = out_meta.get("rejected_turns")
        earlier = before if isinstance(before, int) and not isinstance(before, bool) else 0
        out_meta["rejected_turns"] = earlier + len(dropped)
    conv = Conversation.from_turns(kept, id=id, channel=channel, meta=out_meta)
    return [*dropped, *warnings, conv]


class NestedTurns:
    """The turns of a nested export's record (a ticket's comments, a conversation's parts),
    added one at a time: a turn whose build fails is left out on its own (a
    :class:`Reject`, counted in ``meta["rejected_turns"]``) and the record keeps the
    others; a time that is no time only loses the time (see :func:`turn_time`). ``label``
    goes in front of every reason (``"ticket 4101: "``)."""

    def __init__(self, label: str = "") -> None:
        self.label = label
        self.turns: list[tuple[dict[str, Any], TurnAt]] = []
        self.rejected: list[Reject] = []
        self.warnings: list[Reject] = []

    def add(self, at: TurnAt, build: Callable[[], dict[str, Any]], time_field: str) -> None:
        """Add the turn ``build`` makes (its ``time`` as the source wrote it)."""
        try:
            turn = build()
        except RecordError as err:
            self.rejected.append(at.about(self._labelled(err)))
            return
        turn["time"], bad = turn_time(turn.get("time"), time_field)
        if bad is not None:
            self.warnings.append(at.about(self._labelled(bad)))
        self.turns.append((turn, at))

    def outcomes(self, **kwargs: Any) -> list[Outcome]:
        """:func:`conversation_outcomes` of the turns added."""
        return conversation_outcomes(
            self.turns, rejected=self.rejected, warnings=self.warnings, **kwargs
        )

    def _labelled(self, err: RecordError) -> RecordError:
        if not self.label:
            return err
        return type(err)(f"{self.label}{err.reason}", field=err.field, hint=err.hint)


# -- field access that names the field on failure ------------------------------------------


def req_obj(value: Any, field: str | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RecordError(f"expected a JSON object, got {_kind(value)}", field=field)
    return value


def req_list(obj: Mapping[str, Any], key: str, field: str) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        what = "is missing" if value is None else f"must be a list, got {_kind(value)}"
        raise RecordError(f"'{key}' {what}", field=field)
    return value


def req_str(obj: Mapping[str, Any], key: str, field: str, *, allow_null: bool = False) -> str:
    value = obj.get(key)
    if value is None and allow_null:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        what = "is missing" if value is None else f"must be a string, got {_kind(value)}"
        raise RecordError(f"'{key}' {what}", field=field)
    return str(value)


def opt_str(obj: Mapping[str, Any], key: str, field: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RecordError(f"'{key}' must be a string, got {_kind(value)}", field=field)
    return str(value)


def opt_dict(obj: Mapping[str, Any], key: str, field: str) -> dict[str, Any]:
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError(f"'{key}' must be an object, got {_kind(value)}", field=field)
    return dict(value)


def parse_role(value: str, field: str, extra: Mapping[str, str] | None = None) -> Role:
    """Role named by ``value`` (``extra`` maps source labels to role names first).

    ``extra`` is a :func:`role_map`; labels and role names are compared as
    :func:`~servicemind.conversation.role_key` writes them (case ignored, spaces,
    underscores and hyphens alike), in ``extra`` as in :meth:`Role.parse`.
    """
    key = value.strip()
    if extra:
        key = extra.get(role_key(key), key)
    try:
        return Role.parse(key)
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise RecordError(
            f"unknown role {value[:40]!r} (expected one of: {names}, or a synonym)",
            field=field,
        ) from None


def iso_time(value: Any, field: str) -> str | None:
    """An ISO-8601 string for an ISO string or a Unix timestamp in seconds; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError(f"not a timestamp: {value!r}", field=field)
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            raise RecordError(f"timestamp out of range: {value!r}", field=field) from None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise RecordError(f"not an ISO-8601 time: {value[:40]!r}", field=field) from None
    raise RecordError(f"not a timestamp: {_kind(value)}", field=field)


TIME_HINT = "write times as ISO-8601 (2024-03-01T10:00:00Z) or Unix seconds (1709287200)"


def turn_time(
    value: Any, field: str, *, as_written: bool = False
) -> tuple[str | None, RecordError | None]:
    """A turn's time and, for a value that is no time, the warning to report.

    ISO-8601 strings are kept (``as_written``) or written in Python's ISO form; Unix
    seconds (a number, or a string of digits) become ISO-8601 UTC; anything else (a
    ``32/13/2024``, ``yesterday at 3``) is ``None`` plus a :class:`RecordError` saying
    the turn is kept without its time, so the output stays ISO-8601 or null and nothing
    is dropped without a word. One policy for every format that reads a time per turn.
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None, None
        if as_written:
            try:
                datetime.fromisoformat(text)
                return text, None
            except ValueError:
                pass
        if _EPOCH.fullmatch(text):
            value = float(text)
    try:
        return iso_time(value, field), None
    except RecordError as err:
        warning = RecordWarning(
            f"{err.reason}; the turn is kept, its time set to null",
            field=field,
            hint=TIME_HINT,
        )
        return None, warning


_EPOCH = re.compile(r"\d{9,11}(?:\.\d+)?")


def role_map(value: Any, option: str) -> dict[str, str]:
    """A ``{label: role}`` option whose roles are all valid (else a ConfigError), its
    labels written once as :func:`~servicemind.conversation.role_key` writes them, as
    :func:`parse_role` and the readers look them up."""
    mapping = {role_key(k): v for k, v in str_map(value, option).items()}
    for label, role in mapping.items():
        try:
            Role.parse(role)
        except ValueError:
            names = ", ".join(r.value for r in Role)
            raise ConfigError(
                f"the '{option}' option maps {label!r} to unknown role {role!r}",
                hint=f"roles are: {names}",
            ) from None
    return mapping


def str_map(value: Any, option: str) -> dict[str, str]:
    """A ``{str: str}`` option, validated."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError(f"the '{option}' option must map names to names, got {value!r}")
    return dict(value)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )
