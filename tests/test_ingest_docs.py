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
