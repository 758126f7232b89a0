"""`critica batch`: the pipeline over many documents, locally or on Dask, into Parquet."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from critica.errors import CriticaError
from critica.settings import load_settings

err = Console(stderr=True)


class _Bar:
    """The terminal side of batch progress: the dashboard link, then a bar of items done."""

    def __init__(self, enabled: bool) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err, transient=True, disable=not enabled,
        )
        self._task = self._progress.add_task("analysing", total=None)

    def __enter__(self) -> _Bar:
        self._progress.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._progress.stop()

    def started(self, dashboard_link: str | None, n_workers: int) -> None:
        if dashboard_link:
            err.print(f"Dask dashboard: {dashboard_link} ({n_workers} workers)")

    def advanced(self, n_items: int, total: int | None) -> None:
        self._progress.update(self._task, completed=n_items, total=total)

    def stage(self, name: str) -> None:
        self._progress.update(self._task, description=name)


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder for the Parquet tables (a rerun resumes in it).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="Run in this process, or on Dask.")
@click.option("--scheduler", default=None,
              help="Address of a running Dask scheduler (tcp://host:8786); default: start a "
                   "LocalCluster.")
@click.option("--workers", type=int, default=2, show_default=True,
              help="Worker processes of the LocalCluster (one thread each).")
@click.option("--db", "db_url", default=None,
              help="Also load the result into this database (sqlite:///... or postgresql://...).")
@click.option("--text-column", default="text", show_default=True,
              help="Table column with the review text.")
@click.option("--film-column", default=None,
              help="Table column with a film id: the film is taken from it, not identified.")
@click.option("--title-column", default=None, help="Table column with the film's title.")
@click.option("--year-column", default=None, help="Table column with the film's year.")
@click.option("--critic-column", default=None, help="Table column with the critic's name.")
@click.option("--outlet-column", default=None, help="Table column with the outlet.")
@click.option("--date-column", default=None, help="Table column with the review's date.")
@click.option("--grade-column", default=None,
              help="Table column with the rating as printed (3/5, B+): it sets the score.")
@click.option("--label-column", default=None,
              help="Table column with a gold label (fresh/rotten), kept beside the prediction.")
@click.option("--top-critic-column", default=None, help="Table column flagging top critics.")
@click.option("--encoding", default="auto", show_default=True,
              help="Encoding of table files; auto: UTF-8 if it decodes, else cp1252.")
@click.option("--row-kind", default="critic_review", show_default=True,
              help="Document kind of a table row; 'classify' to let the classifier decide.")
@click.option("--partition-size", type=int, default=2000, show_default=True,
              help="Documents per partition (the unit of work and of resuming).")
@click.option("--film-buckets", type=int, default=32, show_default=True,
              help="Buckets of the shuffle by film (the unit of film-building work).")
@click.option("--stop-after", type=int, default=None,
              help="Stop after this many new partitions; run again to go on.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def batch_command(inputs: tuple[str, ...], out: Path, engine: str, scheduler: str | None,
                  workers: int, db_url: str | None, text_column: str,
                  film_column: str | None, title_column: str | None, year_column: str | None,
                  critic_column: str | None, outlet_column: str | None,
                  date_column: str | None, grade_column: str | None,
                  label_column: str | None, top_critic_column: str | None, encoding: str,
                  row_kind: str, partition_size: int, film_buckets: int,
                  stop_after: int | None, quiet: bool) -> None:
    """Analyse folders, globs, JSONL or CSV/TSV tables of reviews into Parquet, at scale.

    Writes OUT/documents, reviews, facts, films and rejects (Parquet). Rerunning with the same
    inputs skips what is already written, so an interrupted run is finished by running again.
    """
    from critica.batch import BatchOptions, ColumnMap, run_batch
    from critica.records import DOCUMENT_KINDS

    if row_kind != "classify" and row_kind not in DOCUMENT_KINDS:
        err.print(f"[red]error:[/red] --row-kind must be classify or one of "
                  f"{', '.join(DOCUMENT_KINDS)}")
        sys.exit(2)
    columns = ColumnMap(
        text=text_column, film=film_column, title=title_column, year=year_column,
        critic=critic_column, outlet=outlet_column, date=date_column, grade=grade_column,
        label=label_column, top_critic=top_critic_column,
    )
    options = BatchOptions(
        columns=columns, encoding=encoding,
        row_kind=None if row_kind == "classify" else row_kind,  # type: ignore[arg-type]
        partition_size=partition_size, n_buckets=film_buckets, engine=engine,
        scheduler=scheduler, workers=workers, db=db_url, stop_after=stop_after,
    )
    try:
        settings = load_settings()
        with _Bar(not quiet and err.is_terminal) as bar:
            summary = run_batch(list(inputs), out, options, settings, progress=bar)
    except CriticaError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    state = "done" if summary.complete else "stopped (run again to go on)"
    click.echo(
        f"{state}: {summary.n_items} items in {summary.n_partitions} partitions "
        f"({summary.n_partitions_run} run now), {summary.n_documents} documents, "
        f"{summary.n_reviews} reviews, {summary.n_films} films, {summary.n_rejected} rejected"
    )
    peak = ", ".join(f"{mb:g}" for mb in summary.peak_rss_mb.values())
    err.print(f"{summary.elapsed_s:.1f} s, {summary.items_per_s:.0f} items/s on "
              f"{summary.n_workers} worker(s) ({summary.engine}); peak memory per worker "
              f"{peak} MB; output in {out}")
    if db_url:
        err.print(f"loaded into {db_url}")
