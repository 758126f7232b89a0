"""Printed ratings, parsed and normalised to 0-100.

:func:`parse_rating` reads one rating expression ("4/5", "B+", "***1/2 out of ****") and
:func:`find_rating` finds the rating a document prints for its film (see ``rating_fields``).
The table below is also in docs/ratings.md; a test keeps the two in step.

Normalisation table
-------------------
================================  ==============================================================
form                              score
================================  ==============================================================
letter grade (Metacritic table)   A+ 100, A 100, A- 92, B+ 83, B 75, B- 67, C+ 58, C 50, C- 42,
                                  D+ 33, D 25, D- 17, F (and F-, F+) 0; "−" and "–" count as "-"
x/y, "x of y", "x out of y"       linear: 100 * x / y ("4/5" 80, "3.5 out of 4" 87.5, "85/100"
                                  85); needs 0 <= x <= y and y one of the scales critics
                                  use (3, 4, 5, 6, 8, 10, 20, 100), else not a rating ("9/11",
                                  "50/50", "1/2"); a ratio in prose is not a rating ("2/3 of
                                  the script", "in 2 of 3 scenes")
x stars out of y                  the same ("a four-star rating out of five" 80)
star glyphs ★ ☆ ½                 filled (+0.5 per ½) over filled + half + empty glyphs
                                  ("★★★★☆" 80); with no empty glyphs the scale is 5 ("★★★½" 70)
asterisks                         * counts as a star, "1/2" or ½ as half; an explicit
                                  "out of ****" / "out of four" sets the scale, else 4 (the US
                                  newspaper convention of "***1/2": 87.5)
"N stars", no scale given         N out of 4 when N <= 4 (Ebert's "four stars" 100), out of 5
                                  when N is 4.5 or 5 ("five stars" 100); an explicit "out of N"
                                  always wins
number words                      zero ... ten, "and a half", "-and-a-half", "½", " 1/2"
percent                           "85%", "85 percent": 85 (0-100 only)
word scales                       see WORD_SCORES below (Outstanding 100, Excellent 90, Very
                                  Good 80, Good 70, Fair 50, Poor 25, ...)
bare number                       never on its own ("2012", "8" are not ratings); only with an
                                  explicit ``scale`` argument: ``parse_rating("8", scale=10)`` 80
================================  ==============================================================

A text is a rating only when the rating expression is most of it: at most
``MAX_OTHER_WORDS`` other words and no other digits ("2 Golden Globe nominations", "A
Prophet" and "R (for strong sexual content)" are not ratings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from critica.records import Rating

__all__ = ["LETTER_SCORES", "WORD_SCORES", "find_rating", "parse_rating"]

LETTER_SCORES: dict[str, float] = {
    "A+": 100, "A": 100, "A-": 92,
    "B+": 83, "B": 75, "B-": 67,
    "C+": 58, "C": 50, "C-": 42,
    "D+": 33, "D": 25, "D-": 17,
    "F+": 0, "F": 0, "F-": 0,
}

# Word scales used by critics, DVD sites and blogs. Values sit where the same word falls on a
# five-step ladder (Poor 25 .. Outstanding 100) so that "Good" is fresh and "Fair" is mixed.
WORD_SCORES: dict[str, float] = {
    "masterpiece": 100, "outstanding": 100, "exceptional": 100, "superb": 100,
    "must see": 95, "excellent": 90, "highly recommended": 90,
    "very good": 80, "great": 80, "recommended": 75,
    "good": 70, "thumbs up": 70,
    "above average": 60, "decent": 55,
    "fair": 50, "average": 50, "okay": 50, "ok": 50, "mixed": 50, "rent it": 50,
    "below average": 40, "mediocre": 40,
    "poor": 25, "weak": 25, "thumbs down": 25, "not recommended": 20, "skip it": 20,
    "bad": 20, "very poor": 10, "awful": 0, "terrible": 0, "abysmal": 0, "dreadful": 0,
}

MAX_OTHER_WORDS = 8

# Denominators of "x/y" and "x out of y" ratings; RT's grades use 4, 5 and 10 nearly always.
FRACTION_SCALES = frozenset({3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 20.0, 100.0})
_PROSE_RATIO = re.compile(r"\s+of\b")
_NEXT_WORD = re.compile(r"\s+(?!stars?\b|rating\b)[a-z]")

_NUMBER_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "half": 0.5,
}
_NUMW = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten)"
_NUM = rf"(?:\d+(?:\.\d+)?|{_NUMW})"
_HALF = r"(?:\s*½|\s+1/2|\s+and\s+a\s+half|\s*-\s*and\s*-\s*a\s*-\s*half)"
_VALUE = rf"(?P<n>{_NUM})(?P<half>{_HALF})?"
_DEN = rf"(?P<d>{_NUM})"
_STARWORD = r"(?:\s*-?\s*stars?)"

_FILLED = "★⭐✭✮✯✪🌟✦"
_HALFG = "½⯪⯨⯩"
_EMPTY = "☆✩✰⚝"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "***1/2 out of ****", "*** (out of four)", "**"
    ("asterisks", re.compile(
        rf"(?<![\w*])(?P<stars>\*{{1,5}})(?P<half>\s*(?:½|1/2))?"
        rf"(?:\s*\(?\s*(?:out\s+of|/|of)\s*(?P<outstars>\*{{1,10}}|{_NUM})\s*(?:stars?)?\s*\)?)?"
        rf"(?![\w*])")),
    ("glyphs", re.compile(
        rf"(?P<glyphs>[{_FILLED}{_HALFG}{_EMPTY}](?:\s?[{_FILLED}{_HALFG}{_EMPTY}])*)"
        rf"(?:\s*\(?\s*(?:out\s+of|/|of)\s*{_DEN}\s*(?:stars?)?\s*\)?)?")),
    # "3.5 out of 4", "4/5", "a four-star rating out of five", "four stars (out of five)"
    ("fraction", re.compile(
        rf"(?<![\w./-]){_VALUE}{_STARWORD}?(?:\s+rating)?\s*\(?\s*(?:/|out\s+of|of)\s*{_DEN}"
        rf"(?:{_STARWORD})?\s*\)?(?![\w/]|\.\d)")),
    ("percent", re.compile(r"(?<![\w.])(?P<n>\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)")),
    # "four stars", "3.5 stars", "a four-star rating", "two and a half stars"
    ("stars", re.compile(rf"(?<![\w./-]){_VALUE}{_STARWORD}(?![\w])")),
)

_LABEL = re.compile(
    r"^\s*(?:(?:our|my|the|final|overall|critica's|film|movie)\s+)*"
    r"(?:rating|grade|score|verdict|stars|mark)\s*(?:[:=\-–—]\s*|\s+)", re.IGNORECASE)
_LETTER = re.compile(r"^(?P<l>[A-DFa-df])\s*(?P<m>\+|-)?$")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_FILLER = frozenset({
    "a", "an", "the", "rating", "rated", "stars", "star", "out", "of", "gave", "gives", "given",
    "it", "film", "movie", "grade", "score", "with", "and", "by", "from", "our", "my", "his",
    "her", "their", "award", "awarded", "earns", "earned", "scored", "on", "scale",
})


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    score: float
    scale: str


def _normalise(text: str) -> str:
    """Unicode minus/dashes to "-", decimal commas to dots, whitespace collapsed."""
    text = text.replace("−", "-").replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    text = re.sub(r"(\d),(\d)(?!\d\d)", r"\1.\2", text)
    return re.sub(r"\s+", " ", text).strip()


def _number(token: str, half: str | None = None) -> float | None:
    token = token.strip().lower()
    value = _NUMBER_WORDS.get(token)
    if value is None:
        try:
            value = float(token)
        except ValueError:
            return None
    return value + (0.5 if half else 0.0)


def _linear(value: float, denominator: float, scale: str) -> tuple[float, str] | None:
    if not (2 <= denominator <= 100) or not (0 <= value <= denominator):
        return None
    return round(100.0 * value / denominator, 2), f"{scale}/{denominator:g}"


def _match_pattern(kind: str, m: re.Match[str]) -> tuple[float, str] | None:
    """Score of one regex match, or None when the numbers make no rating."""
    g = m.groupdict()
    if kind == "asterisks":
        stars = len(g["stars"]) + (0.5 if g["half"] else 0.0)
        out = g["outstars"]
        den: float | None = (float(len(out)) if out and out.startswith("*")
                             else (_number(out) if out else 4.0))
        if den is None:
            return None
        if not out and stars == 1:  # a lone "*" is a footnote mark more often than a rating
            return None
        if not out and stars > 4:
            den = 5.0
        return _linear(stars, den, "stars")
    if kind == "glyphs":
        glyphs = g["glyphs"]
        filled = sum(ch in _FILLED for ch in glyphs)
        halves = sum(ch in _HALFG for ch in glyphs)
        empty = sum(ch in _EMPTY for ch in glyphs)
        value = filled + 0.5 * halves
        den_g: float | None
        if g["d"]:
            den_g = _number(g["d"])
        elif empty:
            den_g = float(filled + halves + empty)
        else:
            den_g = 5.0 if value <= 5 else None
        return None if den_g is None else _linear(value, den_g, "stars")
    if kind == "fraction":
        num, den_f = _number(g["n"], g["half"]), _number(g["d"])
        if num is None or den_f is None or den_f not in FRACTION_SCALES:
            return None
        if _PROSE_RATIO.match(m.string, m.end()) or (
                re.search(r"\bof\s*$", m.group(0)[:m.start("d") - m.start()])
                and not re.search(r"\bout\s+of\s*$", m.group(0)[:m.start("d") - m.start()])
                and _NEXT_WORD.match(m.string, m.end())):
            return None  # "2/3 of the script", "in 2 of 3 scenes": a ratio, not a rating
        return _linear(num, den_f, "stars" if "star" in m.group(0).lower() else "x")
    if kind == "percent":
        value = float(g["n"])
        return (value, "percent") if 0 <= value <= 100 else None
    if kind == "stars":
        count = _number(g["n"], g["half"])
        if count is None:
            return None
        return _linear(count, 4.0 if count <= 4 else 5.0, "stars")
    return None


def _find_expression(text: str) -> _Match | None:
    """The first rating expression in ``text`` (earliest, then longest)."""
    best: _Match | None = None
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            scored = _match_pattern(kind, m)
            if scored is None:
                continue
            cand = _Match(m.start(), m.end(), scored[0], scored[1])
            if best is None or (cand.start, -cand.end) < (best.start, -best.end):
                best = cand
            break
    return best


def _mostly_rating(text: str, start: int, end: int) -> bool:
    """True when what is left around the expression is a few filler words and no digits."""
    rest = (text[:start] + " " + text[end:]).lower()
    if re.search(r"\d", rest):
        return False
    words = [w for w in _WORD.findall(rest) if w not in _FILLER]
    return len(words) <= MAX_OTHER_WORDS


def parse_rating(text: str, *, scale: float | None = None) -> Rating | None:
    """Parse one printed rating into a :class:`Rating` scored 0-100, or None.

    ``scale`` is the denominator to use for a bare number ("8" with ``scale=10`` is 80); without
    it a bare number is never a rating. See the module docstring for the whole table.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > 300:
        return None
    printed = text.strip()
    norm = _normalise(printed)
    label = _LABEL.match(norm)
    body = norm[label.end():] if label else norm
    body = body.strip(" .!:;,\"'()[]")
    letter = _LETTER.match(body)
    if letter and (label or letter.group("l").isupper()):
        key = letter.group("l").upper() + (letter.group("m") or "")
        return Rating(printed, LETTER_SCORES[key], "letter")
    word = body.lower()
    if word in WORD_SCORES and (label or len(word) > 2):
        return Rating(printed, WORD_SCORES[word], "word")
    if scale is not None and re.fullmatch(r"\d+(?:\.\d+)?", body):
        scored = _linear(float(body), float(scale), "x")
        return Rating(printed, scored[0], scored[1]) if scored else None
    body = body.lower()
    found = _find_expression(body)
    if found is None or not _mostly_rating(body, found.start, found.end):
        return None
    return Rating(printed, found.score, found.scale)


