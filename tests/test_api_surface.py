"""The public API is small and pinned: a change to it is a decision, not an accident."""

from __future__ import annotations

from pathlib import Path

import pytest

import critica
from critica.errors import (
    ConfigError,
    CriticaError,
    DocumentError,
    InputError,
    ModelError,
    StoreError,
)
from critica.settings import load_settings


def test_public_names_are_pinned() -> None:
    assert sorted(critica.__all__) == [
        "ConfigError", "CriticaError", "DocumentError", "Film", "InputError", "ModelError",
        "Rejection", "Report", "Review", "Settings", "StoreError", "analyze", "load_settings",
    ]
    for name in critica.__all__:
        assert hasattr(critica, name)


def test_one_exception_tree() -> None:
    for error in (ConfigError, InputError, ModelError, StoreError):
        assert issubclass(error, CriticaError)
    assert issubclass(DocumentError, InputError)


def test_settings_layering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[critica]\nmin_reviews = 7\ndb_url = "sqlite:///from-file.db"\n')
    monkeypatch.setenv("CRITICA_DB_URL", "sqlite:///from-env.db")
    settings = load_settings(config)
    assert settings.min_reviews == 7  # from the file
    assert settings.db_url == "sqlite:///from-env.db"  # the environment wins over the file
    assert load_settings(config, db_url="sqlite:///explicit.db").db_url == "sqlite:///explicit.db"


def test_bad_settings_are_clear_errors(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[critica]\nmin_reviewz = 3\n")
    with pytest.raises(ConfigError, match="unknown setting 'min_reviewz'"):
        load_settings(config)
    config.write_text("[critica]\nmin_reviews = 'many'\n")
    with pytest.raises(ConfigError, match="min_reviews"):
        load_settings(config)
