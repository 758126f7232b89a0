"""Titles read from the top of a document: headline zone, "Key: value" fields, first sentence.

The headline zone is the run of short lines before the article body starts (a page dump puts
the headline, standfirst and a facts box there). Encyclopedia pages name their subject in the
first sentence: "X (French: Y) is a 2012 French–Belgian romantic drama film directed by ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from critica.extract.places import LANGUAGES, REGIONS, region_of
from critica.identify.headlines import (
    _AD_CUES,
    _NAV_SEPARATORS,
    FIELD_LABELS,
    RANKED_ENTRY,
    _is_field_label,
    clean_title,
    is_list_heading,
    is_nav_line,
    parse_headline,
)
from critica.identify.normalize import is_title_cased, word_set

MAX_ZONE_LINES = 30
PROSE_WORDS = 12  # a line this long that ends like a sentence is body text

# Lines that are site furniture, not titles, even when they are capitalised.
_FURNITURE = word_set(
    """home menu search reviews review features news film films movies movie blog about contact
    share tweet email print comments comment reply leave subscribe login log sign in up register
    related posts post more next previous prev read skip to content main navigation collapse
    expand picks pm trending latest popular tags categories category archive archives advertise
    advertisement sponsored close open toggle all rights reserved privacy policy cookies terms
    of the and a an on by for with our your you latest now watch trailer trailers tv video
    videos podcast podcasts interviews interview top lists list published posted updated written
    edited photo photos gallery credit credits culture sport sports business opinion politics
    world weather lifestyle arts entertainment today's paper weekend box office roundup chart
    charts"""
)
# A newspaper's masthead ("The Western Clarion", "Evening Lantern"): a title-cased line ending
# in one of the words papers are named with is the outlet, not the film.
_MASTHEAD_WORDS = word_set(
    """times post herald gazette chronicle tribune courier ledger clarion echo observer journal
    mail express record examiner standard independent guardian bulletin dispatch press enquirer
    sentinel register argus mercury advertiser monitor telegraph lantern beacon star sun news
    globe mirror inquirer recorder leader reporter daily weekly magazine quarterly review
    annual yearbook almanac digest gazetteer diary desk wire notebook dispatches letter
    roundup guide briefing"""
)
# "Directed by<TAB>Ingrid Vallin", "Starring  Sofia Berglund": an infobox or credit-block row.
_FIELD_ROW = re.compile(r"^(?P<label>[A-Za-z][A-Za-z .]{1,30}?)(?:\t|\s{2,}|\s+(?=by\b))")
_CREDIT_BY = re.compile(r"^(?:directed|written|produced|music|story|screenplay|edited|"
                        r"photographed|narrated|created|distributed|presented)\s+by\b", re.I)
# "German: Der Lotsenfisch" in an infobox: the title in its original language.
_LANGUAGE_LINE = re.compile(r"^(?P<lang>[A-Z][a-z]+)\s*:\s*(?P<value>\S.{0,80})$")
# "United Kingdom 2017", "France / Belgium, 2012": a credit line of countries and the year.
_PLACES_YEAR = re.compile(r"^(?P<places>[^\d]{2,60}?)[\s,]+(?P<year>(?:19|20)\d{2})\.?$")
# "Ireland / UK   English", "Culture > Film": lists of places and breadcrumbs, not titles.
_BREADCRUMB = re.compile(r"\s>\s|\s»\s")
_CREDIT_ABBREVIATION = re.compile(r"^(?:Dir|Wri|Prod|Scr|Ph|Ed|Mus|Cert)\.\s", re.I)
# "Sheriff Bodine ........ Wes Calloway", "Seán Moriarty — Tom Hale": cast-list entries.
_CAST_LEADER = re.compile(
    r"^[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}\s*(?:\.{3,}|…+|\s[—–-]\s)\s*"
    r"[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3}$")
_DATE_LINE = re.compile(
    r"^(?:\w+day,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+\d{4}$|^\d{4}-\d{2}-\d{2}$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$",
    re.I,
)
_CAST_AS = re.compile(r"^[^\W\d_][\w.'’-]+(?:\s+[^\W\d_][\w.'’-]+){1,3}\s+as\s+\S")
_RATING_OR_RUNTIME = re.compile(
    r"^(?:G|PG|PG-13|R|NC-17|U|12A?|15|18|TV-\w+|Not Rated|Unrated|\d+\s*h(?:\s*\d+\s*m(?:in)?)?|"
    r"\d+\s*(?:min|mins|minutes))\.?$",
    re.I,
)
# (never after an article: "The Cartographer's Daughter" is a title, not a credit)
_CELLS = re.compile(r"\S(?:\s{3,}|\t)\S.*\S(?:\s{2,}|\t)\S|\S\s{3,}\S")
_POSSESSIVE_LEAD = re.compile(
    r"^(?!(?:The|A|An)\s)(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*['’]s\s+(?=[A-Z0-9])")
# Markdown heading marks and emphasis around a whole line ("# Title", "**Grade: B**").
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[*_]{1,3}(?=\S))|(?<=\S)[*_]{1,3}\s*$")
_BYLINE_START = re.compile(r"^(?:published|posted|updated|filed|by|written by|words by)\b", re.I)
_CAMEL_FIELD = re.compile(r"(?<=[a-z])(?=[A-Z][A-Z ]{3,}:)")


@dataclass(frozen=True)
class LeadTitle:
    """A title seen near the top of the document."""

    title: str
    year: int | None
    origin: str
    strength: float  # before position decay
    line_index: int
    original_title: str | None = None
    loose: bool = False  # a shape page furniture also takes: it needs support from elsewhere


def split_lines(text: str) -> list[str]:
    """Non-empty stripped lines; a field glued to the previous text ("BoneDIRECTED BY:") is split."""
    lines: list[str] = []
    for raw in text.splitlines():
        for part in _CAMEL_FIELD.split(raw):
            stripped = _MARKUP.sub("", part).strip()
            if stripped:
                lines.append(stripped)
    return lines


def is_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= PROSE_WORDS or (len(words) >= 8 and line.rstrip()[-1:] in ".!?")


def headline_zone(lines: list[str]) -> list[str]:
    """Lines up to the second body paragraph that follows the first short line."""
    zone: list[str] = []
    seen_short = False
    prose_after_short = 0
    for line in lines[:MAX_ZONE_LINES]:
        if is_prose(line):
            if seen_short:
                prose_after_short += 1
                if prose_after_short >= 2:
                    break
        else:
            seen_short = True
        zone.append(line)
    return zone


def _is_plain_title_line(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 8 or len(line) > 80 or len(line.strip()) <= 2:
        return False  # ("S": a guide's letter heading)
    if line[-1] in ".:!?,;|" or _BYLINE_START.match(line) or " | " in line:
        return False
    if _CELLS.search(line) and not is_field_row(line):
        return False  # "Streamline+   Home   Movies": a menu's cells, not a title
    if _ANY_YEAR.search(line) and _DATE_IN_LINE.search(line):
        return False  # "Entertainment Desk | August 2, 2019", "Reviewed by X, May 2, 2019"
    if _DATE_LINE.match(line) or _AD_CUES.search(line) or _is_field_label(line):
        return False
    if is_list_heading(line) or is_field_row(line) or language_title(line) is not None:
        return False  # a list's heading, "Directed by<TAB>X", "German: Der Lotsenfisch"
    places_year = _PLACES_YEAR.match(line)
    if places_year and _places_only(places_year.group("places") + " / " + "UK"):
        return False  # "United Kingdom 2017"
    if all(w.strip(".,:;!?|()").lower() in _FURNITURE for w in words):
        return False
    if ":" in line:
        label = line.split(":", 1)[0]
        first_word = label.split()[0] if label.split() else ""
        if _is_field_label(label) or (len(first_word) > 1 and first_word.isupper()):
            return False  # "Director: Jacques Audiard", "BUDGET: $20m"
    if _RATING_OR_RUNTIME.match(line):
        return False  # "PG-13", "2h 7m", "104 minutes"
    if _CAST_AS.match(line) or _CAST_LEADER.match(line):
        return False  # "Marion Cotillard as Stéphanie", "Deputy Reyes .... Julian Ortiz"
    if _BREADCRUMB.search(line) or _CREDIT_ABBREVIATION.match(line) or _places_only(line):
        return False
    return is_title_cased(line)


def is_field_row(line: str) -> bool:
    """"Directed by Ingrid Vallin", "Running time<TAB>112 minutes": a credit row, not a title."""
    if _CREDIT_BY.match(line):
        return True
    row = _FIELD_ROW.match(line)
    return row is not None and row.group("label").strip().casefold() in FIELD_LABELS


def language_title(line: str) -> str | None:
    """The title of a "German: Der Lotsenfisch" infobox line (a language label, then a title)."""
    match = _LANGUAGE_LINE.match(line.strip())
    if match is None or match.group("lang") not in LANGUAGES:
        return None
    value = match.group("value").strip().strip("\"'“”‘’«»")
    if _AUDIO_SPEC.search(value):
        return None  # "English: Dolby Atmos", "French: DTS-HD MA 5.1": a disc's audio tracks
    return value if value and (value[0].isupper() or value[0].isdigit()) else None


_AUDIO_SPEC = re.compile(
    r"\b(?:dolby|dts|atmos|pcm|lpcm|stereo|mono|surround|digital|subtitles?|audio|"
    r"descriptive|commentary|truehd|flac|aac)\b|\b[257]\.[01]\b", re.I)


def credit_line_year(lines: list[str]) -> int | None:
    """The year of a capsule's "United Kingdom 2017" credit line (the film's own year)."""
    for line in lines[:MAX_ZONE_LINES]:
        # "USA 1972 | Dir. Walter Pruett | 104 mins": the first cell of a credit row
        match = _PLACES_YEAR.match(re.split(r"\s+[|·•]\s+", line.strip())[0])
        if match and _places_only(match.group("places") + " / UK"):
            return int(match.group("year"))
    return None


def _places_only(line: str) -> bool:
    """"Ireland / UK   English": a capsule's countries and languages line."""
    parts = [p for p in re.split(r"\s*[/,|]\s*|\s{2,}|\t|\s+and\s+", line) if p.strip()]
    if len(parts) < 2:
        return False
    known = 0
    for part in parts:
        words = part.split()
        if region_of(part) or part.lower() in REGIONS or all(w in LANGUAGES for w in words):
            known += 1
    return known == len(parts)


