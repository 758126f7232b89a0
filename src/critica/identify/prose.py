"""Low-weight title evidence from the body text: quoted titles, "X (2012)", repeated phrases.

Reviews mention other films all the time ("Audiard's last two films, A Prophet or ...",
"the Dardennes (“The Kid with the Bike”)"), so every body mention is weighed by its context:
a title introduced as an earlier, similar or other work counts for a fraction of a plain one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from critica.identify.normalize import SMALL_WORDS, is_title_cased, word_set

CONTEXT_CHARS = 70

# Words that introduce a film other than the one the document is about.
_PASSING_CUES = re.compile(
    r"(?:\blast\s+(?:\w+\s+)?films?\b|\bprevious(?:ly)?\b|\bearlier\b|\balso\s+(?:directed|made|wrote|"
    r"starred)\b|\bwho\s+(?:made|directed|wrote|gave\s+us)\b|\blike\b|\bsimilar\s+to\b|\bsuch\s+as\b|"
    r"\bafter\b|\bbefore\b|\bfollow-?up\s+to\b|\bsequel\s+to\b|\bremake\s+of\b|\bstarred\s+in\b|"
    r"\bstar\s+of\b|\bdirector\s+of\b|\bmaker\s+of\b|\bcompared\s+(?:to|with)\b|\breminiscent\s+of\b|"
    r"\brecalls?\b|\bechoes\b|\bsong\b|\btrack\b|\balbum\b|\bnovel\b|\bbook\b|\bhis\s+\d{4}\b|"
    r"\bnext\s+film\b|\bother\s+films?\b|\bother\s+titles\b|\balso\s+available\b|\bbuy\b|\bon\s+blu-?ray\b|"
    r"\bvs\.?\b|\bversus\b|\bas\s+in\b|\bunlike\b|\bthan\b|\bnot\s+since\b|\bwhile\s+\w+\s+did\b|"
    r"\(\s*$)",
    re.I,
)
_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d{2})[’']s\s+(?:[\w-]+\s+){0,5}$")
_YEAR_AFTER = re.compile(r"^\s*[,]?\s*\(((?:19|20)\d{2})\)")
_QUOTED = re.compile(
    r"“(?P<a>[^”\n]{1,90})”|\"(?P<b>[^\"\n]{1,90})\"|(?<![\w’'])‘(?P<c>[^’\n]{1,70})’(?!\w)"
)
_ALIAS_AFTER = re.compile(
    r"^\s*\((?:or|aka|a\.k\.a\.|also\s+known\s+as|originally(?:\s+titled)?|original\s+title:?|"
    r"[A-Z][a-z]+(?:\s+title)?\s*:)\s*[“\"‘']?(?P<alias>[^)”\"]{2,80}?)[”\"’']?\s*\)"
)
_CAP_WORD = r"(?:[A-Z0-9][\w’'&!.:-]*)"
_LINK_WORD = r"(?:of|the|and|a|an|in|on|to|for|with|from|at|by|de|et|la|le|les|du|des|d[’'][\w]+)"
_CAP_PHRASE = re.compile(rf"{_CAP_WORD}(?:\s+(?:{_LINK_WORD}\s+)*{_CAP_WORD}){{0,7}}")
_TITLE_YEAR = re.compile(rf"(?P<title>{_CAP_PHRASE.pattern})\s*\((?P<year>(?:19|20)\d{{2}})\)")
_SENTENCE_STARTERS = word_set(
    "then but and in with after like see unlike while when both even also including only "
    "as if so yet since though although because before during"
)


@dataclass(frozen=True)
class ProseTitle:
    """One mention of a title in the body."""

    title: str
    year: int | None
    passing: bool
    origin: str  # "prose_quoted", "prose_year", "prose_alias", "prose_phrase", "body_mention"
    alias_of: str | None = None  # "X (or Y)": Y is another name of X
    credited: str | None = None  # "Yuki Tamsin's Nightjar": the person credited with it


def _context_before(text: str, start: int) -> str:
    window = text[max(0, start - CONTEXT_CHARS):start]
    # only the current sentence counts
    cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "), window.rfind("\n"))
    return window[cut + 1:] if cut >= 0 else window


_ADVERT_LINE = re.compile(
    r"\b(?:buy|order|pre-?order|shop|out\s+now|also\s+(?:out|on|available)|available\s+(?:now|on)|"
    r"on\s+sale|save\s+\d+%|giveaway|win\s+a)\b", re.I)


def _line_around(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return text[left: right if right >= 0 else len(text)]


def is_passing(text: str, start: int, end: int) -> bool:
    """Whether the mention at text[start:end] introduces another film than the subject."""
    before = _context_before(text, start)
    if _PASSING_CUES.search(before):
        return True
    if _ADVERT_LINE.search(_line_around(text, start, end)):
        return True  # "Also on 4K this month: Copper Sky (2018) - buy now"
    after = text[end:end + 3]
    return before.rstrip().endswith("(") and after.lstrip().startswith(")")


def _plausible_title(title: str) -> bool:
    words = title.split()
    if not 1 <= len(words) <= 10 or not is_title_cased(title):
        return False
    return title[-1] not in ",;" and not title.endswith((" and", " or"))


def _year_near(text: str, start: int, end: int) -> int | None:
    after = _YEAR_AFTER.match(text[end:end + 12])
    if after:
        return int(after.group(1))
    before = _YEAR_BEFORE.search(_context_before(text, start))
    return int(before.group(1)) if before else None


def quoted_titles(text: str) -> list[ProseTitle]:
    """Titles in quotation marks, each with its year and whether it is a passing mention."""
    found: list[ProseTitle] = []
    for match in _QUOTED.finditer(text):
        inner = (match.group("a") or match.group("b") or match.group("c") or "").strip()
        inner = inner.rstrip(",.")
        if not _plausible_title(inner):
            continue
        start, end = match.span()
        year = _year_near(text, start, end)
        found.append(ProseTitle(inner, year, is_passing(text, start, end), "prose_quoted"))
        alias = _ALIAS_AFTER.match(text[end:end + 100])
        if alias:
            other = alias.group("alias").strip()
            if other and (other[0].isupper() or other[0].isdigit()):
                found.append(ProseTitle(other, year, False, "prose_alias", alias_of=inner))
    return found


def _trim_starters(phrase: str) -> str:
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in _SENTENCE_STARTERS:
        words = words[1:]
    return " ".join(words).rstrip(".:!-")


def _links_elsewhere(line: str) -> bool:
    from critica.identify.headlines import parse_headline

    headline = parse_headline(line.strip())
    return headline is not None and headline.shape in _LINK_SHAPES


_LINK_SHAPES = frozenset({"review_suffix", "review_prefix", "quoted_review", "review_summary"})
_SENTENCE_END = re.compile(r"\n|[.!?](?=\s+[A-Z“\"‘'])")


def year_titles(text: str) -> list[ProseTitle]:
    """Unquoted "A Prophet (2009)" mentions."""
    found: list[tuple[ProseTitle, int]] = []
    per_line: dict[int, int] = {}
    for match in _TITLE_YEAR.finditer(text):
        # "Thread: X (1972)": a label before the title is not part of it; nor is the line
        # before it, nor a list's rank ("12. The Salt Marshal (2019)")
        raw = match.group("title").rsplit("\n", 1)[-1]
        raw = re.sub(r"^(?:#|No\.?\s*)?\d{1,4}\s*[.:)]\s+", "", raw)
        title = _trim_starters(re.sub(r"^[A-Z][a-z]+:\s+(?=[A-Z0-9])", "", raw))
        if not _plausible_title(title):
            continue
        start = match.start("title") + match.group("title").find(title.split()[0])
        # "Lanternfish (2022) review – deep-sea creature feature sinks": a link to another
        # article (a headline shape in the body) names another film
        passing = is_passing(text, start, match.end()) or _links_elsewhere(
            _line_around(text, start, match.end()))
        # the sentence, not the line: a paragraph may name two films in different sentences
        line = len(_SENTENCE_END.findall(text, 0, start))
        per_line[line] = per_line.get(line, 0) + 1
        found.append((ProseTitle(title, int(match.group("year")), passing, "prose_year"), line))
    # "Also in this season: A (1940), B (1971), C (1976)": a line listing several dated titles
    # lists other films (neighbours, a filmography), never the document's own
    return [ProseTitle(m.title, m.year, m.passing or per_line[line] >= 2, m.origin)
            for m, line in found]


def repeated_phrases(text: str, exclude: Iterable[str], min_count: int = 2) -> list[tuple[str, int]]:
    """Capitalised phrases that recur and look like titles rather than names ("Rust and Bone")."""
    excluded = {e.casefold() for e in exclude}
    counts: dict[str, int] = {}
    for match in _CAP_PHRASE.finditer(text):
        phrase = _trim_starters(match.group(0))
        words = phrase.split()
        if len(words) < 2 or phrase.casefold() in excluded:
            continue
        has_link = any(w.lower() in SMALL_WORDS for w in words[1:-1])
        if not has_link and len(words) < 3:
            continue  # two capitalised words are usually a person's name
        if any(part in phrase.casefold() for part in excluded if len(part) > 3):
            continue
        counts[phrase] = counts.get(phrase, 0) + 1
    return sorted(((p, c) for p, c in counts.items() if c >= min_count), key=lambda pc: (-pc[1], pc[0]))


def _mention_pattern(title: str) -> re.Pattern[str]:
    parts: list[str] = []
    for word in title.split():
        escaped = re.escape(word)
        escaped = escaped.replace("'", "['’]").replace("’", "['’]")
        if word.lower() in {"and", "&"}:
            escaped = r"(?:and|&)"
        parts.append(escaped)
    return re.compile(r"(?<![\w])" + r"\s+".join(parts) + r"(?![\w])", re.I)


def body_mentions(text: str, title: str) -> tuple[int, int]:
    """How often a known title recurs in the body: (plain mentions, passing mentions)."""
    plain = passing = 0
    for match in _mention_pattern(title).finditer(text):
        if is_passing(text, match.start(), match.end()):
            passing += 1
        else:
            plain += 1
    return plain, passing


# "Gannet Island is released in Irish cinemas today", "Red Kestrel Road took $9.2 million":
# a title-cased sentence subject followed by what only a film does.
_SUBJECT_CUE = re.compile(
    r"(?<=\s)(?:(?:is|was)\s+(?:now\s+)?(?:released|rated|out\s+(?:now|on)|showing|screening|playing|"
    r"in\s+(?:cinemas|theaters|theatres))\b|opens\s+(?!it\b)|opened\s+(?!it\b)|premieres\b|"
    r"premiered\b|(?:took|grossed|earned)\s+(?:in\s+)?[$€£]|"
    r"(?:is|was)\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,4}?(?:film|movie|picture|production|drama|"
    r"comedy|thriller|documentary|feature|western|musical|romance|ghost\s+story)\b)")
_NOT_SUBJECT_WORDS = word_set(
    "it this that he she they there here its his her their the film movie picture which what "
    "who one each every some many most"
)
_COMPANY_END = word_set("films pictures productions studios entertainment releasing media")


def subject_titles(text: str, people: Iterable[str]) -> list[ProseTitle]:
    """Titles that open a sentence whose verb only a film takes ("X is rated R", "X opens")."""
    names = {p.casefold() for p in people}
    found: list[ProseTitle] = []
    for cue in _SUBJECT_CUE.finditer(text):
        # the cue is rare; only then look back for the sentence it ends the subject of
        before = text[max(0, cue.start() - 90):cue.start()]
        cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "), before.rfind("\n"))
        if cut < 0 and cue.start() > 90:
            continue
        subject = before[cut + 1:].strip() if cut >= 0 else before.strip()
        phrase = _CAP_PHRASE.fullmatch(subject)
        if phrase is None:
            continue
        title = phrase.group(0).rstrip(".:!-")
        words = title.split()
        if ("\n" in title or not _plausible_title(title) or title.casefold() in names
                or words[0].lower() in _NOT_SUBJECT_WORDS and len(words) == 1
                or words[-1].lower() in _COMPANY_END or title.endswith(("'s", "’s"))):
            continue
        found.append(ProseTitle(title, None, False, "subject_sentence"))
    return found


# "Ingrid Vallin's The Glass Orchard", "Petra Oduya's documentary Lowland Hymns": a person's
# possessive credits the title that follows; "Nightjar, Carl Brenner's radio thriller" the
# title before it. Only a film takes a director's possessive and a genre noun together.
_PERSON = r"[A-Z][\w-]+(?:\s+(?:de|van|von|le|la|del)?\s*[A-Z][\w-]+){1,2}"
_GENRE = (r"(?:film|movie|picture|feature|debut|drama|thriller|comedy|documentary|doc|western|"
          r"musical|romance|fable|portrait|horror|satire|epic|adaptation|remake|animation|"
          r"chamber\s+piece|tale|story)")
_CREDIT_BEFORE = re.compile(
    rf"(?<![\w’'])(?!(?:The|A|An)\s)(?P<name>{_PERSON})['’]s\s+(?:(?:new|latest|first|second|third|fine|"
    rf"hand-drawn|animated|feature|quiet|[\w-]+-(?:length|drawn|set))\s+){{0,2}}(?P<genre>{_GENRE}\s+)?"
    rf"(?P<title>{_CAP_PHRASE.pattern})")
_CREDIT_AFTER = re.compile(
    rf"(?P<title>{_CAP_PHRASE.pattern}),\s+(?P<name>{_PERSON})['’]s\s+[^.,;\n]{{0,40}}?\b{_GENRE}s?\b")


def credited_titles(text: str, people: Iterable[str]) -> list[ProseTitle]:
    """Titles a person's possessive credits: "Yuki Tamsin's Nightjar", "X, Carl Brenner's thriller"."""
    names = {p.casefold() for p in people}
    found: list[ProseTitle] = []
    for pattern in (_CREDIT_BEFORE, _CREDIT_AFTER):
        for match in pattern.finditer(text):
            title = _trim_starters(match.group("title")).rstrip(".:!-")
            if "\n" in match.group(0) or not _plausible_title(title):
                continue
            if title.casefold() in names or title.endswith(("'s", "’s")):
                continue
            if (pattern is _CREDIT_BEFORE and not match.group("genre")
                    and _PERSON_LIKE.fullmatch(title)):
                continue  # "Kühnel's Anna Lanz": a possessive before a person's name
            passing = is_passing(text, match.start("title"), match.end("title"))
            found.append(ProseTitle(title, None, passing, "credit_possessive",
                                    credited=match.group("name")))
    return found


