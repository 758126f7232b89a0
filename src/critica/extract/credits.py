"""Crew and companies: directors, writers, producers, composer, production companies and
distributors, from credit blocks ("Director: X") and from prose ("directed by X")."""

from __future__ import annotations

import bisect
import re

from critica.extract.context import Context
from critica.extract.people import (
    company_list,
    leading_name_at,
    looks_like_company,
    name_list,
)
from critica.extract.spans import Span, fold, needle_fold

_PERSON_FIELDS = ("directors", "writers", "producers", "composer")

# Prose triggers: the names follow the match. Each regex is tried on every sentence that
# holds one of its words (lower case; every match contains one), the cheap test first.
_PROSE: list[tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]]] = [
    (("writers", "directors"), ("directed",), re.compile(
        r"\b(?:co-)?written,?\s+(?:and|&)\s+(?:co-)?directed\s+by:?\s+", re.I)),
    (("directors",), ("directed",), re.compile(r"\b(?:co-)?directed\s+by:?\s+", re.I)),
    (("directors",), ("dir.",), re.compile(r"\b[Dd]ir\.\s+(?=[A-Z])")),
    (("writers",), ("wri.", "scr."), re.compile(r"\b(?:[Ww]ri|[Ss]cr)\.\s+(?=[A-Z])")),
    (("writers", "directors"), ("writer",),
     re.compile(r"\b(?:[Ww]riter-director|[Ww]riter/director)\s+(?=[A-Z])")),
    (("directors",), ("filmmaker", "director"),
     re.compile(r"(?:\bfilmmaker|\b(?:from|by)\s+director)\s+(?=[A-Z])")),
    (("writers",), ("written", "screenplay", "script", "writer"), re.compile(
        r"\b(?:co-)?written\s+by:?\s+|\bscreenplay\s+(?:\w+\s+){0,2}?by:?\s+|"
        r"\bscript\s+(?:\w+\s+){0,2}?by:?\s+|\bco-writer\s+(?=[A-Z])|\bscreenwriter\s+(?=[A-Z])",
        re.I)),
    (("producers",), ("produce",),
     re.compile(r"\b(?:co-)?produced\s+by:?\s+|\bproducer\s+(?=[A-Z])", re.I)),
    (("composer",), ("music", "score", "soundtrack", "compose", "scored"), re.compile(
        r"\b(?:music|score|soundtrack)\s+(?:\w+\s+){0,2}?(?:composed\s+)?by:?\s+|"
        r"\bcomposed\s+by:?\s+|\bcomposer\s+(?=[A-Z])|\bmusic\s+from\s+(?=[A-Z])|\bscored\s+by:?\s+|"
        r"\bmusic\s*:\s*(?=[A-Z])", re.I)),
]
# Every needle of _PROSE: a sentence with none of them skips the loop (speed only).
_PROSE_NEEDLES = tuple(dict.fromkeys(n for _, needles, _ in _PROSE for n in needles))
# "written by" after a book word credits the book's author, not the film's writer.
_SOURCE_WORK = re.compile(
    r"\b(?:novel|book|stor(?:y|ies)|play|memoir|article|poem|collection|comic|song|essay)s?\s+"
    r"(?:\w+\s+){0,3}$", re.I)
# "a film by X" is a credit only at the start of a line or in a short heading line.
_FILM_BY = re.compile(r"(?:^|[–—|]\s*)an?\s+(?:\w+\s+)?film\s+by\s+", re.I)
# "Alexandre Desplat's sparse score": a possessive full name a few words before "score".
_POSSESSIVE_SCORE = re.compile(r"[’']s?\s+(?:[a-z\-]+\s+){0,2}(?:score|soundtrack|music)\b")
# "Jacques Audiard's new film", "Okafor's second feature", "Dunleavy's sun-bleached drama":
# the reviewed film, unlike "X's last two films" or "X's earlier work".
_POSSESSIVE_FILM = re.compile(
    r"^[’']s?\s+(?:(?:new|latest|newest|most\s+recent|first|second|third|fourth|fifth|debut|"
    r"sophomore)\s+(?:[a-z][\w-]*\s+){0,2}?(?:feature|film|movie|picture|drama|comedy|thriller|"
    r"documentary)|(?:debut|directorial\s+debut)|(?:[a-z][\w-]*\s+){1,2}(?:drama|comedy|thriller|"
    r"western|melodrama))\b(?!s)")
