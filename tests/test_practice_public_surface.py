"""The public surface of the practice rooms: what the CLI and users may import."""

from __future__ import annotations

import importlib

import pytest

SURFACE = {
    "servicemind.coach.practice": {
        "Attempt",
        "InputFn",
        "OutputFn",
        "PipelineLike",
        "PracticeSession",
        "SelfCare",
        "SessionSummary",
        "run_practice",
    },
    "servicemind.coach.scenarios": {
        "ASKER_ROLES",
        "ContextTurn",
        "Scenario",
        "get_scenario",
        "iter_scenario_records",
        "load_scenarios",
        "scenarios_from_results",
        "select_scenarios",
    },
    "servicemind.coach.redact": {"MASKS", "RedactedSpan", "find_names", "find_spans", "redact"},
    "servicemind.store.progress": {
        "CHECKIN_KINDS",
        "DEFAULT_DB_ENV",
        "AttemptRow",
        "CheckinRow",
        "ProgressStore",
        "default_db_path",
    },
}


@pytest.mark.parametrize("module", sorted(SURFACE))
def test_practice_public_surface_is_exactly_all(module: str) -> None:
    mod = importlib.import_module(module)
    assert set(mod.__all__) == SURFACE[module]
    for name in mod.__all__:
        assert hasattr(mod, name), name
        assert not name.startswith("_")
