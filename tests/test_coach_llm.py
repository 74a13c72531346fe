from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from _contract_builders import customer, traits
from servicemind.analyse.base import Doc
from servicemind.coach.analyser import CoachingAnalyser
from servicemind.coach.llm import LLMConfig, LLMRewriter
from servicemind.coach.rewrite import RewriteContext
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError

CUSTOMER = "Where is my refund? It's been ages."
REPLY = "Refunds take 5 days."
HONEST = (
    "I'm sorry about the wait for your refund. Refunds take 5 days, and I'll keep an eye on yours."
)
INVENTING = "I'm sorry about the wait. Your refund of $80 will arrive on Friday."
DROPPING = "I'm sorry about the wait for your refund; I'll keep an eye on it for you."


class FakeOpenAI:
    """A tiny OpenAI-compatible chat endpoint on 127.0.0.1 that answers ``answer``."""

    def __init__(self, answer: str | None, delay: float = 0.0) -> None:
        self.answer = answer
        self.delay = delay
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(
                    {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
                )
                time.sleep(fake.delay)
                if fake.answer is None:
                    self.send_response(500)
                    self.end_headers()
                    return
                payload = {
                    "id": "chatcmpl-1",
                    "object": "chat.completion",
                    "model": body["model"],
                    "choices": [
                        {
                            "index": 0,
                            "finish_reason": "stop",
                            "message": {"role": "assistant", "content": fake.answer},
                        }
                    ],
                }
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def honest() -> Iterator[FakeOpenAI]:
    with FakeOpenAI(HONEST) as f:
        yield f


def _ctx() -> RewriteContext:
    return RewriteContext(
        reply=REPLY,
        customer_text=CUSTOMER,
        emotion="angry",
        traits=traits(0.8, empathy=0.2),
        overall=40,
        conversation=[CUSTOMER, REPLY],
        key="c:1",
    )


def test_llm_rewriter_speaks_the_chat_completions_protocol(honest: FakeOpenAI) -> None:
    rw = LLMRewriter(LLMConfig(honest.url, "tiny-model", api_key="k-123", timeout=5))
    assert rw.rewrite(_ctx(), ["empathy"]) == HONEST
    req = honest.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["body"]["model"] == "tiny-model"
    assert [m["role"] for m in req["body"]["messages"]] == ["system", "user"]
    assert REPLY in req["body"]["messages"][1]["content"]
    assert req["auth"] == "Bearer k-123"


def test_llm_rewriter_rejects_an_answer_that_invents_a_number() -> None:
    with FakeOpenAI(INVENTING) as f:
        assert LLMRewriter(LLMConfig(f.url, "m", timeout=5)).rewrite(_ctx()) is None


def test_llm_rewriter_rejects_an_answer_that_drops_a_fact() -> None:
    with FakeOpenAI(DROPPING) as f:
        assert LLMRewriter(LLMConfig(f.url, "m", timeout=5)).rewrite(_ctx()) is None


def test_llm_rewriter_returns_none_when_the_endpoint_fails() -> None:
    with FakeOpenAI(None) as f:
        assert LLMRewriter(LLMConfig(f.url + "/v1", "m", timeout=5)).rewrite(_ctx()) is None


def _doc() -> Doc:
    doc = Doc(
        Conversation.from_turns(
            [{"role": "customer", "text": CUSTOMER}, {"role": "agent", "text": REPLY}], id="c"
        )
    )
    doc.out["turns"][0]["customer"] = customer("angry")
    doc.out["turns"][1]["agent"] = {
        "overall": 40,
        "traits": traits(0.8, empathy=0.2),
        "commitments": [],
    }
    return doc


def test_llm_coaching_uses_the_llm_rewrite_when_it_passes(honest: FakeOpenAI) -> None:
    doc = _doc()
    CoachingAnalyser(llm_url=honest.url, llm_model="m", llm_timeout=5).annotate([doc])
    assert doc.out["turns"][1]["agent"]["coaching"]["rewrite"] == HONEST


def test_llm_coaching_falls_back_to_the_built_in_rewriter_on_invention() -> None:
    doc = _doc()
    with FakeOpenAI(INVENTING) as f:
        CoachingAnalyser(llm_url=f.url, llm_model="m", llm_timeout=5).annotate([doc])
        assert len(f.requests) == 1
    rw = doc.out["turns"][1]["agent"]["coaching"]["rewrite"]
    assert rw is not None and rw != INVENTING
    assert "$80" not in rw and "Friday" not in rw and REPLY in rw


def test_llm_is_off_by_default_and_configured_from_the_environment() -> None:
    assert LLMConfig.from_env({}) is None
    cfg = LLMConfig.from_env({"SERVICEMIND_LLM_URL": "http://x", "SERVICEMIND_LLM_MODEL": "m"})
    assert cfg is not None and cfg.model == "m"
    with pytest.raises(ConfigError):
        LLMConfig.from_env({"SERVICEMIND_LLM_URL": "http://x"})


def test_llm_api_key_never_appears_in_reprs() -> None:
    assert "k-secret" not in repr(LLMConfig("http://x", "m", api_key="k-secret"))
    assert "k-secret" not in repr(
        CoachingAnalyser(llm_url="http://x", llm_model="m", llm_api_key="k-secret")
    )


def test_llm_rewriter_gives_up_after_its_timeout() -> None:
    with FakeOpenAI(HONEST, delay=1.0) as f:
        assert LLMRewriter(LLMConfig(f.url, "m", timeout=0.2)).rewrite(_ctx()) is None