# "The Okafor film", "the Nell Okafor picture": a director's name used as an adjective.
_THE_NAME_FILM = re.compile(
    r"\b[Tt]he\s+(?P<who>[A-Z][^\W\d_'’-]+(?:[ -][A-Z][^\W\d_'’-]+){0,2})\s+(?:film|picture|movie)\b")
# "Inés Carral, whose film took the top prize": the film's maker.
_WHOSE_FILM = re.compile(
    r"(?<![\w’'])(?P<who>[A-Z][^\W\d_'’-]+(?:[ -][A-Z][^\W\d_'’-]+){1,2}),\s+whose\s+"
    r"(?:new\s+|latest\s+)?(?:film|movie|feature|debut|picture)\b")
# "Maeve Dunleavy directed it", "Okafor, who also wrote the picture", "(who wrote it too)".
_DIRECTED_IT = re.compile(
    r"(?<![\w’'])(?P<who>[A-Z][^\W\d_'’-]+(?:[ -][A-Z][^\W\d_'’-]+){1,2})\s+(?:co-)?directed\s+"
    r"(?:it|the\s+film|the\s+picture|the\s+movie)\b")
_WHO_WROTE = re.compile(
    r"(?<![\w’'])(?P<who>[A-Z][^\W\d_'’-]+(?:[ -][A-Z][^\W\d_'’-]+){0,2}),?\s*\(?\s*who\s+"
    r"(?:also\s+)?(?:co-)?wrote\s+(?:it|the\s+(?:script|screenplay|film|picture|movie))\b"
    r"(?:\s+(?:too|as\s+well))?(?:,?\s+with\s+(?:(?:his|her|their)\s+co-?writer,?\s+)?(?=[A-Z]))?")
# "she wrote it with Padraig Holm": the co-writer (the pronoun is the director named before).
_PRONOUN_WROTE = re.compile(
    r"\b(?:she|he|they)\s+(?:also\s+)?(?:co-)?wrote\s+(?:it|the\s+(?:script|screenplay))"
    r"(?:\s+with\s+(?=[A-Z]))?")
# Trade credit runs: "Screenplay, A, B; camera (color), C; editor, D; music, E."
_TRADE_CREDIT = re.compile(
    r"(?:^|[.;]\s+)(?P<key>[Ss]creenplay|[Ww]riters?|[Mm]usic|[Ss]core|[Pp]roducers?)\s*,\s+(?=[A-Z])")
_TRADE_NEEDLES = ("creenplay", "riter", "usic", "core", "roducer")  # speed only
_TRADE_FIELDS = {"screenplay": "writers", "writer": "writers", "writers": "writers",
                 "music": "composer", "score": "composer", "producer": "producers",
                 "producers": "producers"}
# "A Halvorsen Films release of a Blue Ridge Pictures production", "X is a Saltmarsh Films
# production": the distributor and the production company.
_RELEASE_OF = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+(?=[A-Z])(?P<dist>.{2,60}?)\s+release\s+of\s+an?\s+(?P<prod>.{2,60}?)\s+"
    r"(?:production|presentation)\b")
_A_PRODUCTION = re.compile(r"\b(?:is|was)\s+an?\s+(?=[A-Z])(?P<prod>.{2,60}?)\s+production\b")


def read_credits(ctx: Context) -> None:
    for name in _PERSON_FIELDS:
        for kl, _region in ctx.keyed(name):
            items = _person_items(kl.value)
            if name == "producers" and items and all(looks_like_company(n) for n in items):
                for company in company_list(kl.value):
                    ctx.add("production_companies", company.name, kl.quote)
                continue
            for person in items:
                ctx.add(name, person, kl.quote)
    # On a disc review "Studio:" names the label that releases the disc, not the producer.
    home_video = ctx.doc.kind == "dvd_review" or bool(_DISC.search(ctx.text[:300]))
    for name in ("production_companies", "distributors"):
        for kl, _region in ctx.keyed(name):
            if kl.key == "label" and not home_video:
                continue  # elsewhere "Label:" is more often a record label
            target = "distributors" if home_video and kl.key in ("studio", "studios") else name
            for company in company_list(kl.value):
                ctx.add(target, company.name, kl.quote)
    for sent in ctx.sentences:
        _prose_people(ctx, sent)
        _prose_companies(ctx, sent)


