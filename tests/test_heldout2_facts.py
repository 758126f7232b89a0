"""The second held-out set (tests/heldout2) end to end: documents no rule was tuned on.

tests/heldout was used to tune the rules, so its scores stopped being an unseen-data figure.
tests/heldout2 (16 documents, 5 films: two different films called The Quiet Hour, a Spanish
film known by its English title, conflicts, passing mentions and adverts, HTML, Markdown and
plain-text dumps) was written afterwards and measured once, with no change to src/. The
expectations come from its gold.json files only.

The first figures (micro F1 0.7245) were measured once, before any rule saw these documents.
Rules were then tuned on a separate development set (tests/devshapes) whose categories came
from this set's miss summary, so tests/heldout2 is no longer a clean unseen-data figure: the
unseen figure is tests/heldout3 (tests/test_heldout3_facts.py).

The floors below are set a little BELOW what `critica eval facts --gold tests/heldout2`
printed after the development-set work (2026-11-25; about 0.05 under each figure in
docs/benchmarks.md, "Facts on unseen documents (tests/heldout2)", "After the development-set
work"), so that a regression fails. Do not tune rules on these documents themselves.
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

HELDOUT2 = REPO / "tests" / "heldout2"

# F1 per field as measured on tests/heldout2 after the development-set work (2026-11-25), minus
# about 0.05 (measured value in the comment; the first, unseen measurement in brackets).
F1_FLOORS: dict[str, float] = {
    "directors": 0.95,  # 1.00 (0.8889)
    "writers": 0.88,  # 0.9333 (0.7692)
    "producers": 0.95,  # 1.00 (1.00)
    "composer": 0.95,  # 1.00 (0.75)
    "cast_actor": 0.95,  # 1.00 (0.9048)
    "cast_character": 0.92,  # 0.9767 (0.7895)
    "runtime_min": 0.95,  # 1.00 (0.8333)
    "mpaa_rating": 0.95,  # 1.00 (0.5455)
    "rating_reason": 0.86,  # 0.9091 (0.50)
    "release_dates": 0.87,  # 0.9286 (0.6957)
    "release_events": 0.87,  # 0.9286 (0.5833)
    "budget": 0.95,  # 1.00 (0.8333)
    "box_office": 0.95,  # 1.00 (0.6667)
    "production_companies": 0.75,  # 0.80 (0.25)
    "distributors": 0.66,  # 0.7143 (0.6154)
    "countries": 0.95,  # 1.00 (0.75)
    "languages": 0.95,  # 1.00 (0.6667)
    "based_on": 0.61,  # 0.6667 (0.6667)
    "awards": 0.75,  # 0.80 (0.25)
    "conflicts": 0.75,  # 0.80 (0.8571)
}
# measured 0.9867 / 0.9018 / 0.9423 (first, unseen: 0.9412 / 0.5890 / 0.7245)
MICRO_FLOORS = {"precision": 0.93, "recall": 0.85, "f1": 0.89}
# measured 0.9375 / 0.80 (first, unseen: 0.6250 / 0.2000)
IDENTIFICATION_FLOORS = {"accuracy": 0.88, "films_exact": 0.75}
# Document metadata (outlet, author, publication date) against the gold documents, measured
# 42/48 = 0.875 (first 36/48; a document in no film reads as all-null); document kind measured
# 13/16 = 0.8125 (first 12/16).
METADATA_FLOOR = 0.82
KIND_FLOOR = 0.76

# Titles named in passing (earlier films of a director, list neighbours, related links, adverts):
# none of them is a film of these documents.
PASSING_MENTIONS = {
    "tierra de nadie", "glass harvest", "dead reckoning run", "iron tide",
    "the frightened lodger", "night train to dover", "calvary", "dead of night", "hue and cry",
    "cria cuervos", "the spirit of the beehive",
}


golds, report, table = gold_fixtures(HELDOUT2)


def test_the_set_is_what_the_benchmark_describes(golds: list[tuple[Path, dict[str, Any]]]) -> None:
    # 16 documents about 5 films, two of them called The Quiet Hour (1958 and 2021)
    assert len(golds) == 5
    assert sum(len(g["documents"]) for _, g in golds) == 16
    quiet = sorted(g["film"]["year"] for _, g in golds if g["film"]["title"] == "The Quiet Hour")
    assert quiet == [1958, 2021]
    for folder, gold in golds:
        for d in gold["documents"]:
            assert (folder / d["file"]).is_file(), d["file"]


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_field_f1_stays_above_its_floor(table: EvalTable, name: str) -> None:
    assert metric_row(table, name)["f1"] >= F1_FLOORS[name], (name, metric_row(table, name))


def test_all_fields_micro_stays_above_its_floor(table: EvalTable) -> None:
    check_micro(table, MICRO_FLOORS)


def test_film_identification_stays_above_its_floor(table: EvalTable) -> None:
    check_identification(table, IDENTIFICATION_FLOORS, documents=16)


def test_every_quote_is_an_exact_substring(table: EvalTable) -> None:
    check_quotes_exact(table)


def test_same_titled_films_are_never_merged(report: Report) -> None:
    # whatever else goes wrong, a 1958 document and a 2021 document are never one film
    check_never_merged(report, {"quiet-hour-1958", "quiet-hour-2021"})


def test_no_film_for_passing_mentions(report: Report) -> None:
    check_no_passing_mentions(report, PASSING_MENTIONS)


def test_document_metadata_stays_above_its_floor(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    right, total = metadata_right(report, golds)
    assert total == 48
    assert right / total >= METADATA_FLOOR, f"{right}/{total}"


def test_document_kind_stays_above_its_floor(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    right, total = kind_right(report, golds)
    assert right / total >= KIND_FLOOR, f"{right}/{total}"