_PERSON_LIKE = re.compile(r"[A-Z][a-z]+\s+[A-Z][a-z]+")


# "El último ferry (Midnight Ferry)": an original title opening with its language's article,
# the English title in parentheses; "(English title: X)" and "(aka X)" alike.
_FOREIGN_ARTICLE = (r"(?:El|La|Las|Los|Le|Les|L['’]|Il|Lo|Gli|Der|Die|Das|Den|Det|Het|Een|Un|Une|"
                    r"Una|Uno|Os|Des|Du|Ta|To|Ho|He)")
_PAREN_ALIAS = re.compile(
    rf"(?<![\w’'])(?P<orig>{_FOREIGN_ARTICLE}\s?[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){{0,6}}?)\s+"
    r"\((?:(?:English(?:\s+title)?|in\s+English|aka|a\.k\.a\.|released\s+as)\s*[:,]?\s+)?"
    r"[“\"‘']?(?P<title>[A-Z0-9][^()\n“”\"]{0,60}?)[”\"’']?\)")


def paren_aliases(text: str) -> list[ProseTitle]:
    """"Original (English)" pairs: the English title, with the original as its alias."""
    found: list[ProseTitle] = []
    for match in _PAREN_ALIAS.finditer(text):
        original, title = match.group("orig").strip(), match.group("title").strip()
        if not any(w[:1].islower() for w in original.split()[1:]) and not re.match(
                r"(?:The|A|An)\s", title):
            continue  # a sentence-case original title has lower-case words: "Las brasas de agosto"
            # (or an English title with its article: "Der Lotsenfisch (The Pilot Fish)")
        if not is_title_cased(title) or len(title.split()) > 8:
            continue
        passing = is_passing(text, match.start(), match.end())
        found.append(ProseTitle(original, None, passing, "paren_alias", alias_of=title))
    return found