# --- find_rating ---------------------------------------------------------------------------

# A line that is a rating field: "Rating: 4/5", "Our verdict - B+", "Film: ★★★★☆" (DVD sites
# grade film, video, audio and extras separately; the film's own line wins).
_FIELD = re.compile(
    r"^\s*(?P<key>(?:(?:our|my|the|final|overall|critica's)\s+)*"
    r"(?:rating|grade|score|verdict|stars|star rating|film|movie|the film|the movie|overall))"
    r"\s*(?:[:=|]|\s-\s|\s–\s|\s—\s)\s*(?P<value>.{1,80}?)\s*$",
    re.IGNORECASE)
_STANDALONE_KINDS = frozenset({"stars", "x", "letter"})
EDGE_LINES = 12  # a bare star line counts only this close to the top or bottom of the text


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            lead = len(body) - len(body.lstrip())
            spans.append((pos + lead, pos + len(body.rstrip())))
        pos += len(line)
    return spans


def _standalone(line: str) -> Rating | None:
    """A line that is nothing but a star/asterisk/x-of-y rating ("★★★★☆", "*** (out of four)")."""
    if len(line) > 40 or not re.search(rf"[*{_FILLED}{_HALFG}{_EMPTY}/]|\bstars?\b|\bout of\b", line):
        return None
    if re.fullmatch(r"\*+", line.strip()) and len(line.strip()) > 5:  # a divider, not stars
        return None
    rating = parse_rating(line)
    if rating is None or rating.scale.split("/")[0] not in _STANDALONE_KINDS:
        return None
    # only the expression and punctuation: "4/5" yes, "Top 10 of 2012" no
    norm = _normalise(line).strip(" .!:;,\"'()[]").lower()
    found = _find_expression(norm)
    if found is None:
        return None
    rest = (norm[:found.start] + norm[found.end:]).lower()
    if any(w not in {"stars", "star", "out", "of", "rating"} for w in _WORD.findall(rest)):
        return None
    return rating


