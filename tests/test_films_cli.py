"""`critica films`: stored films, ranked, filtered by year and genre (gold files of both corpora)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import critica
from support import REPO, SEED_DIR, needs_seed

EXAMPLES = REPO / "examples" / "corpus"


def films(db: str, *args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "critica.cli", "films", "--db", db, "--json",
                             *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@needs_seed
def test_rank_year_and_genre(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'films.db'}"
    critica.analyze([str(SEED_DIR), str(EXAMPLES)], db=db)
    golds = [json.loads((p / "gold.json").read_text(encoding="utf-8"))["film"]
             for p in (SEED_DIR, EXAMPLES)]
    ranked = films(db, "--rank")
    assert ranked["ranked"] and {f["title"] for f in ranked["films"]} == {g["title"] for g in golds}
    m = ranked["m"]
    scores = [f["mean_score"] for f in ranked["films"]]
    c = sum(scores) / len(scores)
    for f in ranked["films"]:
        v = f["n_reviews"]
        assert abs(f["weighted_score"] - (v / (v + m) * f["mean_score"] + m / (v + m) * c)) < 0.1
    weighted = [f["weighted_score"] for f in ranked["films"]]
    assert weighted == sorted(weighted, reverse=True)
    for g in golds:
        by_year = films(db, "--year", str(g["year"]))["films"]
        assert [f["title"] for f in by_year] == [g["title"]]
    # the example corpus's list entry is on a list of horror films (examples/corpus/gold.json)
    horror = films(db, "--genre", "horror")["films"]
    assert [f["title"] for f in horror] == [golds[1]["title"]]
