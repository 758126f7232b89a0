"""Who wrote a document and when: bylines, sign-offs, date lines, datelines.

About the DOCUMENT, never the film: a "Release date:" line is the film's and is never taken as
the publication date; a credits line "written by: X" names the screenwriter, not the author.
Shared with the outlet reader in critica.extract.meta: the top zone of a page (masthead,
sections, headline, byline) and the patterns for a byline and a person's name.
"""

from __future__ import annotations

import re
import unicodedata

from critica.extract.dates import find_dates, parse_date
from critica.records import ClassifiedDocument

__all__ = [
    "BYLINE", "CREDIT_LABEL", "OUTLET_WORD", "PERSON", "clean_name", "find_author", "find_date",
    "find_published", "is_prose", "parse_document_date", "top_zone",
]

_MONTH_RE = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY_RE = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_ISO_STAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ]\d|$)")
_AMBIGUOUS_NUMERIC = re.compile(r"^(0?[1-9]|1[0-2])[/.](0?[1-9]|1[0-2])[/.]\d{4}$")


def find_date(text: str) -> tuple[str, int, int] | None:
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
    hit = find_date(text)
    return hit[0] if hit else None


# --- published ----------------------------------------------------------------------------

_NOT_PUBLISHED = re.compile(
    r"(?i)releas|premi[eè]re|in theaters|in cinemas|\bdvd\b|blu-?ray|\bopens?\b|festival|"
    r"\bborn\b|\bdied\b|\bscreen(?:ed|ing)\b|\bbox office\b"
)
# The film's own dates: a byline or a "Published" label cannot outweigh these words on its line.
_FILM_DATE_WORDS = re.compile(
    r"(?i)releas|premi[eè]re|in theaters|in cinemas|\bopens?\b|\bopened\b|\bborn\b|\bdied\b|"
    r"\bbox office\b|\bout (?:now|on)\b"
)
_PUBLISHED_LABEL = re.compile(
    r"(?i)^\W*(?:(?:first\s+|last\s+)?(?:posted|published|updated|dated?|filed|issued)|date)\b"
    r"\s*(?:on|:)?\s*"
)
# What may stand between a label and its date: a time, a zone, a weekday ("10:15 GMT, Monday").
_DATE_LEAD = re.compile(
    rf"^[\s,|@]*(?:at\s+)?(?:\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{{2,4}})?[\s,|]*)?"
    rf"{_WEEKDAY_RE}?"
)
_TIME_TAIL = re.compile(r"(?i)^[\s,|@at]*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*(?:[A-Z]{2,4})?\W*$")
# "LONDON, 3 May 2017 — ..." / "VENICE (Reuters) 2 Sept 2018 -": a news dateline.
_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’ -]{1,30}[A-Z.])(?:\s*\([^)\n]{1,30}\))?\s*[,:]?\s+"
    r"(?P<date>[^—–\n]{5,32}?)\s*(?:[—–]|--?\s)"
)
# "Entertainment Desk | August 2, 2019": a short top line ending in a date after a separator.
_SEPARATED_DATE = re.compile(r"\s[|•·—–-]\s*$|,\s*$")
_TOP_LINES = 15


def _date_after_label(rest: str) -> str | None:
    """The date a label introduces, when nothing but a time or weekday comes before it."""
    lead = _DATE_LEAD.match(rest)
    offset = lead.end() if lead else 0
    hit = find_date(rest[offset:])
    return hit[0] if hit and hit[1] <= 3 else None


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


_ANY_YEAR = re.compile(r"(?:18|19|20)\d\d")


