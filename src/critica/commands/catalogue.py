"""`critica catalogue import FILE...` and `critica catalogue search QUERY`: thin over critica.catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from critica.catalogue.load import DEFAULT_BATCH_SIZE, DEFAULT_TITLE_TYPES
from critica.cli import err
from critica.errors import CriticaError
from critica.settings import load_settings


def _fail(exc: CriticaError) -> None:
    err.print(f"[red]error:[/red] {exc}")
    raise SystemExit(2)


@click.group("catalogue")
def catalogue_group() -> None:
    """A local film catalogue (IMDb's public TSV files) that films are linked to.

    Download title.basics.tsv.gz, title.principals.tsv.gz and name.basics.tsv.gz from
    https://datasets.imdbws.com/ and import them; `critica analyze` then gives each film
    its catalogue id and prefers the catalogue's title and year.
    """


@catalogue_group.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", "db_url", default=None, help="Database URL (default: sqlite:///critica.db).")
@click.option("--types", "title_types", default=",".join(DEFAULT_TITLE_TYPES), show_default=True,
              help="Title types to keep, comma-separated (IMDb's titleType), or 'all'.")
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True, type=click.IntRange(1),
              help="Rows written per transaction.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def import_command(files: tuple[Path, ...], db_url: str | None, title_types: str,
                   batch_size: int, quiet: bool) -> None:
    """Load IMDb title.basics, title.principals and name.basics files (plain or .gz).

    Which file is which is told by its header; importing again updates rows in place.
    """
    from critica.catalogue import import_catalogue

    types = None if title_types.strip().lower() == "all" else [
        t.strip() for t in title_types.split(",") if t.strip()
    ]
    try:
        settings = load_settings(db_url=db_url)
        with Progress(
            TextColumn("[bold]{task.fields[kind]}"), BarColumn(), DownloadColumn(),
            TextColumn("{task.fields[kept]:,} rows kept"), TimeElapsedColumn(),
            console=err, transient=True, disable=quiet or not err.is_terminal,
        ) as bar:
            tasks: dict[Path, TaskID] = {}

            def progress(kind: str, path: Path, done: int, total: int, kept: int) -> None:
                if path not in tasks:
                    tasks[path] = bar.add_task("", total=total, kind=f"{kind} {path.name}", kept=0)
                bar.update(tasks[path], completed=done, kept=kept)

            summary = import_catalogue(
                settings.db_url, files, title_types=types, batch_size=batch_size,
                progress=progress,
            )
    except CriticaError as exc:
        _fail(exc)
        return
    out = Console()
    table = Table("file", "kind", "rows read", "rows kept", "bad lines")
    for f in summary.files:
        table.add_row(str(f.path), f.kind, f"{f.rows_read:,}", f"{f.rows_kept:,}", str(f.bad_lines))
    out.print(table)
    out.print("catalogue now holds " + ", ".join(
        f"{n:,} {name.removeprefix('catalogue_')}" for name, n in summary.totals.items()
    ) + f" in {settings.db_url}")


@catalogue_group.command("search")
@click.argument("query")
@click.option("--db", "db_url", default=None, help="Database URL (default: sqlite:///critica.db).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1),
              help="At most this many matches.")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as JSON.")
def search_command(query: str, db_url: str | None, limit: int, as_json: bool) -> None:
    """Find catalogue titles by title ("rust and bone", "Night of the Living Dead 1990")."""
    from critica.catalogue import search_catalogue

    try:
        settings = load_settings(db_url=db_url)
        entries = search_catalogue(settings.db_url, query, limit)
    except CriticaError as exc:
        _fail(exc)
        return
    if as_json:
        click.echo(json.dumps([{
            "id": e.title.tconst, "title": e.title.primary_title,
            "original_title": e.title.original_title, "year": e.title.start_year,
            "type": e.title.title_type, "runtime_min": e.title.runtime_min,
            "directors": e.named("director"), "cast": e.named("actor", "actress")[:4],
        } for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(f"no catalogue title matches {query!r}")
        return
    for e in entries:
        t = e.title
        original = f" ({t.original_title})" if t.original_title else ""
        year = t.start_year if t.start_year is not None else "year unknown"
        directors = ", ".join(e.named("director"))
        credit = f" — directed by {directors}" if directors else ""
        click.echo(f"{t.tconst}  {t.primary_title}{original}, {year}, {t.title_type}{credit}")
