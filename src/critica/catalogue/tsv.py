"""Reading IMDb's public TSV files (title.basics, title.principals, name.basics), streamed.

The files are tab separated with a header row and ``\\N`` for a missing value. They are never
quoted: titles and character lists contain bare double quotes, so lines are split on tabs
rather than read with the csv module (which would join fields across quotes). Real files hold
millions of rows, so everything here yields one row at a time; a file may be gzip compressed
(detected by its magic bytes, not its name).
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, cast

from critica.errors import InputError

FileKind = Literal["titles", "principals", "names"]

# The columns each file starts with, as IMDb documents them; extra columns at the end are fine.
HEADERS: dict[FileKind, tuple[str, ...]] = {
    "titles": (
        "tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear",
        "endYear", "runtimeMinutes", "genres",
    ),
    "principals": ("tconst", "ordering", "nconst", "category", "job", "characters"),
    "names": (
        "nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles",
    ),
}
# Import order: principals are kept only for titles already loaded, names only for people
# the principals (or knownForTitles) refer to.
KIND_ORDER: tuple[FileKind, ...] = ("titles", "principals", "names")
NULL = "\\N"


@dataclass(frozen=True)
class TitleRow:
    tconst: str
    title_type: str
    primary_title: str
    original_title: str | None
    is_adult: bool | None
    start_year: int | None
    runtime_min: int | None
    genres: str | None


@dataclass(frozen=True)
class PrincipalRow:
    tconst: str
    ordering: int
    nconst: str
    category: str
    job: str | None
    characters: str | None  # "Stéphanie" or "Ali / Alain" (IMDb writes a JSON list)


@dataclass(frozen=True)
class NameRow:
    nconst: str
    name: str
    birth_year: int | None
    death_year: int | None
    professions: str | None
    known_for: tuple[str, ...]


class TsvFile:
    """An open IMDb TSV file: its kind (from the header) and a byte position for progress."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._raw: BinaryIO = path.open("rb")
        except OSError as exc:
            raise InputError(f"cannot open catalogue file {path}: {exc.strerror or exc}") from exc
        self.size = path.stat().st_size
        compressed = self._raw.read(2) == b"\x1f\x8b"
        self._raw.seek(0)
        binary = cast(BinaryIO, gzip.GzipFile(fileobj=self._raw)) if compressed else self._raw
        self._text = io.TextIOWrapper(binary, encoding="utf-8", errors="replace", newline="\n")
        try:
            header = self._text.readline().rstrip("\r\n").split("\t")
        except (OSError, EOFError) as exc:  # a truncated or corrupt gzip stream
            self.close()
            raise InputError(f"cannot read catalogue file {path}: {exc}") from exc
        self.kind = _detect_kind(path, header)
        self._width = len(header)
        self.bad_lines = 0

    @property
    def position(self) -> int:
        """Bytes of the file (compressed bytes for .gz) read so far."""
        return self._raw.tell()

    def close(self) -> None:
        self._text.close()
        self._raw.close()

    def __enter__(self) -> TsvFile:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fields(self) -> Iterator[list[str]]:
        """The data rows as lists of fields; a line with too few fields is counted, skipped."""
        need = len(HEADERS[self.kind])
        try:
            for line in self._text:
                parts = line.rstrip("\r\n").split("\t")
                if len(parts) < need:
                    if line.strip():
                        self.bad_lines += 1
                    continue
                yield parts
        except (OSError, EOFError) as exc:
            raise InputError(f"{self.path} is cut off or corrupt: {exc}") from exc


def _detect_kind(path: Path, header: list[str]) -> FileKind:
    for kind, expected in HEADERS.items():
        if tuple(header[: len(expected)]) == expected:
            return kind
    shown = "\t".join(header)[:120]
    raise InputError(
        f"{path} is not an IMDb title.basics, title.principals or name.basics file "
        f"(its header is {shown!r}); download them from https://datasets.imdbws.com/"
    )


def _text(value: str) -> str | None:
    return None if value == NULL or value == "" else value


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _characters(value: str) -> str | None:
    if value == NULL or not value:
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return value  # not a JSON list after all: keep it as printed
    if isinstance(parsed, list):
        return " / ".join(str(p) for p in parsed) or None
    return str(parsed)


def title_row(parts: list[str]) -> TitleRow:
    return TitleRow(
        tconst=parts[0], title_type=parts[1], primary_title=parts[2],
        original_title=_text(parts[3]),
        is_adult=None if parts[4] == NULL else parts[4] == "1",
        start_year=_int(parts[5]), runtime_min=_int(parts[7]), genres=_text(parts[8]),
    )


def principal_row(parts: list[str]) -> PrincipalRow | None:
    ordering = _int(parts[1])
    if ordering is None:
        return None
    return PrincipalRow(
        tconst=parts[0], ordering=ordering, nconst=parts[2], category=parts[3],
        job=_text(parts[4]), characters=_characters(parts[5]),
    )


def name_row(parts: list[str]) -> NameRow:
    known = _text(parts[5])
    return NameRow(
        nconst=parts[0], name=parts[1], birth_year=_int(parts[2]), death_year=_int(parts[3]),
        professions=_text(parts[4]), known_for=tuple(known.split(",")) if known else (),
    )


def id_number(identifier: str) -> int:
    """tt2053425 -> 2053425: ids kept as ints in the import's filter sets (a tenth the memory)."""
    digits = identifier[2:]
    return int(digits) if digits.isdigit() else -1
