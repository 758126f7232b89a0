"""Where a film comes from: source material, countries of production, languages."""

from __future__ import annotations

import re

from critica.classify import lower_twin
from critica.extract.context import Context
from critica.extract.people import leading_name
from critica.extract.places import DEMONYMS, LANGUAGES, region_of
from critica.extract.spans import Span, lines

_KIND = (
    r"(?P<kind>(?:short[\s-]stor(?:y|ies)\s+collection|short[\s-]stor(?:y|ies)|story\s+collection|"
    r"graphic\s+novel|comic\s+book|comic|novella|novel|book|memoir|play|stage\s+play|musical|"
    r"article|essay|biography|autobiography|stor(?:y|ies)|collection|poem|manga|series|"
    r"video\s+game|fairy\s+tale|short\s+story))"
)
_TRIGGER = re.compile(
    r"\b(?:based\s+(?:up)?on|adapted\s+from|an\s+adaptation\s+of|adaptation\s+of|inspired\s+by|"
    r"drawn\s+from|(?:takes|taken|borrows|culled)\b[^.]{0,40}?\bfrom)\s+"
    # "Screenplay: A and B, from the novel by C": a credit's source
    r"|(?:,|\bscreenplay\b[^.;]{0,60}?)\s*\bfrom\s+(?=(?:the|an?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:novel|book|play|memoir|short\s+story|novella|stories|comic|graphic\s+novel)\s+by\s)",
    re.I)
_TRIGGER_LOWER = lower_twin(_TRIGGER)
_TRIGGER_NEEDLES = ("based", "adapt", "inspired", "from")  # one is in every match (speed only)
_ADJ = r"(?:(?:the|a|an|his|her|their|two|several|acclaimed|bestselling|best-selling|"
_ADJ += r"[A-Z][a-z]+ian|French|English|American|British|Canadian)\s+)*"
# "Craig Davidson's short story collection (of the same name | Title)"
_POSSESSIVE = re.compile(r"^" + _ADJ + r"(?P<who>.+?)[’']s?\s+(?:\w+\s+){0,2}?" + _KIND
                         + r"(?:\s+(?P<same>of\s+the\s+same\s+name)|\s+[“\"](?P<title>[^”\"]{1,60})[”\"]|"
                         r"\s+(?P<title2>[A-Z][\w'’:-]*(?:\s+(?:[A-Z][\w'’:-]*|(?!by\b|and\b|for\b|in\b|with\b|though\b|which\b|that\b)[a-zà-ÿ][\w'’-]*(?=[\s,.;]|$))){0,5}))?")
# "(the) short stories (Title)? (written)? by (Canadian writer)? Craig Davidson"
_BY = re.compile(r"^" + _ADJ + r"(?:\w+\s+){0,2}?" + _KIND
                 + r"(?:\s+[“\"](?P<title>[^”\"]{1,60})[”\"]|\s+(?P<bare>[A-Z][\w'’-]*(?:\s+(?!by\b)[\w'’-]+){0,5}?)(?=\s+by\s))?"
                 r"\s+(?:\w+\s+){0,1}?(?:written\s+)?by\s+"
                 r"(?:[A-Z][a-z]+(?:an|ian|ish|ese)\s+(?=(?:writer|author|novelist|playwright|journalist|poet)\b))?(?:(?:writer|author|novelist|playwright|"
                 r"journalist|poet)\s+)?")
_TITLE_BY = re.compile(r"^[“\"](?P<title>[^”\"]{1,60})[”\"]\s+by\s+")


def read_based_on(ctx: Context) -> None:
    for kl, _region in ctx.keyed("based_on"):
        value = _source(kl.value) or kl.value.strip()
        ctx.add("based_on", value, kl.quote)
    for sent in ctx.sentences:
        if not any(n in ctx.folded(sent) for n in _TRIGGER_NEEDLES):
            continue
        for m in ctx.finditer(_TRIGGER, _TRIGGER_LOWER, sent):
            found = _source(sent.text[m.end():])
            if found:
                ctx.add("based_on", found, sent)


def _source(text: str) -> str | None:
    m = _POSSESSIVE.match(text)
    if m:
        who = leading_name(m.group("who"), min_tokens=2)
        if who and who.end == len(m.group("who")):
            kind = _kind(m.group("kind"))
            title = m.group("title") or (m.group("title2") or "").strip() or None
            if m.group("same"):
                return f"{kind} of the same name by {who.name}"
            return f"{title}, {kind} by {who.name}" if title else f"{kind} by {who.name}"
    m2 = _BY.match(text)
    if m2:
        who = leading_name(text[m2.end():], min_tokens=2)
        if who:
            kind = _kind(m2.group("kind"))
            title = m2.group("title") or m2.group("bare")
            return f"{title}, {kind} by {who.name}" if title else f"{kind} by {who.name}"
    m3 = _TITLE_BY.match(text)
    if m3:
        who = leading_name(text[m3.end():], min_tokens=2)
        if who:
            return f"{m3.group('title')}, by {who.name}"
    return None


