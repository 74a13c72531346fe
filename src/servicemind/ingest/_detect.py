"""Tell the format of a file from its extension and its first bytes."""

from __future__ import annotations

import json
import re
from pathlib import Path

from servicemind.errors import FormatDetectionError
from servicemind.ingest._fields import candidates
from servicemind.ingest._records import json_document, open_text
from servicemind.ingest.text import is_label_line

__all__ = ["SNIFF_CHARS", "detect_format"]

# How much of the file is looked at: 64 Ki characters holds the first record of every
# export we know (their identifying keys come early), and costs nothing to read.
SNIFF_CHARS = 64 << 10

_BY_EXTENSION = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".txt": "text",
    ".csv": "csv",
    ".tsv": "csv",
}
_SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".ods", ".numbers"}
_TWCS_COLUMNS = {"tweet_id", "inbound", "in_response_to_tweet_id"}


def _has_key(head: str, *keys: str) -> bool:
    return all(re.search(rf'"{re.escape(k)}"\s*:', head) for k in keys)


def _json_format(head: str) -> str | None:
    if _has_key(head, "conversation_parts") or re.search(
        r'"type"\s*:\s*"conversation\.list"', head
    ):
        return "intercom"
    if _has_key(head, "original") and (_has_key(head, "convo_id") or _has_key(head, "scenario")):
        return "abcd"
    if _has_key(head, "comments") and (
        _has_key(head, "requester_id") or _has_key(head, "requester") or _has_key(head, "tickets")
    ):
        return "zendesk"
    if _has_key(head, "tickets"):
        return "zendesk"
    if _has_key(head, "turns") or _has_key(head, "messages", "role"):
        return "jsonl"
    return None


def _top_level_turns(stripped: str) -> str | None:
    """``"jsonl"`` when the first line is a whole object with ``turns`` (or a list under a
    name the JSONL reader reads as ``turns``, such as ``messages``) at its top level:
    keys nested in ``meta`` ("tickets", "comments") must not make it look like an export."""
    try:
        first = json.loads(_first_line(stripped))
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(first, dict):
        return None
    turns = "turns" in first or any(isinstance(first[k], list) for k in candidates("turns", first))
    return "jsonl" if turns else None


def _tab_table(line: str) -> bool:
    """Whether ``line`` is a tab-separated header naming a conversation id, a role and a
    text column (as the csv reader looks them up), not a transcript's first line."""
    if "\t" not in line or is_label_line(line):
        return False
    names = [c.strip().strip('"') for c in line.split("\t")]
    return all(candidates(f, names) for f in ("conversation_id", "role", "text"))


def _first_line(head: str) -> str:
    return head.split("\n", 1)[0]


def detect_format(path: str | Path, names: tuple[str, ...] = ()) -> str:
    """The format name of ``path`` (see ``servicemind.ingest.FORMATS``).

    Raises :class:`FormatDetectionError` with a hint listing the formats when no format
    recognises the file.
    """
    p = Path(path)
    with open_text(p) as fh:
        head = fh.read(SNIFF_CHARS)
    suffix = p.suffix.lower()
    stripped = head.lstrip()
    found: str | None = None
    if stripped.startswith(("{", "[")) and not is_label_line(_first_line(stripped)):
        found = _top_level_turns(stripped) or _json_format(head)
        if found == "jsonl" and json_document(stripped):
            pass  # an array of conversations, or pretty-printed ones
        elif found == "jsonl":
            try:
                json.loads(_first_line(stripped))
            except (json.JSONDecodeError, RecursionError):
                # A long first line cut by the sniff window is still JSONL when it is
                # the only line we saw; a pretty-printed object is not.
                if "\n" in stripped.rstrip("\n"):
                    found = None
    elif _tab_table(_first_line(stripped)):
        found = "csv"  # Excel's "Unicode text" export: a .txt table, tab-separated
    elif suffix in {".txt", ".text", ".log", ".transcript"} or is_label_line(_first_line(stripped)):
        found = "text"
    elif stripped:
        header = _first_line(head)
        columns = {c.strip().strip('"').lower() for c in re.split(r"[,\t;]", header)}
        if columns >= _TWCS_COLUMNS:
            found = "twcs"
        elif suffix in {".csv", ".tsv"} or {"role", "text"} <= columns:
            found = "csv"
    if found is None and suffix in _BY_EXTENSION and not _has_key(head, "comments"):
        # Empty, or a first record too broken to sniff: trust the extension, so the
        # reader can report the bad records one by one.
        found = _BY_EXTENSION[suffix]
    if found is None:
        listed = ", ".join(names) if names else "see the docs"
        hint = f"choose one with --format: {listed}"
        if suffix in _SPREADSHEETS:
            hint = "save the sheet as CSV UTF-8 (one row per message) and read that"
        raise FormatDetectionError(f"cannot tell the format of {p}", hint=hint)
    return found
