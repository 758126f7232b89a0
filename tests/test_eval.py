"""`critica eval` on fixed samples of the real data sets, with floors that fail on regression.

Each task runs on a seeded sample (the same rows every run), so the figures are deterministic
and CI stays fast. Floors are the values measured on these samples when the floor was set
(noted beside each) minus a margin of about 3 points (0.03 in r), so a real drop fails the
build while a change of a row or two does not. They check our model AND that every table
carries the peers measured in the same run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from critica.cli import main
from critica.evaluate.rt import RTPredictions, run_rt, run_rt_films
from critica.evaluate.table import EvalTable
from critica.evaluate.tasks import EvalOptions, run_mr, run_polarity, run_scale, run_sst2

REPO = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("CRITICA_DATA_DIR", REPO.parent / "shared" / "data"))
PEERS = {"vader", "textblob", "tfidf-logreg"}
OURS = "critica-nbsvm"

pytestmark = pytest.mark.skipif(not DATA_DIR.is_dir(), reason=f"data sets not found at {DATA_DIR}")


def _options(sample: int) -> EvalOptions:
    return EvalOptions(DATA_DIR, sample=sample, models=(OURS,))


def _row(table: EvalTable, model: str) -> dict[str, float]:
    return next(r.metrics for r in table.rows if r.model == model)


def _has_peers(table: EvalTable) -> None:
    peers = {r.model for r in table.rows if r.peer}
    assert peers >= PEERS, f"{table.task} lacks peers {PEERS - peers}"
    assert any(r.model == OURS and not r.peer for r in table.rows)


@pytest.fixture(scope="module")
def rt_tables() -> tuple[EvalTable, EvalTable]:
    cache: dict[str, RTPredictions] = {}
    options = _options(1200)
    films = run_rt_films(options, cache=cache)
    return run_rt(options, cache=cache), films


def test_mr_sample_floor() -> None:
    table = run_mr(_options(600))
    _has_peers(table)
    assert table.extra["n"] == 600
    assert _row(table, OURS)["accuracy"] >= 0.65  # measured 0.6850 on this sample
    assert _row(table, "vader")["accuracy"] >= 0.59  # measured 0.6217: the peer itself is sane


def test_sst2_sample_floor() -> None:
    table = run_sst2(_options(600))
    _has_peers(table)
    assert table.extra["n"] == 600 and table.extra["n_train"] == 600
    assert _row(table, OURS)["accuracy"] >= 0.67  # measured 0.7050 (600 training sentences)
    assert _row(table, "vader")["accuracy"] >= 0.60  # measured 0.6333


def test_polarity_sample_floor() -> None:
    table = run_polarity(_options(100))
    _has_peers(table)
    assert _row(table, OURS)["accuracy"] >= 0.70  # measured 0.7300 (90 training reviews a fold)


def test_scale_sample_floor() -> None:
    table = run_scale(_options(120))
    _has_peers(table)
    ours = _row(table, OURS)
    assert set(table.extra["per_critic"][OURS]) == {
        "Dennis Schwartz", "James Berardinelli", "Scott Renshaw", "Steve Rhodes"}
    assert ours["accuracy_3class"] >= 0.63  # measured 0.6618
    assert ours["accuracy_4class"] >= 0.58  # measured 0.6115
    assert ours["pearson_r"] >= 0.71  # measured 0.7398
    assert ours["pearson_r"] > _row(table, "vader")["pearson_r"]


def test_rt_sample_floor(rt_tables: tuple[EvalTable, EvalTable]) -> None:
    table, _ = rt_tables
    _has_peers(table)
    ours = _row(table, OURS)
    assert table.extra["n_graded"] > 0
    assert ours["accuracy"] >= 0.69  # measured 0.7245
    assert ours["accuracy_with_grade"] >= 0.85  # measured 0.8790
    assert ours["ece"] <= 0.05  # measured 0.0197
    assert _row(table, "grade map alone")["accuracy_graded_rows"] >= 0.91  # measured 0.9443


def test_rt_films_sample_ceiling(rt_tables: tuple[EvalTable, EvalTable]) -> None:
    _, table = rt_tables
    _has_peers(table)
    assert table.extra["n_films"] >= 10
    with_grades = _row(table, f"{OURS} + grades")
    assert set(with_grades) == {"mae_cc", "mae_acc", "mae_pcc", "mae_pacc", "mae_em"}
    assert with_grades["mae_pcc"] <= 8.0  # measured 5.13 points
    assert with_grades["mae_pacc"] <= 11.0  # measured 8.06 points
    assert set(_row(table, "vader")) == {"mae_cc", "mae_acc"}  # a lexicon has no probabilities


def test_cli_writes_the_json_contract(tmp_path: Path) -> None:
    out = tmp_path / "mr.json"
    result = CliRunner().invoke(main, ["eval", "mr", "--data", str(DATA_DIR), "--sample", "200",
                                       "--models", OURS, "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "command: critica" in result.output and "CPUs" in result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["task"] == "mr" and payload["protocol"].startswith("10-fold")
    assert {r["model"] for r in payload["rows"]} >= PEERS | {OURS}
    for row in payload["rows"]:
        assert isinstance(row["peer"], bool) and 0.0 <= row["accuracy"] <= 1.0
    assert payload["machine"]["cpus"] >= 1


def test_cli_rejects_an_unknown_model_and_a_missing_folder(tmp_path: Path) -> None:
    bad_model = CliRunner().invoke(main, ["eval", "mr", "--data", str(DATA_DIR), "--models", "nope"])
    assert bad_model.exit_code == 2 and "unknown model nope" in bad_model.output
    missing = CliRunner().invoke(main, ["eval", "mr", "--data", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "data folder not found" in missing.output