def is_masthead(line: str) -> bool:
    """Whether a short title-cased line names a newspaper or magazine ("The Western Clarion")."""
    words = line.split()
    if not 1 < len(words) <= 5 or not is_title_cased(line):
        return False
    return words[-1].lower().strip(".,:") in _MASTHEAD_WORDS


_LOOSE_SHAPES = frozenset({"colon_lead", "label_lead"})


def dateline_year(lines: list[str]) -> int | None:
    """The year of the document's own dateline (its publication), the weakest year hint."""
    for index, line in enumerate(lines[:12]):
        field = line if index == 0 else lines[index - 1] + " " + line
        if len(line) > 80 or _RELEASE_FIELD.match(field) or _RELEASE_FIELD.match(line):
            continue  # "Release Date: 02 Nov 2019" dates the film, not the page
        found = _DATELINE_YEAR.search(line)
        if found:
            return int(found.group(1))
    return None


def zone_titles(zone: list[str], people: frozenset[str],
                lines: list[str] | None = None) -> list[LeadTitle]:
    """Headline-shaped and plain title lines of the headline zone (``lines``: the whole
    document, of which the zone is the start; it tells which list entry has text under it)."""
    found: list[LeadTitle] = []
    neighbours = _neighbour_lines(zone)
    mastheads = masthead_lines(zone)
    heading = next((i for i, line in enumerate(zone) if is_list_heading(line)), None)
    if heading is not None and any(RANKED_ENTRY.match(line) for line in zone[heading + 1:]):
        # a list page's headline is its list heading: a title-shaped line above it is the
        # site's or the section's ("The Lakeshore Review" over "The 10 Best Films of 2011")
        mastheads |= set(range(heading))
    subject_entry = _fullest_entry(lines if lines is not None else zone)
    n_ranked = sum(1 for line in (lines if lines is not None else zone)
                   if RANKED_ENTRY.match(line))
    for index, line in enumerate(zone):
        if is_prose(line) and not line.endswith(")") and not _long_headline(line):
            continue
        headline = parse_headline(line)
        ranked = RANKED_ENTRY.match(line) if headline is None or (
            headline.shape == "ranked" and n_ranked >= 2) else None
        if ranked is not None and n_ranked >= 2:
            continue  # "13. The Widow's Holler (2015)" among other entries: list_entries()
        if headline is not None and is_prose(line) and (
                headline.shape not in _LONG_SHAPES
                or headline.shape == "colon_lead" and not is_title_cased(headline.title)):
            continue  # a sentence with a colon in it ("Day four: a harbour pilot's ..."")
        if headline is not None:
            strength = headline.strength * (0.1 if index in neighbours | mastheads else 1.0)
            title, original = headline.title, None
            alias = _headline_alias(line, title)
            if alias is not None:
                # "'A Casa das Marés' ('The House of Tides')": the English title, and the original
                title, original = (alias, title) if looks_foreign(title) else (title, alias)
            found.append(LeadTitle(title, headline.year, "headline", strength,
                                   index, original_title=original,
                                   loose=headline.shape in _LOOSE_SHAPES
                                   or index in neighbours | mastheads))
        elif ranked is not None and is_title_cased(ranked.group("title")):
            # "4. The Salt Choir (Nell Whitaker)": the first entry of a list excerpt is its
            # subject, later ones are neighbours
            paren = ranked.group("paren") or ""
            year = int(paren) if re.fullmatch(r"(?:19|20)\d{2}", paren) else None
            entries = sum(1 for f in found if f.origin == "list_entry")
            subject = index == subject_entry if subject_entry is not None else entries == 0
            found.append(LeadTitle(clean_title(ranked.group("title")), year, "list_entry",
                                   0.9 if subject else 0.2, index))
        elif _is_plain_title_line(line) and line.casefold() not in people:
            strength = 0.5 if len(line.split()) >= 2 else 0.25
            if line.isupper() and len(line) > 3:
                # "BOX OFFICE ROUNDUP": a section label more often than a title, except as the
                # first line of a capsule ("GANNET ISLAND" over its credits)
                strength = 0.45 if index == 0 else 0.2
            if index + 1 < len(zone) and _credit_line(zone[index + 1]):
                strength = 0.9  # "THE ORCHARD KEEPERS" over "USA 1972 | Dir. ... | 104 mins"
            if is_masthead(line) and not _recurs(line, zone, index):
                strength *= 0.3
            if index in mastheads:
                strength *= 0.1  # "CINEMA COMPASS" over "Festivals > Locarno 2016"
            if _recurs(line, zone, index):
                strength = max(strength, 0.5) * 1.5  # "X | Watch on Site", "... » Blu-ray » X"
            title, original = _paren_original(clean_title(line), people)
            title, year = _title_then_year(title)
            found.append(LeadTitle(title, year, "header_line", strength, index,
                                   original_title=original, loose=True))
        elif (quoted := _quoted_in_headline(line)) is not None:
            found.append(LeadTitle(quoted, None, "headline", 0.8, index))
    return found


