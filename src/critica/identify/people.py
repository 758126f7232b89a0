"""Names of the people a document credits (director, cast), used to tell same-titled films apart.

Only names in a credit position are taken: after "directed by", "starring", "Director:",
"Cast:", in "Name as Character" cast lines and in the "Character (Actor Name)" habit of
reviews. A bare capitalised pair elsewhere is too often a place, an outlet or a character.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from critica.identify.normalize import fold_ascii, word_set

MAX_PEOPLE = 24

_PARTICLES = word_set("de van von der den du da di le la del della ter bin al dos das st. st")
_CUE = re.compile(
    r"(?i:\b(?:directed|written|co-written|produced|scored|photographed|edited)\s+by|\bscreenplay\s+by|"
    r"\bstarring|\bdirectors?\s*:|\bcast\s*:|\bstars\s*:|\bwith\s+performances\s+by|"
    r"\bwriters?\s*:|\bperformances?\s+(?:from|by)|\bco-?stars?)\s*"
    r"|\b(?i:actor|actress|filmmaker|director|directors|newcomer|star|stars|writer|writers)\s+(?=[A-Z])"
)
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*/\s*)")
_CAST_LINE = re.compile(r"^(?P<name>[^\W\d_][\w.'’\- \u00a0]{2,40}?)\s+as\s+[^\W\d_]")
_ABBREVIATED = re.compile(r"(?:[A-Z]\.)+|(?:Dr|Mr|Mrs|Ms|St|Jr|Sr)\.")
_COMPANY_WORDS = word_set("films pictures productions studios studio releasing distribution "
                          "entertainment media company cinema video")
_LIST_KEY = re.compile(r"^(?:cast|starring|stars|main cast|cast list)\s*:?$", re.I)
# "Gemma Fairlie (Maggie Rourke)" or "Dell (Marcus Oyelaran)": the name before a parenthesis.
_BEFORE_PAREN = re.compile(r"(?<![\w.])(?P<name>(?:[A-Z][^\W\d_'’.]+[ ]){1,3}[A-Z][^\W\d_'’.-]+)\s*\([A-Z]")
# "Marcus Oyelaran plays Dell Hardy": actor and character both name the film's people.
_PLAYS = re.compile(r"(?P<a>[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\s+(?:plays|played|portrays|is cast as)\s+"
                    r"(?P<b>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_PAREN_NAME = re.compile(r"\((?P<name>[^\W\d_][\w'’.\- \u00a0]{3,40})\)")


def _valid_name(name: str) -> str | None:
    """The name tidied ("JACQUES AUDIARD" -> "Jacques Audiard"), or None when not a name."""
    tokens = name.strip(" .,;:").split()
    if not 2 <= len(tokens) <= 4:
        return None
    if tokens[0].lower() in _PARTICLES or tokens[-1].lower() in _PARTICLES:
        return None
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        core = token.strip("'’.")
        if not core or not core[0].isupper() or not core[0].isalpha():
            return None
        if not all(ch.isalpha() or ch in "'’.-" for ch in core):
            return None
        if "." in token and not _ABBREVIATED.fullmatch(token):
            return None  # "Maggie. Wren's" runs across a sentence end
    if tokens[-1].casefold() in _COMPANY_WORDS:
        return None  # "produced by Lucarne Films"
    if all(t.isupper() for t in tokens if len(t) > 1):
        tokens = [t if t.lower() in _PARTICLES else t.capitalize() for t in tokens]
    return " ".join(tokens)


def _leading_name(item: str) -> tuple[str | None, str]:
    """The name an item starts with, and what follows it ("Priya Nandakumar sets her ...")."""
    tokens = item.split()
    for n in (4, 3, 2):
        name = _valid_name(" ".join(tokens[:n])) if len(tokens) >= n else None
        if name is not None:
            return name, " ".join(tokens[n:])
    return None, item


def _names_after(text: str, start: int) -> list[str]:
    tail = text[start:start + 160].lstrip(" :\t")
    # a full stop ends the list, but not the one after an initial ("George A. Romero")
    segment = re.split(r"[;:\n()]|(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMrs)\.|\s[-–—]\s",
                       tail, maxsplit=1)[0]
    names: list[str] = []
    for item in _SEPARATOR.split(segment):
        name = _valid_name(item)
        rest = ""
        if name is None:
            # "Declan Rooke from a screenplay ...", "Rafe Calder as Captain Teague"
            name, rest = _leading_name(item)
        if name is None:
            break
        names.append(name)
        if rest and not rest.startswith("as "):
            break
    return names


def _listed_names(lines: list[str]) -> list[str]:
    """Names one per line under a bare "Starring:" or "Cast" key."""
    found: list[str] = []
    for index, line in enumerate(lines):
        if not _LIST_KEY.match(line.strip()):
            continue
        for following in lines[index + 1:index + 30]:
            entry = following.strip()
            if not entry:
                continue
            name, rest = _leading_name(entry)
            if name is None or (rest and not rest.startswith(("as ", "(", "..."))):
                break
            found.append(name)
    return found


# "directed by X", "Director: X", "Directed by<TAB>X", "dir. X", "the director, X,"
_DIRECTOR_CUE = re.compile(
    r"(?i:\bdirected\s+by|\bdirectors?\s*:|\bdir\.)[ \t]*|\b(?i:director),?\s+(?=[A-Z])")


def find_directors(text: str) -> tuple[str, ...]:
    """Names in a director's credit position, without near-duplicates."""
    found: list[str] = []
    for match in _DIRECTOR_CUE.finditer(text):
        for name in _names_after(text, match.end()):
            if not any(same_person(name, other) for other in found):
                found.append(name)
    return tuple(found[:4])


def person_key(name: str) -> str:
    return re.sub(r"[^a-z ]", "", fold_ascii(name).casefold()).strip()


def find_people(text: str) -> tuple[str, ...]:
    """Credited names in order of first appearance, without near-duplicates."""
    found: list[str] = []
    for match in _CUE.finditer(text):
        found.extend(_names_after(text, match.end()))
    lines = text.splitlines()
    for line in lines:
        cast = _CAST_LINE.match(line.strip())
        if cast:
            name = _valid_name(cast.group("name"))
            if name:
                found.append(name)
            # the character too: two documents naming the same roles are about one film
            character, _rest = _leading_name(line.strip()[cast.end() - 1:])
            if character:
                found.append(character)
    found.extend(_listed_names(lines))
    for match in _PAREN_NAME.finditer(text):
        name = _valid_name(match.group("name"))
        if name:
            found.append(name)
    for match in _BEFORE_PAREN.finditer(text):
        name = _valid_name(match.group("name"))
        if name:
            found.append(name)
    for match in _PLAYS.finditer(text):
        for part in ("a", "b"):
            name = _valid_name(match.group(part))
            if name:
                found.append(name)
    # same_person() against every kept name, with each key computed once
    unique: list[str] = []
    keys: list[str] = []
    for name in found:
        if len(unique) >= MAX_PEOPLE:
            break
        key = person_key(name)
        if key in keys or any(fuzz.ratio(key, other) >= 88 for other in keys):
            continue
        unique.append(name)
        keys.append(key)
    return tuple(unique)


def same_person(a: str, b: str) -> bool:
    """Same person despite a misspelling ("Matthais Schoenaerts" ~ "Matthias Schoenaerts")."""
    key_a, key_b = person_key(a), person_key(b)
    return key_a == key_b or fuzz.ratio(key_a, key_b) >= 88


def share_people(a: tuple[str, ...] | frozenset[str], b: tuple[str, ...] | frozenset[str]) -> bool:
    return any(same_person(x, y) for x in a for y in b)
