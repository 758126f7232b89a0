"""Countries and languages in the shapes ``origin.read_origin`` leaves.

    "In French and Wolof, with subtitles."            -> French, Wolof
    "Language: English, with some Irish"             -> English, Irish (not subtitle languages)
    "Countries<TAB>Germany" + next line "Austria"    -> Germany, Austria (an infobox cell of
                                                        several lines)
    "It's a French-Belgian co-production"            -> France, Belgium
    "USA 1972 | Dir. X | 104 mins | PG"              -> United States (a listing's first cell)
    "Categories: ... | German drama films | Austrian drama films | French-language films"
                                                     -> Germany, Austria; French
"""

from __future__ import annotations

import re

from critica.extract.context import Context
from critica.extract.origin import _DEMONYM_ALT, _LANG_ALT
from critica.extract.places import DEMONYMS, LANGUAGES, region_of
from critica.extract.spans import Span, lines

# "In French and Wolof, with subtitles", "in Danish, Swedish and English with English subtitles"
_CAPWORD = r"[A-Z][^\W\d_]+"
_IN_WITH_SUBTITLES = re.compile(
    r"\b[Ii]n\s+(?P<langs>" + _CAPWORD + r"(?:\s*,\s*(?:and\s+)?" + _CAPWORD + r"|\s+and\s+"
    + _CAPWORD + r"){0,5}),?\s+with\s+(?:\w+\s+){0,2}subtitles\b")
_LANG_WORD = re.compile(r"\b(?:" + _LANG_ALT + r")\b")
_SUBTITLE_AFTER = re.compile(r"^\s+(?:\w+\s+)?subtitle", re.I)
# "It's a French-Belgian co-production", "a Danish-Swedish co-production"
_COPRO = re.compile(r"\b(?P<adjs>(?:(?:" + _DEMONYM_ALT + r")\s*[-–—/]\s*)+(?:" + _DEMONYM_ALT
                    + r"))\s+co-?production\b")
_LISTING = re.compile(r"^(?P<c>[A-Z][\w.]*(?:\s*/\s*[A-Z][\w.]*)*)\s+(?:18|19|20)\d\d\s*[|•·]")
_CATEGORY = re.compile(r"(?:^|\|)\s*(?:(?:18|19|20)\d\d\s+)?(?P<dem>" + _DEMONYM_ALT
                       + r")(?P<lang>-language)?\s+(?:[a-z][\w-]*\s+){0,2}films\s*(?=\||$)")


def read_more_origin(ctx: Context) -> None:
    for name in ("countries", "languages"):
        for kl, _region in ctx.keyed(name):
            _continued(ctx, name, kl.quote.start, kl.quote.end)
    for kl, _region in ctx.keyed("languages"):
        for m in _LANG_WORD.finditer(kl.value):
            if not _SUBTITLE_AFTER.match(kl.value[m.end():]) and "subtitle" not in \
                    kl.value[max(0, m.start() - 25): m.start()].lower():
                ctx.add("languages", m.group(0), kl.quote)
    for sent in ctx.unkeyed_sentences():
        text = sent.text
        if "subtitle" in text:
            for m in _IN_WITH_SUBTITLES.finditer(text):
                for lang in _LANG_WORD.findall(m.group("langs")):
                    ctx.add("languages", lang, sent)
        if "co-pro" in text or "coprod" in text:
            for m in _COPRO.finditer(text):
                for adj in re.findall(_DEMONYM_ALT, m.group("adjs")):
                    ctx.add("countries", DEMONYMS[adj], sent)
    for span in lines(ctx.text):
        if " films" in span.text and (span.text.startswith("Categories")
                                      or span.text.count("|") >= 3):
            _categories(ctx, span)
    for span in lines(ctx.text[:3000])[:25]:
        listing = _LISTING.match(span.text)
        if listing:
            for part in listing.group("c").split("/"):
                country = region_of(part.strip())
                if country:
                    ctx.add("countries", country, span)


def _continued(ctx: Context, name: str, start: int, end: int) -> None:
    """An infobox value on several lines: each following short line that is only a country
    (or language) belongs to the key above it."""
    text = ctx.text
    pos = end
    for _ in range(6):
        nl = text.find("\n", pos)
        if nl < 0:
            return
        nxt_end = text.find("\n", nl + 1)
        nxt_end = len(text) if nxt_end < 0 else nxt_end
        line = text[nl + 1: nxt_end].strip()
        if not line or len(line) > 40:
            return
        value = (region_of(line) or (line if line in DEMONYMS.values() else None)) \
            if name == "countries" else (line if line in LANGUAGES else None)
        if value is None:
            return
        ctx.add(name, value, text[start:nxt_end].rstrip())
        pos = nxt_end


def _categories(ctx: Context, span: Span) -> None:
    for m in _CATEGORY.finditer(span.text):
        dem = m.group("dem")
        if m.group("lang"):
            if dem in LANGUAGES:
                ctx.add("languages", dem, span)
        else:
            ctx.add("countries", DEMONYMS[dem], span)
