"""batch: the pipeline over many documents, on this machine or a Dask cluster.

    run_batch(inputs, out, BatchOptions(...)) -> BatchSummary
    read_table(out, "films" | "reviews" | "documents" | "facts" | "rejects") -> pyarrow.Table

Inputs are document files (folders, globs) and tables of reviews (JSONL, CSV, TSV, optionally
gzipped; columns mapped by :class:`ColumnMap`). The work is split into partitions that run the
very stage functions of ``critica analyze`` (work.py), then shuffled by film so each film is
built once from all its documents (films.py). Output: Parquet tables under ``out``; a rerun
skips what is written (state.py). See docs/batch.md.
"""

from critica.batch.run import BatchOptions, BatchProgress, BatchSummary, run_batch
from critica.batch.sources import ColumnMap
from critica.batch.tables import SCHEMAS, read_table

__all__ = [
    "SCHEMAS",
    "BatchOptions",
    "BatchProgress",
    "BatchSummary",
    "ColumnMap",
    "read_table",
    "run_batch",
]
