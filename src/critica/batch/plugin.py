"""The Dask worker plugin that loads the models once per worker (imported only with Dask)."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin


class WarmModels(WorkerPlugin):
    """Loads the models when a worker starts, so no task pays for it (or does it twice)."""

    idempotent = True

    def setup(self, worker: Any) -> None:
        from critica.batch.work import warm_models

        warm_models()
