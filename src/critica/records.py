"""Typed, frozen records passed between pipeline stages.

Each stage takes one of these and returns the next (or a :class:`Rejection`).
No bare dicts cross a stage boundary: what a stage knows is spelled out here,
so a newcomer can read the whole data flow in one file.

    ingest   -> RawDocument
    clean    -> CleanDocument
    classify -> ClassifiedDocument
    identify -> Identity (per document), FilmGroup (per film)
    extract  -> Extraction (per document); FactEntry/Conflict (merged per film)
    score    -> Review (the document's own and the ones it reports)
    aggregate-> Film
    pipeline -> Report
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal[
    "critic_review", "blog_review", "encyclopedia", "list_entry", "dvd_review", "news", "other"
]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = (
    "critic_review", "blog_review", "encyclopedia", "list_entry", "dvd_review", "news", "other",
)
Verdict = Literal["positive", "mixed", "negative"]
ScoreSource = Literal["explicit", "predicted"]
Stage = Literal[
    "ingest", "clean", "classify", "identify", "extract", "score", "aggregate", "store"
]

FACT_FIELDS: tuple[str, ...] = (
    "directors", "writers", "producers", "composer", "cast", "runtime_min", "mpaa_rating",
    "release_dates", "budget", "box_office", "production_companies", "distributors",
    "countries", "languages", "based_on", "awards",
)


@dataclass(frozen=True)
class Rejection:
    """A document a stage could not use, and why. Counted and shown, never dropped."""

    path: str
    stage: Stage
    reason: str


# --- ingest -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawDocument:
    """Bytes as read, before any decoding. ``path`` is as the user gave it (or the URL)."""

    path: str
    data: bytes
    media_type: Literal["text", "html", "markdown"] = "text"


# --- clean --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageMetadata:
    """What an HTML page's own metadata says (None for plain text)."""

    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date
    site_name: str | None = None


@dataclass(frozen=True)
class CleanDocument:
    """Main text of a document with boilerplate removed.

    ``text`` is what every later stage quotes from: every quote is an exact substring of it.
    """

    path: str
    text: str
    encoding: str
    media_type: Literal["text", "html", "markdown"]
    removed_lines: tuple[str, ...] = ()
    metadata: PageMetadata = field(default_factory=PageMetadata)
    content_hash: str = ""  # sha256 of the raw bytes: the store's idempotency key


# --- classify -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassifiedDocument:
    document: CleanDocument
    kind: DocumentKind
    language: str  # ISO 639-1, "und" when unknown
    kind_confidence: float = 1.0

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def text(self) -> str:
        return self.document.text


# --- identify -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleCandidate:
    """A title the document may be about, with where it was seen and how much to trust it."""

    title: str
    year: int | None
    weight: float
    origin: str  # e.g. "headline", "first_sentence", "header_field", "page_title"
    original_title: str | None = None


@dataclass(frozen=True)
class Identity:
    """Which film one document is about, as far as the document alone says."""

    path: str
    candidates: tuple[TitleCandidate, ...]
    people: tuple[str, ...] = ()  # names seen (directors, cast), used to tell films apart
    directors: tuple[str, ...] = ()  # names credited as director: a remake's differ

    @property
    def best(self) -> TitleCandidate | None:
        return max(self.candidates, key=lambda c: c.weight, default=None)


@dataclass(frozen=True)
class FilmGroup:
    """Documents judged to be about one film."""

    title: str
    year: int | None
    original_title: str | None
    paths: tuple[str, ...]
    variants: tuple[str, ...] = ()
    catalogue_id: str | None = None


# --- extract ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: ``quote`` is an exact substring of the document's clean text."""

    path: str
    quote: str


@dataclass(frozen=True)
class CastMember:
    actor: str
    character: str | None = None


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str  # ISO 4217, e.g. "USD", "EUR", "GBP"
    text: str  # as printed, e.g. "$20m"
    scope: str | None = None  # e.g. "worldwide", "domestic"


@dataclass(frozen=True)
class ReleaseDate:
    date: str  # ISO 8601, "2012-11-23" (or "2012-11", "2012" when that is all that is said)
    region: str | None = None
    event: str | None = None  # premiere, festival, theatrical, limited, wide, home_video


@dataclass(frozen=True)
class MpaaRating:
    value: str  # "R", "PG-13", "15" (BBFC) ...
    reason: str | None = None
    board: str = "MPAA"


@dataclass(frozen=True)
class Award:
    text: str
    # "selected": an honour without a contest ("selected for the National Film Registry")
    outcome: Literal["won", "nominated", "competed", "none", "selected"] = "nominated"
    count: int | None = None


FactValue = str | int | CastMember | Money | ReleaseDate | MpaaRating | Award


@dataclass(frozen=True)
class Fact:
    """One value of one field, as stated in one document."""

    field: str  # one of FACT_FIELDS
    value: FactValue
    evidence: Evidence


@dataclass(frozen=True)
class DocumentMeta:
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date of the document itself, not of the film


@dataclass(frozen=True)
class ReportedReview:
    """A review a document reports about another critic ("Peter Bradshaw of The Guardian ...")."""

    path: str  # the reporting document
    critic: str | None
    outlet: str | None
    rating_text: str | None  # as printed: "a four-star rating out of five"
    quote: str  # exact substring of the reporting document: the sentence that reports it


@dataclass(frozen=True)
class ReportedAggregate:
    """An aggregator figure a document reports ("82% based on 155 reviews")."""

    path: str
    aggregator: str  # "Rotten Tomatoes", "Metacritic", ...
    value: float
    scale: float  # 100 for both "82%" and "73/100"; 10 for "7.1/10"
    count: int | None
    quote: str


