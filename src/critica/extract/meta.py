"""Document metadata: who wrote a document, where it appeared, when, and its rank in a list.

Everything here is about the DOCUMENT, not the film: a "Release date:" line is the film's and
is never taken as the publication date; a credits line "written by: X" names the screenwriter,
not the author. Each value comes from evidence inside the document (HTML metadata, a byline, a
copyright line, a masthead, a URL); when nothing names it the answer is None, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

from critica.extract.byline import (
    BYLINE,
    CREDIT_LABEL,
    OUTLET_WORD,
    PERSON,
    find_author,
    find_date,
    find_published,
    is_prose,
    parse_document_date,
    top_zone,
)
from critica.extract.spans import needle_fold
from critica.records import ClassifiedDocument, DocumentMeta

__all__ = ["KNOWN_OUTLETS", "extract_list_rank", "extract_meta", "parse_document_date"]

# Web domains of major outlets. A URL path is evidence the document itself carries.
_DOMAIN_OUTLETS: dict[str, str] = {
    "empireonline.com": "Empire", "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian", "nytimes.com": "The New York Times",
    "variety.com": "Variety", "hollywoodreporter.com": "The Hollywood Reporter",
    "rogerebert.com": "RogerEbert.com", "indiewire.com": "IndieWire",
    "popmatters.com": "PopMatters", "wikipedia.org": "Wikipedia", "imdb.com": "IMDb",
    "rottentomatoes.com": "Rotten Tomatoes", "metacritic.com": "Metacritic",
    "latimes.com": "Los Angeles Times", "chicagotribune.com": "Chicago Tribune",
    "washingtonpost.com": "The Washington Post", "wsj.com": "The Wall Street Journal",
    "time.com": "Time", "newyorker.com": "The New Yorker", "rollingstone.com": "Rolling Stone",
    "ew.com": "Entertainment Weekly", "slantmagazine.com": "Slant Magazine",
    "avclub.com": "The A.V. Club", "vulture.com": "Vulture", "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent", "bbc.co.uk": "BBC", "bbc.com": "BBC",
    "timeout.com": "Time Out", "screendaily.com": "Screen Daily", "hitfix.com": "HitFix",
    "slashfilm.com": "/Film", "collider.com": "Collider", "theatlantic.com": "The Atlantic",
    "npr.org": "NPR", "salon.com": "Salon", "villagevoice.com": "The Village Voice",
    "sfgate.com": "San Francisco Chronicle", "bostonglobe.com": "The Boston Globe",
    "dvdtalk.com": "DVD Talk", "blu-ray.com": "Blu-ray.com", "letterboxd.com": "Letterboxd",
    "reelviews.net": "ReelViews", "totalfilm.com": "Total Film",
    "littlewhitelies.com": "Little White Lies", "filmcomment.com": "Film Comment",
    "theplaylist.net": "The Playlist", "usatoday.com": "USA Today", "cnn.com": "CNN",
    "observer.com": "Observer", "nypost.com": "New York Post", "newsweek.com": "Newsweek",
    "bfi.org.uk": "BFI", "cinemablend.com": "CinemaBlend",
    "denofgeek.com": "Den of Geek", "ign.com": "IGN", "polygon.com": "Polygon",
    "thewrap.com": "TheWrap", "deadline.com": "Deadline", "pajiba.com": "Pajiba",
    "filmthreat.com": "Film Threat", "austinchronicle.com": "The Austin Chronicle",
}
KNOWN_OUTLETS: frozenset[str] = frozenset(_DOMAIN_OUTLETS.values()) | frozenset({
    "Sight & Sound", "Screen International", "Los Angeles Times", "Chicago Sun-Times",
    "The Times", "The Observer", "The Daily Telegraph", "Daily Mail", "Evening Standard",
    "Financial Times", "The Economist", "Newsday", "The Village Voice", "Film Journal",
    "Empire Magazine", "Cahiers du Cinéma", "Le Monde", "Libération", "Télérama", "Uproxx",
    "Twitch Film", "Movieline", "Paste", "Vox", "Slate", "Esquire", "Vanity Fair", "Wired",
    "The Independent", "New York Magazine", "The Hollywood Reporter", "Total Film",
})
_OUTLET_LOWER = {o.lower(): o for o in KNOWN_OUTLETS}

# --- outlet -------------------------------------------------------------------------------

_NAME_SEQ = r"[A-Z][\w.&'’/-]*(?:\s+(?:[A-Z&][\w.&'’/-]*|of|the|and)){0,7}"
_COPYRIGHT = re.compile(
    rf"(?:©|\([cC]\)|Copyright)\s*(?:©\s*)?(?:\d{{4}}\s*(?:[-–]\s*\d{{4}})?\s*,?\s*)?(?P<name>{_NAME_SEQ})"
)
_CORPORATE_TAIL = re.compile(
    r"(?:\s*,?\s*(?:Media|Group|Inc\.?|Ltd\.?|LLC|Limited|plc|Corp\.?|Corporation|Company|"
    r"Publishing|Holdings|Entertainment|Network|&))+$"
)
_SELF_REFERENCE = (
    re.compile(rf"(?i:help save|donate to|support|subscribe to|welcome to|thanks? (?:you )?for "
               rf"(?:reading|visiting|supporting))\s+(?P<name>{_NAME_SEQ})"),
    re.compile(rf"(?i:(?:originally|first) (?:published|appeared|posted|ran) (?:on|in|at|by))\s+"
               rf"(?P<name>{_NAME_SEQ})"),
    re.compile(rf"(?P<name>{_NAME_SEQ})\s+is\s+(?:a\s+|an\s+)?(?:wholly\s+)?independent"),
    re.compile(rf"(?P<name>{_NAME_SEQ})\s+is\s+(?:reader-supported|supported by (?:its|our) readers|"
               rf"(?:published|owned|edited|run)\s+by\b)"),
)
# For each pattern above, strings one of which every match holds in the case-folded line
# (a line with none skips that pattern; speed only).
_SELF_REFERENCE_NEEDLES = (
    ("help save", "donate to", "support", "subscribe to", "welcome to", "for reading",
     "for visiting"),
    ("published", "appeared", "posted", "ran"),
    ("independent",),
    ("reader-supported", "supported by", "published", "owned", "edited", "run"),
)
# "From Reelpedia, the free film encyclopedia": a wiki names itself under the page title.
_WIKI_SELF = re.compile(
    rf"^\W*From\s+(?P<name>{_NAME_SEQ}),\s+the\s+(?:[\w-]+\s+){{0,3}}(?:encyclop(?:a)?edia|wiki|"
    rf"database|reference)\b"
)
_GENERIC_SEGMENT = re.compile(
    r"(?i)^(?:(?:film|movie|dvd|blu-ray)?\s*reviews?|trailer|home|blog|official site|news|"
    r"cast|full cast.*|plot|synopsis|summary|the|all)$"
)
_RANK = re.compile(r"(?:^|\s)#\s?(\d{1,4})\b|\b(?i:no\.|number)\s?(\d{1,4})\b|^(\d{1,4})[.):]\s+\S")
_LIST_NAME = re.compile(
    r"(?i)\b(?:top|best|greatest|worst|essential|favou?rite|must-see)\b.*\b(?:films?|movies?|pictures?)\b"
    r"|\btop\s+\d+\b"
)
_HEADLINE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_WIKI_FIRST = re.compile(
    r"^[^\n]{1,200}?\s(?:\([^)\n]{0,300}\)\s)?(?:is|was)\s+an?\s+(?:\d{4}\s+)?[^.\n]{0,200}?\b(?:film|movie)\b"
)
_CATEGORY_LINE = re.compile(
    r"^(?:\d{4}s? (?:in film|films)|(?:Cinema|Films?) (?:of|directed|set|shot|based|about|scored|"
    r"produced|whose|featuring)\b.*|List of .+|.+ films|.+ in the arts|Category:.+)$"
)


def _name_like(segment: str) -> bool:
    words = segment.split()
    return (0 < len(words) <= 5 and segment[0].isupper() and not re.search(r"\(\d{4}\)", segment)
            and not _GENERIC_SEGMENT.match(segment))


def _domain_outlet(path: str) -> str | None:
    if not path.startswith(("http://", "https://")):
        return None
    host = (urlparse(path).hostname or "").lower()
    for domain, outlet in _DOMAIN_OUTLETS.items():
        if host == domain or host.endswith("." + domain):
            return outlet
    return None


def _copyright_outlet(lines: list[str], whole: str) -> str | None:
    for line in lines:
        if len(line) > 400:
            continue  # a copyright notice is a short line of its own
        for m in _COPYRIGHT.finditer(line):
            # The name ends at a sentence stop or at "All rights reserved".
            name = re.split(r"\.\s|\s+All\b|\s*(?i:all rights reserved)", m.group("name"))[0]
            name = name.strip(" .,")
            if not name or name.split()[0] in {"All", "The"} and len(name.split()) == 1:
                continue
            short = _CORPORATE_TAIL.sub("", name).strip(" .,")
            # "PopMatters Media, Inc." -> "PopMatters" only when the short form is used too.
            if short and short != name and re.search(rf"\b{re.escape(short)}\b", whole.replace(name, "")):
                return short
            if name.split()[0] != "All":
                return name
    return None


def _self_reference_outlet(lines: list[str]) -> str | None:
    for line in lines:
        if len(line) > 300:
            continue
        folded = needle_fold(line)
        for pattern, needles in zip(_SELF_REFERENCE, _SELF_REFERENCE_NEEDLES, strict=True):
            m = pattern.search(line) if any(n in folded for n in needles) else None
            if m:
                name = re.split(r"\s+(?:and|the|of)\b", m.group("name"))[0].strip(" .,")
                if _name_like(name) and name not in {"Please", "Us", "We", "Our"}:
                    return name
    return None


def _headline(doc: ClassifiedDocument, lines: list[str]) -> str:
    if doc.document.metadata.title:
        return doc.document.metadata.title.strip()
    return next((ln.strip() for ln in lines if ln.strip()), "")


def _masthead_outlet(headline: str) -> str | None:
    segments = [s.strip() for s in _HEADLINE_SPLIT.split(headline) if s.strip()]
    if len(segments) < 2:
        return None
    # A list title: "Top 365 Films – #358 – Some Film (2012)" names the list first.
    if any(_RANK.search(s) for s in segments[1:]) and _LIST_NAME.search(segments[0]):
        return segments[0]
    last = segments[-1]
    if last.lower() in _OUTLET_LOWER:
        return _OUTLET_LOWER[last.lower()]
    if " | " in headline and _name_like(last):
        return last
    return None


_FROM_WIKIPEDIA = re.compile(r"(?i)from wikipedia|wikipedia\.org|wikipedia, the free encyclopedia")


def _wikipedia(doc: ClassifiedDocument, lines: list[str]) -> bool:
    both = list(doc.document.removed_lines) + lines
    # every match holds "wikipedia": a page without the word skips the line scan (speed only)
    if "wikipedia" in needle_fold("\n".join(both)) and any(_FROM_WIKIPEDIA.search(ln) for ln in both):
        return True
    if doc.kind != "encyclopedia":
        return False
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    if not _WIKI_FIRST.match(first):
        return False
    tail = [ln.strip() for ln in lines if ln.strip()][-12:] + list(doc.document.removed_lines)
    categories = sum(1 for ln in tail if len(ln) < 80 and _CATEGORY_LINE.match(ln))
    return categories >= 2


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A masthead: the publication's name on a short line of its own above the headline.
_CAMEL_CASE = re.compile(r"\b[A-Z][a-z]{2,}[A-Z][a-z]")  # brands: "DiscHound", "ReelSignal"
# Lines that say the zone is a film's header (a capsule's title over its credits), not a page's.
_CREDIT_CUE = re.compile(r"(?i)\bdir\.|\b(?:directed|director|starring|with|cert|mins?|minutes|"
                         r"running time|runtime|cast)\b|:\s*$")
_SECTION_WORD = _word_set(
    "home about contact menu search subscribe login log in sign up news sport sports business "
    "culture opinion arts art features feature film films movie movies review reviews cinema tv "
    "television music books games lifestyle video videos podcasts podcast events competitions "
    "interviews interview trailers trailer blu-ray bluray dvd dvds 4k uhd latest weekend "
    "entertainment of the and a in & year dispatch diary desk section special coverage picks "
    "roundup more most read popular today's paper comment comments blog top"
)
_LAST_SECTION_WORD = _word_set(
    "dispatch diary desk review reviews film films news section special coverage picks roundup "
    "feature features"
)
_SMALL_WORDS = _word_set("of the and a an in on at for to by from with & de du la le")


def _title_case(name: str) -> str:
    """"THE HARBOUR TIMES" -> "The Harbour Times"; short all-capital words stay ("UK", "BBC")."""
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split()):
        low = word.lower()
        if i and low in _SMALL_WORDS:
            words.append(low)
        elif len(word) <= 3 and low not in _SMALL_WORDS and i:
            words.append(word)
        else:
            words.append(word.capitalize())
    return " ".join(words)


def _masthead_name(line: str) -> str | None:
    """``line`` as a publication's name, or None when it reads as anything else."""
    name = re.sub(r"\s+(?:18|19|20)\d\d$", "", line.strip(" *_#")).strip()  # "Film Year 2015"
    words = name.split()
    if not 0 < len(words) <= 5 or not name[0].isupper() or re.search(r"[|:;,!?>()\"“”/\d]|\.$", name):
        return None
    if any(w[0].islower() and w.lower() not in _SMALL_WORDS for w in words):
        return None  # a sentence-case headline or a tagline
    folded = [w.lower().strip("'’") for w in words]
    if all(w in _SECTION_WORD for w in folded) or folded[-1] in _LAST_SECTION_WORD:
        return None  # "Arts & Culture", "Weekend Film", "VENICE DISPATCH"
    if BYLINE.match(name) or find_date(name) or CREDIT_LABEL.match(name):
        return None
    return name


