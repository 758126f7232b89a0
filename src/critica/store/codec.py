"""Records to JSON column values and back, and the fingerprints that make saves idempotent."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from critica.errors import StoreError
from critica.records import (
    Award,
    CastMember,
    FactValue,
    Money,
    MpaaRating,
    ReleaseDate,
)

# The dataclass fact values, by the "type" key they carry in JSON.
VALUE_TYPES: dict[str, type] = {
    cls.__name__: cls for cls in (CastMember, Money, ReleaseDate, MpaaRating, Award)
}


def encode_value(value: FactValue) -> Any:
    """A fact value as JSON: strings and ints as they are, dataclasses as a dict with "type"."""
    if isinstance(value, bool):  # bool is an int subclass, but never a fact value
        raise StoreError(f"cannot store a boolean fact value: {value!r}")
    if isinstance(value, str | int):
        return value
    if dataclasses.is_dataclass(value) and type(value).__name__ in VALUE_TYPES:
        return {"type": type(value).__name__, **dataclasses.asdict(value)}
    raise StoreError(f"cannot store a fact value of type {type(value).__name__}: {value!r}")


def decode_value(data: Any) -> FactValue:
    """The inverse of :func:`encode_value`."""
    if isinstance(data, str | int) and not isinstance(data, bool):
        return data
    if isinstance(data, Mapping):
        fields = dict(data)
        cls = VALUE_TYPES.get(str(fields.pop("type", "")))
        if cls is not None:
            try:
                value: FactValue = cls(**fields)
            except TypeError as exc:  # a field renamed since the row was written
                raise StoreError(
                    f"the database holds a {cls.__name__} critica cannot read: {exc}"
                ) from exc
            return value
    raise StoreError(f"the database holds a fact value critica cannot read: {data!r}")


def value_text(value: FactValue) -> str:
    """A fact value as one line of text, for display and for ``LIKE`` searches."""
    if isinstance(value, CastMember):
        return f"{value.actor} as {value.character}" if value.character else value.actor
    if isinstance(value, Money):
        return value.text or f"{value.amount:g} {value.currency}"
    if isinstance(value, ReleaseDate):
        return " ".join(part for part in (value.date, value.region, value.event) if part)
    if isinstance(value, MpaaRating):
        return f"{value.board} {value.value}"
    if isinstance(value, Award):
        return value.text
    return str(value)


def clean_text(text: str) -> str:
    """PostgreSQL text cannot hold NUL; replace it on both engines so they store the same."""
    return text.replace("\x00", "\ufffd")


def text_hash(text: str) -> str:
    """The fallback idempotency key of a document that came without a content hash."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(payload: object) -> str:
    """sha256 of a canonical JSON rendering of records (dataclasses, tuples, dicts)."""
    rendered = json.dumps(_plain(payload), sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(rendered.encode("utf-8", "surrogatepass")).hexdigest()


def _plain(obj: object) -> object:
    # Keep the dataclass name, so CastMember("A") and a look-alike never hash the same.
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        fields = {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        return {"__type__": type(obj).__name__, **fields}
    if isinstance(obj, Mapping):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, tuple | list):
        return [_plain(v) for v in obj]
    return obj
