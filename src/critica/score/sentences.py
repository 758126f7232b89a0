"""Sentences of a cleaned document with exact offsets and a role for each.

Every :class:`Sentence` keeps ``start``/``end`` into the text it came from, so
``text[s.start:s.end] == s.text`` and any quote taken from it is an exact substring.

Roles (what the scorer does with them):

- ``field``: a header field line ("Director: Jacques Audiard", "Rated: R"): skipped.
- ``headline``: a short line near the top without closing punctuation (a title).
- ``standfirst``: a one-sentence paragraph near the top, before the body starts: where
  critics and editors state the verdict in one line.
- ``body``: prose sentences; ``closing`` marks those of the last prose paragraph.
- ``fragment``: navigation words, captions, lists of names: skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Sentence", "split_sentences"]

Role = Literal["field", "headline", "standfirst", "body", "fragment"]

# "Director: X", "written by: X", "DID YOU KNOW?: ..." (key of at most five words)
_FIELD = re.compile(r"^\s*[A-Za-z][\w .'’/()&?-]{0,40}?\s*:\s*(?P<value>\S.*)$")
_FIELD_MAX_VALUE_WORDS = 14  # longer values are labelled paragraphs, read as prose
# sentence end: . ! ? … (and closing quotes/brackets) then space then an opening capital/quote
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr", "prof", "mt", "no", "vol", "fig", "inc",
    "ltd", "co", "e.g", "i.e", "etc", "cf", "approx", "dept", "gen", "col", "lt", "sgt", "rev",
})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_END_PUNCT = re.compile(r"[.!?…][\"'”’)\]]*$")
HEADLINE_ZONE = 6  # blocks from the top where a title or standfirst may stand
MAX_SENTENCES = 4000  # a 5 MB text keeps its first and last 2,000 sentences


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    role: Role
    block: int  # index of the non-empty line (paragraph) it belongs to
    closing: bool = False  # in the last prose paragraph

    @property
    def n_words(self) -> int:
        return len(_WORD.findall(self.text))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end) with surrounding whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    return spans


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one block, not breaking after abbreviations or initials."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        before = text[cursor:m.start()].rstrip("\"'”’)]")
        last = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.split() else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue  # "Dr. Smith", "A. O. Scott"
        spans.append((cursor, m.start() + len(m.group(0).rstrip())))
        cursor = m.end()
    spans.append((cursor, end))
    return [(a, b) for a, b in ((a, _rstrip(text, a, b)) for a, b in spans) if b > a]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _is_field(line: str) -> bool:
    m = _FIELD.match(line)
    if not m or len(line.split(":", 1)[0].split()) > 5:
        return False
    return len(_WORD.findall(m.group("value"))) <= _FIELD_MAX_VALUE_WORDS


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with roles; never raises, returns [] for text without words."""
    if not isinstance(text, str) or not text.strip():
        return []
    blocks = _blocks(text)
    raw: list[Sentence] = []
    body_started = False
    for index, (start, end) in enumerate(blocks):
        line = text[start:end]
        words = len(_WORD.findall(line))
        if words == 0:
            continue
        if _is_field(line):
            raw.append(Sentence(line, start, end, "field", index))
            continue
        spans = _split_block(text, start, end)
        has_end = bool(_END_PUNCT.search(line))
        if not has_end and words < 12:
            near_top = index < HEADLINE_ZONE and not body_started
            role: Role = "headline" if near_top and words >= 3 else "fragment"
            raw.append(Sentence(line, start, end, role, index))
            continue
        if len(spans) == 1 and not body_started and index < HEADLINE_ZONE and words >= 6:
            raw.append(Sentence(line, start, end, "standfirst", index))
            continue
        if len(spans) > 1 or words >= 25:
            body_started = True
        raw.extend(Sentence(text[a:b], a, b, "body", index) for a, b in spans)
        if len(raw) > MAX_SENTENCES * 2:
            break
    if len(raw) > MAX_SENTENCES:
        raw = raw[: MAX_SENTENCES // 2] + raw[-MAX_SENTENCES // 2:]
    prose_blocks = [s.block for s in raw if s.role == "body" and s.n_words >= 8]
    last = prose_blocks[-1] if prose_blocks else -1
    return [
        Sentence(s.text, s.start, s.end, s.role, s.block, True) if s.block == last and s.role == "body" else s
        for s in raw
    ]
