"""Spans of a document's text that can serve as evidence: lines, sentences and "Key: value" lines.

Every span keeps its offsets into the clean text, so a quote is always ``text[start:end]``:
an exact substring, never a re-joined or normalised copy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str  # == source[start:end]


@dataclass(frozen=True)
class KeyLine:
    """A "Key: value" line (or a key with its value on the next non-blank line)."""

    key: str  # normalised: lower case, no parentheses, single spaces
    qualifier: str | None  # text in parentheses of the key ("Worldwide"), if any
    value: str
    value_start: int  # offset of ``value`` in the document
    quote: Span  # key through value


@lru_cache(maxsize=8192)  # the same names are folded again and again
def fold(text: str) -> str:
    """Lower case without diacritics or punctuation: the key used to compare spellings."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[’'`\"“”]", "", plain.lower())
    return re.sub(r"[^\w]+", " ", plain).strip()


@lru_cache(maxsize=512)  # several readers test the same sentence
def needle_fold(text: str) -> str:
    """``text`` case-folded so that whatever an IGNORECASE pattern matches in ``text`` holds
    its lower-case letters here (re also matches "ı" and "İ" to "i", which casefold() keeps):
    a cheap substring test on it can rule a pattern out before the pattern runs."""
    return text.casefold().replace("ı", "i").replace("i\u0307", "i")


def has_diacritics(text: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", text))


def lines(text: str) -> list[Span]:
    """Non-blank lines, stripped, with their offsets."""
    return list(_lines(text))


_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=8)  # most readers split the same document into lines
def _lines(text: str) -> tuple[Span, ...]:
    out: list[Span] = []
    for m in _LINE.finditer(text):
        raw = m.group(0)
        left = len(raw) - len(raw.lstrip())
        right = len(raw.rstrip())
        if right > left:
            out.append(Span(m.start() + left, m.start() + right, raw[left:right]))
    return tuple(out)


