"""Our held-out documents (tests/heldout, written before the rules were tuned) end to end.

Four films in one folder: two different films called Harbour Lights (1987, 2016), a French
film known by its English title, a film printed as "Salt & Iron" and "Salt and Iron". Every
expectation comes from the gold.json beside the documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from critica.records import CastMember, Film, Report
from goldsets import fold, load_golds, run_golds
from support import REPO

HELDOUT = REPO / "tests" / "heldout"


@pytest.fixture(scope="module")
def golds() -> list[tuple[Path, dict[str, Any]]]:
    return load_golds(HELDOUT)


@pytest.fixture(scope="module")
def report(golds: list[tuple[Path, dict[str, Any]]]) -> Report:
    return run_golds(golds)


def film_for(report: Report, folder: Path, gold: dict[str, Any]) -> Film:
    paths = {str(folder / d["file"]) for d in gold["documents"]}
    films = [f for f in report.films if {d.path for d in f.documents} == paths]
    assert len(films) == 1, [(f.title, f.year, [d.path for d in f.documents]) for f in report.films]
    return films[0]


def test_each_gold_film_is_one_film_with_its_title_and_year(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    assert len(report.films) == len(golds)
    for folder, gold in golds:
        film = film_for(report, folder, gold)
        assert fold(film.title) == fold(gold["film"]["title"])
        assert film.year == gold["film"]["year"]
        if fold(gold["film"]["original_title"]) != fold(gold["film"]["title"]):
            assert film.original_title and fold(film.original_title) == fold(gold["film"]["original_title"])


def test_no_film_for_passing_mentions_or_adverts(report: Report) -> None:
    # "The Copper Meadow (1991) on Blu-ray - order", "Copper Sky (2018) - buy now", "The Glass
    # Orchard" (the director's last film): named in the documents, never a film of the report.
    titles = {fold(f.title) for f in report.films}
    assert not titles & {"the copper meadow", "copper sky", "the glass orchard", "tender is the wolf"}


def test_misspellings_are_variants_and_diacritics_fold(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    for folder, gold in golds:
        film = film_for(report, folder, gold)
        entries = {fold(e.value.actor): e for e in film.facts.get("cast", ())
                   if isinstance(e.value, CastMember)}
        for member in gold["film"]["cast"]:
            assert fold(member["actor"]) in entries, member["actor"]
            for wrong in member.get("misspellings_seen", []):
                assert fold(wrong) not in entries
                assert wrong in entries[fold(member["actor"])].variants
    wings = next(f for f in report.films if f.original_title)
    actors = [e.value.actor for e in wings.facts["cast"] if isinstance(e.value, CastMember)]
    assert "Éléonore Vasseur" in actors and "Eleonore Vasseur" not in actors


def test_conflicts_are_listed_and_explained(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    for folder, gold in golds:
        expected = gold["film"].get("conflicts", [])
        film = film_for(report, folder, gold)
        got = {c.field: c for c in film.conflicts}
        for conflict in expected:
            assert conflict["field"] in got, (gold["film"]["title"], conflict)
            if conflict.get("explained") and conflict["field"] == "runtime_min":
                note = got["runtime_min"].note or ""
                assert "version" in note and ("cut" in note or "trimmed" in note), note
            if conflict.get("explained") == "currencies":
                assert "currenc" in (got[conflict["field"]].note or "")


def test_every_quote_is_exact(report: Report) -> None:
    texts = {d.path: d.text for d in report.documents}
    for film in report.films:
        for entries in film.facts.values():
            for entry in entries:
                for ev in entry.sources:
                    assert ev.quote in texts[ev.path], ev
