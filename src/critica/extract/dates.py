"""Dates in the forms English web pages print them, as ISO 8601 strings.

    "2012-11-23", "02 Nov 2012", "23rd November 2012", "2nd of November 2012",
    "November 23, 2012", "Nov. 23, 2012", "Friday, November 23, 2012", "23/11/2012",
    "11/23/2012", "23.11.2012", "November 2012" (-> "2012-11").

Numeric dates with both parts <= 12 are ambiguous: day first, unless the caller says the
context is American (``us=True``), where month first is the convention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from critica.extract.spans import needle_fold

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>(?:18|19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>(?:18|19|20)\d\d)[-/](?P<m>[01]?\d)[-/](?P<d>[0-3]?\d)\b")),
    ("dmy", re.compile(
        r"\b" + _WEEKDAY + _DAY.format("d") + r"(?:\s+of)?[\s-]+" + _MONTH.format("mon")
        + r",?[\s-]+" + _YEAR.format("y") + r"\b", re.IGNORECASE)),
    ("mdy", re.compile(
        r"\b" + _WEEKDAY + _MONTH.format("mon") + r"\s+" + _DAY.format("d") + r",?\s+"
        + _YEAR.format("y") + r"\b", re.IGNORECASE)),
    ("num", re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>(?:18|19|20)\d\d)\b")),
    ("my", re.compile(r"\b" + _MONTH.format("mon") + r",?\s+" + _YEAR.format("y") + r"\b",
                      re.IGNORECASE)),
]


_ANY_YEAR = re.compile(r"(?:18|19|20)\d\d")
# Every month name starts with one of these: a text without them skips the patterns that need
# a month (needle_fold keeps whatever those IGNORECASE patterns match; speed only).
_MONTH_NEEDLES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                  "dec")
_NEEDS_MONTH = frozenset({"dmy", "mdy", "my"})


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str  # "2012-11-23", or "2012-11" when only month and year are given
    text: str


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _iso(kind: str, g: dict[str, str], us: bool) -> str | None:
    y = int(g["y"])
    if kind == "iso":
        m, d = int(g["m"]), int(g["d"])
    elif kind in ("dmy", "mdy"):
        m, d = MONTHS[g["mon"].lower()], int(g["d"])
    elif kind == "num":
        a, b = int(g["a"]), int(g["b"])
        if a > 12 or (b <= 12 and not us):
            d, m = a, b
        else:
            m, d = a, b
    else:  # month and year only
        return f"{y:04d}-{MONTHS[g['mon'].lower()]:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}" if _valid(y, m, d) else None


def find_dates(text: str, us: bool = False) -> list[DateMatch]:
    """Every date in ``text``, left to right, without overlaps (full dates beat month-year)."""
    if not _ANY_YEAR.search(text):
        return []  # every pattern needs a year: most sentences are done here
    return list(_find_dates(text, us))


@lru_cache(maxsize=256)  # several readers look for the dates of the same sentence
def _find_dates(text: str, us: bool) -> tuple[DateMatch, ...]:
    found: list[DateMatch] = []
    folded = needle_fold(text)
    month = any(n in folded for n in _MONTH_NEEDLES)
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        if not month and kind in _NEEDS_MONTH:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "my" and not m.group("mon")[0].isupper():
                continue  # "may 2012" in lower case is more often the verb
            iso = _iso(kind, m.groupdict(), us)
            if iso:
                found.append(DateMatch(m.start(), m.end(), iso, m.group(0)))
                taken.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda d: d.start))


def parse_date(text: str, us: bool = False) -> str | None:
    """The ISO form of the first date in ``text``, or None."""
    found = find_dates(text, us=us)
    return found[0].iso if found else None
