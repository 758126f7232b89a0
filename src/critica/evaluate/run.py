"""``critica eval``'s library entry point: a task name in, result tables out.

    run_eval("mr", EvalOptions(data_dir)) -> [EvalTable]
    run_eval("all", ...) runs every data-set task, sharing the RT predictions between rt
    and rt-films; "facts" dispatches to critica.evaluate.facts.run_facts_eval(gold_dir).
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from critica.errors import InputError
from critica.evaluate.rt import RTPredictions, run_rt, run_rt_films
from critica.evaluate.table import EvalTable
from critica.evaluate.tasks import EvalOptions, run_mr, run_polarity, run_scale, run_sst2

__all__ = ["DATA_TASKS", "TASK_NAMES", "machine", "run_eval"]

DATA_TASKS: dict[str, Callable[[EvalOptions], EvalTable]] = {
    "mr": run_mr, "polarity": run_polarity, "sst2": run_sst2, "scale": run_scale,
    "rt": run_rt, "rt-films": run_rt_films,
}
TASK_NAMES = (*DATA_TASKS, "all", "facts")


def run_eval(task: str, options: EvalOptions, gold_dir: Path | None = None) -> list[EvalTable]:
    if task == "facts":
        if gold_dir is None:
            raise InputError("critica eval facts needs --gold DIR (a folder with gold.json)")
        from critica.evaluate.facts import run_facts_eval
        return [run_facts_eval(gold_dir)]
    if task not in DATA_TASKS and task != "all":
        raise InputError(f"unknown task {task!r}; choose one of {', '.join(TASK_NAMES)}")
    if not options.data_dir.is_dir():
        raise InputError(f"data folder not found: {options.data_dir} (pass --data ../shared/data)")
    if task == "all":
        cache: dict[str, RTPredictions] = {}
        tables = [DATA_TASKS[name](options) for name in ("mr", "sst2", "polarity", "scale")]
        # one set of out-of-fold RT predictions (with calibration sets) serves both tables
        rt = run_rt(options, cache=cache)
        return [*tables, rt, run_rt_films(options, cache=cache)]
    return [DATA_TASKS[task](options)]


def machine() -> dict[str, Any]:
    """What the figures were measured on, printed and stored beside every table."""
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.machine()}",
            "processor": _cpu_name(), "executable": sys.executable}


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
