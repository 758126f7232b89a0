"""Aggregator figures a document reports: "Rotten Tomatoes gives the film 82% based on 155
reviews", "Metacritic ... a weighted average score of 81 out of 100, based on 44 critics".

Aggregators are known by name (Rotten Tomatoes, Metacritic, IMDb ...) or by the shape of the
sentence that introduces one: "the review aggregation website X reports ...", "X, which
assigns a weighted average score ...", "On X, the film holds an approval rating of ...". A
name found that way is an aggregator everywhere in the same document.

CinemaScore grades are converted to 0-100 with Metacritic's letter table (A+ and A = 100,
A- = 91, B+ = 83, B = 75, B- = 67, C+ = 58, C = 50, C- = 42, D+ = 33, D = 25, D- = 16, F = 0),
so every aggregate except IMDb-like /10 and /5 figures is on a 100 scale. Rotten Tomatoes'
"average rating of 8.1/10" is reported as its own aggregate, "Rotten Tomatoes (average rating)";
so is the average rating beside another site's approval percentage.
"""

from __future__ import annotations

import re

from critica.extract.meta import KNOWN_OUTLETS
from critica.extract.spans import needle_fold
from critica.records import ReportedAggregate

__all__ = ["AGGREGATOR_WORDS", "aggregates"]

_AGGREGATOR_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Rotten Tomatoes", re.compile(r"Rotten\s+Tomatoes|Tomatometer")),
    ("Metacritic", re.compile(r"Metacritic|Metascore")),
    ("IMDb", re.compile(r"\bIMDb\b")),
    ("Letterboxd", re.compile(r"Letterboxd")),
    ("AlloCiné", re.compile(r"Allocin[ée]", re.IGNORECASE)),
    ("CinemaScore", re.compile(r"CinemaScore")),
    ("PostTrak", re.compile(r"PostTrak")),
)
AGGREGATOR_WORDS = re.compile(
    r"Rotten\s+Tomatoes|Tomatometer|Metacritic|Metascore|\bIMDb\b|Letterboxd|CinemaScore|PostTrak"
)
# Strings of which every match of a known aggregator's pattern holds one, in the sentence as
# written or (AlloCiné's IGNORECASE pattern) needle_fold-ed: a sentence without them skips the
# pattern (speed only).
_NAME_NEEDLES: dict[str, tuple[str, ...]] = {
    "Rotten Tomatoes": ("Rotten", "Tomatometer"), "Metacritic": ("Metacritic", "Metascore"),
    "IMDb": ("IMDb",), "Letterboxd": ("Letterboxd",), "CinemaScore": ("CinemaScore",),
    "PostTrak": ("PostTrak",),
}
_FOLDED_NEEDLES: dict[str, str] = {"AlloCiné": "allocin"}
_AGGREGATOR_NEEDLES = tuple(n for ns in _NAME_NEEDLES.values() for n in ns)


def has_aggregator_word(text: str) -> bool:
    """``AGGREGATOR_WORDS.search(text)``, skipped when none of its words is in ``text``."""
    return any(n in text for n in _AGGREGATOR_NEEDLES) and bool(AGGREGATOR_WORDS.search(text))
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_COUNT = re.compile(
    rf"(?:based on|from|out of|of|among|across)\s+(?:(?:the\s+)?reviews?\s+(?:from|by|of)\s+)?"
    rf"({_NUMBER})\s+(?:(?:professional|surveyed|top|mainstream|contemporary|critic|user|press|film)\s+)*"
    r"(?:critics?|reviews?|reviewers|votes|ratings|users|publications)"
)
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d)?)\s*(?:%|percent\b|per cent\b)")
_OUT_OF = r"\s*(?:/|out of|on a scale of)\s*"
_RT_AVERAGE = re.compile(rf"average (?:rating|score) (?:is |was )?(?:of )?(\d+(?:\.\d+)?){_OUT_OF}10\b")
_SCALED = re.compile(rf"(\d+(?:[.,]\d+)?){_OUT_OF}(100|10|5)\b")
_SCORE_OF = re.compile(r"(?:score|Metascore|rating|grade) (?:is |was )?(?:of )?(\d{1,3})\b(?!\s*(?:%|percent|/|out of))")
_BARE_ON = re.compile(r"(\d{1,3})\s+on\s+Metacritic")
_LETTER_TABLE: dict[str, float] = {
    "A+": 100, "A": 100, "A-": 91, "B+": 83, "B": 75, "B-": 67, "C+": 58, "C": 50, "C-": 42,
    "D+": 33, "D": 25, "D-": 16, "F": 0,
}
_GRADE = re.compile(r"[\"“'‘]([A-DF][+\-−–]?)[\"”'’]|grade of\s+([A-DF][+\-−–]?)(?![\w+])")