# "Salt Marshal, The (US, 1974) C-104m. ***1/2  D: Rudy Kessendorf. ...": a film guide's entry
_GUIDE_ENTRY = re.compile(
    r"^(?P<title>[A-Z0-9][^()\n]{0,80}?)\s*\((?:[A-Za-z][^()\d\n]{0,40},\s*)?"
    r"(?P<year>(?:18|19|20)\d{2})\)\s*(?:[A-Z&/]{1,4}\s*-\s*)?\d{2,3}\s*m(?:in)?\b")


def guide_entries(lines: list[str]) -> list[LeadTitle]:
    """Entries of a film guide's page, in order: the first whole entry is the page's subject
    (a page may open with the tail of the previous entry), later ones are neighbours."""
    found: list[LeadTitle] = []
    for index, line in enumerate(lines[:80]):
        match = _GUIDE_ENTRY.match(line)
        if match is None:
            continue
        title = clean_title(match.group("title"))
        if not title or not is_title_cased(title):
            continue
        found.append(LeadTitle(title, int(match.group("year")), "guide_entry",
                               0.9 if not found else 0.2, index))
    return found


_TRAILING_YEAR = re.compile(r"^(?P<title>\S.{0,80}?)\s+(?P<year>(?:18|19|20)\d{2})$")
_LAST_YEAR = date.today().year + 2


