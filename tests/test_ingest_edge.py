"""Unicode, BOM, long turns, mixed line endings, bad bytes, and streaming JSON scanning."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from servicemind.errors import InputError, RecordError
from servicemind.ingest import read
from servicemind.ingest._jsonstream import iter_json_items

LONG = ("Ünïcode é 😀 " * 8000)[:100_000]  # a 100 kB-ish turn
BOM = b"\xef\xbb\xbf"


def write(tmp_path: Path, name: str, text: str, *, newline: str = "\n", bom: bool = True) -> Path:
    path = tmp_path / name
    body = text.replace("\n", newline).encode("utf-8")
    path.write_bytes((BOM if bom else b"") + body)
    return path


def mixed(lines: list[str]) -> str:
    """Join lines with \\r\\n, \\r and \\n in turn."""
    ends = ["\r\n", "\r", "\n"]
    return "".join(line + ends[i % 3] for i, line in enumerate(lines))


def test_ingest_jsonl_bom_mixed_endings_and_long_turn(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "turns": [{"role": "customer", "text": LONG}]}),
        json.dumps({"id": "b", "turns": [{"role": "agent", "text": "ok 👍"}]}, ensure_ascii=False),
        "",
        json.dumps({"id": "c", "turns": [{"role": "customer", "text": "hi"}]}),
    ]
    path = tmp_path / "x.jsonl"
    path.write_bytes(BOM + mixed(lines).encode("utf-8"))
    convs = list(read(path, strict=True))
    assert [c.id for c in convs] == ["a", "b", "c"]
    assert convs[0].turns[0].text == LONG
    assert convs[1].turns[0].text == "ok 👍"


def test_ingest_csv_mixed_endings_long_field_and_embedded_newlines(tmp_path: Path) -> None:
    lines = [
        "conversation_id,role,text",
        f'1,customer,"{LONG}"',
        '1,agent,"two\nlines, with comma"',
        "1,customer,😀",
        "2,customer,é",
    ]
    path = tmp_path / "x.csv"
    path.write_bytes(BOM + mixed(lines).encode("utf-8"))
    one, two = read(path, strict=True)
    assert one.turns[0].text == LONG
    assert one.turns[1].text == "two\nlines, with comma"
    assert one.turns[2].text == "😀"
    assert two.turns[0].text == "é"


def test_ingest_csv_line_numbers_count_embedded_newlines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x.csv",
        'conversation_id,role,text\n1,customer,"a\nb\nc"\n1,nobody,x\n',
        newline="\r\n",
    )
    errors: list[RecordError] = []
    list(read(path, on_reject=lambda e, raw: errors.append(e)))
    assert [(e.line, e.field) for e in errors] == [(5, "role")]


def test_ingest_text_mixed_endings_and_long_turn(tmp_path: Path) -> None:
    lines = ["Customer: first line", "second line 😀", "Agent: " + LONG, "", "Customer: next"]
    path = tmp_path / "x.txt"
    path.write_bytes(BOM + mixed(lines).encode("utf-8"))
    a, b = read(path, strict=True)
    assert a.turns[0].text == "first line\nsecond line 😀"
    assert a.turns[1].text == LONG.rstrip()  # transcripts drop a turn's trailing spaces
    assert b.turns[0].text == "next"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_ingest_json_formats_read_any_line_ending_with_bom(tmp_path: Path, newline: str) -> None:
    tickets = [
        {"id": 1, "requester_id": 5, "comments": [{"author_id": 5, "body": LONG, "public": True}]},
        {"id": 2, "requester_id": 6, "comments": [{"author_id": 7, "body": "😀", "public": True}]},
    ]
    path = write(
        tmp_path, "t.json", json.dumps(tickets, indent=2, ensure_ascii=False), newline=newline
    )
    a, b = read(path, strict=True)
    assert a.turns[0].text == LONG
    assert b.turns[0].text == "😀"
    assert b.turns[0].role.value == "agent"


def test_ingest_invalid_utf8_rejects_only_that_record(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    good = json.dumps({"id": "ok", "turns": [{"role": "customer", "text": "fine"}]}).encode()
    bad = b'{"id": "bad", "turns": [{"role": "customer", "text": "caf\xe9"}]}'
    path.write_bytes(good + b"\n" + bad + b"\n" + good.replace(b"ok", b"ok2") + b"\n")
    errors: list[RecordError] = []
    raws: list[str] = []
    convs = list(read(path, on_reject=lambda e, raw: (errors.append(e), raws.append(raw))))
    assert [c.id for c in convs] == ["ok", "ok2"]
    assert errors[0].line == 2
    assert "UTF-8" in errors[0].reason


def test_ingest_reject_writer_keeps_undecodable_bytes_visible(tmp_path: Path) -> None:
    from servicemind.ingest import RejectWriter

    path = tmp_path / "x.csv"
    path.write_bytes(b"conversation_id,role,text\n1,customer,caf\xe9\n")
    with RejectWriter(tmp_path / "r.jsonl") as rejects:
        assert list(read(path, on_reject=rejects)) == []
    (line,) = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    # the file stays strict UTF-8 JSON (no lone surrogate); the bad byte reads \xe9
    assert json.loads(line)["raw"] == "1,customer,caf\\xe9\n"
    assert "\\ud" not in line


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_ingest_json_scanner_finds_records_across_chunk_boundaries(chunk: int) -> None:
    records = [
        {"a": 'quote " and backslash \\ and ] } [ {', "n": [1, 2, {"x": None}]},
        {"b": "😀 é", "s": "\\"},
        {"c": []},
    ]
    text = json.dumps({"meta": {"k": [1, "]"]}, "tickets": records, "count": 3}, indent=1)
    items = list(iter_json_items(io.StringIO(text), "f.json", ("tickets",), chunk=chunk))
    assert [json.loads(i.text) for i in items] == records
    assert [i.container for i in items] == ["tickets"] * 3
    lines = text.split("\n")
    for item in items:
        assert lines[item.line - 1].strip().startswith("{")


def test_ingest_json_scanner_reads_concatenated_objects_and_junk_lines() -> None:
    text = '{"id": 1}\nnot json at all\n{"id": 2}\n'
    items = list(iter_json_items(io.StringIO(text), "f.jsonl", ("tickets",), chunk=4))
    assert [(i.text, i.line) for i in items] == [
        ('{"id": 1}', 1),
        ("not json at all", 2),
        ('{"id": 2}', 3),
    ]


def test_ingest_truncated_json_array_is_a_located_input_error(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('[{"id": 1, "requester_id": 1, "comments": []},\n', encoding="utf-8")
    with pytest.raises(InputError, match="not closed"):
        list(read(path, "zendesk"))


def test_ingest_json_record_keeps_its_line_for_parse_errors(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(
        '[\n {"id": 1, "requester_id": 1, "comments": [{"author_id": 1, "body": "a"}]},\n {"id": 2,\n  "requester_id": 1\n  "comments": []}\n]',
        encoding="utf-8",
    )
    errors: list[RecordError] = []
    convs = list(read(path, "zendesk", on_reject=lambda e, raw: errors.append(e)))
    assert [c.id for c in convs] == ["zendesk-1"]
    assert errors[0].line == 5


def test_ingest_json_lines_stay_exact_across_read_chunks(tmp_path: Path) -> None:
    # ~2.5 MB, so records straddle the 1 Mi-character read chunks; one bad record late on.
    tickets = [
        {"id": i, "requester_id": 1, "comments": [{"author_id": 1, "body": "x" * 800}]}
        for i in range(3000)
    ]
    tickets[2500]["comments"][0]["public"] = "no"
    path = tmp_path / "big.json"
    path.write_text(
        '{"tickets": [\n' + ",\n".join(json.dumps(t) for t in tickets) + "\n]}\n",
        encoding="utf-8",
    )
    errors: list[RecordError] = []
    convs = list(read(path, on_reject=lambda e, raw: errors.append(e)))
    assert len(convs) == 2999
    assert [c.id for c in convs[:2]] == ["zendesk-0", "zendesk-1"]
    assert [(e.line, e.field) for e in errors] == [(2502, "comments[0].public")]


@pytest.mark.parametrize(
    ("created_at", "iso"),
    [
        ("Wed Oct 11 06:55:44 +0000 2017", "2017-10-11T06:55:44+00:00"),
        ("Tue Oct 10 15:16:08 -0530 2017", "2017-10-10T15:16:08-05:30"),
        ("2017-10-11T06:55:44+02:00", "2017-10-11T06:55:44+02:00"),
    ],
)
def test_ingest_twcs_times_become_iso_8601(tmp_path: Path, created_at: str, iso: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        f"1,42,True,{created_at},hi,,\n",
        encoding="utf-8",
    )
    (conv,) = read(path, strict=True)
    assert conv.turns[0].time == iso


def test_ingest_single_record_json_layouts(tmp_path: Path) -> None:
    ticket = {"ticket": {"id": 9, "requester_id": 1, "comments": [{"author_id": 1, "body": "a"}]}}
    (tmp_path / "z.json").write_text(json.dumps(ticket, indent=2), encoding="utf-8")
    (conv,) = read(tmp_path / "z.json", strict=True)
    assert conv.id == "zendesk-9"
    convo = {"id": "7", "source": {"body": "<p>x</p>", "author": {"type": "user", "id": "u"}}}
    lines = json.dumps(convo) + "\n" + json.dumps({**convo, "id": "8"}) + "\n"
    (tmp_path / "i.jsonl").write_text(lines, encoding="utf-8")
    assert [c.id for c in read(tmp_path / "i.jsonl", "intercom", strict=True)] == [
        "intercom-7",
        "intercom-8",
    ]


def test_ingest_bad_options_are_config_errors(tmp_path: Path) -> None:
    from servicemind.errors import ConfigError

    path = tmp_path / "t.txt"
    path.write_text("Customer: hi\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="separator"):
        list(read(path, options={"separator": "commas"}))
    with pytest.raises(ConfigError, match="labels"):
        list(read(path, options={"labels": ["Customer"]}))
    csv_path = tmp_path / "t.csv"
    csv_path.write_text("conversation_id,role,text\n1,customer,hi\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="delimiter"):
        list(read(csv_path, options={"delimiter": ";;"}))
    with pytest.raises(ConfigError, match="unknown column key"):
        list(read(csv_path, options={"columns": {"speaker": "role"}}))


def test_ingest_role_options_must_name_roles(tmp_path: Path) -> None:
    from servicemind.errors import ConfigError

    path = tmp_path / "t.txt"
    path.write_text("Cliente: hola\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown role 'cliente'"):
        list(read(path, options={"labels": {"Cliente": "cliente"}}))


@pytest.mark.parametrize(
    ("name", "body", "fmt", "turns"),
    [
        (
            "t.csv",
            "conversation_id,role,text\n1,customer,hi\n2,agent,yo\n1,agent,hello\n",
            "csv",
            {"2": 1, "1": 2},
        ),
        (
            "t.csv",
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,"
            "in_response_to_tweet_id\n1,9,True,Wed Oct 11 06:55:44 +0000 2017,hi,2,\n"
            "2,Brand,False,Wed Oct 11 06:56:44 +0000 2017,yo,,1\n",
            "twcs",
            {"twcs-1": 2},
        ),
    ],
)
def test_ingest_csv_file_is_opened_once_for_both_passes(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    body: str,
    fmt: str,
    turns: dict[str, int],
) -> None:
    import builtins

    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    opened: list[str] = []
    real_open = builtins.open

    def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    convs = list(read(path, fmt, strict=True))
    assert {c.id: len(c.turns) for c in convs} == turns
    assert len(opened) == 1  # the header, the counting pass and the reading pass
    opened.clear()
    assert [c.id for c in read(path, strict=True)] == [c.id for c in convs]
    assert len(opened) == 2  # detection, then the reader
