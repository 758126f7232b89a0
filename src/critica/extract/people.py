"""Proper names of people and companies, read from the text that follows a trigger.

A name is a run of capitalised words, with particles (de, van, von, le, da ...), hyphens,
apostrophes, diacritics and initials ("A. O. Scott"). It stops at a comma, " and ", a
parenthesis, a verb or any lower-case word: a credit line like "directed by Jacques Audiard,
starring ..." yields exactly "Jacques Audiard".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from critica.extract.places import DEMONYMS

PARTICLES = frozenset(
    "de van von der den le la da di du del della des ter ten bin ibn al el dos das do y d'".split()  # noqa: SIM905
)

# Capitalised words that never begin or continue a person's name. Sentence openers, credit
# words, months and the like: without them "Directed By Jacques Audiard" would be one name.
_NOT_NAME = frozenset(
    """the a an this that these those it its he she they his her their our my your we i in on at
    for with and or but of from by to as after before when while if though although since so yet
    also then there here what who which where how why not no all both each every some one two
    three four five six seven eight nine ten starring directed written produced music cast
    featuring director directors writer writers producer producers screenplay composer stars
    star score runtime running rated rating release released budget country language genre
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday oscar oscars academy golden best film films movie movies cinema newcomer
    actor actress veteran young little big mr mrs ms dr sir dame lord lady part parts chapter
    episode season volume act scene review reviews leave reply posted share tweet email print
    read more here now today yesterday tomorrow despite however meanwhile unfortunately
    instead although overall finally still even just only perhaps maybe sometimes later earlier
    soon eventually suddenly afterwards once yes well during until another other such many
    most much few several whether because
    god christ jesus heaven hell""".split()  # noqa: SIM905
) | frozenset(DEMONYMS)

_TOKEN = re.compile(r"\S+")
_TRAIL = "\"”’'),;:!?]"
_NAME_CHARS = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:[-'’][^\W\d_]+)*\.?$")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")
_COLUMN_GAP = re.compile(r"\s{3}|\t|\n")


@dataclass(frozen=True)
class NameMatch:
    name: str  # as written, but title-cased when the source was all capitals
    start: int  # offsets into the string that was parsed
    end: int
    possessive: bool = False

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


def _accept(core: str) -> bool:
    if _INITIAL.match(core):
        return True
    if not _NAME_CHARS.match(core) or not core[0].isupper():
        return False
    if core.endswith(".") and len(core) > 3:  # "Audiard." ends a sentence, not an initial
        return False
    return core.lower().rstrip(".") not in _NOT_NAME


_MONTH_NAMES = frozenset({"june", "may", "april", "august"})


_NEXT_WORD = re.compile(r"\s+(\S+)")
_SPACES = re.compile(r"\s*")


def _next_is_name(text: str, pos: int) -> bool:
    nxt = _NEXT_WORD.match(text, pos)
    if nxt is None:
        return False
    return _accept(nxt.group(1).rstrip(_TRAIL)) and not nxt.group(1)[:1].isdigit()


def leading_name(text: str, min_tokens: int = 1, max_tokens: int = 5) -> NameMatch | None:
    """The person's name at the start of ``text`` (leading spaces allowed), or None."""
    return leading_name_at(text, 0, min_tokens, max_tokens)


