"""Title normalisation, fuzzy title matching, slugs and title-case checks.

Matching keys are deliberately lossy (case, accents, articles, punctuation) because the same
film is printed as "Rust & Bone", "RUST AND BONE" and "Rust and Bone"; display titles are
never built from keys, only chosen among spellings actually seen.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

_APOSTROPHES = "'’‘`´ʼ"
_LEADING_ARTICLES = ("the ", "a ", "an ", "le ", "la ", "les ", "l'", "el ", "il ")
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"})

# Words left lower case inside a well-formed English (or French) title.

def word_set(text: str, sep: str | None = None) -> frozenset[str]:
    """A set of words written as one string, so long vocabularies stay readable."""
    return frozenset(w.strip() for w in text.split(sep) if w.strip())


SMALL_WORDS = word_set(
    "a an and as at but by de des du d' en et for from in into la le les nor of on or over "
    "per the to upon via vs vs. with"
)

FUZZY_MIN_RATIO = 88.0


def fold_ascii(text: str) -> str:
    """Strip diacritics: "Stéphanie" -> "Stephanie" (characters without an ASCII base are dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).encode(
        "ascii", "ignore"
    ).decode("ascii")


def normalize_title(title: str) -> str:
    """The matching key of a title: "The Rust & Bone!" -> "rust and bone".

    Case-folded, diacritics stripped, "&" spelt "and", apostrophes (straight or curly) removed,
    a leading article (The/A/An/Le/La/Les/L') dropped, other punctuation turned into spaces.
    """
    text = fold_ascii(unicodedata.normalize("NFKC", title)).casefold()
    text = text.replace("&", " and ").replace("+", " and ")
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    text = re.sub(r"\s+", " ", text).strip()
    for article in _LEADING_ARTICLES:
        # keep the article when it is the whole title ("A" or "The" alone are not keys)
        if text.startswith(article) and len(text) > len(article) + 1:
            text = text[len(article):]
            break
    text = text.replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def slugify(title: str, year: int | None) -> str:
    """URL slug of a film: ("Rust and Bone", 2012) -> "rust-and-bone-2012"."""
    text = fold_ascii(unicodedata.normalize("NFKC", title)).lower().replace("&", " and ")
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not slug:
        # A title with no Latin letters (七人の侍) keeps its own letters rather than
        # collapsing to one shared slug that would let films overwrite each other.
        slug = re.sub(r"\W+", "-", unicodedata.normalize("NFKC", title).casefold()).strip("-") or "film"
    return f"{slug}-{year}" if year is not None else slug


def _number_tokens(key: str) -> frozenset[str]:
    return frozenset(t for t in key.split() if t.isdigit() or t in _ROMAN)


def _allowed_edits(length: int) -> int:
    # Short titles must match exactly: "alien" and "aliens" are different films.
    if length < 8:
        return 0
    if length < 16:
        return 1
    if length < 24:
        return 2
    return 3


def keys_match(a: str, b: str) -> bool:
    """Whether two normalised keys name the same title, allowing a small misspelling."""
    if a == b:
        return True
    if not a or not b or _number_tokens(a) != _number_tokens(b):
        return False  # "madagascar 2" is not "madagascar 3"
    if fuzz.ratio(a, b) < FUZZY_MIN_RATIO:
        return False
    return Levenshtein.distance(a, b) <= _allowed_edits(min(len(a), len(b)))


def _word_core(word: str) -> str:
    return word.strip("\"'“”‘’()[]:;,.!?-–—")


def is_title_cased(text: str) -> bool:
    """Loose check that a line reads like a title: every significant word capitalised.

    "Rust And Bone" and "Rust and Bone" pass; "Skip to content" does not.
    """
    words = [w for w in (_word_core(w) for w in text.split()) if w]
    if not words:
        return False
    has_capital = False
    for index, word in enumerate(words):
        first = word[0]
        if first.isdigit():
            continue
        if first.isupper():
            has_capital = True
            continue
        lowered = word.lower()
        if index > 0 and (lowered in SMALL_WORDS or lowered.startswith(("d'", "d’", "l'", "l’"))):
            continue
        if index > 0 and not first.isalpha():
            continue
        return False
    return has_capital


def is_well_formed_title(text: str) -> bool:
    """Proper title case: capitalised significant words, small words lower case, not all caps."""
    words = [w for w in (_word_core(w) for w in text.split()) if w]
    if not words or not is_title_cased(text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) > 3 and all(ch.isupper() for ch in letters):
        return False
    return all(
        not (0 < index < len(words) - 1 and word.lower() in SMALL_WORDS and word[0].isupper())
        for index, word in enumerate(words)
    )


def title_case(text: str) -> str:
    """English title case for a title seen only in a bad case ("RUST AND BONE" -> "Rust and Bone")."""
    words = text.split()
    out: list[str] = []
    for index, word in enumerate(words):
        lowered = word.lower()
        core = _word_core(lowered)
        if 0 < index < len(words) - 1 and core in SMALL_WORDS:
            out.append(lowered)
        elif word.isupper() or word.islower():
            out.append(lowered[:1].upper() + lowered[1:])
        else:
            out.append(word)
    return " ".join(out)
