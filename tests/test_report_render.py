from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from _contract_builders import agent, customer, evidence, result, trait, traits
from servicemind.errors import RecordError
from servicemind.report import build_report, write_report
from servicemind.report.render import highlight

EVIL = "<script>alert('x')</script> & \"quotes\""


def _results() -> list[dict[str, Any]]:
    text = "I'm sorry, " + EVIL
    tr = traits(0.7, empathy=trait(0.9, [evidence("I'm sorry", text, "apology")]))
    return [
        result(
            [
                ("customer", EVIL, customer("angry")),
                (
                    "agent",
                    text,
                    agent(
                        30,
                        tr,
                        coaching={
                            "strengths": [],
                            "improve": EVIL,
                            "rewrite": EVIL,
                            "focus": "ownership",
                        },
                    ),
                ),
            ],
            id=f"c{i}",
            authors={"agent": "<b>Ana</b>"},
            times=["2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z"],
        )
        for i in range(3)
    ]


def test_report_render_escapes_every_text_from_the_data() -> None:
    html = build_report(_results())
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>Ana</b>" not in html and "&lt;b&gt;Ana&lt;/b&gt;" in html


def test_report_render_is_self_contained() -> None:
    html = build_report(_results())
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert "<script" not in html
    assert html.count("<svg") >= 6


def test_report_render_shows_the_required_sections() -> None:
    html = build_report(_results())
    for heading in (
        "Team overview",
        "Agents",
        "Customer side",
        "Moments of truth",
        "Response times",
        "Trait profile",
        "Consistency",
        "Commitments",
        "Top coaching themes",
        "Best replies",
        "empathy needed but missing",
    ):
        assert heading in html
    assert "ownership (3 replies)" in html
    assert "median first response" in html
    assert "<b>100%</b><span>replies within 15 min</span>" in html  # all came after 5 minutes


def test_report_render_without_timestamps_says_so() -> None:
    rs = _results()
    for r in rs:
        for t in r["turns"]:
            t["time"] = None
    assert "carry no timestamps" in build_report(rs)


def test_report_highlight_marks_spans_and_escapes() -> None:
    out = highlight(
        "a <b> c", [{"start": 2, "end": 5, "cue": "x", "polarity": "negative", "trait": "t"}]
    )
    assert out == 'a <mark class="neg" title="t: x">&lt;b&gt;</mark> c'


def test_report_highlight_skips_overlapping_and_out_of_range_spans() -> None:
    spans = [
        {"start": 0, "end": 4, "cue": "a"},
        {"start": 2, "end": 6, "cue": "b"},
        {"start": 5, "end": 99, "cue": "c"},
    ]
    assert highlight("abcdefg", spans).count("<mark") == 1


def test_report_render_same_input_same_output() -> None:
    assert build_report(_results()) == build_report(_results())


def test_report_write_report_streams_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "results.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _results()), encoding="utf-8")
    out = write_report(src, tmp_path / "report.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_write_report_names_the_bad_line(tmp_path: Path) -> None:
    src = tmp_path / "results.jsonl"
    src.write_text(json.dumps(_results()[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        write_report(src, tmp_path / "report.html")
    assert err.value.line == 2 and "results.jsonl" in str(err.value)


def test_report_render_empty_input_still_renders() -> None:
    html = build_report([])
    assert "No agent replies." in html and "<svg" in html


def test_report_render_from_a_streamed_aggregator_matches_build_report() -> None:
    from servicemind.report import ReportAggregator, render

    agg = ReportAggregator()
    for r in _results():
        agg.add(r)
    assert render(agg, title="t") == build_report(_results(), title="t")


@pytest.mark.parametrize("module_name", ["aggregate", "render", "svg"])
def test_report_public_surface_is_declared(module_name: str) -> None:
    import importlib

    module = importlib.import_module(f"servicemind.report.{module_name}")
    assert module.__all__ and all(hasattr(module, n) for n in module.__all__)


def test_report_render_many_agents_stay_bounded() -> None:
    from servicemind.report.render import MAX_AGENTS, MAX_LISTED

    rs = []
    for i in range(MAX_AGENTS + MAX_LISTED + 5):
        r = _results()[0]
        r["id"] = f"c{i}"
        r["turns"][1]["author"] = f"agent-{i:04d}"
        rs.append(r)
    html = build_report(rs)
    assert html.count('<article class="agent"') == MAX_AGENTS
    assert "and 5 more" in html


def test_report_cli_refuses_input_that_was_not_analysed(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from servicemind.cli import cli

    raw = tmp_path / "convs.jsonl"
    raw.write_text(
        '{"id": "1", "turns": [{"role": "customer", "text": "Hi"}]}\n'
        '{"id": "2", "turns": [{"role": "customer", "text": "Hello"}]}\n',
        encoding="utf-8",
    )
    res = CliRunner().invoke(cli, ["report", str(raw), "-o", str(tmp_path / "r.html")])
    assert res.exit_code != 0
    assert "convs.jsonl:1" in res.output and "not analyse output" in res.output
    assert "servicemind analyze" in res.output
    assert not (tmp_path / "r.html").exists()


def test_report_cli_leaves_out_a_bad_line_and_says_so(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from servicemind.api import analyze
    from servicemind.cli import cli
    from servicemind.conversation import Conversation

    conv = Conversation.from_turns(
        [
            {"role": "customer", "text": "Where is my order?"},
            {"role": "agent", "text": "On its way."},
        ],
        id="a",
    )
    good = json.dumps(next(iter(analyze([conv]))))
    path = tmp_path / "results.jsonl"
    path.write_text(good + "\n{broken\n" + good.replace('"a"', '"b"', 1) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["report", str(path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "results.jsonl:2" in res.output and "1 bad line(s) left out" in res.output
    assert "2 conversations" in out.read_text(encoding="utf-8")
