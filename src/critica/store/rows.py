"""What the store hands back: small frozen records, never ORM objects or bare rows.

Nested values reuse the pipeline's records (FactEntry, Review, Conflict, ...), so a film read
back from the database looks like the film that was saved (:meth:`FilmRow.to_film`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from critica.records import (
    Conflict,
    DocumentKind,
    DocumentSummary,
    FactEntry,
    Film,
    FilmAggregate,
    ReportedAggregate,
    Review,
)


@dataclass(frozen=True)
class ChangeCounts:
    """How many rows of one kind a save inserted, updated (or replaced) and left unchanged."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: str) -> ChangeCounts:
        return ChangeCounts(
            inserted=self.inserted + (outcome == "inserted"),
            updated=self.updated + (outcome == "updated"),
            unchanged=self.unchanged + (outcome == "unchanged"),
        )


@dataclass(frozen=True)
class SaveSummary:
    """What :meth:`Store.save_report` did. Saving the same report twice gives all "unchanged"."""

    run_id: int
    documents: ChangeCounts
    films: ChangeCounts
    rejections: int  # rejections recorded for this run (0 when the run was already stored)

    @property
    def inserted(self) -> int:
        return self.documents.inserted + self.films.inserted

    @property
    def updated(self) -> int:
        return self.documents.updated + self.films.updated

    @property
    def unchanged(self) -> int:
        return self.documents.unchanged + self.films.unchanged


@dataclass(frozen=True)
class DocumentRow:
    """A stored document without its text (read that with :meth:`Store.document_text`)."""

    id: int
    path: str
    content_hash: str
    kind: DocumentKind | None
    language: str | None
    outlet: str | None
    author: str | None
    published: str | None
    encoding: str
    media_type: str
    film_id: int | None
    created_at: datetime

    def to_summary(self) -> DocumentSummary:
        return DocumentSummary(
            path=self.path,
            kind=self.kind or "other",
            language=self.language or "und",
            outlet=self.outlet,
            author=self.author,
            published=self.published,
            content_hash=self.content_hash,
        )


@dataclass(frozen=True)
class FilmRow:
    """A stored film. From :meth:`Store.films` the detail tuples are empty; from
    :meth:`Store.film` they hold the film's documents, facts, conflicts and reviews."""

    id: int
    slug: str
    title: str
    original_title: str | None
    year: int | None
    variants: tuple[str, ...]
    aggregate: FilmAggregate
    updated_at: datetime
    documents: tuple[DocumentRow, ...] = ()
    facts: dict[str, tuple[FactEntry, ...]] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()
    reviews: tuple[Review, ...] = ()
    reported_aggregates: tuple[ReportedAggregate, ...] = ()
    catalogue_id: str | None = None  # the catalogue entry the film was linked to

    def to_film(self) -> Film:
        """The pipeline record again (documents in path order)."""
        return Film(
            title=self.title,
            original_title=self.original_title,
            year=self.year,
            documents=tuple(doc.to_summary() for doc in self.documents),
            facts=dict(self.facts),
            conflicts=self.conflicts,
            reviews=self.reviews,
            reported_aggregates=self.reported_aggregates,
            aggregate=self.aggregate,
            variants=self.variants,
            catalogue_id=self.catalogue_id,
        )
