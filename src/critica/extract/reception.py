"""The reception a document reports: other critics' reviews and aggregator figures.

An encyclopedia's "Critical response" section says things like "Peter Bradshaw of The Guardian
gave the film a four-star rating out of five" or "Rotten Tomatoes gives the film a score of 82%
based on 155 reviews". Those are kept apart from the reviews critica reads itself; each record
quotes the one sentence that reports it, an exact substring of the document's clean text.

Reviews are read from sentence shapes, not from a list of critics: "X of Y <verb>", "Y's X
<verb>", "Writing for Y, X <verb>", "X wrote a review for Y", "X (Y) <verb>", an outlet alone
("HitFix praised ..."), a critic alone with a rating or the word "review"/"critic" (a bare name
with "praised" may be an actor). A reporting verb must follow the name (praised, called, gave,
found, said ...); a critic quoted in passing ("as Roger Ebert once said") or set against the
writer's own view ("Unlike X of Y, I found ...") is no review.

Aggregator figures are read by critica.extract.aggregates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from critica.extract.aggregates import AGGREGATOR_WORDS, aggregates
from critica.extract.meta import KNOWN_OUTLETS
from critica.records import ClassifiedDocument, ReportedAggregate, ReportedReview

__all__ = ["extract_reception", "split_sentences"]

# --- sentences ----------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(]?[A-ZÀ-ÖØ-Þ0-9])")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "mt", "prof", "gen", "col", "lt",
    "u.s", "u.k", "e.g", "i.e", "etc", "vol", "inc", "co", "ltd", "approx", "ca", "fig", "op",
})
_MAX_QUOTED_SENTENCE = 600  # beyond this a stray quote mark is more likely than a long quote


def _inside_quote(segment: str) -> bool:
    return segment.count('"') % 2 == 1 or segment.count("“") > segment.count("”")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text``; ``text[start:end]`` is each sentence.

    Lines are paragraphs. Initials ("A. O. Scott") and common abbreviations do not end a
    sentence, nor does a full stop inside an open quotation unless it runs on too long.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        for m in _BOUNDARY.finditer(line):
            word = re.search(r"([\w.]+)[.!?]*$", line[max(start, m.start() - 40):m.start() + 1])
            token = word.group(1).rstrip(".").lower() if word else ""
            initials = re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)  # "A.V. Club", "U.S."
            if len(token) == 1 and token.isalpha() or token in _ABBREVIATIONS or initials:
                continue
            segment = line[start:m.end()]
            # A quote mark right after the stop closes the quotation ('real." Peter'), even
            # when a stray mark earlier upsets the count; a bare stop inside quotes does not.
            closes = m.group(0)[-1] in "\"”’"
            if not closes and _inside_quote(segment) and len(segment) < _MAX_QUOTED_SENTENCE:
                continue
            spans.append((offset + start, offset + m.end()))
            start = m.end()
        spans.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    result: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            result.append((s, e))
    return result


# --- reviews ------------------------------------------------------------------------------

_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
_TOKEN = rf"[{_UP}][{_LO}]*(?:[A-Z][{_LO}]+)?(?:['’-][{_UP}][{_LO}]+)*"
_PARTICLE = r"(?:de|da|di|du|del|della|des|van|von|der|den|la|le|ten|ter|bin|al)"
_PERSON = re.compile(
    rf"(?<![\w.])(?:{_TOKEN}|[A-Z]\.)(?:\s+(?:{_TOKEN}|[A-Z]\.|{_PARTICLE})){{0,3}}\s+{_TOKEN}(?!\w)"
)
_OTOKEN = r"(?:(?:[A-Z]\.){2,}|[A-Z0-9](?:[A-Za-z0-9&-]|\.(?=[A-Za-z]))*|/Film)"
_OUTLET = rf"(?:The\s+)?{_OTOKEN}(?:\s+(?:&\s+)?{_OTOKEN}){{0,4}}"
_AFTER_NAME = re.compile(
    rf"^(?:\s+of\s+(?:the\s+)?|,\s+(?:(?:writing|reviewing)\s+)?(?:for|in)\s+(?:the\s+)?|\s+\(|"
    rf"\s+(?:from|at)\s+(?:the\s+)?|\s+wrote\s+(?:a|an|his|her|their)\s+(?:\w+\s+)?review\s+(?:for|in)\s+(?:the\s+)?|"
    rf",\s+(?:in\s+)?(?:a|an|his|her|their)\s+(?:\w+\s+)?review\s+(?:for|in)\s+(?:the\s+)?)"
    rf"(?P<outlet>{_OUTLET})"
)
# "Writing in X in 1969, Y ...": a short time phrase may follow the outlet.
_WHEN = (r"(?:\s+(?:in|on|for|at|of|upon)\s+(?:(?:the|its|a|an|his|her|their)\s+)?(?:[\w-]+\s+){0,2}?"
         r"(?:\d{4}s?|issue|edition|time|release|debut|premiere)){0,2}")
_PIECE = (r"(?:review|retrospective|reappraisal|appraisal|piece|column|essay|article|write-up|notice|"
          r"assessment|look\s+back|capsule|round-?up)")
_BEFORE_NAME = re.compile(
    rf"(?:(?:^|\s)(?P<poss>{_OUTLET})['’]s\s+(?:(?:film\s+|chief\s+|lead\s+)?(?:critic|reviewer)\s+)?"
    rf"|(?i:writing|reviewing)\s+(?:(?:the|this)\s+(?:film|movie|picture)\s+)?(?:for|in)\s+(?:the\s+)?(?P<lead>{_OUTLET}){_WHEN},\s+"
    rf"|(?i:in)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){{0,2}}{_PIECE}\s+(?:for|in)\s+(?:the\s+)?"
    rf"(?P<review>{_OUTLET}){_WHEN},\s+)$"
)
_ROLE_PREFIX = re.compile(r"^(?:(?:Film|Movie|Chief|Veteran|Noted)\s+)?(?:[Cc]ritic|[Rr]eviewer|[Cc]olumnist)\s+")
_NOT_FIRST = frozenset({
    "The", "A", "An", "In", "On", "At", "However", "While", "Although", "But", "And", "Critics",
    "Writing", "His", "Her", "Their", "Its", "This", "That", "When", "After", "Before", "Both",
    "Also", "Many", "Some", "Several", "Other", "Most", "Overall", "Audiences", "Reviewing",
    "Like", "Unlike", "As", "For", "Of", "It", "He", "She", "They", "Despite", "According",
    "Director", "Actor", "Actress", "Producer", "Star", "Co-star", "Screenwriter", "Writer",
    "Composer", "Filmmaker", "Novelist", "Author", "Cinematographer", "Editor", "President",
})
_OUTLET_WORDS = re.compile(
    r"\b(?:Times|Tribune|Post|Journal|Magazine|Reporter|Review|Weekly|Daily|News|Herald|Guardian|"
    r"Observer|Telegraph|Independent|Chronicle|Gazette|Globe|Voice|Club|Sun|Star|Mail|Express|"
    r"Monthly|Today|Variety|Empire|Radio|Online|Blog|Network|Press|Inquirer|Examiner|Register|"
    r"Media|Magazine|Digest|Insider|Wire|Times-\w+)\b"
)
_NOT_OUTLET = re.compile(
    r"Productions?|Pictures|Studios?|Festival|Academy|Awards?|University|Films\b|Cinéma\b|"
    r"^(?:France|Belgium|England|Britain|America|Canada|Paris|London|Hollywood|Cannes|Europe)$"
)
_STRONG_VERB = (
    r"praised|praises|lauded|hailed|panned|pans|criticized|criticised|criticizes|gave|gives|"
    r"awarded|called|calls|described|describes|rated|rates|dismissed|derided|applauded|commended|"
    r"complimented|found|finds|thought|felt|considered|deemed|label?led|wrote|writes|declared|"
    r"named|enjoyed|loved|liked|disliked|hated|admired|compared|singled out|championed|"
    r"was (?:more |less |also )?(?:critical|positive|negative|enthusiastic|impressed|unimpressed)"
)
_WEAK_VERB = (
    r"said|says|stated|noted|notes|remarked|opined|argued|added|observed|commented|concluded|"
    r"summed up|summarized|summarised|suggested|claimed"
)
_VERB = re.compile(rf"\b(?:(?P<strong>{_STRONG_VERB})|(?P<weak>{_WEAK_VERB}))\b")
_NOT_REVIEW_OBJECT = re.compile(r"^\s+(?:the\s+)?(?:screenplay|script|score|novel|book|music|lyrics|story)\b")
_REVIEW_WORD = re.compile(r"(?i)\b(?:review(?:ed|er|s)?|critic)\b")
_QUOTING = re.compile(r"(?i)\b(?:as|like)\s+$")
_NUMW = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d)?)"
_NUMW_RE = rf"(?i:{_NUMW})"
_RATING = re.compile(
    rf"\b(?:a|an|the)\s+{_NUMW_RE}(?:-and-a-half|½)?[- ]star\s+(?:rating|review)(?:\s+out\s+of\s+{_NUMW_RE})?"
    rf"|\b{_NUMW_RE}(?:\s+and\s+a\s+half|½)?\s+(?:out\s+of\s+{_NUMW_RE}\s+)?stars?(?:\s+out\s+of\s+{_NUMW_RE})?"
    r"|\b\d+(?:\.\d+)?\s*/\s*\d+\b|\b\d+(?:\.\d+)?\s+out\s+of\s+\d+\b"
    r"|\bgrade\s+(?:of\s+)?[\"“]?(?P<grade>[A-DF][+\-−]?)[\"”]?(?![\w-])"
    r"|\b(?:it|the film|the movie)\s+(?:a|an)\s+[\"“]?(?P<letter>[A-DF][+\-−]?)[\"”]?(?![\w+-])"
    r"|\*{1,5}(?:1/2|½)?(?:\s+out\s+of\s+\*{1,5})?|\b(?:two\s+)?thumbs\s+(?:up|down)|\bfull marks\b"
)
_RATING_CONTEXT = re.compile(r"(?i)\b(?:gave|gives|giving|awarded|awarding|rated|rating|earned|with|score)\b")
_LEADING_OUTLET = re.compile(
    rf"^(?:(?:However|Meanwhile|Similarly|Likewise|Conversely),\s+)?(?:the\s+)?(?P<outlet>{_OUTLET})"
    rf"(?:['’]s\s+(?:review|critic|reviewer))?\s+(?:(?:also|was|more)\s+)?(?=(?:{_STRONG_VERB}|{_WEAK_VERB})\b)"
)
# "A reviewer for X found ...": the outlet is named, the critic is not.
_UNNAMED_CRITIC = re.compile(
    rf"\b(?i:an?|one|the|its)\s+(?:(?i:anonymous|unnamed|unsigned|uncredited|staff|film|contemporary)\s+)?"
    rf"(?i:critic|reviewer|writer|columnist)\s+(?:for|at|from|of|in|with)\s+(?:the\s+)?(?P<outlet>{_OUTLET})"
)
_PASSIVE_OUTLET = re.compile(rf"\b(?:praised|panned|criticized|criticised|lauded|reviewed) by (?:the\s+)?(?P<outlet>{_OUTLET})")
# A headline names a film with its year and the word review ("Night of the Living Dead (1968)
# review", "Review: The Salt Orchard (2021)", with or without a subtitle after a dash or
# colon): it announces the document's own review, it reports nobody else's.
_YEAR = r"\(\s*(?:1[89]|20)\d\d\s*\)"
_HEADLINE = re.compile(
    rf"(?i)^(?:[^.!?()\n]{{1,150}}?\s*{_YEAR}\s*(?:[:|–—-]\s*)?(?:(?:film|movie|dvd|blu-ray)\s+)?"
    rf"review(?:ed)?\b(?:\s*[:|–—-].*)?"
    rf"|review\s*[:|–—-]\s*[^.!?()\n]{{1,150}}?\s*{_YEAR}(?:\s*[:|–—-].*)?)$"
)
# "the Living Dead", "a Salt Orchard": capitalised words after an article are a title or a
# noun phrase, not a person ("the critic Anna Vell" puts "critic" between them).
_ARTICLE_BEFORE = re.compile(r"(?:^|[\s(])(?:the|a|an)\s+$")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int  # in the sentence
    critic: str | None
    outlet: str | None


def _clean_outlet(outlet: str | None) -> str | None:
    if outlet is None:
        return None
    outlet = outlet.strip(" ,.)")
    if not outlet or _NOT_OUTLET.search(outlet) or AGGREGATOR_WORDS.search(outlet):
        return None
    if not re.search(r"[^\W\d_]", outlet):
        return None  # "(1968)" after a title is its year, not the outlet of a critic
    return outlet


_KNOWN_OUTLETS_LOWER = frozenset(o.lower() for o in KNOWN_OUTLETS)


def _outlet_shaped(name: str) -> bool:
    """True when a capitalised name looks like a publication, not a person."""
    return (name.lower() in _KNOWN_OUTLETS_LOWER
            or bool(re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", name))  # HitFix, IndieWire
            or name.lower().endswith(".com") or bool(_OUTLET_WORDS.search(name)))


def _person(raw: str) -> str | None:
    name = _ROLE_PREFIX.sub("", raw.strip())
    words = name.split()
    if len(words) < 2 or words[0] in _NOT_FIRST or _outlet_shaped(name):
        return None
    if AGGREGATOR_WORDS.search(name) or _NOT_OUTLET.search(name):
        return None
    return name


def _mentions(sentence: str) -> list[_Mention]:
    found: list[_Mention] = []
    for m in _PERSON.finditer(sentence):
        raw = m.group(0)
        prefix = _ROLE_PREFIX.match(raw)
        critic = _person(raw)
        if critic is None:
            continue
        start = m.start() + (prefix.end() if prefix else 0)
        # Only the words just before a name matter; a bounded window keeps long texts linear.
        if _QUOTING.search(sentence[max(0, start - 20):start]):
            continue  # "as Roger Ebert once said" quotes a critic, it reports no review
        if _ARTICLE_BEFORE.search(sentence[max(0, start - 5):start]):
            continue
        outlet: str | None = None
        after = _AFTER_NAME.match(sentence[m.end():])
        before = _BEFORE_NAME.search(sentence[max(0, m.start() - 150):m.start()])
        if after:
            outlet = _clean_outlet(after.group("outlet"))
        if outlet is None and before:
            outlet = _clean_outlet(before.group("poss") or before.group("lead") or before.group("review"))
        if outlet is None:
            # A critic without an outlet must be the subject of the sentence.
            opening = sentence[:start].strip() if start <= 80 else "-"
            if opening and not re.fullmatch(r"(?:\w+\s*){0,4},", opening):
                continue
        found.append(_Mention(start, m.end(), critic, outlet))
    if not found:
        lead = _LEADING_OUTLET.match(sentence)
        if lead and _outlet_shaped(lead.group("outlet").strip()):
            outlet = _clean_outlet(lead.group("outlet"))
            if outlet:
                found.append(_Mention(lead.start("outlet"), lead.end("outlet"), None, outlet))
        unnamed = _UNNAMED_CRITIC.search(sentence)
        if not found and unnamed:
            outlet = _clean_outlet(unnamed.group("outlet"))
            if outlet:
                found.append(_Mention(unnamed.start("outlet"), unnamed.end("outlet"), None, outlet))
        passive = _PASSIVE_OUTLET.search(sentence)
        if not found and passive and _outlet_shaped(passive.group("outlet")):
            outlet = _clean_outlet(passive.group("outlet"))
            if outlet:
                found.append(_Mention(passive.start("outlet"), passive.end("outlet"), None, outlet))
    return found


def _rating(window: str) -> str | None:
    for m in _RATING.finditer(window):
        text = m.group(0).strip()
        # "the two stars of the film" are actors; a rating is given, awarded, rated ...
        bare_stars = re.search(r"stars?$", text) and "out of" not in text
        if bare_stars and not _RATING_CONTEXT.search(window[max(0, m.start() - 30):m.start()]):
            continue
        return m.group("grade") or m.group("letter") or text
    return None


def _reports_review(sentence: str, mention: _Mention, limit: int) -> bool:
    """A reporting verb follows the mention (before the next one) and fits the evidence."""
    tail = sentence[mention.end:limit]
    for verb in _VERB.finditer(tail):
        if re.search(r"(?:^|[\s,])I\s", tail[:verb.start()]):
            return False  # "Unlike X of Y, I found ..." is the writer's own view
        if _NOT_REVIEW_OBJECT.match(tail[verb.end():]):
            continue
        rated = _rating(tail) is not None
        if mention.outlet is None:
            # A bare name with "praised" may be an actor or director: ask for a rating or
            # the word review/critic before taking the person for a critic.
            return rated or bool(_REVIEW_WORD.search(sentence))
        return True  # a named outlet makes even "said" a report of its review
    # "X wrote a review for Y praising ..." puts the verb in the outlet clause itself
    return bool(mention.outlet and re.search(r"\breview\b", sentence[mention.start:limit]))


def _shared_limit(sentence: str, mentions: list[_Mention], i: int) -> int:
    """Where mention i's clause ends: at the next mention, unless the two are coordinated
    ("X of A and Y of B both praised ...") and share the verb that follows them."""
    j = i
    while j + 1 < len(mentions):
        gap = sentence[mentions[j].end:mentions[j + 1].start]
        if len(gap) > 80 or _VERB.search(gap) or not re.search(r"(?:,|\band)\s*$", gap):
            break
        j += 1
    return mentions[j + 1].start if j + 1 < len(mentions) else len(sentence)


def _reviews(path: str, text: str, spans: list[tuple[int, int]]) -> list[ReportedReview]:
    found: list[ReportedReview] = []
    seen: set[tuple[str, str]] = set()
    surnames: set[str] = set()
    for s, e in spans:
        sentence = text[s:e]
        # A report needs a reporting verb or the word "review" (see _reports_review): most
        # sentences have neither, and skipping them spares the name parse.
        if "review" not in sentence and not _VERB.search(sentence):
            continue
        if _HEADLINE.match(sentence):
            continue
        mentions = _mentions(sentence)
        for i, mention in enumerate(mentions):
            limit = _shared_limit(sentence, mentions, i)
            if not _reports_review(sentence, mention, limit):
                continue
            key = ((mention.critic or "").lower(), (mention.outlet or "").lower())
            surname = mention.critic.split()[-1] if mention.critic else ""
            if key in seen or (mention.outlet is None and surname in surnames):
                continue
            seen.add(key)
            if surname:
                surnames.add(surname)
            found.append(ReportedReview(
                path=path, critic=mention.critic, outlet=mention.outlet,
                rating_text=_rating(sentence[mention.end:limit]), quote=sentence,
            ))
    return found


def extract_reception(
    doc: ClassifiedDocument,
) -> tuple[tuple[ReportedReview, ...], tuple[ReportedAggregate, ...]]:
    """Reviews and aggregator figures the document reports about the film, in text order."""
    text = doc.text
    spans = split_sentences(text)
    return tuple(_reviews(doc.path, text, spans)), tuple(aggregates(doc.path, text, spans))
