"""Interactive practice: a scenario is shown, the trainee replies, the reply is scored and
coached, and the trainee may try again.

Everything that talks to a person goes through two injected callables, ``input_fn``
(prompt -> line) and ``output_fn`` (text -> None), so the CLI passes ``input`` and
``print`` and tests pass scripted fakes. Scoring goes through an injected pipeline: any
object with ``analyze_one(conversation) -> dict`` in the output contract
(:class:`servicemind.analyse.pipeline.Pipeline`, or a small fake in tests).

Self-awareness (all optional, all stored only in the local progress file, switched off
with ``self_care=False``):

* a check-in before and after the session: energy and stress, 1..5;
* after ``reset_after_hostile`` hostile scenarios in a row, a short reset suggestion;
* before a difficulty-3 scenario, a visualisation and self-talk prompt.

At the reply prompt, ``:hint`` shows the next hint, ``:skip`` moves on and ``:quit`` ends
the session; a line ending in ``\\`` continues on the next line. ``:quit`` and ``:skip``
work at every prompt, never read as an answer: ``:quit`` ends the session, ``:skip`` moves
on to the next scenario (at a check-in it skips the check-in). A reply of one or two
characters ("4", "ok") is sent only after "did you mean to send this?" is answered yes.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from servicemind.analyse.base import TRAITS
from servicemind.coach.scenarios import (
    Scenario,
    get_scenario,
    load_scenarios,
    scenarios_from_results,
    select_scenarios,
)
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError, ModelError
from servicemind.store.progress import ProgressStore

__all__ = [
    "Attempt",
    "InputFn",
    "OutputFn",
    "PipelineLike",
    "PracticeSession",
    "SelfCare",
    "SessionSummary",
    "run_practice",
]

InputFn = Callable[[str], str]
OutputFn = Callable[[str], None]

#: Overall score from which a reply is called strong (the contract's 0..100 scale; 75 is
#: the upper band the report colours green).
STRONG_REPLY = 75.0
#: Attempts per scenario before the session moves on.
DEFAULT_MAX_ATTEMPTS = 3
#: Hostile scenarios in a row before a reset is suggested (3: a short run is already
#: draining; the coaching issue asks for "a run of hostile contacts").
DEFAULT_RESET_AFTER_HOSTILE = 3
_BAR = 10
_COMMANDS = {":hint", ":skip", ":quit"}
#: Replies this short (stripped) are confirmed before they are scored: a stray key
#: ("4") typed at the wrong prompt should not be scored and rewritten.
_CONFIRM_UP_TO = 2


class PipelineLike(Protocol):
    """What practice needs from a pipeline."""

    def analyze_one(self, conversation: Conversation) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class SelfCare:
    """Which self-awareness prompts run. ``SelfCare.off()`` switches all of them off."""

    checkins: bool = True
    reset_after_hostile: int | None = DEFAULT_RESET_AFTER_HOSTILE
    visualise_hard: bool = True

    @classmethod
    def off(cls) -> SelfCare:
        return cls(checkins=False, reset_after_hostile=None, visualise_hard=False)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One scored reply."""

    scenario_id: str
    attempt_no: int
    reply: str
    overall: float | None
    traits: dict[str, float | None]
    coaching: dict[str, Any]


@dataclass
class SessionSummary:
    trainee: str
    session_id: int | None = None
    attempts: list[Attempt] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: Scenarios shown to the trainee (a quit can come before any reply).
    shown: list[str] = field(default_factory=list)
    quit_early: bool = False
    before: tuple[int | None, int | None] | None = None
    after: tuple[int | None, int | None] | None = None
    resets_suggested: int = 0

    @property
    def best(self) -> dict[str, float]:
        """The best overall per practised scenario."""
        out: dict[str, float] = {}
        for a in self.attempts:
            if a.overall is not None:
                out[a.scenario_id] = max(out.get(a.scenario_id, a.overall), a.overall)
        return out


class _Quit(Exception):
    """The trainee ended the session (``:quit`` or end of input)."""


class _Skip(Exception):
    """The trainee typed ``:skip``: move on (at a check-in, skip the check-in)."""


