"""run_batch: read the inputs, map partitions, shuffle by film, build films, optionally store.

    inputs --(sources)--> items, numbered --(partitions of N)--> run_partition (map)
           --> documents/ reviews/ facts/ rejects/ + shards by film bucket
           --> run_bucket per bucket (reduce) --> films/ --(--db)--> the store

The driver streams the inputs and keeps only a few partitions in flight, so its memory does
not grow with the input. Partitions already written (state.py) are skipped on a rerun.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from critica import __version__
from critica.batch.engines import Engine, TaskCall, make_engine
from critica.batch.films import run_bucket
from critica.batch.sources import (
    ColumnMap,
    SourceItem,
    SourceOptions,
    expand_inputs,
    fingerprint_inputs,
    iter_items,
)
from critica.batch.state import BatchState, PartitionMarker, read_json, shard_digest
from critica.batch.work import BatchConfig, run_partition
from critica.errors import InputError
from critica.records import DocumentKind
from critica.settings import Settings


@dataclass(frozen=True)
class BatchOptions:
    columns: ColumnMap = field(default_factory=ColumnMap)
    encoding: str = "auto"
    row_kind: DocumentKind | None = "critic_review"
    partition_size: int = 2000
    n_buckets: int = 32
    engine: str = "local"
    scheduler: str | None = None
    workers: int = 2
    db: str | None = None
    stop_after: int | None = None  # stop after this many new partitions (resume by rerunning)


@dataclass(frozen=True)
class BatchSummary:
    out: Path
    complete: bool
    n_items: int
    n_partitions: int
    n_partitions_run: int  # by this invocation; the others were already written
    n_documents: int
    n_reviews: int
    n_rejected: int
    n_films: int
    elapsed_s: float
    engine: str
    n_workers: int
    dashboard_link: str | None
    peak_rss_mb: dict[str, float]
    cpu_s: float = 0.0  # CPU time of the map tasks, all partitions written so far

    @property
    def items_per_s(self) -> float:
        return self.n_items / self.elapsed_s if self.elapsed_s > 0 else 0.0


class BatchProgress(Protocol):
    """What the CLI shows: the dashboard link once, then items done out of (maybe) a total."""

    def started(self, dashboard_link: str | None, n_workers: int) -> None: ...

    def advanced(self, n_items: int, total: int | None) -> None: ...

    def stage(self, name: str) -> None: ...


def _fingerprint(files: list[str], options: BatchOptions, settings: Settings) -> tuple[str, dict[str, Any]]:
    """What decides the output: inputs and the options that change results (not the engine)."""
    described = {
        "critica": __version__,
        "inputs": files,
        "inputs_sha256": fingerprint_inputs(files),
        "columns": dataclasses.asdict(options.columns),
        "encoding": options.encoding,
        "row_kind": options.row_kind,
        "partition_size": options.partition_size,
        "n_buckets": options.n_buckets,
        "settings": {k: v for k, v in dataclasses.asdict(settings).items()
                     if k not in {"db_url", "progress_threshold"}},
    }
    text = json.dumps(described, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest(), described


def _chunks(items: Iterator[SourceItem], size: int) -> Iterator[tuple[int, list[SourceItem]]]:
    number = 0
    while chunk := list(islice(items, size)):
        yield number, chunk
        number += 1


def run_batch(inputs: list[str], out: Path, options: BatchOptions | None = None,
              settings: Settings | None = None,
              progress: BatchProgress | None = None) -> BatchSummary:
    """Analyse every document the inputs hold into Parquet tables under ``out``.

    Raises InputError for inputs that do not exist, a table without the mapped text column, or
    an ``out`` folder that holds another run's output.
    """
    options = options or BatchOptions()
    settings = settings or Settings()
    if options.partition_size < 1 or options.n_buckets < 1:
        raise InputError("--partition-size and --film-buckets must be at least 1")
    started = time.perf_counter()
    files = expand_inputs(inputs)
    fingerprint, described = _fingerprint(files, options, settings)
    state = BatchState(out)
    state.open(fingerprint, described)
    config = BatchConfig(settings, options.row_kind, options.n_buckets)
    source = SourceOptions(options.columns, options.encoding)
    engine = make_engine(options.engine, options.scheduler, options.workers)
    try:
        if progress is not None:
            progress.started(engine.dashboard_link, engine.n_workers)
        n_items, n_partitions, n_run, stopped = _map(engine, files, source, out, config, state,
                                                     options, progress)
        n_films = 0 if stopped else _reduce(engine, state, config, progress)
        peak = engine.peak_rss()
    finally:
        engine.close()
    markers = state.markers()
    totals = {name: sum(m.counts.get(name, 0) for m in markers)
              for name in ("documents", "reviews", "rejects")}
    n_film_rejects = 0 if stopped else _film_rejects(out)
    summary = BatchSummary(
        out=out, complete=not stopped, n_items=n_items, n_partitions=n_partitions,
        n_partitions_run=n_run, n_documents=totals["documents"], n_reviews=totals["reviews"],
        n_rejected=totals["rejects"] + n_film_rejects, n_films=n_films,
        elapsed_s=round(time.perf_counter() - started, 2), engine=options.engine,
        n_workers=engine.n_workers, dashboard_link=engine.dashboard_link, peak_rss_mb=peak,
        cpu_s=round(sum(m.cpu_s for m in markers), 2),
    )
    if not stopped:
        if options.db is not None:
            if progress is not None:
                progress.stage("loading the database")
            from critica.batch.load import load_into_store

            load_into_store(out, options.db, config, markers)
        state.finish({k: v for k, v in dataclasses.asdict(summary).items() if k != "out"})
    return summary


def _map(engine: Engine, files: list[str], source: SourceOptions, out: Path,
         config: BatchConfig, state: BatchState, options: BatchOptions,
         progress: BatchProgress | None) -> tuple[int, int, int, bool]:
    """Run every partition not yet written. Returns (items, partitions, run now, stopped)."""
    counted = {"items": 0, "partitions": 0, "run": 0, "done": 0}
    stopped = False

    def calls() -> Iterator[TaskCall]:
        nonlocal stopped
        for number, chunk in _chunks(iter_items(files, source), options.partition_size):
            counted["items"] += len(chunk)
            counted["partitions"] += 1
            if state.partition_done(number) is not None:
                counted["done"] += len(chunk)
                if progress is not None:
                    progress.advanced(counted["done"], None)
                continue
            if options.stop_after is not None and counted["run"] >= options.stop_after:
                stopped = True
                return
            counted["run"] += 1
            yield run_partition, (str(out), number, chunk, config)

    for marker in engine.run_unordered(calls()):
        counted["done"] += marker.n_items
        if progress is not None:
            progress.advanced(counted["done"], None if stopped else counted["items"])
    if progress is not None and not stopped:
        progress.advanced(counted["done"], counted["items"])
    return counted["items"], counted["partitions"], counted["run"], stopped


def _reduce(engine: Engine, state: BatchState, config: BatchConfig,
            progress: BatchProgress | None) -> int:
    """Build the films of every bucket whose shards changed since it was last built."""
    if progress is not None:
        progress.stage("building films")
    markers: list[PartitionMarker] = state.markers()
    buckets = sorted({b for m in markers for b in m.shards})
    state.stale_film_files(buckets)

    def calls() -> Iterator[TaskCall]:
        for bucket in buckets:
            digest = shard_digest(markers, bucket)
            if not state.bucket_done(bucket, digest):
                feeding = [m.number for m in markers if bucket in m.shards]
                yield run_bucket, (str(state.out), bucket, feeding, digest, config)

    for _ in engine.run_unordered(calls()):
        pass
    return sum(int((read_json(state.state / f"films-{b}.json") or {}).get("n_films", 0))
               for b in buckets)


def _film_rejects(out: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.read_metadata(p).num_rows for p in (out / "rejects").glob("films-*.parquet"))
