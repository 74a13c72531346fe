"""The customer analysers follow the analyser contract and are registered."""

from __future__ import annotations

import pytest

from servicemind.analyse.base import Analyser
from servicemind.analyse.registry import BUILTIN_MODULES, get_component

CUSTOMER = ("emotion", "hostility", "satisfaction", "moments")


@pytest.mark.parametrize("name", CUSTOMER)
def test_customer_analyser_contract(name: str) -> None:
    cls = get_component(name)
    assert issubclass(cls, Analyser)
    assert cls.name == name
    assert cls.version and cls.assigns
    a = cls()
    assert a.fit() is a
    # __init__ only stores parameters: nothing learned or loaded, nothing private
    assert all(not k.endswith("_") and not k.startswith("_") for k in vars(a))
    assert a.get_params() == vars(a)
    assert repr(a).startswith(cls.__name__)


def test_customer_components_declare_what_moments_reads() -> None:
    assigned = {p for n in CUSTOMER[:3] for p in get_component(n).assigns}
    assert set(get_component("moments").requires) <= assigned


@pytest.mark.parametrize("name", CUSTOMER)
def test_customer_components_live_where_the_registry_looks(name: str) -> None:
    assert get_component(name).__module__ == BUILTIN_MODULES[name]


def test_customer_runtime_never_imports_sklearn() -> None:
    import subprocess
    import sys

    code = (
        "import sys, servicemind.analyse._customer as c\n"
        "from servicemind.analyse.base import Doc\n"
        "from servicemind.conversation import Conversation\n"
        "from servicemind.analyse.pipeline import Pipeline\n"
        "d = Doc(Conversation.from_turns([{'role': 'customer', 'text': 'thanks!'}]))\n"
        "Pipeline(components=['emotion','hostility','satisfaction','moments']).annotate([d])\n"
        "assert 'sklearn' not in sys.modules, 'sklearn imported at run time'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
