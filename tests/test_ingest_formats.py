"""What each format reader builds from its hand-written fixture."""

from __future__ import annotations

import json
from pathlib import Path

from servicemind.conversation import Role
from servicemind.ingest import detect_format, read

FIX = Path(__file__).parent / "fixtures" / "ingest"


def roles(conv_turns: list[object]) -> list[str]:
    return [t.role.value for t in conv_turns]  # type: ignore[attr-defined]


def test_ingest_jsonl_reads_fields_synonyms_and_missing_ids() -> None:
    a, b, c = read(FIX / "conversations.jsonl")
    assert a.id == "order-1001"
    assert a.channel == "chat"
    assert a.meta == {"team": "billing"}
    assert a.turns[0].text.endswith("😡")
    assert a.turns[0].author == "dana"
    assert a.turns[1].time == "2024-05-02T09:16:10+00:00"
    assert a.turns[1].meta == {"macro": False}
    assert roles(b.turns) == ["customer", "agent"]  # "user" and "support" are synonyms
    assert b.id.startswith("c-")
    assert len(c.turns) == 1  # the agent's empty reply is reported, not analysed
    assert c.meta == {"rejected_turns": 1}
    assert c.turns[0].role is Role.COLLEAGUE


def test_ingest_csv_groups_non_contiguous_rows_in_file_order() -> None:
    convs = {c.id: c for c in read(FIX / "turns.csv", "csv")}
    assert set(convs) == {"T-1", "T-2"}
    t1 = convs["T-1"]
    assert roles(t1.turns) == ["customer", "agent", "customer"]
    assert t1.turns[0].text == "My parcel never arrived.\nIt was due Monday."
    assert t1.turns[0].meta == {"queue": "parcels"}
    assert t1.turns[2].text == "Thank you 🙏"
    assert convs["T-2"].turns[0].text == "Password reset link, expired"


def test_ingest_csv_column_mapping_and_tsv() -> None:
    options = {
        "columns": {
            "conversation_id": "ticket",
            "role": "speaker",
            "text": "message",
            "time": "sent",
        },
        "roles": {"Rep": "agent"},
    }
    (conv,) = read(FIX / "turns_custom.tsv", options=options)
    assert conv.id == "900"
    assert roles(conv.turns) == ["customer", "agent"]
    assert conv.turns[1].time == "2024-04-01 08:20"
    assert conv.turns[0].meta == {}


def test_ingest_twcs_rebuilds_threads_in_time_order() -> None:
    convs = {c.id: c for c in read(FIX / "twcs_small.csv")}
    assert set(convs) == {"twcs-10", "twcs-20", "twcs-30"}
    router = convs["twcs-10"]
    assert [t.meta["tweet_id"] for t in router.turns] == ["10", "11", "12", "14", "13"]
    assert roles(router.turns) == ["customer", "agent", "customer", "customer", "agent"]
    assert router.turns[0].time == "2018-01-08T09:00:00+00:00"
    assert router.turns[1].text.endswith("Which model is it?\nA photo of the label helps too.")
    assert router.turns[2].meta["response_tweet_ids"] == ["13", "14"]
    assert router.turns[4].meta["in_response_to_tweet_id"] == "12"
    assert router.channel == "twitter"
    assert router.meta["brand"] == "AcmeHelp"
    assert roles(convs["twcs-20"].turns) == ["customer", "agent"]
    assert len(convs["twcs-30"].turns) == 1


def test_ingest_abcd_actions_become_system_turns_and_meta_keeps_flow() -> None:
    a, b = read(FIX / "abcd_small.json")
    assert a.id == "abcd-501"
    assert roles(a.turns) == ["agent", "customer", "system", "agent", "customer"]
    assert a.meta == {
        "source": "abcd",
        "convo_id": 501,
        "flow": "shipping_issue",
        "subflow": "status",
        "split": "train",
    }
    assert "sam park" not in str(a.meta)
    assert b.meta["split"] == "dev"
    assert b.turns[0].text.endswith("😕")