class PracticeSession:
    """One trainee's practice run over a sequence of scenarios.

    Parameters
    ----------
    pipeline:
        Scores replies (``analyze_one``).
    trainee:
        Name the progress is saved under.
    store:
        Where attempts and check-ins go; ``None`` saves nothing.
    input_fn, output_fn:
        The conversation with the trainee (``input`` and ``print`` in the CLI).
    self_care:
        ``True`` (defaults), ``False`` (all off) or a :class:`SelfCare`.
    max_attempts:
        Tries per scenario.
    """

    def __init__(
        self,
        pipeline: PipelineLike,
        *,
        trainee: str,
        store: ProgressStore | None = None,
        input_fn: InputFn = builtins.input,
        output_fn: OutputFn = builtins.print,
        self_care: SelfCare | bool = True,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    ) -> None:
        if not trainee.strip():
            raise ConfigError(
                "a trainee name is needed to save progress", hint="pass --trainee NAME"
            )
        if max_attempts < 1:
            raise ConfigError(f"max_attempts must be at least 1, got {max_attempts}")
        self.pipeline = pipeline
        self.trainee = trainee.strip()
        self.store = store
        self.input_fn = input_fn
        self.output_fn = output_fn
        if isinstance(self_care, bool):
            self_care = SelfCare() if self_care else SelfCare.off()
        self.self_care = self_care
        self.max_attempts = max_attempts
        self._hostile_run = 0
        self._session_id: int | None = None

    # -- scoring (no I/O) -------------------------------------------------------------------
    def score(self, scenario: Scenario, reply: str, attempt_no: int = 1) -> Attempt:
        """Score ``reply`` to ``scenario`` with the pipeline."""
        out = self.pipeline.analyze_one(scenario.to_conversation(reply, trainee=self.trainee))
        turns = out.get("turns") if isinstance(out, Mapping) else None
        last = turns[-1] if isinstance(turns, list) and turns else None
        agent = last.get("agent") if isinstance(last, Mapping) else None
        if not isinstance(agent, Mapping):
            raise ModelError(
                "the pipeline returned no agent analysis for the practice reply",
                hint="practice needs the 'traits' and 'scorecard' components",
            )
        overall = agent.get("overall")
        traits: dict[str, float | None] = {}
        raw_traits = agent.get("traits")
        if isinstance(raw_traits, Mapping):
            for name in TRAITS:
                t = raw_traits.get(name)
                if isinstance(t, Mapping):
                    s = t.get("score")
                    ok = isinstance(s, int | float) and not isinstance(s, bool)
                    usable = ok and t.get("applicable") is not False
                    traits[name] = float(s) if usable and s is not None else None
        coaching = agent.get("coaching")
        return Attempt(
            scenario_id=scenario.id,
            attempt_no=attempt_no,
            reply=reply,
            overall=float(overall) if isinstance(overall, int | float) else None,
            traits=traits,
            coaching=dict(coaching) if isinstance(coaching, Mapping) else {},
        )

    # -- I/O helpers ---------------------------------------------------------------------------
    def _say(self, text: str = "") -> None:
        self.output_fn(text)

    def _ask(self, prompt: str) -> str:
        """One line from the trainee; ``:quit`` and ``:skip`` (any case, any spaces around)
        raise instead of being returned, so no prompt takes them as an answer."""
        try:
            line = self.input_fn(prompt)
        except EOFError:
            raise _Quit from None
        command = line.strip().lower()
        if command == ":quit":
            raise _Quit
        if command == ":skip":
            raise _Skip
        return line

    def _ask_reply(self, hints_left: int) -> str:
        hint = f":hint ({hints_left} left), " if hints_left else ""
        lines = [self._ask(f"Your reply ({hint}:skip, :quit) > ")]
        while lines[-1].endswith("\\"):
            lines[-1] = lines[-1][:-1]
            lines.append(self._ask("... > "))
        return "\n".join(lines).strip()

    def _meant(self, reply: str) -> bool:
        """A reply of one or two characters is confirmed before it is scored."""
        if len(reply) > _CONFIRM_UP_TO:
            return True
        return self._yes(f"Your reply is only “{reply}”. Did you mean to send this? [y/N] > ")

    def _ask_level(self, what: str) -> int | None:
        for _ in range(2):
            raw = self._ask(f"{what}, 1 (low) to 5 (high), Enter to skip > ").strip()
            if not raw:
                return None
            if raw.isdigit() and 1 <= int(raw) <= 5:
                return int(raw)
            self._say("Please type a number from 1 to 5, or just press Enter.")
        return None

    def _yes(self, prompt: str) -> bool:
        return self._ask(prompt).strip().lower() in {"y", "yes", "j", "s", "si", "sí"}

    # -- self-awareness ------------------------------------------------------------------------
    def check_in(self, kind: str) -> tuple[int | None, int | None] | None:
        """Ask energy and stress; saved as a ``before``/``after`` check-in. ``None`` when off
        or skipped."""
        if not self.self_care.checkins:
            return None
        self._say(
            "Quick check-in (stays on this computer)." if kind == "before" else "Before you go:"
        )
        try:
            energy = self._ask_level("Energy")
            stress = self._ask_level("Stress")
        except _Skip:
            return None
        if energy is None and stress is None:
            return None
        if self.store is not None:
            self.store.add_checkin(
                trainee=self.trainee,
                kind=kind,
                energy=energy,
                stress=stress,
                session_id=self._session_id,
            )
        return energy, stress

    def _after_scenario(self, scenario: Scenario, practised: bool) -> bool:
        """Count practised hostile scenarios in a row (a skipped one changes nothing);
        return True when a reset was suggested."""
        limit = self.self_care.reset_after_hostile
        if not practised:
            return False
        self._hostile_run = self._hostile_run + 1 if scenario.is_hostile else 0
        if limit is None or self._hostile_run < limit:
            return False
        self._hostile_run = 0
        self._say(
            f"That was {limit} hostile contacts in a row. Take a short reset before the next "
            "one: stand up, breathe out slowly three times, and remind yourself the anger "
            "was about the situation, not about you."
        )
        if self.store is not None:
            self.store.add_checkin(trainee=self.trainee, kind="reset", session_id=self._session_id)
        return True

    def _visualise(self, scenario: Scenario) -> None:
        if not self.self_care.visualise_hard or scenario.difficulty < 3:
            return
        self._say(
            "This one is hard. Before you read it, picture the person on the other side on "
            "a bad day, and picture yourself calm and steady, helping anyway."
        )
        note = self._ask(
            "One sentence you'll tell yourself (Enter to go on, :skip, :quit) > "
        ).strip()
        if note and self.store is not None:
            self.store.add_checkin(
                trainee=self.trainee, kind="self_talk", note=note, session_id=self._session_id
            )

    # -- showing ---------------------------------------------------------------------------------
    def _show_scenario(self, scenario: Scenario) -> None:
        dots = "●" * scenario.difficulty + "○" * (3 - scenario.difficulty)
        self._say("")
        self._say(f"=== {scenario.title}  [{scenario.id}, difficulty {dots}]")
        self._say(
            f"{scenario.industry} · {scenario.channel} · trains: {', '.join(scenario.traits)}"
        )
        self._say(f"What you know: {scenario.brief}")
        if self.store is not None:
            best = self.store.get_best(self.trainee, scenario.id)
            if best is not None:
                self._say(f"Your best so far on this one: {best:.0f}/100.")
        self._say("")
        for t in scenario.context:
            who = "You (earlier)" if t.role in ("agent", "bot") else t.role.capitalize()
            self._say(f"{who}: {t.text}")
        self._say("")

    def _show_feedback(
        self, scenario: Scenario, attempt: Attempt, previous: Attempt | None
    ) -> None:
        if attempt.overall is None:
            self._say("Score: not available for this reply.")
        else:
            line = f"Score: {attempt.overall:.0f}/100"
            if previous is not None and previous.overall is not None:
                delta = attempt.overall - previous.overall
                line += f"  ({delta:+.0f} since your last try)"
            if attempt.overall >= STRONG_REPLY:
                line += "  Strong reply."
            self._say(line)
        self._say("Traits this scenario trains:")
        for name in scenario.traits:
            self._say("  " + _trait_line(name, attempt.traits.get(name)))
        others = sorted(
            (
                (s, n)
                for n, s in attempt.traits.items()
                if s is not None and n not in scenario.traits
            )
        )
        if others:
            s, n = others[0]
            self._say(f"Weakest other trait: {n} {s:.2f}")
        strengths = attempt.coaching.get("strengths")
        if isinstance(strengths, list) and strengths:
            self._say("Well done: " + " ".join(str(s) for s in strengths))
        improve = attempt.coaching.get("improve")
        if isinstance(improve, str) and improve:
            self._say(f"Try this: {improve}")
        rewrite = attempt.coaching.get("rewrite")
        if isinstance(rewrite, str) and rewrite and rewrite != attempt.reply:
            self._say(f"One way to say it: {rewrite}")

    # -- the loop ----------------------------------------------------------------------------------
    def practise(
        self,
        scenario: Scenario,
        sink: list[Attempt] | None = None,
        shown: list[str] | None = None,
    ) -> list[Attempt]:
        """Run one scenario: show it, take replies until the trainee stops or runs out of
        attempts. Each scored attempt is also appended to ``sink`` as it happens, so a
        session that ends mid-scenario keeps it; ``shown`` gets the scenario's id once it
        is shown. ``:skip`` at any of its prompts moves on. Raises ``_Quit`` (internal) on
        quit."""
        attempts: list[Attempt] = []
        try:
            self._visualise(scenario)
            self._show_scenario(scenario)
            if shown is not None:
                shown.append(scenario.id)
            self._replies(scenario, attempts, sink)
        except _Skip:
            pass
        return attempts

    def _replies(
        self, scenario: Scenario, attempts: list[Attempt], sink: list[Attempt] | None
    ) -> None:
        hints = list(scenario.hints)
        while len(attempts) < self.max_attempts:
            reply = self._ask_reply(len(hints))
            if reply == ":hint":
                self._say(f"Hint: {hints.pop(0)}" if hints else "No more hints for this one.")
                continue
            if not reply:
                self._say("Type a reply, or :skip to move on.")
                continue
            if not self._meant(reply):
                self._say("Not sent. Type your reply, or :skip to move on.")
                continue
            attempt = self.score(scenario, reply, attempt_no=len(attempts) + 1)
            self._show_feedback(scenario, attempt, attempts[-1] if attempts else None)
            attempts.append(attempt)
            if sink is not None:
                sink.append(attempt)
            if self.store is not None:
                self.store.add_attempt(
                    trainee=self.trainee,
                    scenario_id=scenario.id,
                    scenario_source=scenario.source,
                    attempt_no=attempt.attempt_no,
                    reply=reply,
                    overall=attempt.overall,
                    traits=attempt.traits,
                    coaching=attempt.coaching,
                    session_id=self._session_id,
                )
            if len(attempts) < self.max_attempts and not self._yes("Try again? [y/N] > "):
                break

    def run(self, scenarios: Sequence[Scenario]) -> SessionSummary:
        """The whole session: check-in, every scenario in order, check-in, summary.

        ``:quit``, the end of input or Ctrl-C end it early; what was scored is kept (and
        already saved), and Ctrl-C (or a quit before any scenario was shown) skips the
        closing check-in.
        """
        summary = SessionSummary(trainee=self.trainee)
        if self.store is not None:
            self._session_id = self.store.start_session(self.trainee)
            summary.session_id = self._session_id
        interrupted = False
        try:
            summary.before = self.check_in("before")
            for i, scenario in enumerate(scenarios):
                attempts = self.practise(scenario, sink=summary.attempts, shown=summary.shown)
                if not attempts:
                    summary.skipped.append(scenario.id)
                if i < len(scenarios) - 1 and self._after_scenario(scenario, bool(attempts)):
                    summary.resets_suggested += 1
        except _Quit:
            summary.quit_early = True
        except KeyboardInterrupt:
            summary.quit_early = interrupted = True
            self._say("")
        try:
            if not interrupted and summary.shown:  # no closing check-in before any scenario
                summary.after = self.check_in("after")
        except (_Quit, KeyboardInterrupt):
            summary.after = None
        finally:
            if self.store is not None and self._session_id is not None:
                self.store.end_session(self._session_id)
        self._show_summary(summary)
        return summary

    def _show_summary(self, summary: SessionSummary) -> None:
        self._say("")
        best = summary.best
        replies = _plural(len(summary.attempts), "reply", "replies")
        practised = len({a.scenario_id for a in summary.attempts})
        shown = len(summary.shown)
        if shown > practised:  # quit or skipped before replying: say what was shown
            over = f"{_plural(shown, 'scenario', 'scenarios')} shown, {practised} practised"
        else:
            over = _plural(practised, "scenario", "scenarios")
        self._say(
            f"Session done: {replies} over {over}"
            + (f", {len(summary.skipped)} skipped." if summary.skipped else ".")
        )
        for sid, score in best.items():
            self._say(f"  {sid}: best {score:.0f}/100")
        if summary.before and summary.after:
            (e0, s0), (e1, s1) = summary.before, summary.after
            if s0 is not None and s1 is not None:
                self._say(f"Stress {s0} -> {s1}, energy {e0} -> {e1}.")


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _trait_line(name: str, score: float | None) -> str:
    if score is None:
        return f"{name:<15} n/a (no opportunity in this reply)"
    filled = round(score * _BAR)
    return f"{name:<15} {score:.2f}  {'█' * filled}{'░' * (_BAR - filled)}"


