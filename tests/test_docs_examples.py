"""Every ```python block in README.md and docs/*.md runs as written.

Each block runs in a fresh working directory holding the files the docs refer to:
``results.jsonl`` (the demo set analysed) and ``tickets.json`` (a help-desk export), with
``HOME`` pointed there so nothing touches the user's files, and ``input`` answering
end-of-file so interactive examples finish at once.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"```python\n(.*?)```", re.S)


def _blocks() -> list[Any]:
    out = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for i, m in enumerate(FENCE.finditer(doc.read_text(encoding="utf-8"))):
            out.append(pytest.param(doc, m.group(1), id=f"{doc.relative_to(ROOT)}#{i}"))
    return out


@pytest.fixture(scope="module")
def demo_results() -> list[dict[str, Any]]:
    from importlib import resources

    import servicemind.api as sm

    demo = Path(str(resources.files("servicemind.demo").joinpath("conversations.jsonl")))
    return list(sm.analyze_files([demo]))


def _eof(prompt: str = "") -> str:
    raise EOFError


@pytest.mark.parametrize(("doc", "code"), _blocks())
def test_docs_python_example_runs(
    doc: Path,
    code: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    demo_results: list[dict[str, Any]],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "results.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in demo_results), encoding="utf-8"
    )
    shutil.copy(ROOT / "tests" / "fixtures" / "ingest" / "zendesk_tickets.json", "tickets.json")
    exec(compile(code, str(doc), "exec"), {"__name__": "__docs__", "input": _eof})


def test_docs_have_python_examples() -> None:
    assert len(_blocks()) >= 6
