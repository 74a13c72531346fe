"""Docs are tested: generated references are current, every command and field documented."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from servicemind.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _gen_docs():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["gen_docs"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_docs_generated_references_are_current() -> None:
    assert _gen_docs().main(["--check"]) == 0, "run: python scripts/gen_docs.py"


def test_docs_every_cli_command_is_in_the_cli_reference() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in cli.commands:  # type: ignore[attr-defined]
        assert f"## servicemind {name}" in text


def test_docs_every_described_schema_field_is_documented() -> None:
    gen = _gen_docs()
    from servicemind.schemas import get_schema

    rows: list[tuple[str, str, str]] = []
    schema = get_schema()
    gen._walk(schema, "", schema["$defs"], rows)
    text = (ROOT / "docs" / "output-fields.md").read_text(encoding="utf-8")
    for path, _typ, desc in rows:
        if desc and (
            ".traits." not in path or ".traits.empathy" in path or path.startswith("summary")
        ):
            assert f"`{path}`" in text, path


def test_docs_readme_first_screen_has_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = "\n".join(readme.splitlines()[:30])
    assert "servicemind demo" in first_screen
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci in first_screen, "CI must run the README's test command"