def _line_date(line: str, index: int, prev: str) -> str | None:
    """The publication date one line states, or None."""
    if not _ANY_YEAR.search(line):
        return None  # every date find_date reads has a year (speed only)
    dateline = _DATELINE.match(line)
    if dateline and index < _TOP_LINES:
        hit = find_date(dateline.group("date"))
        if hit and not dateline.group("date")[: hit[1]].strip(" ,"):
            return hit[0]  # the date a news agency's dateline carries
    if len(line) > 160:
        return None
    bylined = bool(BYLINE.match(line)) or bool(re.search(r"(?i)\bby\s+\S", line))
    label = _PUBLISHED_LABEL.match(line)
    # "festival", "DVD" on a byline line name the section ("Venice Festival | By X | date");
    # a release or premiere word names the film's date whatever else the line says.
    if _FILM_DATE_WORDS.search(line) or (_NOT_PUBLISHED.search(line) and not (bylined or label)):
        return None
    if label:
        rest = line[label.end():]
        iso = _date_after_label(rest)
        if iso:
            return iso
        if not re.match(r"(?i)by\b", rest):
            return None  # "Posted by X on <date>" is read as a byline below
    hit = find_date(line)
    if hit is None:
        return None
    iso, start, end = hit
    if BYLINE.match(line) or re.search(r"(?i)\bby\s+[A-Za-z]", line[end:]):
        return iso  # "By Jane Doe | May 3, 2014" or "May 3, 2014 by Jane Doe"
    tail_ok = _TIME_TAIL.match(line[end:]) is not None
    if index >= _TOP_LINES or not tail_ok:
        return None
    # A bare date on its own line near the top is the post's date, unless a label such
    # as "Release Date:" on the line before says it is something else.
    lead = _DATE_LEAD.match(line)
    if start <= max(1, lead.end() if lead else 0):
        if not (prev.endswith(":") and not _PUBLISHED_LABEL.match(prev)):
            return iso
        return None
    # "Entertainment Desk | August 2, 2019": a short line that ends in a date.
    if len(line) <= 70 and _SEPARATED_DATE.search(line[:start]):
        return iso
    return None


def find_published(doc: ClassifiedDocument, lines: list[str]) -> str | None:
    if doc.document.metadata.published:
        iso = parse_document_date(doc.document.metadata.published)
        if iso and not _film_date_in_text(iso, doc.text):
            return iso
    nonempty = [ln.strip() for ln in lines if ln.strip()]
    for i, line in enumerate(nonempty):
        label = _PUBLISHED_LABEL.match(line)
        if label and not line[label.end():].strip() and i + 1 < len(nonempty):
            line = line + " " + nonempty[i + 1]  # "Published on" with the date on the next line
        iso = _line_date(line, i, nonempty[i - 1] if i else "")
        if iso:
            return iso
    # A date signed at the very end ("— Jane Doe, Film Critic\nSaturday 9 October 2021").
    for j, line in enumerate(nonempty[-3:]):
        hit = find_date(line)
        if hit and hit[1] <= 1 and _TIME_TAIL.match(line[hit[2]:]) and len(nonempty) > _TOP_LINES:
            before = nonempty[-3:][j - 1] if j else ""
            if _SIGN_OFF.match(before):
                return hit[0]
    return None


# --- author -------------------------------------------------------------------------------

