"""Badge hysteresis end to end: a store remembers the badges a film held, and the next run,
batch load or web upload starts from them. On a real SQLite file and the real PostgreSQL.

The rule (critica.aggregate.badges, settings.py defaults): "certified" is earned at 75% positive
or more from at least 40 critics' reviews including 5 top critics, and once held it is kept
until the score falls below 70%. So a film between 70% and 75% is certified only if it was
before; without a store no film held anything.

The corpus is written here: reviews of an invented film, each with a printed grade (4/5 for
the positive ones, 1/5 for the negative ones), by invented critics of invented outlets, four of
which the settings name as top critics.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from critica.api import analyze
from critica.batch import BatchOptions, run_batch
from critica.records import Film
from critica.settings import Settings
from critica.store import open_store
from web_support import running_server

SLUG = "the-lantern-keeper-2019"
TOP_OUTLETS = ("Northlight Gazette", "The Cinder Post", "Reel Quarterly", "Lamplight Weekly")
OUTLETS = TOP_OUTLETS + ("Harbour Review", "The Gallery Courier", "Silverscreen Digest",
                         "Meridian Film Notes")
SETTINGS = Settings(top_critics=", ".join(TOP_OUTLETS))
FIRST = ("Ada", "Bruno", "Celia", "Dmitri", "Elena", "Felix", "Greta", "Hugo", "Irene", "Jonas",
         "Klara", "Lukas", "Mira", "Nils", "Olga", "Pavel", "Rosa", "Stefan", "Tilda", "Viktor")
LAST = ("Marsh", "Okafor", "Lindqvist", "Ferreira", "Halloran", "Basu", "Novak", "Quint",
        "Delacroix", "Whitcombe")

N_FRESH = 38  # reviews 0..37 are positive, every later one negative
EARN = 50  # 38 of 50: 76%, certified from nothing
HOLD = 53  # 38 of 53: 71.7%, kept only by a film that held the badge
LOSE = 55  # 38 of 55: 69.1%, lost


def review_text(i: int) -> str:
    critic = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i) % len(LAST)]}"
    outlet = OUTLETS[i % len(OUTLETS)]
    if i < N_FRESH:
        grade, body = "4/5", (
            f"The Lantern Keeper is a patient, handsome drama, and this critic (number {i}) "
            "found it moving. The lead performance is tender and precise, and the direction "
            "is confident throughout. It is one of the most rewarding films of the year.")
    else:
        grade, body = "1/5", (
            f"The Lantern Keeper is a dull, shapeless drama, and this critic (number {i}) "
            "found it a chore. The screenplay is clumsy and the pacing is sluggish from start "
            "to finish. It is a tedious disappointment.")
    return (f"{outlet}\n\nThe Lantern Keeper review\n\nBy {critic}\nPublished on 3 May 2019"
            f"\n\nRating: {grade}\n\n{body}\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("lantern")
    paths = []
    for i in range(LOSE):
        path = folder / f"review-{i:03d}.txt"
        path.write_text(review_text(i), encoding="utf-8")
        paths.append(path)
    return paths


def expected_percent(n: int) -> float:
    return round(100 * min(n, N_FRESH) / n, 1)


def test_the_corpus_sits_where_the_rules_say() -> None:
    """The stages straddle the documented thresholds (read from the settings, not the code)."""
    s = SETTINGS
    assert expected_percent(EARN) >= s.badge_certified_percent
    assert s.badge_certified_keep_percent <= expected_percent(HOLD) < s.badge_certified_percent
    assert expected_percent(LOSE) < s.badge_certified_keep_percent
    assert s.badge_certified_reviews <= EARN


def the_film(films: tuple[Film, ...], n: int) -> Film:
    [film] = [f for f in films if f.slug == SLUG]
    agg = film.aggregate
    # the premise: every document read as one critic's review, graded as written
    assert agg.n_reviews == n
    assert agg.percent_positive == pytest.approx(expected_percent(n), abs=0.05)
    assert agg.top_critics is not None
    assert agg.top_critics.n_reviews >= SETTINGS.badge_certified_top
    return film


def badges(film: Film) -> set[str]:
    return {b.name for b in film.aggregate.badges}


def stored_badges(db_url: str) -> set[str]:
    with open_store(db_url) as store:
        report = store.film_report(SLUG)
    assert report is not None
    return {b["name"] for b in report["aggregate"]["badges"]}


def run(paths: list[Path], db: str | None) -> Film:
    report = analyze(paths, db=db, settings=SETTINGS)
    return the_film(report.films, len(paths))


def test_without_a_store_nothing_was_held(corpus: list[Path]) -> None:
    assert "certified" not in badges(run(corpus[:HOLD], None))  # 71.7% is not enough


def test_analyze_into_a_store_keeps_then_loses_the_badge(corpus: list[Path], db_url: str) -> None:
    # A fresh store: nothing held, and the store now holds the film without the badge.
    assert "certified" not in badges(run(corpus[:HOLD], db_url))
    assert "certified" not in stored_badges(db_url)
    # 76%: earned.
    assert "certified" in badges(run(corpus[:EARN], db_url))
    assert "certified" in stored_badges(db_url)
    # Back to 71.7%: kept, because the store says the film held it.
    assert "certified" in badges(run(corpus[:HOLD], db_url))
    assert "certified" in stored_badges(db_url)
    # 69.1%: below the lower threshold, lost.
    assert "certified" not in badges(run(corpus[:LOSE], db_url))
    assert "certified" not in stored_badges(db_url)


def test_batch_into_a_store_keeps_the_badge(corpus: list[Path], tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    assert "certified" in badges(run(corpus[:EARN], url))
    run_batch([str(p) for p in corpus[:HOLD]], tmp_path / "out", BatchOptions(db=url),
              settings=SETTINGS)
    assert "certified" in stored_badges(url)
    # the same batch into a store that never held it: not earned from below
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    run_batch([str(p) for p in corpus[:HOLD]], tmp_path / "out2", BatchOptions(db=fresh),
              settings=SETTINGS)
    assert "certified" not in stored_badges(fresh)


def test_web_upload_and_delete_keep_the_badge(
    corpus: list[Path], db_url: str, tmp_path: Path
) -> None:
    """POST a negative review (38 of 51, 74.5%), then DELETE a positive one (37 of 50, 74%):
    both below 75%, so the film stays certified only because it held the badge."""
    assert "certified" in badges(run(corpus[:EARN], db_url))
    with open_store(db_url) as store:
        _, secret = store.create_token("badge-tests")
        positive_id = store.document_ids_by_path([str(corpus[0])])[str(corpus[0])]
    env = {"CRITICA_TOP_CRITICS": SETTINGS.top_critics}
    with running_server(db_url, tmp_path, env) as server, server.client(secret) as client:
        posted = client.post("/api/documents", params={"path": "uploads/negative.txt"},
                             content=review_text(N_FRESH + 100),
                             headers={"Content-Type": "text/plain"})
        assert posted.status_code == 201, posted.text
        film: dict[str, Any] = posted.json()["film"]
        assert film["slug"] == SLUG
        assert film["aggregate"]["n_reviews"] == EARN + 1
        assert film["aggregate"]["percent_positive"] == pytest.approx(100 * N_FRESH / 51, abs=0.05)
        assert {b["name"] for b in film["aggregate"]["badges"]} == {"certified"}

        deleted = client.delete(f"/api/documents/{positive_id}")
        assert deleted.status_code == 200, deleted.text
        [after] = deleted.json()["films"]
        assert after["aggregate"]["n_reviews"] == EARN
        assert after["aggregate"]["percent_positive"] == pytest.approx(74.0, abs=0.05)
        assert {b["name"] for b in after["aggregate"]["badges"]} == {"certified"}
    assert "certified" in stored_badges(db_url)
