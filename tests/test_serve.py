"""The HTTP API: draft scoring, batch analysis, located errors, no text in the log."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from starlette.testclient import TestClient

from servicemind.schemas import validate_reference
from servicemind.serve import create_app
from servicemind.serve.app import MAX_BODY_BYTES, MAX_CONVERSATIONS

ANGRY = "This is the third time I'm asking. Where is my refund for order 4471?"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def _score(client: TestClient, reply: str, **extra: Any) -> Any:
    body = {"reply": reply, "context": [{"role": "customer", "text": ANGRY}], **extra}
    return client.post("/v1/score-reply", json=body)


def test_serve_health_and_schema(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    schema = client.get("/v1/schema").json()
    assert schema["$schema"].endswith("2020-12/schema")


def test_serve_score_reply_returns_the_validated_contract(client: TestClient) -> None:
    res = _score(client, "Sorry you had to chase this three times. I've refunded order 4471 now.")
    assert res.status_code == 200
    data = res.json()
    validate_reference(data["result"])
    assert data["reply"] == data["result"]["turns"][-1]["agent"]
    emp = data["reply"]["traits"]["empathy"]
    assert emp["applicable"] and emp["evidence"]
    assert data["result"]["turns"][0]["customer"]["emotion"]["label"] in {"angry", "disappointed"}
    assert "score;dur=" in res.headers["server-timing"]


def test_serve_better_draft_scores_higher(client: TestClient) -> None:
    good = _score(
        client,
        "I'm so sorry you've had to ask three times. I've refunded order 4471 just now; "
        "you'll see it within 3 working days, and I'll email you the receipt today.",
    ).json()["reply"]["overall"]
    bad = _score(client, "Not our department. Contact your bank.").json()["reply"]["overall"]
    assert good > bad + 20


def test_serve_profile_changes_the_weights(client: TestClient) -> None:
    reply = "I've refunded order 4471. You'll get an email."
    scores = {
        p: _score(client, reply, profile=p).json()["result"]["summary"]["overall"]
        for p in ("default", "bank", "restaurant")
    }
    assert len(set(scores.values())) > 1
    unknown = _score(client, reply, profile="nope")
    assert unknown.status_code == 422
    err = unknown.json()["error"]
    assert err["field"] == "profile" and "bank" in err["hint"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"context": []}, "reply"),
        ({"reply": "   "}, "reply"),
        ({"reply": "ok", "context": "hi"}, "context"),
        ({"reply": "ok", "context": [{"role": "customer"}]}, "context[0].text"),
        ({"reply": "ok", "context": [{"role": "wizard", "text": "hi"}]}, "context[0].role"),
        ({"reply": "ok", "profile": 3}, "profile"),
        ({"reply": "ok", "contxt": [{"role": "customer", "text": "hi"}]}, "contxt"),
        ({"reply": "ok", "role": "customer"}, "role"),
    ],
)
def test_serve_bad_draft_names_the_field(client: TestClient, body: Any, field: str) -> None:
    res = client.post("/v1/score-reply", json=body)
    assert res.status_code == 422
    err = res.json()["error"]
    assert err["code"] == "E202" and err["field"] == field


def test_serve_invalid_json_and_oversized_bodies(client: TestClient) -> None:
    res = client.post(
        "/v1/score-reply", content=b'{"reply": "hi",', headers={"content-type": "application/json"}
    )
    assert res.status_code == 422
    assert "not valid JSON" in res.json()["error"]["message"]
    big = json.dumps({"reply": "x" * (MAX_BODY_BYTES + 10)})
    res = client.post("/v1/score-reply", content=big, headers={"content-type": "application/json"})
    assert res.status_code == 413
    assert client.get("/v1/score-reply").status_code == 405


def test_serve_analyze_keeps_good_conversations_and_reports_bad_ones(client: TestClient) -> None:
    good = {"id": "c1", "turns": [{"role": "customer", "text": ANGRY},
                                  {"role": "agent", "text": "I've refunded it now, sorry."}]}  # fmt: skip
    bad = {"id": "c2", "turns": [{"role": "customer"}]}
    res = client.post("/v1/analyze", json={"conversations": [bad, good, "oops"]})
    assert res.status_code == 200
    data = res.json()
    assert [r["id"] for r in data["results"]] == ["c1"]
    assert data["indices"] == [1]
    for r in data["results"]:
        validate_reference(r)
    assert [(r["index"], r["field"]) for r in data["rejects"]] == [
        (0, "conversations[0].turns[0].text"),
        (2, "conversations[2]"),
    ]
    too_many = {"conversations": [good] * (MAX_CONVERSATIONS + 1)}
    res = client.post("/v1/analyze", json=too_many)
    assert res.status_code == 422 and res.json()["error"]["field"] == "conversations"


def test_serve_never_logs_message_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "my card 4929 1234 5678 9012 was charged by Ms Zelda Quark"
    with caplog.at_level(logging.DEBUG, logger="servicemind"):
        _score(client, "Thanks, I've refunded it.", context=[{"role": "customer", "text": secret}])
        client.post(
            "/v1/analyze",
            json={"conversations": [{"turns": [{"role": "customer", "text": secret}]}]},
        )
    assert caplog.records  # the calls were logged…
    assert all(
        "Zelda" not in r.getMessage() and "4929" not in r.getMessage() for r in caplog.records
    )


def test_serve_page_is_self_contained(client: TestClient) -> None:
    html = client.get("/").text
    assert "/v1/score-reply" in html
    assert "http://" not in html and "https://" not in html  # no CDN, no remote font


def test_serve_unknown_field_suggests_the_right_one(client: TestClient) -> None:
    res = client.post("/v1/score-reply", json={"reply": "ok", "contxt": []})
    err = res.json()["error"]
    assert res.status_code == 422 and "did you mean 'context'" in err["message"]
    res = client.post("/v1/analyze", json={"conversations": [], "profil": "bank"})
    assert res.status_code == 422 and res.json()["error"]["field"] == "profil"


def test_serve_every_error_has_the_same_keys(client: TestClient) -> None:
    keys = {"code", "message", "hint", "file", "line", "field"}
    bad_json = client.post(
        "/v1/score-reply", content=b"{", headers={"content-type": "application/json"}
    )
    for res in (bad_json, client.post("/v1/score-reply", json={"reply": "ok", "profile": "x"})):
        assert set(res.json()["error"]) == keys


def test_serve_profile_names_ignore_case(client: TestClient) -> None:
    reply = "I've refunded order 4471. You'll get an email."
    lower = _score(client, reply, profile="restaurant").json()["result"]["summary"]["overall"]
    upper = _score(client, reply, profile="Restaurant")
    assert upper.status_code == 200
    assert upper.json()["result"]["summary"]["overall"] == lower
    unknown = _score(client, reply, profile="Casino")
    assert unknown.status_code == 422
    err = unknown.json()["error"]
    assert "'Casino'" in err["message"] and "restaurant" in err["hint"]


@pytest.mark.parametrize(
    "context", [[{"role": "agent", "text": "hi"}], []], ids=["agent-only", "empty"]
)
def test_serve_draft_without_a_customer_turn_is_scored_with_a_warning(
    client: TestClient, context: list[dict[str, str]]
) -> None:
    res = client.post("/v1/score-reply", json={"reply": "Thanks", "context": context})
    assert res.status_code == 200
    data = res.json()
    validate_reference(data["result"])  # the contract is unchanged: the warning sits beside it
    (warning,) = data["warnings"]
    assert warning["code"] == "no_customer_turn" and warning["field"] == "context"
    assert "customer" in warning["hint"]


def test_serve_draft_with_a_customer_turn_has_no_warnings(client: TestClient) -> None:
    res = _score(client, "Sorry about that, I've refunded order 4471 now.")
    assert res.status_code == 200 and res.json()["warnings"] == []


def test_serve_analyze_rejects_what_the_cli_rejects(client: TestClient) -> None:
    good = {"id": "g", "turns": [{"role": "customer", "text": ANGRY},
                                 {"role": "agent", "text": "  "},
                                 {"role": "agent", "text": "I've refunded it now."}]}  # fmt: skip
    empty = {"turns": []}
    blank = {"id": "e", "turns": [{"role": "customer", "text": "  "}]}
    res = client.post("/v1/analyze", json={"conversations": [empty, blank, good]})
    assert res.status_code == 200
    data = res.json()
    assert [r["id"] for r in data["results"]] == ["g"] and data["indices"] == [2]
    assert [len(r["turns"]) for r in data["results"]] == [2]  # the blank reply left out
    got = [(r["index"], r["field"], r["reason"]) for r in data["rejects"]]
    assert got[:2] == [
        (0, "conversations[0].turns", "the conversation has no messages"),
        (1, "conversations[1].turns", "the conversation has no message with text (1 empty)"),
    ]
    assert got[2] == (2, "conversations[2].turns[1].text", "the message is empty")


def test_serve_404_and_405_have_the_error_shape(client: TestClient) -> None:
    keys = {"code", "message", "hint", "file", "line", "field"}
    for res, status in ((client.get("/v1/score-reply"), 405), (client.get("/v1/nope"), 404)):
        assert res.status_code == status
        assert res.headers["content-type"].startswith("application/json")
        err = res.json()["error"]
        assert set(err) == keys and err["code"] == "E600"
        assert "/v1/" in err["message"] and "POST /v1/analyze" in err["hint"]
