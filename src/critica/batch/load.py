"""--db: load a finished batch into the store, one film bucket at a time.

Goes through ``Store.save_report``, the same path ``critica analyze --db`` takes, so the schema,
the idempotency (documents by content hash, films by slug) and the run record are the store's
own. Only one bucket's documents are in memory at a time. Loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from critica.batch.films import films_of, load_bucket
from critica.batch.state import PartitionMarker
from critica.batch.tables import read_table
from critica.batch.work import BatchConfig
from critica.records import Rejection, Report
from critica.store import SaveSummary, open_store


def load_into_store(out: Path, url: str, config: BatchConfig,
                    markers: Sequence[PartitionMarker]) -> list[SaveSummary]:
    """Save every film (with its documents) and every rejection of the batch at ``out``."""
    summaries = []
    buckets = sorted({b for m in markers for b in m.shards})
    with open_store(url) as store:
        # the films/ tables were built without a store; here badges keep their hysteresis
        held = store.held_badges()
        for bucket in buckets:
            feeding = [m.number for m in markers if bucket in m.shards]
            entries = load_bucket(out, bucket, feeding)
            films, rejected = films_of(bucket, entries, config, held)
            documents = tuple(e.document.classified.document for e in entries)
            report = Report(films=tuple(f for _, _, f in films), rejected=rejected,
                            documents=documents, n_inputs=len(entries))
            summaries.append(store.save_report(report, documents))
        rejects = read_table(out, "rejects").to_pylist()
        if rejects:
            rejected = tuple(Rejection(r["path"], r["stage"], r["reason"]) for r in rejects
                             if r["index"] >= 0)  # film-stage ones were saved with their bucket
            summaries.append(store.save_report(Report(films=(), rejected=rejected), ()))
    return summaries
