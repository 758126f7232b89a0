"""Where the tasks run: in this process (``local``) or on a Dask cluster (``dask``).

Both engines run the same task functions (work.run_partition, films.run_bucket) on the same
partitions, and the tasks write their own files; the engine only decides where and when. That
is why ``--engine dask`` gives the same output as ``--engine local``.

Dask: with no scheduler address a LocalCluster of N worker processes, one thread each, is
started (and stopped at the end); with ``tcp://host:8786`` an existing cluster is used, whose
workers must see the output folder at the same path (a shared file system) and have critica
installed. Each worker loads the models once, when it starts, through a WorkerPlugin.
"""

from __future__ import annotations

import logging
import resource
import sys
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from critica.errors import CriticaError

TaskCall = tuple[Callable[..., Any], tuple[Any, ...]]


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class Engine(Protocol):
    dashboard_link: str | None
    n_workers: int

    def run_unordered(self, calls: Iterator[TaskCall]) -> Iterator[Any]:
        """Run the calls, a bounded number at a time; yield results as they finish."""
        ...

    def peak_rss(self) -> dict[str, float]:
        """Peak memory (MB) of each process that ran tasks."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """Every task in this process, one after the other."""

    dashboard_link: str | None = None
    n_workers = 1

    def __init__(self) -> None:
        from critica.batch.work import warm_models

        warm_models()

    def run_unordered(self, calls: Iterator[TaskCall]) -> Iterator[Any]:
        for function, args in calls:
            yield function(*args)

    def peak_rss(self) -> dict[str, float]:
        return {"local": round(peak_rss_mb(), 1)}

    def close(self) -> None:
        pass


class DaskEngine:
    """Tasks on a Dask cluster: a LocalCluster of ``workers`` processes, or ``scheduler``'s."""

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise CriticaError("--engine dask needs dask[distributed]: pip install "
                               "'dask[distributed]'") from exc
        self._cluster: Any = None
        if scheduler is None:
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                dashboard_address=":0", silence_logs=logging.ERROR,
            )
            self.client = Client(self._cluster)
        else:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise CriticaError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}. Start one with "
                    "`dask scheduler` and workers with `dask worker ADDRESS` (docs/batch.md)"
                ) from exc
        from critica.batch.plugin import WarmModels

        self.client.register_plugin(WarmModels(), name="critica-warm-models")
        self.n_workers = max(1, len(self.client.scheduler_info(n_workers=-1)["workers"]))
        self.dashboard_link = self.client.dashboard_link
        # enough queued work to keep every worker busy, little enough to keep memory flat
        self.max_in_flight = 2 * self.n_workers + 1

    def run_unordered(self, calls: Iterator[TaskCall]) -> Iterator[Any]:
        from distributed import as_completed

        pending = as_completed()
        in_flight = 0
        for function, args in calls:
            pending.add(self.client.submit(function, *args, pure=False, retries=1))
            in_flight += 1
            while in_flight >= self.max_in_flight:
                yield next(pending).result()
                in_flight -= 1
        for future in pending:
            yield future.result()

    def peak_rss(self) -> dict[str, float]:
        found: dict[str, float] = self.client.run(peak_rss_mb)
        return {address: round(mb, 1) for address, mb in sorted(found.items())}

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str, scheduler: str | None, workers: int) -> Engine:
    if name == "local":
        if scheduler is not None:
            raise CriticaError("--scheduler needs --engine dask")
        return LocalEngine()
    if name == "dask":
        return DaskEngine(scheduler, workers)
    raise CriticaError(f"unknown engine {name!r}: use local or dask")
