"""Titles read from headline lines and HTML page titles.

Each shape a real site prints a review headline in is one pattern below; the title is the
quoted part or the leading part, never the subtitle ("'X' Examines ...", "X: the best film of
the year"). A year printed with the title ("X (2012)") is attached to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from critica.identify.normalize import is_title_cased, word_set

_Q_OPEN = "\"'‘“«"
_Q_CLOSE = "\"'’”»"
_DASH = r"[-–—|:]"
# "4K Blu-ray Review", "DVD & Blu-ray review": media words may stack.
_MEDIA = r"(?:(?:film|movie|dvd|blu-?ray|4k|uhd|ultra\s+hd|tv|theatrical|&|/)\s*)*"
_YEAR = r"(?:\s*[\(\[](?P<year>(?:19|20)\d{2})[\)\]])?"

# Labels of "Key: value" lines: a colon headline whose left part is one of these is a field.
FIELD_LABELS = word_set(
    (
        "title, original title, film, movie, director, directors, directed by, cast, starring, "
        "stars, writer, writers, written by, screenplay, producer, producers, produced by, music, "
        "composer, genre, runtime, running time, release date, release dates, released, rated, "
        "rating, mpaa, certificate, country, countries, language, languages, studio, distributor, "
        "budget, box office, awards, published, posted by, author, review, reviewed by, verdict, "
        "our rating, score, aka, also known as, format, region, discs, audio, subtitles, extras, "
        "special features, aspect ratio, favourite scene, favourite quote, did you know, earned, "
        "cinematography, editor, editing, u.s. release date, uk release date, year, date, "
        "voices, voice cast, featuring, with, music by, story by, edited by, photographed by, "
        "production company, production companies, distributed by, running, based on"
    ),
    sep=",",
)
_FIELD_WORDS = frozenset(" ".join(FIELD_LABELS).split())
# Page furniture that takes a "Label: value" shape ("Posted in: Reviews", "Filed under: News").
_LABEL_FURNITURE = word_set(
    "posted filed tagged categories category published updated share follow read more reviews "
    "review news film films movies features home archive archives blog"
)


# "The 20 Best Documentaries of 2017", "Top 10 Thrillers", "Best Films of the Decade": a list's
# heading names the list, never a film; its entries are the candidates.
_LIST_HEADING = re.compile(
    r"^(?:the\s+)?(?:(?:top\s+)?\d+\s+(?:best|greatest|worst|most|essential|favou?rite)\b|"
    r"top\s+\d+\b|(?:best|greatest|worst)\s+(?:[\w-]+\s+){1,3}of\s+(?:the\s+)?"
    r"(?:year|decade|century|(?:19|20)\d{2}s?)\b)", re.I)


def is_list_heading(line: str) -> bool:
    """Whether a line heads a ranked list ("The 20 Best Documentaries of 2017"); a heading
    followed by its entry ("Top 365 Films – #358 – X (2012)") is the entry's line."""
    text = line.strip().lstrip("#* ")
    return bool(_LIST_HEADING.match(text)) and not re.search(r"\s[–—|-]\s", text)


def list_heading_year(line: str) -> int | None:
    """The year a list heading is about ("... of 2017"): its entries' year, a weak hint."""
    found = re.search(r"\b(?:of|in)\s+((?:19|20)\d{2})\b", line) if is_list_heading(line) else None
    return int(found.group(1)) if found else None


# "4. The Salt Choir (Nell Whitaker)", "#12 – Undertow": one entry of a ranked list.
RANKED_ENTRY = re.compile(
    r"^(?:#|[Nn]o\.?\s*)?(?P<rank>\d{1,4})\s*[.:)–—\-]\s*(?P<title>[^()\n]{1,90}?)"
    r"(?:\s*\((?P<paren>[^()\n]{1,60})\))?\s*$")


@dataclass(frozen=True)
class HeadlineTitle:
    """A title read from one headline, with the shape that matched it."""

    title: str
    year: int | None
    shape: str
    strength: float  # 1.0 for explicit review shapes, lower for looser ones


def _year(match: re.Match[str]) -> int | None:
    value = match.groupdict().get("year")
    return int(value) if value else None