@dataclass(frozen=True)
class Extraction:
    """Everything extract reads from one document."""

    path: str
    meta: DocumentMeta
    facts: tuple[Fact, ...] = ()
    reported_reviews: tuple[ReportedReview, ...] = ()
    reported_aggregates: tuple[ReportedAggregate, ...] = ()
    list_rank: int | None = None


@dataclass(frozen=True)
class FactEntry:
    """A canonical value of a field for a film, with every document that states it."""

    value: FactValue
    sources: tuple[Evidence, ...]
    variants: tuple[str, ...] = ()  # minority spellings folded into this value


@dataclass(frozen=True)
class Conflict:
    field: str
    values: tuple[FactValue, ...]
    note: str | None = None  # an explanation when one is known (currency, cut ...)


# --- score --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rating:
    """A printed rating, normalised to 0-100 (see score/ratings.py for the table)."""

    text: str
    score: float
    scale: str  # "stars/5", "x/4", "letter", "percent", "word" ...


@dataclass(frozen=True)
class Review:
    """One critic's review of a film, read by critica or reported by another document."""

    path: str
    critic: str | None
    outlet: str | None
    published: str | None
    reported_in: str | None  # path of the reporting document, None when critica read it itself
    rating_text: str | None
    score: float | None  # 0-100
    score_source: ScoreSource | None
    verdict: Verdict | None
    fresh: bool | None
    p_positive: float | None
    quote: str | None  # exact substring of the document the review was read from
    kind: DocumentKind = "critic_review"
    aspects: tuple[Aspect, ...] = ()  # what this review praises or faults (aggregate fills it)
    top_critic: bool = False  # outlet or critic on Settings.top_critics


# --- aggregate ----------------------------------------------------------------------------

AspectName = Literal[
    "performances", "direction", "screenplay", "music", "visuals", "effects", "editing"
]
ASPECT_NAMES: tuple[AspectName, ...] = (
    "performances", "direction", "screenplay", "music", "visuals", "effects", "editing",
)
Polarity = Literal["positive", "mixed", "negative"]


@dataclass(frozen=True)
class Aspect:
    """What a review (or, merged, a film's critics) says about one side of a film.

    ``person`` names whose performance (or direction, score ...) it is, when a name is given.
    At film level the counts are distinct reviews; for one review they are 0 or 1.
    """

    name: AspectName
    polarity: Polarity
    person: str | None = None
    evidence: tuple[Evidence, ...] = ()
    n_positive: int = 0
    n_negative: int = 0
    n_mixed: int = 0


@dataclass(frozen=True)
class SpoilerFlag:
    """A sentence that reveals a plot development; quotes and the consensus never use it."""

    path: str
    quote: str  # exact substring of the document's clean text
    reason: str  # "death", "ending", "twist", "injury", "outcome"
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Badge:
    """A badge and the rule that gave it (rules with hysteresis: see aggregate/badges.py)."""

    name: str
    rule: str


@dataclass(frozen=True)
class ConsensusClaim:
    """One claim of the consensus sentence and the review sentences that support it."""

    text: str  # the words of the consensus that make the claim
    aspect: AspectName | None  # None for the overall verdict
    polarity: Polarity
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class ScoreFigures:
    """Figures over one group of reviews (top critics, or blogs and list entries)."""

    n_reviews: int
    n_positive: int
    percent_positive: float | None
    interval95: tuple[float, float] | None
    mean_score: float | None
    band: str | None
    disagreement: float | None = None


@dataclass(frozen=True)
class FilmAggregate:
    n_reviews: int
    n_positive: int
    percent_positive: float | None
    interval95: tuple[float, float] | None  # Wilson score interval, in percent
    mean_score: float | None
    band: str | None  # Metacritic colour band of mean_score
    consensus: str | None
    consensus_sources: tuple[Evidence, ...] = ()
    disagreement: float | None = None  # standard deviation of the 0-100 scores
    top_critics: ScoreFigures | None = None
    others: ScoreFigures | None = None  # blog reviews and list entries, kept apart
    outlet_weights: tuple[tuple[str, float], ...] = ()  # weights used for this film's mean
    weights_source: str = "equal"  # the weights file, or "equal"
    badges: tuple[Badge, ...] = ()
    consensus_claims: tuple[ConsensusClaim, ...] = ()
    aspects: tuple[Aspect, ...] = ()  # film level: what critics praise and fault
    interval_method: str = "wilson"


@dataclass(frozen=True)
class DocumentSummary:
    path: str
    kind: DocumentKind
    language: str
    outlet: str | None
    author: str | None
    published: str | None
    content_hash: str = ""


@dataclass(frozen=True)
class Film:
    title: str
    original_title: str | None
    year: int | None
    documents: tuple[DocumentSummary, ...]
    facts: dict[str, tuple[FactEntry, ...]]
    conflicts: tuple[Conflict, ...]
    reviews: tuple[Review, ...]
    reported_aggregates: tuple[ReportedAggregate, ...]
    aggregate: FilmAggregate
    variants: tuple[str, ...] = ()
    spoilers: tuple[SpoilerFlag, ...] = ()  # plot-revealing sentences of every document
    catalogue_id: str | None = None  # e.g. "tt2053425" when a loaded catalogue matched

    @property
    def slug(self) -> str:
        from critica.identify import slugify

        return slugify(self.title, self.year)


@dataclass(frozen=True)
class AnalyzedDocument:
    """One document after the per-document stages: what aggregate needs to build its film."""

    classified: ClassifiedDocument
    identity: Identity
    extraction: Extraction
    reviews: tuple[Review, ...]  # the document's own review first (if any), then reported ones


@dataclass(frozen=True)
class Report:
    films: tuple[Film, ...]
    rejected: tuple[Rejection, ...]
    documents: tuple[CleanDocument, ...] = ()  # every document that got past clean
    n_inputs: int = 0
