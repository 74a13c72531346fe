"""Settings are data: one list feeds the CLI options, the config file, the environment
and the docs (after Datasette's ``Setting``).

Precedence, lowest first: the default, the config file (``servicemind.toml`` in the
working directory, or the file named by ``SERVICEMIND_CONFIG``), the environment
(``SERVICEMIND_<NAME>``), then the command line.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from servicemind.errors import ConfigError

__all__ = ["SETTINGS", "Setting", "load_settings"]


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its name, default value and help text."""

    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "SERVICEMIND_" + self.name.upper()

    def coerce(self, value: Any) -> Any:
        """Convert a string from the environment to the default's type."""
        if not isinstance(value, str) or isinstance(self.default, str) or self.default is None:
            return value
        if isinstance(self.default, bool):
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off"}:
                return False
            raise ConfigError(f"{self.env}={value!r} is not a boolean", hint="use true or false")
        if isinstance(self.default, int):
            try:
                return int(value)
            except ValueError:
                raise ConfigError(f"{self.env}={value!r} is not an integer") from None
        return value

    def check(self, value: Any, where: str) -> Any:
        """``value`` as read from the config file ``where``, when it has the default's type
        (a whole number for an integer, true/false for a boolean, a string otherwise);
        else the same :class:`ConfigError` as a bad environment value."""
        if isinstance(self.default, bool):
            ok = isinstance(value, bool)
            want = "a boolean"
            hint = "use true or false"
        elif isinstance(self.default, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
            want = "an integer"
            hint = f"e.g. {self.name} = {self.default}"
        else:
            ok = isinstance(value, str)
            want = "a string"
            hint = f'e.g. {self.name} = "{self.default or "..."}"'
        if not ok:
            raise ConfigError(f"{self.name} = {value!r} in {where} is not {want}", hint=hint)
        return value


SETTINGS: tuple[Setting, ...] = (
    Setting("profile", "default", "Scorecard profile that weights the traits into 'overall'."),
    Setting(
        "batch_size",
        256,
        "Conversations analysed together (memory vs speed); also the span within which an "
        "agent's repeated sentences count as copy-paste (genuineness).",
    ),
    Setting("validate", True, "Validate every output object against the JSON Schema."),
    Setting(
        "jobs",
        0,
        "Worker processes for `analyze` (0: one per CPU core, started only for inputs of more "
        "than one batch; 1: this process only).",
    ),
    Setting(
        "db", None, "SQLite file where analysed conversations are kept (no duplicates on re-run)."
    ),
    Setting(
        "redact",
        False,
        "Mask personal data (emails, phones, cards, names, ...) in what `analyze`, `report` "
        "and `serve` write; scores are computed on the original text.",
    ),
    Setting(
        "llm_url", None, "Base URL of an OpenAI-compatible endpoint for rewrites (off when empty)."
    ),
    Setting("llm_model", None, "Model name sent to the LLM endpoint."),
    Setting(
        "practice_db", "~/.servicemind/practice.sqlite", "Local SQLite file of practice progress."
    ),
    Setting(
        "wellbeing", True, "Offer check-ins, reset suggestions and self-talk prompts in practice."
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def load_settings(
    overrides: Mapping[str, Any] | None = None, *, config_path: str | Path | None = None
) -> dict[str, Any]:
    """Resolve every setting: default < config file < environment < ``overrides``.

    ``None`` values in ``overrides`` mean "not given" and do not override.
    """
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    path = config_path or os.environ.get("SERVICEMIND_CONFIG")
    if path is None and Path("servicemind.toml").is_file():
        path = "servicemind.toml"
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        section = data.get("servicemind", data)
        for k, v in section.items():
            if k not in _BY_NAME:
                raise ConfigError(
                    f"unknown setting '{k}' in {path}", hint="known: " + ", ".join(_BY_NAME)
                )
            values[k] = _BY_NAME[k].check(v, str(path))
    for s in SETTINGS:
        if s.env in os.environ:
            values[s.name] = s.coerce(os.environ[s.env])
    for k, v in (overrides or {}).items():
        if k not in _BY_NAME:
            raise ConfigError(f"unknown setting '{k}'")
        if v is not None:
            values[k] = v
    return values