def _title_then_year(line: str) -> tuple[str, int | None]:
    """"Long Division 2020" (a film site's title line): the title and its year; "Class of
    1999" and "Blade Runner 2049" keep their numbers."""
    match = _TRAILING_YEAR.match(line)
    if match is None or int(match.group("year")) > _LAST_YEAR:
        return line, None
    title = match.group("title")
    if title.split()[-1].lower() in _YEAR_LINKS or not is_title_cased(title):
        return line, None
    return title, int(match.group("year"))


_YEAR_LINKS = word_set("of in the to from since for and or until before after summer winter "
                       "spring autumn fall class year")
_PAREN_TAIL = re.compile(r"^(?P<title>[^()]{2,80}?)\s+\((?P<inner>[^()]{2,80})\)$")


def _paren_original(line: str, people: frozenset[str]) -> tuple[str, str | None]:
    """"The Last Lock (La Dernière Écluse)": the title and, in brackets, its original one; a
    bracketed person ("Gideon's Weather (Leontyne Brasher)") is dropped from the title."""
    match = _PAREN_TAIL.match(line)
    if match is None:
        return line, None
    title, inner = match.group("title").strip(), match.group("inner").strip()
    if inner.casefold() in people or not is_title_cased(title):
        return title, None
    looks_title = inner[0].isupper() and looks_foreign(inner)
    return title, inner if looks_title else None


