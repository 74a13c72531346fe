"""The practice session, driven by scripted input with a fake pipeline at the seam."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from _practice_builders import FakePipeline, write_results
from _practice_builders import analysed_turn as T
from servicemind.coach.practice import PracticeSession, SelfCare, run_practice
from servicemind.coach.scenarios import Scenario, get_scenario, load_scenarios
from servicemind.conversation import Role
from servicemind.errors import ConfigError, ModelError
from servicemind.store.progress import ProgressStore

LIBRARY = load_scenarios()


class Script:
    """Feeds scripted lines to ``input_fn`` and records every prompt and output line."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        self.prompts: list[str] = []
        self.out: list[str] = []

    def input(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def print(self, text: str = "") -> None:
        self.out.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.out)


def _scenario(sid: str = "t1", difficulty: int = 1, tags: tuple[str, ...] = ()) -> Scenario:
    return Scenario.from_dict(
        {
            "id": sid,
            "title": f"Test {sid}",
            "difficulty": difficulty,
            "traits": ["empathy", "ownership", "enthusiasm"],
            "industry": "retail",
            "channel": "chat",
            "context": [
                {"role": "customer", "text": "My parcel is late."},
                {"role": "agent", "text": "Let me check."},
                {"role": "customer", "text": "Still nothing?"},
            ],
            "brief": "It is at the depot; you can rebook it for tomorrow.",
            "hints": ["Apologise once.", "Say what you'll do."],
            "tags": list(tags),
        }
    )


def _session(
    script: Script, store: ProgressStore | None = None, **kw: object
) -> tuple[PracticeSession, FakePipeline]:
    pipe = FakePipeline()
    session = PracticeSession(
        pipe,
        trainee="ana",
        store=store,
        input_fn=script.input,
        output_fn=script.print,
        **kw,  # type: ignore[arg-type]
    )
    return session, pipe


def test_practice_scores_a_reply_by_running_the_pipeline_on_context_plus_reply() -> None:
    script = Script([])
    session, pipe = _session(script, self_care=False)
    attempt = session.score(_scenario(), "I'm sorry. I'll rebook it for tomorrow.")
    conv = pipe.seen[0]
    assert [t.text for t in conv.turns[:3]] == [
        "My parcel is late.",
        "Let me check.",
        "Still nothing?",
    ]
    assert conv.turns[-1].role is Role.AGENT and conv.turns[-1].author == "ana"
    assert attempt.overall == 80
    assert attempt.traits["empathy"] == 0.9
    assert attempt.traits["enthusiasm"] is None  # not applicable
    assert attempt.coaching["improve"] == "Add a time."


def test_practice_session_shows_scores_coaching_and_allows_a_retry(tmp_path: Path) -> None:
    script = Script(["3", "4", "Checking.", "y", "I'm sorry, I'll rebook it now?", "n", "4", "2"])
    with ProgressStore(tmp_path / "p.sqlite") as store:
        session, _ = _session(script, store)
        summary = session.run([_scenario()])
        history = store.get_history("ana")
        checkins = store.get_checkins("ana")
    assert [a.overall for a in summary.attempts] == [30, 90]
    assert "Score: 30/100" in script.text
    assert "Score: 90/100  (+60 since your last try)  Strong reply." in script.text
    assert "Try this: Say what you will do next." in script.text
    assert "One way to say it: I'm sorry about this. I'll sort it today." in script.text
    assert "n/a (no opportunity" in script.text  # enthusiasm
    assert "Stress 4 -> 2, energy 3 -> 4." in script.text
    assert [(a.attempt_no, a.reply, a.overall) for a in history] == [
        (1, "Checking.", 30),
        (2, "I'm sorry, I'll rebook it now?", 90),
    ]
    assert all(a.session_id == summary.session_id for a in history)
    assert [(c.kind, c.energy, c.stress) for c in checkins] == [("before", 3, 4), ("after", 4, 2)]
    assert summary.before == (3, 4) and summary.after == (4, 2)


