"""Score a user's own collection of reviews: one result per review, never a crash of the run.

    read_reviews(path, column=None, grade_column=None) -> list[ReviewInput]
    score_review(text, grade=None, source="") -> ScoredReview
    score_collection(path, ...) -> Iterator[ScoredReview]        (what `critica score` runs)

Inputs: a text file (one review per line; blank lines are not reviews), a folder of review
files (one review per file), or a TSV/CSV file with the reviews in ``column``. Files are decoded
with critica.clean.decode (BOM, UTF-8, then detection). A printed grade, in ``grade_column``
or found in the text (critica.score.ratings), sets the score and verdict; otherwise both come
from the prose models. A review that cannot be scored gets an ``error`` and the run goes on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from critica.clean.decode import binary_problem, decode_bytes
from critica.errors import InputError
from critica.records import Rating

__all__ = ["ReviewInput", "ScoredReview", "read_reviews", "score_collection", "score_review"]

TABLE_SUFFIXES = {".tsv": "\t", ".csv": ","}
DEFAULT_COLUMNS = ("review", "text", "content", "body")
MAX_TEXT_CHARS = 200_000  # a longer text is scored on its first 200,000 characters
SNIPPET_WORDS = 40  # up to this many words in one sentence: read as a snippet, not a review

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class ReviewInput:
    text: str
    source: str  # "file:line" or the file of a folder
    grade: str = ""  # from --grade-column
    problem: str = ""  # why the row cannot be scored (empty when it can)


@dataclass(frozen=True)
class ScoredReview:
    """One review's result; ``to_json`` is the line `critica score` writes."""

    text: str
    verdict: str | None
    fresh: bool | None
    p_positive: float | None
    score: float | None
    rating_text: str | None
    quote: str | None
    source: str = ""
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text, "verdict": self.verdict, "fresh": self.fresh,
            "p_positive": self.p_positive, "score": self.score,
            "rating_text": self.rating_text, "quote": self.quote, "source": self.source,
        }
        if self.error:
            out["error"] = self.error
        return out


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    binary = binary_problem(data)
    if binary:
        raise InputError(f"cannot read {path}: {binary}")
    decoded = decode_bytes(data)
    if decoded.text is None:
        raise InputError(f"cannot read {path}: {decoded.problem} (save it as UTF-8 text)")
    return decoded.text


def _table_rows(path: Path, text: str, column: str | None, grade_column: str | None) -> list[ReviewInput]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=TABLE_SUFFIXES[path.suffix.lower()])
    header = [h for h in (reader.fieldnames or []) if h is not None]
    if not header:
        raise InputError(f"{path} is empty: it has no header row")
    if column is None:
        column = next((h for h in header if h.strip().lower() in DEFAULT_COLUMNS), None)
        if column is None:
            raise InputError(f"{path}: say which column holds the reviews with --column "
                             f"(columns: {', '.join(header)})")
    for name, option in ((column, "--column"), (grade_column, "--grade-column")):
        if name is not None and name not in header:
            raise InputError(f"{path} has no column {name!r} ({option}); columns: {', '.join(header)}")
    rows: list[ReviewInput] = []
    for row in reader:
        line = reader.line_num
        value = row.get(column)
        grade = (row.get(grade_column) or "") if grade_column else ""
        if value is None:
            rows.append(ReviewInput("", f"{path}:{line}", grade, f"row has no {column!r} value"))
        elif value.strip() or grade.strip():
            rows.append(ReviewInput(value, f"{path}:{line}", grade.strip()))
    return rows


def read_reviews(path: Path, column: str | None = None, grade_column: str | None = None
                 ) -> list[ReviewInput]:
    """The reviews held in ``path`` (see the module docstring); InputError when there are none."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    if path.is_dir():
        if column or grade_column:
            raise InputError("--column and --grade-column apply to a TSV/CSV file, not a folder")
        files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        rows = []
        for f in files:
            try:
                rows.append(ReviewInput(_decode(f), str(f)))
            except InputError as exc:  # one unreadable file is a bad row, not a failed run
                rows.append(ReviewInput("", str(f), problem=str(exc)))
        if not rows:
            raise InputError(f"{path} holds no review files")
        return rows
    text = _decode(path)
    if not text.strip():
        raise InputError(f"{path} is empty: write one review per line, or pass a folder or a TSV/CSV")
    if path.suffix.lower() in TABLE_SUFFIXES:
        rows = _table_rows(path, text, column, grade_column)
    else:
        if column or grade_column:
            raise InputError(f"--column and --grade-column need a .tsv or .csv file, not {path.name}")
        rows = [ReviewInput(line.strip(), f"{path}:{n}")
                for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not rows:
        raise InputError(f"{path} holds no reviews")
    return rows


_TAIL = re.compile(r"(?<=[.!?])\s+|\s+[|\u2013\u2014]\s+|\s+-\s+")


def _printed_rating(text: str, grade: str) -> Rating | None:
    """The grade column's rating, else a rating line of the text, else its closing words.

    The last check reads a snippet that ends in its grade ("A dull mess. 1/5", "... | B+").
    """
    from critica.score.ratings import find_rating, parse_rating

    if grade.strip():
        rating = parse_rating(grade)
        if rating is not None:
            return rating
    found = find_rating(text)
    if found is not None:
        return found
    tail = _TAIL.split(text.strip()[-200:])[-1]
    return parse_rating(tail) if tail and tail != text.strip() else None


def score_review(text: str, grade: str = "", source: str = "") -> ScoredReview:
    """Verdict, p_positive, 0-100 score and quote of one review (see the module docstring).

    A short text of one sentence is read as a snippet (the verdict model's own score map); a
    longer one through the document scorer, which weighs its sentences and picks the quote.
    """
    from critica.score.document import DocumentScore, score_sentences, verdict_of
    from critica.score.model import load_default
    from critica.score.sentences import split_sentences

    if not isinstance(text, str):
        return ScoredReview("", None, None, None, None, None, None, source, "not text")
    body = text[:MAX_TEXT_CHARS]
    printed = _printed_rating(body, grade)
    sentences = split_sentences(body)
    prose = DocumentScore(None, None, None, 0)
    if len(sentences) > 1 or (sentences and sentences[0].n_words > SNIPPET_WORDS):
        prose = score_sentences(sentences)
    elif sentences and sentences[0].n_words >= 1:
        model = load_default()
        p = float(model.predict_proba([sentences[0].text])[0, 1])
        prose = DocumentScore(round(p, 4), round(float(model.score_from_proba(p)), 1), sentences[0], 1)
    score = printed.score if printed is not None else prose.score
    if score is None:
        reason = "no words to read" if not sentences else "no sentence the models can read"
        return ScoredReview(text, None, None, None, None, None, None, source, reason)
    verdict = verdict_of(score)
    quote = prose.quote.text if prose.quote is not None else None
    return ScoredReview(text, verdict, verdict == "positive", prose.p_positive, round(score, 1),
                        printed.text if printed is not None else None, quote, source)


def score_collection(path: Path, column: str | None = None, grade_column: str | None = None
                     ) -> Iterator[ScoredReview]:
    """Score every review in ``path``; a row that fails yields a result with ``error``."""
    for row in read_reviews(path, column, grade_column):
        if row.problem:
            yield ScoredReview(row.text, None, None, None, None, None, None, row.source, row.problem)
            continue
        try:
            yield score_review(row.text, row.grade, row.source)
        except Exception as exc:  # noqa: BLE001 - one bad review must not stop a batch
            yield ScoredReview(row.text, None, None, None, None, None, None, row.source,
                               f"{type(exc).__name__}: {exc}")
