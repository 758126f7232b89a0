"""extract: what each document states about its film, with evidence; and the per-film merge.

    extract(doc) -> Extraction          facts, document metadata, list rank, reported reviews
    extract_facts(doc) -> (Fact, ...)   the film's facts only
    merge_facts(extractions) -> (facts by field, conflicts)   one film across its documents
"""

from __future__ import annotations

from critica.extract.facts import extract_facts
from critica.extract.merge import merge_facts
from critica.extract.meta import extract_list_rank, extract_meta
from critica.extract.reception import extract_reception
from critica.records import ClassifiedDocument, Extraction

__all__ = ["extract", "extract_facts", "merge_facts"]


def extract(doc: ClassifiedDocument) -> Extraction:
    """Everything one classified document says: facts, metadata, list rank, reported reviews."""
    reviews, aggregates = extract_reception(doc)
    return Extraction(
        path=doc.path,
        meta=extract_meta(doc),
        facts=extract_facts(doc),
        reported_reviews=reviews,
        reported_aggregates=aggregates,
        list_rank=extract_list_rank(doc),
    )
