"""The pipeline and the analyser contract, with fake analysers injected by name."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from servicemind.analyse.base import Analyser, Doc
from servicemind.analyse.pipeline import Pipeline
from servicemind.analyse.registry import _REGISTRY, get_component, register
from servicemind.conversation import Conversation
from servicemind.errors import ConfigError


class _Length(Analyser):
    version = "9"
    assigns = ("customer.length",)

    def __init__(self, scale: int = 1) -> None:
        self.scale = scale

    def annotate(self, docs: Sequence[Doc]) -> None:
        for d in docs:
            for t, out in d.iter_customer():
                out["length"] = len(t.text) * self.scale


class _Echo(Analyser):
    requires = ("customer.length",)
    assigns = ("agent.echo",)

    def annotate(self, docs: Sequence[Doc]) -> None:
        for d in docs:
            for t, out in d.iter_agent():
                prev = d.get_previous(t.index, d.sides[0])  # type: ignore[arg-type]
                out["echo"] = prev[1]["customer"]["length"] if prev else None


@pytest.fixture(autouse=True)
def _fakes() -> None:
    register("_length")(_Length)
    register("_echo")(_Echo)
    yield
    _REGISTRY.pop("_length", None)
    _REGISTRY.pop("_echo", None)


def _conv() -> Conversation:
    return Conversation.from_turns(
        [{"role": "customer", "text": "abcd"}, {"role": "agent", "text": "ok"}]
    )


def test_pipeline_runs_components_in_order_with_config() -> None:
    p = Pipeline(["_length", "_echo"], config={"_length": {"scale": 2}}, batch_size=1)
    outs = list(p.analyze([_conv(), _conv()]))
    assert len(outs) == 2
    assert outs[0]["turns"][0]["customer"] == {"length": 8}
    assert outs[0]["turns"][1]["agent"] == {"echo": 8}
    assert outs[0]["servicemind"]["components"] == [
        {"name": "_length", "version": "9"},
        {"name": "_echo", "version": "0"},
    ]


def test_pipeline_rejects_a_component_whose_requirements_come_later() -> None:
    with pytest.raises(ConfigError, match="requires"):
        Pipeline(["_echo", "_length"])


def test_pipeline_unknown_component_and_stray_config_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown analyser component"):
        get_component("nope")
    with pytest.raises(ConfigError, match="not in the pipeline"):
        Pipeline(["_length"], config={"_echo": {}})


def test_analyser_contract_init_stores_params_and_fit_returns_self() -> None:
    a = _Length(scale=3)
    assert a.get_params() == {"scale": 3}
    assert a.fit(["x"]) is a
    assert repr(a) == "_Length(scale=3)"
