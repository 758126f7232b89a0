"""parse_rating and find_rating: expectations written from the documented table (docs/ratings.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from critica.score.ratings import LETTER_SCORES, WORD_SCORES, find_rating, parse_rating

DOCS = Path(__file__).resolve().parent.parent / "docs" / "ratings.md"

CASES: list[tuple[str, float]] = [
    # letter grades, Metacritic table
    ("A+", 100), ("A", 100), ("A-", 92), ("A−", 92), ("A–", 92), ("B+", 83), ("B", 75),
    ("B-", 67), ("C+", 58), ("C", 50), ("C-", 42), ("D+", 33), ("D", 25), ("D-", 17), ("F", 0),
    ("Grade: B+", 83), ("Grade: b-", 67), ("Our grade: A-", 92), ("B +", 83),
    # x of y, linear
    ("4/5", 80), ("3 of 5", 60), ("3.5 out of 4", 87.5), ("7/10", 70), ("8.5/10", 85),
    ("85/100", 85), ("8,5/10", 85), ("2.5/4", 62.5), ("0/5", 0), ("5/5", 100), ("3/6", 50),
    ("Rating: 4/5", 80), ("4 / 5", 80), ("4 out of 5 stars", 80), ("three out of five stars", 60),
    ("a four-star rating out of five", 80), ("four stars (out of five)", 80),
    ("4 stars out of 5", 80), ("two out of four", 50),
    # asterisks and glyphs
    ("***1/2 out of ****", 87.5), ("*** (out of four)", 75), ("***", 75), ("**½", 62.5),
    ("★★★★☆", 80), ("★★☆☆☆", 40), ("★★★½", 70), ("★★★★★", 100), ("★★★½☆", 70),
    ("★★★ out of 4", 75), ("Stars: ★★★★☆", 80),
    # stars without scale: /4 up to four, /5 beyond
    ("four stars", 100), ("Four Stars", 100), ("two and a half stars", 62.5),
    ("two-and-a-half stars", 62.5), ("3.5 stars", 87.5), ("2½ stars", 62.5), ("five stars", 100),
    ("one star", 25), ("gave it three stars", 75),
    # percent
    ("85%", 85), ("85 percent", 85), ("100%", 100),
    # words
    ("Outstanding", 100), ("Excellent", 90), ("Very Good", 80), ("Good", 70), ("Fair", 50),
    ("Poor", 25), ("Rating: Excellent", 90), ("Verdict: Mediocre", 40), ("Grade: OK", 50),
    ("Highly Recommended", 90), ("Skip It", 20),
]

NOT_RATINGS = [
    "2012", "A Prophet", "R", "PG-13", "Rated: R", "R (for strong sexual content)",
    "2 Golden Globe nominations", "27 bones", "11/23/2012", "5/4", "24/7", "8", "", "   ",
    "Top 365 Films", "b+", "ok", "the film runs 120 minutes", "Chapter 3 of 12 in the saga of 2012",
    "*", "x/y", "E", "5/0", "9/1",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_rating(text: str, expected: float) -> None:
    rating = parse_rating(text)
    assert rating is not None, text
    assert rating.score == pytest.approx(expected)
    assert rating.text == text.strip()


@pytest.mark.parametrize("text", NOT_RATINGS)
def test_not_a_rating(text: str) -> None:
    assert parse_rating(text) is None


def test_bare_number_needs_a_scale() -> None:
    assert parse_rating("8") is None
    rating = parse_rating("8", scale=10)
    assert rating is not None and rating.score == 80
    assert parse_rating("12", scale=10) is None


def test_scales_are_named() -> None:
    assert parse_rating("B+").scale == "letter"  # type: ignore[union-attr]
    assert parse_rating("4/5").scale == "x/5"  # type: ignore[union-attr]
    assert parse_rating("★★★★☆").scale == "stars/5"  # type: ignore[union-attr]
    assert parse_rating("85%").scale == "percent"  # type: ignore[union-attr]
    assert parse_rating("Good").scale == "word"  # type: ignore[union-attr]


def test_docs_table_matches_code() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for grade, score in LETTER_SCORES.items():
        if grade in ("F+", "F-"):
            continue
        assert re.search(rf"(?<![\w+-]){re.escape(grade)} {score:g}\b", text), grade
    rows = re.findall(r"^\| ([a-z][^|]*?) \| (\d+) \|$", text, flags=re.MULTILINE)
    documented = {w.split(" (")[0].strip(): float(s) for words, s in rows for w in words.split(", ")}
    for word, score in WORD_SCORES.items():
        assert documented.get(word) == score, word


# --- find_rating on invented documents ------------------------------------------------------

REVIEW_WITH_FIELD = """The Lighthouse Keeper's Daughter
By Jane Critic

A slow, windswept drama about a family that stops talking to each other.
The lead gives a performance of great restraint, and the score is lovely.

