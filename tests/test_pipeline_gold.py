"""End to end: `critica analyze` on each gold corpus against what its gold.json says.

Corpora: the seed corpus (CRITICA_GOLD_DIR, default ../shared/corpus/rust-and-bone) and our own
examples/corpus. Every expectation is read from the gold.json beside the documents; a check
runs only where that gold file states the thing it checks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import critica
from critica.records import CastMember, Money, MpaaRating, ReleaseDate, Report

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = Path(os.environ.get("CRITICA_GOLD_DIR", REPO.parent / "shared" / "corpus" / "rust-and-bone"))
CORPORA = [
    pytest.param(SEED_DIR, id="seed", marks=pytest.mark.skipif(
        not (SEED_DIR / "gold.json").is_file(), reason=f"no seed corpus at {SEED_DIR}")),
    pytest.param(REPO / "examples" / "corpus", id="examples"),
]

# The letter-grade table of Metacritic (as the issue states it); x/y ratings are linear.
LETTERS = {"A+": 100, "A": 100, "A-": 92, "B+": 83, "B": 75, "B-": 67, "C+": 58, "C": 50,
           "C-": 42, "D+": 33, "D": 25, "D-": 17, "F": 0}


def expected_score(printed: str) -> float:
    if "/" in printed:
        x, y = printed.split("/")
        return 100 * float(x) / float(y)
    return LETTERS[printed.replace("\u2212", "-")]


def fold(text: str) -> str:
    """Compare names and titles without case, diacritics or apostrophe style."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module", params=CORPORA)
def corpus(request: pytest.FixtureRequest) -> Path:
    return Path(request.param)


