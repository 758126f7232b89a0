"""Release dates with region and event, from "Release Date:" headers and release sentences.

A date counts only when a release word states it: a document's own dateline ("January 15,
2013" under the headline) or "Published on" is about the document, not the film.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from critica.classify import lower_twin
from critica.extract.context import Context
from critica.extract.dates import MONTHS, DateMatch, find_dates
from critica.extract.places import region_of, regions_in
from critica.extract.spans import Span, lines
from critica.records import ReleaseDate

_TRIGGER = re.compile(
    r"\b(?P<word>premiered|premieres|premiere|world\s+premiere|debuted|debuts|released|"
    r"releases|release|opened|opens|open|hit\s+(?:theaters|theatres|cinemas)|"
    r"arrives?\s+in\s+(?:theaters|theatres|cinemas)|bowed|screened|landed|came\s+out|"
    r"hit\s+(?:digital|DVD|Blu-ray|streaming))\b", re.I)
_TRIGGER_LOWER = lower_twin(_TRIGGER)  # its "word" is only ever read lower-cased
_HOME_VIDEO = re.compile(r"\b(?:DVD|Blu-ray|Blu-Ray|home\s+video|VOD|on\s+demand|streaming|4K|"
                         r"digital|[Tt]he\s+disc|[Tt]his\s+disc)\b")
# "opens Friday, March 10", "is released in Irish cinemas today": dated by the dateline.
_RELATIVE = re.compile(
    r"\b(?P<word>opens|opened|opening|released|out|arrives|hits|in\s+(?:cinemas|theaters|theatres))\b[^.;]{0,60}?"
    r"\b(?:(?P<today>today|tomorrow)|(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+"
    r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})\b(?!,?\s+\d{4}))",
    re.I)
_DEMONYM_CINEMAS = re.compile(r"\bin\s+(?P<adj>[A-Z][a-z]+)\s+(?:cinemas|theaters|theatres)\b")
_WIDE_COUNT = re.compile(r"\bin\s+\d{1,2},?\d{3}\s+(?:theaters|theatres|cinemas|screens|locations)\b")
_FESTIVAL = re.compile(
    r"\b(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?P<name>(?:[A-Z][\w'’.-]*\s+){1,4}"
    r"(?:International\s+)?Film\s+Festival|Sundance|Berlinale|TIFF)\b")
# Where a premiere took place when it was no festival: "premiered in Pittsburgh on ...",
# "had its premiere at the Grand Lake Theatre".
_VENUE = re.compile(
    r"\bpremi[eè]re[ds]?\s+(?:was\s+held\s+)?(?:in|at)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w'’.-]*(?:\s+(?:(?:of|de|du|del)\s+)?[A-Z][\w'’.-]*){0,4})"
)
_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s|$)")
_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+same\s+day|on\s+the\s+same\s+date)\b", re.I)
_US_CONTEXT = re.compile(r"\b(?:U\.S\.|US|USA|United States|American|MPAA)\b")


def read_releases(ctx: Context) -> None:
    us = bool(_US_CONTEXT.search(ctx.text))
    # A disc review's bare "Release date:" is the disc's: its headline says DVD or Blu-ray.
    disc = ctx.doc.kind == "dvd_review" or bool(_HOME_VIDEO.search(ctx.text[: ctx.text.find("\n", 1)]))
    for kl, region_prefix in ctx.keyed("release_dates"):
        dates = find_dates(kl.value, us=us)
        if not dates and re.fullmatch(r"\s*(?:18|19|20)\d\d\s*", kl.value):
            dates = [DateMatch(0, 4, kl.value.strip(), kl.value.strip())]
        for d in dates:
            event = _key_event(kl.key, kl.value, "dvd_review" if disc else ctx.doc.kind)
            region = region_of(region_prefix) if region_prefix else None
            region = region or _paren_region(kl.value[d.end:])
            ctx.add("release_dates", ReleaseDate(d.iso, region, event), kl.quote)
    last_date: str | None = None
    dateline = _dateline(ctx)
    for sent in ctx.unkeyed_sentences():
        last_date = _sentence_releases(ctx, sent, us, last_date)
        if dateline is not None:
            _relative_release(ctx, sent, dateline)


def _dateline(ctx: Context) -> date | None:
    """The document's own date: its page metadata, else a short dated line near the top."""
    published = ctx.doc.document.metadata.published
    found = find_dates(published) if published else []
    if not found:
        for span in lines(ctx.text)[:12]:
            if len(span.text) <= 80 and not _TRIGGER.search(span.text):
                found = [d for d in find_dates(span.text) if len(d.iso) == 10]
                if found:
                    break
    if not found or len(found[0].iso) != 10:
        return None
    return date.fromisoformat(found[0].iso)