def _count(window: str) -> int | None:
    m = _COUNT.search(window)
    return int(m.group(1).replace(",", "")) if m else None


def _aggregate_values(name: str, window: str) -> list[tuple[str, float, float]]:
    """(aggregator, value, scale) figures of one aggregator in its part of a sentence."""
    if name in {"Rotten Tomatoes", "PostTrak"}:
        out: list[tuple[str, float, float]] = []
        pct = _PERCENT.search(window)
        if pct and float(pct.group(1)) <= 100:
            out.append((name, float(pct.group(1)), 100.0))
        avg = _RT_AVERAGE.search(window)
        if avg and name == "Rotten Tomatoes":
            out.append(("Rotten Tomatoes (average rating)", float(avg.group(1)), 10.0))
        return out
    if name == "CinemaScore":
        g = _GRADE.search(window)
        if not g:
            return []
        grade = re.sub(r"[−–]", "-", g.group(1) or g.group(2))
        return [(name, _LETTER_TABLE[grade], 100.0)]
    wanted = {"Metacritic": 100.0, "IMDb": 10.0, "Letterboxd": 5.0, "AlloCiné": 5.0}.get(name)
    if wanted is None:
        return _generic_values(name, window)
    for m in _SCALED.finditer(window):
        value, scale = float(m.group(1).replace(",", ".")), float(m.group(2))
        if scale == wanted and value <= scale:
            return [(name, value, scale)]
    if name == "Metacritic":
        m2 = _SCORE_OF.search(window) or _BARE_ON.search(window)
        if m2 and int(m2.group(1)) <= 100:
            return [(name, float(m2.group(1)), 100.0)]
    return []


