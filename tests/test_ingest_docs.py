"""docs/formats.md documents every format and every option it accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from servicemind.ingest import FORMATS

DOC = Path(__file__).resolve().parents[1] / "docs" / "formats.md"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_ingest_docs_describe_every_format_and_option(name: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"## `{name}`" in text
    section = text.split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]
    for option in FORMATS[name].options:
        assert f"`{option}`" in section, f"option {option} of {name} is not documented"


def _section(name: str) -> str:
    return DOC.read_text(encoding="utf-8").split(f"## `{name}`", 1)[1].split("\n## ", 1)[0]


def test_ingest_docs_list_every_field_name_and_alias() -> None:
    from servicemind.ingest._fields import ALIASES
    from servicemind.ingest.jsonl import ALIASED_KEYS

    text = DOC.read_text(encoding="utf-8")
    table = text.split("| field | other names", 1)[1].split("\n\n", 1)[0]
    rows = {line.split("|")[1].strip(): line for line in table.splitlines() if "|" in line}
    for field, names in ALIASES.items():
        row = rows[f"`{field}`"]
        assert all(f"`{n}`" in row for n in names), field
    section = _section("jsonl")
    assert all(f"`{key}`" in section for key in ALIASED_KEYS)
    assert "[Field names](#field-names)" in section and "[Field names](#field-names)" in (
        _section("csv").replace("\n  ", " ")
    )


def test_ingest_docs_list_every_default_transcript_label() -> None:
    from servicemind.ingest.text import DEFAULT_LABELS

    section = _section("text")
    for label in DEFAULT_LABELS:
        assert f"`{label}`" in section, label