def run_practice(
    pipeline: PipelineLike,
    *,
    trainee: str,
    from_results: str | Path | None = None,
    agent: str | None = None,
    scenarios_path: str | Path | None = None,
    scenario_ids: Sequence[str] = (),
    traits: Sequence[str] = (),
    difficulty: int | None = None,
    count: int = 5,
    db_path: str | Path | None = None,
    self_care: SelfCare | bool = True,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    input_fn: InputFn = builtins.input,
    output_fn: OutputFn = builtins.print,
) -> SessionSummary:
    """Everything ``servicemind practice`` does, for the CLI to call.

    Scenarios come from ``from_results`` (the weakest real replies of ``agent``, default
    ``trainee``, personal data masked) or from the library (``scenarios_path`` or the one
    shipped), filtered by ``scenario_ids``, ``traits`` and ``difficulty``; scenarios the
    trainee has not practised yet come first; at most ``count``. Progress goes to
    ``db_path`` (default ``~/.servicemind/practice.sqlite``).
    """
    unknown = [t for t in traits if t not in TRAITS]
    if unknown:
        raise ConfigError(f"unknown traits {unknown}", hint=f"choose from {', '.join(TRAITS)}")
    if difficulty is not None and difficulty not in (1, 2, 3):
        raise ConfigError(f"difficulty must be 1, 2 or 3, got {difficulty}")
    if count < 1:
        raise ConfigError(f"count must be at least 1, got {count}")
    with ProgressStore(db_path) as store:
        if from_results is not None:
            pool = scenarios_from_results(from_results, agent or trainee, limit=count)
            if not pool:
                output_fn("No weak replies found for that agent: nothing to practise. Well done!")
                return SessionSummary(trainee=trainee)
        else:
            pool = load_scenarios(scenarios_path)
        if scenario_ids:
            chosen = [get_scenario(pool, sid) for sid in scenario_ids]
        elif from_results is not None:
            # weakest first, as scenarios_from_results ordered them
            keep = {
                s.id for s in select_scenarios(pool, traits=traits or None, difficulty=difficulty)
            }
            chosen = [s for s in pool if s.id in keep][:count]
        else:
            chosen = select_scenarios(
                pool,
                traits=traits or None,
                difficulty=difficulty,
                practised=store.get_practised(trainee),
                count=count,
            )
        if not chosen:
            raise ConfigError(
                "no scenario matches those filters", hint="relax --trait or --difficulty"
            )
        session = PracticeSession(
            pipeline,
            trainee=trainee,
            store=store,
            input_fn=input_fn,
            output_fn=output_fn,
            self_care=self_care,
            max_attempts=max_attempts,
        )
        return session.run(chosen)
