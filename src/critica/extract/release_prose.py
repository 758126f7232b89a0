"""Release dates that ``releases.read_releases`` leaves: dates written without a year, and
release words it does not know.

    "It opens in UK cinemas on 14 September."          (a review dated August 2018)
    "Release date: Friday, April 14"                   (a trade review of March 2023)
    "In the summer of 1972, X released it into a handful of theaters on June 21"
    "on its opening day in France, Wednesday October 2, 2019"

A date without a year takes it from, in order: a single year stated in the same sentence; the
weekday it is given with ("Friday, April 14" is a Friday in one year only, near the document's
date); the document's own date (a release is announced up to ten months ahead, or recalled a
few months after). Without any of them the date is left alone: no year is ever guessed.
"""

from __future__ import annotations

import re
from datetime import date

from critica.extract.context import Context
from critica.extract.dates import MONTHS, find_dates
from critica.extract.places import region_of, regions_in
from critica.extract.releases import _FESTIVAL, _prose_event
from critica.extract.spans import Span, lines
from critica.records import ReleaseDate

_MONTH_ALT = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(?:(?P<wd>Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_NO_YEAR = r"(?![\w-]|,?\s*(?:18|19|20)\d\d\b|\s*(?:million|billion|m\b|%|per\s*cent|minutes))"
_YEARLESS = re.compile(
    r"\b" + _WD + r"(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>" + _MONTH_ALT
    + r")\.?" + _NO_YEAR + r"|(?P<m2>" + _MONTH_ALT + r")\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
    + _NO_YEAR + r")")
# Release words, wider than releases._TRIGGER: the cue must sit within the date's clause.
_CUE = re.compile(
    r"\b(?P<word>premiered|premieres?|world\s+premiere|debuted|debuts?|released?|releases|"
    r"releasing|opened|opens|open|opening(?:\s+day|\s+night|\s+weekend)?|bow(?:s|ed)?|"
    r"(?:hits?|arrives?|lands?|comes?|came|will\s+be|is|goes|went|out)\s+(?:in|on|into|to)\s+"
    r"(?:\w+\s+){0,3}?(?:cinemas|theaters|theatres|screens|DVD|Blu-ray|VOD|digital|streaming|"
    r"Netflix|home\s+video)|in\s+(?:(?:select|selected|UK|US|Irish|British|American|French|"
    r"\w+an)\s+)?(?:cinemas|theaters|theatres)|(?:on|to)\s+(?:DVD|Blu-ray|VOD|digital)|"
    r"screened|street\s+date|into\s+(?:\w+\s+){0,3}(?:cinemas|theaters|theatres))\b",
    re.I)
_KEY_CUE = re.compile(r"^(?:released|release(?:\s+date)?|in\s+(?:cinemas|theaters|theatres)|"
                      r"opens|opening|premiere|dvd|blu-ray|street\s+date)\b", re.I)
_YEAR = re.compile(r"(?<![\d$£€.,])(?:19[0-9]\d|20[0-4]\d)(?!\d|[,.]\d|\s*(?:million|m\b))")
# Tense of the sentence: a past release is recalled, a coming one announced.
_PAST = re.compile(r"\b(?:was|were|had|began|did|premiered|opened|released|debuted|bowed|landed|"
                   r"arrived|last|earlier|ago|since)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|opens|is\s+released|are\s+released|arrives|hits|lands|coming|"
                     r"due|next|from|upcoming|dated\s+for)\b", re.I)
_BREAK = re.compile(r";|\.\s|,\s+(?:and|but|while|whereas)\s+|\s+and\s+(?=(?:then\s+)?(?:it\s+)?"
                    r"(?:opened|opens|released|premiered|debuted|arrived|went|expanded|hit)\b)")
# "opened on September 1 after winning at the Sydney Film Festival": what follows is another event.
_AFTER = re.compile(r"\s+(?:after|following|before|when|where|having)\s+", re.I)
_DEMONYM_CINEMAS = re.compile(r"\bin\s+(?P<adj>[A-Z][a-z]+|UK|US|U\.S\.|U\.K\.)\s+"
                              r"(?:cinemas|theaters|theatres)\b")
_DIGIT = re.compile(r"\d")
_DOC_DATE_CUE = re.compile(r"\b(?:premiere|release|opens|opened|opening|cinemas|theaters|"
                           r"theatres|screening)\b", re.I)


def read_release_prose(ctx: Context) -> None:
    have = {(f.evidence.quote, f.value.date) for f in ctx.facts
            if f.field == "release_dates" and isinstance(f.value, ReleaseDate)}
    doc_date = _doc_date(ctx)
    for kl, _region in ctx.keyed("release_dates"):
        if re.search(r"\bday\b|\bweek", kl.key):
            continue
        for m in _YEARLESS.finditer(kl.value):
            when = _year_for(m, kl.value, doc_date, ctx)
            if when and (kl.quote.text.strip(), when) not in have:
                event = _prose_event("released", kl.key + " " + kl.value)
                region = next(iter(regions_in(kl.value)), None)
                ctx.add("release_dates", ReleaseDate(when, region, event), kl.quote)
    for sent in ctx.unkeyed_sentences():
        _sentence(ctx, sent, doc_date, have)


def _sentence(ctx: Context, sent: Span, doc_date: date | None,
              have: set[tuple[str, str]]) -> None:
    text = sent.text
    if not _DIGIT.search(text):
        return  # every date has a day or a year in digits
    cues = list(_CUE.finditer(text))
    if not cues:
        return
    spans: list[tuple[int, int, str]] = [(d.start, d.end, d.iso) for d in find_dates(text)
                                         if len(d.iso) == 10]
    for m in _YEARLESS.finditer(text):
        if any(s <= m.start() < e for s, e, _ in spans):
            continue
        when = _year_for(m, text, doc_date, ctx)
        if when:
            spans.append((m.start(), m.end(), when))
    quote = sent.text.strip()
    for start, end, iso in spans:
        if (quote, iso) in have:
            continue
        cue = _cue_for(cues, text, start, end)
        if cue is None:
            continue
        left = max((b.end() for b in _BREAK.finditer(text, 0, min(start, cue.start()))),
                   default=0)
        right_break = _BREAK.search(text, max(end, cue.end()))
        clause = text[left: right_break.start() if right_break else len(text)]
        after = _AFTER.search(clause, max(end, cue.end()) - left)
        clause = clause[: after.start()] if after else clause
        event = _prose_event(cue.group("word"), clause)
        if event is None:
            continue
        # "in Irish cinemas today and in the UK on 8 August": the date's own part first
        near = re.split(r"\s+and\s+|,\s+", text[max(left, start - 60): start])[-1]
        region = _region(near, event) or _region(clause, event)
        ctx.add("release_dates", ReleaseDate(iso, region, event), sent)
        have.add((quote, iso))


def _cue_for(cues: list[re.Match[str]], text: str, start: int, end: int) -> re.Match[str] | None:
    """The release word a date belongs to: the nearest one in the same clause, within 90
    characters before the date or 50 after it."""
    best: re.Match[str] | None = None
    best_gap = 10**6
    for cue in cues:
        if cue.end() <= start:
            gap, lo, hi = start - cue.end(), cue.end(), start
            limit = 90
        elif cue.start() >= end:
            gap, lo, hi = cue.start() - end, end, cue.start()
            limit = 50
        else:
            continue
        if gap <= limit and gap < best_gap and not _BREAK.search(text, lo, hi):
            best, best_gap = cue, gap
    return best


def _region(clause: str, event: str) -> str | None:
    if event == "premiere":
        fest = _FESTIVAL.search(clause)
        if fest:
            return re.sub(r"^(?:the\s+)?(?:\d+\w*\s+)", "", fest.group("name")).strip()
    adj = _DEMONYM_CINEMAS.search(clause)
    if adj and region_of(adj.group("adj")):
        return region_of(adj.group("adj"))
    found = regions_in(clause)
    return found[0] if found else None


def _year_for(m: re.Match[str], text: str, doc_date: date | None, ctx: Context) -> str | None:
    month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
    day = int(m.group("d1") or m.group("d2"))
    weekday = m.group("wd")
    years = {int(y) for y in _YEAR.findall(text)}
    if len(years) == 1:
        candidates = [years.pop()]
    elif doc_date is not None:
        candidates = [doc_date.year - 1, doc_date.year, doc_date.year + 1]
    else:
        return None
    past = bool(_PAST.search(text[: m.start()])) and not _FUTURE.search(text[: m.start()])
    best: tuple[float, date] | None = None
    for year in candidates:
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if weekday and _WEEKDAYS[when.weekday()][:3] != weekday.lower()[:3]:
            continue
        if doc_date is not None and len(candidates) > 1:
            delta = (when - doc_date).days
            if not ((-330 <= delta <= 60) if past else (-150 <= delta <= 330)):
                continue
            if past:
                cost = -float(delta) if delta <= 0 else 3.0 * delta
            else:
                cost = float(delta) if delta >= 0 else -2.0 * delta
        else:
            cost = 0.0
        if best is None or cost < best[0]:
            best = (cost, when)
    return best[1].isoformat() if best else None


def _doc_date(ctx: Context) -> date | None:
    """The document's own date: its page metadata, else the first full date near the top that
    no release word states ("LOS ANGELES, July 19, 1999 - ...", "By X | April 16, 2023")."""
    published = ctx.doc.document.metadata.published
    found = find_dates(published) if published else []
    if found and len(found[0].iso) == 10:
        return date.fromisoformat(found[0].iso)
    for span in lines(ctx.text[:1500])[:15]:
        for d in find_dates(span.text):
            if len(d.iso) != 10:
                continue
            before = span.text[: d.start]
            if len(before) <= 60 and not _DOC_DATE_CUE.search(span.text[: d.end + 40]):
                return date.fromisoformat(d.iso)
    return None