Rating: 4/5
"""

REVIEW_WITH_STARS = """★★★½
Glass Harbour
The director's third feature is his best: patient, funny and finally devastating.
"""

DVD_REVIEW = """Disc review: Night Ferry
Film: B+
Video: A
Audio: B-
Extras: C
The transfer is crisp and the film holds up.
"""

PROSE_NUMBERS = """Top 10 - #3 - Paper Moons (2011)
DIRECTED BY: Someone Invented
AWARDS: None (2 Golden Globe Nominations)
Rated: R
rating: R (for language and some violence)
In a human hand there are 27 bones. The film earned 82% on Rotten Tomatoes and I agree.
It runs 120 minutes and was released on 11/23/2012.
"""

ASTERISK_LINE = """Paper Moons
*** (out of four)
A charming comedy that loses its nerve in the last act.
"""


def test_find_rating_field() -> None:
    rating = find_rating(REVIEW_WITH_FIELD)
    assert rating is not None and rating.score == 80
    assert rating.text in REVIEW_WITH_FIELD


def test_find_rating_star_line() -> None:
    rating = find_rating(REVIEW_WITH_STARS)
    assert rating is not None and rating.score == 70 and rating.text == "★★★½"


def test_find_rating_prefers_film_line() -> None:
    rating = find_rating(DVD_REVIEW)
    assert rating is not None and rating.score == 83 and rating.text == "Film: B+"


def test_find_rating_asterisks() -> None:
    rating = find_rating(ASTERISK_LINE)
    assert rating is not None and rating.score == 75


def test_find_rating_ignores_prose_numbers_and_mpaa() -> None:
    assert find_rating(PROSE_NUMBERS) is None


def test_find_rating_ignores_divider_and_far_star_lines() -> None:
    body = "\n".join(f"Sentence number {i} of a long review that says nothing." for i in range(40))
    text = "Title\n" + body[:400] + "\n*******\n" + body + "\n★★★★☆\n" + body
    assert find_rating(text) is None


@pytest.mark.parametrize("text", ["", "\n\n", "1234 5678", "★" * 10_000, "Rating:" * 1000])
def test_find_rating_odd_input(text: str) -> None:
    find_rating(text)  # never raises


# --- the printed forms of issue 3, and the Rotten Tomatoes grade column ---------------------

ISSUE_FORMS: list[tuple[str, float, str]] = [
    ("3/5", 60, "x/5"), ("3 out of 5", 60, "x/5"), ("B+", 83, "letter"), ("A-", 92, "letter"),
    ("***1/2", 87.5, "stars/4"), ("★★★½", 70, "stars/5"), ("7/10", 70, "x/10"),
    ("82/100", 82, "x/100"), ("4 stars", 100, "stars/4"), ("two and a half stars", 62.5, "stars/4"),
    ("3.5/4", 87.5, "x/4"), ("Grade: C", 50, "letter"), ("0/5", 0, "x/5"), ("5/5", 100, "x/5"),
    ("10/10", 100, "x/10"), ("0/4", 0, "x/4"), ("4.5/5", 90, "x/5"), ("3.0/4", 75, "x/4"),
    ("(3/5)", 60, "x/5"), ("3/4.", 75, "x/4"), ("grade: c+", 58, "letter"),
    ("**** out of ****", 100, "stars/4"), ("3 1/2 stars", 87.5, "stars/4"),
    ("three-and-a-half stars", 87.5, "stars/4"), ("5 stars out of 5", 100, "stars/5"),
    ("Rating: 3.5 out of 4 stars", 87.5, "stars/4"), ("6/8", 75, "x/8"), ("15/20", 75, "x/20"),
]


@pytest.mark.parametrize(("text", "expected", "scale"), ISSUE_FORMS)
def test_issue_forms(text: str, expected: float, scale: str) -> None:
    rating = parse_rating(text)
    assert rating is not None, text
    assert rating.score == pytest.approx(expected)
    assert rating.scale == scale


PROSE_AND_NONSENSE = [
    "2/0", "2012/2013", "24/7", "9/11", "7/11", "50/50", "1/2", "11/10", "-1/5", "3/4/5", "3:2",
    "It has 2/3 of a good script", "the camera shakes in 2 of 3 scenes",
    "4 out of 5 of them walked out", "The odds were 3 to 1 against it",
    "one in ten viewers will walk out",
    "I saw it 3 out of 5 nights this week in a row at the festival with my friends",
]


@pytest.mark.parametrize("text", PROSE_AND_NONSENSE)
def test_prose_ratios_are_not_ratings(text: str) -> None:
    assert parse_rating(text) is None, text


def test_ratings_are_monotone_within_a_scale() -> None:
    for scale in (4, 5, 10):
        steps = [i / 2 for i in range(0, 2 * scale + 1)]
        scores = [parse_rating(f"{s:g}/{scale}").score for s in steps]  # type: ignore[union-attr]
        assert scores == sorted(scores) and scores[0] == 0 and scores[-1] == 100
    letters = ["F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A"]
    scores = [parse_rating(g).score for g in letters]  # type: ignore[union-attr]
    assert scores == sorted(scores)


RT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.mark.skipif(not (RT_DATA / "rt-critic-reviews").is_dir(),
                    reason=f"Rotten Tomatoes reviews not found under {RT_DATA}")
def test_reads_nearly_every_rt_grade() -> None:
    """Of the grades RT prints with a scale (x/y, letters), at most 0.5% are unreadable."""
    from critica.score.data import read_rt_reviews

    grades = [r.grade for r in read_rt_reviews(RT_DATA) if r.grade]
    scaled = [g for g in grades if not re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", g)]
    unread = [g for g in scaled if parse_rating(g) is None]
    assert len(scaled) > 20_000
    assert len(unread) / len(scaled) < 0.005, sorted(set(unread))[:20]
