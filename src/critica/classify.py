"""classify: what kind of document this is, and its language.

The kind comes from a transparent weighted-feature scorer, not a trained model: each kind
has a table of :class:`Feature` cues (a regular expression, a weight per hit and a cap on
hits), plus a few computed cues (first-person density, a date line at the top, furniture
the clean stage removed). A kind's score is the sum of its capped cue weights; "other" has
a fixed baseline score, so a document must show real evidence to get a kind. Confidence is
the softmax share of the winning score, so a close call reads as low confidence.

The language comes from stopword profiles of seven languages; "und" when there is too
little text to tell.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from critica.records import ClassifiedDocument, CleanDocument, DocumentKind

__all__ = ["classify", "detect_language", "score_kinds", "KindScores", "FEATURES"]


@dataclass(frozen=True)
class Feature:
    """One cue: ``weight`` per match of ``pattern``, counting at most ``cap`` matches."""

    kind: DocumentKind
    name: str
    pattern: re.Pattern[str]
    weight: float
    cap: int = 1
    head_only: bool = False  # look only at the first lines (headline, byline)
    # Lower-case strings of which every match contains at least one: when the case-folded
    # text has none of them the pattern cannot match, and the scan is skipped (speed only).
    needles: tuple[str, ...] = ()
    # ``pattern`` in lower case without IGNORECASE, for text that lower_for_patterns lowered:
    # re's case-insensitive matching costs several times a plain one (speed only).
    lower_pattern: re.Pattern[str] | None = None

    def hits(self, text: str, folded: str, lowered: str | None = None) -> int:
        """Matches of the pattern in ``text``, counting no further than ``cap``. ``lowered``:
        ``lower_for_patterns(text)``, when the caller has it."""
        if self.needles and not any(n in folded for n in self.needles):
            return 0
        pattern = self.pattern
        if lowered is not None and self.lower_pattern is not None:
            pattern, text = self.lower_pattern, lowered
        found = 0
        for _ in pattern.finditer(text):
            found += 1
            if found >= self.cap:
                break
        return found


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _lowers_plainly(char: str) -> bool:
    """Whether re's IGNORECASE treats ``char`` as plain lower-casing does: str.lower() gives
    re's simple lower case (one character), not ASCII nor from ASCII upper case, outside re's
    extra case equivalences ("ſ" ~ "s", "ı" ~ "i", Greek and Cyrillic variants), and in the
    same \\w, \\d and \\s classes as its lower case."""
    import _sre
    from re._casefix import _EXTRA_CASES

    low, up = char.lower(), char.upper()
    return (len(low) == 1 and ord(low) == _sre.unicode_tolower(ord(char)) and not low.isascii()
            and not (len(up) == 1 and up.isascii())
            and ord(char) not in _EXTRA_CASES and ord(low) not in _EXTRA_CASES
            and (char.isalnum() or char == "_") == (low.isalnum() or low == "_")
            and char.isdecimal() == low.isdecimal() and char.isspace() == low.isspace())


def lower_for_patterns(text: str) -> str | None:
    """``text.lower()`` when every IGNORECASE pattern of lower-case literals, ASCII letter
    ranges and lower-case escapes finds exactly the matches in ``text`` that the same pattern
    in lower case, without the flag, finds in the lowered text (same offsets: lower-casing
    keeps every character one character); None when a character of ``text`` could tell them
    apart. Nearly every page qualifies; the rest take the slower IGNORECASE scan."""
    if not text.isascii() and not all(_lowers_plainly(c) for c in set(_NON_ASCII.findall(text))):
        return None
    return text.lower()


_UNSAFE_TO_LOWER = re.compile(
    r"\\[A-Z]"  # \S, \W, \D, \B ... would become their opposites
    r"|\(\?[a-zA-OQ-Z-]"  # inline flags
    r"|\(\?P[<=][^>)]*[A-Z]"  # a group name with capitals would be renamed
)


def lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """An IGNORECASE ``pattern`` in lower case without the flag: on ``lower_for_patterns``
    text it finds the same matches at the same offsets, several times faster (group texts
    are lower case there: take them from the original text by offset). Refuses a pattern
    that lowering would change otherwise: upper-case escapes, inline flags, capitalised
    group names, or a character range other than between two capitals, two small letters
    or two digits."""
    source = pattern.pattern
    if not pattern.flags & re.I or _UNSAFE_TO_LOWER.search(source) or not _plain_ranges(source):
        raise ValueError(f"no lower-case twin for {source!r}")
    twin = re.compile(source.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="),
                      pattern.flags & ~re.I)
    if twin.groupindex != pattern.groupindex or twin.groups != pattern.groups:
        raise ValueError(f"no lower-case twin for {source!r}")
    return twin


def _plain_ranges(source: str) -> bool:
    from re import _parser  # type: ignore[attr-defined]

    def walk(items: Any) -> bool:
        for op, av in items:
            if op is _parser.RANGE:
                lo, hi = chr(av[0]), chr(av[1])
                if not any(a <= lo <= hi <= b for a, b in (("A", "Z"), ("a", "z"), ("0", "9"))):
                    return False
            elif op is _parser.IN:
                if not walk(av):
                    return False
            elif isinstance(av, (list, tuple)):
                for sub in av:
                    if isinstance(sub, _parser.SubPattern) and not walk(sub):
                        return False
                    if isinstance(sub, list) and not all(
                            walk(x) for x in sub if isinstance(x, _parser.SubPattern)):
                        return False
            elif isinstance(av, _parser.SubPattern) and not walk(av):
                return False
        return True

    return walk(_parser.parse(source))


def needle_fold(text: str) -> str:
    """``text`` case-folded so that whatever an IGNORECASE pattern matches in ``text`` holds
    its lower-case letters here: re also matches "ı" and "İ" to "i", which casefold() keeps."""
    return text.casefold().replace("ı", "i").replace("i\u0307", "i")


def _f(kind: DocumentKind, name: str, regex: str, weight: float, cap: int = 1,
       head_only: bool = False, flags: int = re.I | re.M, needles: str = "") -> Feature:
    """``needles``: "|"-separated lower-case strings, one of which every match contains."""
    pattern = re.compile(regex, flags)
    return Feature(kind, name, pattern, weight, cap, head_only,
                   tuple(needles.split("|")) if needles else (),
                   lower_twin(pattern) if flags & re.I else None)


_NATIONALITY = (
    r"(?:American|British|French|Belgian|German|Italian|Spanish|Mexican|Canadian|Australian|"
    r"Japanese|Chinese|Korean|South Korean|Indian|Irish|Danish|Swedish|Norwegian|Polish|Russian|"
    r"Brazilian|Argentine|Iranian|Dutch|Austrian|Swiss|Hong Kong|Taiwanese|New Zealand|"
    r"Portuguese|Greek|Turkish|Israeli|Finnish|Czech|Hungarian|Romanian|Thai|Nigerian)"
)

# Weights: 3-4 for a cue that almost decides the kind, 1.5-2.5 for a strong hint, 0.5-1 for a
# cue that many kinds share. "other" scores OTHER_BASELINE, so two weak cues are not enough.
FEATURES: tuple[Feature, ...] = (
    # encyclopedia: the definitional first sentence, sections, categories, neutral reception
    _f("encyclopedia", "is-a-year-film",
       rf"\bis an? (?:\d{{4}} (?:[\w–/-]+ ){{0,5}}|(?:{_NATIONALITY}[–/-]?)+ (?:[\w-]+ ){{0,4}})"
       r"(?:film|movie|documentary|miniseries)\b", 4.0, needles="is a"),
    _f("encyclopedia", "original-title-gloss", r"\((?:original title|[A-Z][a-z]+): [^)]{2,80}\)",
       1.5),
    _f("encyclopedia", "section-heading",
       r"^(?:Plot|Synopsis|Cast|Production|Development|Filming|Release|Reception|"
       r"Critical (?:response|reception)|Box office|Accolades|Awards|Home media|Soundtrack|"
       r"See also|References|External links|Notes|Further reading)\s*$", 1.0, cap=4),
    _f("encyclopedia", "aggregator-report",
       r"\b(?:Rotten Tomatoes|Metacritic|review aggregator(?: website)?)\b", 1.0, cap=3,
       needles="rotten tomatoes|metacritic|review aggregator"),
    _f("encyclopedia", "citation-mark", r"\[(?:\d{1,3}|citation needed|note \d+)\]", 1.0, cap=3),
    _f("encyclopedia", "neutral-release",
       r"\bThe film (?:premiered|was released|grossed|was screened|received|was produced|"
       r"was nominated|won)\b", 0.75, cap=3, needles="the film "),
    _f("encyclopedia", "critic-reported", r"\b[A-Z][a-z]+ [A-Z][a-z]+ of (?:The )?[A-Z][\w ]{2,30}"
       r" (?:gave|called|wrote|praised|described)\b", 1.0, cap=2, flags=re.M,
       needles="gave|called|wrote|praised|described"),
    # list_entry: ranks and countdown furniture
    _f("list_entry", "top-n",
       r"\b(?:top|best|greatest) \d{1,4}\b|\b\d{1,4} (?:best|greatest|essential|favou?rite)\b", 2.5,
       needles="top |best|greatest|essential|favorite|favourite"),
    _f("list_entry", "rank-hash", r"(?:^|\s)(?:#|No\. ?)\d{1,4}\b", 2.0, cap=2, needles="#|no."),
    _f("list_entry", "best-films-of",
       r"\b(?:best|greatest|favou?rite|essential) (?:\w+ ){0,2}(?:films|movies)\b", 1.5,
       needles="best|greatest|favorite|favourite|essential"),
    _f("list_entry", "list-rubric",
       r"^(?:FAVOU?RITE (?:SCENE|QUOTE|MOMENT|LINE)|DID YOU KNOW|WHY IT'S HERE|WHY IT MADE THE LIST)\b",
       1.5, cap=3),
    _f("list_entry", "ranked-line", r"^\s*\d{1,3}[.)]\s+[A-Z\"“‘']", 0.75, cap=4),
    _f("list_entry", "ranking-words", r"\b(?:countdown|ranked|ranking|our list|this list)\b", 1.0,
       cap=2, needles="countdown|ranked|ranking|our list|this list"),
    # dvd_review: discs, transfers and extras
    _f("dvd_review", "format", r"\b(?:DVD|Blu-?ray|4K(?: UHD)?|Ultra HD|box set|Criterion)\b", 1.5,
       cap=3, needles="dvd|blu|4k|ultra hd|box set|criterion"),
    _f("dvd_review", "extras",
       r"\b(?:special features|bonus (?:features|material|disc)|(?:bonus|disc|DVD|Blu-ray) extras|"
       r"extras (?:include|are)|supplements|featurettes?|deleted scenes|making-of)\b", 1.5, cap=3,
       needles="special features|bonus |extras|supplements|featurette|deleted scenes|making-of"),
    # "social commentary" is criticism, not a disc extra
    _f("dvd_review", "commentary",
       r"\b(?:audio|director'?s?|filmmakers?'?|feature-length|cast|film) commentary\b|"
       r"\bcommentary (?:track|from|by|with)\b", 1.5, needles="commentary"),
    _f("dvd_review", "presentation",
       r"\b(?:(?:video|hd|digital|4k|new|picture|image) transfer|transfer is|aspect ratio|\d\.\d{1,2}:1|1080p|2160p|anamorphic|widescreen|DTS(?:-HD)?|"
       r"Dolby|lossless|bitrate|(?:video|audio|picture|sound) (?:quality|presentation))\b",
       1.0, cap=3, needles="transfer|aspect ratio|:1|1080p|2160p|anamorphic|widescreen|dts|dolby|"
       "lossless|bitrate| quality| presentation"),
    _f("dvd_review", "disc", r"\b(?:discs?|home (?:video|release|media)|region [A-C1-4])\b", 0.75,
       cap=2, needles="disc|home |region "),
    # "X (1958) – Blu-ray Review": the headline names the disc, so the review is of the disc
    _f("dvd_review", "disc-headline",
       r"\b(?:DVD|Blu-?ray|4K(?: UHD)?|UHD|disc|home video|box set)\s+(?:review|edition|release)\b",
       3.0, head_only=True),
    # a disc's own score beside the film's ("Film: 4/5  Disc: 4/5")
    _f("dvd_review", "disc-score",
       r"\b(?:disc|extras|video|audio|picture|sound|transfer)\s*(?:rating|score|grade)?\s*:\s*"
       r"(?:\d|[★☆]|[A-F][+-]?\b)", 2.0, needles="disc|extras|video|audio|picture|sound|transfer"),
    _f("dvd_review", "disc-header-field",
       r"^\s*(?:label|studio|region(?: code)?|aspect ratio|discs?|extras|special features|"
       r"audio|video|subtitles|format|bonus material|where to watch)\s*:", 1.0, cap=3),
    # blog_review: personal voice and blog furniture in the text
    _f("blog_review", "blog-marker", r"\b(?:posted (?:on|by)|filed under|wordpress|blogspot)\b",
       1.5, cap=2, needles="posted |filed under|wordpress|blogspot"),
    _f("blog_review", "my-rating", r"\b(?:my (?:rating|score|grade|verdict)|I give (?:it|this))\b",
       1.5, needles="my |i give "),
    _f("blog_review", "casual", r"(?:!!|\blol\b|\bgonna\b|\bwanna\b|\bIMO\b|\bthis movie was\b)",
       0.75, cap=2, needles="!!|lol|gonna|wanna|imo|this movie was"),
    # the viewer's own life around the film: who they watched it with, where, when
    _f("blog_review", "personal-life",
       r"\bmy (?:husband|wife|partner|boyfriend|girlfriend|kids?|children|son|daughter|mum|mom|dad|"
       r"sister|brother|friends?|dog|cat|sofa|couch|tea|popcorn)\b|\blast night\b|"
       r"\bI (?:finally )?(?:watched|rewatched|re-watched|got round to)\b", 1.0, cap=2,
       needles="my |last night|i "),
    _f("blog_review", "personal-reaction",
       r"\bI (?:(?:absolutely|just|really) )?(?:loved|hated|laughed|cried|enjoyed|liked|adored)\b|"
       r"\bI'm not going to (?:lie|pretend)\b|\bhonestly\b", 0.75, cap=2,
       needles="i |honestly"),
    # critic_review: outlet-style furniture and evaluative third-person prose
    _f("critic_review", "review-headline", r"\breview\b", 2.0, head_only=True),
    # outlets title their pages "Film Review: X", "X movie review (2019)", "Review: X"
    _f("critic_review", "outlet-review-title", r"\b(?:film|movie) review\b|^review:", 1.0,
       head_only=True),
    _f("critic_review", "byline", r"^\s*(?:[Bb]y|[Ww]ords(?: by)?:?|[Rr]eviewed by|[Ff]iled by)\s+[A-Z][\w'.-]+(?: [\w'.-]+){1,3}"
       r"\s*(?:\||,|$)", 2.5, head_only=True, flags=re.M),
    _f("critic_review", "star-rating",
       r"(?:[★☆]{2,}|\b\d(?:\.5)? ?(?:/|out of) ?(?:4|5)\b|\b(?:one|two|three|four|five|\d) "
       r"stars?\b|^\s*(?:rating|grade|verdict)\s*:(?!\s*(?:G|PG|PG-13|R|NC-17|NR|Unrated|Not Rated)\b))",
       2.0, cap=2, needles="★|☆|/|out of|star|rating|grade|verdict"),
    _f("critic_review", "review-header-field",
       r"^\s*(?:release date|running time|runtime|certificate|rated|original title)\s*:", 0.75,
       cap=2),
    _f("critic_review", "verdict-word", r"\b(?:the verdict|verdict:|bottom line)\b", 1.5,
       needles="verdict|bottom line"),
    _f("critic_review", "evaluative",
       r"\b(?:performances?|masterclass|masterpiece|triumph|tour de force|screenplay|"
       r"mise-en-sc[eè]ne|cinematography|compelling|unsentimental|melodrama|disappointing|"
       r"lacklustre|lackluster|riveting|captivating|overlong|engrossing|remarkable|charming|"
       r"handsome|affecting|devastating|luminous|assured|understated|heavy-handed|clumsy|"
       r"tedious|plodding|muddled|moving|gripping|poignant|patient|restrained|stylish|slick|"
       r"deft|deftly|brisk|taut|well-drilled|mannered|self-indulgent|watchable|unwatchable|"
       r"forgettable|unforgettable|miscast|beautifully|superbly|sharply)\b",
       0.5, cap=6, needles="performance|masterclass|masterpiece|triumph|tour de force|screenplay|"
       "mise-en-sc|cinematography|compelling|unsentimental|melodrama|disappointing|lacklust|"
       "riveting|captivating|overlong|engrossing|remarkable|charming|handsome|affecting|"
       "devastating|luminous|assured|understated|heavy-handed|clumsy|tedious|plodding|muddled|"
       "moving|gripping|poignant|patient|restrained|stylish|slick|deft|brisk|taut|well-drilled|"
       "mannered|self-indulgent|watchable|forgettable|miscast|beautifully|superbly|sharply"),
    # a judgement of the whole film or of a performance, in a critic's set phrases
    _f("critic_review", "judgement",
       r"\b(?:gives|delivers) (?:the|a|an|her|his|their) (?:[\w-]+ ){0,3}performances?\b|"
       r"\bthe (?:best|worst|finest|weakest|strongest) (?:[\w-]+ ){0,2}(?:film|movie|thriller|drama|"
       r"comedy|debut|picture|western|documentary)\b|\b(?:is|was|it's) (?:a|an) (?:[\w-]+,? ){0,3}"
       r"(?:triumph|miracle|disappointment|mess|misfire|delight|gem|marvel|failure|achievement|"
       r"letdown|slog|treat|curio|oddity)\b|\bnot without (?:its )?(?:faults|flaws)\b|"
       r"\bdeserves (?:a|an|to)\b|\bruns out of steam\b|\bfalls flat\b|\bnever quite\b",
       1.0, cap=2),
    _f("critic_review", "critic-role", r"\b(?:chief |senior |our )?(?:film|movie) critic\b", 1.5,
       needles="critic"),
    # a capsule's credit header ("Dir. X  Wri. Y", "Cert 12A  96 mins", "With A, B, C.")
    _f("critic_review", "capsule-header",
       r"^\s*(?:Dir(?:/scr)?\.?:?|Wri\.|Cert(?:ificate)?\.?|With)\s+[A-Z0-9]", 0.75, cap=2,
       flags=re.M),
    # a festival dispatch: the critic's report from Venice, Toronto, Cannes
    _f("critic_review", "festival-dispatch",
       r"\b(?:dispatch|diary|festival review|(?:cannes|venice|berlin|toronto|sundance|tiff|sxsw|"
       r"locarno|telluride|busan|rotterdam) review)\b", 1.5, head_only=True),
    # news: announcements, deals, grosses
    _f("news", "announced",
       r"\b(?:announced|confirmed|unveiled|said in a statement|told (?:reporters|the press|"
       r"journalists|Variety|Deadline|The Hollywood Reporter|Screen Daily|IndieWire|the BBC))\b",
       1.5, cap=2, needles="announced|confirmed|unveiled|said in a statement|told "),
    _f("news", "according-to", r"\baccording to\b", 1.0, cap=2, needles="according to"),
    _f("news", "casting",
       r"\b(?:will star|set to (?:star|direct|produce)|has been cast|have been cast|joins? the cast|"
       r"in talks to|attached to (?:star|direct)|"
       r"boards? (?:the|a) (?:project|film|movie|sequel|remake|adaptation))\b", 2.0, cap=2,
       needles="will star|set to |been cast|join|in talks to|attached to |board"),
    _f("news", "box-office",
       r"\b(?:opening weekend|box office|grossed|debuted (?:at|with)|ticket sales|"
       r"(?:topped|led) the (?:chart|box office))\b", 1.0, cap=3,
       needles="opening weekend|box office|grossed|debuted |ticket sales|topped the|led the"),
    _f("news", "deal",
       r"\b(?:acquired (?:the )?(?:\w+ )?(?:rights|distribution)|greenlit|green-lit|"
       r"production (?:begins|began|starts|wrapped)|release date (?:set|moved|pushed))\b",
       1.5, cap=2, needles="acquired |greenlit|green-lit|production |release date "),
    _f("news", "weekday", r"\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
       0.75, cap=2, needles="on monday|on tuesday|on wednesday|on thursday|on friday|on saturday|"
       "on sunday"),
    _f("news", "dateline", r"^[A-Z][A-Z .]{2,30}(?:\([A-Za-z]+\) )?[—–-]\s", 2.0, flags=re.M),
    _f("news", "exclusive", r"\b(?:EXCLUSIVE|BREAKING|Exclusive:)", 1.0, flags=re.M,
       needles="exclusive|breaking"),
    _f("news", "box-office-headline",
       r"^(?:weekend )?box[- ]office\b|\b(?:tops|topped|leads|led|wins|won|rules|ruled) (?:the )?"
       r"(?:weekend|box[- ]office|chart)\b", 1.5, head_only=True),
    # the trade's words for grosses and screens, which reviews rarely use
    _f("news", "trade-words",
       r"\b(?:exhibitors|holdovers?|per-screen|screen average|domestically|theaters|sites|"
       r"distribution rights|acquisitions?|sales agent|head of \w+|spokes(?:man|woman|person))\b",
       0.75, cap=3, needles="exhibitor|holdover|per-screen|screen average|domestically|theaters|"
       "sites|distribution rights|acquisition|sales agent|head of |spokes"),
)

OTHER_BASELINE = 2.0
_TEMPERATURE = 1.5  # softens the softmax: a 2-point lead gives roughly 0.8 confidence

_HEAD_LINES = 6
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself|I'm|I’m|I've|I’ve|I'd|I’d)\b")
_WE = re.compile(r"\b(?:we|us|our)\b", re.I)
_WE_LOWER = re.compile(r"\b(?:we|us|our)\b")  # on lower_for_patterns text
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[str, ...]:
    """The word tokens of ``text``; kind scoring and language detection read the same text."""
    return tuple(_TOKEN.findall(text))
_DATE_LINE = re.compile(
    r"^\s*(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{1,2}, \d{4}|\d{1,2} (?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December) \d{4}|\d{4}-\d{2}-\d{2})\s*$",
    re.M,
)
# Furniture of blogging platforms (WordPress, Blogger): strong evidence of a blog.
_BLOG_FURNITURE = re.compile(
    r"leave a (?:reply|comment)|bloggers like this|^like this:?$|^share this:?$|loading\.\.\.|"
    r"posted by|your email address will not be published|^\d+ (?:comments?|responses?)$",
    re.I,
)
# Furniture every content system has, outlets included: weak evidence of a blog.
_CMS_FURNITURE = re.compile(r"^(?:tagged|tags|categor|filed under|posted in)|comments are closed",
                            re.I)
_OUTLET_FURNITURE = re.compile(
    r"commission|affiliate|all rights reserved|newsletter|subscribe|donate", re.I
)
_CATEGORY_FURNITURE = re.compile(r"^(?:\d{4} in film|cinema of |list of |\d{4} films$)", re.I)


@dataclass(frozen=True)
class KindScores:
    """Every kind's score and the cues behind it, for explaining a decision."""

    scores: dict[DocumentKind, float]
    cues: tuple[str, ...]

    @property
    def best(self) -> tuple[DocumentKind, float]:
        """The winning kind and its softmax share of all scores."""
        top = max(self.scores, key=lambda k: self.scores[k])
        exps = {k: math.exp(v / _TEMPERATURE) for k, v in self.scores.items()}
        return top, exps[top] / sum(exps.values())