def expand_short_title(text: str, short: str, people: Iterable[str]) -> str | None:
    """The full title a headline's short form stands for ("Freight" -> "Northbound Freight"):
    the one longer title-cased phrase of the body that contains it, used at least as often as
    the short form alone."""
    key_words = short.casefold().split()
    if not 1 <= len(key_words) <= 2:
        return None
    names = {p.casefold() for p in people}
    longer: dict[str, int] = {}
    covered: list[tuple[int, int]] = []
    for match in _CAP_PHRASE.finditer(text):
        phrase = _trim_starters(match.group(0))
        words = [w.strip("’'").casefold() for w in phrase.split()]
        if len(words) <= len(key_words) or phrase.casefold() in names:
            continue
        if "\n" in match.group(0) or words[0].isdigit() or re.search(r"['’]s\s", phrase):
            continue  # a dateline run into the next line; "Carl Brenner's Nightjar" credits it
        if re.search(r"[a-z]{2}\.\s+[A-Z]", phrase):
            continue  # "casting, Marsha Dinh. Reviewed at Sundance": two sentences, no title
        n = len(key_words)
        if not any(words[i:i + n] == key_words for i in range(len(words) - n + 1)):
            continue
        if words[-1] in _COMPANY_END or not _plausible_title(phrase):
            continue
        if is_passing(text, match.start(), match.end()):
            continue
        longer[phrase] = longer.get(phrase, 0) + 1
        covered.append(match.span())
    if len(longer) != 1:
        return None
    phrase, count = next(iter(longer.items()))
    alone = sum(1 for m in _mention_pattern(short).finditer(text)
                if not any(s <= m.start() < e for s, e in covered))
    return phrase if count >= alone else None