_SHAPES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    # "Rust and Bone movie review & film summary (2012)"
    ("review_summary", 1.0, re.compile(
        rf"^(?P<title>.+?)\s+movie\s+review(?:\s*&\s*film\s+summary)?{_YEAR}\s*$", re.I)),
    # "‘Rust and Bone’ review – a tender melodrama"
    ("quoted_review", 1.0, re.compile(
        rf"^[{_Q_OPEN}](?P<title>.+?)[{_Q_CLOSE}]{_YEAR}\s+{_MEDIA}review\b.*$", re.I)),
    # "Review: Rust and Bone", "Film Review: ...", "REVIEW | ..."
    ("review_prefix", 1.0, re.compile(
        rf"^(?:(?:film|movie|dvd|blu-?ray|4k|theatrical|cannes|tiff|sundance|lff)\s+)?"
        rf"reviews?\s*{_DASH}\s*(?P<title>.+?){_YEAR}\s*$", re.I)),
    # "Rust and Bone Review", "Rust and Bone (2012) Blu-ray Review", "X review – subtitle"
    ("review_suffix", 1.0, re.compile(
        rf"^(?P<title>.+?){_YEAR}\s*{_DASH}?\s*{_MEDIA}review(?:\s*{_DASH}\s*.*)?$", re.I)),
    # "Top 365 Films – #358 – Rust and Bone (2012)"
    ("list_entry", 1.0, re.compile(
        rf"^(?:the\s+)?(?:top|best)\s+\d+\b[^–—\-|]*?\s*[–—\-|]\s*(?:#?\d+\s*[.:)–—\-|]\s*)?"
        rf"(?P<title>.+?){_YEAR}\s*$", re.I)),
    # "#358 – Rust and Bone (2012)", "358. Rust and Bone (2012)": a year is required here
    ("ranked", 0.9, re.compile(
        r"^(?:#|no\.?\s*)?\d{1,4}\s*[.:)–—\-]\s*(?P<title>.+?)\s*\((?P<year>(?:19|20)\d{2})\)\s*$",
        re.I)),
    # "'Rust and Bone' Examines the Corrosion ...": the quoted lead is the title
    ("quoted_lead", 0.9, re.compile(
        rf"^[{_Q_OPEN}](?P<title>.+?)[{_Q_CLOSE}]{_YEAR}(?=[\s:,;–—\-])\s*\S.*$")),
    # "Rust and Bone (2012)"
    ("title_year", 0.9, re.compile(
        r"^(?P<title>[^()]+?)\s*[\(\[](?P<year>(?:19|20)\d{2})[\)\]]\s*$")),
    # "Catching up: The Lamplighter", "Now streaming: X": a lower-case label, then the title
    ("label_lead", 0.8, re.compile(
        r"^(?P<label>[A-Z][a-z]+(?:\s+[a-z]+){1,3})\s*:\s*(?P<title>[A-Z0-9\"'‘“].{0,80}?){_YEAR}\s*$"
        .replace("{_YEAR}", _YEAR))),
    # "Rust and Bone: the best film of the year", "Rust and Bone – a tender melodrama"
    ("colon_lead", 0.7, re.compile(
        r"^(?P<title>[^:–—|]+?)\s*(?::|\s[–—|-]\s)\s*(?P<rest>.+)$")),
)

# a date in a headline part: "Monday 2 November 2015", "Sat 18 Feb 2023"
_DATEISH = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?\s+\d|"
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}\b",
    re.I)
# "USA 1972", "France, 2019": a credit row's country and year, not a title
_PLACE_YEAR = re.compile(r"^[A-Z][\w.]*(?:[\s,/]+[A-Z][\w.]*){0,2},?\s+(?:19|20)\d{2}$")

# "Thread: X", "Re: X": a forum's or mail's label before the subject
_THREAD_LABELS = frozenset({"thread", "topic", "subject", "re", "fwd", "discussion",
                            "official discussion", "discussion thread", "megathread",
                            "official discussion thread", "review thread"})
# words of a site's menu ("4K Ultra HD Reviews", "New Releases"): never a film title alone
_NAV_WORDS = word_set(
    "4k ultra hd uhd blu-ray bluray dvd reviews review new releases release forums forum news "
    "home features interviews lists videos podcasts festivals awards box office trailers")
