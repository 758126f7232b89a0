"""Distributors and production companies named in prose, by what the sentence says they do.

``credits.read_credits`` reads credit lines and the fixed phrasings ("distributed by X",
"A X release of a Y production"). This reader adds the shapes where the company is the subject
or is named by its role:

    "Tallis Street Films gave it a limited release"           -> distributor
    "specialty outfit Lanternfly Pictures will open it in ..."  -> distributor
    "Pyramide Rouge will release it in France"                  -> distributor
    "Pyramide Rouge is the French distributor"                  -> distributor
    "figures released by the distributor, Palisade Entertainment" -> distributor
    "Harrow Lane Pictures acquired the North American rights"   -> distributor
    "on VOD the same day via Blackfin Releasing"                -> distributor
    "Monarch Releasing's R-rated thriller X opened ..."         -> distributor
    "produced by A and B for Meridian Hill Films and Northlight Pictures" -> both companies
    "a co-production between Kilkenny's Corrán Animation and Bristol's Thimble Street Studio"
    "a French-Belgian co-production (Lune Noire Productions with Les Films du Môle)"
    "Ironclad Pictures and Blue Pike Entertainment produced ..." -> production companies

A name counts only when it looks like a company (Films, Pictures, Releasing ...) unless a role
word names it ("the distributor, X", "X is the French distributor").
"""

from __future__ import annotations

import re

from critica.extract.context import Context
from critica.extract.people import company_list, looks_like_company
from critica.extract.spans import Span, needle_fold

# Subject + verb phrase of a distributor: the company is the run of capitalised words before it.
_DIST_VERB = re.compile(
    r"(?P<company>(?<![\w’'])[A-Z][\w&+.'’-]*(?:\s+(?:[A-Z0-9][\w&+.'’-]*|of|du|de|&)){0,4})\s+"
    r"(?:(?:will|would|is\s+set\s+to|plans\s+to|has|had|then|also|is\s+to|are\s+to)\s+)?"
    r"(?:(?:release[sd]?|open(?:s|ed)?|distribute[sd]?|put\s+out|bring(?:s)?|brought)\s+"
    r"(?:it|the\s+film|the\s+movie|the\s+picture)\b|"
    r"(?:has|had)\s+it\s+(?:in|dated|set|slated|opening)\b|"
    r"(?:gave|gives|will\s+give)\s+it\s+(?:an?\s+)?(?:\w+\s+){0,2}?release\b|"
    r"(?:acquired|picked\s+up|bought|took|takes|has\s+taken|secured|landed)\s+(?:the\s+)?"
    r"(?:[\w.-]+\s+){0,3}?(?:rights|distribution)\b|"
    r"is\s+(?:the\s+|its\s+)?(?:[\w.-]+\s+){0,2}?distributor\b)")
# Role before the name: "the distributor, X", "distributor X", "via X" in a release sentence.
_ROLE_BEFORE = re.compile(
    r"\b(?:the\s+(?:[\w.-]+\s+)?distributor,?\s+|(?:[A-Z][a-z]+\s+)?distributor\s+(?=[A-Z]))(?=[A-Z])")
_VIA = re.compile(r"\b(?:via|through)\s+(?=[A-Z])")
_RELEASE_WORD = re.compile(r"\b(?:releas\w*|VOD|DVD|Blu-ray|streaming|digital|theaters|theatres|"
                           r"cinemas|opened|opens)\b", re.I)
_POSSESSIVE_FILM = re.compile(
    r"(?P<company>(?<![\w’'])[A-Z][\w&+.-]*(?:\s+[A-Z][\w&+.-]*){0,3})[’']s?\s+(?:[\w-]+\s+){0,3}"
    r"(?:film|movie|thriller|drama|comedy|release|horror|documentary|feature|picture)\b"
    r"[^.;]{0,80}\b(?:opened|debuted|grossed|took|earned|topped|led)\b")
# Production: "produced by A for X and Y", "co-production between/with X and Y".
_FOR_COMPANIES = re.compile(r"\bproduced\s+by\s+[^.;]{0,80}?\bfor\s+(?=(?:the\s+)?[A-Z])")
_COPRODUCTION = re.compile(
    r"\bco-?production\s+(?:between|with|of|by)\s+(?:the\s+)?(?:[A-Z][\w ]{0,30}?\s+company\s+)?"
    r"(?=[A-Z])|\bco-?production\s+\((?=[A-Z])", re.I)
