"""The draft-scoring page in a real headless Chromium against a real uvicorn server."""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium"),
    pytest.mark.skipif(
        importlib.util.find_spec("playwright") is None
        or importlib.util.find_spec("uvicorn") is None,
        reason="playwright or uvicorn not installed",
    ),
]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    from servicemind.serve import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="error")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pg = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
        yield pg
        browser.close()


def test_serve_page_scores_a_draft_and_shows_evidence_and_rewrite(page: Any, server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/")
    page.fill("#customer", "My flight leaves in 2 hours and I still have no ticket!!")
    page.fill("#reply", "Not our department. Contact the airport.")
    page.click("#score")
    page.wait_for_selector(".trait[data-trait='ownership']")
    rows = page.eval_on_selector_all(".trait", "els => els.map(e => e.dataset.trait)")
    assert "empathy" in rows and "ownership" in rows
    assert page.inner_text(".overall").strip().isdigit()
    assert page.locator(".ev .neg").count() >= 1  # the deflection is quoted as evidence
    assert page.inner_text(".rewrite").strip()
    assert all(u.startswith(server) for u in requests), requests
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on a phone


def test_serve_page_shows_the_located_error(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.fill("#reply", "   ")
    page.click("#score")
    page.wait_for_selector(".error")
    assert page.inner_text(".error").startswith("reply:")
