"""The line filter for plain-text dumps of web pages: drop boilerplate, keep every fact.

Each line is scored by features rather than matched against a list of known lines:
phrases from a small generic lexicon of page furniture (strong hits drop a line alone,
weak hits only count near the end of a page), the share of interface words ("Collapse",
"Share", "Menu"), menu-like separators ("Home | About | Contact"), repetition of text
already dropped, and position: after the last line of real content, short title-like lines
are page furniture (encyclopedia category links, "PM Picks").

Some lines are protected whatever their score, because they carry the facts later stages
quote: short "Key: value" lines ("Director: Jacques Audiard", "Running Time:" and the value
on the line after it), cast lines ("Marion Cotillard as Stéphanie"), ratings and bylines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- lexicon --------------------------------------------------------------------------------
# Strong phrases: page furniture in any context, so a short line containing one is dropped.
# Every alternative starts at the line start, a word start or "(": the lookahead in front
# skips all other positions cheaply (the plain alternation costs ~3 µs per character).
_STRONG = re.compile(
    r"""
    (?:^|\b(?=\w)|(?=\())(?:
    \bskip\ to\ (?:the\ )?(?:main\ )?(?:content|navigation|search)\b
  | \bjump\ to\ (?:navigation|content|search)\b
  | \bleave\ a\ (?:reply|comment)\b | \bpost\ a\ comment\b | \bcomments\ are\ closed\b
  | ^\d+\ (?:comments?|responses?|replies)$ | ^no\ comments\b
  | \bbloggers\ like\ this\b | ^(?:like|share)\ this:?$ | ^(?:like\ )?loading(?:\.\.\.|…)$
  | \bpost\ navigation\b | ^(?:previous|next)\ (?:post|article|story)\b
  | \byou\ (?:may|might)\ also\ like\b | ^(?:continue\ reading|read\ more)\b
  | ^©|\(c\)\ \d{4}|\bcopyright\b|\ball\ rights\ reserved\b
  | \bplease\ donate\b|\bdonate\ now\b|\bmake\ a\ donation\b|\bdonate\ to\ help\b
  | \bsupport\ (?:us|our\ (?:work|journalism|site|writers))\b|\bbecome\ a\ (?:patron|member|supporter)\b
  | \bsubscribe\ (?:to\ (?:our|the)|now|for\ free|today)\b|\bsign\ up\ (?:for|to)\ (?:our|the)\b
  | \b(?:our|the|free|weekly|daily)\ newsletters?\b|\bin\ your\ inbox\b
  | \b(?:may|might|will|could)\ (?:receive|earn|get|make)\ (?:a\ )?(?:small\ )?(?:commission|compensation)\b
  | \baffiliate\ (?:links?|commission|partner|program)\b|\bcompensation\ from\ (?:the\ )?links\b
  | \bas\ an\ amazon\ associate\b|\bread\ why\ you\ should\ trust\ us\b
  | \b(?:we|this\ (?:site|website))\ uses?\ cookies\b|\bcookie\ (?:policy|settings|preferences|notice)\b
  | \baccept\ (?:all\ )?cookies\b|\bprivacy\ policy\b|\bterms\ (?:of\ (?:use|service)|and\ conditions)\b
  | \bshare\ on\ (?:facebook|twitter|x|whatsapp|pinterest|linkedin|reddit|email)\b
  | \bfollow\ us\ on\b|^advertisement$|\bsponsored\ content\b|\bclick\ here\b
  | ^(?:posted|filed)\ (?:in|under)\b|^tagged(?:\ with)?\b|^tags?:|^categor(?:y|ies):
  | \bback\ to\ top\b|\bscroll\ to\ top\b|\btoggle\ navigation\b|\bmain\ menu\b|^search\ for:?
  | \bcollapse\ expand\b | \breuse\ this\ content\b | \bwas\ this\ (?:review|article)\ helpful\b
  | \b(?:sign|log)\ in\ to\b | \b(?:support|fund)\ (?:independent|quality|our)\ journalism\b
  | \bcomments\ powered\ by\b | ^want\ (?:to\ read\ )?more\b | \byour\ email\ address\ will\ not\ be\ published\b
  | ^(?:post|submit)\ comment$ | ^(?:name|e-?mail|website)\ \*$
  | ^from\ [\w\ .]+,\ the\ free\ (?:\w+\ )?encyclopedia$ | ^this\ article\ is\ about\b.*\bsee\b
  | \bredirects\ here\b | ^for\ other\ uses,\ see\b | ^not\ to\ be\ confused\ with\b
  | ^retrieved\ from\b | \bthis\ page\ was\ last\ edited\b | \bwikimedia\ commons\ has\ media\b
  | ^authority\ control\b | ^\[edit\]$ | ^v\ t\ e$
  | ^\^\  | ^↑ | \barchived\ from\ the\ original\b | \bretrieved\ (?:on\ )?(?:\d|[a-z]+\ \d)
  | ^\[(?:image|poster|photo|picture|video|gallery|embed|advert|caption)\b[^\]]*\]$ | ^show\ (?:more|less|comments)$ | ^(?:view|load)\ (?:more\ )?comments\b
    )""",
    re.I | re.X,
)

# Weak phrases: suspicious, but also plausible in a review; they matter near the page end.
_WEAK = re.compile(
    r"""
    \bdonat(?:e|es|ion|ions)\b | \bsubscri(?:be|ption)\b | \bneed\ your\ (?:help|support)\b
  | \bhelp\ (?:us\ )?(?:to\ )?(?:save|keep)\b | \bfund\ (?:the|our|this)\b | \bcookies?\b | \bprivacy\b | \badvertis
  | \bnewsletter | \baffiliate\b | \bcommission\b | \bcomments?\b | \bsponsor | \bfollow\ us\b
  | \bour\ (?:readers|site|website)\b
    """,
    re.I | re.X,
)

# Words of site interfaces; a short line made mostly of them is a menu or a button row.
_UI_WORDS = frozenset(str.split(
    """menu search toggle collapse expand login logout signin signup register subscribe
    navigation skip facebook twitter instagram youtube pinterest tiktok linkedin reddit
    whatsapp tweet rss email print share sitemap newsletter donate advertise advertisement
    cookies privacy"""
))

# "Key: value" shaped lines that are furniture, not facts.
_FURNITURE_KEYS = re.compile(
    r"^(?:tags?|categor(?:y|ies)|filed under|posted in|share this|like this|related|follow us"
    r"|comments?|reply|email|phone|advertisement|sponsored|search|menu)$",
    re.I,
)

# --- protected shapes -----------------------------------------------------------------------
_KEY_VALUE = re.compile(r"^\s*[-*•]?\s*([A-Za-z][\w .'’()/&-]{0,40}?)\s*:(?:\s+(\S.*))?\s*$")
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+"
_CAST = re.compile(rf"^\s*{_NAME}(?:\s+{_NAME}){{0,3}}\s+(?:as|\.{{2,}}|…|–|—|-)\s+\S")
_RATING = re.compile(
    r"[★☆✩✪⭐]|\b\d(?:\.\d)?\s*(?:/|out of)\s*(?:4|5|10|100)\b"
    r"|\b(?:one|two|three|four|five|\d(?:\.5)?|half)[- ](?:and[- ]a[- ]half[- ])?stars?\b"
    r"|^\s*(?:grade|rating|score|verdict)\b",
    re.I,
)
_BYLINE = re.compile(r"^\s*(?:by|—|–|-)\s+[A-Z][a-z]+", re.I)

# Labels of fact fields on pages that put the value on the following line(s) ("Director" /
# "Jacques Audiard"), as IMDb-like and infobox dumps do.
_FACT_LABEL = re.compile(
    r"^(?:directors?|directed by|writers?|written by|screenplay(?: by)?|story by|stars|starring|"
    r"cast|producers?|produced by|music(?: by)?|composers?|original music|cinematography|"
    r"editors?|edited by|release dates?|released|runtime|running time|run time|countr(?:y|ies)"
    r"(?: of origin)?|languages?|budget|box office|gross(?: worldwide)?|(?:mpaa )?rat(?:ed|ing)|"
    r"certificates?|distributors?|distributed by|production compan(?:y|ies)|based on|genres?|"
    r"also known as|original title|filming locations?|awards?)\s*:?$",
    re.I,
)
_LABEL_SPAN = 8  # value lines protected after a label line
# Values that are facts wherever they stand: money, running times, full dates.
_FACT_VALUE = re.compile(
    r"[$€£¥]\s?\d|\d\s?(?:million|billion|m\b|bn\b)|\b\d{2,3}\s?(?:min|mins|minutes)\b"
    r"|\b\d{1,2}h\s?\d{1,2}m\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* \d{4}\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* \d{1,2},? \d{4}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)

_MENU_SEPARATORS = re.compile(r"\s*(?:\||•|·|»|›|/)\s*")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

_PROSE_WORDS = 12  # a line this long with sentence punctuation is content
_LONG_LINE_WORDS = 30  # above this, one strong phrase is not enough to drop a line


@dataclass(frozen=True)
class LineDecision:
    """What the filter decided for one line, and why (for debugging and tests)."""

    index: int
    text: str
    keep: bool
    reason: str


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _key_value(line: str) -> re.Match[str] | None:
    match = _KEY_VALUE.match(line)
    if not match or len(match.group(1).split()) > 5:
        return None
    if _FURNITURE_KEYS.match(match.group(1).strip()):
        return None
    return match


def _protected(line: str, n_words: int, key_value: re.Match[str] | None,
               label: re.Match[str] | None) -> bool:
    """``n_words``, ``key_value`` and ``label``: ``len(_words(line))``, ``_key_value(line)``
    and ``_FACT_LABEL.match(line)``, which the caller has already."""
    if key_value or label or _CAST.match(line):
        return True
    if n_words <= 12 and _FACT_VALUE.search(line):
        return True
    return n_words <= 12 and bool(_RATING.search(line) or _BYLINE.match(line))


def _fold(text: str) -> str:
    """``text`` case-folded so that whatever an IGNORECASE pattern matches in ``text`` holds
    its lower-case letters here (re also matches "ı" and "İ" to "i", which casefold() keeps)."""
    return text.casefold().replace("ı", "i").replace("i\u0307", "i")


# Every match of _STRONG holds one of _STRONG_ANYWHERE in the case-folded line, or is at the
# line start with one of _STRONG_STARTS or a digit there: a line with none of them cannot
# match, and skips the scan (speed only: the scan tries ~70 alternatives at every word).
# An alternative added to _STRONG needs its word here too.
_STRONG_ANYWHERE = (
    "skip to", "jump to", "leave a", "comment", "bloggers like this", "post navigation",
    "also like", "(c)", "copyright", "all rights reserved", "donat", "support us", "support our",
    "become a", "subscribe", "sign up", "newsletter", "in your inbox", "commission",
    "compensation", "affiliate", "amazon associate", "trust us", "cookie", "privacy policy",
    "terms of", "terms and conditions", "share on", "follow us on", "sponsored content",
    "click here", "to top", "toggle navigation", "main menu", "collapse expand",
    "reuse this content", "helpful", "sign in to", "log in to", "journalism",
    "will not be published", " *", "encyclopedia", "redirects here", "last edited",
    "wikimedia commons has media", "retrieved", "archived from the original",
)
_STRONG_STARTS = (
    "like this", "share this", "loading", "like loading", "previous", "next", "continue reading",
    "read more", "©", "advertisement", "posted", "filed", "tag", "categor", "search for", "want",
    "this article is about", "for other uses", "not to be confused with", "authority control",
    "[", "v t e", "^ ", "↑", "show ",
)


def _may_be_strong(line: str) -> bool:
    folded = _fold(line)
    return (folded.startswith(_STRONG_STARTS) or folded[:1].isdigit()
            or any(n in folded for n in _STRONG_ANYWHERE))


def _strong_score(line: str) -> float:
    return float(len(_STRONG.findall(line))) if _may_be_strong(line) else 0.0


# Every match of _WEAK holds one of these in the case-folded line (speed only). An
# alternative added to _WEAK needs its word here too.
_WEAK_NEEDLES = (
    "donat", "subscri", "need your", "help", "fund", "cookie", "privacy", "advertis",
    "newsletter", "affiliate", "commission", "comment", "sponsor", "follow us", "our readers",
    "our site", "our website",
)


def _weak_score(line: str) -> float:
    folded = _fold(line)
    if not any(n in folded for n in _WEAK_NEEDLES):
        return 0.0
    return 0.5 * len(_WEAK.findall(line))


def _ui_ratio(words: list[str]) -> float:
    if not words:
        return 0.0
    return sum(1 for w in words if w.lower() in _UI_WORDS) / len(words)


def _menu_like(line: str) -> bool:
    """Several short segments joined by separators: "Home | About | Contact"."""
    if not any(c in line for c in "|•·»›/"):
        return False  # one segment (speed only)
    parts = [p for p in _MENU_SEPARATORS.split(line) if p.strip()]
    if len(parts) < 3 or _SENTENCE_END.search(line):
        return False
    return all(len(p.split()) <= 3 for p in parts)


def _is_prose(line: str, n_words: int) -> bool:
    return n_words >= _PROSE_WORDS and bool(_SENTENCE_END.search(line) or ". " in line)


def _body_reason(line: str, words: list[str]) -> str | None:
    """Why a line is furniture wherever it appears on the page, or None."""
    n = len(words)
    strong = _strong_score(line)
    if strong and (n <= _LONG_LINE_WORDS or strong + _weak_score(line) >= 2):
        return "boilerplate phrase"
    if n <= 6 and _ui_ratio(words) >= 0.5:
        return "interface words"
    if _menu_like(line):
        return "menu"
    return None


def decide_lines(text: str) -> list[LineDecision]:
    """Decide keep/drop for every non-blank line of ``text`` (already newline-normalised)."""
    lines = text.split("\n")
    decisions: dict[int, LineDecision] = {}
    protected: set[int] = set()
    anchors: list[int] = []
    pending_key = 0  # value lines still to protect after a bare "Key:" or a fact label
    n_words: dict[int, int] = {}  # words of each line, for _drop_repeats

    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        words = _words(line)
        n_words[i] = len(words)
        # "Other Reviews:" is a heading, not a fact key; but "Verdict:" / "Recommended" is a value
        if _RELATED_HEAD.match(line) and not pending_key:
            decisions[i] = LineDecision(i, line, False, "related-links heading")
            pending_key = 0
            continue
        kv = _key_value(line)
        label = _FACT_LABEL.match(line)
        is_protected = _protected(line, len(words), kv, label) or (pending_key > 0 and len(words) <= 8)
        if label:
            pending_key = _LABEL_SPAN
        elif kv and not kv.group(2):
            pending_key = 1
        else:
            pending_key = max(0, pending_key - 1) if len(words) <= 8 else 0
        if is_protected and not (_may_be_strong(line) and _STRONG.search(line)):
            protected.add(i)
            decisions[i] = LineDecision(i, line, True, "fact-shaped line")
            anchors.append(i)
            continue
        reason = _body_reason(line, words)
        if reason:
            decisions[i] = LineDecision(i, line, False, reason)
            continue
        decisions[i] = LineDecision(i, line, True, "content")
        if _is_prose(line, len(words)) and _weak_score(line) < 1.0:
            anchors.append(i)

    _drop_word_runs(decisions, protected)
    _drop_blog_tagline(decisions, protected, anchors[0] if anchors else None)
    _drop_related_blocks(decisions, protected)
    _drop_tail(decisions, protected, anchors[-1] if anchors else None)
    _drop_repeats(decisions, protected, n_words)
    return [decisions[i] for i in sorted(decisions)]


_RELATED_HEAD = re.compile(
    r"^(?:related(?:\ (?:posts|articles|stories|reviews))?|you\ (?:may|might)\ also\ like"
    r"|more\ (?:from|on|in)\b.{0,30}|recommended(?:\ for\ you)?|read\ (?:next|also|more)"
    r"|(?:other|more|popular|latest|recent|similar)\ (?:reviews|posts|articles|stories|news|films)"
    r"|popular|trending(?:\ now)?|most\ (?:read|popular|viewed)|must\ read)\W*$",
    re.I | re.X,
)


def _drop_related_blocks(decisions: dict[int, LineDecision], protected: set[int]) -> None:
    """A "Related" heading is followed by a run of headline links: drop the run with it."""
    keys = sorted(decisions)
    for pos, i in enumerate(keys):
        if i in protected or not _RELATED_HEAD.match(decisions[i].text):
            continue
        decisions[i] = LineDecision(i, decisions[i].text, False, "related-links heading")
        for j in keys[pos + 1: pos + 13]:
            text = decisions[j].text
            if j in protected or len(_words(text)) > 14:
                break
            decisions[j] = LineDecision(j, text, False, "related link")


_SKIP_LINK = re.compile(r"\bskip\ to\ (?:the\ )?(?:main\ )?content\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _sentence_case(words: list[str]) -> bool:
    rest = words[1:]
    return bool(rest) and words[0][0].isupper() and sum(w[0].islower() for w in rest) >= 0.6 * len(rest)


def _drop_blog_tagline(
    decisions: dict[int, LineDecision], protected: set[int], first_anchor: int | None
) -> None:
    """Blog themes print "Skip to content", the site title, then its tagline, then the post.

    The site title stays (it names the outlet); the tagline, a sentence-case phrase without a
    full stop or a year, right after it, is dropped. Only in that header, before any content.
    """
    keys = [i for i in sorted(decisions) if first_anchor is None or i < first_anchor]
    skip = next((p for p, i in enumerate(keys) if _SKIP_LINK.search(decisions[i].text)), None)
    if skip is None:
        return
    header = [i for i in keys[skip + 1:] if decisions[i].keep]
    for prev, i in zip(header, header[1:], strict=False):
        text, words = decisions[i].text, _words(decisions[i].text)
        if _YEAR.search(decisions[prev].text) or _YEAR.search(text) or i in protected:
            return  # the post itself has begun
        site_title = len(_words(decisions[prev].text)) <= 5 and not _SENTENCE_END.search(
            decisions[prev].text)
        if (site_title and 3 <= len(words) <= 12 and _sentence_case(words)
                and not _SENTENCE_END.search(text)):
            decisions[i] = LineDecision(i, text, False, "blog tagline")
            return


_MENU_RUN = 4  # this many one-word lines in a row is a menu (News / Opinion / Sport / Culture)


def _drop_word_runs(decisions: dict[int, LineDecision], protected: set[int]) -> None:
    """Drop runs of one-word lines: section menus. Cast lists alternate with two-word names."""
    run: list[int] = []
    for i in [*sorted(decisions), -1]:
        d = decisions.get(i)
        single = (
            d is not None and d.keep and i not in protected
            and len(d.text.split()) == 1 and d.text.isalpha()
        )
        if single:
            run.append(i)
            continue
        if len(run) >= _MENU_RUN:
            for j in run:
                decisions[j] = LineDecision(j, decisions[j].text, False, "menu of single words")
        run = []


# A list item: "1. X", "2) X", "#3 - X", "(4) X", or a bullet. The marker's style ("N.",
# "#N", "-") must match between items of one list; numbers must step by one.
_LIST_MARK = re.compile(
    r"^(?:(?P<num>\d{1,3})(?P<dot>[.)])|#(?P<hash>\d{1,3})[.):]?|\((?P<paren>\d{1,3})\)"
    r"|(?P<bullet>[-*•·▪◦–]))\s+\S"
)


def _list_mark(line: str) -> tuple[str, int] | None:
    """(marker style, number) of a list item line; number 0 for bullets."""
    m = _LIST_MARK.match(line)
    if not m:
        return None
    if m.group("bullet"):
        return m.group("bullet"), 0
    if m.group("num"):
        return "N" + m.group("dot"), int(m.group("num"))
    if m.group("hash"):
        return "#N", int(m.group("hash"))
    return "(N)", int(m.group("paren"))


def _same_list(first: tuple[str, int] | None, second: tuple[str, int] | None) -> bool:
    """``second`` follows ``first`` in one list: same marker style, numbers one apart
    (counting up, or down as a top-10 countdown does)."""
    if first is None or second is None or first[0] != second[0]:
        return False
    return abs(first[1] - second[1]) == (0 if first[1] == 0 else 1)


def _list_run(keys: list[int], pos: int, decisions: dict[int, LineDecision]) -> list[int]:
    """The list items from ``keys[pos]`` on that continue one another (blank lines between
    items are not in ``keys``, so they do not break a list)."""
    run = [keys[pos]]
    mark = _list_mark(decisions[keys[pos]].text)
    for j in keys[pos + 1:]:
        following = _list_mark(decisions[j].text)
        if not _same_list(mark, following):
            break
        run.append(j)
        mark = following
    return run


def _a_real_list(run: list[int], decisions: dict[int, LineDecision]) -> bool:
    """Two or more items, and not a bulleted menu of one- and two-word links ("• Home")."""
    if len(run) < 2:
        return False
    first = _list_mark(decisions[run[0]].text)
    if first is not None and first[1] == 0:
        return any(len(_words(decisions[i].text)) > 2 for i in run)
    return True


def _drop_tail(
    decisions: dict[int, LineDecision], protected: set[int], last_anchor: int | None
) -> None:
    """After the last line of content, title-like and suspicious lines are page furniture.

    Except a list that the content leads into: an item that continues the last kept item,
    even across paragraphs about each entry ("5. The Master (2012)" after "4. ..."), is
    content; so is the first item of a list right after a kept line, and a line ending in ":"
    that introduces one. A list under a dropped heading ("Most read") stays dropped: its
    first item follows a dropped line, and each later item continues a dropped one.
    """
    if last_anchor is None:
        return
    keys = sorted(decisions)
    last_item: int | None = None  # the nearest list item above, wherever it stands
    for pos, i in enumerate(keys):
        d = decisions[i]
        mark = _list_mark(d.text)
        previous_item, last_item = last_item, (i if mark is not None else last_item)
        if i <= last_anchor or not d.keep or i in protected:
            continue
        before = decisions[keys[pos - 1]] if pos else None
        if (mark is not None and previous_item is not None and decisions[previous_item].keep
                and _same_list(_list_mark(decisions[previous_item].text), mark)):
            decisions[i] = LineDecision(i, d.text, True, "list item continuing a list")
            continue
        if (before is not None and before.keep and mark is not None
                and _a_real_list(_list_run(keys, pos, decisions), decisions)):
            decisions[i] = LineDecision(i, d.text, True, "list item after content")
            continue
        if (d.text.endswith(":") and _weak_score(d.text) == 0 and pos + 1 < len(keys)
                and _list_mark(decisions[keys[pos + 1]].text) is not None
                and _a_real_list(_list_run(keys, pos + 1, decisions), decisions)):
            decisions[i] = LineDecision(i, d.text, True, "introduces a list")
            continue
        prev = decisions.get(i - 1)
        if (prev is not None and prev.keep and d.text[:1].islower()
                and not _SENTENCE_END.search(prev.text)):
            continue  # the wrapped rest of a paragraph, not a link
        if _weak_score(d.text) > 0:
            decisions[i] = LineDecision(i, d.text, False, "appeal after the content")
        elif not _SENTENCE_END.search(d.text) and len(_words(d.text)) <= 10:
            decisions[i] = LineDecision(i, d.text, False, "link or category after the content")


def _drop_repeats(decisions: dict[int, LineDecision], protected: set[int],
                  n_words: dict[int, int]) -> None:
    """Drop text repeated from dropped furniture, and later copies of repeated short lines.
    ``n_words``: the number of _words of each line."""
    dropped = [d.text for d in decisions.values() if not d.keep]
    seen: set[str] = set()
    for i in sorted(decisions):
        d = decisions[i]
        if not d.keep or i in protected:
            seen.add(d.text)
            continue
        if len(d.text) >= 20 and any(d.text in other for other in dropped if other != d.text):
            decisions[i] = LineDecision(i, d.text, False, "repeats dropped furniture")
        elif d.text in seen and n_words[i] >= 2 and not _is_prose(d.text, 99):
            decisions[i] = LineDecision(i, d.text, False, "repeated line")
        seen.add(d.text)


def filter_lines(text: str) -> tuple[str, tuple[str, ...]]:
    """Return ``text`` without its boilerplate lines, and the removed lines in order."""
    decisions = {d.index: d for d in decide_lines(text)}
    kept: list[str] = []
    removed: list[str] = []
    for i, raw in enumerate(text.split("\n")):
        d = decisions.get(i)
        if d is None or d.keep:
            kept.append(raw)
        else:
            removed.append(d.text)
    return "\n".join(kept), tuple(removed)
