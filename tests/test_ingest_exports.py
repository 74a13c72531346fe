"""The files a new user tries first: chat-style JSONL (``messages``/``content``), UTF-16
exports (Excel's "Unicode text"), Windows line endings, quoted newlines in TSV,
timestamped transcripts. Each reads, or fails with its file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from servicemind.conversation import Role
from servicemind.errors import FormatDetectionError, InputError, RecordError
from servicemind.ingest import detect_format, read


def _read(path: Path, fmt: str | None = None) -> tuple[list[object], list[RecordError]]:
    errors: list[RecordError] = []
    convs: list[object] = list(read(path, fmt, on_reject=lambda e, raw: errors.append(e)))
    return convs, errors


def test_ingest_jsonl_chat_style_messages_and_content(tmp_path: Path) -> None:
    path = tmp_path / "chats.jsonl"
    lines = [
        {
            "id": "m1",
            "messages": [
                {"role": "user", "content": "My order is late", "timestamp": "2024-05-02T09:00"},
                {"role": "assistant", "content": "Sorry, checking now."},
            ],
        },
        {
            "id": "m2",
            "turns": [{"sender": "customer", "body": "Hi"}, {"from": "agent", "text": "Yo"}],
        },
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert detect_format(path) == "jsonl"
    m1, m2 = read(path, strict=True)
    assert [t.role for t in m1.turns] == [Role.CUSTOMER, Role.BOT]
    assert [t.text for t in m1.turns] == ["My order is late", "Sorry, checking now."]
    assert m1.turns[0].time == "2024-05-02T09:00"
    assert [t.role for t in m2.turns] == [Role.CUSTOMER, Role.AGENT]
    assert [t.text for t in m2.turns] == ["Hi", "Yo"]


def test_ingest_jsonl_aliases_never_guess_and_name_the_field(tmp_path: Path) -> None:
    path = tmp_path / "chats.jsonl"
    lines = [
        {"messages": [{"role": "user", "content": "a", "body": "b"}]},
        {"messages": [{"role": "user", "content": ""}, {"role": "agent", "content": "ok"}]},
        {"messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]},
        {"messages": [{"role": "user", "text": "a", "content": "b"}]},  # text wins
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    convs, errors = _read(path)
    assert [(e.line, e.field) for e in errors] == [
        (1, "messages[0].content"),
        (2, "messages[0].content"),
        (3, "messages[0].content"),
    ]
    assert "'content' and 'body' could both be the 'text'" in errors[0].reason
    assert errors[1].reason == "the message is empty"
    assert "'content' must be a string, got a list" in errors[2].reason
    assert [c.turns[0].text for c in convs] == ["ok", "a"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_ingest_utf16_exports_with_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-32": b""}[encoding]
    tsv = tmp_path / "export.tsv"
    tsv.write_bytes(
        bom
        + (
            'Ticket ID\tSender\tMessage\r\n1\tcustomer\t"Héllo,\r\nsecond line"\r\n'
            "1\tagent\tBonjour 😀\r\n"
        ).encode(encoding)
    )
    (conv,) = read(tsv, strict=True)
    assert [t.text for t in conv.turns] == ["Héllo,\nsecond line", "Bonjour 😀"]
    txt = tmp_path / "t.txt"
    txt.write_bytes(bom + "Customer: Hi\r\nAgent: Hello\r\n".encode(encoding))
    assert detect_format(txt) == "text"
    (conv,) = read(txt, strict=True)
    assert [t.text for t in conv.turns] == ["Hi", "Hello"]


def test_ingest_utf16_bad_bytes_reject_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    body = "conversation_id,role,text\n1,customer,hi\n2,agent,yes\n".encode("utf-16")
    path.write_bytes(body + b"\x00")  # a stray half code unit at the end
    convs, errors = _read(path)
    assert [c.id for c in convs] == ["1", "2"]  # type: ignore[attr-defined]
    assert [e.line for e in errors] == [4]


def test_ingest_utf16_without_a_mark_is_a_clear_file_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes("conversation_id,role,text\n1,customer,hi\n".encode("utf-16-le"))
    with pytest.raises(InputError, match=r"x\.csv:1: the file is not text in UTF-8"):
        list(read(path))


def test_ingest_spreadsheet_gets_a_hint_to_save_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "tickets.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"x" * 40)
    with pytest.raises(FormatDetectionError) as info:
        read(path)
    assert "CSV UTF-8" in (info.value.hint or "")


def test_ingest_text_timestamps_before_labels_are_turn_times(tmp_path: Path) -> None:
    path = tmp_path / "chat.log"
    path.write_text(
        "[10:32] Customer: Hi, my card was declined.\n"
        "(10:33 AM) Agent (Maria): Sorry! Let me check.\n"
        "It should work at 10:40: try then.\n"
        "2024-05-02 10:41:07 - Customer: Thanks\n"
        "Agent (10:42 pm): You're welcome.\n",
        encoding="utf-8",
    )
    assert detect_format(path) == "text"
    (conv,) = read(path, strict=True)
    assert [t.role for t in conv.turns] == [Role.CUSTOMER, Role.AGENT, Role.CUSTOMER, Role.AGENT]
    assert [t.time for t in conv.turns] == ["10:32", "10:33 AM", "2024-05-02 10:41:07", "10:42 pm"]
    assert [t.author for t in conv.turns] == [None, "Maria", None, None]
    assert conv.turns[1].text == "Sorry! Let me check.\nIt should work at 10:40: try then."


def test_ingest_text_unknown_speaker_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("[10:32] John: Hi\n[10:33] Sarah: Hello\n", encoding="utf-8")
    convs, errors = _read(path)
    assert convs == []
    (err,) = errors
    assert f"{path}:1 field 'speaker'" in str(err)
    (conv,) = read(path, strict=True, options={"labels": {"John": "customer", "Sarah": "agent"}})
    assert [t.time for t in conv.turns] == ["10:32", "10:33"]


@pytest.mark.parametrize("layout", ["array", "wrapped", "pretty"])
def test_ingest_json_array_of_conversations_reads_as_jsonl(tmp_path: Path, layout: str) -> None:
    convs = [
        {"id": "a", "turns": [{"role": "customer", "text": "hi"}, {"role": "agent", "text": ""}]},
        {"id": "b", "messages": [{"role": "user", "content": "yo"}]},
        {"id": "c", "turns": [{"role": "robot", "text": "beep"}]},
    ]
    name, text = {
        "array": ("c.json", json.dumps(convs, indent=2)),
        "wrapped": ("c.json", json.dumps({"conversations": convs}, indent=2)),
        "pretty": ("c.jsonl", "\n".join(json.dumps(c, indent=2) for c in convs)),
    }[layout]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert detect_format(path) == "jsonl"
    got, errors = _read(path)
    assert [c.id for c in got] == ["a", "b"]  # type: ignore[attr-defined]
    assert [(e.field, e.reason[:12]) for e in errors] == [
        ("turns[1].text", "the message "),
        ("turns[0].role", "unknown role"),
    ]
    lines = text.split("\n")
    for e in errors:  # each names the line where its conversation starts
        assert e.line is not None and lines[e.line - 1].strip().startswith("{")


def test_ingest_semicolon_csv_from_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        b"\xef\xbb\xbfTicket ID;Sender;Message;Price\r\n"
        b'7;customer;"Hello, I paid 12,50 \xe2\x82\xac; twice";12,50\r\n7;agent;Refunded.;\r\n'
    )
    (conv,) = read(path, strict=True)
    assert [t.text for t in conv.turns] == ["Hello, I paid 12,50 €; twice", "Refunded."]
    assert conv.turns[0].meta == {"Price": "12,50"}
    tab = tmp_path / "t.csv"
    tab.write_text("conversation_id\trole\ttext\n1\tagent\ta, b; c\n", encoding="utf-8")
    assert [t.text for t in next(read(tab, strict=True)).turns] == ["a, b; c"]


@pytest.mark.parametrize("name", ["chat.txt", "convs.json"])
def test_ingest_rerun_into_a_store_adds_no_duplicates(tmp_path: Path, name: str) -> None:
    from click.testing import CliRunner

    from servicemind.cli import cli

    path = tmp_path / name
    if name.endswith(".txt"):  # content-derived ids, with an empty turn dropped
        path.write_text(
            "[10:32] Customer: Hi\n[10:33] Agent:\n[10:34] Agent: Hello\n", encoding="utf-8"
        )
    else:
        convs = [{"turns": [{"role": "user", "content": "Hi"}, {"role": "agent", "text": ""}]}]
        path.write_text(json.dumps(convs, indent=1), encoding="utf-8")
    db = tmp_path / "r.sqlite"
    args = ["analyze", str(path), "-o", str(tmp_path / "o.jsonl"), "--db", str(db)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "stored 1 new, skipped 0" in first.stderr
    assert "the message is empty" in first.stderr  # the reject is shown, with its place
    again = CliRunner().invoke(cli, args)
    assert "stored 0 new, skipped 1" in again.stderr


def test_ingest_text_chat_widget_labels_and_role_in_parentheses(tmp_path: Path) -> None:
    path = tmp_path / "livechat.txt"
    path.write_text(
        "Visitor: Hi, is anyone there?\n"
        "Sarah (Agent): Hello! How can I help?\n"
        "Note: this line stays in Sarah's turn.\n"
        "Visitor (10:31): My parcel is late.\n"
        "Customer Service: We are on it.\n"
        "Virtual Assistant: Rate this chat!\n",
        encoding="utf-8",
    )
    (conv,) = read(path, strict=True)
    assert [t.role for t in conv.turns] == [
        Role.CUSTOMER,
        Role.AGENT,
        Role.CUSTOMER,
        Role.AGENT,
        Role.BOT,
    ]
    assert [t.author for t in conv.turns] == [None, "Sarah", None, None, None]
    assert conv.turns[1].text == "Hello! How can I help?\nNote: this line stays in Sarah's turn."
    assert conv.turns[1].meta == {"label": "Agent"}
    assert conv.turns[2].time == "10:31"


def test_ingest_json_array_of_turns_says_it_looks_like_turns(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    turns = [{"role": "customer", "text": "Hi"}, {"role": "agent", "text": "Hello"}]
    path.write_text(json.dumps(turns, indent=2), encoding="utf-8")
    convs, errors = _read(path, "jsonl")
    assert convs == []
    assert [(e.line, e.field) for e in errors] == [(2, "turns"), (6, "turns")]
    assert "looks like one turn" in errors[0].reason
    assert '"turns": [' in (errors[0].hint or "")


def test_ingest_json_nested_too_deeply_rejects_the_record_not_the_run(tmp_path: Path) -> None:
    ok = json.dumps({"id": "ok", "turns": [{"role": "customer", "text": "hi"}]})
    deep = '{"id": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = tmp_path / "deep.jsonl"
    path.write_text(f"{ok}\n{deep}\n{ok.replace('ok', 'ok2')}\n", encoding="utf-8")
    convs, errors = _read(path)
    assert [c.id for c in convs] == ["ok", "ok2"]  # type: ignore[attr-defined]
    assert [(e.line, e.reason) for e in errors] == [(2, "invalid JSON: nested too deeply")]
    tickets = tmp_path / "t.json"
    bad = '{"id": 2, "requester_id": 1, "comments": ' + "[" * 100_000 + "]" * 100_000 + "}"
    good = '{"id": 3, "requester_id": 1, "comments": [{"author_id": 1, "body": "hi"}]}'
    tickets.write_text(f"[\n{bad},\n{good}\n]\n", encoding="utf-8")
    convs, errors = _read(tickets, "zendesk")
    assert [c.id for c in convs] == ["zendesk-3"]  # type: ignore[attr-defined]
    assert [(e.line, e.reason) for e in errors] == [(2, "invalid JSON: nested too deeply")]


def test_ingest_json_stray_brace_in_an_array_is_one_reject_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    ticket = '{{"id": {i}, "requester_id": 1, "comments": [{{"author_id": 1, "body": "a"}}]}}'
    path.write_text(
        f"[\n {ticket.format(i=1)},\n }}\n, {ticket.format(i=2)}\n]\n", encoding="utf-8"
    )
    convs, errors = _read(path)
    assert [c.id for c in convs] == ["zendesk-1", "zendesk-2"]  # type: ignore[attr-defined]
    assert [(e.line, e.reason[:12]) for e in errors] == [(3, "invalid JSON")]


def test_ingest_jsonl_keys_are_matched_as_csv_headers_are(tmp_path: Path) -> None:
    # names the CSV reader read and the JSONL reader did not: case, spaces, hyphens, and
    # the CSV-only aliases (Sender Type, Message Text, Created At, agentName, Messages)
    path = tmp_path / "export.jsonl"
    lines = [
        {
            "id": "e1",
            "Messages": [
                {
                    "Sender Type": "End User",
                    "Message Text": "Where is it?",
                    "Created At": "2024-05-02",
                    "agentName": "Kim",
                },
                {"ROLE": "agent", "Text": "On its way.", "sent-at": "2024-05-03"},
            ],
        },
        {"turns": [{"role": "agent", "text": "hi", "agent": {"id": 7}, "date": ["x"]}]},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert detect_format(path) == "jsonl"
    e1, e2 = read(path, strict=True)
    assert [t.role for t in e1.turns] == [Role.CUSTOMER, Role.AGENT]
    assert [t.text for t in e1.turns] == ["Where is it?", "On its way."]
    assert [t.time for t in e1.turns] == ["2024-05-02", "2024-05-03"]
    assert e1.turns[0].author == "Kim"
    # an optional key's other name holding an object is some other key, left alone
    assert (e2.turns[0].author, e2.turns[0].time) == (None, None)


def test_ingest_jsonl_two_spellings_of_one_key_are_never_guessed(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    lines = [
        {"turns": [{"role": "user", "text": "a", "Text": "b"}]},
        {"turns": [{"role": "user", "text": "a", "Sender": "agent", "speaker": "user"}]},
        {"turns": [{"role": "user", "text": "a", "author": "x", "user_name": "y"}]},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    convs, errors = _read(path)
    assert [(e.line, e.field) for e in errors] == [(1, "turns[0].text")]
    assert "'text' and 'Text' could both be the 'text'; keep one" in errors[0].reason
    # the key itself wins over its other names, in JSONL as in CSV
    assert [c.turns[0].role for c in convs] == [Role.CUSTOMER, Role.CUSTOMER]  # type: ignore[attr-defined]
    assert convs[1].turns[0].author == "x"  # type: ignore[attr-defined]
