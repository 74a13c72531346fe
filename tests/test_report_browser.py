"""The report in a real headless Chromium: plots draw, nothing leaves the machine, phones fit."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium"),
    pytest.mark.skipif(
        importlib.util.find_spec("playwright") is None, reason="playwright not installed"
    ),
]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


@pytest.fixture(scope="module")
def report_html() -> str:
    from servicemind.report import build_report
    from synthetic_results import generate

    return build_report(generate(120), title="browser test")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _open(browser: Any, html: str, width: int, height: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_content(html, wait_until="load")
    return page, requests


def test_report_browser_plots_draw_and_no_request_leaves(browser: Any, report_html: str) -> None:
    page, requests = _open(browser, report_html, 1280, 900)
    boxes = page.eval_on_selector_all(
        "svg.plot",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })",
    )
    assert len(boxes) >= 10
    assert all(w > 50 and h > 50 for w, h in boxes)
    drawn = page.eval_on_selector_all(
        "svg.plot rect.bar, svg.plot polygon.area, svg.plot polyline.line",
        "els => els.filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length",
    )
    assert drawn >= 20
    assert all(u.startswith(("data:", "about:")) for u in requests), requests
    page.close()


@pytest.mark.parametrize(("width", "height"), [(375, 740), (1280, 900)])
def test_report_browser_has_no_horizontal_overflow(
    browser: Any, report_html: str, width: int, height: int
) -> None:
    page, requests = _open(browser, report_html, width, height)
    scroll_w = page.evaluate("document.documentElement.scrollWidth")
    client_w = page.evaluate("document.documentElement.clientWidth")
    assert scroll_w <= client_w
    assert all(u.startswith(("data:", "about:")) for u in requests), requests
    page.close()
