"""The rewrite benchmark's logic, with a fake pipeline injected at its seam (``analyze_one``)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from _contract_builders import agent, customer, result, traits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import rewrite_benchmark as rb
from servicemind.conversation import Conversation


class FakePipeline:
    """Scores a reply 30 + 30 per cue ('sorry', "I'll") it contains."""

    def analyze_one(self, conv: Conversation) -> dict[str, Any]:
        turns = []
        for t in conv.turns:
            d = t.to_dict()
            if t.role.value == "agent":
                score = 30 + 30 * len(re.findall(r"\bsorry\b|\bI'll\b", t.text, re.I))
                d["agent"] = {"overall": min(score, 100)}
            turns.append(d)
        return {"turns": turns}


def _res(reply: str, rewrite: str | None, overall: int = 30) -> dict[str, Any]:
    coaching = {"strengths": [], "improve": "x", "rewrite": rewrite, "focus": "empathy"}
    return result(
        [
            ("customer", "Where is order 4451?", customer("angry")),
            ("agent", reply, agent(overall, traits(0.3), coaching=coaching)),
        ],
        id=f"c-{abs(hash(reply)) % 1000}",
    )


def test_coach_benchmark_counts_gains_misses_and_inventions() -> None:
    results = [
        _res("It ships soon.", "I'm sorry about the wait. I'll check it. It ships soon."),  # +60
        _res("Check the app.", "Please check the app."),  # +0
        _res("Refund done.", "I'm sorry, Jane: refund of $80 done on Friday."),  # +30, invents
        _res("Fine.", None),  # weak, no rewrite
        _res("Great reply.", "whatever", overall=90),  # not weak: ignored
    ]
    stats = rb.run(results, FakePipeline(), below=60, gain=10)  # type: ignore[arg-type]
    assert stats["weak_replies"] == 4
    assert stats["rewritten"] == 3
    assert stats["gained"] == 2
    assert stats["share_gained"] == 0.5
    assert stats["inventing"] == 1
    assert stats["lowered"] == 0


def test_coach_benchmark_new_items_ignores_facts_from_the_conversation() -> None:
    conv = "Where is order 4451? It was due Monday. I'm Jane."
    assert rb._new_items("Jane, order 4451 was due Monday.", conv) == []
    assert set(rb._new_items("I'm sorry, Tom. It costs $5 on Friday.", conv)) >= {
        "Tom",
        "5",
        "Friday",
    }


def test_coach_benchmark_counts_only_the_judged_turn_of_a_corpus_item() -> None:
    coaching = {"strengths": [], "improve": "x", "rewrite": "Please check the app.", "focus": None}
    res = result(
        [
            ("customer", "Where is order 4451?", customer("angry")),
            ("agent", "Check the app.", agent(30, traits(0.3), coaching=coaching)),
            ("customer", "Nothing there.", customer("angry")),
            ("agent", "Wait.", agent(30, traits(0.3), coaching=coaching)),
        ],
        id="w9-0001",
    )
    res["meta"] = {"judged_turn": 3}
    stats = rb.run([res], FakePipeline(), below=60, gain=10)  # type: ignore[arg-type]
    assert stats["weak_replies"] == 1


def test_coach_benchmark_splits_the_corpus_into_disjoint_train_and_test(tmp_path: Path) -> None:
    rows = [
        {"id": f"x-{i}", "context": [{"role": "customer", "text": "Hi?"}], "reply": "Hello."}
        for i in range(60)
    ]
    (tmp_path / "w.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    train = {c.id for c in rb._corpus_conversations(tmp_path, "train")}
    test = {c.id for c in rb._corpus_conversations(tmp_path, "test")}
    assert train and test and not train & test
    assert train | test == {r["id"] for r in rows}
    conv = next(rb._corpus_conversations(tmp_path, "test"))
    assert [t.role.value for t in conv.turns] == ["customer", "agent"]
    assert conv.meta["judged_turn"] == 1


def test_coach_benchmark_write_appends_a_paragraph_to_its_section(tmp_path: Path) -> None:
    md = tmp_path / "R.md"
    md.write_text("# R\n\n## Coaching rewrites\n\nOld.\n\n## Other\n\nKeep.\n", encoding="utf-8")
    rb._write_section(md, "New.\n")
    text = md.read_text(encoding="utf-8")
    assert text.index("Old.") < text.index("New.") < text.index("## Other")
    assert "Keep." in text


def test_coach_benchmark_new_items_reads_accented_words_whole() -> None:
    conv = "Guten Tag, meine Rechnung ist falsch."
    assert rb._new_items("Ich helfe gern. Mit freundlichen Grüßen", conv) == []
    assert rb._new_items("Ich helfe gern, Jürgen Öztürk.", conv) == ["Jürgen", "Öztürk"]