def _masthead_line_outlet(lines: list[str]) -> str | None:
    """A publication's name on a line of its own at the top: absent from the article (the
    film's title in a headline is always repeated below it), and either above another
    headline-like line or worded like a publication ("Daily", "Gazette", "DiscHound")."""
    zone = top_zone(lines)
    body = "\n".join(ln for ln in lines if is_prose(ln.strip())).casefold()
    for i, line in enumerate(zone[:6]):
        name = _masthead_name(line)
        if name is None or name.casefold() in body:
            continue
        if any(_CREDIT_CUE.search(ln) for ln in zone[i + 1: i + 3]) or (i and zone[i - 1].endswith(":")):
            continue  # a capsule's title over its credits, or a name in a "Starring:" list
        later = [ln for ln in zone[i + 1:] if not (BYLINE.match(ln) or find_date(ln))]
        worded = bool(OUTLET_WORD.search(name) or _CAMEL_CASE.search(name))
        if i == 0 and (later or worded or name.isupper()) or i > 0 and worded:
            person = re.fullmatch(PERSON, name) and name.split()[0] not in ("The", "A", "An")
            if not worded and person and not name.isupper():
                continue  # "Deirdre Malloy" under a headline is a byline, not a masthead
            return _title_case(name)
    return None


def _with_article(name: str, lines: list[str]) -> str:
    """"Western Clarion" -> "The Western Clarion" when the document itself writes the "The"
    on a short line of its own (a masthead, a copyright or a subscribe line)."""
    if name.lower().startswith("the ") or name.isupper():
        return name
    full = re.compile(rf"\bThe\s+{re.escape(name)}\b", re.I)
    for line in lines:
        if len(line) <= 120 and full.search(line) and not is_prose(line):
            return "The " + name
    return name


