"""Document metadata: who wrote a document, where it appeared, when, and its rank in a list.

Everything here is about the DOCUMENT, not the film: a "Release date:" line is the film's and
is never taken as the publication date; a credits line "written by: X" names the screenwriter,
not the author. Each value comes from evidence inside the document (HTML metadata, a byline, a
copyright line, a masthead, a URL); when nothing names it the answer is None, never a guess.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from critica.extract.dates import find_dates, parse_date
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

_MONTH_RE = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY_RE = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_ISO_STAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ]\d|$)")
_AMBIGUOUS_NUMERIC = re.compile(r"^(0?[1-9]|1[0-2])[/.](0?[1-9]|1[0-2])[/.]\d{4}$")


def _find_date(text: str) -> tuple[str, int, int] | None:
    """The first full, unambiguous date in ``text`` as (ISO date, start, end), or None.

    A publication date is a day: "November 2012" and "02/03/2013" (which day?) do not count.
    """
    stamp = _ISO_STAMP.match(text)  # "2019-04-02T10:00:00Z" from HTML metadata
    if stamp and parse_date(stamp.group(1)):
        return stamp.group(1), stamp.start(1), stamp.end(1)
    for found in find_dates(text):
        if len(found.iso) == 10 and not _AMBIGUOUS_NUMERIC.match(found.text):
            return found.iso, found.start, found.end
    return None


def parse_document_date(text: str) -> str | None:
    """The first full date in ``text`` as an ISO string ("January 15, 2013" -> "2013-01-15")."""
    hit = _find_date(text)
    return hit[0] if hit else None


# --- published ----------------------------------------------------------------------------

_NOT_PUBLISHED = re.compile(
    r"(?i)releas|premi[eè]re|in theaters|in cinemas|\bdvd\b|blu-?ray|\bopens?\b|festival|"
    r"\bborn\b|\bdied\b|\bscreen(?:ed|ing)\b|\bbox office\b"
)
_PUBLISHED_LABEL = re.compile(
    r"(?i)^\W*(?:(?:first\s+|last\s+)?(?:posted|published|updated|dated?)|date)\b\s*(?:on|:)?\s*"
)
_TIME_TAIL = re.compile(r"(?i)^[\s,|@at]*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*(?:[A-Z]{2,4})?\W*$")
_TOP_LINES = 15


def _film_date_in_text(iso: str, text: str) -> bool:
    """True when ``iso`` appears in the text only as one of the film's dates ("opened in France
    on 24 October 2012"): page metadata guessed from the body is then the film's, not the page's."""
    found = False
    for hit in find_dates(text):
        if hit.iso != iso:
            continue
        found = True
        starts = [text.rfind(mark, 0, hit.start) for mark in ("\n", ". ", "! ", "? ")]
        ends = [i for i in (text.find(mark, hit.end) for mark in ("\n", ". ", "! ", "? ")) if i >= 0]
        sentence = text[max(starts) + 1: min(ends, default=len(text))]
        if not _NOT_PUBLISHED.search(sentence):
            return False  # a byline or a date line states it as the page's date
    return found


def _published(doc: ClassifiedDocument, lines: list[str]) -> str | None:
    if doc.document.metadata.published:
        iso = parse_document_date(doc.document.metadata.published)
        if iso and not _film_date_in_text(iso, doc.text):
            return iso
    nonempty = [ln.strip() for ln in lines if ln.strip()]
    for i, line in enumerate(nonempty):
        if len(line) > 160 or _NOT_PUBLISHED.search(line):
            continue
        label = _PUBLISHED_LABEL.match(line)
        if label:
            rest = line[label.end():]
            if not rest.strip() and i + 1 < len(nonempty):
                rest = nonempty[i + 1]  # "Published on" with the date on the next line
            hit = _find_date(rest)
            if hit and hit[1] <= 3:
                return hit[0]
            if not re.match(r"(?i)by\b", rest):
                continue  # "Posted by X on <date>" is read as a byline below
        hit = _find_date(line)
        if hit is None:
            continue
        iso, start, end = hit
        if _BYLINE.match(line) or re.search(r"(?i)\bby\s+[A-Z]", line[end:]):
            return iso  # "By Jane Doe | May 3, 2014" or "May 3, 2014 by Jane Doe"
        # A bare date on its own line near the top is the post's date, unless a label such
        # as "Release Date:" on the line before says it is something else.
        bare = start <= 1 and _TIME_TAIL.match(line[end:]) is not None
        prev = nonempty[i - 1] if i else ""
        if bare and i < _TOP_LINES and not (prev.endswith(":") and not _PUBLISHED_LABEL.match(prev)):
            return iso
    return None


# --- author -------------------------------------------------------------------------------

