"""critica.evaluate.facts: the facts evaluation scores what it should, and can fail.

Floors: on the seed corpus the issue's targets (F1 >= 0.95 on the listed fields, every quote
exact); on our held-out documents (tests/heldout) F1 >= 0.9 and every document in its film.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from critica.evaluate.facts import run_facts_eval
from critica.evaluate.table import EvalTable
from support import REPO, SEED_DIR, needs_seed

HELDOUT = REPO / "tests" / "heldout"
TARGET_FIELDS = ("directors", "cast_actor", "cast_character", "runtime_min", "release_dates",
                 "budget", "box_office", "writers", "composer")


def rows(table: EvalTable) -> dict[str, dict[str, float]]:
    return {r.model: r.metrics for r in table.rows}


@pytest.fixture(scope="module")
def heldout() -> EvalTable:
    return run_facts_eval(HELDOUT)


def test_heldout_floors(heldout: EvalTable) -> None:
    got = rows(heldout)
    for name in TARGET_FIELDS:
        assert got[name]["f1"] >= 0.9, (name, got[name])
    assert got["all fields (micro)"]["f1"] >= 0.9
    assert got["film identification"]["accuracy"] == 1.0
    assert got["film identification"]["films_exact"] == 1.0
    assert got["quotes exact"]["accuracy"] == 1.0


def test_table_shape_and_json(heldout: EvalTable, tmp_path: Path) -> None:
    assert heldout.task == "facts"
    out = tmp_path / "facts.json"
    heldout.write_json(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {r["model"] for r in data["rows"]} >= {"directors", "film identification"}
    assert len(data["films"]) == 4  # one per gold.json under tests/heldout
    assert "| directors |" in heldout.to_markdown()


@needs_seed
def test_seed_corpus_targets() -> None:
    got = rows(run_facts_eval(SEED_DIR))
    for name in TARGET_FIELDS:
        assert got[name]["f1"] >= 0.95, (name, got[name])
    assert got["quotes exact"]["accuracy"] == 1.0
    assert got["film identification"]["accuracy"] == 1.0


def test_a_wrong_gold_lowers_the_score(tmp_path: Path) -> None:
    # The same documents against a gold file that names a director nobody wrote about and
    # drops a true runtime: recall of directors and precision of runtime must fall.
    folder = tmp_path / "film"
    shutil.copytree(HELDOUT / "salt-and-iron", folder)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    gold["film"]["directors"].append({"value": "Nobody Atall", "files": ["01"]})
    gold["film"]["runtime_min"] = [{"value": 99, "files": ["03"]}]
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    got = rows(run_facts_eval(tmp_path))
    assert got["directors"]["recall"] == 0.5
    assert got["runtime_min"]["precision"] == 0.0
    assert "Nobody Atall" in json.dumps(run_facts_eval(tmp_path).extra["films"])


def test_documents_of_another_film_in_the_folder_are_not_counted(tmp_path: Path) -> None:
    # Gold lists only one film; the other folder's documents are not analysed at all.
    shutil.copytree(HELDOUT / "wings-of-lead", tmp_path / "wings-of-lead")
    (tmp_path / "stray").mkdir()
    shutil.copy(HELDOUT / "salt-and-iron" / "01_news.txt", tmp_path / "stray" / "01_news.txt")
    got = rows(run_facts_eval(tmp_path))
    assert got["film identification"]["documents"] == 3
    assert got["film identification"]["accuracy"] == 1.0