_NAME_WORD = r"[A-Z][\w'’.-]+"
_PERSON_ON = re.compile(
    rf"^(?:[{_Q_OPEN}][^\n]{{3,160}}?[{_Q_CLOSE}]\s*[:–—-]\s*)?"
    rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}\s+on\s+(?:(?:his|her|their|the\s+making\s+of)\s+)?"
    rf"(?P<title>[A-Z0-9].{{0,80}}?){_YEAR}\s*$")

_AD_CUES = re.compile(
    r"\b(?:buy|order|pre-?order|shop|available|out now|on sale|subscribe|sponsored|"
    r"advertisement|amazon|donate|newsletter|sign up|giveaway|win\b)", re.I
)


def clean_title(raw: str) -> str:
    """Trim quotes, trailing punctuation and media words from a title as printed."""
    title = raw.strip()
    title = re.sub(r"\s+", " ", title)
    if len(title) > 2 and title[0] in _Q_OPEN and title[-1] in _Q_CLOSE:
        title = title[1:-1].strip()
    title = re.sub(r"(?:\s+(?:on\s+)?(?:dvd|blu-?ray|4k|uhd|ultra\s+hd|&|[\(\[](?:dvd|blu-?ray|4k|uhd)[\)\]]))+$",
                   "", title, flags=re.I)
    title = re.sub(r"\s*[\(\[](?:19|20)\d{2}[\)\]]\s*$", "", title)
    title = title.strip(" \t.,;:!?|–—-")
    # a guide's or index's inverted form: "Ninth Tollgate, The" is "The Ninth Tollgate"
    inverted = _INVERTED_ARTICLE.match(title)
    if inverted:
        title = f"{inverted.group('article')} {inverted.group('rest')}"
    return title


_INVERTED_ARTICLE = re.compile(r"^(?P<rest>[^,]{2,80}?),\s+(?P<article>The|A|An)$")
# "SUNDANCE REVIEW", "DVD Review", "Festival review": a section's label, never a film's title
_SECTION_WORDS = word_set(
    "sundance cannes venice berlin berlinale toronto tiff sxsw tribeca locarno telluride lff "
    "rotterdam karlovy vary annecy fantasia fantastic fest festival film movie cinema dvd "
    "blu-ray bluray 4k uhd theatrical streaming netflix capsule short weekend critics staff "
    "new latest our the guest second opinion home video austin park city london new york "
    "busan san sebastian nyff afi palm springs sitges edinburgh sydney melbourne")
_NAV_SEPARATORS = re.compile(r"\s[|·•]\s|\]\s*\[|\s[>»]\s")


def is_nav_line(line: str) -> bool:
    """Whether a line is a site's menu or breadcrumb (short cells between separators):
    "Reviews | Festivals | Box Office", "[Home] [New Releases]", "Festivals > Locarno 2016"."""
    if len(line) > 160 or line.rstrip()[-1:] in ".!?":
        return False
    cells = [c for c in re.split(r"\s[|·•>»]\s|\]\s*\[|^\[|\]$", line.strip()) if c.strip()]
    if len(cells) < 2 or any(len(c.split()) > 5 for c in cells):
        return False
    return bool(re.search(r"\s[>»]\s", line)) or len(_NAV_SEPARATORS.findall(line)) >= 2


_CREDIT_LABEL = re.compile(r"^(?:dir|scr|prod|wri|ph|ed|mus|cin|cast|exec|dop|des)\.?"
                           r"(?:\s*[/,&]\s*(?:dir|scr|prod|wri|ph|ed|mus|cin|dop|des)\.?)*$", re.I)


def _section_label(text: str) -> bool:
    words = text.replace("/", " ").split()
    return bool(words) and all(w.casefold().strip(".,") in _SECTION_WORDS for w in words)


# "Case Number 31907: Ninety Acres (DVD)", "Issue #88: X": a numbered label, then the title
_NUMBERED_LABEL = re.compile(
    r"^(?:case|issue|entry|episode|review|no\.?|number)(?:\s+number)?\s*#?\s*\d{1,6}\s*[:–—-]\s*"
    r"(?P<title>[A-Z0-9\"'‘“].{0,80}?)\s*$", re.I)
_QUOTED_INSIDE = re.compile(rf"[{_Q_OPEN}](?P<title>[A-Z0-9][^{_Q_CLOSE}\n]{{0,80}}?)[,.]?[{_Q_CLOSE}]")