def leading_name_at(text: str, pos: int, min_tokens: int = 1, max_tokens: int = 5) -> NameMatch | None:
    """``leading_name(text[pos:])`` with offsets into ``text``, without copying the rest of a
    long text for every word a caller tries."""
    words: list[tuple[str, int, int]] = []
    possessive = False
    for m in _TOKEN.finditer(text, pos):
        if words and _COLUMN_GAP.search(text, words[-1][2], m.start()):
            break  # "Dir. Maeve Dunleavy   Wri. ...": a capsule's columns are not one name
        raw = m.group(0)
        core = raw.rstrip(_TRAIL)
        poss = False
        for suffix in ("'s", "’s", "s'", "s’"):
            if core.endswith(suffix) and len(core) > 3:
                core = core[: -2] if suffix[0] in "'’" else core[: -1]
                poss = True
                break
        stop = core != raw  # trailing punctuation: the name ends here
        if core.endswith(".") and not _INITIAL.match(core) and core.lower() not in ("st.", "jr.", "sr."):
            core, stop = core[:-1], True
        lower = core.lower()
        if not words and lower in _MONTH_NAMES and _next_is_name(text, m.end()):
            words.append((core, m.start(), m.start() + len(core)))  # "June Castellano"
            continue
        if (words and lower in PARTICLES) or _accept(core):
            words.append((core, m.start(), m.start() + len(core)))
        else:
            break
        if poss:
            possessive = True
            break
        if stop or len(words) >= max_tokens:
            break
    while words and words[-1][0].lower() in PARTICLES:
        words.pop()
    if len(words) < min_tokens or not words:
        return None
    lead = _SPACES.match(text, pos)
    if lead is None or words[0][1] != lead.end():
        return None
    name = " ".join(w for w, _, _ in words)
    if name.isupper() and len(name) > 3:
        name = _title_case(name)
    return NameMatch(name, words[0][1], words[-1][2], possessive)


def trailing_name(text: str, max_tokens: int = 4) -> NameMatch | None:
    """The name (a character's, often with a quoted nickname) at the end of ``text``."""
    toks = list(_TOKEN.finditer(text))
    picked: list[re.Match[str]] = []
    for m in reversed(toks):
        raw = m.group(0)
        inner = raw.strip("\"“”'‘’")
        quoted = raw != inner and bool(inner) and _accept(inner)  # a nickname: Alain “Ali”
        month_name = bool(picked) and raw.lower() in _MONTH_NAMES  # "May Lindqvist"
        if quoted or month_name or _accept(raw) or (picked and raw.lower() in PARTICLES):
            picked.append(m)
        else:
            break
        if len(picked) >= max_tokens:
            break
    while picked and picked[-1].group(0).lower() in PARTICLES:
        picked.pop()
    if not picked:
        return None
    picked.reverse()
    start, end = picked[0].start(), picked[-1].end()
    return NameMatch(text[start:end], start, end)


def _title_case(name: str) -> str:
    return " ".join(
        w if w.lower() in PARTICLES else "-".join(p[:1] + p[1:].lower() for p in w.split("-"))
        for w in name.split()
    )


_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*|\s*/\s*|\s*;\s*)")


def name_list(text: str, min_tokens: int = 1) -> list[NameMatch]:
    """Names separated by commas, "and", "&" or "/" at the start of ``text``.

    Stops at the first item that is not a name ("Jacques Audiard and starring ..." -> one).
    """
    out: list[NameMatch] = []
    pos = 0
    while True:
        m = leading_name_at(text, pos, min_tokens=min_tokens)
        if m is None:
            break
        out.append(m)
        pos = m.end
        if m.possessive:
            break
        sep = _SEPARATOR.match(text, pos)
        if not sep or sep.end() == pos:
            break
        pos = sep.end()
    return out


# --- companies -------------------------------------------------------------------------------

COMPANY_WORDS = frozenset(
    """productions production pictures picture films film studios studio entertainment cinéma
    cinema cine company media group inc inc. ltd ltd. llc gmbh s.a. sa distribution releasing
    classics features television tv channel bros bros. records animation partners capital video
    works fund foundation canal+ filmproduktion producciones filmes cinematograph organization
    organisation corporation corp corp. enterprises industries associates distributors""".split()  # noqa: SIM905
)
_COMPANY_LINKS = frozenset("du de des la le of the & et d' di del da von van y".split())  # noqa: SIM905
_COMPANY_PREFIX = re.compile(
    r"^(?:the\s+)?(?:(?:[A-Z][a-z]+)\s+)?(?:production\s+|distribution\s+)?"
    r"(?:company|companies|studio|studios|distributor|outfit|banner)\s+",
)