def _person_items(value: str) -> list[str]:
    names = [m.name for m in name_list(value)]
    if not names:  # a company in a producer line: "Produced by: Why Not Productions"
        names = [m.name for m in company_list(value)]
    return names


def _prose_people(ctx: Context, sent: Span) -> None:
    text = sent.text
    folded = needle_fold(text)
    for fields, needles, pattern in _PROSE if any(n in folded for n in _PROSE_NEEDLES) else ():
        if not any(n in folded for n in needles):
            continue
        for m in pattern.finditer(text):
            if "writers" in fields and _SOURCE_WORK.search(text[: m.start()]):
                continue
            after = text[m.end():]
            if fields == ("producers",) and looks_like_company(_head(after)):
                continue  # "produced by Why Not Productions": a company, read below
            for person in name_list(after):
                if person.possessive and fields != ("composer",):
                    break
                # one-word names only right after an explicit credit verb
                if len(person.tokens) < 2 and not re.search(r"by:?\s+$", m.group(0)):
                    continue
                for f in fields:
                    ctx.add(f, person.name, sent)
    # "Nandakumar, who wrote the script with Joel Ambrose": both are writers.
    for m in _WROTE_WITH.finditer(text) if "wrote" in text else ():
        full = _full_name(ctx, m.group("who"))
        if full:
            ctx.add("writers", full, sent)
        for person in name_list(text[m.end():], min_tokens=2):
            ctx.add("writers", person.name, sent)
    for m in _FILM_BY.finditer(text) if "film" in folded else ():
        line_start = m.start() == 0 or len(text) <= 80
        if line_start:
            for person in name_list(text[m.end():], min_tokens=2):
                ctx.add("directors", person.name, sent)
    # Possessives: "Alexandre Desplat's sparse score", "Jacques Audiard's new film".
    marks = [m.start() for m in _APOSTROPHE.finditer(text)] if "'" in text or "’" in text else []
    # an owner's name ends at an apostrophe that one of the two patterns accepts: without
    # such an apostrophe no name can pass, and the parse is skipped (speed only)
    owned = any(_POSSESSIVE_SCORE.match(text[p:]) or _POSSESSIVE_FILM.match(text[p:]) for p in marks)
    for start in _word_starts(text) if owned else ():
        # a possessive needs an apostrophe within a few words: skip the name parse otherwise
        at = bisect.bisect_right(marks, start)
        if at == len(marks) or marks[at] - start > 60:
            continue
        owner = leading_name_at(text, start, min_tokens=2, max_tokens=4)
        if owner is None or not owner.possessive:
            continue
        rest = text[owner.end:]
        if _POSSESSIVE_SCORE.match(rest):
            ctx.add("composer", owner.name, sent)
        elif _POSSESSIVE_FILM.match(rest):
            ctx.add("directors", owner.name, sent)
    for m in _POSSESSIVE_WORD.finditer(text) if marks else ():
        if _POSSESSIVE_FILM.match(text[m.end("who"):]):  # "Okafor's second feature"
            full = _full_name(ctx, m.group("who"))
            if full and full != m.group("who"):
                ctx.add("directors", full, sent)
    _maker_phrases(ctx, sent)
    # "Audiard's unsentimental handling": a surname is enough when the document gives the
    # full name elsewhere.
    direction = marks and any(n in text for n in _DIRECTION_NEEDLES)
    for m in _POSSESSIVE_DIRECTION.finditer(text) if direction else ():
        full = _full_name(ctx, m.group("who"))
        if full:
            ctx.add("directors", full, sent)


_POSSESSIVE_WORD = re.compile(r"(?<![\w’'])(?P<who>[A-Z][^\W\d_'’-]+)[’']s?\s+")
_APOSTROPHE = re.compile(r"[’']")


