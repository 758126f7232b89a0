"""Full-text search in the store, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

The corpus is examples/corpus, stored by the real pipeline; which documents should match a
word is worked out here by reading their stored text, never by asking the search itself.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, inspect, text

from critica.store import open_store, parse_url
from critica.store.search import MARK_END, MARK_START, query_words
from web_support import CORPUS, seed


def _containing(db_url: str, word: str) -> set[int]:
    """Ids of the stored documents whose text holds ``word`` as a word (any case)."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    with open_store(db_url) as store:
        documents = store.documents_page(limit=500)
        return {d["id"] for d in documents
                if (doc := store.stored_document(str(d["id"]))) and pattern.search(doc.text)}


@pytest.fixture
def corpus_db(db_url: str) -> str:
    seed(db_url)
    return db_url


@pytest.mark.parametrize("word", ["farmhouse", "Romero", "cellar"])
def test_documents_matching_a_word(corpus_db: str, word: str) -> None:
    expected = _containing(corpus_db, word)
    assert expected, f"the example corpus should mention {word!r}"
    with open_store(corpus_db) as store:
        hits = store.search_documents(word, limit=50)
    assert {h.id for h in hits} == expected
    for hit in hits:
        assert MARK_START in hit.snippet and MARK_END in hit.snippet
        assert hit.film_slug == "night-of-the-living-dead-1968"


def test_every_word_must_match(corpus_db: str) -> None:
    both = _containing(corpus_db, "farmhouse") & _containing(corpus_db, "cellar")
    with open_store(corpus_db) as store:
        assert {h.id for h in store.search_documents("farmhouse cellar")} == both
        assert store.search_documents("farmhouse qqzzxxy") == []


def test_reviews_by_critic_and_outlet(corpus_db: str) -> None:
    with open_store(corpus_db) as store:
        critics = {r["critic"] for r in store.reviews_page(limit=500) if r["critic"]}
        assert critics
        for critic in critics:
            surname = critic.split()[-1]
            hits = store.search_reviews(surname)
            assert critic in {h.critic for h in hits}, critic


@pytest.mark.parametrize("query", [
    "'; DROP TABLE documents; --", '" OR 1=1 --', "NEAR(living dead, 2)", "dead*", "text:dead",
    "AND OR NOT", "(((", "\x00", "%", "_", "\\", "ünïcödé", "",
])
def test_hostile_queries_are_words(corpus_db: str, query: str) -> None:
    with open_store(corpus_db) as store:
        before = store.counts()
        documents = store.search_documents(query)
        reviews = store.search_reviews(query)
        films = store.film_summaries(query)
        assert store.counts() == before
    words = query_words(query)
    for word in words:  # anything found holds every word of the query
        for hit in documents:
            assert word in _stored_text(corpus_db, hit.id).lower()
    assert isinstance(reviews, list) and isinstance(films, list)


def _stored_text(db_url: str, document_id: int) -> str:
    with open_store(db_url) as store:
        doc = store.stored_document(str(document_id))
        assert doc is not None
        return doc.text


def test_deleted_document_leaves_the_index(corpus_db: str) -> None:
    with open_store(corpus_db) as store:
        hits = store.search_documents("farmhouse")
        assert hits
        store.delete_document(hits[0].content_hash)
        assert hits[0].id not in {h.id for h in store.search_documents("farmhouse")}


def test_index_objects_exist(corpus_db: str) -> None:
    engine = create_engine(parse_url(corpus_db))
    try:
        if engine.dialect.name == "sqlite":
            assert {"documents_fts", "reviews_fts"} <= set(inspect(engine).get_table_names())
        else:
            with engine.connect() as conn:
                names = set(conn.execute(text(
                    "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                )).scalars())
            assert {"ix_documents_text_search", "ix_reviews_text_search"} <= names
    finally:
        engine.dispose()


def test_corpus_is_there() -> None:
    assert (CORPUS / "gold.json").is_file()
