"""What `report` reads: several results files, a --db store, and each conversation once."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from _contract_builders import agent, customer, result, traits
from servicemind.cli import cli
from servicemind.errors import InputError
from servicemind.report import build_report
from servicemind.report.aggregate import ReportAggregator
from servicemind.results import LatestResults
from servicemind.store import ResultStore


def _conv(cid: str, overall: int, author: str = "Ana") -> dict[str, Any]:
    return result(
        [
            ("customer", "my parcel is late", customer("angry")),
            ("agent", "I am sorry, I have traced it", agent(overall, traits(0.5))),
        ],
        id=cid,
        authors={"agent": author},
    )


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _kpi(html: str, label: str) -> str:
    m = re.search(r"([\d,]+)</[^>]+>\s*<[^>]+>" + label, html)
    assert m is not None, label
    return m.group(1)


def test_report_counts_a_conversation_in_two_files_once_the_later_winning(tmp_path: Path) -> None:
    a = _jsonl(tmp_path / "march.jsonl", [_conv("c1", 20), _conv("c2", 80)])
    b = _jsonl(tmp_path / "april.jsonl", [_conv("c1", 60), _conv("c3", 70)])
    latest = LatestResults([a, b])
    got = {r["id"]: r["summary"]["overall"] for r in latest}
    assert got == {"c1": 60, "c2": 80, "c3": 70}
    assert latest.duplicates == 1

    run = CliRunner().invoke(cli, ["report", str(a), str(b), "-o", str(tmp_path / "r.html")])
    assert run.exit_code == 0, run.output
    assert "1 duplicate conversation(s) dropped" in run.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert _kpi(html, "conversations") == "3"


def test_report_reads_a_db_store(tmp_path: Path) -> None:
    db = tmp_path / "team.sqlite"
    with ResultStore(db) as store:
        store.add([_conv("c1", 20), _conv("c2", 80)])
    run = CliRunner().invoke(cli, ["report", str(db), "-o", str(tmp_path / "r.html")])
    assert run.exit_code == 0, run.output
    assert _kpi((tmp_path / "r.html").read_text(encoding="utf-8"), "conversations") == "2"


def test_report_on_a_binary_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"id": "x"}\n\xf8\xff\xfe garbage\n')
    with pytest.raises(InputError, match="not UTF-8"):
        list(LatestResults([bad]))
    run = CliRunner().invoke(cli, ["report", str(bad), "-o", str(tmp_path / "r.html")])
    assert run.exit_code == 1
    assert "[E20" in run.output and "Traceback" not in run.output


def test_report_groups_one_agent_spelled_with_other_case_and_spaces() -> None:
    agg = ReportAggregator()
    for i, name in enumerate(["Kim  Lee", "kim lee ", "Kim Lee", "KIM LEE", "Kim Lee"]):
        agg.add(_conv(f"c{i}", 50 + i, author=name))
    agents = agg.agents_sorted()
    assert [(a.name, a.replies, a.conversations) for a in agents] == [("Kim Lee", 5, 5)]
    html = build_report([_conv("a", 50, "Kim"), _conv("b", 60, "kim "), _conv("c", 70, "KIM")])
    assert re.findall(r"<h3[^>]*>(.*?)</h3>", html).count("Kim") == 1