def find_rating(text: str) -> Rating | None:
    """The rating a document prints for its film, or None.

    Only two kinds of line count: a rating field ("Rating: 4/5", "Grade: B+", "Film: ★★★★") and,
    within ``EDGE_LINES`` non-empty lines of the top or bottom, a line that is nothing but a
    star string or "x out of y". Numbers in prose ("27 bones", "82% on Rotten Tomatoes") and
    MPAA fields ("Rated: R", "Rating: R (for ...)") never count. ``Rating.text`` is the line as
    printed, an exact substring of ``text``.
    """
    if not isinstance(text, str) or not text:
        return None
    spans = _line_spans(text)
    best: tuple[int, int, Rating] | None = None  # (priority, line index, rating)
    for index, (start, end) in enumerate(spans):
        line = text[start:end]
        if len(line) > 120:
            continue
        field = _FIELD.match(line)
        if field:
            value = field.group("value")
            rating = parse_rating(value)
            # a plain number after "Score:" could be anything; a letter needs the label
            if rating is not None:
                key = field.group("key").lower()
                priority = 0 if key.split()[-1] in {"film", "movie"} else (2 if key == "overall" else 1)
                if best is None or (priority, index) < best[:2]:
                    best = (priority, index, Rating(line, rating.score, rating.scale))
                continue
        near_edge = index < EDGE_LINES or index >= len(spans) - EDGE_LINES
        if near_edge:
            rating = _standalone(line)
            if rating is not None and (best is None or (3, index) < best[:2]):
                best = (3, index, Rating(line, rating.score, rating.scale))
    return best[2] if best else None
