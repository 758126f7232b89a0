"""The pipeline: ingest -> clean -> classify -> identify -> extract -> score -> aggregate.

Per-document stages run one document at a time; a failure in any of them turns that document
into a Rejection (stage, reason) and the run goes on. Identification into films and aggregation
run once all documents are read. Storing is the caller's choice (see critica.api.analyze).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from critica.aggregate import build_film
from critica.classify import classify, no_film_reason
from critica.clean import clean
from critica.errors import ModelError
from critica.extract import extract, merge_facts
from critica.identify import cluster, identify, slugify
from critica.identify.attribution import drop_other_films_facts, keep_entry_facts
from critica.ingest import expand_paths, ingest
from critica.records import (
    AnalyzedDocument,
    CleanDocument,
    DocumentKind,
    Film,
    FilmGroup,
    Identity,
    RawDocument,
    Rejection,
    Report,
    Stage,
)
from critica.score import score_document, score_reported
from critica.settings import Settings

if TYPE_CHECKING:
    from critica.identify.catalogue import CatalogueLookup

ProgressCallback = Callable[[int, int, str], None]  # (done, total, path)
In = TypeVar("In")
Out = TypeVar("Out")


def analyze_document(
    document: CleanDocument,
    *,
    kind: DocumentKind | None = None,
    identity: Identity | None = None,
) -> AnalyzedDocument | Rejection:
    """classify -> identify -> extract -> score for one cleaned document.

    ``kind`` and ``identity`` are for callers that already know them (``critica batch`` reading
    a table of reviews with a film column): they replace what classify and identify would say.
    """
    stage: Stage = "classify"
    try:
        classified = classify(document)
        if kind is not None:
            classified = dataclasses.replace(classified, kind=kind, kind_confidence=1.0)
        if identity is None:
            # a privacy policy, a recipe, a top-10 list: rejected with a reason, not guessed at
            not_one_film = no_film_reason(classified)
            if not_one_film is not None:
                return Rejection(document.path, "classify", not_one_film)
        stage = "identify"
        if identity is None:
            found = identify(classified)
            if isinstance(found, Rejection):
                return found
            identity = found
        stage = "extract"
        # a dispatch about two films: facts from sentences about the other one stay out
        extraction = drop_other_films_facts(extract(classified), classified.text, identity)
        stage = "score"
        own = score_document(classified, extraction.meta)
        reported = tuple(score_reported(r, classified) for r in extraction.reported_reviews)
    except Exception as exc:  # one broken document never stops a run
        return Rejection(document.path, stage, f"internal error: {type(exc).__name__}: {exc}")
    reviews = ((own,) if own is not None else ()) + reported
    return AnalyzedDocument(classified, identity, extraction, reviews)


def _clean(raw: RawDocument | Rejection) -> CleanDocument | Rejection:
    if isinstance(raw, Rejection):
        return raw
    try:
        return clean(raw)
    except Exception as exc:
        return Rejection(raw.path, "clean", f"internal error: {type(exc).__name__}: {exc}")


Analysed = tuple[CleanDocument | Rejection, AnalyzedDocument | Rejection | None]


def _clean_and_analyze(raw: RawDocument | Rejection) -> Analysed:
    document = _clean(raw)
    if isinstance(document, Rejection):
        return document, None
    return document, analyze_document(document)


def analyze_raw(raws: Iterable[RawDocument | Rejection], workers: int = 1) -> Iterator[Analysed]:
    """clean and analyze_document for each raw document, in input order.

    With ``workers`` > 1 the documents are shared among that many processes (each document
    is independent until films are built); the stage functions are the same either way.
    """
    yield from map_documents(_clean_and_analyze, raws, workers)


def map_documents(fn: Callable[[In], Out], items: Iterable[In], workers: int = 1) -> Iterator[Out]:
    """``map(fn, items)`` in input order, shared among ``workers`` processes when > 1: the pool
    analyze_raw uses (benchmarks/extract_speed.py times the stages through it too).
    ``fn`` must be importable by name in a fresh process."""
    if workers <= 1:
        yield from map(fn, items)
        return
    # "spawn", not fork: a forked child of a parent that has already run torch (the encoder)
    # can hang on torch's thread pool; fresh processes load the models once each instead.
    # one torch thread per worker: the workers already share the cores (score/encoder.py)
    from critica.score.encoder import set_inference_threads

    with multiprocessing.get_context("spawn").Pool(workers, initializer=set_inference_threads,
                                                   initargs=(1,)) as pool:
        # small chunks keep the order cheap to restore and the progress callback lively
        yield from pool.imap(fn, items, chunksize=4)


def build_films(
    analyzed: Sequence[AnalyzedDocument],
    settings: Settings,
    groups: Sequence[FilmGroup] | None = None,
    catalogue: CatalogueLookup | None = None,
    held_badges: Mapping[str, Collection[str]] | None = None,
) -> tuple[tuple[Film, ...], tuple[Rejection, ...]]:
    """Group analysed documents into films and build each film's page.

    ``groups``, when the caller already knows which documents make each film (``critica batch``
    with a film column), replace the clustering of identities. With a ``catalogue`` (a store's,
    see ``critica.catalogue.open_catalogue``) each group is linked to the entry that fits it.
    ``held_badges`` (slug -> badge names, e.g. ``Store.held_badges()``) is what each film held
    before, so that badges keep their hysteresis; without it every film starts from none.
    """
    by_path = {a.classified.path: a for a in analyzed}
    films: list[Film] = []
    rejected: list[Rejection] = []
    identities = [a.identity for a in analyzed]
    if groups is None:
        groups = cluster(identities, [a.classified.text for a in analyzed])
    if catalogue is not None:
        from critica.identify.catalogue import link_catalogue

        groups = link_catalogue(groups, identities, catalogue)
    for group in groups:
        members = [by_path[p] for p in group.paths if p in by_path]
        try:
            # a list page's facts are those of the entry for this film, not its neighbours'
            facts, conflicts = merge_facts([keep_entry_facts(m.extraction, m.classified.text,
                                                             group.title) for m in members])
            held = (held_badges or {}).get(slugify(group.title, group.year), ())
            films.append(build_film(group, members, facts, conflicts, settings, held))
        except ModelError:
            raise  # a broken model file is no document's fault: stop with its message
        except Exception as exc:
            rejected.extend(
                Rejection(m.classified.path, "aggregate", f"internal error: {type(exc).__name__}: {exc}")
                for m in members
            )
    return tuple(films), tuple(rejected)


def run(
    paths: Sequence[str],
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    catalogue: CatalogueLookup | None = None,
    workers: int = 1,
    held_badges: Mapping[str, Collection[str]] | None = None,
) -> Report:
    """Analyse the documents the paths name. Raises InputError for a path that does not exist.

    ``catalogue`` links films to catalogue entries; without one, films are what the documents
    alone say. ``workers`` > 1 cleans and analyses documents in that many processes; the
    report is the same. ``held_badges``: the badges films held before (see build_films)."""
    settings = settings or Settings()
    files = expand_paths(paths)
    rejected: list[Rejection] = []
    cleaned: list[CleanDocument] = []
    analyzed: list[AnalyzedDocument] = []
    results = analyze_raw(ingest(files, settings), workers)
    for done, (document, result) in enumerate(results, start=1):
        if isinstance(document, Rejection):
            rejected.append(document)
        else:
            cleaned.append(document)
            if isinstance(result, Rejection):
                rejected.append(result)
            elif result is not None:
                analyzed.append(result)
        if progress is not None:
            progress(done, len(files), document.path)
    films, failed = build_films(analyzed, settings, catalogue=catalogue, held_badges=held_badges)
    return Report(
        films=films,
        rejected=tuple(rejected) + failed,
        documents=tuple(cleaned),
        n_inputs=len(files),
    )
