"""The Parquet tables a batch writes, and rows for them built from the stage records.

    documents/  one row per document that got past clean (its text included)
    reviews/    one row per review: the document's own first (position 0), then reported ones
    facts/      one row per fact a document states, with its quote
    rejects/    one row per item a stage could not use: (path, stage, reason)
    films/      one row per film, written after the shuffle by film (see films.py)

Every table is a folder of Parquet files, one per partition (or per film bucket), readable as
one dataset (``pyarrow.dataset.dataset(OUT / "reviews")`` or ``pandas.read_parquet``). Schemas
are explicit so that a partition with no value in a column still agrees with the others.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from critica.records import AnalyzedDocument, CleanDocument, Rejection
from critica.report import value_to_json

_ITEM = [("index", pa.int64()), ("path", pa.string()), ("film_key", pa.string())]
_COLUMNS = [("label", pa.string()), ("top_critic", pa.bool_())]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        *_ITEM,
        ("kind", pa.string()), ("language", pa.string()), ("outlet", pa.string()),
        ("author", pa.string()), ("published", pa.string()), ("content_hash", pa.string()),
        ("encoding", pa.string()), ("media_type", pa.string()), ("text", pa.string()),
        *_COLUMNS,
    ]),
    "reviews": pa.schema([
        *_ITEM, ("position", pa.int32()),
        ("critic", pa.string()), ("outlet", pa.string()), ("published", pa.string()),
        ("reported_in", pa.string()), ("rating_text", pa.string()), ("score", pa.float64()),
        ("score_source", pa.string()), ("verdict", pa.string()), ("fresh", pa.bool_()),
        ("p_positive", pa.float64()), ("quote", pa.string()), ("kind", pa.string()),
        *_COLUMNS,
    ]),
    "facts": pa.schema([
        *_ITEM, ("field", pa.string()), ("value", pa.string()), ("quote", pa.string()),
    ]),
    "rejects": pa.schema([
        ("index", pa.int64()), ("path", pa.string()), ("stage", pa.string()),
        ("reason", pa.string()),
    ]),
    "films": pa.schema([
        ("film_key", pa.string()), ("slug", pa.string()), ("title", pa.string()),
        ("original_title", pa.string()), ("year", pa.int64()), ("n_documents", pa.int64()),
        ("n_reviews", pa.int64()), ("n_positive", pa.int64()),
        ("percent_positive", pa.float64()), ("interval_low", pa.float64()),
        ("interval_high", pa.float64()), ("mean_score", pa.float64()), ("band", pa.string()),
        ("consensus", pa.string()), ("first_index", pa.int64()),
        ("document_paths", pa.list_(pa.string())),
        # the rest of the film page (facts, conflicts, reported figures, whatever aggregate
        # adds later) as the JSON contract spells it; reviews and documents have own tables
        ("film_json", pa.string()),
    ]),
}
MAP_TABLES = ("documents", "reviews", "facts", "rejects")


def document_row(index: int, key: str | None, doc: AnalyzedDocument, label: str | None,
                 top_critic: bool | None) -> dict[str, Any]:
    clean: CleanDocument = doc.classified.document
    meta = doc.extraction.meta
    return {
        "index": index, "path": clean.path, "film_key": key, "kind": doc.classified.kind,
        "language": doc.classified.language, "outlet": meta.outlet, "author": meta.author,
        "published": meta.published, "content_hash": clean.content_hash,
        "encoding": clean.encoding, "media_type": clean.media_type, "text": clean.text,
        "label": label, "top_critic": top_critic,
    }


def review_rows(index: int, key: str | None, doc: AnalyzedDocument, label: str | None,
                top_critic: bool | None) -> list[dict[str, Any]]:
    rows = []
    for position, review in enumerate(doc.reviews):
        own = review.reported_in is None
        rows.append({
            "index": index, "path": review.path, "film_key": key, "position": position,
            "critic": review.critic, "outlet": review.outlet, "published": review.published,
            "reported_in": review.reported_in, "rating_text": review.rating_text,
            "score": review.score, "score_source": review.score_source,
            "verdict": review.verdict, "fresh": review.fresh, "p_positive": review.p_positive,
            "quote": review.quote, "kind": review.kind,
            # the row's gold label and top-critic flag describe its own review only
            "label": label if own else None, "top_critic": top_critic if own else None,
        })
    return rows


def fact_rows(index: int, key: str | None, doc: AnalyzedDocument) -> list[dict[str, Any]]:
    return [
        {"index": index, "path": fact.evidence.path, "film_key": key, "field": fact.field,
         "value": json.dumps(value_to_json(fact.value), ensure_ascii=False, sort_keys=True),
         "quote": fact.evidence.quote}
        for fact in doc.extraction.facts
    ]


def reject_row(index: int, rejection: Rejection) -> dict[str, Any]:
    return {"index": index, "path": rejection.path, "stage": rejection.stage,
            "reason": rejection.reason}


def write_table(name: str, rows: Sequence[dict[str, Any]], path: Path) -> None:
    """Write rows to ``path`` through a hidden temporary file and an atomic rename."""
    table = pa.Table.from_pylist(list(rows), schema=SCHEMAS[name])
    atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def atomic_write(path: Path, write: Any) -> None:
    """``write(tmp)`` then rename onto ``path``: readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # a leading dot: pyarrow datasets skip hidden files, so a half-written file is never read
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_table(out: Path, name: str) -> pa.Table:
    """One table of a batch output, all its files, in a stable order (by file name)."""
    folder = out / name
    files = sorted(p for p in folder.glob("*.parquet") if not p.name.startswith((".", "_")))
    if not files:
        return SCHEMAS[name].empty_table()
    return pa.concat_tables([pq.read_table(f, schema=SCHEMAS[name]) for f in files])