def _computed_cues(doc: CleanDocument, words: int,
                   lowered: str | None = None) -> list[tuple[DocumentKind, str, float]]:
    """Cues that are not a single pattern: voice, date lines, removed furniture. ``lowered``:
    ``lower_for_patterns(doc.text)``, when the caller has it."""
    text = doc.text
    cues: list[tuple[DocumentKind, str, float]] = []
    per_k = 1000.0 / max(words, 1)
    first_person = len(_FIRST_PERSON.findall(text)) * per_k
    if words >= 40:
        # critics write in the first person too, so voice alone cannot make a blog
        if first_person >= 4:
            cues.append(("blog_review", "first-person voice", min(2.5, first_person / 5)))
        elif first_person < 1.5:
            cues.append(("encyclopedia", "impersonal voice", 1.0))
            cues.append(("news", "impersonal voice", 0.5))
        if first_person >= 8:
            cues.append(("encyclopedia", "personal voice (against)", -2.0))
            cues.append(("news", "personal voice (against)", -1.5))
    head = "\n".join(text.split("\n")[: _HEAD_LINES * 2])
    if _DATE_LINE.search(head):
        cues.append(("blog_review", "date line at the top", 1.0))
        cues.append(("news", "date line at the top", 0.5))
    removed = doc.removed_lines
    blog_hits = sum(1 for line in removed if _BLOG_FURNITURE.search(line))
    if blog_hits:
        cues.append(("blog_review", "blog-platform furniture removed", min(4.0, 2.0 * blog_hits)))
    elif any(_CMS_FURNITURE.search(line) for line in removed):
        cues.append(("blog_review", "site furniture removed", 0.75))
    if any(_OUTLET_FURNITURE.search(line) for line in removed):
        cues.append(("critic_review", "publisher furniture removed", 0.75))
        cues.append(("dvd_review", "publisher furniture removed", 0.5))
        cues.append(("news", "publisher furniture removed", 0.5))
    categories = sum(1 for line in removed if _CATEGORY_FURNITURE.search(line))
    if categories:
        cues.append(("encyclopedia", "category links removed", min(3.0, 1.5 * categories)))
    we = _WE_LOWER.findall(lowered) if lowered is not None else _WE.findall(text)
    if len(we) * per_k >= 10:
        cues.append(("critic_review", "editorial we", 0.5))
    return cues


