"""One typed settings object: shipped defaults, then a user file, then environment variables.

The user file is TOML at ``$CRITICA_CONFIG`` or ``~/.config/critica/config.toml``::

    [critica]
    db_url = "sqlite:///critica.db"
    max_document_mb = 10

Every setting can also come from ``CRITICA_<NAME>`` (upper case), e.g. ``CRITICA_DB_URL``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from critica.errors import ConfigError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db_url: str = _setting("sqlite:///critica.db", "Database URL (SQLite file or PostgreSQL).")
    max_document_mb: float = _setting(10.0, "Documents larger than this are rejected at ingest.")
    fetch_timeout_s: float = _setting(20.0, "Time limit for fetching one URL.")
    max_redirects: int = _setting(5, "Redirects followed when fetching a URL.")
    allow_private_urls: bool = _setting(
        False, "Allow fetching from loopback and private network addresses."
    )
    min_reviews: int = _setting(
        5, "Fewer reviews than this: the film gets no critics' score, shown as such."
    )
    progress_threshold: int = _setting(5, "Show a progress bar for runs of more documents.")

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 1024 * 1024)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) of every setting, for docs and `critica config`."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings)]


def _coerce(name: str, kind: Any, raw: Any) -> Any:
    try:
        if kind in (bool, "bool"):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(f"not a boolean: {raw!r}")
        if kind in (int, "int"):
            return int(raw)
        if kind in (float, "float"):
            return float(raw)
        return str(raw)
    except ValueError as exc:
        raise ConfigError(f"setting {name}: {exc}") from exc


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the user file, then CRITICA_* variables, then explicit overrides."""
    values: dict[str, Any] = {}
    path = config_file or Path(
        os.environ.get("CRITICA_CONFIG", Path.home() / ".config" / "critica" / "config.toml")
    )
    known = {f.name: f.type for f in fields(Settings)}
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("critica", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        for name, raw in data.items():
            if name not in known:
                raise ConfigError(f"{path}: unknown setting {name!r}; known: {', '.join(known)}")
            values[name] = _coerce(name, known[name], raw)
    for name, kind in known.items():
        env = os.environ.get(f"CRITICA_{name.upper()}")
        if env is not None:
            values[name] = _coerce(name, kind, env)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
