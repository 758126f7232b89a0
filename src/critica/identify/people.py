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
    if all(t.isupper() for t in tokens if len(t) > 1):
        tokens = [t if t.lower() in _PARTICLES else t.capitalize() for t in tokens]
    return " ".join(tokens)


def _names_after(text: str, start: int) -> list[str]:
    tail = text[start:start + 160].lstrip(" :\t")
    # a full stop ends the list, but not the one after an initial ("George A. Romero")
    segment = re.split(r"[;:\n()]|(?<!\b[A-Z])\.|\s[-–—]\s", tail, maxsplit=1)[0]
    names: list[str] = []
    for item in _SEPARATOR.split(segment):
        name = _valid_name(item)
        if name is None:
            break
        names.append(name)
    return names


def person_key(name: str) -> str:
    return re.sub(r"[^a-z ]", "", fold_ascii(name).casefold()).strip()


def find_people(text: str) -> tuple[str, ...]:
    """Credited names in order of first appearance, without near-duplicates."""
    found: list[str] = []
    for match in _CUE.finditer(text):
        found.extend(_names_after(text, match.end()))
    for line in text.splitlines():
        cast = _CAST_LINE.match(line.strip())
        if cast:
            name = _valid_name(cast.group("name"))
            if name:
                found.append(name)
    for match in _PAREN_NAME.finditer(text):
        name = _valid_name(match.group("name"))
        if name:
            found.append(name)
    unique: list[str] = []
    for name in found:
        if not any(same_person(name, other) for other in unique):
            unique.append(name)
    return tuple(unique[:MAX_PEOPLE])


def same_person(a: str, b: str) -> bool:
    """Same person despite a misspelling ("Matthais Schoenaerts" ~ "Matthias Schoenaerts")."""
    key_a, key_b = person_key(a), person_key(b)
    return key_a == key_b or fuzz.ratio(key_a, key_b) >= 88


def share_people(a: tuple[str, ...] | frozenset[str], b: tuple[str, ...] | frozenset[str]) -> bool:
    return any(same_person(x, y) for x in a for y in b)