_TOKEN = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]*(?:[A-Z][a-zß-öø-ÿ]+)?(?:['’-][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)*"
_PARTICLE = r"(?:de|da|di|du|del|della|des|van|von|der|den|la|le|ten|ter|bin|al)"
_PERSON = rf"(?:{_TOKEN}|[A-Z]\.)(?:\s+(?:{_TOKEN}|[A-Z]\.|{_PARTICLE})){{0,3}}\s+{_TOKEN}"
_BYLINE = re.compile(
    rf"^\W*(?P<prefix>(?i:(?:posted|written|reviewed|review|words|story|article|text)\s+)?(?i:by))"
    rf"(?P<colon>\s*:)?\s+(?P<name>{_PERSON}|{_TOKEN})(?P<rest>.*)$"
)
_BYLINE_REST = re.compile(
    rf"^\s*(?:$|[|•·/—–-]|,\s*(?:[\w ]+\s)?(?i:critic|editor|reviewer|contributor|staff|writer|correspondent)"
    rf"|,?\s*(?:on\s+|at\s+)?(?:{_WEEKDAY_RE}?{_MONTH_RE}|\d))"
)
_TRAILING_BY = re.compile(rf"\s(?i:by)\s+(?P<name>{_PERSON}|{_TOKEN})\W*$")
_AUTHOR_LABEL = re.compile(rf"^\W*(?i:author|reviewer|critic)\s*:\s*(?P<name>{_PERSON})\s*$")
_CREDIT_LABEL = re.compile(
    r"(?i)^\W*(?:directed by|produced by|music by|starring|cast\s*:|director\s*:|producers?\s*:|"
    r"screenplay|cinematography|edited by|written by|runtime|running time|rated|rating\s*:)"
)
_NOT_A_NAME = frozenset({
    "Admin", "Administrator", "Staff", "Editor", "Editors", "Guest", "Anonymous", "Unknown",
    "The", "This", "That", "Far", "Then", "Now", "Default", "Team",
})
_CALENDAR = re.compile(
    rf"{_MONTH_RE}|(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)|\d.*"
)


def _clean_name(name: str) -> str | None:
    name = name.strip(" ,|-–—")
    words = name.split()
    if not words or words[0] in _NOT_A_NAME or any(_CALENDAR.fullmatch(w.strip(".,")) for w in words):
        return None
    return name


def _in_credits_block(lines: list[str], index: int) -> bool:
    """True when the line sits among film credits ("directed by:", "starring:" ...)."""
    window = lines[max(0, index - 6): index + 7]
    others = sum(1 for i, ln in enumerate(window, start=max(0, index - 6))
                 if i != index and _CREDIT_LABEL.match(ln.strip()))
    return others >= 1


def _author(doc: ClassifiedDocument, lines: list[str]) -> str | None:
    if doc.document.metadata.author:
        return doc.document.metadata.author.strip() or None
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > 120:
            continue
        trailing = _TRAILING_BY.search(line)
        if trailing and (_PUBLISHED_LABEL.match(line) or _find_date(line)):
            name = _clean_name(trailing.group("name"))  # "Posted on May 3, 2014 by Jane Doe"
            if name:
                return name
        label = _AUTHOR_LABEL.match(line)
        if label:
            name = _clean_name(label.group("name"))
            if name:
                return name
            continue
        # An all-capitals byline ("BY JANE DOE") is read in title case.
        m = _BYLINE.match(line.title() if line.isupper() else line)
        if not m or not _BYLINE_REST.match(m.group("rest")):
            continue
        prefix = m.group("prefix").lower()
        single = " " not in m.group("name")
        if single and not prefix.startswith("posted"):
            continue  # "By Christmas, ..." - one word is a name only after "Posted by"
        # "written by: X" among "directed by:" lines credits the screenwriter, not the author.
        credit_like = bool(m.group("colon")) or prefix.startswith(("written", "story", "text"))
        if credit_like and _in_credits_block(lines, i):
            continue
        name = _clean_name(m.group("name"))
        if name:
            return name
    return None


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
    re.compile(rf"(?i:help save|donate to|support|subscribe to|welcome to)\s+(?P<name>{_NAME_SEQ})"),
    re.compile(rf"(?P<name>{_NAME_SEQ})\s+is\s+(?:a\s+|an\s+)?(?:wholly\s+)?independent"),
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
        for pattern in _SELF_REFERENCE:
            m = pattern.search(line)
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


def _wikipedia(doc: ClassifiedDocument, lines: list[str]) -> bool:
    both = list(doc.document.removed_lines) + lines
    if any(re.search(r"(?i)from wikipedia|wikipedia\.org|wikipedia, the free encyclopedia", ln)
           for ln in both):
        return True
    if doc.kind != "encyclopedia":
        return False
    first = next((ln.strip() for ln in lines if ln.strip()), "")
    if not _WIKI_FIRST.match(first):
        return False
    tail = [ln.strip() for ln in lines if ln.strip()][-12:] + list(doc.document.removed_lines)
    categories = sum(1 for ln in tail if len(ln) < 80 and _CATEGORY_LINE.match(ln))
    return categories >= 2


def _outlet(doc: ClassifiedDocument, lines: list[str]) -> str | None:
    meta = doc.document.metadata
    if meta.site_name and meta.site_name.strip():
        return meta.site_name.strip()
    domain = _domain_outlet(doc.path)
    if domain:
        return domain
    both = list(doc.document.removed_lines) + lines
    whole = "\n".join(both)
    found = _copyright_outlet(both, whole) or _self_reference_outlet(both)
    if found:
        return found
    masthead = _masthead_outlet(_headline(doc, lines))
    if masthead:
        return masthead
    if _wikipedia(doc, lines):
        return "Wikipedia"
    return None


# --- entry points -------------------------------------------------------------------------


def extract_meta(doc: ClassifiedDocument) -> DocumentMeta:
    """Outlet, author and publication date of the document (each None when nothing says)."""
    lines = doc.text.splitlines()
    return DocumentMeta(
        outlet=_outlet(doc, lines), author=_author(doc, lines), published=_published(doc, lines)
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