def _headline_alias(line: str, title: str) -> str | None:
    """The other-language title a headline brackets after its title, if any."""
    match = re.search(re.escape(title) + r"[’'”\"]?\s*\(\s*[‘'“\"]?(?P<alias>[^()‘'“\"’”]{2,80}?)"
                      r"[’'”\"]?\s*\)", line)
    if match is None:
        return None
    alias = match.group("alias").strip()
    if re.fullmatch(r"(?:19|20)\d{2}", alias) or not is_title_cased(alias):
        return None
    return alias if looks_foreign(alias) != looks_foreign(title) else None


def looks_foreign(title: str) -> bool:
    """Whether a title reads as not English: letters outside ASCII, or a foreign article."""
    words = title.split()
    return bool(words) and (any(ch.isalpha() and not ch.isascii() for ch in title)
                            or words[0].lower().rstrip("'’") in _FOREIGN_ARTICLES)


# (not "a", "o", "as": English words too)
_FOREIGN_ARTICLES = word_set("la le les l el los las il lo gli der die das den det de het een ein "
                             "eine une un os")

def list_entries(lines: list[str]) -> list[LeadTitle]:
    """The entries of a ranked list page ("13. The Widow's Holler (2015)", "12. ..."), when it
    shows two or more: the one with words under it when the others have next to none, else the
    first, is the subject; the rest are neighbours (the pile may still pick one, grouping.py)."""
    entries = [(i, m) for i, line in enumerate(lines[:400])
               if (m := RANKED_ENTRY.match(line)) is not None and is_title_cased(m.group("title"))]
    if len(entries) < 2:
        return []
    subject = _fullest_entry(lines)
    found: list[LeadTitle] = []
    for k, (index, match) in enumerate(entries):
        paren = match.group("paren") or ""
        year = int(paren) if re.fullmatch(r"(?:19|20)\d{2}", paren) else None
        main = index == subject if subject is not None else k == 0
        found.append(LeadTitle(clean_title(match.group("title")), year, "list_entry",
                               0.9 if main else 0.2, index))
    return found


def _fullest_entry(zone: list[str]) -> int | None:
    """The ranked entry a list excerpt is about: the one with words under it, when the others
    have next to none ("1. The Copper Season ... / 4. Gideon's Weather, a paragraph / 5. ...")."""
    entries = [i for i, line in enumerate(zone) if RANKED_ENTRY.match(line)]
    if len(entries) < 2:
        return None
    words = []
    for k, start in enumerate(entries):
        end = entries[k + 1] if k + 1 < len(entries) else len(zone)
        # menus and share bars after the last entry are the page's, not the entry's
        words.append(sum(len(line.split()) for line in zone[start + 1:end]
                         if len(_NAV_SEPARATORS.findall(line)) < 2 and " | " not in line))
    best = max(range(len(entries)), key=lambda k: words[k])
    others = sorted(words[:best] + words[best + 1:])
    if words[best] >= 20 and words[best] >= 4 * max(others[-1], 1):
        return entries[best]
    return None


# Shapes a long headline takes ("'X' Review: Y Is Ferocious in a ...", "X: the best film of
# the year?"); a prose-length line is read as a headline only in one of these shapes.
_LONG_SHAPES = frozenset({"quoted_review", "review_prefix", "review_suffix", "review_summary",
                          "quoted_lead", "colon_lead", "section_quoted"})


def _long_headline(line: str) -> bool:
    """A prose-length line that may still be a headline: it does not end like a sentence."""
    return len(line) <= 160 and line.rstrip()[-1:] not in ".,;:" and not line.endswith("...")


_TITLE_YEAR_LINE = re.compile(r"^[^()]{1,80}?\s*\((?:19|20)\d{2}\)$")


def _neighbour_lines(zone: list[str]) -> set[int]:
    """Indexes of "X (2019)" lines in a run of two or more: a "More like this" or "Related"
    block lists other films, never the page's own."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*zone, ""]):
        if _TITLE_YEAR_LINE.match(line):
            run.append(index)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def _recurs(line: str, zone: list[str], index: int) -> bool:
    """Whether a line's text recurs in another line of the zone ("Burn the Ledger | Watch ...")."""
    needle = re.escape(line.casefold())
    shape = re.compile(rf"^{needle}\s*(?:[|:–—»(]|\s-\s)|(?:[|»>]|\s-\s)\s*{needle}$")
    return any(shape.search(other.casefold().strip()) for i, other in enumerate(zone) if i != index)


