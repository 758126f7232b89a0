"""What the gold-set tests share: loading a folder of gold.json files, analysing its documents in
one run (as `critica eval facts --gold DIR` does), and reading the scored table."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from critica.evaluate.facts import score_report
from critica.evaluate.table import EvalTable
from critica.pipeline import run
from critica.records import Report

Golds = list[tuple[Path, dict[str, Any]]]


def fold(text: str) -> str:
    """Case and diacritics folded: "Stéphanie" and "stephanie" compare equal."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()


def fold_words(text: str) -> str:
    """fold, with runs of whitespace collapsed to one space."""
    return " ".join(fold(text).split())


def load_golds(folder: Path) -> Golds:
    return [(p.parent, json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(folder.rglob("gold.json"))]


def run_golds(golds: Golds) -> Report:
    """Every document the gold files list, all films in ONE run."""
    return run([str(folder / d["file"]) for folder, gold in golds for d in gold["documents"]])


def score_table(report: Report, golds: Golds) -> EvalTable:
    return score_report(report, golds, {d.path: d.text for d in report.documents})


def metric_row(table: EvalTable, name: str) -> dict[str, float]:
    found = [r for r in table.rows if r.model == name]
    assert found, f"no row {name!r} in the facts table"
    return dict(found[0].metrics)


def metadata_right(report: Report, golds: Golds) -> tuple[int, int]:
    """(right, total) over outlet, author and publication date of every gold document; a
    document in no film reads as all-null, and a gold null must be predicted null."""
    summaries = {d.path: d for f in report.films for d in f.documents}
    right = total = 0
    for folder, gold in golds:
        for d in gold["documents"]:
            got = summaries.get(str(folder / d["file"]))
            for key in ("outlet", "author", "published"):
                total += 1
                expected, value = d.get(key), getattr(got, key) if got else None
                right += (expected is None and value is None) or (
                    expected is not None and value is not None
                    and fold_words(expected) == fold_words(value))
    return right, total


def kind_right(report: Report, golds: Golds) -> tuple[int, int]:
    """(right, total) of document kinds against the gold documents."""
    kinds = {d.path: d.kind for f in report.films for d in f.documents}
    paths = [(str(folder / d["file"]), d["kind"]) for folder, gold in golds for d in gold["documents"]]
    return sum(kinds.get(path) == kind for path, kind in paths), len(paths)


# -- what every gold-set test module checks (tests/test_heldout*_facts.py) ---------------------
def gold_fixtures(folder: Path) -> tuple[Any, Any, Any]:
    """Module-scoped ``golds``, ``report`` (all films in ONE run, as `critica eval facts` does)
    and ``table`` fixtures for the gold set in ``folder``; a test module binds them by name:
    ``golds, report, table = gold_fixtures(FOLDER)``."""
    import pytest

    @pytest.fixture(scope="module")
    def golds() -> Golds:
        return load_golds(folder)

    @pytest.fixture(scope="module")
    def report(golds: Golds) -> Report:
        return run_golds(golds)

    @pytest.fixture(scope="module")
    def table(report: Report, golds: Golds) -> EvalTable:
        return score_table(report, golds)

    return golds, report, table


def check_micro(table: EvalTable, floors: dict[str, float]) -> None:
    micro = metric_row(table, "all fields (micro)")
    for metric, floor in floors.items():
        assert micro[metric] >= floor, (metric, micro)


def check_identification(table: EvalTable, floors: dict[str, float], documents: int) -> None:
    ident = metric_row(table, "film identification")
    assert ident["documents"] == documents
    for metric, floor in floors.items():
        assert ident[metric] >= floor, (metric, ident)


def check_quotes_exact(table: EvalTable) -> None:
    quotes = metric_row(table, "quotes exact")
    assert quotes["quotes"] > 0 and quotes["accuracy"] == 1.0


def check_never_merged(report: Report, folders: set[str]) -> None:
    """No film holds documents of every folder in ``folders`` (same-titled films kept apart)."""
    for film in report.films:
        held = {Path(d.path).parent.name for d in film.documents}
        assert not folders <= held, film.title


def check_no_passing_mentions(report: Report, titles: set[str]) -> None:
    made = {fold_words(f.title) for f in report.films}
    assert not made & titles, made & titles
