"""The labelling tool of the trait corpus (one annotation pass at a time).

    python3 training/annotation/label_tool.py next A 20 --shard=0/2   # next items to label
    python3 training/annotation/label_tool.py add A --shard=0/2 < labels.jsonl
    python3 training/annotation/label_tool.py status A
    python3 training/annotation/label_tool.py next A 20 --shard=0/3 --task=commitments

``--task=commitments`` is the commitment-only relabelling of the items first labelled under
guideline version 1 (``COMMITMENT_RELABEL_FILES``): it shows the same items, takes lines
``{"id", "commitments"}`` and writes them to ``labels/commitments-v2/<PASS>/<writer>.jsonl``,
which replace that pass's version-1 commitments (training/traits-agreement.md says why).

Items come from ``training/data/traits/pairs/*.jsonl`` in interleaved order (w1-0001,
w2-0001, ..., w1-0002, ...), so that both passes cover every writer evenly even when they
stop early. Labels go to ``training/data/traits/labels/<PASS>/<writer>.jsonl``. Each annotator
of a pass works on one shard (SHA-1 of the id mod N). The tool never shows another pass's
labels, and ``add`` validates every line: known id, not yet labelled, every trait 0/1/2/"na",
overall 1..5, commitments exact substrings of the reply.

Only finished writer files are served: a writer adds its file name (e.g. ``w8.jsonl``) as a
line of ``pairs/FINISHED`` when its items are final, so that no annotator labels a text
that is still being edited (this happened once, see training/traits-agreement.md).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1] / "data" / "traits"
TRAITS = [
    "empathy", "enthusiasm", "ownership", "responsibility", "adaptability", "balance",
    "resiliency", "patience", "politeness", "solution", "genuineness",
]  # fmt: skip


#: Writer files whose commitments were labelled under guideline version 1, before version 2
#: settled offers, forecasts and third-party promises; ``--task=commitments`` relabels them.
COMMITMENT_RELABEL_FILES = ("w1", "w2", "w3", "w4", "w5")
COMMITMENT_RELABEL_DIR = "commitments-v2"


def _order(item_id: str) -> tuple[int, str]:
    m = re.match(r"(w\d+)-(\d+)", item_id)
    return (int(m.group(2)), m.group(1)) if m else (10**9, item_id)


def finished_files() -> set[str]:
    """The writer files whose items are final (listed in ``pairs/FINISHED``)."""
    marker = ROOT / "pairs" / "FINISHED"
    if not marker.is_file():
        return set()
    return {x.strip() for x in marker.read_text(encoding="utf-8").splitlines() if x.strip()}


def load_items(only_finished: bool = True) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    done = finished_files()
    for f in sorted((ROOT / "pairs").glob("*.jsonl")):
        if only_finished and f.name not in done:
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                o = json.loads(line)
                out[o["id"]] = o
    return dict(sorted(out.items(), key=lambda kv: _order(kv[0])))


def _label_dir(pass_: str, task: str) -> Path:
    if task == "commitments":
        return ROOT / "labels" / COMMITMENT_RELABEL_DIR / pass_
    return ROOT / "labels" / pass_


def labelled(pass_: str, task: str = "all") -> set[str]:
    ids: set[str] = set()
    for f in _label_dir(pass_, task).glob("*.jsonl"):
        ids.update(json.loads(x)["id"] for x in f.read_text(encoding="utf-8").splitlines() if x)
    return ids


def check(
    lab: dict[str, Any], items: dict[str, dict[str, Any]], done: set[str], task: str = "all"
) -> None:
    i = lab["id"]
    if i not in items:
        raise ValueError(f"unknown id {i}")
    if i in done:
        raise ValueError(f"{i} already labelled in this pass")
    if task == "commitments":
        _check_commitments(lab, items[i]["reply"])
        extra = set(lab) - {"id", "commitments"}
        if extra:
            raise ValueError(
                f"{i}: unknown keys {sorted(extra)} (this task takes commitments only)"
            )
        return
    for t in TRAITS:
        if lab.get(t) not in (0, 1, 2, "na"):
            raise ValueError(f'{i}: {t} must be 0, 1, 2 or "na"')
    if lab.get("overall") not in (1, 2, 3, 4, 5):
        raise ValueError(f"{i}: overall must be 1..5")
    _check_commitments(lab, items[i]["reply"])
    extra = set(lab) - set(TRAITS) - {"id", "overall", "commitments"}
    if extra:
        raise ValueError(f"{i}: unknown keys {sorted(extra)}")


def _check_commitments(lab: dict[str, Any], reply: str) -> None:
    cs = lab.get("commitments")
    if not isinstance(cs, list):
        raise ValueError(f"{lab['id']}: commitments must be a list")
    for c in cs:
        if not isinstance(c, str) or c not in reply:
            raise ValueError(
                f"{lab['id']}: commitment {c!r} is not an exact substring of the reply"
            )


def in_shard(items: dict[str, dict[str, Any]], shard: str | None) -> dict[str, dict[str, Any]]:
    """The items of shard ``"k/n"`` (SHA-1 of the id mod n == k); all items for ``None``."""
    if shard is None:
        return items
    k, n = (int(x) for x in shard.split("/"))
    return {
        i: o for i, o in items.items() if int(hashlib.sha1(i.encode()).hexdigest(), 16) % n == k
    }


def add_labels(
    lines: Iterable[str],
    check: Callable[[dict[str, Any]], None],
    out_dir: Path,
    keep: Sequence[str],
    done: set[str],
) -> tuple[int, int]:
    """Append each valid JSON line (``check`` raises ``ValueError`` / ``KeyError`` /
    ``TypeError`` / ``AttributeError`` naming what is wrong) to ``out_dir/<writer>.jsonl``
    with only the ``keep`` keys; print ``REJECTED: why`` for the others. Returns (added,
    rejected); ``done`` gains the added ids."""
    ok = bad = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            lab = json.loads(line)
            check(lab)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            print("REJECTED:", exc)
            bad += 1
            continue
        out = out_dir / f"{lab['id'].split('-')[0]}.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({k: lab[k] for k in keep}, ensure_ascii=False) + "\n")
        done.add(lab["id"])
        ok += 1
    return ok, bad


def options(argv: Sequence[str], *names: str) -> tuple[list[str], dict[str, str]]:
    """The positional arguments and the ``--name=value`` options among ``argv``."""
    opts = {a[2:].split("=", 1)[0]: a.split("=", 1)[1] for a in argv if a.startswith("--")}
    unknown = set(opts) - set(names)
    if unknown:
        raise SystemExit(f"unknown options: {', '.join(sorted(unknown))}")
    return [a for a in argv if not a.startswith("--")], opts


def serve(
    args: Sequence[str],
    items: dict[str, dict[str, Any]],
    done: set[str],
    *,
    noun: str,
    default_n: int,
    show: Callable[[dict[str, Any]], None],
    add: Callable[[], tuple[int, int]],
) -> None:
    """The ``status`` / ``next`` / ``add`` commands of every labelling tool, for one pass
    (``args``: command, pass, and for ``next`` how many) over its shard's ``items``."""
    cmd, pass_ = args[0], args[1]
    if cmd == "status":
        todo = sum(1 for i in items if i not in done)
        print(f"pass {pass_}: {len(items) - todo} labelled of {len(items)} {noun}; {todo} to go")
    elif cmd == "next":
        n_items = int(args[2]) if len(args) > 2 else default_n
        todo = [o for i, o in items.items() if i not in done][:n_items]
        for o in todo:
            show(o)
        if not todo:
            print("nothing left to label")
    elif cmd == "add":
        ok, bad = add()
        mine = sum(1 for i in items if i in done)
        print(
            f"added {ok}, rejected {bad}; this shard of pass {pass_} now has {mine} of {len(items)}"
        )
    else:
        raise SystemExit("commands: next, add, status")