def _credit_line(line: str) -> bool:
    """"USA 1972 | Dir. Walter Pruett | 104 mins", "United Kingdom 2017", "*** US 1979 112m
    Technicolor": a capsule's credits."""
    first = re.split(r"\s+[|·•]\s+|\s{2,}|\t", line.strip())[0]
    match = _PLACES_YEAR.match(first)
    return bool(match and _places_only(match.group("places") + " / UK")) or bool(
        _CREDIT_ABBREVIATION.match(line)) or bool(_YEAR_RUNTIME.search(line))


# "US 1979 112m", "1979, 112 min": a year, then a running time (a guide's credit line)
_YEAR_RUNTIME = re.compile(
    r"(?:^|\s)(?:19|20)\d{2}[,;]?\s+\d{2,3}\s*(?:m|mins?|minutes)\b\.?", re.I)
_TAGLINE = re.compile(r"^(?:an?|the|your)\s+(?:[\w-]+\s+){0,3}(?:newsletter|magazine|blog|podcast|"
                      r"journal|site|website|zine|column|digest|review)\b", re.I)


def masthead_lines(zone: list[str]) -> set[int]:
    """Indexes of a page's masthead: the first line or two, directly above its menu or its
    tagline ("THE LAUGH TRACK" over "A newsletter about comedy, by ...")."""
    for index, line in enumerate(zone[:4]):
        if is_nav_line(line) or (index == 1 and (_TAGLINE.match(line) or _motto(line))):
            return set(range(index)) if 0 < index <= 2 else set()
    return set()


def _motto(line: str) -> bool:
    """"Horror, cult and genre cinema since 2004", "Essays on film, old and new": a site's
    motto under its name (short, lower-case after the first word, unpunctuated, no verb of a
    standfirst's)."""
    words = line.split()
    if not 3 <= len(words) <= 8 or line.rstrip()[-1:] in ".!?:" or is_title_cased(line):
        return False
    if not _MOTTO_WORDS.search(line):
        return False
    return not re.search(r"\b(?:is|are|was|were|has|have|gives|makes|takes|keeps|finds)\b", line)


_MOTTO_WORDS = re.compile(
    r"\b(?:since\s+(?:19|20)\d{2}|cinema|film|films|movies|reviews|essays|criticism|"
    r"then\s+and\s+now|old\s+and\s+new|from\s+everywhere|about\s+\w+|for\s+\w+\s+fans)\b", re.I)


_QUOTED_IN_LINE = re.compile(r"(?<![\w’'])['‘“\"](?P<title>[A-Z0-9][^'’”\"\n]{0,80}?)['’”\"](?![\w])")


def _quoted_in_headline(line: str) -> str | None:
    """A quoted title inside a news-style headline: "Indie 'Harbour Lights' finds a harbour"."""
    if len(line.split()) > 16 or line.rstrip()[-1:] in ".?!" and len(line.split()) > 10:
        return None
    if ":" in line and _is_field_label(line.split(":", 1)[0]) or _AD_CUES.search(line):
        return None
    for match in _QUOTED_IN_LINE.finditer(line):
        title = match.group("title").strip()
        if 1 <= len(title.split()) <= 8 and is_title_cased(title):
            return title
    return None


_FIELD_LINE = re.compile(
    r"^(?P<key>original\s+title|title|film|movie|a\.?k\.?a\.?|also\s+known\s+as|"
    r"english\s+title|international\s+title|u\.?s\.?\s+title)\s*:\s*(?P<value>.*)$",
    re.I,
)


_GRADE_TOKEN = re.compile(r"(?:[A-F][+\-−]?|[★☆*½]{1,5}|\d(?:\.\d)?\s*stars?)", re.I)
_ANOTHER_LABEL = re.compile(r"\s(?:[A-Z][a-z]+\s?){1,2}:(?:\s|$)")


def _rating_value(value: str) -> bool:
    """A "Film:" field that grades the film (a DVD review's "Film: B+  Disc: C") names none."""
    if re.search(r"\d\s*/\s*\d|\bout\s+of\b", value):
        return True
    head = re.split(r"\s{2,}|\s*[|;,]\s*|\s+(?=[A-Z][a-z]+:)", value.strip())[0]
    return bool(_GRADE_TOKEN.fullmatch(head)) or bool(
        _GRADE_TOKEN.match(head) and _ANOTHER_LABEL.search(" " + value))


