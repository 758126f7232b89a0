"""The third held-out set (tests/heldout3) end to end: documents no rule was tuned on.

tests/heldout was tuned on, and tests/heldout2's miss summary chose the categories of the
development-set work (tests/devshapes), so neither is an unseen-data figure any more.
tests/heldout3 (15 documents, 5 invented films: two different films called Undertow, 1994 and
2022; a German film known by its English title, Der Lotsenfisch / The Pilot Fish; a
documentary, The Salt Choir; an animated film, The Moth and the Lamp) was written afterwards
and measured ONCE with `critica eval facts --gold tests/heldout3`, with no change to src/. The
expectations come from its gold.json files only.

The floors below are set a little BELOW what was measured (about 0.05 under each figure in
docs/benchmarks.md, "Facts on unseen documents (tests/heldout3)"), so that a regression fails.
The first measurement was unseen; the second came after identification work whose development
set borrowed the categories of this set's miss summary (never its documents), so heldout3 is
no longer an unseen figure. awards measured 0.00 and has no floor (a floor of 0 cannot fail).
Never tune rules on these documents; write a tests/heldout4 for the next unseen figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from critica.evaluate.table import EvalTable
from critica.records import Report
from goldsets import (
    check_identification,
    check_micro,
    check_never_merged,
    check_no_passing_mentions,
    check_quotes_exact,
    gold_fixtures,
    kind_right,
    metadata_right,
    metric_row,
)
from support import REPO

HELDOUT3 = REPO / "tests" / "heldout3"

# F1 per field on tests/heldout3, minus about 0.05. Comments: first measurement (before any rule
# had seen the set's miss summary) -> measurement after the identification work of 2026-11-25,
# whose development set (tests/devident) took its categories from that summary. Floors follow
# the second figure; composer fell (one wrong composer added) and its floor says so.
F1_FLOORS: dict[str, float] = {
    "directors": 0.83,  # 0.7500 -> 0.8889
    "writers": 0.85,  # 0.6667 -> 0.9091
    "producers": 0.70,  # 0.3333 -> 0.7500
    "composer": 0.75,  # 0.8889 -> 0.8000
    "cast_actor": 0.49,  # 0.4516 -> 0.5405
    "cast_character": 0.59,  # 0.5600 -> 0.6452
    "runtime_min": 0.78,  # 0.6667 -> 0.8333
    "mpaa_rating": 0.67,  # 0.6000 -> 0.7273
    "rating_reason": 0.75,  # 0.6667 -> 0.8000
    "release_dates": 0.61,  # 0.4000 -> 0.6667
    "release_events": 0.47,  # 0.2500 -> 0.5263
    "budget": 0.61,  # 0.5000 -> 0.6667
    "box_office": 0.73,  # 0.6000 -> 0.7895
    "production_companies": 0.49,  # 0.5455 -> 0.5455
    "distributors": 0.56,  # 0.5000 -> 0.6154
    "countries": 0.61,  # 0.2857 -> 0.6667
    "languages": 0.61,  # 0.5000 -> 0.6667
    "based_on": 0.35,  # 0.0000 -> 0.4000
    "conflicts": 0.28,  # 0.3333 -> 0.3333
}
# micro: 0.8871 / 0.3333 / 0.4846 -> 0.8557 / 0.5000 / 0.6312
MICRO_FLOORS = {"precision": 0.80, "recall": 0.45, "f1": 0.58}
# identification: 0.4667 / 0.2000 -> 0.8000 / 0.4000
IDENTIFICATION_FLOORS = {"accuracy": 0.75, "films_exact": 0.35}
# Document metadata (outlet, author, publication date) against the gold documents, measured
# 38/45 = 0.8444 (a document in no film reads as all-null); document kind measured 13/15 = 0.8667.
METADATA_FLOOR = 0.79
KIND_FLOOR = 0.81

# Titles named in passing (a director's earlier work, list neighbours, related links, adverts,
# "also reviewed", a box-office chart): none of them is a film of these documents.
PASSING_MENTIONS = {
    "winterhafen", "the button thief", "dead calm harbor", "night shift at the mercy",
    "red clay county", "kiss the ashes", "glass harbour", "night ferry to bilbao",
    "the understudy", "hollow point, texas", "blue hour at kanazawa", "brassed up",
    "steel current 3", "pockets the possum", "sparrow street",
}


golds, report, table = gold_fixtures(HELDOUT3)


def test_the_set_is_what_the_benchmark_describes(golds: list[tuple[Path, dict[str, Any]]]) -> None:
    # 15 documents about 5 films, two of them called Undertow (1994 and 2022), one known by a
    # German original title
    assert len(golds) == 5
    assert sum(len(g["documents"]) for _, g in golds) == 15
    undertow = sorted(g["film"]["year"] for _, g in golds if g["film"]["title"] == "Undertow")
    assert undertow == [1994, 2022]
    originals = {g["film"]["original_title"] for _, g in golds}
    assert "Der Lotsenfisch" in originals
    for folder, gold in golds:
        for d in gold["documents"]:
            assert (folder / d["file"]).is_file(), d["file"]


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_field_f1_stays_above_its_floor(table: EvalTable, name: str) -> None:
    assert metric_row(table, name)["f1"] >= F1_FLOORS[name], (name, metric_row(table, name))


def test_all_fields_micro_stays_above_its_floor(table: EvalTable) -> None:
    check_micro(table, MICRO_FLOORS)


def test_film_identification_stays_above_its_floor(table: EvalTable) -> None:
    check_identification(table, IDENTIFICATION_FLOORS, documents=15)


def test_every_quote_is_an_exact_substring(table: EvalTable) -> None:
    check_quotes_exact(table)


def test_same_titled_films_are_never_merged(report: Report) -> None:
    # whatever else goes wrong, a 1994 Undertow document and a 2022 one are never one film
    check_never_merged(report, {"undertow-1994", "undertow-2022"})


def test_no_film_for_passing_mentions(report: Report) -> None:
    check_no_passing_mentions(report, PASSING_MENTIONS)


def test_document_metadata_stays_above_its_floor(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    right, total = metadata_right(report, golds)
    assert total == 45
    assert right / total >= METADATA_FLOOR, f"{right}/{total}"


def test_document_kind_stays_above_its_floor(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    right, total = kind_right(report, golds)
    assert right / total >= KIND_FLOOR, f"{right}/{total}"
