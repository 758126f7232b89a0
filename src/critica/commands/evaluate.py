"""``critica eval TASK``: the evaluation protocols, ours beside the peers, as one table."""

from __future__ import annotations

import json
import shlex
import sys
import time
from pathlib import Path

import click
from rich.console import Console

from critica.errors import CriticaError
from critica.evaluate.run import TASK_NAMES

err = Console(stderr=True)


@click.command("eval")
@click.argument("task", type=click.Choice(TASK_NAMES))
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("../shared/data"), show_default=True,
              help="Folder holding the labelled data sets.")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with gold.json, for the facts task.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the table(s) as JSON to this file.")
@click.option("--sample", type=click.IntRange(min=20), default=None,
              help="Use a fixed seeded sample of about N items per set (fast runs, CI).")
@click.option("--models", default=None,
              help="Comma-separated names of our models to run (default: all); peers always run.")
@click.option("--encoder-cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of critica-stack's two cross-fitted MiniLM encoders and their logits "
                   "(default: ~/.cache/critica/crossfit); fine-tuned into it when missing, "
                   "about 8 minutes each on 2 cores.")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
def eval_command(task: str, data_dir: Path, gold_dir: Path | None, json_out: Path | None,
                 sample: int | None, models: str | None, encoder_cache: Path | None,
                 quiet: bool) -> None:
    """Measure the verdict and score models on a standard protocol, beside VADER, TextBlob and TF-IDF."""
    from critica.evaluate.run import machine, run_eval
    from critica.evaluate.tasks import EvalOptions

    def progress(message: str) -> None:
        if not quiet:
            err.print(f"[dim]{message}[/dim]", highlight=False)

    names = tuple(n.strip() for n in models.split(",") if n.strip()) if models else None
    options = EvalOptions(data_dir, sample, names, progress, encoder_cache)
    began = time.perf_counter()
    try:
        tables = run_eval(task, options, gold_dir)
    except CriticaError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    seconds = round(time.perf_counter() - began, 1)
    command = "critica " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    host = machine()
    out = Console(width=None if sys.stdout.isatty() else 160)  # files and pipes get whole tables
    for table in tables:
        table.render(out)
    out.print(f"command: {command}", highlight=False)
    out.print(f"machine: {host['cpus']} CPUs ({host['processor']}), Python {host['python']}, "
              f"{host['platform']}; {seconds} s", highlight=False)
    if json_out is not None:
        # the run's total is "run_seconds": a table's own "seconds" (per task) must survive
        run = {"command": command, "machine": host, "run_seconds": seconds}
        if len(tables) == 1:
            payload = {**tables[0].to_json(), **run}
        else:
            payload = {"tables": [t.to_json() for t in tables], **run}
        json_out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        err.print(f"wrote {json_out}")
