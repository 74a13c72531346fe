"""Long CSV headers as help-desk exports write them: known aliases are read when the
canonical name is absent, never guessing between two candidates; role values as exports
write them."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from servicemind.cli import cli
from servicemind.conversation import Role
from servicemind.errors import InputError, RecordError
from servicemind.ingest import read
from servicemind.ingest._fields import ALIASES, normalise
from servicemind.ingest.long_csv import COLUMNS

SECRET = "my card number is 4111"


def _csv(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "header",
    [
        "id,speaker,message",
        "Ticket ID,Sender Type,Message Text",
        "ticket-id,SENDER,body",
        "conversation,from,content",
        "thread_id,author_type,utterance",
        "case_id,participant_role,msg",
        "Dialogue ID,Speaker Role,Comment Body",
        "Conversation ID,Role,Text",  # the canonical names, spelled differently
    ],
)
def test_ingest_csv_reads_common_export_headers(tmp_path: Path, header: str) -> None:
    path = _csv(tmp_path, f"{header}\nT-1,customer,Where is it?\nT-1,agent,On its way.\n")
    (conv,) = read(path, strict=True)
    assert conv.id == "T-1"
    assert [t.role for t in conv.turns] == [Role.CUSTOMER, Role.AGENT]
    assert [t.text for t in conv.turns] == ["Where is it?", "On its way."]
    assert all(t.meta == {} for t in conv.turns)


def test_ingest_csv_optional_aliases_and_other_columns_in_meta(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _csv(
        tmp_path,
        "Ticket ID,Sender Type,Agent Name,Message Text,Created At,Priority\n"
        f"101,Customer,,{SECRET},2024-05-02 09:14,high\n"
        "101,Agent,Kim,Thanks.,2024-05-02 09:20,high\n",
    )
    with caplog.at_level(logging.INFO, logger="servicemind.ingest"):
        (conv,) = read(path, strict=True)
    assert conv.turns[1].author == "Kim"
    assert conv.turns[0].author is None
    assert conv.turns[0].time == "2024-05-02 09:14"
    assert conv.turns[0].meta == {"Priority": "high"}
    (record,) = caplog.records
    assert record.levelno == logging.INFO
    assert record.getMessage() == (
        f"{path}: reading column 'Ticket ID' as conversation_id, 'Sender Type' as role, "
        "'Message Text' as text, 'Agent Name' as author, 'Created At' as time"
    )
    assert SECRET not in caplog.text


def test_ingest_csv_two_candidates_for_a_required_column_stop_with_both_named(
    tmp_path: Path,
) -> None:
    path = _csv(tmp_path, "id,role,message,body\n1,customer,a,b\n")
    with pytest.raises(InputError) as info:
        list(read(path))
    text = str(info.value)
    assert f"{path}:1:" in text
    assert "'message' and 'body' could both be the text column" in text
    assert """--options '{"columns": {"text": "message"}}'""" in (info.value.hint or "")
    # the same file reads once the column is named
    (conv,) = read(path, strict=True, options={"columns": {"text": "body"}})
    assert conv.turns[0].text == "b"
    assert conv.turns[0].meta == {"message": "a"}


def test_ingest_csv_two_candidates_for_an_optional_column_map_neither(tmp_path: Path) -> None:
    path = _csv(tmp_path, "id,role,text,agent,agent_name\n1,agent,hi,7,Kim\n")
    (conv,) = read(path, strict=True)
    assert conv.turns[0].author is None
    assert conv.turns[0].meta == {"agent": "7", "agent_name": "Kim"}


def test_ingest_csv_canonical_and_explicit_names_win_over_aliases(tmp_path: Path) -> None:
    path = _csv(tmp_path, "id,conversation_id,role,text,message\nm1,T-9,customer,hi,x\n")
    (conv,) = read(path, strict=True)
    assert conv.id == "T-9"
    assert conv.turns[0].text == "hi"
    assert conv.turns[0].meta == {"id": "m1", "message": "x"}
    (conv,) = read(path, strict=True, options={"columns": {"conversation_id": "id"}})
    assert conv.id == "m1"
    assert conv.turns[0].meta == {"conversation_id": "T-9", "message": "x"}


def test_ingest_csv_missing_column_names_the_column_file_and_line(tmp_path: Path) -> None:
    path = _csv(tmp_path, "ticket,speaker,subject\n1,customer,Refund\n")
    with pytest.raises(InputError) as info:
        list(read(path))
    assert info.value.code == "E200"
    assert f"{path}:1: missing column(s) text; the header has: ticket, speaker, subject" in str(
        info.value
    )
    assert """--options '{"columns": {"text": "<your header>"}}'""" in (info.value.hint or "")


def test_ingest_csv_alias_table_is_unambiguous() -> None:
    assert set(COLUMNS) <= set(ALIASES)
    seen: dict[str, str] = {}
    own = {normalise(c) for c in ALIASES}
    for column, names in ALIASES.items():
        for name in names:
            assert name == normalise(name), name  # kept in normalised form
            assert name not in own, name
            assert seen.setdefault(name, column) == column, f"{name} in two lists"


@pytest.mark.parametrize(
    ("value", "role"),
    [
        ("Customer", Role.CUSTOMER),
        ("AGENT", Role.AGENT),
        ("user", Role.CUSTOMER),
        ("End User", Role.CUSTOMER),
        ("end_user", Role.CUSTOMER),
        ("requester", Role.CUSTOMER),
        ("client", Role.CUSTOMER),
        ("caller", Role.CUSTOMER),
        ("inbound", Role.CUSTOMER),
        ("rep", Role.AGENT),
        ("staff", Role.AGENT),
        ("operator", Role.AGENT),
        ("Support Agent", Role.AGENT),
        ("Customer Service", Role.AGENT),
        ("outbound", Role.AGENT),
        ("bot", Role.BOT),
        ("Virtual Agent", Role.BOT),
        ("system", Role.SYSTEM),
    ],
)
def test_ingest_csv_reads_the_role_values_of_exports(
    tmp_path: Path, value: str, role: Role
) -> None:
    path = _csv(tmp_path, f"id,sender,message\n1,{value},hello\n")
    (conv,) = read(path, strict=True)
    assert conv.turns[0].role is role


def test_ingest_csv_unknown_role_value_is_a_located_row_reject(tmp_path: Path) -> None:
    path = _csv(tmp_path, "id,Sender Type,message\n1,customer,hi\n1,robot,beep\n1,agent,yes\n")
    errors: list[RecordError] = []
    (conv,) = read(path, on_reject=lambda e, raw: errors.append(e))
    assert len(conv.turns) == 2
    assert conv.meta["rejected_turns"] == 1
    (err,) = errors
    assert (err.file, err.line, err.field) == (str(path), 3, "Sender Type")
    assert f"{path}:3 field 'Sender Type': unknown role 'robot'" in str(err)


def test_ingest_cli_names_the_mapping_and_reruns_store_no_duplicates(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "Ticket ID,Sender,Message\n"
        f"T-1,customer,{SECRET}\nT-1,agent,Done.\nT-1,agent, \nT-2,user,Thanks!\n",
    )
    db, out, rejects = tmp_path / "r.sqlite", tmp_path / "o.jsonl", tmp_path / "rej.jsonl"
    args = ["analyze", str(path), "-o", str(out), "--db", str(db), "--rejects", str(rejects)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert (
        f"{path}: reading column 'Ticket ID' as conversation_id, 'Sender' as role, "
        "'Message' as text" in first.stderr
    )
    assert SECRET not in first.stderr
    assert "stored 2 new, skipped 0" in first.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["T-1", "T-2"]
    assert rows[0]["meta"] == {"rejected_turns": 1}
    (reject,) = [json.loads(x) for x in rejects.read_text(encoding="utf-8").splitlines()]
    assert (reject["line"], reject["field"]) == (4, "Message")
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert "stored 0 new, skipped 2" in again.stderr


def test_ingest_csv_repeated_header_loses_nothing_and_is_never_guessed(tmp_path: Path) -> None:
    path = _csv(tmp_path, "conversation_id,role,text,note,note,author,author\n1,agent,a,x,y,k,m\n")
    (conv,) = read(path, strict=True)
    assert conv.turns[0].meta == {"note": "x", "note (2)": "y", "author": "k", "author (2)": "m"}
    assert conv.turns[0].author is None  # two author columns: neither is read as it
    twice = _csv(tmp_path, "conversation_id,role,text,text\n1,customer,a,b\n", "twice.csv")
    with pytest.raises(InputError, match="the headers 'text' and 'text \\(2\\)' could both"):
        list(read(twice))
    with pytest.raises(InputError, match="could both be the text column"):
        list(read(twice, options={"columns": {"text": "text"}}))


@pytest.mark.parametrize("label", ["Staff Member", "staff_member", "STAFF-MEMBER", "staff  member"])
@pytest.mark.parametrize(
    "value", ["Staff Member", "staff_member", "staff-member", " Staff__Member "]
)
def test_ingest_role_labels_are_one_spelling_everywhere(
    tmp_path: Path, label: str, value: str
) -> None:
    # the roles option and the CSV role column, the labels option and a transcript label,
    # the role names the options map to: all compared as Role.parse compares role names
    table = _csv(tmp_path, f"id,role,text\n1,{value},Hello.\n1,End User,Hi.\n")
    (conv,) = read(table, strict=True, options={"roles": {label: "Support Agent"}})
    assert [t.role for t in conv.turns] == [Role.AGENT, Role.CUSTOMER]
    transcript = tmp_path / "t.txt"
    transcript.write_text(f"Client: Hi.\n{value.strip()}: Hello.\n", encoding="utf-8")
    options = {"labels": {label: "agent", "Client": "customer"}}
    (conv,) = read(transcript, strict=True, options=options)
    assert [t.role for t in conv.turns] == [Role.CUSTOMER, Role.AGENT]


def test_ingest_default_transcript_labels_take_any_separator(tmp_path: Path) -> None:
    transcript = tmp_path / "t.txt"
    transcript.write_text("End_User: Hi.\nsupport-agent: Hello.\n", encoding="utf-8")
    (conv,) = read(transcript, strict=True)
    assert [t.role for t in conv.turns] == [Role.CUSTOMER, Role.AGENT]


@pytest.mark.parametrize("raw", ["Support - Agent", "support_-_agent", "SUPPORT--AGENT"])
def test_ingest_role_names_read_a_run_of_separators_as_one(raw: str) -> None:
    from servicemind.conversation import Conversation, role_key

    assert role_key(raw) == "support-agent"
    assert Role.parse(raw) is Role.AGENT
    conv = Conversation.from_turns([{"role": raw, "text": "Hello."}])  # the API's path
    assert conv.turns[0].role is Role.AGENT