def _kind(raw: str) -> str:
    kind = re.sub(r"[\s-]+", " ", raw.lower())
    return kind.replace("short story collection", "short story collection").replace(
        "short stories collection", "short story collection")


def source_author(value: str) -> str | None:
    """The author named in a based_on value ("... by Craig Davidson")."""
    m = re.search(r"\bby\s+(.+)$", value)
    return m.group(1).strip() if m else None


# --- countries and languages -----------------------------------------------------------------

_DEMONYM_ALT = "|".join(sorted((re.escape(d) for d in DEMONYMS), key=len, reverse=True))
# "a 2012 French–Belgian romantic drama film"
_FILM_ORIGIN = re.compile(
    r"\b(?:is|was)\s+an?\s+(?:\d{4}\s+)?(?:[a-z][\w-]*,?\s+){0,3}(?P<adjs>(?:(?:" + _DEMONYM_ALT + r")(?:[–—/-]|\s+and\s+|,\s+|\s+))+)"
    r"(?:[\w-]+\s+){0,4}?(?:film|movie|feature|documentary|drama|comedy|thriller|co-production|"
    r"production)\b")
_LANG_ALT = "|".join(sorted(LANGUAGES, key=len, reverse=True))
_LANGUAGE_PROSE = re.compile(
    r"\b(?P<l1>" + _LANG_ALT + r")-language\b|\b(?:spoken|filmed|shot|performed)\s+(?:entirely\s+|mostly\s+|largely\s+)?in\s+(?P<l2>"
    + _LANG_ALT + r")\b|\b[Ii]n\s+(?P<l3>" + _LANG_ALT + r")\s+with\s+(?:English\s+)?subtitles\b")


# Strings of which every _LANGUAGE_PROSE match holds one (speed only).
_LANGUAGE_PROSE_NEEDLES = ("-language", "spoken", "filmed", "shot", "performed", "subtitles")


# "The dialogue is in French and Arabic", "spoken in Danish, Swedish and English"
_LANGUAGE_LIST = re.compile(
    r"\b(?:dialogue|film|it|movie)\s+is\s+(?:\w+\s+)?in\s+|\b(?:spoken|filmed|shot|performed)\s+"
    r"(?:entirely\s+|mostly\s+|largely\s+)?in\s+")
_LANGUAGE_ITEM = re.compile(r"(?P<lang>" + _LANG_ALT + r")\b(?:,\s*(?:and\s+)?|\s+and\s+)?")


def read_origin(ctx: Context) -> None:
    for kl, _region in ctx.keyed("countries"):
        for part in re.split(r",|/|\band\b|;|\|", kl.value):
            country = region_of(part.strip()) or (part.strip() if part.strip() in DEMONYMS.values() else None)
            if country:
                ctx.add("countries", country, kl.quote)
    for kl, _region in ctx.keyed("languages"):
        for part in re.split(r",|/|\band\b|;|\|", kl.value):
            lang = part.strip().split(" ")[0] if part.strip() else ""
            if lang in LANGUAGES:
                ctx.add("languages", lang, kl.quote)
    for sent in ctx.sentences:
        _sentence_origin(ctx, sent)
    for span in lines(ctx.text)[:15]:
        _places_line(ctx, span)


def _places_line(ctx: Context, span: Span) -> None:
    """A capsule's "Ireland / UK   English" line: countries, then languages, nothing else."""
    parts = [p for p in re.split(r"\s*[/,|]\s*|\s{2,}|\t", span.text) if p.strip()]
    if len(parts) < 2 or len(span.text) > 80:
        return
    countries: list[str] = []
    languages: list[str] = []
    for part in parts:
        if part in LANGUAGES and (countries or part not in ("English", "Irish", "Welsh")
                                  or part is parts[-1]):
            languages.append(part)
        elif (country := region_of(part)) is not None:
            countries.append(country)
        else:
            return
    if not countries:
        return
    for country in countries:
        ctx.add("countries", country, span)
    for language in languages:
        ctx.add("languages", language, span)


def _sentence_origin(ctx: Context, sent: Span) -> None:
    m = _FILM_ORIGIN.search(sent.text)
    if m:
        for adj in re.findall(_DEMONYM_ALT, m.group("adjs")):
            ctx.add("countries", DEMONYMS[adj], sent)
    for lm in _LANGUAGE_LIST.finditer(sent.text):
        pos = lm.end()
        while (item := _LANGUAGE_ITEM.match(sent.text, pos)) is not None:
            ctx.add("languages", item.group("lang"), sent)
            pos = item.end()
    prose = any(n in sent.text for n in _LANGUAGE_PROSE_NEEDLES)
    for lm in _LANGUAGE_PROSE.finditer(sent.text) if prose else ():
        lang = lm.group("l1") or lm.group("l2") or lm.group("l3")
        if lang:
            ctx.add("languages", lang, sent)