def field_titles(lines: list[str]) -> list[LeadTitle]:
    """"Title: X" and "Original Title: X" lines (the value may sit on the next line)."""
    found: list[LeadTitle] = []
    for index, line in enumerate(lines[:60]):
        original = language_title(line) if index < MAX_ZONE_LINES else None
        if original is not None:
            found.append(LeadTitle(original, None, "original_title_field", 0.6, index,
                                   original_title=original))
            continue
        match = _FIELD_LINE.match(line)
        if match is None:
            continue
        value = match.group("value").strip()
        if not value and index + 1 < len(lines):
            value = lines[index + 1].strip()
        if _rating_value(value):
            continue  # "Film: 3/5  Disc: 5/5", "Film: B+  Disc: C" are ratings, not titles
        headline = parse_headline(_strip_quote_marks(value))
        year = headline.year if headline else None
        value = headline.title if headline else clean_title(value)
        if not value or len(value.split()) > 12 or _is_field_label(value):
            continue
        key = re.sub(r"\s+", " ", match.group("key").lower())
        origin = "original_title_field" if key == "original title" else "title_field"
        found.append(LeadTitle(value, year, origin, 0.8 if origin == "title_field" else 0.6,
                               index, original_title=value if key == "original title" else None))
    return found


_ALIAS_INTRO = re.compile(
    r"^(?:also\s+known\s+as|a\.?k\.?a\.?|released\s+as|originally\s+(?:titled|released\s+as)|"
    r"original\s+title|lit\.?|literally|or)\s*:?\s*", re.I
)
_LANGUAGE_LABEL = re.compile(r"^(?P<lang>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s*:\s*(?P<value>.+)$")
_FIRST_SENTENCE = re.compile(
    r"^(?P<title>[^()\n]{1,120}?)\s*(?:\((?P<paren>[^()\n]{1,200})\))?\s*,?\s+"
    r"(?:is|was|are)\s+(?:an?|the)\s+(?:(?P<year>(?:19|20)\d{2})\s+)?(?P<desc>[^.\n]{0,160}?)"
    r"\b(?:film|movie|motion\s+picture|documentary|feature|animation|miniseries)s?\b",
)


@dataclass(frozen=True)
class FirstSentence:
    title: str
    year: int | None
    original_title: str | None
    aliases: tuple[str, ...]


def _strip_quote_marks(text: str) -> str:
    return text.strip().strip("\"'“”‘’«» ").strip()


_NOT_SUBJECTS = word_set(
    "this it that here there he she they what which who whose his her their our my one its "
    "these those such overall ultimately yet but and so"
)


_NOT_A_FILM_DESC = re.compile(
    r"\b(?:distributors?|company|studio|label|producers?|festival|organi[sz]ation|network|"
    r"streamer|platform|agency|firm|outfit|school|museum|archive|society|magazine|website|"
    r"publication|critic|director|filmmaker|actor|actress|writer|composer)\b", re.I)


def _plausible_subject(title: str, supported: bool) -> bool:
    if re.match(r"(?:The|A|An)\s+(?:19|20)\d{2}\s", title):
        return False  # "The 1961 Cold Harbour was a lean, nasty little film": an earlier version
    words = title.split()
    if not title or not (title[0].isupper() or title[0].isdigit()) or len(words) > 12:
        return False
    if words[0].lower() in _NOT_SUBJECTS or re.search(r"[’']s\s+[a-z]", title):
        return False  # "This is a film ...", "Audiard's latest is a film ..."
    return supported or is_title_cased(title)