def _maker_phrases(ctx: Context, sent: Span) -> None:
    """Directors and writers named by what they did rather than by a credit word."""
    text = sent.text
    for needles, pattern in ((("film", "picture", "movie"), _THE_NAME_FILM), (("whose",), _WHOSE_FILM),
                             (("directed",), _DIRECTED_IT)):
        if any(n in text for n in needles):
            for m in pattern.finditer(text):
                full = _full_name(ctx, m.group("who"))
                if full and _is_person(full):
                    ctx.add("directors", full, sent)
    if "wrote" in text:
        for m in _WHO_WROTE.finditer(text):
            full = _full_name(ctx, m.group("who"))
            if full and _is_person(full):
                ctx.add("writers", full, sent)
            if m.group(0).rstrip().endswith(("with", "writer", "writer,")) or text[m.end():m.end() + 1].isupper():
                for person in name_list(text[m.end():], min_tokens=2):
                    ctx.add("writers", person.name, sent)
        for m in _PRONOUN_WROTE.finditer(text):
            director = _DIRECTED_IT.search(text[: m.start()])
            if director:
                full = _full_name(ctx, director.group("who"))
                if full:
                    ctx.add("writers", full, sent)
            if text[m.end():m.end() + 1].isupper():
                for person in name_list(text[m.end():], min_tokens=2):
                    ctx.add("writers", person.name, sent)
    trade = "," in text and any(n in text for n in _TRADE_NEEDLES)
    for m in _TRADE_CREDIT.finditer(text) if trade else ():
        fieldname = _TRADE_FIELDS[m.group("key").lower()]
        for person in name_list(text[m.end():], min_tokens=2):
            ctx.add(fieldname, person.name, sent)
    if "release" in text or "production" in text:
        for m in _RELEASE_OF.finditer(text):
            for group, fieldname in (("dist", "distributors"), ("prod", "production_companies")):
                found = company_list(m.group(group))
                if found and looks_like_company(found[0].name):
                    ctx.add(fieldname, found[0].name, sent)
        for m in _A_PRODUCTION.finditer(text):
            found = company_list(m.group("prod"))
            if found and looks_like_company(found[0].name):
                ctx.add("production_companies", found[0].name, sent)


def _is_person(name: str) -> bool:
    return not looks_like_company(name) and len(name.split()) >= 2


def _full_name(ctx: Context, name: str) -> str | None:
    if len(name.split()) >= 2:
        return name
    for found in ctx.full_names():
        if fold(found.tokens[-1]) == fold(name):
            return found.name
    return None


_WROTE_WITH = re.compile(
    r"(?<![\w’'])(?P<who>[A-Z][^\W\d_'’-]+(?:[ -][A-Z][^\W\d_'’-]+){0,2}),?\s+who\s+(?:also\s+)?"
    r"(?:co-)?wrote\s+(?:the\s+)?(?:script|screenplay)\s+with\s+(?=[A-Z])")
_POSSESSIVE_DIRECTION = re.compile(
    r"(?<![\w’'])(?P<who>[A-Z][^\W\d_'’-]+(?:[ -][A-Z][^\W\d_'’-]+){0,2})[’']s?\s+"
    r"(?:[a-z\-]+\s+){0,2}?(?:direction|handling|helming|filmmaking|mise-en-sc[eè]ne|"
    r"directing|directorial)\b")
_DIRECTION_NEEDLES = ("direct", "handling", "helming", "filmmaking", "mise-en-sc")  # speed only


_WORD_START = re.compile(r"(?<![\w’'\-])[A-Z]")


def _word_starts(text: str) -> list[int]:
    return [m.start() for m in _WORD_START.finditer(text)]


def _head(text: str) -> str:
    first = company_list(text)
    return first[0].name if first else ""


_DISC = re.compile(r"\b(?:DVD|Blu-?ray|4K|UHD)\b", re.I)
# Triggers whose following name counts only when it looks like a company ("... Films").
_COMPANY_ONLY: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    ("production_companies", ("made", "produced", "financed", "developed"), re.compile(
        r"\bproduced\s+by\s+[^.;]{0,60}?\bfor\s+(?=[A-Z])|"
        r"\b(?:made|produced|financed|developed)\b(?:[^.;]|\.\d){0,60}?\bby\s+(?=(?:the\s+)?[A-Z])", re.I)),
    ("distributors", ("release", "opened", "distributed", "into"), re.compile(
        r"\b(?:released|release|opened|distributed|put\s+(?:it\s+)?into\s+cinemas)\b(?:[^.;]|\.\d){0,80}?"
        r"\bby\s+(?=(?:the\s+)?[A-Z])", re.I)),
]
# "Anvil Point Studios produced it", "Kestrel Films opened it in New York".
_COMPANY_SUBJECT = re.compile(
    r"^(?P<company>(?:[A-Z][\w&+.'’-]*\s+){0,4}[A-Z][\w&+.'’-]*)\s+(?:(?:has|had|will)\s+)?"
    r"(?P<verb>produced|co-produced|financed|opened|released|distributed|release|open)\s+"
    r"(?:it|the\s+film|the\s+movie)\b")
