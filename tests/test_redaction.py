"""Redaction at output time: ``--redact``, the ``redact`` setting and ``serve``'s field mask
personal data in everything written, while the scores stay those of the original text."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from servicemind.api import analyze
from servicemind.cli import cli
from servicemind.errors import RecordError
from servicemind.ingest.jsonl import conversation_from_obj
from servicemind.redaction import redact_reject, redact_result
from servicemind.schemas import validate
from servicemind.serve import create_app

EMAIL = "m.oduya@example.org"
PHONE = "07700 900123"
CARD = "4111 1111 1111 1111"
PII = (EMAIL, PHONE, CARD, "Oduya", "Margaret")

CONVERSATIONS = [
    {
        "id": "p1",
        "turns": [
            {"role": "customer", "author": "Margaret Oduya",
             "text": f"Hi, this is Margaret Oduya. Call me on {PHONE} or email {EMAIL}. "
                     f"My card {CARD} was charged twice!! I'm furious."},
            {"role": "agent", "author": "Zoe Park",
             "text": "I'm so sorry Margaret, that must be stressful. I have refunded the second "
                     f"charge to the card ending {CARD[-4:]} and I will email {EMAIL} today."},
            {"role": "customer", "author": "Margaret Oduya",
             "text": "Thank you Zoe, that helps."},
        ],
    },
    {
        "id": "p2",
        "turns": [
            {"role": "customer", "text": f"Dear Margaret here, my phone {PHONE} is blocked."},
            {"role": "agent", "author": "Zoe Park",
             "text": "Not our problem Margaret, talk to your bank."},
        ],
    },
]  # fmt: skip
BAD_RECORD = {"id": "p3", "turns": [{"role": "alien", "text": f"card {CARD}, mail {EMAIL}"}]}


def _spans(node: Any) -> list[dict[str, Any]]:
    """Every {start, end} span under ``node``."""
    if isinstance(node, list):
        return [s for item in node for s in _spans(item)]
    if not isinstance(node, dict):
        return []
    own = [node] if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) else []
    return own + [s for v in node.values() for s in _spans(v)]


def _scores(node: Any) -> Any:
    """The numbers, flags and labels of an output object: everything but texts and offsets."""
    if isinstance(node, dict):
        return {
            k: _scores(v)
            for k, v in node.items()
            if k not in {"text", "start", "end", "author", "improve", "rewrite", "strengths"}
            and k not in {"detail", "due", "servicemind"}
        }
    if isinstance(node, list):
        return [_scores(v) for v in node]
    return node


def _results(conversations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list(analyze(conversation_from_obj(c) for c in conversations))


@pytest.fixture(scope="module")
def results() -> list[dict[str, Any]]:
    return _results(CONVERSATIONS)


def test_redaction_masks_every_text_and_keeps_offsets_and_scores(
    results: list[dict[str, Any]],
) -> None:
    for obj in results:
        red = redact_result(obj)
        orig = {t["index"]: t for t in obj["turns"]}
        validate(red)
        assert red["servicemind"]["redacted"] is True
        assert "redacted" not in obj["servicemind"]  # the original is left as it was
        dumped = json.dumps(red, ensure_ascii=False)
        for secret in PII:
            assert secret not in dumped
        assert _scores(red) == _scores(obj)
        for turn in red["turns"]:
            for span in _spans(
                {k: turn[k] for k in ("customer", "agent", "excluded") if k in turn}
            ):
                assert 0 <= span["start"] <= span["end"] <= len(turn["text"])
            # the redactor sets each span's text from the masked turn, so the check that
            # can fail is against the original: an unmasked span moved keeps its words,
            # and every span's words are the original span's words, masked
            before = _spans(
                {
                    k: orig[turn["index"]][k]
                    for k in ("customer", "agent", "excluded")
                    if k in orig[turn["index"]]
                }
            )
            after = _spans({k: turn[k] for k in ("customer", "agent", "excluded") if k in turn})
            assert len(before) == len(after)
            for b, a in zip(before, after, strict=True):
                if "text" not in b:
                    continue
                assert turn["text"][a["start"] : a["end"]] == a["text"]
                if "[" not in a["text"]:
                    assert a["text"] == b["text"]
    first = redact_result(results[0])["turns"]
    assert "[PHONE]" in first[0]["text"] and "[EMAIL]" in first[0]["text"]
    assert "[ACCOUNT]" in first[0]["text"] and first[0]["author"] == "[NAME]"
    assert first[1]["author"] == "Zoe Park"  # the agent's name groups the report and store


def test_redaction_a_span_over_a_masked_part_takes_the_whole_placeholder(
    results: list[dict[str, Any]],
) -> None:
    obj = json.loads(json.dumps(results[1]))
    text = obj["turns"][1]["text"]
    at = text.index("Margaret")
    # a span that starts inside the name and one that ends inside it
    obj["turns"][1]["agent"]["traits"]["empathy"]["evidence"] = [
        {"start": at + 2, "end": len(text), "text": text[at + 2 :], "cue": "x"},
        {"start": 0, "end": at + 3, "text": text[: at + 3], "cue": "y"},
    ]
    red = redact_result(obj)["turns"][1]
    first, second = red["agent"]["traits"]["empathy"]["evidence"]
    assert first["text"] == "[NAME], talk to your bank."
    assert second["text"] == "Not our problem [NAME]"


def test_redaction_masks_the_quotes_in_moments_and_meta(results: list[dict[str, Any]]) -> None:
    obj = json.loads(json.dumps(results[0]))
    obj["meta"] = {"subject": f"Refund for {EMAIL}", "tags": ["billing"]}
    obj["summary"]["moments"] = [
        {"turn": 0, "kind": "churn_intent", "detail": f"the customer: “call {PHONE}”"}
    ]
    red = redact_result(obj)
    assert red["meta"] == {"subject": "Refund for [EMAIL]", "tags": ["billing"]}
    assert red["summary"]["moments"][0]["detail"] == "the customer: “call [PHONE]”"


def test_redaction_a_quote_loses_what_was_masked_in_the_turn(
    results: list[dict[str, Any]],
) -> None:
    obj = json.loads(json.dumps(results[1]))
    obj["turns"][0]["text"] = "My username is bobcat and it is locked."
    obj["turns"][1]["agent"]["coaching"]["improve"] = "Answer “bobcat” by name."
    red = redact_result(obj)
    assert "bobcat" not in red["turns"][0]["text"]
    assert red["turns"][1]["agent"]["coaching"]["improve"] == "Answer “[ACCOUNT]” by name."
    # whole words only: the name "Al" leaves "Also" alone
    obj["turns"][0]["text"] = "Hi, I'm Al and my username is bobcat."
    obj["turns"][0]["author"] = "Al"
    obj["turns"][1]["agent"]["coaching"]["improve"] = "Also greet Al, not “bobcat”."
    red = redact_result(obj)
    assert red["turns"][1]["agent"]["coaching"]["improve"] == "Also greet [NAME], not “[ACCOUNT]”."


@pytest.mark.parametrize(
    ("text", "kept", "masked"),
    [
        ("Hi, order #A-88213 and my phone 07700 900123.", "order #A-88213", "07700 900123"),
        ("About ticket 55213, call +44 20 7946 0958.", "ticket 55213", "+44 20 7946 0958"),
        ("Booking ref K7QPLM, card 4111 1111 1111 1111.", "ref K7QPLM", "4111 1111 1111 1111"),
        ("Invoice no. 20240042 to jo@example.com", "Invoice no. 20240042", "jo@example.com"),
        # names after a title, a lower-case greeting, a dash signature (redact26)
        ("Bonjour Mme Laurent, commande #A-88213.", "#A-88213", "Laurent"),
        ("thanks dana, ticket 55213 is the one", "ticket 55213", "dana"),
        ("Booking ref K7QPLM.\n— Jonas", "ref K7QPLM", "Jonas"),
    ],
)
def test_redaction_keeps_order_references_and_masks_personal_numbers(
    results: list[dict[str, Any]], text: str, kept: str, masked: str
) -> None:
    obj = json.loads(json.dumps(results[1]))
    obj["turns"][0]["text"] = text
    obj["turns"][0].pop("customer")  # no spans into the old text
    out = redact_result(obj)["turns"][0]["text"]
    assert kept in out and masked not in out


def test_redaction_reject_masks_raw_and_reason_and_keeps_the_location() -> None:
    raw = json.dumps({"turns": [{"role": "x", "author": "Margaret Oduya", "text": CARD}]})
    err = RecordError(f"bad value {EMAIL!r}", file="f.jsonl", line=3, field="turns", hint="h")
    masked, masked_raw = redact_reject(err, raw)
    assert (masked.file, masked.line, masked.field, masked.hint) == ("f.jsonl", 3, "turns", "h")
    for secret in (EMAIL, CARD, "Margaret", "Oduya"):
        assert secret not in masked.reason + masked_raw
    assert "[EMAIL]" in masked.reason and "[ACCOUNT]" in masked_raw


def _write_input(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    lines = [json.dumps(c) for c in [*CONVERSATIONS, BAD_RECORD]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _analyze(tmp_path: Path, name: str, *extra: str, env: dict[str, str] | None = None) -> Any:
    src = _write_input(tmp_path)
    args = ["analyze", str(src), "-o", str(tmp_path / f"{name}.jsonl"), "--summary"]
    args += ["--rejects", str(tmp_path / f"{name}.rejects.jsonl")]
    args += ["--report", str(tmp_path / f"{name}.html"), "--db", str(tmp_path / f"{name}.sqlite")]
    res = CliRunner().invoke(cli, [*args, *extra], env=env)
    assert res.exit_code == 0, res.output
    return res


def _written(tmp_path: Path, name: str) -> str:
    """Everything a run wrote: results, rejects, report and the store's rows."""
    texts = [
        (tmp_path / f"{name}{ext}").read_text(encoding="utf-8")
        for ext in (".jsonl", ".rejects.jsonl", ".html")
    ]
    with sqlite3.connect(tmp_path / f"{name}.sqlite") as db:
        for table in [
            r[0] for r in db.execute("select name from sqlite_master where type='table'")
        ]:
            texts += [repr(row) for row in db.execute(f"select * from {table}")]
    return "\n".join(texts)


