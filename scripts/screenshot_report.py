"""Render the HTML report in headless Chromium and save a screenshot (docs/report-screenshot.png).

    PYTHONPATH=src python3 scripts/screenshot_report.py results.jsonl
    PYTHONPATH=src python3 scripts/screenshot_report.py --demo          # analyse the demo set first
    PYTHONPATH=src python3 scripts/screenshot_report.py --synthetic     # no analysers needed

Needs Playwright and Debian's chromium at /usr/bin/chromium (or --chromium PATH).
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

from servicemind.report import build_report

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _results(args: argparse.Namespace) -> list[dict[str, object]]:
    if args.input:
        with open(args.input, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    if args.synthetic:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from synthetic_results import generate

        return list(generate(args.synthetic))
    from servicemind.analyse.pipeline import Pipeline
    from servicemind.conversation import Conversation

    text = resources.files("servicemind").joinpath("demo", "conversations.jsonl").read_text("utf-8")
    convs = [
        Conversation.from_turns(
            o["turns"], id=o.get("id"), channel=o.get("channel"), meta=o.get("meta")
        )
        for o in (json.loads(line) for line in text.splitlines() if line.strip())
    ]
    return list(Pipeline().analyze(convs))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", nargs="?", help="analysed JSONL")
    ap.add_argument(
        "--demo", action="store_true", help="analyse the demo set (default without input)"
    )
    ap.add_argument("--synthetic", type=int, nargs="?", const=300, help="N synthetic conversations")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "report-screenshot.png")
    ap.add_argument("--html", type=Path, help="also keep the HTML here")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=1800)
    args = ap.parse_args(argv)
    html = build_report(_results(args), title="servicemind report")
    if args.html:
        args.html.write_text(html, encoding="utf-8")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.set_content(html, wait_until="load")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.output), full_page=False)
        browser.close()
    print(args.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