def _show_item(o: dict[str, Any]) -> None:
    print(f"=== {o['id']} | {o.get('industry')} | {o.get('channel')} | lang={o.get('language')}")
    for t in o["context"]:
        print(f"  [{t['role']}] {t['text']}")
    print(f"  >>> REPLY: {o['reply']}")


def main(argv: list[str]) -> None:
    args, opts = options(argv, "shard", "task")
    task = opts.get("task", "all")
    if len(args) < 2 or args[1] not in ("A", "B"):
        raise SystemExit("usage: label_tool.py next|add|status A|B [N] [--shard=K/N] [--task=T]")
    if task not in ("all", "commitments"):
        raise SystemExit("the task is all or commitments")
    pass_ = args[1]
    items, done = load_items(), labelled(pass_, task)
    if task == "commitments":
        items = {i: o for i, o in items.items() if i.split("-")[0] in COMMITMENT_RELABEL_FILES}
    items = in_shard(items, opts.get("shard"))
    keep = (
        ["id", "commitments"]
        if task == "commitments"
        else ["id", *TRAITS, "overall", "commitments"]
    )
    serve(
        args,
        items,
        done,
        noun="items",
        default_n=20,
        show=_show_item,
        add=lambda: add_labels(
            sys.stdin,
            lambda lab: check(lab, items, done, task),
            _label_dir(pass_, task),
            keep,
            done,
        ),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
