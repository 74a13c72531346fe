"""Plain-text transcripts: a line under a person's name inside a turn ("John Smith: my
bill is wrong" after "Maya (Agent): ...") is not guessed as a speaker, but it is never
silent either: a warning names the file, line and label, with the ``labels`` option that
reads it (and never the message text)."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from servicemind.cli import cli
from servicemind.conversation import Role
from servicemind.ingest import read

NAMED = "Maya (Agent): Hi, how can I help?\nJohn Smith: my bill is wrong\n"


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "servicemind.ingest" and r.levelno == logging.WARNING
    ]


def test_named_line_inside_a_turn_warns_with_file_line_label_and_labels_option(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "named.txt"
    path.write_text(NAMED, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="servicemind.ingest"):
        (conv,) = read(path, strict=True)
    # Still not guessed: the line stays in the agent's turn.
    assert [t.role for t in conv.turns] == [Role.AGENT]
    (message,) = _warnings(caplog)
    assert message.startswith(f"{path}:2: 'John Smith:' looks like a speaker label")
    assert "agent turn" in message
    assert "my bill is wrong" not in message
    options = re.search(r"--options '(.+)'$", message)
    assert options is not None
    # The suggested option, used as given, reads the line as the customer's turn.
    (mapped,) = read(path, strict=True, options=json.loads(options.group(1)))
    assert [(t.role, t.text) for t in mapped.turns] == [
        (Role.AGENT, "Hi, how can I help?"),
        (Role.CUSTOMER, "my bill is wrong"),
    ]
    assert mapped.turns[0].author == "Maya"


def test_named_line_warns_once_per_label_and_fields_do_not_warn(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "two.txt"
    path.write_text(
        "Customer: Hi\nJohn: one\nNote: stays in the turn\nOrder Number: 123\n"
        "Agent: Hello\nJohn: two\nStep one: restart\nre: nothing\nJohn:\n"
        "---\nCustomer: again\nJohn: three\nAnna Maria Lopez: four\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="servicemind.ingest"):
        convs = list(read(path, strict=True))
    assert len(convs) == 2
    (message,) = _warnings(caplog)
    assert message.startswith(f"{path}:2: 'John:'")
    assert "customer turn" in message
    assert '"John": "agent"' in message and '"Customer": "customer"' in message


def test_named_line_warning_reaches_stderr_of_analyze(tmp_path: Path) -> None:
    path = tmp_path / "named.txt"
    path.write_text(NAMED, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["analyze", str(path), "-o", str(tmp_path / "out.jsonl"), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "named.txt:2: 'John Smith:' looks like a speaker label" in result.stderr
    assert "my bill is wrong" not in result.stderr


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("John Smith: my bill is wrong", "John Smith"),
        ("[10:32] Maya: hello", "Maya"),
        ("Customer: hi", None),  # a known label starts a turn
        ("Sarah (Agent): hi", None),
        ("Note: stays in the turn", None),
        ("Next steps: I'll call", None),
        ("John:", None),  # no text after it
        ("the reason: price", None),
        ("Anna Maria Lopez: three words", None),
    ],
)
def test_unmapped_label_names_the_lines_the_reader_warns_about(
    line: str, label: str | None
) -> None:
    from servicemind.ingest.text import unmapped_label

    assert unmapped_label(line) == label
