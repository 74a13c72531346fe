"""The command line: thin, one-line errors, exit codes, and the main job end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from servicemind.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_cli_schema_prints_a_valid_json_schema() -> None:
    res = CliRunner().invoke(cli, ["schema"])
    assert res.exit_code == 0
    schema = json.loads(res.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "turns" in schema["required"]


def test_cli_formats_lists_every_reader() -> None:
    res = CliRunner().invoke(cli, ["formats"])
    assert res.exit_code == 0
    for name in ("jsonl", "csv", "twcs", "abcd", "zendesk", "intercom", "text"):
        assert name in res.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["analyze", "does-not-exist.jsonl"], "does-not-exist.jsonl"),
        (
            ["analyze", "--options", "{nope", str(FIXTURES / "conversations.jsonl")],
            "--options is not valid JSON",
        ),
        (["analyze", "--format", "fax", str(FIXTURES / "conversations.jsonl")], "fax"),
    ],
)
def test_cli_errors_are_one_line_without_traceback(args: list[str], message: str) -> None:
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("servicemind: error:")
    assert message in lines[0]
    assert "Traceback" not in res.output


def test_cli_help_everywhere() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["--help"]).exit_code == 0
    for name in cli.commands:  # type: ignore[attr-defined]
        res = runner.invoke(cli, [name, "--help"])
        assert res.exit_code == 0, name
        assert "Usage:" in res.output


def test_cli_runs_as_python_module() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "servicemind", "analyze", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert "--jobs" in res.stdout


def test_cli_analyze_fails_when_every_record_was_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1"}\n{"id": "2", "turns": "no"}\n', encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    res = CliRunner().invoke(
        cli, ["analyze", str(bad), "-o", str(tmp_path / "o.jsonl"), "--rejects", str(rejects)]
    )
    assert res.exit_code == 1
    assert "nothing analysed: all 2 record(s) read were rejected" in res.stderr
    assert len(rejects.read_text(encoding="utf-8").splitlines()) == 2


def test_cli_analyze_one_good_record_among_bad_ones_succeeds(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    good = {
        "id": "g",
        "turns": [{"role": "customer", "text": "Hi"}, {"role": "agent", "text": "Hello!"}],
    }
    mixed.write_text('{"id": "1"}\n' + json.dumps(good) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", str(mixed), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 0
    assert "analysed 1 conversation -> " in res.stderr


def test_cli_analyze_warns_on_empty_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", str(empty), "-o", str(tmp_path / "o.jsonl")])
    assert res.exit_code == 0
    assert "no conversations found" in res.stderr


def test_cli_analyze_summary_prints_each_conversation(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        cli,
        [
            "analyze",
            str(FIXTURES / "conversations.jsonl"),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--summary",
            "-j",
            "1",
        ],
    )
    assert res.exit_code == 0, res.stderr
    lines = (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert ids
    for conv_id in ids:
        assert conv_id in res.stderr
    assert "overall" in res.stderr and "best" in res.stderr
    # the closing tally counts the conversations the summaries printed
    assert f" of {len(ids)} conversations have a reply to follow" in res.stderr


def test_cli_analyze_profile_name_ignores_case(tmp_path: Path) -> None:
    outs = {}
    for written in ("airline", "Airline"):
        out = tmp_path / f"{written}.jsonl"
        res = CliRunner().invoke(
            cli,
            [
                "analyze",
                str(FIXTURES / "conversations.jsonl"),
                "-o",
                str(out),
                "--profile",
                written,
                "-j",
                "1",
            ],
        )
        assert res.exit_code == 0, res.stderr
        outs[written] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert outs["Airline"][0]["servicemind"]["profile"] == "airline"
    assert outs["Airline"] == outs["airline"]
    res = CliRunner().invoke(
        cli, ["analyze", str(FIXTURES / "conversations.jsonl"), "--profile", "Casino", "-j", "1"]
    )
    assert res.exit_code == 1
    assert "unknown scorecard profile 'Casino'" in res.stderr and "airline" in res.stderr