def test_ingest_zendesk_requester_is_customer_and_notes_are_internal() -> None:
    a, b = read(FIX / "zendesk_tickets.json")
    assert a.id == "zendesk-4101"
    # the internal note (public: false) is a system turn: kept, never scored as a reply
    assert roles(a.turns) == ["customer", "system", "agent", "customer"]
    assert [t.meta["public"] for t in a.turns] == [True, False, True, True]
    assert (
        a.turns[2].text == "Hi Jo,\n\nSorry for the trouble — I've attached the invoice as a PDF."
    )
    assert a.turns[0].time == "2024-02-12T08:30:00+00:00"
    assert a.channel == "email"
    assert a.meta["subject"] == "Cannot download my invoice"
    assert a.meta["tags"] == ["billing", "invoice"]
    assert roles(b.turns) == ["customer"]  # requester given as an object
    assert b.meta["rejected_turns"] == 1  # the agent's empty comment is reported, not read


def test_ingest_zendesk_three_layouts_give_the_same_conversations() -> None:
    base = [c.to_dict() for c in read(FIX / "zendesk_tickets.json")]
    assert [c.to_dict() for c in read(FIX / "zendesk_wrapped.json")] == base
    assert [c.to_dict() for c in read(FIX / "zendesk_tickets.jsonl")] == base


def test_ingest_intercom_author_types_html_and_events() -> None:
    a, b = read(FIX / "intercom_conversations.json")
    assert a.id == "intercom-1911149811"
    assert roles(a.turns) == ["customer", "bot", "system", "agent", "customer"]  # a note
    assert a.turns[0].text == "Hi! My export to CSV is stuck at 99% 😩"
    assert a.turns[3].text == (
        "Hi Priya,\n\nThanks for waiting. I restarted the export & it's done now:\n\n"
        "- orders.csv\n- refunds.csv"
    )
    assert "<" not in "".join(t.text for t in a.turns)
    assert a.turns[2].meta["public"] is False
    assert a.turns[2].meta["part_type"] == "note"
    assert a.turns[1].time == "2024-03-01T08:00:30+00:00"
    assert a.meta["events"] == 2  # assignment and close are not turns
    assert a.channel == "chat"
    assert roles(b.turns) == ["customer", "agent"]  # contact and teammate; parts as a list
    assert b.channel == "email"
    assert b.meta["subject"] == "Refund"


def test_ingest_text_multiline_turns_authors_and_blank_line_separation() -> None:
    a, b = read(FIX / "transcripts.txt")
    assert roles(a.turns) == ["customer", "agent", "customer", "agent"]
    assert a.turns[2].text == "4242\nIt worked last week though."
    assert a.turns[3].author == "Maria"
    assert roles(b.turns) == ["customer", "agent"]
    assert b.turns[1].text == "Yes, in 3–5 working days 🇳🇴"


def test_ingest_text_dashes_keep_blank_lines_inside_turns() -> None:
    a, b = read(FIX / "transcripts_dashes.txt")
    assert a.turns[0].text == (
        "I have two questions.\n\nFirst, can I change my plan?\n\n"
        "Second, is there a student discount?"
    )
    assert roles(b.turns) == ["customer", "agent"]


def test_ingest_text_custom_labels(tmp_path: Path) -> None:
    path = tmp_path / "es.txt"
    path.write_text("Cliente: Hola\nAgente: ¡Buenas! Nota: abrimos a las 9.\n", encoding="utf-8")
    (conv,) = read(path, options={"labels": {"Cliente": "customer", "Agente": "agent"}})
    assert roles(conv.turns) == ["customer", "agent"]
    assert conv.turns[1].text == "¡Buenas! Nota: abrimos a las 9."


def test_jsonl_detected_by_top_level_turns_not_nested_export_keys(tmp_path: Path) -> None:
    # a servicemind conversation whose meta happens to hold Zendesk-like keys
    line = {"id": "c1", "turns": [], "meta": {"tickets": None, "comments": [], "requester_id": 1}}
    path = tmp_path / "convs.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert detect_format(path) == "jsonl"


def test_ingest_internal_notes_are_not_scored_as_replies() -> None:
    from servicemind.api import analyze

    a = next(iter(read(FIX / "zendesk_tickets.json")))
    out = next(iter(analyze([a])))
    note, reply = out["turns"][1], out["turns"][2]
    assert note["role"] == "system" and "agent" not in note and "customer" not in note
    assert "agent" in reply and "coaching" in reply["agent"]