def score_kinds(doc: CleanDocument) -> KindScores:
    """Score every kind for ``doc``; see FEATURES for the weights."""
    text = doc.text
    head = "\n".join(line for line in text.split("\n")[: _HEAD_LINES * 2] if line.strip())
    head = "\n".join(head.split("\n")[:_HEAD_LINES])
    if doc.metadata.title:
        head = doc.metadata.title + "\n" + head
    words = len(_tokens(text))
    scores: dict[DocumentKind, float] = {
        "critic_review": 0.0, "blog_review": 0.0, "encyclopedia": 0.0, "list_entry": 0.0,
        "dvd_review": 0.0, "news": 0.0, "other": OTHER_BASELINE,
    }
    cues: list[str] = []
    folded = needle_fold(text)
    lowered = lower_for_patterns(text)
    for feature in FEATURES:
        hits = feature.hits(head, head) if feature.head_only else feature.hits(text, folded, lowered)
        if hits:
            gain = feature.weight * min(hits, feature.cap)
            scores[feature.kind] += gain
            cues.append(f"{feature.kind}:{feature.name}+{gain:g}")
    for kind, name, gain in _computed_cues(doc, words, lowered):
        scores[kind] += gain
        cues.append(f"{kind}:{name}{gain:+g}")
    return KindScores(scores, tuple(cues))