def _relative_release(ctx: Context, sent: Span, dateline: date) -> None:
    folded = sent.text.lower()
    if "day" not in folded and "tomorrow" not in folded:
        return  # "today", "Friday, March 10": every relative date has one of these
    for m in _RELATIVE.finditer(sent.text):
        if m.group("today"):
            when = dateline + timedelta(days=1 if m.group("today").lower() == "tomorrow" else 0)
        else:
            month = MONTHS[m.group("mon").lower()[:3]]
            year = dateline.year + (1 if month < dateline.month - 6 else 0)
            try:
                when = date(year, month, int(m.group("day")))
            except ValueError:
                continue
        clause = sent.text
        event = _prose_event(m.group("word"), clause)
        adj = _DEMONYM_CINEMAS.search(clause)
        region = (region_of(adj.group("adj")) if adj else None) or next(iter(regions_in(clause)), None)
        ctx.add("release_dates", ReleaseDate(when.isoformat(), region, event), sent)


def _key_event(key: str, value: str, kind: str) -> str | None:
    low = (key + " " + value).lower()
    if _HOME_VIDEO.search(key + " " + value) or kind == "dvd_review":
        return "home_video"
    if "limited" in low:
        return "limited"
    if "wide" in low:
        return "wide"
    if "premiere" in low or "festival" in low:
        return "premiere"
    if "theat" in low or "cinema" in low:
        return "theatrical"
    return None


def _paren_region(text: str) -> str | None:
    m = re.match(r"\s*\(([^)]{2,30})\)", text)
    if m:
        for part in [m.group(1), *re.split(r",|\s+", m.group(1))]:
            reg = region_of(part)
            if reg:
                return reg
    return None


def _sentence_releases(ctx: Context, sent: Span, us: bool, last_date: str | None) -> str | None:
    text = sent.text
    triggers = list(ctx.finditer(_TRIGGER, _TRIGGER_LOWER, sent))
    if not triggers:
        dates = find_dates(text, us=us)
        return dates[-1].iso if dates else last_date
    dates = find_dates(text, us=us)
    anchors: list[tuple[int, int, str]] = [(d.start, d.end, d.iso) for d in dates]
    if not dates and last_date:
        same = _SAME_DAY.search(text)
        if same:
            anchors = [(same.start(), same.end(), last_date)]
    for start, end, iso in anchors:
        trigger = _nearest(triggers, start, end)
        if trigger is None:
            continue
        # The clause around the date alone: "released in France on X, and in the United
        # States on Y" gives each date its own region.
        clause = _clause(text, start, end)
        if trigger.start() < start and not _BREAK.search(text, trigger.start(), start):
            clause = _clause(text, trigger.start(), end)
        event = _prose_event(trigger.group("word"), clause)
        regions: list[str | None] = list(regions_in(clause)) or [None]
        if event == "premiere":
            fest = _FESTIVAL.search(clause)
            venue = _VENUE.search(clause)
            if fest:
                regions = [re.sub(r"^(?:the\s+)?(?:\d+\w*\s+)", "", fest.group("name")).strip()]
            elif regions == [None] and venue and not _MONTH.match(venue.group("place")):
                regions = [venue.group("place").rstrip(".")]
        for region in regions:
            ctx.add("release_dates", ReleaseDate(iso, region, event), sent)
    return anchors[-1][2] if anchors else last_date


def _nearest(triggers: list[re.Match[str]], start: int, end: int) -> re.Match[str] | None:
    """The trigger a date belongs to: the closest one before it ("premiered in London on
    28 April and opened wide on 3 May"), else the closest one after it ("On 3 May it opened")."""
    before = [t for t in triggers if t.end() <= start and start - t.end() <= 120]
    if before:
        return max(before, key=lambda t: t.end())
    after = [t for t in triggers if t.start() >= end and t.start() - end <= 60]
    return min(after, key=lambda t: t.start()) if after else None


# Where one release clause ends and the next begins: ";", ", and", " and was", and " and"
# before another release verb ("premiered in London on X and opened wide on Y").
_BREAK = re.compile(
    r";|,\s+and\s+|\s+and\s+was\s+|\s+and\s+(?=(?:then\s+)?(?:opened|released|premiered|debuted|"
    r"arrived|went|expanded|hit)\b)", re.I)


def _clause(text: str, start: int, end: int) -> str:
    """The part of the sentence around [start, end), cut at clause breaks."""
    # breaks ending at or before ``start``; the look-ahead of " and (?=opened)" must see past it
    left = max((m.end() for m in _BREAK.finditer(text) if m.end() <= start), default=0)
    right_break = _BREAK.search(text, end)
    right = right_break.start() if right_break else len(text)
    return text[left:right]


def _prose_event(word: str, clause: str) -> str | None:
    w = word.lower()
    if _HOME_VIDEO.search(clause):
        return "home_video"
    if "premiere" in w or w in ("debuted", "debuts", "screened") or _FESTIVAL.search(clause) \
            or re.search(r"\bfestival\b", clause, re.I):
        return "premiere"
    if re.search(r"\blimited\b", clause, re.I):
        return "limited"
    if re.search(r"\bwide\b|\bnationwide\b", clause, re.I) or _WIDE_COUNT.search(clause):
        return "wide"
    return "theatrical"
