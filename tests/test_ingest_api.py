"""The public surface of servicemind.ingest: read, detection, rejects, strict, dedupe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import servicemind.ingest as ingest
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError, FormatDetectionError, InputError, RecordError
from servicemind.ingest import FORMATS, RejectWriter, dedupe, detect_format, read, read_all

FIX = Path(__file__).parent / "fixtures" / "ingest"


def test_ingest_public_surface_is_curated() -> None:
    assert sorted(ingest.__all__) == [
        "FORMATS",
        "Format",
        "RejectHandler",
        "RejectWriter",
        "dedupe",
        "detect_format",
        "is_warning",
        "log_reject",
        "read",
        "read_all",
    ]
    assert set(FORMATS) == {"jsonl", "csv", "twcs", "abcd", "zendesk", "intercom", "text"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("conversations.jsonl", "jsonl"),
        ("turns.csv", "csv"),
        ("turns_custom.tsv", "csv"),
        ("twcs_small.csv", "twcs"),
        ("abcd_small.json", "abcd"),
        ("abcd_bad.json", "abcd"),
        ("zendesk_tickets.json", "zendesk"),
        ("zendesk_wrapped.json", "zendesk"),
        ("zendesk_tickets.jsonl", "zendesk"),
        ("intercom_conversations.json", "intercom"),
        ("intercom_bad.json", "intercom"),
        ("transcripts.txt", "text"),
        ("transcripts_dashes.txt", "text"),
    ],
)
def test_ingest_detect_format_recognises_each_fixture(name: str, expected: str) -> None:
    assert detect_format(FIX / name) == expected


def test_ingest_detect_format_sniffs_content_without_extension(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes((FIX / "twcs_small.csv").read_bytes())
    (tmp_path / "b").write_text("Customer: hello\nAgent: hi\n", encoding="utf-8")
    (tmp_path / "c").write_bytes((FIX / "intercom_conversations.json").read_bytes())
    (tmp_path / "d").write_bytes((FIX / "conversations.jsonl").read_bytes())
    assert [detect_format(tmp_path / n) for n in "abcd"] == ["twcs", "text", "intercom", "jsonl"]


def test_ingest_detect_format_failure_lists_the_formats(tmp_path: Path) -> None:
    odd = tmp_path / "odd.bin"
    odd.write_text("%PDF-1.4 not a conversation\n", encoding="utf-8")
    with pytest.raises(FormatDetectionError) as info:
        detect_format(odd)
    message = str(info.value)
    assert "odd.bin" in message
    for name in FORMATS:
        assert name in message


def test_ingest_read_unknown_format_and_option_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown format"):
        list(read(FIX / "turns.csv", "xml"))
    with pytest.raises(ConfigError, match="accepted options: columns, delimiter, roles"):
        list(read(FIX / "turns.csv", "csv", options={"colums": {}}))


def test_ingest_read_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nope.jsonl")


BAD = [
    # file, format, (line, field) of every reject, ids still read
    ("bad.jsonl", "jsonl", [(2, None), (3, "turns[1].role")], ["ok-1", "ok-2"]),
    ("bad.csv", "csv", [(3, "role"), (4, "conversation_id"), (5, None)], ["A"]),
    ("twcs_bad.csv", "twcs", [(3, "inbound"), (4, "created_at")], ["twcs-1", "twcs-4"]),
    ("abcd_bad.json", "abcd", [(4, "original[1]")], ["abcd-601", "abcd-603"]),
    (
        "zendesk_bad.json",
        "zendesk",
        [(3, "comments[0].public"), (4, None)],
        ["zendesk-5001", "zendesk-5004"],
    ),
    (
        "intercom_bad.json",
        "intercom",
        [(3, "conversation_parts[0].author.type")],
        # the bad part is left out on its own: a2 keeps its first message
        ["intercom-a1", "intercom-a2", "intercom-a3"],
    ),
    ("transcripts_bad.txt", "text", [(4, "speaker")], None),
]


@pytest.mark.parametrize(("name", "fmt", "where", "ids"), BAD)
def test_ingest_bad_record_is_located_and_the_rest_is_read(
    name: str, fmt: str, where: list[tuple[int, str | None]], ids: list[str] | None
) -> None:
    errors: list[RecordError] = []
    convs = list(read(FIX / name, fmt, on_reject=lambda e, raw: errors.append(e)))
    assert [(e.line, e.field) for e in errors] == where
    for e in errors:
        assert e.file == str(FIX / name)
        assert f"{name}:{e.line}" in str(e)
        if e.field:
            assert f"field '{e.field}'" in str(e)
    if ids is not None:
        assert [c.id for c in convs] == ids
    else:
        assert len(convs) == 2


@pytest.mark.parametrize(("name", "fmt", "where", "ids"), BAD)
def test_ingest_strict_stops_at_the_first_bad_record(
    name: str, fmt: str, where: list[tuple[int, str | None]], ids: list[str] | None
) -> None:
    got: list[Conversation] = []
    with pytest.raises(RecordError) as info:
        got.extend(read(FIX / name, fmt, strict=True))
    assert (info.value.line, info.value.field) == where[0]


def test_ingest_rejects_file_holds_location_reason_and_raw(tmp_path: Path) -> None:
    out = tmp_path / "rejects.jsonl"
    with RejectWriter(out) as rejects:
        convs = list(read(FIX / "bad.csv", on_reject=rejects))
    assert [c.id for c in convs] == ["A"]
    assert rejects.count == 3
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [set(x) for x in lines] == [
        {"file", "line", "field", "reason", "hint", "kept", "raw"}
    ] * 3
    assert not any(x["kept"] for x in lines)  # a role that is no role is a reject
    assert lines[0]["line"] == 3
    assert lines[0]["field"] == "role"
    assert "unknown role 'robot'" in lines[0]["reason"]
    assert lines[0]["raw"] == "A,robot,beep\n"
    assert lines[2]["reason"] == "expected 3 columns, got 4"
    assert all(x["file"] == str(FIX / "bad.csv") for x in lines)


def test_ingest_reject_writer_creates_no_file_without_rejects(tmp_path: Path) -> None:
    out = tmp_path / "rejects.jsonl"
    with RejectWriter(out) as rejects:
        list(read(FIX / "turns.csv", on_reject=rejects))
    assert not out.exists()


def test_ingest_default_reject_handler_logs_location_not_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level("WARNING", logger="servicemind.ingest"):
        list(read(FIX / "bad.jsonl"))
    assert len(caplog.records) == 2
    assert "bad.jsonl:3" in caplog.text
    assert "Poof" not in caplog.text


@pytest.mark.parametrize(
    "name",
    [
        "conversations.jsonl",
        "turns.csv",
        "twcs_small.csv",
        "abcd_small.json",
        "zendesk_tickets.json",
        "intercom_conversations.json",
        "transcripts.txt",
    ],
)
def test_ingest_ids_are_stable_across_runs(name: str) -> None:
    first = [c.id for c in read(FIX / name)]
    second = [c.id for c in read(FIX / name)]
    assert first == second
    assert len(set(first)) == len(first)


def test_ingest_dedupe_skips_ids_already_seen() -> None:
    seen = {"zendesk-4102"}
    convs = list(
        dedupe(read_all([FIX / "zendesk_tickets.json", FIX / "zendesk_tickets.jsonl"]), seen=seen)
    )
    assert [c.id for c in convs] == ["zendesk-4101"]
    assert seen == {"zendesk-4101", "zendesk-4102"}


def test_ingest_dedupe_reports_a_different_conversation_under_a_used_id() -> None:
    from servicemind.conversation import Conversation

    def conv(text: str) -> Conversation:
        return Conversation.from_turns([{"role": "customer", "text": text}], id="1")

    got: list[tuple[RecordError, str]] = []
    out = list(
        dedupe(
            [conv("Where is my parcel?"), conv("Where is my parcel?"), conv("Cancel my plan.")],
            on_reject=lambda e, raw: got.append((e, raw)),
        )
    )
    assert [c.turns[0].text for c in out] == ["Where is my parcel?"]
    # the identical repeat is skipped quietly; the different one is reported, not lost
    assert len(got) == 1
    err, raw = got[0]
    assert err.field == "id" and "id '1' already used by a different conversation" in err.reason
    assert "Cancel my plan." in raw
    # --strict stops at it, like at every other bad record
    with pytest.raises(RecordError, match="already used by a different conversation"):
        list(dedupe([conv("Where is my parcel?"), conv("Cancel my plan.")], strict=True))


def test_ingest_read_all_detects_each_file() -> None:
    ids = [c.id for c in read_all([FIX / "abcd_small.json", FIX / "twcs_small.csv"])]
    assert ids[:2] == ["abcd-501", "abcd-502"]
    assert {"twcs-10", "twcs-20", "twcs-30"} <= set(ids)


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.txt"])
def test_ingest_empty_file_gives_no_conversations(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert list(read(path, strict=True)) == []


def test_ingest_jsonl_with_a_broken_first_line_is_still_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"id": "a", "tur\n{"id": "b", "turns": [{"role": "agent", "text": "hi"}]}\n',
        encoding="utf-8",
    )
    assert detect_format(path) == "jsonl"
    errors: list[RecordError] = []
    assert [c.id for c in read(path, on_reject=lambda e, raw: errors.append(e))] == ["b"]
    assert errors[0].line == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("chat.log", "[10:32] Guest: Hi, my order is late\n[10:33] Support Agent: Sorry!\n"),
        ("transcript", "Visitor: Hi\nSarah (Agent): Hello, how can I help?\n"),
    ],
)
def test_ingest_detects_every_transcript_the_text_reader_reads(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(path) == "text"
    (conv,) = read(path)
    assert [t.role.value for t in conv.turns] == ["customer", "agent"]


def test_ingest_dedupe_reject_names_where_both_conversations_were_read(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text(
        "conversation_id,role,text\n1,customer,Where is my parcel?\n", encoding="utf-8"
    )
    second = tmp_path / "b.jsonl"
    second.write_text(
        '{"id": "1", "turns": [{"role": "customer", "text": "Where is my parcel?"}]}\n'
        "\n"
        '{"id": "1", "turns": [{"role": "customer", "text": "Cancel my plan."}]}\n',
        encoding="utf-8",
    )
    got: list[RecordError] = []
    out = list(dedupe(read_all([first, second]), on_reject=lambda e, raw: got.append(e)))
    assert [c.turns[0].text for c in out] == ["Where is my parcel?"]
    (err,) = got
    assert (err.file, err.line, err.field) == (str(second), 3, "id")
    assert f"id '1' already used by a different conversation at {first}:2" in err.reason
    assert f"{second}:3 field 'id': " in str(err)
    with pytest.raises(RecordError) as info:
        list(dedupe(read_all([first, second]), strict=True))
    assert (info.value.file, info.value.line) == (str(second), 3)
    assert f"at {first}:2" in info.value.reason


def test_ingest_conversations_carry_where_they_were_read(tmp_path: Path) -> None:
    # a csv conversation is where its first row is, though its rows are not contiguous
    table = tmp_path / "t.csv"
    table.write_text(
        "conversation_id,role,text\nx,customer,Hi\ny,agent,Other\nx,agent,Hello\n",
        encoding="utf-8",
    )
    assert {c.id: c.source for c in read(table, strict=True)} == {
        "x": (str(table), 2),
        "y": (str(table), 3),
    }
    transcript = tmp_path / "t.txt"
    transcript.write_text("Customer: Hi\n---\nCustomer: Hi there\n", encoding="utf-8")
    assert [c.source for c in read(transcript, strict=True)] == [
        (str(transcript), 1),
        (str(transcript), 3),
    ]
