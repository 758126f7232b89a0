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

# Rotten Tomatoes-style top critics: national papers, trades and long-running film outlets.
DEFAULT_TOP_CRITICS = ", ".join((
    "The New York Times", "The Guardian", "The Observer", "Variety", "The Hollywood Reporter",
    "Los Angeles Times", "Chicago Tribune", "Chicago Sun-Times", "RogerEbert.com", "Roger Ebert",
    "Time", "The Washington Post", "The Wall Street Journal", "The New Yorker", "Empire",
    "Total Film", "Sight and Sound", "Time Out", "NPR", "Rolling Stone", "Entertainment Weekly",
    "USA Today", "The Boston Globe", "San Francisco Chronicle", "The Telegraph",
    "The Independent", "Financial Times", "The Times", "IndieWire", "The A.V. Club",
    "New York Magazine", "Vulture", "The Atlantic", "Slate", "Newsweek",
))


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
    workers: int = _setting(
        1, "Processes that clean and analyse documents side by side (films are built after)."
    )
    catalogue_db: str = _setting(
        "", "Database URL whose film catalogue identification links to; empty: the store a run "
        "is saved in (`critica catalogue import` fills it)."
    )
    top_critics: str = _setting(
        DEFAULT_TOP_CRITICS,
        "Outlets and critics whose reviews count as top critics (comma-separated, any case).",
    )
    outlet_weights_file: str = _setting(
        "", "TOML file of outlet weights for the mean score ([weights] \"Outlet\" = 1.5); "
        "empty: every outlet weighs 1.",
    )
    critic_kinds: str = _setting(
        "critic_review,dvd_review,reported",
        "Kinds of review counted in the critics' score ('reported': reviews documents report).",
    )
    other_kinds: str = _setting(
        "blog_review,list_entry", "Kinds of review counted in the second score shown beside it."
    )
    badge_certified_percent: float = _setting(
        75.0, "Certified: at least this percent positive ..."
    )
    badge_certified_reviews: int = _setting(40, "... with at least this many critics' reviews ...")
    badge_certified_top: int = _setting(5, "... including at least this many top critics.")
    badge_certified_keep_percent: float = _setting(
        70.0, "A certified film keeps the badge until it falls below this percent (hysteresis)."
    )
    rank_min_reviews: int = _setting(
        20, "m in the ranking's v/(v+m) R + m/(v+m) C: reviews a film needs to weigh half its own."
    )
    read_requires_token: bool = _setting(
        False, "critica serve: reading pages and the API needs a token too (writes always do)."
    )

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