_PRODUCED_SUBJECT = re.compile(
    r"(?P<companies>(?<![\w’'])[A-Z][\w&+.'’-]*(?:\s+(?:[A-Z0-9][\w&+.'’-]*|of|du|de|and|&)){0,9})"
    r"\s+(?:co-)?produced\b")
_AND_WITH = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+with\s+|\s*&\s*)")


def read_companies(ctx: Context) -> None:
    for sent in ctx.unkeyed_sentences():
        folded = needle_fold(sent.text)
        if "distribut" in folded or "releas" in folded or "open" in folded or "rights" in folded \
                or "via" in folded or "through" in folded or "gave" in folded:
            _distributors(ctx, sent)
        if "produc" in folded:
            _producers(ctx, sent)


def _distributors(ctx: Context, sent: Span) -> None:
    text = sent.text
    for m in _DIST_VERB.finditer(text):
        company = _trim(m.group("company"))
        role = "distributor" in m.group(0)  # "X acquired the rights" may be a novel's
        if company and (looks_like_company(company) or (role and len(company.split()) >= 1
                                                         and company.split()[0] not in _NOT)):
            ctx.add("distributors", company, sent)
    for m in _ROLE_BEFORE.finditer(text):
        found = company_list(text[m.end():])
        if found and found[0].name.split()[0] not in _NOT:
            ctx.add("distributors", found[0].name, sent)
    if _RELEASE_WORD.search(text):
        for m in _VIA.finditer(text):
            found = company_list(text[m.end():])
            if found and looks_like_company(found[0].name):
                ctx.add("distributors", found[0].name, sent)
        for m in _POSSESSIVE_FILM.finditer(text):
            company = _trim(m.group("company"))
            if company and looks_like_company(company):
                ctx.add("distributors", company, sent)


def _producers(ctx: Context, sent: Span) -> None:
    text = sent.text
    for m in _FOR_COMPANIES.finditer(text):
        for company in _companies(text[m.end():]):
            ctx.add("production_companies", company, sent)
    for m in _COPRODUCTION.finditer(text):
        for company in _companies(text[m.end():]):
            ctx.add("production_companies", company, sent)
    for m in _PRODUCED_SUBJECT.finditer(text):
        if re.match(r"\s+(?:it|the\s+film|the\s+movie|the\s+picture|on|in|with)\b",
                    text[m.end():]) is None and not text[m.end():].startswith((" ", ".", ",")):
            continue
        names = [n for n in re.split(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)",
                                      m.group("companies")) if n]
        names = [_trim(n) for n in names]
        if names and all(n and looks_like_company(n) for n in names):
            for name in names:
                if name:
                    ctx.add("production_companies", name, sent)


def _companies(text: str) -> list[str]:
    """Companies listed at the start of ``text``, joined by ",", "and", "with", "&"."""
    out: list[str] = []
    pos = 0
    while len(out) < 6:
        found = company_list(text[pos:])
        if not found:
            break
        first = found[0]
        name = first.name.rstrip(").,;:]")  # "Films)." at the end of a parenthesis
        if not looks_like_company(name):
            break
        out.append(name)
        pos += first.end
        sep = _AND_WITH.match(text, pos)
        if not sep or sep.end() == pos:
            break
        pos = sep.end()
    return out


# Words that begin a clause, not a company's name.
_NOT_WORDS = "The A An It Its This That He She They His Her Their We I And But Then Also In On " \
    "At For With By From Which Who"
_NOT = frozenset(_NOT_WORDS.split())


def _trim(name: str) -> str | None:
    """A company name without a leading sentence word ("Then Kestrel Films" -> "Kestrel Films")
    or place possessive ("Bristol's Thimble Street Studio")."""
    words = name.split()
    while words and (words[0] in _NOT or words[0].endswith(("'s", "’s"))):
        words.pop(0)
    while words and words[-1].lower() in ("of", "du", "de", "&", "and"):
        words.pop()
    return " ".join(words) if words else None