# --- language -------------------------------------------------------------------------------

def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _wordset("the and of to a in is it that was for with as his her on be by this are "
                    "but not have from at they which he she an were has had their its who"),
    "fr": _wordset("le la les de des du et est un une dans pour que qui pas sur au aux avec il "
                    "elle ce cette son sa ses sont par plus ne se lui mais ont"),
    "de": _wordset("der die das und ist nicht ein eine zu den mit von sich auf für dem des im "
                    "er sie es auch als wird wie bei noch nach aus einen"),
    "es": _wordset("el la los las de y que en un una es por con para del se su sus al lo como "
                    "más pero ha fue este esta muy sin sobre también"),
    "it": _wordset("il lo la gli le di che e è un una per con del della non si da al nel "
                    "sono come anche più ma ha dei alla questo questa"),
    "pt": _wordset("o a os as de e que em um uma é do da dos das para com não por se no na "
                    "mais mas foi ao seu sua também como"),
    "nl": _wordset("de het een en van is dat in op te met voor niet zijn er aan ook als maar "
                    "door bij om dan nog wel naar uit deze"),
}
# stopword -> the languages whose profile holds it
_STOPWORD_LANGUAGES: dict[str, tuple[str, ...]] = {
    w: tuple(lang for lang, words in _STOPWORDS.items() if w in words)
    for w in {w for words in _STOPWORDS.values() for w in words}
}
_MIN_LANGUAGE_TOKENS = 15
_MIN_STOPWORD_HITS = 5


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` by stopword profile; "und" when too little text or a tie."""
    tokens = _tokens(text[:20000])
    if len(tokens) < _MIN_LANGUAGE_TOKENS:
        return "und"
    hits = dict.fromkeys(_STOPWORDS, 0)
    for token, n in Counter(tokens).items():  # lower-cased once per distinct token
        for lang in _STOPWORD_LANGUAGES.get(token.lower(), ()):
            hits[lang] += n
    ranked = sorted(hits.items(), key=lambda kv: kv[1], reverse=True)
    (lang, top), (_, second) = ranked[0], ranked[1]
    if top < _MIN_STOPWORD_HITS or top < 1.2 * second:
        return "und"
    return lang


def classify(doc: CleanDocument) -> ClassifiedDocument:
    """Kind (with confidence) and language of a cleaned document."""
    kind, confidence = score_kinds(doc).best
    return ClassifiedDocument(
        document=doc,
        kind=kind,
        language=detect_language(doc.text),
        kind_confidence=round(confidence, 3),
    )


# --- about no film, or about many -------------------------------------------------------------

_FILM_WORDS = re.compile(
    r"\b(?:films?|movies?|cinemas?|cinematic|directed|directors?|directorial|starring|co-stars?|"
    r"cast|actors?|actress(?:es)?|screenplay|screenwriters?|scenes?|premiere[sd]?|box office|"
    r"runtime|running time|documentary|sequel|remake|trailers?|dvd|blu-?ray|oscars?|"
    r"academy awards?|festival|mpaa|bbfc|cinematography|filmmakers?|characters?|plot|"
    r"reviews?|critics?|audiences?|protagonist|narrative|storyline|screen)\b",
    re.I,
)
# Genres of page that people save by mistake, with the words that give each away.
_OFF_TOPIC: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a privacy policy or legal notice", re.compile(
        r"\b(?:privacy|personal (?:data|information)|cookies?|gdpr|ccpa|third[- ]part(?:y|ies)|"
        r"data (?:controller|protection|subjects?)|opt[- ]out|terms of (?:use|service)|consent|"
        r"liability|governing law|jurisdiction|indemnif\w*|retention|processing)\b", re.I)),
    ("a recipe", re.compile(
        r"\b(?:ingredients?|tablespoons?|tbsp|teaspoons?|tsp|preheat(?:ed)?|oven|bake[ds]?|"
        r"whisk|simmer|stir|cups?|grams?|chopped|minced|diced|garnish|serves \d|"
        r"prep time|cook time|flour|butter|sugar|salt and pepper)\b", re.I)),
    ("a shop or checkout page", re.compile(
        r"\b(?:add to (?:cart|basket)|checkout|shipping|in stock|out of stock|free delivery|"
        r"returns policy|quantity|subtotal)\b", re.I)),
    ("an error or login page", re.compile(
        r"\b(?:404|page not found|access denied|forbidden|captcha|sign in to continue|"
        r"enable javascript|session expired)\b", re.I)),
)
_MIN_OFF_TOPIC_HITS = 5
_MIN_WORDS_WITHOUT_FILM = 150
# A list entry line: "3. Amour (2012)", "#7 – Holy Motors (2012)", or a bare "Amour (2012)".
_LIST_ENTRY = re.compile(
    r"^\s*(?:(?:#|No\.\s*)?\d{1,3}[.):]?\s*[-–—:]?\s+)?(?P<title>[^\n()]{1,80}?)\s*"
    r"\((?P<year>(?:18|19|20)\d\d)\)\s*[.:]?\s*$",
    re.M,
)
_RANKED = re.compile(r"^\s*(?:#|No\.\s*)?\d{1,3}[.):]?\s*[-–—:]?\s+\S")
MIN_LIST_FILMS = 4


def _list_films(text: str) -> list[str]:
    """Distinct films a page lists as entries of their own, one per line."""
    seen: dict[str, str] = {}
    for match in _LIST_ENTRY.finditer(text):
        line = match.group(0)
        title = match.group("title").strip(" -–—:\"'“”‘’*")
        words = title.split()
        if not words or len(words) > 10 or not title[0].isupper():
            continue
        if not _RANKED.match(line) and len(line.strip()) > 90:
            continue
        key = re.sub(r"\W+", " ", title.casefold()).strip() + match.group("year")
        seen.setdefault(key, f"{title} ({match.group('year')})")
    return list(seen.values())


def no_film_reason(doc: ClassifiedDocument) -> str | None:
    """Why a document cannot be read as about one film, or None when it can.

    Two outcomes are rejections with a reason rather than guesses: a page about no film at all
    (a privacy policy, a recipe: off-topic vocabulary and next to no film words), and a page
    that lists several films as entries of their own (a top-10 list), whose facts and verdicts
    belong to different films. A short text with no film words is kept: a cut-off excerpt of a
    review may name only its actors.
    """
    text = doc.text
    words = len(_tokens(text))
    film_hits = len(_FILM_WORDS.findall(text))
    for genre, pattern in _OFF_TOPIC:
        found = pattern.findall(text)
        if len(found) >= _MIN_OFF_TOPIC_HITS and film_hits * 3 < len(found):
            examples = ", ".join(dict.fromkeys(f.lower() for f in found))
            return (f"about no film: reads as {genre} ({len(found)} words such as "
                    f"{_shorten(examples)}; {film_hits} film words in {words})")
    if film_hits == 0 and words >= _MIN_WORDS_WITHOUT_FILM:
        return (f"about no film: {words} words without one film word (film, director, cast, "
                "scene ...)")
    films = _list_films(text)
    if len(films) >= MIN_LIST_FILMS:
        shown = "; ".join(films[:6]) + (" ..." if len(films) > 6 else "")
        return (f"a list of {len(films)} films ({shown}), not about one film: save each entry "
                "as a document of its own to read them")
    return None


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(",", 1)[0] + " ..."
