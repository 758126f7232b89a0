"""Loading IMDb TSV files into the store's catalogue tables, in batches, idempotently.

Each batch is one transaction of upserts keyed by the files' own ids (tconst, nconst,
tconst + ordering), so importing the same file twice leaves the same rows. Files are read
titles first, then principals, then names whatever order they are given in, because the
later files are filtered by the earlier ones: principals only of titles kept, people only
when a kept principal or a kept title names them. That is what keeps a catalogue of films
small when title.principals and name.basics hold every TV episode ever made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from critica.catalogue.tsv import (
    KIND_ORDER,
    FileKind,
    TsvFile,
    id_number,
    name_row,
    principal_row,
    title_row,
)
from critica.errors import InputError, StoreError
from critica.identify.normalize import normalize_title
from critica.identify.people import person_key
from critica.store import schema

DEFAULT_TITLE_TYPES: tuple[str, ...] = ("movie", "tvMovie", "short", "video")
DEFAULT_BATCH_SIZE = 5000

# (kind, path, bytes read, file size, rows kept so far)
ImportProgress = Callable[[FileKind, Path, int, int, int], None]


@dataclass(frozen=True)
class FileImport:
    """What importing one file did."""

    path: Path
    kind: FileKind
    rows_read: int
    rows_kept: int
    bad_lines: int  # lines with too few fields, skipped


@dataclass(frozen=True)
class ImportSummary:
    files: tuple[FileImport, ...]
    totals: dict[str, int]  # rows in each catalogue table after the import


def import_files(
    engine: Engine,
    paths: Sequence[Path],
    *,
    title_types: Iterable[str] | None = DEFAULT_TITLE_TYPES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: ImportProgress | None = None,
) -> ImportSummary:
    """Import IMDb TSV files (plain or gzip, kind told by the header) into the catalogue.

    ``title_types`` None keeps every title type. Raises InputError for a file that is not one
    of the three, and StoreError when the database refuses a batch.
    """
    opened = [TsvFile(Path(p)) for p in paths]
    try:
        opened.sort(key=lambda f: KIND_ORDER.index(f.kind))
        types = frozenset(title_types) if title_types is not None else None
        results = [_import_one(engine, f, types, max(1, batch_size), progress) for f in opened]
    finally:
        for tsv in opened:
            tsv.close()
    return ImportSummary(tuple(results), catalogue_counts(engine))


def catalogue_counts(engine: Engine) -> dict[str, int]:
    from sqlalchemy import func

    with engine.connect() as conn:
        return {
            name: int(conn.execute(
                select(func.count()).select_from(schema.metadata.tables[name])
            ).scalar_one())
            for name in schema.CATALOGUE_TABLES
        }


def _import_one(
    engine: Engine, tsv: TsvFile, types: frozenset[str] | None, batch_size: int,
    progress: ImportProgress | None,
) -> FileImport:
    read = kept = 0
    batch: list[dict[str, Any]] = []
    table, keys, convert = _plan(engine, tsv, types)

    def flush() -> None:
        if batch:
            _upsert(engine, table, keys, batch, tsv.path)
            batch.clear()
        if progress is not None:
            progress(tsv.kind, tsv.path, tsv.position, tsv.size, kept)

    for parts in tsv.fields():
        read += 1
        row = convert(parts)
        if row is None:
            continue
        batch.append(row)
        kept += 1
        if len(batch) >= batch_size:
            flush()
    flush()
    return FileImport(tsv.path, tsv.kind, read, kept, tsv.bad_lines)


Converter = Callable[[list[str]], dict[str, Any] | None]


def _plan(engine: Engine, tsv: TsvFile, types: frozenset[str] | None) -> tuple[Table, list[str], Converter]:
    if tsv.kind == "titles":
        return schema.catalogue_titles, ["tconst"], _title_converter(types)
    titles = _id_set(engine, schema.catalogue_titles.c.tconst)
    if not titles:
        raise InputError(
            f"{tsv.path} is a {tsv.kind} file, but the catalogue holds no titles yet: import "
            "title.basics first (or in the same command)"
        )
    if tsv.kind == "principals":
        return schema.catalogue_principals, ["tconst", "ordering"], _principal_converter(titles)
    people = _id_set(engine, schema.catalogue_principals.c.nconst)
    return schema.catalogue_people, ["nconst"], _name_converter(titles, people)


def _title_converter(types: frozenset[str] | None) -> Converter:
    def convert(parts: list[str]) -> dict[str, Any] | None:
        if types is not None and parts[1] not in types:
            return None
        row = title_row(parts)
        original = row.original_title or row.primary_title
        return {
            "tconst": row.tconst, "title_type": row.title_type,
            "primary_title": row.primary_title,
            # IMDb repeats the primary title here for most films: store it only when it differs.
            "original_title": row.original_title if original != row.primary_title else None,
            "is_adult": row.is_adult, "start_year": row.start_year,
            "runtime_min": row.runtime_min, "genres": row.genres,
            "title_key": normalize_title(row.primary_title),
            "original_key": normalize_title(original),
        }

    return convert


def _principal_converter(titles: set[int]) -> Converter:
    def convert(parts: list[str]) -> dict[str, Any] | None:
        if id_number(parts[0]) not in titles:
            return None
        row = principal_row(parts)
        if row is None:
            return None
        return {
            "tconst": row.tconst, "ordering": row.ordering, "nconst": row.nconst,
            "category": row.category, "job": row.job, "characters": row.characters,
        }

    return convert


def _name_converter(titles: set[int], people: set[int]) -> Converter:
    def convert(parts: list[str]) -> dict[str, Any] | None:
        row = name_row(parts)
        if id_number(row.nconst) not in people and not any(
            id_number(t) in titles for t in row.known_for
        ):
            return None
        return {
            "nconst": row.nconst, "name": row.name, "birth_year": row.birth_year,
            "death_year": row.death_year, "professions": row.professions,
            "name_key": person_key(row.name),
        }

    return convert


def _id_set(engine: Engine, column: Any) -> set[int]:
    """Every id in a column, as ints (two million films fit in about 100 MB this way)."""
    with engine.connect() as conn:
        return {id_number(value) for value in conn.execute(select(column).distinct()).scalars()}


def _upsert(engine: Engine, table: Table, keys: list[str], rows: list[dict[str, Any]], path: Path) -> None:
    try:
        with engine.begin() as conn:
            conn.execute(_upsert_statement(conn, table, keys), rows)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"cannot store catalogue rows from {path}: {reason}") from exc


def _upsert_statement(conn: Connection, table: Table, keys: list[str]) -> Any:
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = insert(table)
    changes = {c.name: statement.excluded[c.name] for c in table.c if c.name not in keys}
    return statement.on_conflict_do_update(index_elements=keys, set_=changes)
