"""The typed readers of the settings file refuse what they cannot read exactly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from smartmfg.lib.env import ConfigurationError, env_bool, env_int, env_list


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("false", False), ("TRUE", True), ("", False)])
def test_booleans_are_true_or_false(monkeypatch, raw: str, value: bool) -> None:
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", False) is value


@pytest.mark.parametrize("raw", ["1", "yes", "on", "ture", "0"])
def test_anything_else_stops_the_start(monkeypatch, raw: str) -> None:
    monkeypatch.setenv("FLAG", raw)
    with pytest.raises(ConfigurationError, match="FLAG must be 'true' or 'false'"):
        env_bool("FLAG", False)


def test_integers_and_lists(monkeypatch) -> None:
    monkeypatch.setenv("N", "12")
    monkeypatch.setenv("HOSTS", " a.example , b.example ,")
    assert env_int("N", 1) == 12
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ConfigurationError):
        env_int("N", 1)


def test_the_platform_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path) -> None:
    env = {"DEBUG": "false", "SMARTMFG_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "smartmfg", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "Traceback" not in result.stderr  # one line saying what to set, not a stack


def test_a_data_folder_that_does_not_exist_yet_is_made_for_the_database(tmp_path) -> None:
    data = tmp_path / "new" / "data"
    env = {"SECRET_KEY": "x", "SMARTMFG_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "smartmfg", "migrate", "-v0"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (data / "smartmfg.sqlite3").is_file()
