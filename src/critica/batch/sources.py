"""Reading batch inputs: document files, and tables of reviews (JSONL, CSV, TSV, gzipped or not).

Every input becomes a stream of :class:`SourceItem` in a stable order (inputs as given, files
sorted, rows in file order), numbered from 0. That number is the item's place in the run: it
fixes the partitions and the order of a film's reviews, so the output does not depend on how
the work was spread over workers.

A table row that cannot be used (undecodable bytes, a missing column, empty text, broken JSON)
is still an item, carrying ``problem``: it goes to the rejects file, never stops the run.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from critica.errors import InputError
from critica.ingest import expand_paths

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv")
_SNIFF_BYTES = 1 << 20

# csv refuses fields over 128 KiB by default; long reviews are legitimate.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class ColumnMap:
    """Which column of a table holds what. Only ``text`` is required."""

    text: str = "text"
    film: str | None = None  # a film id: the film is taken from it instead of identification
    title: str | None = None
    year: str | None = None
    critic: str | None = None
    outlet: str | None = None
    date: str | None = None
    grade: str | None = None  # the rating as printed ("3/5", "B+"): it sets the score
    label: str | None = None  # a gold label (e.g. fresh/rotten), kept beside the prediction
    top_critic: str | None = None

    def required(self) -> list[str]:
        return [name for name in (self.text, self.film) if name]


@dataclass(frozen=True)
class SourceItem:
    """One document to analyse: a file to read, or a table row with its text in hand."""

    index: int
    path: str  # file path as given, or "FILE#ROW" for a table row (ROW counts data rows from 1)
    text: str | None = None  # None: read the file at ``path``
    film: str | None = None
    title: str | None = None
    year: int | None = None
    critic: str | None = None
    outlet: str | None = None
    published: str | None = None
    grade: str | None = None
    label: str | None = None
    top_critic: bool | None = None
    problem: str | None = None  # why the row cannot be used; it goes to the rejects file


@dataclass(frozen=True)
class SourceOptions:
    columns: ColumnMap = field(default_factory=ColumnMap)
    encoding: str = "auto"  # "auto": UTF-8 when the file's start decodes as UTF-8, else cp1252


def is_table(path: str) -> bool:
    name = path.lower().removesuffix(".gz")
    return name.endswith(TABLE_SUFFIXES)


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Files the inputs name (folders walked, globs expanded). Raises InputError if none exist."""
    return expand_paths(list(inputs))


def fingerprint_inputs(files: Sequence[str]) -> str:
    """Identifies the inputs as they are now: path, size and modification time of each file."""
    digest = hashlib.sha256()
    for name in files:
        stat = Path(name).stat()
        digest.update(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def iter_items(files: Sequence[str], options: SourceOptions) -> Iterator[SourceItem]:
    """Every document of the inputs, numbered in a stable order."""
    index = 0
    for name in files:
        if is_table(name):
            for item in _table_items(name, options, index):
                yield item
                index += 1
        else:
            yield SourceItem(index=index, path=name)
            index += 1


def _open_binary(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # noqa: SIM115


def detect_encoding(path: str) -> str:
    """UTF-8 when the first megabyte decodes as UTF-8 (a cut multibyte tail allowed), else cp1252."""
    with _open_binary(path) as handle:
        head = handle.read(_SNIFF_BYTES)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:
            return "cp1252"
    return "utf-8"


def _text_stream(path: str, encoding: str) -> io.TextIOWrapper:
    # surrogateescape keeps undecodable bytes visible, so the row (not the file) is rejected.
    return io.TextIOWrapper(_open_binary(path), encoding=encoding, errors="surrogateescape",
                            newline="")


def _undecodable(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _table_items(path: str, options: SourceOptions, start: int) -> Iterator[SourceItem]:
    encoding = detect_encoding(path) if options.encoding == "auto" else options.encoding
    name = path.lower().removesuffix(".gz")
    with _text_stream(path, encoding) as stream:
        rows: Iterator[tuple[dict[str, Any] | None, str | None]]
        if name.endswith((".jsonl", ".ndjson")):
            rows = _json_rows(stream)
        else:
            rows = _delimited_rows(stream, "\t" if name.endswith(".tsv") else ",", path,
                                   options.columns)
        for number, (row, problem) in enumerate(rows, start=1):
            yield _item(start + number - 1, f"{path}#{number}", row, problem, options.columns,
                        encoding)


def _json_rows(stream: io.TextIOWrapper) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    for line in stream:
        if not line.strip():
            continue
        if _undecodable(line):
            yield None, "undecodable bytes in the line"
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield None, f"not valid JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(value, dict):
            yield None, f"a JSON line must be an object, not {type(value).__name__}"
            continue
        yield value, None


def _delimited_rows(
    stream: io.TextIOWrapper, delimiter: str, path: str, columns: ColumnMap
) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    reader = csv.reader(stream, delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    # A mapped column the header lacks is the user's mistake about the whole file.
    missing = [c for c in columns.required() if c not in header]
    if missing:
        raise InputError(
            f"{path}: no column {', '.join(map(repr, missing))}; the header has "
            f"{', '.join(header)} (map columns with --text-column, --film-column ...)"
        )
    for cells in reader:
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        row = dict(zip(header, cells, strict=False))
        if len(cells) < len(header):
            absent = [h for h in header[len(cells):] if h in _mapped(columns)]
            if absent:
                yield row, f"row has {len(cells)} of {len(header)} columns: no {absent[0]!r}"
                continue
        yield row, None


def _mapped(columns: ColumnMap) -> set[str]:
    return {v for v in vars(columns).values() if v}


def _cell(row: dict[str, Any], column: str | None) -> str | None:
    if not column or column not in row or row[column] is None:
        return None
    value = row[column]
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, dict | list) else str(value)
    text = text.strip()
    return text or None


def _flag(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() in {"1", "true", "yes", "y", "t"}


def _year(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _item(index: int, path: str, row: dict[str, Any] | None, problem: str | None,
          columns: ColumnMap, encoding: str) -> SourceItem:
    if row is None or problem:
        return SourceItem(index=index, path=path, problem=problem or "unreadable row")
    for name in columns.required():
        if name not in row:
            return SourceItem(index=index, path=path, problem=f"missing column {name!r}")
    bad = [k for k, v in row.items() if isinstance(v, str) and k in _mapped(columns) and _undecodable(v)]
    if bad:
        return SourceItem(index=index, path=path,
                          problem=f"undecodable bytes in column {bad[0]!r} (read as {encoding})")
    text = _cell(row, columns.text)
    film = _cell(row, columns.film)
    if text is None:
        problem = f"empty text in column {columns.text!r}"
    elif columns.film and film is None:
        problem = f"empty film id in column {columns.film!r}"
    return SourceItem(
        index=index, path=path, text=row.get(columns.text) if text else None, film=film,
        title=_cell(row, columns.title), year=_year(_cell(row, columns.year)),
        critic=_cell(row, columns.critic), outlet=_cell(row, columns.outlet),
        published=_cell(row, columns.date), grade=_cell(row, columns.grade),
        label=_cell(row, columns.label), top_critic=_flag(_cell(row, columns.top_critic)),
        problem=problem,
    )
