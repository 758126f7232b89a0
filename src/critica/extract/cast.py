"""Cast members and their characters, in the shapes pages print them:

    "Marion Cotillard as Stéphanie"             one per line, or inside a cast list
    "Cast: A, B" / "STARRING: A, B and C"       lists, possibly with "(Character)"
    "starring A and B", "performances by A and B"
    "Stephanie (Marion Cotillard)"              character, then actor in parentheses
    "Ali (Schoenaerts)"                         a surname: resolved against the actors named elsewhere
    "As Stéphanie, ..., Cotillard is ..."       "A is terrific as B", "A plays B", "Schoenaerts' Ali"

Which side of a parenthesis is the actor is decided by what the rest of the document says:
names in a cast list or "performances by" are actors; a first name alone is usually a character.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from critica.classify import lower_twin
from critica.extract.context import Context
from critica.extract.people import leading_name, looks_like_company, name_list, trailing_name
from critica.extract.places import DEMONYMS, REGIONS
from critica.extract.spans import Span, fold, lines
from critica.records import CastMember

_AS_LINE = re.compile(r"^[\s*•·\-–]*(?P<rest>.+?)\s+(?:as|\.\.\.+|…)\s+(?P<char>[\"“'‘]?[A-Za-z].{0,60})$")
# A lower-case role ("as the cemetery ghoul", "as himself") is believed only inside a cast
# list: this many "Name as Role" lines in the document make one.
_LIST_LINES = 3
_ROLE_ARTICLE = re.compile(r"^(?:(?:the|a|an)\s+)?(?:voice\s+of\s+)?(?:the\s+)?", re.I)
_ROLE_NOTE = re.compile(r"\s*\((?:voice|uncredited|credited|archive|motion|cameo|also|as\b|segment|scenes?)[^()]*\)\s*$")
_STARRING = re.compile(
    r"\b(?:starring|co-starring|stars|with\s+(?:a\s+)?cast\s+(?:that\s+)?(?:includes?|including))"
    r":?\s+(?=[A-Z])|\b(?:lead(?:ing)?\s+|central\s+|title\s+)?performances?\s+(?:\w+\s+){0,2}?"
    r"(?:by|from)\s+(?=[A-Z])|\bcast\s+(?:includes|including|of)\s+(?=[A-Z])", re.I)
_STARRING_LOWER = lower_twin(_STARRING)
_STARRING_NEEDLES = ("star", "cast", "performance")  # one is in every match (speed only)
_ACTOR_WORD = re.compile(r"\b(?:actor|actress|star|co-star|newcomer)\s+(?=[A-Z])", re.I)
_ACTOR_WORD_LOWER = lower_twin(_ACTOR_WORD)
_ACTOR_WORD_NEEDLES = ("actor", "actress", "star", "newcomer")
_PLAYS = re.compile(r"\s+(?:plays|played|portrays|stars\s+as|is\s+cast\s+as)\s+(?=[“\"]?[A-Z])")
_IS_AS = re.compile(
    r"\s+(?:is|was|shines|excels|appears|turns\s+up|stars|co-stars)\s+(?:[a-z\-]+\s+){0,4}?as\s+"
    r"(?:(?:an?\s+[^,;.]{0,50}?\b(?:named|called)|(?:his|her|their|the)\s+(?:[a-z\-]+\s+){0,2}?"
    r"[a-z\-]+)\s+)?(?=[A-Z])")
_COMMA_AS = re.compile(r",\s+as\s+(?=[A-Z]|an?\s|the\s)")
_NAMED = re.compile(r"(?:an?\s+[^,;]{0,50}?\b(?:named|called)|the\s+(?:[a-z\-]+\s+){0,2}[a-z\-]+)\s+(?=[A-Z])")
# "Julian Ortiz brings a loose humour to Deputy Reyes": the actor gives something to a role.
_BRINGS_TO = re.compile(
    r"\s+(?:brings|lends|gives|adds)\s+(?:[\w,-]+\s+){1,5}?to\s+(?:the\s+role\s+of\s+)?(?=[A-Z])")
_BRINGS_VERBS = ("brings", "lends", "gives", "adds")  # one is in every match (speed only)
# Cast-list entries printed with a leader: "Sheriff Bodine ........ Wes Calloway" (character
# first in trade papers) or "Seán Moriarty — Tom Hale" (actor first in most lists).
_LEADER_LINE = re.compile(r"^[\s*•·\-–]*(?P<a>[^\W\d_].{1,50}?)\s*(?:\.{3,}|…+|\s[—–]\s)\s*(?P<b>[^\W\d_].{1,50})$")
_ROLE_TITLES = frozenset(
    """sheriff deputy captain inspector detective sergeant officer agent father mother sister
    brother uncle aunt dr dr. doctor mr mr. mrs mrs. miss ms ms. professor colonel major
    lieutenant general mayor judge reverend nurse lady lord king queen prince princess old
    young little big""".split())  # noqa: SIM905
_MEDIA_WORDS = frozenset("blu-ray dvd 4k uhd vod digital streaming netflix".split())  # noqa: SIM905
_AS_OPENER = re.compile(r"^As\s+(?P<char>[A-Z][^,]{1,40}),\s")
_ACTOR_VERB = re.compile(r"\s+(?:is|was|gives|brings|makes|plays|proves|shines|delivers)\b")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
_DESCRIPTOR = re.compile(
    r"^(?:(?:played|voiced|portrayed)\s+by|newcomer|actor|actress|star|the|a|an|young|veteran|"
    r"real-life|co-star|breakout|first-timer|debutant|child\s+actor|[A-Z][a-z]+ian)\s+")
_NOT_CHARACTER = frozenset(fold(x) for x in [*DEMONYMS, *REGIONS])


def read_cast(ctx: Context) -> None:
    for kl, _region in ctx.keyed("cast"):
        # A bare "Cast" heading runs over the lines below it; there a one-word line is the
        # next section ("Production"), not a mononymous actor.
        multiline = "\n" in kl.quote.text
        for actor, character in _cast_items(kl.value, min_tokens=2 if multiline else 1,
                                             lower_roles=True):
            ctx.add("cast", CastMember(actor, character), kl.quote)
    # _as_line_actor takes no sentence over 100 characters: those skip the match (speed only)
    as_lines = [(sent, name, m.group("char")) for sent in ctx.sentences
                if len(sent.text) <= 100 and (m := _AS_LINE.match(sent.text))
                and (name := _as_line_actor(ctx, sent, m.group("rest")))]
    in_list = len(as_lines) >= _LIST_LINES
    for sent, name, role in as_lines:
        character = _clean_char(role, lower_ok=in_list)
        if character or not role[:1].islower():  # "X as the villain is ..." outside a list: prose
            ctx.add("cast", CastMember(name, character), sent)
    for sent in ctx.sentences:
        if not any(n in ctx.folded(sent) for n in _STARRING_NEEDLES):
            continue
        for s in ctx.finditer(_STARRING, _STARRING_LOWER, sent):
            for actor, character in _cast_items(sent.text[s.end():], min_tokens=2):
                ctx.add("cast", CastMember(actor, character), sent)
    _leader_lines(ctx)
    actors = _Actors(ctx)
    for sent in ctx.sentences:
        _parentheses(ctx, sent, actors)
        _prose_roles(ctx, sent, actors)


def _leader_lines(ctx: Context) -> None:
    """Dot-leader and dash cast lists, oriented by the whole list: character first when any
    entry opens with a role title ("Sheriff", "Deputy") or its right side names known actors."""
    entries: list[tuple[Span, str, str]] = []
    for sent in lines(ctx.text) if ("..." in ctx.text or "—" in ctx.text or "–" in ctx.text) else ():
        m = _LEADER_LINE.match(sent.text)
        if not m:
            continue
        a, b = leading_name(m.group("a")), leading_name(m.group("b"))
        if not a or not b or a.end != len(m.group("a").rstrip()) or b.end != len(m.group("b").rstrip()):
            continue
        entries.append((sent, a.name, b.name))
    if len(entries) < 2:
        return
    known = {fold(v.actor) for v in ctx.values("cast") if isinstance(v, CastMember)}
    character_first = sum(
        1 for _, a, b in entries
        if a.split()[0].lower() in _ROLE_TITLES or fold(b) in known or len(a.split()) == 1
    ) > sum(1 for _, a, b in entries if fold(a) in known or b.split()[0].lower() in _ROLE_TITLES)
    for sent, left, right in entries:
        actor, role = (right, left) if character_first else (left, right)
        if len(actor.split()) >= 2:
            ctx.add("cast", CastMember(actor, role), sent)


def _as_line_actor(ctx: Context, sent: Span, rest: str) -> str | None:
    """The actor of a whole line "Name as Role" (a cast-list entry), or None."""
    if len(sent.text) > 100 or sent.text != _line_of(ctx, sent):
        return None
    listed = leading_name(rest, min_tokens=2)
    return listed.name if listed and listed.end == len(rest) else None


def _line_of(ctx: Context, sent: Span) -> str:
    start = ctx.text.rfind("\n", 0, sent.start) + 1
    end = ctx.text.find("\n", sent.end)
    return ctx.text[start: end if end >= 0 else len(ctx.text)].strip()


def _cast_items(text: str, min_tokens: int = 1, lower_roles: bool = False) -> list[tuple[str, str | None]]:
    """"A, B as C, D (E) and F" -> [(A, None), (B, C), (D, E), (F, None)]."""
    out: list[tuple[str, str | None]] = []
    pos = 0
    while True:
        found = leading_name(text[pos:], min_tokens=min_tokens)
        if not found or found.possessive:
            break
        pos += found.end
        character = None
        tail = re.match(r"\s*\(([^()]{1,60})\)|\s+as\s+([A-Za-z][^,;()]{0,40}?)(?:\s*\([^()]{0,40}\))?(?=,|;|\s+and\s|$|\.)",
                        text[pos:])
        if tail:
            character = _clean_char(tail.group(1) or tail.group(2), lower_ok=lower_roles)
            pos += tail.end()
        out.append((found.name, character))
        sep = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*)", text[pos:])
        if not sep or not sep.group(0):
            break
        pos += sep.end()
    return out


def _clean_char(text: str | None, lower_ok: bool = False) -> str | None:
    """The role as a cast list prints it, without a description or a "(voice)" note.

    With ``lower_ok`` a descriptive role is kept without its article ("the cemetery ghoul"
    -> "cemetery ghoul"); elsewhere a lower-case word after "as" is no role ("as usual").
    """
    if not text:
        return None
    text = re.split(r"\s+[–—-]\s+|,\s|;", text.strip())[0].strip().rstrip(".")
    text = _ROLE_NOTE.sub("", text).strip()
    if text[:1].islower() or text.lower().startswith(("the voice of ", "voice of ")):
        if not lower_ok:
            return None
        text = _ROLE_ARTICLE.sub("", text, count=1)
        if not text or len(text.split()) > 5 or re.search(r"\b(?:who|which|that|is|was)\b", text):
            return None
    if not text or not (text[0].isalpha() or text[0] in "\"“'‘"):
        return None
    return text


class _Actors:
    """Who the document elsewhere calls an actor, by full name and by surname."""

    def __init__(self, ctx: Context) -> None:
        self.full: dict[str, str] = {}
        for value in ctx.values("cast"):
            assert isinstance(value, CastMember)
            self.full.setdefault(fold(value.actor), value.actor)
        for sent in ctx.sentences:
            if not any(n in ctx.folded(sent) for n in _ACTOR_WORD_NEEDLES):
                continue
            for m in ctx.finditer(_ACTOR_WORD, _ACTOR_WORD_LOWER, sent):
                for person in name_list(sent.text[m.end():], min_tokens=2):
                    self.full.setdefault(fold(person.name), person.name)
        self.surnames: dict[str, str] = {}
        for key, name in self.full.items():
            self.surnames.setdefault(key.split()[-1], name)
        self.characters = {fold(v.character) for v in ctx.values("cast")
                           if isinstance(v, CastMember) and v.character}
        self._ctx = ctx

    @cached_property
    def doc_names(self) -> dict[str, str]:
        """Every full name in the document by its folded key (computed on first use: most
        documents never need it)."""
        return {fold(n.name): n.name for n in self._ctx.full_names()}

    @cached_property
    def recurring(self) -> set[str]:
        """Capitalised words the document uses three times or more (computed on first use)."""
        words = Counter(re.findall(r"\b[A-Z][^\W\d_]+\b", self._ctx.text))
        return {fold(w) for w, n in words.items() if n >= 3}

    def expand(self, name: str) -> str | None:
        """A full name from anywhere in the document that ends in surname ``name``."""
        if len(name.split()) >= 2:
            return name
        matches = {full for key, full in self.doc_names.items() if key.split()[-1] == fold(name)}
        return matches.pop() if len(matches) == 1 else None

    def resolve(self, name: str) -> str | None:
        """The full actor name ``name`` refers to, or None when it is not a known actor."""
        key = fold(name)
        if key in self.full:
            return self.full[key]
        if " " not in key:
            surname = key
            if surname in self.surnames:
                return self.surnames[surname]
            for s, full in self.surnames.items():  # "Schoenaert's" for Schoenaerts
                if len(s) > 5 and _close(s, surname):
                    return full
        return None


def _close(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= 88


def _inside_name(inner: str) -> str | None:
    inner = inner.strip()
    while (m := _DESCRIPTOR.match(inner)):
        inner = inner[m.end():]
    found = leading_name(inner, max_tokens=4)
    if not found or found.possessive:
        return None
    rest = inner[found.end:].strip()
    if rest and not rest.startswith((",", ";", "–", "—", "-")):
        return None
    return found.name


_RANKED_START = re.compile(r"^\s*(?:#|No\.?\s*)?\d{1,4}\s*[.:)–—-]\s+\S")
_NOT_PERSON_INSIDE = re.compile(
    r"\b(?:Competition|Festival|Section|Sidebar|Panorama|Forum|Awards?|Prize|Programme|Program|"
    r"Series|Market|Showcase)\b|^\s*(?:La|Le|Les|L['’]|Der|Die|Das|El|Los|Las|Il|Lo|Gli|Het|"
    r"Een|Une|Un)\s", re.I)


def _parentheses(ctx: Context, sent: Span, actors: _Actors) -> None:
    text = sent.text
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        if re.match(r"\s*(?:as|aka|a\.k\.a\.|also known as|known as)\b", inner, re.I):
            continue
        if _paired(ctx, sent, text[: m.start()], inner, actors):
            continue
        if _RANKED_START.match(text) or _NOT_PERSON_INSIDE.search(inner):
            continue  # "4. Gideon's Weather (Leontyne Brasher)": a list entry's director;
            # "(U.S. Dramatic Competition)", "(La Dernière Écluse)": a section, a title
        inside = _inside_name(inner)
        if not inside or fold(inside) in _NOT_CHARACTER or looks_like_company(inside):
            continue  # "Blu-ray (Harbourside Classics)": a label, not a player
        before = text[: m.start()].rstrip()
        outside_match = trailing_name(before)
        outside = outside_match.name if outside_match and outside_match.end == len(before) else None
        if outside and (fold(outside) in _NOT_CHARACTER or _is_sentence_opener(before, outside_match)):
            outside = None
        if outside and outside.lower() in _MEDIA_WORDS:
            continue
        pair = _decide(inside, outside, actors)
        if pair:
            ctx.add("cast", CastMember(*pair), sent)


_TWO_BEFORE = re.compile(r"(?<![\w’'])(?P<x>[A-Z][^\W\d_]+)\s+(?:and|&)\s+(?P<y>[A-Z][^\W\d_]+)\s*$")


def _paired(ctx: Context, sent: Span, before: str, inner: str, actors: _Actors) -> bool:
    """"Tom and Judy (Keith Wayne and Judith Ridley)": two roles, two players, in order."""
    inside = name_list(inner.strip())
    if len(inside) != 2 or inside[-1].end != len(inner.strip()):
        return False
    outside = _TWO_BEFORE.search(before)
    if not outside:
        return False
    names = [i.name for i in inside] + [outside["x"], outside["y"]]
    if any(fold(n) in _NOT_CHARACTER for n in names):
        return False
    pairs = [_decide(i.name, o, actors) for i, o in zip(inside, (outside["x"], outside["y"]), strict=True)]
    if not all(pairs):
        return False
    for pair in pairs:
        assert pair is not None
        ctx.add("cast", CastMember(*pair), sent)
    return True


def _is_sentence_opener(before: str, match: object) -> bool:
    # A lone capitalised word opening the sentence may be an ordinary word ("Here (...)").
    return bool(match) and before.count(" ") == 0 and before.lower() in (
        "here", "there", "this", "that", "it", "she", "he", "they")


def _decide(inside: str, outside: str | None, actors: _Actors) -> tuple[str, str | None] | None:
    in_actor = actors.resolve(inside)
    out_actor = actors.resolve(outside) if outside else None
    n_in = len(inside.split())
    if outside is None:
        return (in_actor, None) if in_actor else None
    n_out = len(outside.strip("\"“”").split())
    if in_actor and not out_actor:
        return in_actor, outside
    if out_actor and not in_actor:
        return out_actor, inside
    if fold(inside) in actors.characters and n_out >= 2:
        return outside, inside
    if n_in >= 2 and (n_out == 1 or not in_actor):
        return inside, outside  # "Stephanie (Marion Cotillard)": reviews name the actor second
    if n_out >= 2 and n_in == 1:
        return outside, inside  # "Marion Cotillard (Stéphanie)": cast lists
    return None


_POSSESSIVE_ROLE = re.compile(r"(?<![\w’'])([A-Z][^\W\d_\-]+)(?:[’']s?)\s+(?P<char>[A-Z][^\W\d_]+)\b")


def _prose_roles(ctx: Context, sent: Span, actors: _Actors) -> None:
    text = sent.text
    # "A is terrific as B", "A plays B", "A brings humour to B"
    for needles, pattern in (((" as ",), _IS_AS), (("play", "portray", " as "), _PLAYS),
                             ((" to ",), _BRINGS_TO)):
        if not any(n in text for n in needles):
            continue
        if pattern is _BRINGS_TO and not any(v in text for v in _BRINGS_VERBS):
            continue
        for m in pattern.finditer(text):
            before = text[: m.start()]
            actor_m = trailing_name(before)
            if not actor_m or actor_m.end != len(before):
                continue
            actor = actors.resolve(actor_m.name) or (
                actor_m.name if len(actor_m.name.split()) >= 2 else None)
            character = leading_name(text[m.end():], max_tokens=3)
            if actor and character and fold(character.name) not in _NOT_CHARACTER:
                ctx.add("cast", CastMember(actor, character.name), sent)
    # "Tess Aldana, as Mina, is the teenager who wants to leave"
    for m in _COMMA_AS.finditer(text):
        who = trailing_name(text[: m.start()])
        rest = text[m.end():]
        # "Walt Brennan, as a retired harbour pilot named Augie, steals every scene"
        named = _NAMED.match(rest)
        offset = named.end() if named else 0
        character = leading_name(rest[offset:], max_tokens=3)
        if who is None or character is None or who.end != m.start():
            continue
        after = rest[offset + character.end:]
        actor = actors.resolve(who.name) or (who.name if len(who.name.split()) >= 2 else None)
        if actor and re.match(r"\s*,", after) and fold(character.name) not in _NOT_CHARACTER:
            ctx.add("cast", CastMember(actor, character.name), sent)
    # "As Stéphanie, trainer of killer whales, Cotillard is ..."
    m2 = _AS_OPENER.match(text)
    if m2:
        character = leading_name(m2.group("char"), max_tokens=3)
        for v in _ACTOR_VERB.finditer(text, m2.end()):
            who = trailing_name(text[: v.start()])
            # This construction names an actor even when no list did: expand a surname
            # through the full names the document uses.
            actor = (actors.resolve(who.name) or actors.expand(who.name)) if who else None
            if actor and character:
                ctx.add("cast", CastMember(actor, character.name), sent)
                break
    # "Schoenaerts' Ali is a man at odds with himself"
    for m3 in _POSSESSIVE_ROLE.finditer(text) if "'" in text or "’" in text else ():
        actor = actors.resolve(m3.group(1))
        char = m3.group("char")
        if actor and (fold(char) in actors.characters or fold(char) in actors.recurring) \
                and not actors.resolve(char) and fold(char) not in _NOT_CHARACTER \
                and leading_name(char) is not None:
            ctx.add("cast", CastMember(actor, char), sent)
