"""One policy for a turn's time, per-turn rejects in nested exports, duplicate CSV rows,
and the rejects file (the ux24 trial's findings F3, F4, F8, F13, F14)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from servicemind.errors import RecordError, RecordWarning
from servicemind.ingest import RejectWriter, read

Rejects = list[tuple[RecordError, str]]


def _read(path: Path, fmt: str | None = None) -> tuple[list, Rejects]:  # type: ignore[type-arg]
    rejects: Rejects = []
    convs = list(read(path, fmt, on_reject=lambda e, raw: rejects.append((e, raw))))
    return convs, rejects


def test_ingest_jsonl_time_that_is_no_time_is_null_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    turns = [
        {"role": "customer", "text": "hello", "time": "32/13/2024 25:61"},
        {"role": "agent", "text": "hi there", "time": 1714640000},
        {"role": "customer", "text": "thanks", "time": "2024-05-02T09:00:00Z"},
    ]
    src.write_text(json.dumps({"id": "x", "turns": turns}) + "\n", encoding="utf-8")
    convs, rejects = _read(src)
    assert [t.time for t in convs[0].turns] == [
        None,
        "2024-05-02T08:53:20+00:00",  # Unix seconds -> UTC
        "2024-05-02T09:00:00Z",  # ISO kept as written
    ]
    assert [(e.file, e.line, e.field) for e, _ in rejects] == [(str(src), 1, "turns[0].time")]
    err = rejects[0][0]
    assert "'32/13/2024 25:61'" in err.reason and "kept" in err.reason
    assert err.hint is not None and "ISO-8601" in err.hint


def test_ingest_csv_time_that_is_no_time_is_null_with_a_warning(tmp_path: Path) -> None:
    src = tmp_path / "m.csv"
    src.write_text(
        "conversation_id,role,text,time\n"
        "A,customer,where is it,yesterday at 3\n"
        "A,agent,on its way,1714640000\n",
        encoding="utf-8",
    )
    convs, rejects = _read(src)
    assert [t.time for t in convs[0].turns] == [None, "2024-05-02T08:53:20+00:00"]
    assert [(e.line, e.field) for e, _ in rejects] == [(2, "time")]
    assert "'yesterday at 3'" in rejects[0][0].reason


def test_ingest_zendesk_bad_comment_rejects_only_that_comment(tmp_path: Path) -> None:
    ticket = {
        "id": 4101,
        "requester_id": 1,
        "comments": [
            {"author_id": 1, "body": "my invoice", "created_at": "2024-02-12T08:30:00Z"},
            {"author_id": 9, "body": "here it is", "public": "yes"},
            {"author_id": 9, "body": "attached", "created_at": "2024-02-12T08:45:00Z"},
            {"author_id": 1, "body": "thanks", "created_at": "not-a-date"},
        ],
    }
    src = tmp_path / "z.json"
    src.write_text(json.dumps({"tickets": [ticket]}), encoding="utf-8")
    convs, rejects = _read(src, "zendesk")
    assert [t.text for t in convs[0].turns] == ["my invoice", "attached", "thanks"]
    assert convs[0].turns[2].time is None
    assert convs[0].meta["rejected_turns"] == 1
    got = [(e.field, "4101" in e.reason) for e, _ in rejects]
    assert got == [("comments[1].public", True), ("comments[3].created_at", True)]
    assert json.loads(rejects[0][1])["public"] == "yes"  # the comment itself is kept


def test_ingest_csv_exact_duplicate_rows_are_dropped_with_a_reject(tmp_path: Path) -> None:
    src = tmp_path / "d.csv"
    row = "T-1,customer,ana,My parcel never arrived,2024-03-01T10:00:00Z\n"
    src.write_text(
        "conversation_id,role,author,text,time\n"
        + row
        + "T-1,agent,kim,I opened a trace,2024-03-01T10:05:00Z\n"
        + row
        + "T-1,customer,ana,My parcel never arrived,2024-03-01T11:00:00Z\n",
        encoding="utf-8",
    )
    convs, rejects = _read(src)
    assert [t.time for t in convs[0].turns] == [
        "2024-03-01T10:00:00Z",
        "2024-03-01T10:05:00Z",
        "2024-03-01T11:00:00Z",  # same text at another time is a new message
    ]
    assert convs[0].meta["duplicate_rows"] == 1
    assert [(e.line, "line 2" in e.reason) for e, _ in rejects] == [(4, True)]


def test_ingest_csv_conversation_with_every_row_rejected_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    src = tmp_path / "l.csv"
    src.write_bytes(
        b"conversation_id,role,text\nA,customer,hello\nT-3,customer,Jos\xe9 here\n"
        b"T-3,agent,lleg\xf3\n"
    )
    with caplog.at_level(logging.WARNING, logger="servicemind.ingest"):
        convs, rejects = _read(src)
    assert [c.id for c in convs] == ["A"]
    assert len(rejects) == 2
    text = caplog.text
    assert "'T-3'" in text and "all 2 row(s) rejected" in text
    assert "2 record(s) are not UTF-8" in text and "iconv" in text
    assert "Jos" not in text  # never the message text


def test_ingest_rejects_file_is_this_runs_only_and_strict_json(tmp_path: Path) -> None:
    src = tmp_path / "l.csv"
    src.write_bytes(b"conversation_id,role,text\nA,customer,hello\nB,customer,Jos\xe9\n")
    out = tmp_path / "rejects.jsonl"
    for _ in range(2):
        with RejectWriter(out) as w:
            list(read(src, on_reject=w))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1  # a re-run does not append
    rec = json.loads(lines[0])
    assert rec["raw"] == "B,customer,Jos\\xe9\n"  # no lone surrogate
    assert rec["hint"] and "UTF-8" in rec["hint"]
    clean = tmp_path / "clean.csv"
    clean.write_text("conversation_id,role,text\nA,customer,hello\n", encoding="utf-8")
    with RejectWriter(out) as w:
        list(read(clean, on_reject=w))
    assert not out.exists()  # the earlier run's rejects are not left behind


def test_ingest_excel_unicode_text_export_is_read_as_a_table(tmp_path: Path) -> None:
    src = tmp_path / "excel.txt"  # Excel's "Unicode text": UTF-16 with a mark, tabs
    table = "conversation_id\trole\ttext\nX1\tcustomer\tMy invoice is wrong\nX1\tagent\tFixed\n"
    src.write_bytes(table.encode("utf-16"))
    convs, rejects = _read(src)
    assert rejects == []
    assert [(c.id, [t.text for t in c.turns]) for c in convs] == [
        ("X1", ["My invoice is wrong", "Fixed"])
    ]
    transcript = tmp_path / "chat.txt"  # a transcript with a tab in it stays a transcript
    transcript.write_text("Customer:\thello\nAgent:\thi\n", encoding="utf-8")
    assert [c.turns[1].text for c in _read(transcript)[0]] == ["hi"]


def test_ingest_transcript_starting_with_a_name_names_the_label_to_map(tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text("John Smith: my order is late\nAgent: sorry, checking\n", encoding="utf-8")
    _, rejects = _read(src, "text")
    (err, _raw) = rejects[0]
    assert err.field == "speaker" and "'John Smith:'" in err.reason
    assert err.hint is not None and '"John Smith": "customer"' in err.hint


def test_a_bad_time_is_a_warning_not_a_reject(tmp_path: Path) -> None:
    p = tmp_path / "w.csv"
    p.write_text(
        "conversation_id,role,text,time\n"
        "T,customer,My parcel is late,2024-05-01T10:00:00\n"
        "T,agent,I will check it today,yesterday at 3\n",
        encoding="utf-8",
    )
    got: list[object] = []
    convs = list(read(p, on_reject=lambda e, raw: got.append(e)))
    assert len(convs[0].turns) == 2 and convs[0].turns[1].time is None
    assert len(got) == 1 and isinstance(got[0], RecordWarning)
    # --strict stops on a reject, not on a record that was kept
    assert len(list(read(p, strict=True))) == 1
    with RejectWriter(tmp_path / "r.jsonl") as w:
        list(read(p, on_reject=w))
    assert (w.count, w.warned) == (1, 1)
    assert json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))["kept"] is True