def test_practice_hint_skip_and_quit_commands() -> None:
    script = Script([":hint", ":hint", ":hint", ":skip", ":quit"])
    session, pipe = _session(script, self_care=False)
    summary = session.run([_scenario("a"), _scenario("b"), _scenario("c")])
    assert "Hint: Apologise once." in script.text
    assert "Hint: Say what you'll do." in script.text
    assert "No more hints for this one." in script.text
    assert summary.skipped == ["a"] and summary.quit_early
    assert summary.attempts == [] and pipe.seen == []
    assert "Test c" not in script.text


def test_practice_end_of_input_ends_the_session_cleanly(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        script = Script(["", ""])  # skip both check-in questions, then EOF at the reply
        session, _ = _session(script, store)
        summary = session.run([_scenario()])
    assert summary.quit_early and summary.before is None and summary.after is None


def test_practice_multi_line_reply_with_backslash() -> None:
    script = Script(["I'm sorry.\\", "I'll fix it.", "n"])
    session, pipe = _session(script, self_care=False)
    session.run([_scenario()])
    assert pipe.seen[0].turns[-1].text == "I'm sorry.\nI'll fix it."


def test_practice_stops_offering_retries_after_max_attempts() -> None:
    script = Script(["one", "y", "two"])
    session, _ = _session(script, self_care=False, max_attempts=2)
    summary = session.run([_scenario()])
    assert len(summary.attempts) == 2
    assert sum("Try again" in p for p in script.prompts) == 1


def test_practice_checkin_asks_again_on_bad_input_and_accepts_skip() -> None:
    script = Script(["9", "2", "", "n"])
    session, _ = _session(script)
    assert session.check_in("before") == (2, None)
    assert "Please type a number from 1 to 5" in script.text


def test_practice_suggests_a_reset_after_a_run_of_hostile_scenarios(tmp_path: Path) -> None:
    hostile = [_scenario(f"h{i}", tags=("hostile",)) for i in range(4)]
    replies = ["sorry", "n"] * 4
    with ProgressStore(tmp_path / "p.sqlite") as store:
        script = Script(["", "", *replies, "", ""])
        session, _ = _session(script, store, self_care=SelfCare(reset_after_hostile=3))
        summary = session.run(hostile)
        kinds = [c.kind for c in store.get_checkins("ana")]
    assert summary.resets_suggested == 1
    assert script.text.count("hostile contacts in a row") == 1
    assert kinds == ["reset"]
    # the reset comes after the third hostile scenario, before the fourth is shown
    text = script.text
    assert text.index("Test h2") < text.index("in a row") < text.index("Test h3")


def test_practice_hostile_run_is_broken_by_a_calm_or_skipped_scenario() -> None:
    seq = [
        _scenario("h1", tags=("hostile",)),
        _scenario("h2", tags=("abusive",)),
        _scenario("calm"),
        _scenario("h3", tags=("hostile",)),
        _scenario("h4", tags=("hostile",)),
        _scenario("h5", tags=("hostile",)),
    ]
    script = Script(
        ["On it.", "n", "On it.", "n", "On it.", "n", "On it.", "n", ":skip", "On it.", "n"]
    )
    session, _ = _session(script, self_care=SelfCare(checkins=False, reset_after_hostile=3))
    summary = session.run(seq)
    assert summary.resets_suggested == 0
    assert summary.skipped == ["h4"]


def test_practice_visualisation_before_hard_scenarios_is_stored_locally(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        script = Script(["I stay calm; it's not about me.", "On it.", "n", "On it.", "n"])
        session, _ = _session(script, store, self_care=SelfCare(checkins=False))
        session.run([_scenario("hard", difficulty=3), _scenario("easy", difficulty=1)])
        notes = [(c.kind, c.note) for c in store.get_checkins("ana")]
    assert notes == [("self_talk", "I stay calm; it's not about me.")]
    assert script.text.count("This one is hard") == 1


def test_practice_self_care_off_asks_nothing_extra(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        seq = [_scenario(f"h{i}", difficulty=3, tags=("hostile",)) for i in range(4)]
        script = Script(["On it.", "n"] * 4)
        session, _ = _session(script, store, self_care=False)
        summary = session.run(seq)
        assert store.get_checkins("ana") == []
    assert len(summary.attempts) == 4
    assert all(p.startswith(("Your reply", "Try again")) for p in script.prompts[:-1])
    assert "hard" not in script.text and "in a row" not in script.text


def test_practice_pipeline_without_agent_analysis_is_a_model_error() -> None:
    session = PracticeSession(FakePipeline(with_agent=False), trainee="ana", self_care=False)
    with pytest.raises(ModelError):
        session.score(_scenario(), "hello")


def test_practice_needs_a_trainee_name() -> None:
    with pytest.raises(ConfigError):
        PracticeSession(FakePipeline(), trainee="  ")


def test_practice_library_scenario_in_spanish_round_trips_through_the_session() -> None:
    sc = get_scenario(LIBRARY, "s06")
    script = Script(["Hola, lo siento. Te doy el PUK ahora?", "n"])
    session, pipe = _session(script, self_care=False)
    summary = session.run([sc])
    assert pipe.seen[0].meta["language"] == "es"
    assert summary.attempts[0].overall == 40  # no English apology cue, one question


def test_run_practice_library_session_prefers_unpractised_scenarios(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    first = Script(["On it.", "n", "On it.", "n"])
    s1 = run_practice(
        FakePipeline(),
        trainee="ana",
        db_path=db,
        count=2,
        self_care=False,
        input_fn=first.input,
        output_fn=first.print,
    )
    second = Script(["On it.", "n", "On it.", "n"])
    s2 = run_practice(
        FakePipeline(),
        trainee="ana",
        db_path=db,
        count=2,
        self_care=False,
        input_fn=second.input,
        output_fn=second.print,
    )
    ids1 = {a.scenario_id for a in s1.attempts}
    ids2 = {a.scenario_id for a in s2.attempts}
    assert len(ids1) == 2 and len(ids2) == 2 and not ids1 & ids2
    with ProgressStore(db) as store:
        assert store.get_practised("ana") == ids1 | ids2


def test_run_practice_filters_by_trait_difficulty_and_id(tmp_path: Path) -> None:
    script = Script(["On it.", "n"])
    s = run_practice(
        FakePipeline(),
        trainee="ana",
        db_path=tmp_path / "p.sqlite",
        traits=["resiliency"],
        difficulty=3,
        count=1,
        self_care=False,
        input_fn=script.input,
        output_fn=script.print,
    )
    sc = get_scenario(LIBRARY, s.attempts[0].scenario_id)
    assert sc.difficulty == 3 and "resiliency" in sc.traits
    script = Script(["On it.", "n"])
    s = run_practice(
        FakePipeline(),
        trainee="ana",
        db_path=tmp_path / "p.sqlite",
        scenario_ids=["s09"],
        self_care=False,
        input_fn=script.input,
        output_fn=script.print,
    )
    assert [a.scenario_id for a in s.attempts] == ["s09"]


@pytest.mark.parametrize("kwargs", [{"traits": ["charm"]}, {"difficulty": 5}, {"count": 0}])
def test_run_practice_rejects_bad_options(tmp_path: Path, kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        run_practice(FakePipeline(), trainee="ana", db_path=tmp_path / "p.sqlite", **kwargs)  # type: ignore[arg-type]


def test_run_practice_filter_matching_nothing_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(
        '{"id":"x","title":"x","difficulty":2,"traits":["empathy"],"industry":"r",'
        '"channel":"chat","context":[{"role":"customer","text":"hi"}],"brief":"b","hints":[]}\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="no scenario"):
        run_practice(
            FakePipeline(),
            trainee="ana",
            db_path=tmp_path / "p.sqlite",
            scenarios_path=path,
            difficulty=1,
        )


def test_run_practice_from_results_uses_masked_real_scenarios(tmp_path: Path) -> None:
    results = write_results(
        tmp_path / "r.jsonl",
        [
            {
                "turns": [
                    T("customer", "Hi, this is Grace Mensah, my bill doubled.", "Grace Mensah"),
                    T("agent", "Read the FAQ.", "Jonas Becker", overall=12),
                ]
            }
        ],
    )
    script = Script(["I'm sorry, Grace. I'll explain each charge?", "n"])
    pipe = FakePipeline()
    summary = run_practice(
        pipe,
        trainee="Jonas Becker",
        from_results=results,
        db_path=tmp_path / "p.sqlite",
        self_care=False,
        input_fn=script.input,
        output_fn=script.print,
    )
    assert summary.attempts[0].scenario_id.startswith("real-")
    assert "Grace" not in pipe.seen[0].turns[0].text
    assert "[NAME]" in script.text and "Mensah" not in script.text
    with ProgressStore(tmp_path / "p.sqlite") as store:
        assert store.get_history("Jonas Becker")[0].reply.startswith("I'm sorry")


def test_run_practice_from_results_with_no_weak_replies_says_so(tmp_path: Path) -> None:
    results = write_results(
        tmp_path / "r.jsonl",
        [{"turns": [T("customer", "Hi?", "x"), T("agent", "Hello!", "Sam Okafor", overall=95)]}],
    )
    script = Script([])
    summary = run_practice(
        FakePipeline(),
        trainee="Sam Okafor",
        from_results=results,
        db_path=tmp_path / "p.sqlite",
        input_fn=script.input,
        output_fn=script.print,
    )
    assert summary.attempts == [] and "No weak replies" in script.text


def test_practice_shows_the_previous_best_and_hints_left(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        first = Script(["Checking.", "n"])
        _session(first, store, self_care=False)[0].run([_scenario()])
        assert "best so far" not in first.text
        assert first.prompts[0].startswith("Your reply (:hint (2 left)")
        second = Script([":hint", "On it.", "n"])
        _session(second, store, self_care=False)[0].run([_scenario()])
    assert "Your best so far on this one: 30/100." in second.text
    assert second.prompts[1].startswith("Your reply (:hint (1 left)")


def test_run_practice_from_results_keeps_weakest_first(tmp_path: Path) -> None:
    convs = [
        {
            "turns": [
                T("customer", f"Question {score}?", "c"),
                T("agent", "Meh.", "Jonas Becker", overall=score),
            ],
            "meta": {"industry": "retail"},
        }
        for score in (50, 10, 30)
    ]
    results = write_results(tmp_path / "r.jsonl", convs)
    script = Script(["On it.", "n", "On it.", "n", "On it.", "n"])
    pipe = FakePipeline()
    run_practice(
        pipe,
        trainee="Jonas Becker",
        from_results=results,
        db_path=tmp_path / "p.sqlite",
        self_care=False,
        input_fn=script.input,
        output_fn=script.print,
    )
    assert [c.turns[0].text for c in pipe.seen] == ["Question 10?", "Question 30?", "Question 50?"]


def test_practice_quit_mid_scenario_keeps_the_scored_attempts() -> None:
    script = Script(["I'm sorry.", "y", ":quit"])
    session, _ = _session(script, self_care=False)
    summary = session.run([_scenario("a"), _scenario("b")])
    assert [a.scenario_id for a in summary.attempts] == ["a"]
    assert summary.quit_early and summary.skipped == []


def test_practice_ctrl_c_ends_the_session_without_the_closing_checkin(tmp_path: Path) -> None:
    class Interrupting(Script):
        def input(self, prompt: str) -> str:
            if prompt.startswith("Your reply") and len(self.prompts) >= 3:
                raise KeyboardInterrupt
            return super().input(prompt)

    with ProgressStore(tmp_path / "p.sqlite") as store:
        script = Interrupting(["3", "3", "first", "y", "never read"])
        session, _ = _session(script, store)
        summary = session.run([_scenario()])
        kinds = [c.kind for c in store.get_checkins("ana")]
        assert len(store.get_history("ana")) == 1
    assert summary.quit_early and summary.after is None
    assert kinds == ["before"]
    assert "Session done: 1 reply over 1 scenario." in script.text


def test_practice_with_the_default_pipeline_ranks_a_caring_fix_above_a_brush_off() -> None:
    """Integration: runs once the analysers are merged; skipped on a branch without them."""
    from servicemind.analyse.pipeline import Pipeline
    from servicemind.errors import ServicemindError

    sc = get_scenario(LIBRARY, "s12")
    try:
        session = PracticeSession(Pipeline(), trainee="ana", self_care=False)
        bad = session.score(sc, "Not our department, contact the courier.")
        good = session.score(
            sc,
            "I'm sorry about the mix-up! I'll send the blue kettle today with next-day "
            "delivery, and a prepaid label for the toaster, so there's no need to wait for "
            "the return.",
        )
    except (ImportError, ServicemindError) as exc:  # analysers or artefacts not on this branch
        pytest.skip(f"default pipeline unavailable here: {exc}")
    assert bad.overall is not None and good.overall is not None
    assert good.overall >= bad.overall + 10


def test_practice_quit_at_the_self_talk_prompt_ends_the_session_and_is_not_saved(
    tmp_path: Path,
) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        script = Script([":quit", "4"])
        session, pipe = _session(script, store, self_care=SelfCare(checkins=False))
        summary = session.run([_scenario("hard", difficulty=3)])
        assert store.get_checkins("ana") == []
        assert store.get_history("ana") == []
    assert summary.quit_early and summary.attempts == [] and pipe.seen == []
    assert script.lines == ["4"]  # the next line was never read as a reply


def test_practice_skip_works_at_self_talk_checkin_and_try_again_prompts(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "p.sqlite") as store:
        script = Script([":SKIP ", ":skip", "First try.", ":skip", "Second one.", "n", ":skip"])
        session, _ = _session(script, store)
        summary = session.run([_scenario("hard", difficulty=3), _scenario("a"), _scenario("b")])
        assert store.get_checkins("ana") == []  # both check-ins skipped, no self-talk
    assert summary.skipped == ["hard"]
    assert [a.scenario_id for a in summary.attempts] == ["a", "b"]
    assert not summary.quit_early and summary.before is None and summary.after is None


def test_practice_quit_at_a_checkin_or_try_again_prompt_ends_the_session() -> None:
    script = Script([":quit", "never read"])
    session, _ = _session(script)
    summary = session.run([_scenario()])
    assert summary.quit_early and summary.before is None and script.lines == ["never read"]
    script = Script(["My reply.", " :Quit", "never read"])
    session, _ = _session(script, self_care=False)
    summary = session.run([_scenario("a"), _scenario("b")])
    assert summary.quit_early and [a.scenario_id for a in summary.attempts] == ["a"]
    assert script.lines == ["never read"]


def test_practice_a_reply_of_one_or_two_characters_is_confirmed_before_scoring() -> None:
    script = Script(["4", "n", "ok", "y", "n"])
    session, pipe = _session(script, self_care=False)
    summary = session.run([_scenario()])
    assert [a.reply for a in summary.attempts] == ["ok"]
    assert len(pipe.seen) == 1
    confirm = [p for p in script.prompts if "Did you mean to send this?" in p]
    assert len(confirm) == 2 and "“4”" in confirm[0]
    assert "Not sent." in script.text


def test_practice_quitting_at_once_counts_the_scenario_shown() -> None:
    script = Script([":quit"])
    session, _ = _session(script, self_care=False)
    summary = session.run([_scenario("a"), _scenario("b")])
    assert summary.shown == ["a"] and summary.attempts == []
    assert "Session done: 0 replies over 1 scenario shown, 0 practised." in script.text