@pytest.mark.parametrize("how", ["option", "env"])
def test_redaction_analyze_writes_no_personal_data_anywhere(tmp_path: Path, how: str) -> None:
    plain = _analyze(tmp_path, "plain")
    if how == "option":
        red = _analyze(tmp_path, "red", "--redact")
    else:
        red = _analyze(tmp_path, "red", env={"SERVICEMIND_REDACT": "true"})
    before, after = _written(tmp_path, "plain"), _written(tmp_path, "red")
    for secret in (EMAIL, PHONE, CARD, "Oduya"):
        assert secret in before + plain.output  # the unredacted run does carry them
        assert secret not in after + red.output
    assert "Margaret" not in red.output  # the --summary lines on stderr
    rows = [json.loads(line) for line in (tmp_path / "red.jsonl").read_text().splitlines()]
    originals = [json.loads(line) for line in (tmp_path / "plain.jsonl").read_text().splitlines()]
    assert [_scores(r) for r in rows] == [_scores(o) for o in originals]
    assert all(r["servicemind"]["redacted"] for r in rows)


def test_redaction_report_masks_the_quotes_of_unredacted_results(tmp_path: Path) -> None:
    _analyze(tmp_path, "plain")
    out = tmp_path / "masked.html"
    res = CliRunner().invoke(
        cli, ["report", str(tmp_path / "plain.jsonl"), "-o", str(out), "--redact"]
    )
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "[NAME]" in html
    for secret in PII:
        assert secret not in html


def test_redaction_serve_masks_on_request_and_cannot_be_switched_off() -> None:
    conv = CONVERSATIONS[0]
    plain = TestClient(create_app(warm=False))
    masked = TestClient(create_app(warm=False, redact=True))
    body = {"conversations": [conv]}
    assert EMAIL in plain.post("/v1/analyze", json=body).text
    for client, extra in ((plain, {"redact": True}), (masked, {}), (masked, {"redact": False})):
        res = client.post("/v1/analyze", json={**body, **extra})
        assert res.status_code == 200
        assert not any(s in res.text for s in PII)
        validate(res.json()["results"][0])
    draft = {"reply": f"I'll call you on {PHONE}, Margaret.", "context": conv["turns"][:1]}
    res = plain.post("/v1/score-reply", json={**draft, "redact": True})
    assert res.status_code == 200 and not any(s in res.text for s in PII)
    assert (
        res.json()["reply"]["overall"]
        == plain.post("/v1/score-reply", json=draft).json()["reply"]["overall"]
    )
    bad = plain.post("/v1/analyze", json={**body, "redact": "yes"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "redact"
