"""The map step: one partition of items through the stage functions, written to disk.

Each item goes through the very functions ``critica analyze`` uses (ingest.read_file, clean,
pipeline.analyze_document); a table row's mapped columns (critic, outlet, date, printed grade)
then fill in what prose alone cannot say. The partition's rows go to the Parquet tables and
each analysed document to a shard of its film bucket, for the shuffle by film (films.py).

The models load once per process (the score stage caches them); ``warm_models`` loads them up
front, which the Dask engine runs once per worker through a WorkerPlugin.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from critica.batch.sources import SourceItem
from critica.batch.state import IDENTIFY_BUCKET, BatchState, PartitionMarker, bucket_name
from critica.batch.tables import (
    atomic_write,
    document_row,
    fact_rows,
    reject_row,
    review_rows,
    write_table,
)
from critica.clean import clean
from critica.ingest import read_file
from critica.opinion.reading import read_sentences
from critica.pipeline import analyze_document
from critica.records import (
    AnalyzedDocument,
    DocumentKind,
    DocumentMeta,
    Identity,
    RawDocument,
    Rejection,
    TitleCandidate,
)
from critica.score import parse_rating, verdict_of
from critica.settings import Settings

FILM_COLUMN_ORIGIN = "film_column"  # a title candidate that came from the input's film column


@dataclass(frozen=True)
class BatchConfig:
    """What the workers need to know (it travels with every task, so keep it small)."""

    settings: Settings
    row_kind: DocumentKind | None = "critic_review"  # a table row is a review unless told
    n_buckets: int = 32


@dataclass(frozen=True)
class ShardEntry:
    """One analysed document on its way to its film (the unit of the shuffle)."""

    index: int
    key: str | None  # the film column's value; None: identify the film from the text
    title: str | None
    year: int | None
    document: AnalyzedDocument


def bucket_of(key: str | None, n_buckets: int) -> str:
    """Film bucket of a key: stable across processes and machines (not Python's hash())."""
    if key is None:
        return IDENTIFY_BUCKET
    return bucket_name(int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % n_buckets)


def warm_models() -> None:
    """Load every model the stages use, by analysing one short review (once per process).

    A worker uses one torch thread: the engines run one worker per core."""
    from critica.score.encoder import set_inference_threads

    set_inference_threads(1)
    raw = RawDocument("warm-up", b"A moving, beautifully acted film. The story never drags.")
    document = clean(raw)
    if not isinstance(document, Rejection):
        analyze_document(document, kind="critic_review",
                         identity=Identity("warm-up", (TitleCandidate("warm-up", None, 1.0, "x"),)))
        # and what only the film step reads: the opinion head and its base encoder
        read_sentences(document.text)


def analyze_item(item: SourceItem, config: BatchConfig) -> AnalyzedDocument | Rejection:
    """ingest -> clean -> classify/identify/extract/score for one item; a Rejection says why not."""
    if item.problem:
        return Rejection(item.path, "ingest", item.problem)
    if item.text is None:
        raw = read_file(item.path, config.settings)
        if isinstance(raw, Rejection):
            return raw
    else:
        raw = RawDocument(item.path, item.text.encode("utf-8", "surrogatepass"), "text")
    try:
        document = clean(raw)
    except Exception as exc:  # one broken document never stops a run
        return Rejection(item.path, "clean", f"internal error: {type(exc).__name__}: {exc}")
    if isinstance(document, Rejection):
        return document
    identity = None
    if item.film is not None:
        candidate = TitleCandidate(item.title or item.film, item.year, 1.0, FILM_COLUMN_ORIGIN)
        identity = Identity(item.path, (candidate,))
    kind = config.row_kind if item.text is not None else None
    analyzed = analyze_document(document, kind=kind, identity=identity)
    if isinstance(analyzed, Rejection):
        return analyzed
    return with_columns(analyzed, item)


def with_columns(doc: AnalyzedDocument, item: SourceItem) -> AnalyzedDocument:
    """A row's critic, outlet, date and printed grade win over what the prose suggests."""
    if not (item.critic or item.outlet or item.published or item.grade):
        return doc
    old = doc.extraction.meta
    meta = DocumentMeta(outlet=item.outlet or old.outlet, author=item.critic or old.author,
                        published=item.published or old.published)
    reviews = list(doc.reviews)
    if reviews and reviews[0].reported_in is None:
        own = dataclasses.replace(reviews[0], critic=meta.author, outlet=meta.outlet,
                                  published=meta.published)
        printed = parse_rating(item.grade) if item.grade else None
        if printed is not None:
            verdict = verdict_of(printed.score)
            own = dataclasses.replace(own, rating_text=item.grade, score=printed.score,
                                      score_source="explicit", verdict=verdict,
                                      fresh=verdict == "positive")
        reviews[0] = own
    extraction = dataclasses.replace(doc.extraction, meta=meta)
    return dataclasses.replace(doc, extraction=extraction, reviews=tuple(reviews))


def run_partition(out: str, number: int, items: Sequence[SourceItem],
                  config: BatchConfig) -> PartitionMarker:
    """Analyse one partition and write its tables and shards; the marker is written last."""
    cpu_started = time.process_time()
    state = BatchState(Path(out))
    state.clear_partition(number)  # leftovers of a killed attempt
    tables: dict[str, list[dict[str, Any]]] = {n: [] for n in ("documents", "reviews", "facts",
                                                                "rejects")}
    shards: dict[str, list[ShardEntry]] = {}
    for item in items:
        result = analyze_item(item, config)
        if isinstance(result, Rejection):
            tables["rejects"].append(reject_row(item.index, result))
            continue
        tables["documents"].append(document_row(item.index, item.film, result, item.label,
                                                item.top_critic))
        tables["reviews"].extend(review_rows(item.index, item.film, result, item.label,
                                             item.top_critic))
        tables["facts"].extend(fact_rows(item.index, item.film, result))
        entry = ShardEntry(item.index, item.film, item.title, item.year, result)
        shards.setdefault(bucket_of(item.film, config.n_buckets), []).append(entry)
    files = dict(zip(("documents", "reviews", "facts", "rejects"),
                     state.partition_files(number), strict=True))
    for name, rows in tables.items():
        write_table(name, rows, files[name])
    checksums = {}
    shard_dir = state.shuffle / files["documents"].stem
    for bucket, entries in sorted(shards.items()):
        data = zlib.compress(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL), 1)
        atomic_write(shard_dir / f"{bucket}.pkl", lambda tmp, data=data: tmp.write_bytes(data))
        checksums[bucket] = hashlib.sha256(data).hexdigest()
    marker = PartitionMarker(number, len(items), {n: len(r) for n, r in tables.items()},
                             checksums, round(time.process_time() - cpu_started, 3))
    state.mark_partition(marker)
    return marker


def load_shard(path: Path) -> list[ShardEntry]:
    # Our own files, written by run_partition in this output folder (never user input).
    entries: list[ShardEntry] = pickle.loads(zlib.decompress(path.read_bytes()))  # noqa: S301
    return entries