# Verbs of which every _COMPANY_SUBJECT and _ACQUIRED match holds one (speed only).
_SUBJECT_VERBS = ("produced", "financed", "open", "release", "distributed")
_ACQUIRED_VERBS = ("acquired", "picked up", "bought", "secured")
_COMPANY_PROSE: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    ("production_companies", ("produced", "production compan", "association"), re.compile(
        r"\b(?:co-)?produced\s+(?:by|with)\s+(?=(?:the\s+)?[A-Z])|\bproduction\s+compan(?:y|ies)\s+"
        r"(?=[A-Z])|\bin\s+association\s+with\s+(?=[A-Z])", re.I)),
    ("distributors", ("distributed", "through"), re.compile(
        r"\bdistributed\s+(?:\w+\s+){0,3}?by\s+(?=(?:the\s+)?[A-Z])|"
        r"\b(?:released|opened|opens|distributed)\b[^.;]{0,60}?\bthrough\s+(?=[A-Z])", re.I)),
]
# "Image Ten, which financed and produced the picture": "which" makes the name an organisation.
_WHICH_PRODUCED = re.compile(
    r"(?<![\w’'])(?P<company>[A-Z][\w&+.'’-]*(?:\s+(?:of\s+)?[A-Z0-9][\w&+.'’-]*){0,4}),\s+which\s+"
    r"(?:(?:also|had|has)\s+)?(?:(?:financed|developed|backed)\s+and\s+)?(?:co-)?produced\s+"
    r"(?:the\s+)?(?:film|picture|movie|feature)\b")
# "StudioCanal UK acquired the British distribution rights".
_ACQUIRED = re.compile(
    r"^(?P<company>.+?)\s+(?:acquired|picked up|bought|secured)\s+(?:the\s+)?(?:\w+\s+){0,2}?"
    r"(?:distribution|release|theatrical)\s+rights")


def _prose_companies(ctx: Context, sent: Span) -> None:
    text = sent.text
    folded = needle_fold(text)
    for fieldname, needles, pattern in _COMPANY_PROSE:
        if not any(n in folded for n in needles):
            continue
        for m in pattern.finditer(text):
            found = company_list(text[m.end():])
            if fieldname == "production_companies" and m.group(0).lower().startswith(
                ("produced by", "co-produced by")
            ) and not (found and looks_like_company(found[0].name)):
                continue  # "produced by Jane Doe" names a person
            for company in found:
                ctx.add(fieldname, company.name, sent)
    for fieldname, needles, pattern in _COMPANY_ONLY if "by" in folded else ():
        if not any(n in folded for n in needles):
            continue
        for m in pattern.finditer(text):
            found = company_list(text[m.end():])
            if found and looks_like_company(found[0].name):
                ctx.add(fieldname, found[0].name, sent)
    subject = _COMPANY_SUBJECT.match(text) if any(n in text for n in _SUBJECT_VERBS) else None
    if subject and looks_like_company(subject.group("company")):
        verb = subject.group("verb")
        fieldname = "production_companies" if "produced" in verb or verb == "financed" else "distributors"
        ctx.add(fieldname, subject.group("company"), sent)
    # "... to form Image Ten, which financed and produced the picture"
    if "which" in text:
        for m3 in _WHICH_PRODUCED.finditer(text):
            ctx.add("production_companies", m3.group("company"), sent)
    m2 = _ACQUIRED.match(text) if any(n in text for n in _ACQUIRED_VERBS) else None
    if m2:
        found = company_list(m2.group("company"))
        if found and found[0].end == len(m2.group("company").rstrip()):
            ctx.add("distributors", found[0].name, sent)
