"""``critica score FILE``: score a user's own reviews, one JSON line per review."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import click
from rich.console import Console

from critica.errors import CriticaError

err = Console(stderr=True)


@click.command("score")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--column", default=None,
              help="Column of a TSV/CSV file that holds the reviews (default: review or text).")
@click.option("--grade-column", default=None,
              help="Column of a TSV/CSV file with the printed grade (\"3/5\", \"B+\"), used when readable.")
@click.option("--json-lines", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the JSON lines to this file instead of standard output.")
def score_command(path: Path, column: str | None, grade_column: str | None, out_path: Path | None) -> None:
    """Score every review in a text file (one per line), a folder of files, or a TSV/CSV column.

    Each review becomes one JSON line: text, verdict, fresh, p_positive, score, rating_text,
    quote (and error when it could not be scored).
    """
    from critica.score.batch import ScoredReview, score_collection

    out: TextIO = sys.stdout
    counts = {"scored": 0, "failed": 0}

    def emit(result: ScoredReview) -> None:
        out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        counts["failed" if result.error else "scored"] += 1
        if result.error:
            err.print(f"[yellow]{result.source}:[/yellow] {result.error}", highlight=False)

    try:
        results = score_collection(path, column, grade_column)
        first = next(results, None)  # reading errors (missing column, empty file) surface here
        if out_path is not None:
            out = out_path.open("w", encoding="utf-8")
        if first is not None:
            emit(first)
        for result in results:
            emit(result)
    except CriticaError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(2)
    finally:
        if out is not sys.stdout:
            out.close()
    err.print(f"scored {counts['scored']} reviews, {counts['failed']} could not be scored"
              + (f"; wrote {out_path}" if out_path else ""), highlight=False)
