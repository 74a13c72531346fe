"""Scenarios built from an agent's weakest real replies, with personal data masked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from _practice_builders import analysed_turn as T
from _practice_builders import write_results
from servicemind.coach.scenarios import scenarios_from_results
from servicemind.conversation import Side
from servicemind.errors import InputError, RecordError


def _conv(cid: str, agent: str, overall: float, **kw: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "turns": [
            T("customer", "Hi, where is my parcel?", "Helen Brooks"),
            T("agent", "Checking now.", agent, overall=overall + 20),
            T("customer", "It's been a week. Call me on 07700 900123.", "Helen Brooks", **kw),
            T("agent", "Not our problem.", agent, overall=overall, traits={"empathy": 0.1}),
        ],
    }


@pytest.fixture
def results(tmp_path: Path) -> Path:
    return write_results(
        tmp_path / "results.jsonl",
        [
            _conv("c-mid", "Jonas Becker", 45),
            _conv("c-worst", "Jonas Becker", 20, emotion="angry"),
            _conv("c-good", "Jonas Becker", 80),
            _conv("c-other", "Maya Torres", 10),
            _conv("c-low", "Jonas Becker", 30, hostile=0.9),
        ],
    )


def test_scenarios_from_results_picks_the_agents_weakest_conversations_first(
    results: Path,
) -> None:
    got = scenarios_from_results(results, "jonas becker", limit=2)
    assert [s.meta["original_overall"] for s in got] == [20, 30]
    assert all(s.source == "results" and s.id.startswith("real-") for s in got)
    everything = scenarios_from_results(results, "Jonas Becker", limit=10)
    # 80 is not a weak spot; Maya's 10 belongs to another agent
    assert [s.meta["original_overall"] for s in everything] == [20, 30, 45]


def test_scenarios_from_results_context_stops_at_the_message_the_weak_reply_answered(
    results: Path,
) -> None:
    sc = scenarios_from_results(results, "Jonas Becker", limit=1)[0]
    assert [t.role for t in sc.context] == ["customer", "agent", "customer"]
    assert all("Not our problem" not in t.text for t in sc.context)
    conv = sc.to_conversation("I'm sorry, I'll call the depot now.")
    assert conv.get_sides()[-1] is Side.AGENT


def test_scenarios_from_results_masks_personal_data(results: Path) -> None:
    sc = scenarios_from_results(results, "Jonas Becker", limit=1)[0]
    text = " ".join(t.text for t in sc.context) + sc.brief
    assert "07700" not in text and "[PHONE]" in text
    assert "Helen" not in text and "Jonas" not in text


def test_scenarios_from_results_trains_the_weakest_applicable_traits(results: Path) -> None:
    sc = scenarios_from_results(results, "Jonas Becker", limit=1)[0]
    assert sc.traits[0] == "empathy"
    assert len(sc.traits) == 3
    assert sc.hints[0] == "Name the feeling first."


def test_scenarios_from_results_difficulty_follows_the_customer(results: Path) -> None:
    by_score = {
        s.meta["original_overall"]: s
        for s in scenarios_from_results(results, "Jonas Becker", limit=5)
    }
    assert by_score[20].difficulty == 3 and "angry" in by_score[20].tags
    assert by_score[30].difficulty == 3 and by_score[30].is_hostile
    assert by_score[45].difficulty == 1 and not by_score[45].is_hostile


def test_scenarios_from_results_masks_greeted_names_and_emails_from_the_whole_thread(
    tmp_path: Path,
) -> None:
    path = write_results(
        tmp_path / "r.jsonl",
        [
            {
                "turns": [
                    T("customer", "My email is ana.ruiz@example.com, order #99812.", "ana_r"),
                    T("agent", "Hi Ana, thanks. Looking.", "Priya Nair", overall=70),
                    T("system", "Ticket reassigned.", None),
                    T("customer", "Ana here again, still nothing.", "ana_r"),
                    T("agent", "Wait please.", "Priya Nair", overall=15),
                ]
            }
        ],
    )
    sc = scenarios_from_results(path, "Priya Nair")[0]
    texts = [t.text for t in sc.context]
    assert texts == [
        "My email is [EMAIL], order [ORDER].",
        "Hi [NAME], thanks. Looking.",
        "[NAME] here again, still nothing.",
    ]


def test_scenarios_from_results_unknown_agent_is_an_input_error(results: Path) -> None:
    with pytest.raises(InputError, match="no analysed replies"):
        scenarios_from_results(results, "Nobody")


def test_scenarios_from_results_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"turns": [], "summary": {}, "servicemind": {}}\n{oops\n', encoding="utf-8")
    with pytest.raises(RecordError) as exc:
        scenarios_from_results(path, "x")
    assert exc.value.line == 2
    path.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(RecordError) as exc:
        scenarios_from_results(path, "x")
    assert exc.value.field == "turns"
    # an input file (turns, no analysis) is named as such
    path.write_text('{"id": "1", "turns": []}\n', encoding="utf-8")
    with pytest.raises(RecordError, match="not analyse output") as exc:
        scenarios_from_results(path, "x")
    assert exc.value.field == "summary"


def test_scenarios_from_results_reply_without_a_question_before_it_is_skipped(
    tmp_path: Path,
) -> None:
    path = write_results(
        tmp_path / "r.jsonl",
        [{"turns": [T("agent", "Hello! Proactive notice.", "Sam Okafor", overall=10)]}],
    )
    assert scenarios_from_results(path, "Sam Okafor") == []


def test_scenarios_from_results_language_comes_from_the_askers_turn(tmp_path: Path) -> None:
    asker = T("customer", "Hola, ¿dónde está mi pedido?", "x")
    asker["meta"] = {"lang": "es"}
    path = write_results(
        tmp_path / "r.jsonl",
        [{"turns": [asker, T("agent", "Check the app.", "Jonas Becker", overall=20)]}],
    )
    assert scenarios_from_results(path, "Jonas Becker")[0].language == "es"


def test_scenarios_from_results_hint_drops_the_sentence_about_the_old_reply(
    tmp_path: Path,
) -> None:
    # the coaching said "Nothing in this reply did it." of the old reply: as a hint for
    # the reply the trainee is about to write it reads oddly, so only the advice stays
    conv = _conv("c-1", "Jonas Becker", 20)
    conv["turns"][-1] = T(
        "agent",
        "Not our problem.",
        "Jonas Becker",
        overall=20,
        traits={"empathy": 0.1},
        improve="Name the feeling first. Nothing in this reply did it.",
    )
    sc = scenarios_from_results(
        write_results(tmp_path / "r.jsonl", [conv]), "Jonas Becker", limit=1
    )[0]
    assert sc.hints[0] == "Name the feeling first."
    assert not any("Nothing in this reply" in h for h in sc.hints)
