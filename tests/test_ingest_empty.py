"""An empty (or white-space) message is reported with its file, line and field, not
analysed; the rest of its conversation is read, and a conversation left with no message
is a rejected record. Every reader behaves alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from servicemind.conversation import Conversation
from servicemind.errors import RecordError
from servicemind.ingest import RejectWriter, read


def _read(path: Path, fmt: str | None = None) -> tuple[list[Conversation], list[RecordError]]:
    errors: list[RecordError] = []
    convs = list(read(path, fmt, on_reject=lambda e, raw: errors.append(e)))
    return convs, errors


def _where(errors: list[RecordError]) -> list[tuple[int | None, str | None, str]]:
    return [(e.line, e.field, e.reason) for e in errors]


EMPTY = "the message is empty"


def test_ingest_csv_empty_text_row_is_rejected_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "conversation_id,role,text\n"
        "1,customer,My parcel is late.\n"
        '1,agent,"  \n "\n'
        "1,customer,Hello?\n",
        encoding="utf-8",
    )
    (conv,), errors = _read(path)
    assert [t.text for t in conv.turns] == ["My parcel is late.", "Hello?"]
    assert conv.meta["rejected_turns"] == 1
    assert _where(errors) == [(3, "text", EMPTY)]
    assert f"{path}:3 field 'text': {EMPTY}" in str(errors[0])


def test_ingest_jsonl_empty_turn_is_rejected_with_its_field(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    turns = [
        {"role": "customer", "text": "Where is my refund?"},
        {"role": "agent", "text": " \t"},
        {"role": "agent", "text": "It left today."},
    ]
    path.write_text(
        json.dumps({"id": "x", "turns": [{"role": "agent", "text": "ok"}]})
        + "\n"
        + json.dumps({"id": "r", "meta": {"rejected_turns": 2}, "turns": turns})
        + "\n",
        encoding="utf-8",
    )
    (x, r), errors = _read(path)
    assert [t.text for t in r.turns] == ["Where is my refund?", "It left today."]
    assert [t.index for t in r.turns] == [0, 1]
    assert r.meta["rejected_turns"] == 3  # the two lost before, and this one
    assert _where(errors) == [(2, "turns[1].text", EMPTY)]
    assert x.meta == {}


def test_ingest_conversation_with_no_message_is_a_rejected_record(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        {"id": "a", "turns": [{"role": "customer", "text": ""}, {"role": "agent", "text": " "}]},
        {"id": "b", "turns": []},
        {"id": "c", "turns": [{"role": "customer", "text": "hi"}]},
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    convs, errors = _read(path)
    assert [c.id for c in convs] == ["c"]
    assert _where(errors) == [
        (1, "turns", "the conversation has no message with text (2 empty)"),
        (2, "turns", "the conversation has no messages"),
    ]
    with pytest.raises(RecordError, match=r"c\.jsonl:1 field 'turns'"):
        list(read(path, strict=True))


def test_ingest_text_empty_turn_names_its_label_line(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "Customer: Hi, my card was declined.\nAgent:\n\nCustomer: Hello?\n---\n"
        "Customer:\nAgent:   \n",
        encoding="utf-8",
    )
    (conv,), errors = _read(path)
    assert [t.text for t in conv.turns] == ["Hi, my card was declined.", "Hello?"]
    assert conv.meta == {"rejected_turns": 1}
    assert _where(errors) == [
        (2, "text", EMPTY),
        (6, "text", "the conversation has no message with text (2 empty)"),
    ]


def test_ingest_json_exports_report_empty_bodies(tmp_path: Path) -> None:
    tickets = [
        {
            "id": 1,
            "requester_id": 5,
            "comments": [
                {"author_id": 5, "body": "The app crashes."},
                {"author_id": 7, "body": "", "id": 99},
            ],
        }
    ]
    zd = tmp_path / "z.json"
    zd.write_text(json.dumps(tickets, indent=1), encoding="utf-8")
    (conv,), errors = _read(zd, "zendesk")
    assert len(conv.turns) == 1
    assert conv.meta["rejected_turns"] == 1
    assert _where(errors) == [(2, "comments[1].body", EMPTY)]

    convo = {
        "id": "7",
        "source": {"body": "<p>Export stuck</p>", "author": {"type": "user", "id": "u"}},
        "conversation_parts": [
            {"part_type": "comment", "body": "<p> </p>", "author": {"type": "admin", "id": "a"}},
            {"part_type": "close", "body": None, "author": {"type": "admin", "id": "a"}},
        ],
    }
    ic = tmp_path / "i.json"
    ic.write_text(json.dumps([convo]), encoding="utf-8")
    (conv,), errors = _read(ic, "intercom")
    assert [t.text for t in conv.turns] == ["Export stuck"]
    assert conv.meta["events"] == 1
    assert _where(errors) == [(1, "conversation_parts[0].body", EMPTY)]

    ab = tmp_path / "a.json"
    pairs = [["customer", "hi"], ["agent", ""]]
    ab.write_text(json.dumps([{"convo_id": 3, "original": pairs}]), encoding="utf-8")
    (conv,), errors = _read(ab, "abcd")
    assert len(conv.turns) == 1
    assert _where(errors) == [(1, "original[1][1]", EMPTY)]


def test_ingest_twcs_empty_tweet_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,42,True,2017-10-11T06:55:44+00:00,help please,2,\n"
        "2,Brand,False,2017-10-11T06:57:44+00:00, ,,1\n",
        encoding="utf-8",
    )
    (conv,), errors = _read(path, "twcs")
    assert len(conv.turns) == 1
    assert conv.meta["rejected_turns"] == 1
    assert _where(errors) == [(3, "text", EMPTY)]


def test_ingest_rejects_file_keeps_the_empty_turn(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    turns = [{"role": "customer", "text": "hi"}, {"role": "agent", "text": "", "author": "kim"}]
    path.write_text(json.dumps({"id": "a", "turns": turns}) + "\n", encoding="utf-8")
    with RejectWriter(tmp_path / "r.jsonl") as rejects:
        (conv,) = read(path, on_reject=rejects)
    (line,) = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["file"] == str(path)
    assert (record["line"], record["field"], record["reason"]) == (1, "turns[1].text", EMPTY)
    assert json.loads(record["raw"]) == turns[1]
    assert conv.meta["rejected_turns"] == 1


def test_ingest_intercom_empty_first_message_is_reported(tmp_path: Path) -> None:
    conv = {
        "type": "conversation",
        "id": "77",
        "source": {"type": "conversation", "body": "", "author": {"type": "user", "id": "u1"}},
        "conversation_parts": {
            "conversation_parts": [
                {"part_type": "comment", "body": "<p>Hi, can I help?</p>",
                 "author": {"type": "admin", "id": "a1"}},
                {"part_type": "comment", "body": "<p>My card was charged twice.</p>",
                 "author": {"type": "user", "id": "u1"}},
            ]
        },
    }  # fmt: skip
    path = tmp_path / "intercom.json"
    path.write_text(json.dumps({"conversations": [conv]}), encoding="utf-8")
    (got,), errors = _read(path, "intercom")
    assert [t.text for t in got.turns] == ["Hi, can I help?", "My card was charged twice."]
    assert [(e.field, e.reason) for e in errors] == [("source.body", EMPTY)]


# white space and characters that show nothing: no-break space, zero-width space, a stray
# byte-order mark, word joiner, soft hyphen
INVISIBLE = ["\u00a0", "\u200b", " \ufeff ", "\u2060\u200d", "\u00ad", "\t\u3000"]


@pytest.mark.parametrize("blank", INVISIBLE)
@pytest.mark.parametrize("fmt", ["csv", "twcs", "jsonl", "text"])
def test_ingest_invisible_only_text_is_empty_in_every_reader(
    tmp_path: Path, fmt: str, blank: str
) -> None:
    if fmt == "csv":
        body = f'conversation_id,role,text\n1,customer,"{blank}"\n1,agent,Hello.\n'
        field, line = "text", 2
    elif fmt == "twcs":
        body = (
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,"
            f'in_response_to_tweet_id\n1,9,True,Wed Oct 11 06:55:44 +0000 2017,"{blank}",2,\n'
            "2,Brand,False,Wed Oct 11 06:56:44 +0000 2017,Hello.,,1\n"
        )
        field, line = "text", 2
    elif fmt == "jsonl":
        turns = [{"role": "customer", "text": blank}, {"role": "agent", "text": "Hello."}]
        body = json.dumps({"id": "1", "turns": turns}) + "\n"
        field, line = "turns[0].text", 1
    else:
        body = f"Customer: {blank}\nAgent: Hello.\n"
        field, line = "text", 1
    path = tmp_path / f"t.{'txt' if fmt == 'text' else fmt}"
    path.write_text(body, encoding="utf-8")
    (conv,), errors = _read(path, fmt)
    assert [t.text for t in conv.turns] == ["Hello."]
    assert conv.meta["rejected_turns"] == 1
    assert _where(errors) == [(line, field, EMPTY)]
    assert errors[0].file == str(path)
