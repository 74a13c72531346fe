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
