"""The commands every labelling tool shares (training/annotation/label_tool.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training" / "annotation"))

import label_tool as lt

ITEMS: dict[str, dict[str, Any]] = {f"w1-000{n}": {"id": f"w1-000{n}"} for n in range(1, 4)}


def test_options_split_positional_arguments_from_named_ones() -> None:
    assert lt.options(["next", "A", "5", "--shard=0/2"], "shard", "task") == (
        ["next", "A", "5"],
        {"shard": "0/2"},
    )
    with pytest.raises(SystemExit, match="unknown options: shrd"):
        lt.options(["next", "A", "--shrd=0/2"], "shard")


def test_serve_shows_only_what_the_pass_has_not_labelled(
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown: list[str] = []
    done = {"w1-0001"}

    def serve(*args: str) -> None:
        lt.serve(
            list(args),
            ITEMS,
            done,
            noun="items",
            default_n=1,
            show=lambda o: shown.append(o["id"]),
            add=lambda: (done.add("w1-0003"), (1, 0))[1],
        )

    serve("next", "A")
    assert shown == ["w1-0002"]  # default_n of them, in order, the labelled one skipped
    serve("next", "A", "5")
    assert shown == ["w1-0002", "w1-0002", "w1-0003"]
    serve("status", "A")
    assert "1 labelled of 3 items; 2 to go" in capsys.readouterr().out
    serve("add", "A")
    assert "added 1, rejected 0; this shard of pass A now has 2 of 3" in capsys.readouterr().out
    done.update(ITEMS)
    serve("next", "A")
    assert capsys.readouterr().out == "nothing left to label\n"
    with pytest.raises(SystemExit, match="commands"):
        serve("label", "A")