def parse_first_sentence(lines: list[str]) -> FirstSentence | None:
    """Subject of an encyclopedia-style opening sentence, searched in the first lines and, past
    an infobox block, in the first two prose lines."""
    prose = [line for line in lines[6:60] if is_prose(line)][:2]
    for line in lines[:6] + prose:
        match = _FIRST_SENTENCE.match(line)
        if match is None or _NOT_A_FILM_DESC.search(match.group("desc")):
            continue  # "Fieldstone Docs is a New York-based distributor of ... film"
        # "Thomas Vinterberg's The Hunt is a ... film": the film is after the possessive
        title = clean_title(_POSSESSIVE_LEAD.sub("", match.group("title"), count=1))
        year_text = match.group("year")
        if not _plausible_subject(title, bool(year_text or match.group("paren"))):
            continue
        original: str | None = None
        aliases: list[str] = []
        paren = match.group("paren") or ""
        for part in re.split(r"\s*;\s*", paren):
            labelled = _LANGUAGE_LABEL.match(part)
            if labelled and "pronunciation" not in labelled.group("lang").lower():
                value = _strip_quote_marks(re.split(r",\s*(?:lit|literally)\b", labelled.group("value"))[0])
                if original is None and value and not value.startswith("["):
                    original = value
                continue
            alias = _ALIAS_INTRO.match(part)
            if alias:
                value = _strip_quote_marks(part[alias.end():])
                if value and (value[0].isupper() or value[0].isdigit()):
                    aliases.append(value)
            elif re.fullmatch(r"(?:19|20)\d{2}(?:\s+film)?", part.strip()) and year_text is None:
                year_text = part.strip()[:4]
        year = int(year_text) if year_text else None
        return FirstSentence(title, year, original, tuple(aliases))
    return None


_RELEASE_FIELD = re.compile(
    r"^(?:(?:u\.?s\.?\s+|uk\s+|theatrical\s+)?release(?:d|\s+date)?|in\s+(?:theaters|theatres|cinemas)|"
    r"opens|opening|in\s+select\s+theaters)\s*(?:\([^)]*\))?\s*:\s*(?P<value>.*)$",
    re.I,
)
_ANY_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_DATE_IN_LINE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", re.I)
# "premiered on March 12, 2016", "opening in limited release on Sept. 9, 2016"
_RELEASE_PROSE = re.compile(
    r"\b(?:premiered|premiere|released|opened|opening|opens|debuted)\b[^.;\n]{0,60}?"
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+)"
    r"((?:19|20)\d{2})\b", re.I)


def prose_release_year(lines: list[str]) -> int | None:
    """The earliest year of a dated premiere or release sentence: a weak hint, used when no
    headline or first sentence gives the year (a new film's review or news item)."""
    years = [int(m.group(1)) for line in lines for m in _RELEASE_PROSE.finditer(line)
             if not re.search(r"\b(?:dvd|blu-?ray|4k|home\s+video|streaming)\b",
                              line[max(0, m.start() - 40):m.end()], re.I)]
    return min(years) if years else None


def release_year_hint(lines: list[str]) -> int | None:
    """The year of a "Release Date:" field, a weak hint (it may be a later DVD or local release)."""
    for index, line in enumerate(lines[:60]):
        match = _RELEASE_FIELD.match(line)
        if match is None:
            continue
        value = match.group("value")
        if not value.strip() and index + 1 < len(lines):
            value = lines[index + 1]
        year = _ANY_YEAR.search(value)
        if year:
            return int(year.group(1))
    return None


# "Gannet Island is released in Irish cinemas today" under a dateline: the dateline's year.
_RELATIVE_RELEASE = re.compile(
    r"\b(?:released|opens|opened|opening|out|arrives|hits|screens|in\s+(?:cinemas|theaters|theatres))\b"
    r"[^.\n]{0,60}?\b(?:today|tomorrow|this\s+(?:week|weekend|friday)|on\s+friday|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b(?!,?\s+\d{4})|"
    r"on\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b(?!,?\s+\d{4}))",
    re.I)
_DATELINE_YEAR = re.compile(
    r"(?:^|\W)(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,?\s+)"
    r"((?:19|20)\d{2})\b", re.I)
# "This is the 2021 ghost story from Aoife Brennan": the document's own film, no title after it.
_SELF_YEAR = re.compile(
    r"\b(?:is|was)\s+(?:the|a|an)\s+((?:19|20)\d{2})\s+(?:[\w-]+\s+){0,3}?(?:film|movie|drama|"
    r"comedy|thriller|documentary|feature|story|western|musical|romance)\b(?!\s+[A-Z])", re.I)


def relative_release_year(lines: list[str]) -> int | None:
    """The dateline's year when the body says the film opens "today" or "Friday, March 10"."""
    if not any(_RELATIVE_RELEASE.search(line) for line in lines
               if "day" in line or "tomorrow" in line or "Day" in line or " on " in line):
        return None
    for line in lines[:12]:
        if len(line) <= 80:
            found = _DATELINE_YEAR.search(line)
            if found:
                return int(found.group(1))
    return None


def self_year(lines: list[str]) -> int | None:
    """The year of "this is the 2021 ghost story ..." (a weak hint)."""
    for line in lines:
        found = _SELF_YEAR.search(line) if " 19" in line or " 20" in line else None
        if found:
            return int(found.group(1))
    return None