def _outlet(doc: ClassifiedDocument, lines: list[str]) -> str | None:
    meta = doc.document.metadata
    if meta.site_name and meta.site_name.strip():
        return meta.site_name.strip()
    domain = _domain_outlet(doc.path)
    if domain:
        return domain
    both = list(doc.document.removed_lines) + lines
    whole = "\n".join(both)
    wiki = next((m.group("name") for m in map(_WIKI_SELF.match, both[:40] + lines[:5]) if m), None)
    found = (wiki or _copyright_outlet(both, whole) or _self_reference_outlet(both)
             or _masthead_outlet(_headline(doc, lines)) or _masthead_line_outlet(lines))
    if found:
        return _with_article(_title_case(found), both)
    if _wikipedia(doc, lines):
        return "Wikipedia"
    return None


# --- entry points -------------------------------------------------------------------------


def extract_meta(doc: ClassifiedDocument) -> DocumentMeta:
    """Outlet, author and publication date of the document (each None when nothing says)."""
    # Composed accents: "Ciara\u0301n" (a decomposed page) is the name "Ciarán".
    lines = unicodedata.normalize("NFC", doc.text).splitlines()
    return DocumentMeta(
        outlet=_outlet(doc, lines), author=find_author(doc, lines), published=find_published(doc, lines)
    )


def extract_list_rank(doc: ClassifiedDocument) -> int | None:
    """The entry's rank when the headline is a list entry ("Top 100 – #58 – Title" -> 58)."""
    headline = _headline(doc, doc.text.splitlines())
    segments = [s.strip() for s in _HEADLINE_SPLIT.split(headline) if s.strip()]
    for segment in segments:
        m = _RANK.search(segment)
        if not m:
            continue
        rank = int(next(g for g in m.groups() if g))
        # "2012. A year in film" is a year, not a rank.
        if 0 < rank <= 5000 and not (m.group(3) and 1870 <= rank <= 2100):
            return rank
    return None