@pytest.fixture(scope="module")
def gold(corpus: Path) -> dict[str, Any]:
    return json.loads((corpus / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def db_url(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'critica.db'}"


@pytest.fixture(scope="module")
def report(corpus: Path, db_url: str) -> Report:
    return critica.analyze([str(corpus)], db=db_url)


def prefix_of(path: str) -> str:
    return Path(path).name.split("_")[0]


def by_prefix(report: Report) -> dict[str, Any]:
    return {prefix_of(d.path): d for d in report.films[0].documents}


def doc_text(report: Report, prefix: str) -> str:
    return next(d.text for d in report.documents if prefix_of(d.path) == prefix)


def test_all_documents_form_one_film(report: Report, gold: dict[str, Any]) -> None:
    film_gold = gold["film"]
    assert len(report.films) == 1, [f.title for f in report.films]
    film = report.films[0]
    assert fold(film.title) == fold(film_gold["title"])
    assert film.year == film_gold["year"]
    if fold(film_gold["original_title"]) != fold(film_gold["title"]):
        assert film.original_title is not None
        assert fold(film.original_title) == fold(film_gold["original_title"])
    assert {Path(d.path).name for d in film.documents} == {d["file"] for d in gold["documents"]}


def test_only_gold_json_is_rejected(report: Report) -> None:
    # The folder holds gold.json beside the documents: it is listed, with a reason, not read.
    assert [Path(r.path).name for r in report.rejected] == ["gold.json"]


def test_document_kinds(report: Report, gold: dict[str, Any]) -> None:
    docs = by_prefix(report)
    for d in gold["documents"]:
        assert docs[prefix_of(d["file"])].kind == d["kind"], d["file"]


def test_boilerplate_removed_and_fact_lines_kept(report: Report, gold: dict[str, Any]) -> None:
    for d in gold["documents"]:
        text = doc_text(report, prefix_of(d["file"]))
        for line in d.get("boilerplate_lines", []):
            assert line not in text.splitlines(), (d["file"], line)
    film_gold = gold["film"]
    for member in film_gold["cast"]:
        for prefix in member["files"]:
            assert member["actor"].split()[-1][:5] in doc_text(report, prefix), (prefix, member["actor"])
    for entry in film_gold["directors"]:
        for prefix in entry["files"]:
            assert entry["value"] in doc_text(report, prefix)


def test_every_quote_is_an_exact_substring(report: Report) -> None:
    texts = {d.path: d.text for d in report.documents}
    film = report.films[0]
    for entries in film.facts.values():
        for entry in entries:
            for evidence in entry.sources:
                assert evidence.quote and evidence.quote in texts[evidence.path], evidence
    for review in film.reviews:
        if review.quote:
            assert review.quote in texts[review.reported_in or review.path], review
    for aggregate in film.reported_aggregates:
        assert aggregate.quote in texts[aggregate.path]


def _values(report: Report, field: str) -> list[Any]:
    return [e.value for e in report.films[0].facts.get(field, ())]


def test_people_facts(report: Report, gold: dict[str, Any]) -> None:
    film_gold = gold["film"]
    for field in ("directors", "writers", "composer"):
        got = {fold(str(v)) for v in _values(report, field)}
        for entry in film_gold.get(field, []):
            assert fold(entry["value"]) in got, (field, entry["value"], got)


def test_cast_with_characters_in_majority_spelling(report: Report, gold: dict[str, Any]) -> None:
    cast = [v for v in _values(report, "cast") if isinstance(v, CastMember)]
    actors = {fold(c.actor): c for c in cast}
    misspellings = {fold(m) for member in gold["film"]["cast"] for m in member.get("misspellings_seen", [])}
    assert not misspellings & set(actors), "a misspelling became a canonical actor name"
    found = 0
    for member in gold["film"]["cast"]:
        got = actors.get(fold(member["actor"]))
        assert got is not None, member["actor"]
        gold_character = fold(member["character"])
        # "Alain \"Ali\" van Versch" is matched by any of its names: Ali, Alain, van Versch.
        if got.character and any(part in gold_character for part in fold(got.character).replace('"', " ").split()):
            found += 1
    assert found >= len(gold["film"]["cast"]) - 1, f"characters right for {found} actors"


def test_runtime_rating_and_money(report: Report, gold: dict[str, Any]) -> None:
    film_gold = gold["film"]
    runtimes = {e["value"] for e in film_gold["runtime_min"]}
    assert runtimes <= set(_values(report, "runtime_min"))
    conflicts = {c.field for c in report.films[0].conflicts}
    if len(runtimes) > 1:
        assert "runtime_min" in conflicts
    ratings = [v for v in _values(report, "mpaa_rating") if isinstance(v, MpaaRating)]
    for entry in film_gold["mpaa_rating"]:
        assert any(fold(r.value) == fold(entry["value"]) for r in ratings), (entry, ratings)
        if entry.get("reason"):
            assert any(r.reason and entry["reason"] in r.reason for r in ratings), ratings
    budgets = {m.text for m in _values(report, "budget") if isinstance(m, Money)}
    assert all(any(e["value"] in b for b in budgets) for e in film_gold["budget"]), budgets
    if len(film_gold["budget"]) > 1:
        assert "budget" in conflicts
    box = {m.text for m in _values(report, "box_office") if isinstance(m, Money)}
    assert {e["value"] for e in film_gold.get("box_office_worldwide", [])} <= box


def test_release_dates(report: Report, gold: dict[str, Any]) -> None:
    dates = {v.date for v in _values(report, "release_dates") if isinstance(v, ReleaseDate)}
    expected = {e["date"] for e in gold["film"]["releases"]}
    assert len(expected & dates) >= len(expected) - 1, (expected, dates)
    for entry in gold["film"]["releases"]:
        # A theatrical release in a named country keeps its region ("theatrical, United Kingdom").
        if entry["event"].startswith("theatrical, "):
            country = entry["event"].removeprefix("theatrical, ").split(" (")[0].split(" and ")[0]
            assert any(
                isinstance(v, ReleaseDate) and v.date == entry["date"] and v.region
                and fold(country) in fold(v.region)
                for v in _values(report, "release_dates")
            ), entry


def test_reported_aggregates(report: Report, gold: dict[str, Any]) -> None:
    got = {(a.aggregator, round(100 * a.value / a.scale), a.count) for a in report.films[0].reported_aggregates}
    for entry in gold["reported_aggregates"]:
        value = float(entry["value"].rstrip("%").split("/")[0])
        assert (entry["aggregator"], round(value), entry["count"]) in got, got


def test_reported_reviews(report: Report, gold: dict[str, Any]) -> None:
    reported = [r for r in report.films[0].reviews if r.reported_in]
    reporter = next(d for d in gold["documents"] if d.get("reported_reviews"))
    gold_reviews = reporter["reported_reviews"]
    by_critic = {fold(r.critic): r for r in reported if r.critic}
    for entry in gold_reviews:
        if entry["explicit_rating"]:
            got = by_critic[fold(entry["critic"])]
            assert got.score == pytest.approx(expected_score(entry["explicit_rating"])), got
            assert got.score_source == "explicit"
            assert got.reported_in is not None and Path(got.reported_in).name == reporter["file"]
    named = [e for e in gold_reviews if e["critic"]]
    assert sum(fold(e["critic"]) in by_critic for e in named) >= len(named) - 1


# Known misses of the baseline verdict model, by (film, file prefix). The test fails if any
# other verdict is wrong AND if a known miss starts passing, so this list cannot go stale.
# 02 (examples): a plainly positive horror blog review; its praise ("the scariest movie on my
# shelf") reads as negative to a model trained on snippets. Issue 3's models are to fix it.
KNOWN_VERDICT_MISSES = {("Night of the Living Dead", "02")}


def test_verdicts(report: Report, gold: dict[str, Any]) -> None:
    own = {prefix_of(r.path): r for r in report.films[0].reviews if r.reported_in is None}
    wrong = set()
    for d in gold["documents"]:
        prefix = prefix_of(d["file"])
        if d["verdict"] is None:
            assert prefix not in own, f"{prefix} has no verdict of its own"
            continue
        # "mixed" in gold: mixed or negative are both honest readings.
        allowed = {"positive"} if d["verdict"] == "positive" else {d["verdict"], "mixed"}
        if d["verdict"] == "mixed":
            allowed.add("negative")
        if own[prefix].verdict not in allowed:
            wrong.add((gold["film"]["title"], prefix))
    known = {k for k in KNOWN_VERDICT_MISSES if k[0] == gold["film"]["title"]}
    assert wrong == known, f"wrong verdicts: {sorted(wrong)}; known misses: {sorted(known)}"


def test_printed_ratings_are_read(report: Report, gold: dict[str, Any]) -> None:
    own = {prefix_of(r.path): r for r in report.films[0].reviews if r.reported_in is None}
    for d in gold["documents"]:
        if d.get("explicit_rating"):
            review = own[prefix_of(d["file"])]
            assert review.score_source == "explicit", review
            assert review.score == pytest.approx(expected_score(d["explicit_rating"])), review


def test_critics_score(report: Report) -> None:
    agg = report.films[0].aggregate
    assert agg.n_reviews >= 5
    assert agg.percent_positive is not None and agg.interval95 is not None
    low, high = agg.interval95
    assert low <= agg.percent_positive <= high
    assert agg.consensus


def test_rerun_leaves_database_unchanged(corpus: Path, gold: dict[str, Any], report: Report, db_url: str) -> None:
    from critica.store import open_store

    with open_store(db_url) as store:
        before = store.counts()
    critica.analyze([str(corpus)], db=db_url)
    with open_store(db_url) as store:
        after = store.counts()
    assert before == after
    assert before["documents"] == len(gold["documents"]) and before["films"] == 1


def test_cli_writes_the_json_contract(corpus: Path, tmp_path: Path, gold: dict[str, Any]) -> None:
    out = tmp_path / "report.json"
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "critica.cli", "analyze", str(corpus), "--db", db, "--json", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert fold(gold["film"]["title"]) in fold(result.stdout)
    data = json.loads(out.read_text(encoding="utf-8"))
    film = data["films"][0]
    for key in ("title", "original_title", "year", "documents", "facts", "conflicts", "reviews",
                "reported_aggregates", "aggregate"):
        assert key in film
    for key in ("n_reviews", "percent_positive", "interval95", "mean_score", "band", "consensus"):
        assert key in film["aggregate"]
    for review in film["reviews"]:
        assert set(review) >= {"path", "critic", "outlet", "reported_in", "rating_text", "score",
                               "score_source", "verdict", "fresh", "p_positive", "quote"}
    assert {"path", "stage", "reason"} <= set(data["rejected"][0])
