"""The reduce step: every film's documents brought together (the shuffle by film), then built.

Each partition wrote its analysed documents into film buckets (a film's key picks its bucket);
a bucket's task reads that bucket's shard from every partition, puts each film's documents
back in input order and calls ``pipeline.build_films``, the function ``critica analyze`` uses.
A film's figures are therefore the same whether its reviews sat in one partition or fifty.

Documents without a film column go to one bucket, ``identify``, where the films are found by
clustering titles across all of them, as ``critica analyze`` does.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from critica.batch.state import IDENTIFY_BUCKET, BatchState, partition_name
from critica.batch.tables import reject_row, write_table
from critica.batch.work import BatchConfig, ShardEntry, load_shard
from critica.pipeline import build_films
from critica.records import Film, FilmGroup, Rejection
from critica.report import film_to_json


def load_bucket(out: Path, bucket: str, partitions: Sequence[int]) -> list[ShardEntry]:
    """A bucket's entries from every partition, in input order."""
    shuffle = BatchState(out).shuffle
    entries: list[ShardEntry] = []
    for number in partitions:
        entries.extend(load_shard(shuffle / partition_name(number) / f"{bucket}.pkl"))
    entries.sort(key=lambda e: e.index)
    return entries


def films_of(bucket: str, entries: Sequence[ShardEntry], config: BatchConfig,
             held_badges: Mapping[str, Collection[str]] | None = None,
             ) -> tuple[list[tuple[str | None, int, Film]], tuple[Rejection, ...]]:
    """Build the films of one bucket: (film key, first input index, film), and rejections.

    ``held_badges`` (slug -> badge names) is what a store says the films held before (--db)."""
    documents = [e.document for e in entries]
    index_of = {e.document.classified.path: e.index for e in entries}
    if bucket == IDENTIFY_BUCKET:
        films, rejected = build_films(documents, config.settings, held_badges=held_badges)
        keyed: list[tuple[str | None, int, Film]] = [
            (None, min(index_of[d.path] for d in f.documents), f) for f in films
        ]
        return keyed, rejected
    members: dict[str, list[ShardEntry]] = {}
    for entry in entries:
        members.setdefault(entry.key or "", []).append(entry)
    groups = []
    for key, group in members.items():
        title = next((e.title for e in group if e.title), None) or key
        year = next((e.year for e in group if e.year is not None), None)
        paths = tuple(e.document.classified.path for e in group)
        groups.append(FilmGroup(title=title, year=year, original_title=None, paths=paths))
    films, rejected = build_films(documents, config.settings, groups=groups,
                                  held_badges=held_badges)
    keys = {g.paths: k for g, k in zip(groups, members, strict=True)}
    built = []
    for film in films:
        paths = tuple(d.path for d in film.documents)
        built.append((keys.get(paths), index_of[paths[0]], film))
    return built, rejected


def film_row(key: str | None, first_index: int, film: Film) -> dict[str, Any]:
    page = film_to_json(film)
    page.pop("reviews", None)
    page.pop("documents", None)
    agg = film.aggregate
    low, high = agg.interval95 if agg.interval95 else (None, None)
    return {
        "film_key": key, "slug": film.slug, "title": film.title,
        "original_title": film.original_title, "year": film.year,
        "n_documents": len(film.documents), "n_reviews": agg.n_reviews,
        "n_positive": agg.n_positive, "percent_positive": agg.percent_positive,
        "interval_low": low, "interval_high": high, "mean_score": agg.mean_score,
        "band": agg.band, "consensus": agg.consensus, "first_index": first_index,
        "document_paths": [d.path for d in film.documents],
        "film_json": json.dumps(page, ensure_ascii=False, sort_keys=True),
    }


def run_bucket(out: str, bucket: str, partitions: Sequence[int], digest: str,
               config: BatchConfig) -> int:
    """Build and write one bucket's films; returns how many. The marker is written last."""
    root = Path(out)
    entries = load_bucket(root, bucket, partitions)
    films, rejected = films_of(bucket, entries, config)
    rows = sorted((film_row(k, i, f) for k, i, f in films), key=lambda r: r["first_index"])
    state = BatchState(root)
    write_table("rejects", [reject_row(-1, r) for r in rejected],
                root / "rejects" / f"films-{bucket}.parquet")
    write_table("films", rows, state.film_file(bucket))
    state.mark_bucket(bucket, digest, len(rows))
    return len(rows)