# Tokens after which a period does not end a sentence.
_ABBREVIATION_WORDS = (
    "mr mrs ms dr st jr sr vs etc dir min mins hr hrs no vol approx ca co inc ltd bros "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e p.m a.m dvd wri scr prod "
    "cert mus"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+")


def sentences(text: str) -> list[Span]:
    """Sentences within each line (a line break always ends a sentence)."""
    out: list[Span] = []
    for line in lines(text):
        start = 0
        body = line.text
        for m in _BOUNDARY.finditer(body):
            nxt = body[m.end(): m.end() + 1]
            if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'("):
                continue
            before = body[start: m.start() + 1].split()
            last = re.sub(r"^\W+", "", before[-1].rstrip(".").lower()) if before else ""
            if body[m.start()] == "." and (last in _ABBREVIATIONS or re.fullmatch(r"\w", last)):
                continue
            _append(out, line.start, body, start, m.end())
            start = m.end()
        _append(out, line.start, body, start, len(body))
    return out


def _append(out: list[Span], base: int, body: str, start: int, end: int) -> None:
    chunk = body[start:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right > left:
        out.append(Span(base + start + left, base + start + right, chunk[left:right]))


_KEY_AT_START = re.compile(
    r"^[\s*•·\-–]*(?P<key>[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .'’/&-]{0,38}?)\s*"
    r"(?:\((?P<qual>[^)]{1,30})\))?\s*(?::|\t|\s{3,})\s*(?P<val>.*)$"
)
# An upper-case key glued to preceding text, as plain-text dumps of headers often are
# ("Top 365 Films - Rust and BoneDIRECTED BY: ...").
_KEY_ANYWHERE = re.compile(
    r"(?P<key>[A-Z][A-Z.'’/&-]+(?: [A-Z.'’/&-]+){0,4})\s*(?:\((?P<qual>[^)]{1,30})\))?\s*:\s*(?P<val>.*)$"
)


_WHITESPACE = re.compile(r"\s+")


def normalise_key(key: str) -> str:
    key = key.replace("’", "'").lower().strip(" .:-")
    return _WHITESPACE.sub(" ", key)


def key_lines(text: str, known: frozenset[str]) -> list[KeyLine]:
    """Lines of the form "Key: value" whose normalised key is in ``known``.

    A key with nothing after its colon takes the next non-blank line as its value (plain-text
    dumps often put "Release Date:" and "02 Nov 2012" on separate lines).
    """
    spans = lines(text)
    out: list[KeyLine] = []
    for i, line in enumerate(spans):
        m = _KEY_AT_START.match(line.text)
        if not m or normalise_key(m.group("key")) not in known:
            m = None
            for cand in _KEY_ANYWHERE.finditer(line.text):
                if normalise_key(cand.group("key")) in known:
                    m = cand
                    break
        if m is None:
            found = _bare_key(spans, i, text, known)
            if found:
                out.append(found)
            continue
        key = normalise_key(m.group("key"))
        qual = m.group("qual")
        val = m.group("val").strip()
        key_start = line.start + m.start("key")
        if val:
            vstart = line.start + m.start("val")
            out.append(KeyLine(key, qual, val, vstart, Span(key_start, line.end, text[key_start:line.end])))
            continue
        # Value on the next non-blank line, unless that line is itself a key.
        if i + 1 < len(spans):
            nxt = spans[i + 1]
            gap = text[line.end: nxt.start]
            if gap.count("\n") <= 3 and not _KEY_AT_START.match(nxt.text) and len(nxt.text) <= 120:
                out.append(KeyLine(key, qual, nxt.text, nxt.start,
                                   Span(key_start, nxt.end, text[key_start:nxt.end])))
    return out


# Keys that may stand without a colon, as in IMDb-like dumps: "Runtime 1h 41m", or "Director"
# alone on a line with the names on the lines below.
_BARE_KEYS = frozenset({
    "director", "directors", "writer", "writers", "stars", "starring", "cast", "runtime",
    "running time", "budget", "gross worldwide", "gross us & canada", "release date",
    "countries of origin", "country of origin", "language", "languages", "production companies",
    "production company", "music by", "produced by", "directed by", "written by", "certificate",
    "country",
})


# Longest first; with each key's "key " and "key:" forms.
_BARE_KEYS_LONGEST = tuple((k, k + " ") for k in sorted(_BARE_KEYS, key=len, reverse=True))
_BARE_KEY_STARTS = tuple(k + " " for k in _BARE_KEYS) + tuple(k + ":" for k in _BARE_KEYS)


def _starts_with_key(line: str, known: frozenset[str]) -> bool:
    low = normalise_key(line)
    return low in known or low.startswith(_BARE_KEY_STARTS)


def _bare_key(spans: list[Span], i: int, text: str, known: frozenset[str]) -> KeyLine | None:
    line = spans[i]
    low = normalise_key(line.text)
    if low in _BARE_KEYS and low in known:
        # Values: the short lines that follow, up to the next key or a long line.
        j = i + 1
        while j < len(spans) and j - i <= 8 and len(spans[j].text) <= 60 \
                and not _starts_with_key(spans[j].text, known) \
                and text[spans[j - 1].end: spans[j].start].count("\n") <= 1:
            j += 1
        if j == i + 1:
            return None
        last = spans[j - 1]
        value = ", ".join(s.text for s in spans[i + 1: j])
        return KeyLine(low, None, value, spans[i + 1].start,
                       Span(line.start, last.end, text[line.start: last.end]))
    if len(line.text) > 80:
        return None
    for key, key_space in _BARE_KEYS_LONGEST:
        if low.startswith(key_space) and key in known:
            rest = line.text[len(key):].lstrip()
            if rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "$€£¥":
                vstart = line.end - len(rest)
                return KeyLine(key, None, rest, vstart, line)
            return None
    return None

