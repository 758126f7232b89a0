"""critica batch on Dask gives the output of the local engine, table for table.

A real dask.distributed cluster on this machine: two worker processes, one thread each, reached
by its scheduler address (as an existing cluster would be), plus one run where the batch starts
its own LocalCluster.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from test_batch import CORPUS, RT_COLUMNS, batch, needs_rt, rt_sample, tables_of

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_corpus_on_dask_equals_local(tmp_path: Path, scheduler: str) -> None:
    batch([CORPUS], tmp_path / "local")
    summary = batch([CORPUS], tmp_path / "dask", engine="dask", scheduler=scheduler)
    assert summary.n_workers == 2
    local, dask = tables_of(tmp_path / "local"), tables_of(tmp_path / "dask")
    assert len(local["films"]) == 1 and len(local["reviews"]) > 5
    assert dask == local


@needs_rt
def test_rt_rows_on_dask_equal_local(tmp_path: Path, scheduler: str) -> None:
    sample = rt_sample(tmp_path)
    options = {"columns": RT_COLUMNS, "partition_size": 7, "n_buckets": 4}
    batch([sample], tmp_path / "local", **options)
    batch([sample], tmp_path / "dask", engine="dask", scheduler=scheduler, **options)
    local, dask = tables_of(tmp_path / "local"), tables_of(tmp_path / "dask")
    assert len(local["films"]) > 5 and len(local["rejects"]) > 0
    assert dask == local


@needs_rt
def test_own_local_cluster_and_resume_across_engines(tmp_path: Path) -> None:
    sample = rt_sample(tmp_path)
    options = {"columns": RT_COLUMNS, "partition_size": 25}
    batch([sample], tmp_path / "local", **options)
    # half the partitions on the local engine, the rest on a LocalCluster of two workers
    first = batch([sample], tmp_path / "mixed", stop_after=3, **options)
    assert not first.complete
    summary = batch([sample], tmp_path / "mixed", engine="dask", workers=2, **options)
    assert summary.complete and summary.n_workers == 2
    assert summary.dashboard_link and summary.dashboard_link.startswith("http")
    assert len(summary.peak_rss_mb) == 2
    assert tables_of(tmp_path / "mixed") == tables_of(tmp_path / "local")


def _model_loads() -> int:
    from critica.score import load_default

    return int(load_default.cache_info().misses)


def test_models_load_once_per_worker(tmp_path: Path, scheduler: str) -> None:
    batch([CORPUS], tmp_path / "one", engine="dask", scheduler=scheduler, partition_size=1)
    batch([CORPUS], tmp_path / "two", engine="dask", scheduler=scheduler, partition_size=2)
    with distributed.Client(scheduler) as client:
        loads = client.run(_model_loads)
    assert len(loads) == 2
    assert set(loads.values()) == {1}  # 10 partitions, 2 workers: one load each