def _quoted_inside(title: str) -> str | None:
    """"In 'Snow on the Tongue,' a Norwegian family thaws": a sentence-like headline names
    its film in quotes."""
    if len(title.split()) < 6:
        return None
    match = _QUOTED_INSIDE.search(title)
    if match is None:
        return None
    inner = match.group("title").strip().rstrip(",.")
    return inner if 1 <= len(inner.split()) <= 10 and is_title_cased(inner) else None


_QUOTED_HEAD = re.compile(rf"^[{_Q_OPEN}](?P<title>[^{_Q_CLOSE}]{{1,80}}?)[{_Q_CLOSE}](?=\s+\S)")


def _quoted_head(text: str) -> str | None:
    """The quoted title a headline opens with, when words follow it ("'X' smoulders ...")."""
    match = _QUOTED_HEAD.match(text)
    if match is None:
        return None
    inner = match.group("title").strip()
    return inner if inner and (inner[0].isupper() or inner[0].isdigit()) else None


def _plausible(title: str) -> bool:
    words = title.split()
    if not title or not 1 <= len(words) <= 12 or len(title) > 100:
        return False
    if not any(ch.isalpha() for ch in title):
        return False
    return title[0].isupper() or title[0].isdigit() or title[0] in _Q_OPEN


def _sentence_case_title(title: str) -> bool:
    # "Le Port de minuit (2019)": many languages capitalise only the first word of a title
    words = title.split()
    return len(words) <= 6 and title[0].isupper() and not any(ch in title for ch in ".,;!?")


_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
_NAMES_LIST = re.compile(rf"^{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})+\.?$")


def _names_list(text: str) -> bool:
    """"Nora Quill, Idris Vane and Ed Pike": two or more names and nothing else."""
    return bool(_NAMES_LIST.match(text.strip()))


def _is_field_label(text: str) -> bool:
    label = text.strip().rstrip(":").casefold()
    return label in FIELD_LABELS or all(word in _FIELD_WORDS for word in label.split())


