"""critica's exceptions: one tree, so callers can catch exactly what they mean.

    CriticaError
    ├── InputError            a path, URL or option the user gave cannot be used
    │   └── DocumentError     one document cannot be read (becomes a Rejection in a batch)
    ├── ModelError            a shipped model is missing or does not load
    ├── StoreError            the database cannot be opened, migrated or written
    └── ConfigError           a setting has a value critica cannot use

Errors that reach a user say what was wrong and what to do about it.
"""

from __future__ import annotations


class CriticaError(Exception):
    """Base of every error critica raises on purpose."""


class InputError(CriticaError):
    """A path, URL or option given by the user cannot be used."""


class DocumentError(InputError):
    """One document cannot be used; in a batch this becomes a Rejection, not a crash."""

    def __init__(self, path: str, stage: str, reason: str) -> None:
        super().__init__(f"{path}: {stage}: {reason}")
        self.path = path
        self.stage = stage
        self.reason = reason


class ModelError(CriticaError):
    """A shipped model file is missing or cannot be loaded."""


class StoreError(CriticaError):
    """The database cannot be opened, migrated or written."""


class ConfigError(CriticaError):
    """A setting has a value critica cannot use."""