_TOKEN = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]*(?:[A-Z][a-zß-öø-ÿ]+)?(?:['’-][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+)*"
_PARTICLE = r"(?:de|da|di|du|del|della|des|van|von|der|den|la|le|ten|ter|bin|al|ní|nic|mac)"
PERSON = rf"(?:{_TOKEN}|[A-Z]\.)(?:\s+(?:{_TOKEN}|[A-Z]\.|{_PARTICLE})){{0,3}}\s+{_TOKEN}"
_HANDLE = r"[a-z][a-z0-9_.]{2,29}"  # "marnie_h": a blog account name, only after "Posted by"
BYLINE = re.compile(
    rf"^\W*(?P<prefix>(?i:(?:posted|written|reviewed|review|words|story|article|text|filed|"
    rf"reporting|report)\s+)?(?i:by))"
    rf"(?P<colon>\s*:)?\s+(?P<name>{PERSON}|{_TOKEN}|{_HANDLE})(?P<rest>.*)$"
)
_ROLE = (r"(?i:(?:senior|chief|lead|contributing|staff|guest|film|movie|tv|associate|deputy|"
         r"managing|features?|arts|culture|entertainment|special|our|\w+)\s+)*(?i:critic|reviewer|"
         r"writer|editor|correspondent|contributor|reporter|columnist|blogger)s?")
_BYLINE_REST = re.compile(
    rf"^\s*(?:$|[|•·/—–;-]|,\s*(?:[\w ]+\s)?(?i:critic|editor|reviewer|contributor|staff|writer|"
    rf"correspondent|reporter|columnist)"
    rf"|,?\s*(?:on\s+|at\s+)?(?:{_WEEKDAY_RE}?{_MONTH_RE}|\d))"
)
_TRAILING_BY = re.compile(rf"\s(?i:by)\s+(?P<name>{PERSON}|{_TOKEN}|{_HANDLE})\W*$")
_AUTHOR_LABEL = re.compile(
    rf"^\W*(?i:author|reviewer|critic|words|text|review(?:ed)? by|byline)\s*:\s*"
    rf"(?P<name>{PERSON})\s*(?:$|[|•·,—–-])"
)
# "Dana Whitfield | Staff Writer", "Priya Lal, Entertainment Correspondent"
_NAME_ROLE = re.compile(rf"^\W*(?!(?i:by)\s)(?P<name>{PERSON})\s*[|•·,—–-]\s*{_ROLE}\b")
# A sign-off under the text: "— Marguerite Delacroix-Byrne, Film Critic", "– Kez", "Jess x".
_SIGN_OFF = re.compile(
    rf"^(?:(?P<dash>[—–-]+)\s*)?(?P<name>{PERSON}|{_TOKEN})(?:\s*,\s*{_ROLE})?"
    rf"(?P<kiss>\s+x+o*)?\s*$"
)
_REMOVED_BYLINE = re.compile(
    rf"^\W*(?i:reporting by|words by|review(?:ed)? by|author\s*:)\s*(?P<name>{PERSON})\s*(?:$|[;|,])"
)
# "Thanks for reading! See you next week. Jess x": a sign-off run into the last paragraph.
_KISS_TAIL = re.compile(rf"[.!?]\s+(?P<name>{_TOKEN})\s+x+o*\s*$")
# "Kwabena Osei is a freelance film critic based in Leeds." under the text
_BIO_LINE = re.compile(
    rf"^(?P<name>{PERSON}) (?:is|was|writes) (?:a|an|the|about|for) (?:[\w-]+ ){{0,4}}(?:critic|writer|"
    r"journalist|reviewer|editor|contributor|blogger|columnist|film-?maker|programmer)s?\b"
)
# "Aoife Dunne\nFollow\n7 min read": a blogging platform's author box
_FOLLOW_LINE = re.compile(r"(?i)^(?:follow|subscribe|\d+\s*min(?:ute)?s? read\b.*)$")
_VALEDICTION = re.compile(
    r"(?i)\b(?:thanks? (?:for|you for) reading|see you (?:next|soon|tomorrow)|until next time|"
    r"happy (?:watching|viewing)|cheers|take care|love|ciao|best wishes|signing off|"
    r"till next time|over and out)\b"
)
CREDIT_LABEL = re.compile(
    r"(?i)^\W*(?:directed by|produced by|music by|starring|cast\s*:|director\s*:|producers?\s*:|"
    r"screenplay|cinematography|edited by|written by|runtime|running time|rated|rating\s*:)"
)
_NOT_A_NAME = frozenset({
    "Admin", "Administrator", "Staff", "Editor", "Editors", "Guest", "Anonymous", "Unknown",
    "The", "This", "That", "Far", "Then", "Now", "Default", "Team", "Film", "Rating", "Verdict",
    "Related", "Share", "Comments", "Reply", "Thanks", "Cheers", "Home", "Next", "Previous",
})
_CALENDAR = re.compile(
    rf"{_MONTH_RE}|(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?)|\d.*"
)


def clean_name(name: str) -> str | None:
    name = name.strip(" ,|-–—")
    words = name.split()
    if not words or words[0] in _NOT_A_NAME or any(_CALENDAR.fullmatch(w.strip(".,")) for w in words):
        return None
    return name


def _in_credits_block(lines: list[str], index: int) -> bool:
    """True when the line sits among film credits ("directed by:", "starring:" ...)."""
    window = lines[max(0, index - 6): index + 7]
    others = sum(1 for i, ln in enumerate(window, start=max(0, index - 6))
                 if i != index and CREDIT_LABEL.match(ln.strip()))
    return others >= 1


def _uncapitalised(line: str) -> str:
    """"by SAM O'NEILL-GRAY" -> "by Sam O'Neill-Gray": capital words read in title case."""
    return re.sub(r"\b[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+\b", lambda m: m.group(0).title(), line)


_TRAILING_ROLE = re.compile(
    r"(?:\s+[A-Z][a-z]+)?\s+(?:Writer|Critic|Editor|Correspondent|Reporter|Columnist|Contributor|"
    r"Reviewer)s?$"
)


def _without_role(name: str) -> str:
    """"Jane Moss Associated Writer" -> "Jane Moss" (a role run on without a comma)."""
    m = _TRAILING_ROLE.search(name)
    if not m:
        return name
    rest = name[: m.start()]
    if len(rest.split()) < 2:  # "Jane Moss Critic": only the role word goes
        rest = re.sub(r"\s+\S+$", "", name)
    return rest if len(rest.split()) >= 2 else name


def _byline_author(lines: list[str], i: int, line: str) -> str | None:
    """The author a "By X" line names, or None."""
    # An all-capitals byline ("BY JANE DOE", "by SAM O'NEILL") is read in title case.
    m = BYLINE.match(_uncapitalised(line))
    if not m or not _BYLINE_REST.match(m.group("rest")):
        return None
    prefix = m.group("prefix").lower()
    name = m.group("name")
    if re.fullmatch(_HANDLE, name) and not prefix.startswith("posted"):
        return None  # a lower-case handle is an author only on a blog's "Posted by" line
    if " " not in name and not prefix.startswith(("posted", "filed")):
        return None  # "By Christmas, ..." - one word is a name only after "Posted by"
    # "written by: X" among "directed by:" lines credits the screenwriter, not the author.
    credit_like = bool(m.group("colon")) or prefix.startswith(("written", "story", "text"))
    if credit_like and _in_credits_block(lines, i):
        return None
    return clean_name(_without_role(name))


def _sign_off_author(nonempty: list[str], body: str) -> str | None:
    """The name signed under the text: a dash, a role or a valediction before it says so."""
    tail = nonempty[-5:]
    kiss = _KISS_TAIL.search(tail[-1])
    if kiss and _VALEDICTION.search(tail[-1]):
        return clean_name(kiss.group("name"))
    for j in range(len(tail) - 1, -1, -1):
        line = tail[j]
        m = _SIGN_OFF.match(line)
        if not m:
            continue
        name = m.group("name")
        before = tail[j - 1] if j else ""
        several = " " in name
        signed = bool(m.group("dash") or m.group("kiss") or _VALEDICTION.search(before))
        has_role = "," in line
        if not (signed or (several and has_role)):
            continue
        if several and not signed and body.count(name) > 1:
            continue  # a name the text talks about is not a signature
        cleaned = clean_name(name)
        if cleaned:
            return cleaned
    return None


def find_author(doc: ClassifiedDocument, lines: list[str]) -> str | None:
    if doc.document.metadata.author:
        return unicodedata.normalize("NFC", doc.document.metadata.author.strip()) or None
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or len(line) > 120:
            continue
        trailing = _TRAILING_BY.search(line)
        if trailing and (_PUBLISHED_LABEL.match(line) or find_date(line)):
            name = clean_name(trailing.group("name"))  # "Posted on May 3, 2014 by Jane Doe"
            if name and (not re.fullmatch(_HANDLE, name) or re.match(r"(?i)\W*posted", line)):
                return name
        label = _AUTHOR_LABEL.match(line)
        if label:
            name = clean_name(label.group("name"))
            if name:
                return name
            continue
        role = _NAME_ROLE.match(line)
        if role and i < 40:
            name = clean_name(role.group("name"))
            if name:
                return name
        name = _byline_author(lines, i, line)
        if name:
            return name
    # A byline the clean stage took for furniture ("Reporting by X" under a news story).
    for line in doc.document.removed_lines:
        m = _REMOVED_BYLINE.match(line.strip()) or (
            _KISS_TAIL.search(line) if _VALEDICTION.search(line) else None)
        if m and clean_name(m.group("name")):
            return clean_name(m.group("name"))
    nonempty = [ln.strip() for ln in lines if ln.strip()]
    removed = [ln.strip() for ln in doc.document.removed_lines if ln.strip()]
    for i, line in enumerate(nonempty[:12]):
        if (re.fullmatch(PERSON, line) and i + 1 < len(nonempty)
                and _FOLLOW_LINE.match(nonempty[i + 1])):
            return clean_name(line)
    for line in nonempty[-5:] + removed[-5:]:
        bio = _BIO_LINE.match(line)
        if bio and clean_name(bio.group("name")):
            return clean_name(bio.group("name"))
    body = "\n".join(lines)
    return _bare_byline(lines) or (
        _sign_off_author(nonempty, body) if len(nonempty) >= 3 else None) or (
        _sign_off_author(removed, body) if len(removed) >= 2 else None)


def _bare_byline(lines: list[str]) -> str | None:
    """A name alone on the line above the first paragraph, under a headline or a date
    ("Seabirds and secrets on a windswept rock\nDeirdre Malloy\nGannet Island is ..."), that
    the article never mentions: the people a review talks about are named in its text."""
    zone = top_zone(lines)
    if len(zone) < 2 or len(zone) == len([ln for ln in lines if ln.strip()]):
        return None
    name = zone[-1]
    if not re.fullmatch(PERSON, name) or name.split()[0] in ("The", "A", "An"):
        return None
    body = "\n".join(ln for ln in lines if ln.strip() and ln.strip() not in zone)
    surname = name.split()[-1]
    if surname in body or OUTLET_WORD.search(name):
        return None
    return clean_name(name)


# Words a publication's name is made of: a person's name has none of them.
OUTLET_WORD = re.compile(
    r"(?i)\b(?:times|gazette|post|daily|weekly|monthly|quarterly|annual|yearbook|year|bulletin|"
    r"journal|review|observer|ledger|courier|herald|tribune|chronicle|clarion|mail|express|"
    r"standard|guardian|independent|telegraph|star|sun|mirror|echo|record|press|news|magazine|"
    r"digest|wiki|pedia|diaries|diary|notebook|corner|club|blog|reels?|screen|cinema|"
    r"cine|film|movies?|discs?|dvd|blu-?ray|uk|us|online|hub|central|world|network|zine|"
    r"report|dispatch|insider|spotlight|column|cafe|café|lounge|society|weekend|digital)\b|\.com\b"
)
_PROSE_END = re.compile(r"[.!?…]\W*$")


def is_prose(line: str) -> bool:
    """True for a line of running text (a paragraph), not a headline, byline or label."""
    words = line.split()
    return len(words) >= 14 or (len(words) >= 7 and bool(_PROSE_END.search(line)))


def top_zone(lines: list[str]) -> list[str]:
    """The short lines above the first paragraph: masthead, sections, headline, byline."""
    zone: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if is_prose(line) or len(zone) >= 10:
            break
        zone.append(line)
    return zone
