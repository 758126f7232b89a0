"""`critica films`: the stored films, optionally ranked by a score weighted for review count."""

from __future__ import annotations

import dataclasses
import json
import sys

import click
from rich.console import Console
from rich.table import Table

from critica.errors import CriticaError
from critica.settings import load_settings


@click.command("films")
@click.option("--db", "db_url", default=None, help="Database URL (default: sqlite:///critica.db).")
@click.option("--rank", is_flag=True,
              help="Order by the count-weighted score v/(v+m) R + m/(v+m) C (IMDb's formula).")
@click.option("--year", type=int, default=None, help="Only films of this year.")
@click.option("--genre", default=None, help="Only films of this genre, when known.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def films_command(db_url: str | None, rank: bool, year: int | None, genre: str | None,
                  as_json: bool) -> None:
    """List the stored films with their critics' figures."""
    from critica.aggregate.ranking import rank_films
    from critica.store import open_store

    try:
        settings = load_settings(db_url=db_url)
        with open_store(settings.db_url) as store:
            films = [row.to_film() for row in
                     (store.film(f.slug) for f in store.films()) if row is not None]
        ranked = rank_films(films, settings, year=year, genre=genre, rank=rank)
    except CriticaError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}")
        sys.exit(2)
    if as_json:
        click.echo(json.dumps({"m": settings.rank_min_reviews, "ranked": rank,
                               "films": [dataclasses.asdict(f) for f in ranked]},
                              ensure_ascii=False, indent=2))
        return
    table = Table(show_edge=False)
    for column in ("#", "film", "year", "reviews", "% positive", "mean", "weighted", "genres"):
        table.add_column(column, justify="right" if column not in {"film", "genres"} else "left")
    for i, f in enumerate(ranked, start=1):
        table.add_row(
            str(i) if f.weighted_score is not None or not rank else "-", f.title,
            str(f.year or "-"), str(f.n_reviews),
            "no score" if f.percent_positive is None else f"{f.percent_positive:g}",
            "-" if f.mean_score is None else f"{f.mean_score:g}",
            "-" if f.weighted_score is None else f"{f.weighted_score:g}",
            ", ".join(f.genres) or "-",
        )
    Console().print(table)