def parse_headline(line: str) -> HeadlineTitle | None:
    """The title a headline line names, or None when the line has no headline shape."""
    text = line.strip()
    if not text or len(text) > 160 or _AD_CUES.search(text) or is_list_heading(text):
        return None
    person_on = _PERSON_ON.match(text)
    if person_on is not None:
        # "'I wanted the map to be the love story': Imogen Raskell on The Cartographer's Daughter"
        title = clean_title(person_on.group("title"))
        if _plausible(title) and is_title_cased(title):
            return HeadlineTitle(title, _year(person_on), "person_on", 0.8)
    numbered = _NUMBERED_LABEL.match(text)
    if numbered is not None:
        raw = numbered.group("title").strip()
        # 'Episode 112: "Burn the Ledger" + Mailbag': the quoted part is the title
        title = _quoted_head(raw) or clean_title(
            re.sub(r"\s*\((?:dvd|blu-?ray|4k|uhd)\)\s*$", "", raw, flags=re.I))
        if _plausible(title) and is_title_cased(title):
            return HeadlineTitle(title, None, "numbered_label", 0.9)
    for shape, strength, pattern in _SHAPES:
        match = pattern.match(text)
        if match is None:
            continue
        if shape == "quoted_lead" and not (is_title_cased(match.group("title"))
                                           or _sentence_case_title(match.group("title"))):
            continue  # a quoted remark ("'I wanted the map to be the love story': ...")
        if shape == "colon_lead":
            label = match.group("title").strip()
            if label.casefold() in _THREAD_LABELS:
                # "Thread: X (1972) - anyone ...", "Official Discussion - Ironveil: Part II
                # [SPOILERS]": the subject after the forum's label
                subject = re.sub(r"\s*[\[(](?:spoilers?|no spoilers|discussion|megathread)[\])]",
                                 "", match.group("rest"), flags=re.I).strip()
                thread = parse_headline(subject)
                if thread is None and _plausible(subject) and is_title_cased(subject):
                    thread = HeadlineTitle(clean_title(subject), None, "thread", 0.9)
                return thread
            if _CREDIT_LABEL.match(label):
                return None  # "Dir/scr: Marisol Ybarra. US. 2020. 88mins"
            if is_nav_line(match.group("rest")):
                return None  # "DVD JURY — Reviews · Contests · Forum": a masthead and its menu
            if _section_label(label):
                # "Sundance: Kittiwake Films Nabs Rights to Norwegian Drama 'Snow on the Tongue'"
                inside = _QUOTED_INSIDE.search(match.group("rest"))
                inner = inside.group("title").strip().rstrip(",.") if inside else ""
                if inner and is_title_cased(inner) and len(inner.split()) <= 10:
                    return HeadlineTitle(inner, None, "section_quoted", 0.9)
                return None
            if text.count(" | ") >= 2 or all(w.casefold() in _NAV_WORDS for w in label.split()):
                return None  # "4K Ultra HD Reviews | Blu-ray Reviews | Forums": a menu
            if _is_field_label(match.group("title")) or _DATEISH.search(match.group("title")):
                return None
            rest = match.group("rest").strip()
            if _DATEISH.search(rest) and len(rest.split()) <= 5 or _PLACE_YEAR.match(
                    match.group("title").strip()):
                return None  # "Interviews | Monday 2 November 2015", "USA 1972 | Dir. X"
            quoted = _quoted_head(rest)
            if quoted is not None and not _quoted_head(text):
                # "LOCAL BOX OFFICE: 'UNDERTOW' CATCHES A WAVE": the label is the section's,
                # the quoted title the story's
                return HeadlineTitle(quoted, None, "section_quoted", 0.9)
            if _names_list(rest):
                return None  # "Voices: Nora Quill, Idris Vane" is a credit line
            # "X: the best film of the year" but not "Director: Jacques Audiard"
            dated = re.search(r"[\(\[](?:19|20)\d{2}[\)\]]\s*$", match.group("title"))
            if not rest or not (dated or rest[0].islower() or rest[0] in _Q_OPEN
                                or len(rest.split()) >= 4):
                continue
        year = _year(match)
        if shape == "colon_lead":
            # "Night of the Living Dead (1968): Midnight Archive Edition"
            inner = re.search(r"[\(\[]((?:19|20)\d{2})[\)\]]\s*$", match.group("title"))
            year = int(inner.group(1)) if inner else None
        title = clean_title(match.group("title"))
        if shape == "quoted_review" or shape == "quoted_lead":
            title = match.group("title").strip()
        else:
            # "Review: 'Embers' smoulders, then catches": the quoted part is the title
            title = _quoted_head(match.group("title").strip()) or title
        if not _plausible(title) or _is_field_label(title):
            continue
        if shape in ("review_suffix", "review_prefix") and _section_label(title):
            continue  # "SUNDANCE REVIEW": the festival's section, not the film
        if shape in ("review_suffix", "review_prefix") and ":" in title:
            head, _, tail = title.partition(":")
            if _section_label(tail) and _plausible(head.strip()):
                title = head.strip()  # "Long Division: Austin Review" (a trade's festival tag)
        if shape in ("review_prefix", "review_suffix", "colon_lead"):
            title = _quoted_inside(title) or title
        if shape in ("title_year", "colon_lead", "label_lead") and not (
                is_title_cased(title) or _sentence_case_title(title)):
            continue  # "Toronto diary, day five: ..." is a column's name, not a film's
        if shape == "label_lead" and (
                _is_field_label(match.group("label")) or len(title.split()) > 8
                or match.group("label").split()[0].lower() in _LABEL_FURNITURE
                or all(w.lower() in _LABEL_FURNITURE for w in title.split())):
            continue  # "Posted in: Reviews"
        return HeadlineTitle(title, year, shape, strength)
    return None


def split_page_title(page_title: str, site_name: str | None = None) -> str:
    """The part of an HTML <title> that is the headline: "X review | Film | Outlet" -> "X review"."""
    text = re.sub(r"\s+", " ", page_title).strip()
    parts = [p.strip() for p in re.split(r"\s+[|·•»]\s+|\s+[-–—]\s+|\s+::\s+", text) if p.strip()]
    if site_name:
        site = site_name.casefold()
        parts = [p for p in parts if p.casefold() != site] or parts
    if not parts:
        return ""
    for part in parts:
        if parse_headline(part) is not None and part.casefold() != "review":
            return part
    # Review headlines with a dash subtitle ("X review – a tender melodrama") were split above.
    return parts[0]