_PLACE_PREFIX = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.-]*['’]s|[A-Z][\w.]*(?:\s[A-Z][\w.]*)?-based)\s+(?=[A-Z])")


def looks_like_company(name: str) -> bool:
    return any(w.lower().strip(",") in COMPANY_WORDS for w in name.split())


def leading_company(text: str) -> NameMatch | None:
    """A company name at the start of ``text``: capitalised words, digits and links (du, of)."""
    lead = len(text) - len(text.lstrip())
    body = text[lead:]
    if body.startswith("the ") and body[4:5].isupper():
        lead += 4  # "by the Walter Reade Organization": the article is not part of the name
        body = text[lead:]
    place = _PLACE_PREFIX.match(body)
    if place:  # "Madrid's Puerto Sur Producciones", "the Cork-based Saltmarsh Films"
        lead += place.end()
        body = text[lead:]
    prefix = _COMPANY_PREFIX.match(body)
    if prefix and (prefix.group(0).split()[0].lower() == "the" or _is_demonym_prefix(prefix.group(0))):
        lead += prefix.end()
        body = text[lead:]
    words: list[tuple[str, int, int]] = []
    for m in _TOKEN.finditer(body):
        raw = m.group(0)
        core = raw.rstrip(_TRAIL)
        if core.lower() not in COMPANY_WORDS:  # keep "Inc." whole, drop a sentence's period
            core = core.rstrip(".")
        stop = core != raw
        ok = (core[:1].isupper() or core[:1].isdigit() or core.endswith("+")) and core.lower() not in (
            "on", "in", "for", "at", "the"
        )
        if not ok and words and core.lower() in _COMPANY_LINKS:
            ok = True
        if not ok or (not words and core.lower() in _NOT_NAME and core.lower() not in ("why",)):
            break
        words.append((core, m.start(), m.start() + len(core)))
        if stop or len(words) >= 6:
            break
    while words and (words[-1][0].lower() in _COMPANY_LINKS or (
            words[-1][0].lower() in _NOT_NAME and words[-1][0].lower() not in COMPANY_WORDS)):
        words.pop()
    if not words:
        return None
    name = " ".join(w for w, _, _ in words)
    return NameMatch(name, lead + words[0][1], lead + words[-1][2])


def _is_demonym_prefix(prefix: str) -> bool:
    first = prefix.split()[0]
    first = prefix.split()[1] if first.lower() == "the" and len(prefix.split()) > 1 else first
    return first in DEMONYMS or first.lower() in ("production", "distribution", "company")


def company_list(text: str) -> list[NameMatch]:
    out: list[NameMatch] = []
    pos = 0
    while True:
        m = leading_company(text[pos:])
        if m is None:
            break
        out.append(NameMatch(m.name, pos + m.start, pos + m.end))
        pos += m.end
        sep = _SEPARATOR.match(text, pos)
        if not sep or sep.end() == pos:
            break
        pos = sep.end()
    return out


_CAPITALISED_PAIR = re.compile(
    r"\S+\s+(?:(?:" + "|".join(re.escape(p) for p in sorted(PARTICLES, key=len, reverse=True))
    + r")\s+){0,2}[\"“‘']?(?=[^\W\d_])(?![a-zß-ÿ])")


# A word's first letter; ASCII lower case is left out here, as the isupper test below would.
_WORD_START = re.compile(r"(?<![\w’'])[^\W\d_a-z]")


def iter_full_names(text: str) -> Iterator[NameMatch]:
    """Every run of two or more name words in ``text`` (for surname expansion)."""
    for m in _WORD_START.finditer(text):
        if m.start() and text[m.start() - 1].isalpha():
            continue
        # A full name needs a capitalised word followed by another (or a particle): checking
        # that first skips the name parse at nearly every word of ordinary prose.
        if not text[m.start()].isupper() or not _CAPITALISED_PAIR.match(text, m.start()):
            continue
        found = leading_name_at(text, m.start(), min_tokens=2)
        if found:
            yield found
