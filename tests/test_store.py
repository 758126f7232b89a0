"""The store against real databases: a SQLite file and a PostgreSQL server (see conftest.py).

The report is built by hand from records about an invented film, so these tests depend on
no other stage. Every expected number below is counted from that hand-built report.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from critica.errors import StoreError
from critica.records import (
    Award,
    CastMember,
    CleanDocument,
    Conflict,
    DocumentSummary,
    Evidence,
    FactEntry,
    Film,
    FilmAggregate,
    Money,
    MpaaRating,
    Rejection,
    ReleaseDate,
    Report,
    ReportedAggregate,
    Review,
)
from critica.store import open_store, parse_url
from critica.store.schema import SEARCH_TABLES, include_in_comparison, metadata

REVIEW_PATH = "docs/a-review.txt"
WIKI_PATH = "docs/b-encyclopedia.txt"

REVIEW_TEXT = (
    "Salt and Ember (2019)\n"
    "Director: Mara Quist\n"
    "Cast: Tomas Renn as Jules\n"
    "Running time: 104 minutes\n"
    "Quist's patient, luminous drama earns every one of its quiet silences. "
    "Four stars out of five.\n"
)
WIKI_TEXT = (
    "Salt and Ember (French: Sel et braise) is a 2019 drama film directed by Mara Quist. "
    "It stars Tomas Renn as Jules and Ines Bako as Lila. "
    "The film runs 98 minutes and is rated R for language. "
    "It premiered at the Lisbon Film Festival on 20 May 2019. "
    "It was made on a budget of €4 million. "
    "It won the jury prize at Lisbon. "
    "Ana Pirl of The Daily Lamp gave the film three stars out of four. "
    "On Rotten Tomatoes the film holds an approval rating of 88% based on 42 reviews.\n"
)

EXPECTED_TABLES = {
    "documents", "films", "facts", "fact_sources", "conflicts", "reviews",
    "reported_aggregates", "rejections", "runs", "api_tokens",
    "catalogue_titles", "catalogue_principals", "catalogue_people",
}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def quote(text: str, start: str, end: str) -> str:
    """The exact sentence of ``text`` from ``start`` to ``end``, so quotes are true substrings."""
    i = text.index(start)
    return text[i : text.index(end, i) + len(end)]


def make_documents(review_text: str = REVIEW_TEXT) -> list[CleanDocument]:
    return [
        CleanDocument(REVIEW_PATH, review_text, "utf-8", "text", content_hash=sha(review_text)),
        CleanDocument(WIKI_PATH, WIKI_TEXT, "utf-8", "text", content_hash=sha(WIKI_TEXT)),
    ]


def make_film(review_text: str = REVIEW_TEXT) -> Film:
    on_review = lambda s, e: Evidence(REVIEW_PATH, quote(review_text, s, e))  # noqa: E731
    on_wiki = lambda s, e: Evidence(WIKI_PATH, quote(WIKI_TEXT, s, e))  # noqa: E731
    facts = {
        "directors": (
            FactEntry("Mara Quist", (on_review("Director:", "Quist"), on_wiki("Salt", "Quist."))),
        ),
        "cast": (
            FactEntry(
                CastMember("Tomas Renn", "Jules"),
                (on_review("Cast:", "Jules"), on_wiki("It stars", "Lila.")),
            ),
            FactEntry(CastMember("Ines Bako", "Lila"), (on_wiki("It stars", "Lila."),)),
        ),
        "runtime_min": (FactEntry(104, (on_review("Running", "minutes"),)),),
        "mpaa_rating": (
            FactEntry(MpaaRating("R", "language"), (on_wiki("The film runs", "language."),)),
        ),
        "release_dates": (
            FactEntry(
                ReleaseDate("2019-05-20", "Portugal", "festival"),
                (on_wiki("It premiered", "2019."),),
            ),
        ),
        "budget": (FactEntry(Money(4_000_000.0, "EUR", "€4 million"), (on_wiki("It was", "."),)),),
        "awards": (FactEntry(Award("Jury prize, Lisbon", "won"), (on_wiki("It won", "Lisbon."),)),),
    }
    reviews = (
        Review(
            path=REVIEW_PATH, critic=None, outlet="The Salt Review", published="2019-06-01",
            reported_in=None, rating_text="Four stars out of five", score=80.0,
            score_source="explicit", verdict="positive", fresh=True, p_positive=0.93,
            quote=quote(review_text, "Quist's", "silences."),
        ),
        Review(
            path=WIKI_PATH, critic="Ana Pirl", outlet="The Daily Lamp", published=None,
            reported_in=WIKI_PATH, rating_text="three stars out of four", score=75.0,
            score_source="explicit", verdict="positive", fresh=True, p_positive=None,
            quote=quote(WIKI_TEXT, "Ana Pirl", "four."),
        ),
    )
    return Film(
        title="Salt and Ember",
        original_title="Sel et braise",
        year=2019,
        documents=(
            DocumentSummary(REVIEW_PATH, "critic_review", "en", "The Salt Review", None,
                            "2019-06-01", sha(review_text)),
            DocumentSummary(WIKI_PATH, "encyclopedia", "en", None, None, None, sha(WIKI_TEXT)),
        ),
        facts=facts,
        conflicts=(Conflict("runtime_min", (104, 98), "festival cut"),),
        reviews=reviews,
        reported_aggregates=(
            ReportedAggregate(WIKI_PATH, "Rotten Tomatoes", 88.0, 100.0, 42,
                              quote(WIKI_TEXT, "On Rotten", "reviews.")),
        ),
        aggregate=FilmAggregate(
            n_reviews=1, n_positive=1, percent_positive=100.0, interval95=(20.65, 100.0),
            mean_score=80.0, band="generally favourable",
            consensus="A patient, luminous drama.",
            consensus_sources=(Evidence(REVIEW_PATH, "patient, luminous drama"),),
        ),
        variants=("Salt & Ember", "Sel et braise"),
    )


def make_report(film: Film | None = None) -> Report:
    return Report(
        films=(film or make_film(),),
        rejected=(Rejection("docs/c-empty.txt", "clean", "no text left after cleaning"),),
    )


# Counted by hand from make_report(): 8 fact values with 10 sources in all.
EXPECTED_COUNTS = {
    "documents": 2, "films": 1, "facts": 8, "fact_sources": 10, "conflicts": 1, "reviews": 2,
    "reported_aggregates": 1, "runs": 1, "rejections": 1, "api_tokens": 0,
    "catalogue_titles": 0, "catalogue_principals": 0, "catalogue_people": 0,
}


def test_migrations_create_all_tables(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.counts() == dict.fromkeys(EXPECTED_TABLES, 0)
    engine = create_engine(parse_url(db_url))
    try:
        # FTS5 keeps its index in shadow tables named after the search table.
        tables = {
            name for name in inspect(engine).get_table_names()
            if include_in_comparison(name, "table", {})
        }
        assert tables == EXPECTED_TABLES | {"alembic_version"}
        if db_url.startswith("sqlite"):
            assert set(SEARCH_TABLES) <= set(inspect(engine).get_table_names())
        indexes = {i["name"] for i in inspect(engine).get_indexes("reviews")}
        assert "ix_reviews_film_id" in indexes
    finally:
        engine.dispose()


def test_migrations_agree_with_schema_module(db_url: str) -> None:
    """schema.py and the migrations describe the same schema (else add a migration)."""
    open_store(db_url).close()
    engine = create_engine(parse_url(db_url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_name": include_in_comparison}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_opening_twice_keeps_data(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save_report(make_report(), make_documents())
    with open_store(db_url) as store:
        assert store.counts() == EXPECTED_COUNTS


def test_save_then_counts_and_save_again_changes_nothing(db_url: str) -> None:
    with open_store(db_url) as store:
        first = store.save_report(make_report(), make_documents())
        assert (first.documents.inserted, first.films.inserted, first.rejections) == (2, 1, 1)
        assert store.counts() == EXPECTED_COUNTS
        film_id = store.films()[0].id

        second = store.save_report(make_report(), make_documents())
        assert store.counts() == EXPECTED_COUNTS
        assert (second.inserted, second.updated, second.unchanged) == (0, 0, 3)
        assert second.run_id == first.run_id
        assert store.films()[0].id == film_id


def test_film_round_trips(db_url: str) -> None:
    film = make_film()
    with open_store(db_url) as store:
        store.save_report(make_report(film), make_documents())
        [listed] = store.films()
        assert (listed.title, listed.year, listed.facts, listed.reviews) == (
            "Salt and Ember", 2019, {}, ()
        )
        loaded = store.film(listed.slug)
        assert store.film("no-such-film") is None
    assert loaded is not None
    cast = loaded.facts["cast"][0]
    assert type(cast.value) is CastMember
    assert cast.value == CastMember("Tomas Renn", "Jules")
    assert [e.path for e in cast.sources] == [REVIEW_PATH, WIKI_PATH]
    assert type(loaded.facts["budget"][0].value) is Money
    assert loaded.facts["runtime_min"][0].value == 104
    assert loaded.reviews[1].reported_in == WIKI_PATH
    assert [d.kind for d in loaded.documents] == ["critic_review", "encyclopedia"]
    # Every field of every record comes back as it went in.
    assert loaded.to_film() == film


def test_changed_document_replaces_the_old_one(db_url: str) -> None:
    new_text = REVIEW_TEXT.replace("Four stars", "Three and a half stars")
    with open_store(db_url) as store:
        store.save_report(make_report(), make_documents())
        summary = store.save_report(make_report(make_film(new_text)), make_documents(new_text))
        assert (summary.documents.updated, summary.documents.unchanged) == (1, 1)
        assert summary.films.updated == 1
        counts = store.counts()
        assert counts | {"runs": 1, "rejections": 1} == EXPECTED_COUNTS
        assert counts["runs"] == 2  # different inputs, a different run
        assert store.document_text(sha(REVIEW_TEXT)) is None
        assert store.document_text(sha(new_text)) == new_text
        loaded = store.film(store.films()[0].slug)
    assert loaded is not None
    assert loaded.reviews[0].quote is not None and loaded.reviews[0].quote in new_text


def test_changed_film_replaces_its_rows(db_url: str) -> None:
    film = make_film()
    smaller = dataclasses.replace(
        film, facts={k: v for k, v in film.facts.items() if k != "cast"}, conflicts=()
    )
    with open_store(db_url) as store:
        store.save_report(make_report(film), make_documents())
        summary = store.save_report(make_report(smaller), make_documents())
        assert summary.films.updated == 1
        counts = store.counts()
    # The two cast values (and their 3 sources) and the conflict are gone, nothing appended.
    assert (counts["facts"], counts["fact_sources"], counts["conflicts"]) == (6, 7, 0)
    assert counts["reviews"] == 2


def test_delete_document_removes_its_evidence(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save_report(make_report(), make_documents())
        assert store.delete_document(sha(REVIEW_TEXT)) is True
        assert store.delete_document(sha(REVIEW_TEXT)) is False
        counts = store.counts()
        # runtime 104 came only from the review; directors and Tomas Renn keep the wiki source.
        assert (counts["documents"], counts["facts"], counts["fact_sources"]) == (1, 7, 7)
        assert counts["reviews"] == 1
        loaded = store.film(store.films()[0].slug)
        assert loaded is not None
        assert [d.path for d in loaded.documents] == [WIKI_PATH]
        assert loaded.facts["cast"][0].sources == (
            Evidence(WIKI_PATH, quote(WIKI_TEXT, "It stars", "Lila.")),
        )
        assert "runtime_min" not in loaded.facts

        # Saving the report again restores everything the document gave.
        summary = store.save_report(make_report(), make_documents())
        assert summary.documents.inserted == 1 and summary.films.updated == 1
        assert store.counts() == EXPECTED_COUNTS


def test_document_without_a_film_and_without_a_hash(db_url: str) -> None:
    stray = CleanDocument("notes/stray.txt", "Nothing about any film.", "utf-8", "text")
    with open_store(db_url) as store:
        store.save_report(Report(films=(), rejected=()), [stray])
        store.save_report(Report(films=(), rejected=()), [stray])
        assert store.counts()["documents"] == 1
        assert store.document_text(sha(stray.text)) == stray.text


def test_awkward_values_store_on_every_backend(db_url: str) -> None:
    """Long, non-Latin and NUL-bearing values: what one engine accepts, the other must too."""
    text = "Жёлтый\x00 фильм — " + "очень " * 200
    film = dataclasses.replace(
        make_film(),
        title="Ж" * 400,
        year=None,
        documents=(DocumentSummary("жёлтый.txt", "blog_review", "ru-Cyrl-RS-x-long", None,
                                   "А" * 300, "sometime in the spring of 2019, or so", sha(text)),),
    )
    document = CleanDocument("жёлтый.txt", text, "windows-1251 (guessed)", "text",
                             content_hash=sha(text))
    with open_store(db_url) as store:
        store.save_report(make_report(film), [document])
        [row] = store.films()
        loaded = store.film(row.slug)
        stored_text = store.document_text(sha(text))
    assert loaded is not None and loaded.title == "Ж" * 400
    assert loaded.documents[0].published == "sometime in the spring of 2019, or so"
    assert stored_text == text.replace("\x00", "\ufffd")


@pytest.mark.parametrize(
    "url", ["mysql://user@localhost/critica", "critica.db", "", "oracle+cx://x@y/z"]
)
def test_unknown_url_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError, match="sqlite:///critica.db"):
        open_store(url)


def test_unreachable_postgres_says_where_and_what_to_do() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://root@127.0.0.1:1/critica")
    message = str(caught.value)
    assert message.startswith("cannot connect to PostgreSQL at 127.0.0.1:1: ")
    assert "is the server running?" in message


def test_postgres_scheme_means_psycopg(postgres_url: str) -> None:
    assert parse_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    alias = "postgres://" + postgres_url.split("://", 1)[1]
    with open_store(alias) as store:
        assert store.counts()["films"] == 0


def test_sqlite_relative_path_creates_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///deeper/still/critica.db") as store:
        store.save_report(make_report(), make_documents())
    assert (tmp_path / "deeper" / "still" / "critica.db").is_file()


def test_sqlite_in_memory() -> None:
    with open_store("sqlite://") as store:
        store.save_report(make_report(), make_documents())
        assert store.counts() == EXPECTED_COUNTS


def test_sqlite_file_that_cannot_be_opened(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the folder"):
        open_store(f"sqlite:///{blocker}/critica.db")
