"""critica's command line: thin commands over the library (parse, call one function, format)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from critica import __version__
from critica.errors import CriticaError
from critica.settings import load_settings

err = Console(stderr=True)


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int, int, str], None] | None]:
    if not enabled:
        yield None
        return
    with Progress(
        TextColumn("[bold]reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}", style="dim"), console=err, transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def update(done: int, total: int, path: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(path).name)

        yield update


def _fail(exc: CriticaError) -> None:
    err.print(f"[red]error:[/red] {exc}")
    sys.exit(2)


# Commands that live in their own module under critica.commands, imported only when run, so
# `critica analyze` does not pay for the web server, Dask or the evaluation harness.
LAZY_COMMANDS: dict[str, str] = {
    "eval": "critica.commands.evaluate:eval_command",
    "score": "critica.commands.score:score_command",
    "catalogue": "critica.commands.catalogue:catalogue_group",
    "films": "critica.commands.films:films_command",
    "serve": "critica.commands.serve:serve_command",
    "token": "critica.commands.token:token_group",
    "batch": "critica.commands.batch:batch_command",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = [name for name, target in LAZY_COMMANDS.items() if _module_exists(target)]
        return sorted([*super().list_commands(ctx), *lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None or not _module_exists(target):
            return super().get_command(ctx, cmd_name)
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


def _module_exists(target: str) -> bool:
    try:
        return importlib.util.find_spec(target.split(":")[0]) is not None
    except ModuleNotFoundError:
        return False


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="critica")
def main() -> None:
    """critica: read documents about films and build each film's critics' page."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_url", default=None, help="Database URL (default: sqlite:///critica.db).")
@click.option("--no-db", is_flag=True, help="Do not store the result.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report as JSON (the contract in DESIGN.md) to this file.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the one-line summary.")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None,
              help="Processes that analyse documents side by side (default: setting `workers`, 1).")
def analyze(paths: tuple[str, ...], db_url: str | None, no_db: bool, json_out: Path | None, quiet: bool,
            workers: int | None) -> None:
    """Analyse files, folders, globs or URLs and print a report per film."""
    from critica.api import analyze as run_analysis
    from critica.ingest import expand_paths
    from critica.report import render, write_json

    try:
        overrides: dict[str, Any] = {"db_url": db_url}
        if workers is not None:
            overrides["workers"] = workers
        settings = load_settings(**overrides)
        # Expanded once here (the bar needs the count); the pipeline gets the file list.
        files = expand_paths(paths)
        started = time.perf_counter()
        with _progress_bar(len(files) > settings.progress_threshold and err.is_terminal) as progress:
            report = run_analysis(
                files, db=None if no_db else settings.db_url, settings=settings, progress=progress
            )
        elapsed = time.perf_counter() - started
    except CriticaError as exc:
        _fail(exc)
        return
    out = Console()
    if quiet:
        out.print(f"{len(report.films)} films, {len(report.documents)} documents, {len(report.rejected)} rejected")
    else:
        render(report, out)
    if json_out is not None:
        write_json(report, json_out)
        err.print(f"wrote {json_out}")
    if not no_db:
        err.print(f"stored in {settings.db_url}")
    err.print(f"done in {elapsed:.1f} s")


@main.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("../shared/data"), show_default=True,
              help="Folder holding the labelled data sets.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the models (default: the package's models folder).")
@click.option("--encoder-cache", "cache", type=click.Path(file_okay=False, path_type=Path),
              default=None,
              help="Folder keeping the two cross-fitted encoders and their logits (the same as "
                   "`critica eval --encoder-cache`): a rerun reuses them instead of fine-tuning "
                   "again (about 30 minutes each on 2 cores).")
def train(data_dir: Path, out_dir: Path | None, cache: Path | None) -> None:
    """Retrain every shipped model from the labelled data sets."""
    from critica.score.model import MODELS_DIR
    from critica.score.train import train_all

    if not data_dir.is_dir():
        _fail(CriticaError(f"data folder not found: {data_dir} (pass --data PATH)"))

    def progress(message: str) -> None:
        err.print(f"[dim]{message}[/dim]")

    try:
        summary: Any = train_all(data_dir, out_dir or MODELS_DIR, progress=progress,
                                 cache=cache)
    except CriticaError as exc:
        _fail(exc)
        return
    click.echo(str(summary))


@main.command("config")
def show_config() -> None:
    """List every setting with its current value, default and help."""
    from critica.settings import describe

    try:
        current = load_settings()
    except CriticaError as exc:
        _fail(exc)
        return
    for name, default, help_text in describe():
        click.echo(f"{name} = {getattr(current, name)!r}  (default {default!r})\n    {help_text}")


if __name__ == "__main__":  # pragma: no cover
    main()
