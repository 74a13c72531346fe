"""The component registry: analysers register under a name with ``@register``.

Built-in components live in the modules listed in :data:`BUILTIN_MODULES` and are
imported lazily, the first time one of them is asked for, so that ``servicemind schema``
loads no model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TypeVar

from servicemind.analyse.base import Analyser
from servicemind.errors import ConfigError

__all__ = ["BUILTIN_MODULES", "get_component", "register", "registered"]

A = TypeVar("A", bound=type[Analyser])

#: name -> module that registers it
BUILTIN_MODULES: dict[str, str] = {
    "emotion": "servicemind.analyse.emotion",
    "hostility": "servicemind.analyse.hostility",
    "satisfaction": "servicemind.analyse.satisfaction",
    "moments": "servicemind.analyse.moments",
    "traits": "servicemind.analyse.traits",
    "commitments": "servicemind.analyse.commitments",
    "scorecard": "servicemind.analyse.scorecard",
    "coaching": "servicemind.coach.analyser",
}

_REGISTRY: dict[str, type[Analyser]] = {}


def register(name: str) -> Callable[[A], A]:
    """Class decorator: register an :class:`Analyser` subclass under ``name``."""

    def deco(cls: A) -> A:
        if not issubclass(cls, Analyser):
            raise TypeError(f"{cls!r} is not an Analyser")
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return deco


def get_component(name: str) -> type[Analyser]:
    """The analyser class registered under ``name`` (importing built-ins on demand)."""
    if name not in _REGISTRY and name in BUILTIN_MODULES:
        try:
            importlib.import_module(BUILTIN_MODULES[name])
        except ModuleNotFoundError as exc:
            raise ConfigError(
                f"component '{name}' cannot be loaded: module {exc.name} is missing",
                hint="reinstall servicemind; a built-in module is not installed",
            ) from exc
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(set(_REGISTRY) | set(BUILTIN_MODULES)))
        raise ConfigError(
            f"unknown analyser component '{name}'", hint=f"known components: {known}"
        ) from None


def registered() -> dict[str, dict[str, object]]:
    """Every built-in and registered component with its version, requires and assigns."""
    for name in BUILTIN_MODULES:
        get_component(name)
    return {
        name: {
            "class": f"{cls.__module__}.{cls.__qualname__}",
            "version": cls.version,
            "requires": list(cls.requires),
            "assigns": list(cls.assigns),
        }
        for name, cls in sorted(_REGISTRY.items())
    }
