"""The pipeline: ingest -> clean -> classify -> identify -> extract -> score -> aggregate.

Per-document stages run one document at a time; a failure in any of them turns that document
into a Rejection (stage, reason) and the run goes on. Identification into films and aggregation
run once all documents are read. Storing is the caller's choice (see critica.api.analyze).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from critica.aggregate import build_film
from critica.classify import classify
from critica.clean import clean
from critica.extract import extract, merge_facts
from critica.identify import cluster, identify
from critica.ingest import expand_paths, ingest
from critica.records import (
    AnalyzedDocument,
    CleanDocument,
    Film,
    RawDocument,
    Rejection,
    Report,
    Stage,
)
from critica.score import score_document, score_reported
from critica.settings import Settings

ProgressCallback = Callable[[int, int, str], None]  # (done, total, path)


def analyze_document(document: CleanDocument) -> AnalyzedDocument | Rejection:
    """classify -> identify -> extract -> score for one cleaned document."""
    stage: Stage = "classify"
    try:
        classified = classify(document)
        stage = "identify"
        identity = identify(classified)
        if isinstance(identity, Rejection):
            return identity
        stage = "extract"
        extraction = extract(classified)
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


def build_films(analyzed: Sequence[AnalyzedDocument], settings: Settings) -> tuple[tuple[Film, ...], tuple[Rejection, ...]]:
    """Group analysed documents into films and build each film's page."""
    by_path = {a.classified.path: a for a in analyzed}
    films: list[Film] = []
    rejected: list[Rejection] = []
    for group in cluster([a.identity for a in analyzed]):
        members = [by_path[p] for p in group.paths if p in by_path]
        try:
            facts, conflicts = merge_facts([m.extraction for m in members])
            films.append(build_film(group, members, facts, conflicts, settings))
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
) -> Report:
    """Analyse the documents the paths name. Raises InputError for a path that does not exist."""
    settings = settings or Settings()
    files = expand_paths(paths)
    rejected: list[Rejection] = []
    cleaned: list[CleanDocument] = []
    analyzed: list[AnalyzedDocument] = []
    for done, raw in enumerate(ingest(files, settings), start=1):
        document = _clean(raw)
        if isinstance(document, Rejection):
            rejected.append(document)
        else:
            cleaned.append(document)
            result = analyze_document(document)
            if isinstance(result, Rejection):
                rejected.append(result)
            else:
                analyzed.append(result)
        if progress is not None:
            progress(done, len(files), raw.path)
    films, failed = build_films(analyzed, settings)
    return Report(
        films=films,
        rejected=tuple(rejected) + failed,
        documents=tuple(cleaned),
        n_inputs=len(files),
    )
