"""critica: an open-source film review aggregator.

    >>> import critica
    >>> report = critica.analyze(["reviews/"])          # doctest: +SKIP
    >>> report.films[0].aggregate.percent_positive      # doctest: +SKIP

The public API is what ``__all__`` lists; everything else is private and may change.
"""

from critica.api import analyze
from critica.errors import (
    ConfigError,
    CriticaError,
    DocumentError,
    InputError,
    ModelError,
    StoreError,
)
from critica.records import Film, Rejection, Report, Review
from critica.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "CriticaError",
    "DocumentError",
    "Film",
    "InputError",
    "ModelError",
    "Rejection",
    "Report",
    "Review",
    "Settings",
    "StoreError",
    "analyze",
    "load_settings",
]
