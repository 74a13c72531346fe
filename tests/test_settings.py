"""Settings: default < config file < environment < command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from servicemind.errors import ConfigError
from servicemind.settings import SETTINGS, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for s in SETTINGS:
        monkeypatch.delenv(s.env, raising=False)
    monkeypatch.delenv("SERVICEMIND_CONFIG", raising=False)


def test_settings_defaults() -> None:
    assert load_settings() == {s.name: s.default for s in SETTINGS}


def test_settings_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "servicemind.toml").write_text('[servicemind]\nprofile = "bank"\nbatch_size = 8\n')
    assert load_settings()["profile"] == "bank"
    monkeypatch.setenv("SERVICEMIND_PROFILE", "airline")
    monkeypatch.setenv("SERVICEMIND_VALIDATE", "false")
    got = load_settings()
    assert (got["profile"], got["batch_size"], got["validate"]) == ("airline", 8, False)
    assert load_settings({"profile": "restaurant", "batch_size": None})["profile"] == "restaurant"


def test_settings_unknown_key_in_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "servicemind.toml").write_text("[servicemind]\nprofil = 'bank'\n")
    with pytest.raises(ConfigError, match="unknown setting 'profil'"):
        load_settings()


def test_settings_bad_env_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVICEMIND_BATCH_SIZE", "many")
    with pytest.raises(ConfigError, match="not an integer"):
        load_settings()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('jobs = "many"', "jobs = 'many' in servicemind.toml is not an integer"),
        ("validate = 1", "validate = 1 in servicemind.toml is not a boolean"),
        ("jobs = true", "jobs = True in servicemind.toml is not an integer"),
        ("profile = 3", "profile = 3 in servicemind.toml is not a string"),
    ],
)
def test_settings_bad_value_in_file_is_a_config_error(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "servicemind.toml").write_text(f"[servicemind]\n{line}\n")
    with pytest.raises(ConfigError) as err:
        load_settings()
    assert message in str(err.value) and str(err.value).startswith("[E100]")


def test_settings_command_flags_an_unknown_profile(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from servicemind.cli import cli

    (tmp_path / "servicemind.toml").write_text('[servicemind]\nprofile = "airlines"\n')
    run = CliRunner().invoke(cli, ["settings"])
    assert run.exit_code == 1
    assert "'airlines' is not a scorecard profile" in run.output and "airline" in run.output
    (tmp_path / "servicemind.toml").write_text('[servicemind]\nprofile = "Airline"\n')
    assert CliRunner().invoke(cli, ["settings"]).exit_code == 0
