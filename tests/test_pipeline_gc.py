"""The pipeline pauses the cyclic garbage collector for a batch and restores it after."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from servicemind.analyse.base import Doc
from servicemind.analyse.pipeline import Pipeline
from servicemind.conversation import Conversation


def _doc() -> Doc:
    return Doc(Conversation.from_turns([{"role": "customer", "text": "Where is my order?"}]))


@pytest.mark.parametrize("enabled", [True, False])
def test_pipeline_gc_state_is_restored_after_a_batch(enabled: bool) -> None:
    pipe = Pipeline(("emotion",))
    seen: list[bool] = []

    class Spy:
        name, version, requires, assigns = "spy", "1", (), ()

        def annotate(self, docs: object) -> None:
            seen.append(gc.isenabled())

    pipe.analysers_.append(Spy())  # type: ignore[arg-type]
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        pipe.annotate([_doc()])
        assert seen == [False]  # paused while the analysers run
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_pipeline_gc_is_restored_when_an_analyser_fails() -> None:
    pipe = Pipeline(("emotion",))

    class Boom:
        name, version, requires, assigns = "boom", "1", (), ()

        def annotate(self, docs: object) -> None:
            raise RuntimeError("boom")

    pipe.analysers_.append(Boom())  # type: ignore[arg-type]
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        pipe.annotate([_doc()])
    assert gc.isenabled()


@pytest.mark.parametrize("enabled", [True, False])
def test_traits_analyser_pauses_gc_for_its_batch_and_restores_it(
    enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from servicemind.analyse.traits._analyser import SCORERS, TraitsAnalyser

    seen: list[bool] = []
    real = SCORERS["empathy"]

    def spy(reply: Any) -> Any:
        seen.append(gc.isenabled())
        return real(reply)

    monkeypatch.setitem(SCORERS, "empathy", spy)
    doc = Doc(
        Conversation.from_turns(
            [
                {"role": "customer", "text": "Where is my order?"},
                {"role": "agent", "text": "I'm sorry, I'll check it now."},
            ]
        )
    )
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        TraitsAnalyser().annotate([doc])
        assert seen == [False]  # paused while the reply is scored
        assert gc.isenabled() is enabled
        assert "empathy" in doc.out["turns"][1]["agent"]["traits"]
    finally:
        gc.enable() if was else gc.disable()