def aggregates(path: str, text: str, spans: list[tuple[int, int]]) -> list[ReportedAggregate]:
    """Every aggregator figure in the sentences ``spans`` of ``text``, quoting its sentence."""
    sentences = [text[s:e] for s, e in spans]
    discovered = sorted(discovered_aggregators(sentences))
    patterns = list(_AGGREGATOR_NAMES) + [
        (name, re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")) for name in discovered
    ]
    needles = {**_NAME_NEEDLES, **{name: (name,) for name in discovered}}
    found: list[ReportedAggregate] = []
    seen: set[tuple[str, float]] = set()
    for sentence in sentences:
        mentions = sorted(
            (m.start(), m.end(), name)
            for name, pattern in patterns
            if (any(n in sentence for n in needles[name]) if name in needles
                else _FOLDED_NEEDLES[name] in needle_fold(sentence))
            for m in pattern.finditer(sentence)
        )
        # Merge neighbouring mentions of one aggregator ("Rotten Tomatoes ... Tomatometer").
        merged: list[tuple[int, int, str]] = []
        for start, end, name in mentions:
            if merged and merged[-1][2] == name:
                merged[-1] = (merged[-1][0], end, name)
            else:
                merged.append((start, end, name))
        for i, (_start, _end, name) in enumerate(merged):
            lo = merged[i - 1][1] if i else 0
            hi = merged[i + 1][0] if i + 1 < len(merged) else len(sentence)
            window = sentence[lo:hi]
            count = _count(window)
            for aggregator, value, scale in _aggregate_values(name, window):
                if (aggregator, value) in seen:
                    continue
                seen.add((aggregator, value))
                found.append(ReportedAggregate(
                    path=path, aggregator=aggregator, value=value, scale=scale,
                    count=count if aggregator != "CinemaScore" else None, quote=sentence,
                ))
    return found



# --- aggregators known only by the shape of the sentence ----------------------------------

_SITE_NAME = r"(?P<name>[A-Z0-9](?:[\w&+-]|[.'’](?=\w))*(?:\s+[A-Z0-9](?:[\w&+-]|[.'’](?=\w))*){0,2})"
# "the review aggregation website X", "review aggregator X", "the French ratings site X"
_DESCRIBED = re.compile(
    r"\b(?P<desc>(?:[a-z][a-z-]*\s+){0,3}(?:web\s?site|site|platform|service|database|portal|"
    rf"aggregator|app))\s*,?\s+(?:(?:called|named)\s+)?{_SITE_NAME}"
)
_DESC_CUE = re.compile(r"review|rating|aggregat|critic|score")
_DESC_CUES = ("review", "rating", "aggregat", "critic", "score")
_DESC_ENDS = ("site", "platform", "service", "database", "portal", "aggregator", "app")
_DIGIT = re.compile(r"\d")
_OPENING = re.compile(
    rf"^(?:(?:On|At|According\s+to|Per)\s+(?:the\s+)?{_SITE_NAME}\s*,"
    rf"|(?:The\s+)?{_SITE_NAME.replace('name', 'subj')}(?:['’]s\s+\w+)?\s*(?:,\s+which\s+"
    r"(?:assigns|uses|calculates|computes|collects|compiles|aggregates|averages|normali[sz]es|"
    r"tracks|rates|surveys|polls)\b|\s+(?:reports|reported|gives|gave|shows|showed|holds|held|"
    r"lists|listed|assigns|assigned|records|recorded|has|had|returns|displays|rates|rated)\b))"
)
# A subject named like a newspaper ("The Lakeshore Times reports that 60% of ...") reports a
# poll; it is not a site that aggregates reviews.
_PRESS_WORD = re.compile(
    r"\b(?:Times|Post|Journal|Tribune|Herald|News|Gazette|Magazine|Weekly|Daily|Reporter|Variety|"
    r"Chronicle|Guardian|Telegraph|Observer|Studios?|Pictures|Films|Entertainment)\b"
)
_NOT_SITE = frozenset({
    "the", "it", "its", "this", "that", "critics", "audiences", "reviewers", "viewers", "users",
    "film", "the film", "movie", "he", "she", "they", "overall", "however", "in", "a", "an",
})


def _site_name(raw: str) -> str | None:
    name = re.sub(r"['’]s$", "", raw.strip())
    if name.lower() in _NOT_SITE or name.split()[0].lower() in _NOT_SITE or name.isdigit():
        return None
    if name in KNOWN_OUTLETS or f"The {name}" in KNOWN_OUTLETS:
        return None  # a newspaper reporting a poll is not an aggregator
    return name


def _has_figure(sentence: str) -> bool:
    figure = _PERCENT.search(sentence) or _SCALED.search(sentence) or _SCORE_OF.search(sentence)
    return bool(figure) and _count(sentence) is not None


def discovered_aggregators(spans_text: list[str]) -> set[str]:
    """Names the document introduces as aggregators, by the shape of the sentence."""
    names: set[str] = set()
    for sentence in spans_text:
        if has_aggregator_word(sentence):
            continue  # a known aggregator's sentence: its other capitals are not sites
        # a name counts only when its description holds a cue word: a sentence without cue
        # words, or without the words a description ends in, skips the scan (speed only)
        described = any(n in sentence for n in _DESC_CUES) and any(
            n in sentence for n in _DESC_ENDS)
        for m in _DESCRIBED.finditer(sentence) if described else ():
            if _DESC_CUE.search(m.group("desc")) and (name := _site_name(m.group("name"))):
                names.add(name)
        # a site's sentence counts only with a figure, and every figure has a digit
        opening = _OPENING.match(sentence) if _DIGIT.search(sentence) else None
        if opening and _has_figure(sentence):
            name = _site_name(opening.group("name") or opening.group("subj"))
            if name and not _PRESS_WORD.search(name):
                names.add(name)
    return names


def _generic_values(name: str, window: str) -> list[tuple[str, float, float]]:
    """Figures of an aggregator known only by shape: a percentage, x/scale or a score of N."""
    out: list[tuple[str, float, float]] = []
    pct = _PERCENT.search(window)
    if pct and float(pct.group(1)) <= 100:
        out.append((name, float(pct.group(1)), 100.0))
        avg = _RT_AVERAGE.search(window)
        if avg:
            out.append((f"{name} (average rating)", float(avg.group(1)), 10.0))
        return out
    for m in _SCALED.finditer(window):
        value, scale = float(m.group(1).replace(",", ".")), float(m.group(2))
        if value <= scale:
            return [(name, value, scale)]
    score = _SCORE_OF.search(window)
    # A bare "score of 89" is out of 100 only when the sentence says so.
    if score and int(score.group(1)) <= 100 and re.search(r"\b100\b|weighted", window):
        return [(name, float(score.group(1)), 100.0)]
    return []
