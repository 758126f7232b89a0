"""The fourth held-out set (tests/heldout4) end to end: a development set written before tuning.

14 documents of our own prose about 4 invented films, in shapes the earlier sets do not all show
(an interview, a podcast transcript, a streaming page with a "More like this" block, a cinema's
listing, a forum thread, a mis-decoded blog, an HTML page with parsely metadata, a
Wikipedia-style dump with "[edit]" marks and an accolades table). gold.json files were filled
in before critica was run on them, and the first measurement (`critica eval facts --gold
tests/heldout4`, docs/benchmarks.md "Facts on unseen documents (tests/heldout4)") was taken
with no change to src/: micro F1 0.2767, film identification 0.2143. The identification work
that followed used this set as its development data, so it is no longer an unseen figure;
tests/heldout5 is the final test of that work.

Target (issue 4): F1 >= 0.9 per field. The floors below are NOT the target: they sit about 0.05
under the figures measured after the work, so that a regression fails; a field measured at 0
has no floor (a floor of 0 cannot fail). Expectations come from the gold.json files only.
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
    check_no_passing_mentions,
    check_quotes_exact,
    gold_fixtures,
    kind_right,
    metadata_right,
    metric_row,
)
from support import REPO

HELDOUT4 = REPO / "tests" / "heldout4"

# F1 per field, minus about 0.05. Comments: first sight -> after the identification work.
F1_FLOORS: dict[str, float] = {
    "directors": 0.83,  # 0.6667 -> 0.8889
    "writers": 0.87,  # 0.4444 -> 0.9231
    "producers": 0.95,  # 0.0000 -> 1.0000
    "composer": 0.95,  # 0.0000 -> 1.0000
    "cast_actor": 0.58,  # 0.3448 -> 0.6316
    "cast_character": 0.40,  # 0.1481 -> 0.4571
    "runtime_min": 0.95,  # 0.8571 -> 1.0000
    "mpaa_rating": 0.86,  # 0.2857 -> 0.9091
    "rating_reason": 0.95,  # 0.0000 -> 1.0000
    "release_dates": 0.57,  # 0.1667 -> 0.6250
    "release_events": 0.57,  # 0.1667 -> 0.6250
    "budget": 0.95,  # 0.6667 -> 1.0000
    "box_office": 0.35,  # 0.0000 -> 0.4000
    "production_companies": 0.55,  # 0.4444 -> 0.6000
    "distributors": 0.61,  # 0.2222 -> 0.6667
    "countries": 0.52,  # 0.0000 -> 0.5714
    "based_on": 0.95,  # 0.0000 -> 1.0000
    "awards": 0.52,  # 0.3333 -> 0.5714
}
# micro: 0.5500 / 0.1849 / 0.2767 -> 0.7576 / 0.6303 / 0.6881
MICRO_FLOORS = {"precision": 0.70, "recall": 0.58, "f1": 0.63}
# identification: 0.2143 / 0.0000 -> 1.0000 / 1.0000
IDENTIFICATION_FLOORS = {"accuracy": 0.95, "films_exact": 0.95}

# Titles named in passing (a director's first film, a chart, "More like this", a cinema
# season, "Also new this week", a festival round-up's other films): no film of these documents.
PASSING_MENTIONS = {
    "dry county", "pip and the moon balloon", "gunmetal sky", "the last lido",
    "still waters run", "night shift nine", "dust bowl ballad", "the last picture reel",
    "harlan county songs", "the winter orchard", "ferrymans wake", "ferryman's wake",
    "dogs of marseille", "ash garden", "the tin orchestra", "hollow crown lane",
}


golds, report, table = gold_fixtures(HELDOUT4)


def test_the_set_is_what_the_benchmark_describes(golds: list[tuple[Path, dict[str, Any]]]) -> None:
    assert len(golds) == 4
    assert sum(len(g["documents"]) for _, g in golds) == 14
    assert {g["film"]["original_title"] for _, g in golds} >= {"Les Nuits de Sète"}
    for folder, gold in golds:
        for d in gold["documents"]:
            assert (folder / d["file"]).is_file(), d["file"]
    # the blog is stored mis-decoded, as such pages arrive
    assert "SÃ¨te" in (HELDOUT4 / "nights-in-sete" / "03_blog_dump.txt").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_field_f1_stays_above_its_floor(table: EvalTable, name: str) -> None:
    assert metric_row(table, name)["f1"] >= F1_FLOORS[name], (name, metric_row(table, name))


def test_all_fields_micro_stays_above_its_floor(table: EvalTable) -> None:
    check_micro(table, MICRO_FLOORS)


def test_film_identification_stays_above_its_floor(table: EvalTable) -> None:
    check_identification(table, IDENTIFICATION_FLOORS, documents=14)


def test_every_quote_is_an_exact_substring(table: EvalTable) -> None:
    check_quotes_exact(table)


def test_no_film_for_passing_mentions(report: Report) -> None:
    check_no_passing_mentions(report, PASSING_MENTIONS)


def test_the_mis_decoded_blog_is_repaired(report: Report) -> None:
    texts = {Path(d.path).name: d.text for d in report.documents}
    assert "Léa Vasseur" in texts["03_blog_dump.txt"]
    assert "Ã" not in texts["03_blog_dump.txt"]


def test_document_metadata_and_kind(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    right, total = metadata_right(report, golds)
    assert total == 42
    assert right / total >= 0.80, f"{right}/{total}"  # measured 36/42 = 0.857
    right, total = kind_right(report, golds)
    assert right / total >= 0.59, f"{right}/{total}"  # measured 9/14 = 0.643
