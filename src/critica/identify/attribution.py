"""Which film a fact's sentence is about, when a document discusses two.

A festival dispatch reviews two films side by side; the document goes to the one it mostly
discusses, and a fact read from a sentence about the other ("Winter Ledger runs a brisk 79
minutes") must not be attached to it. The other film is found the way the document's own title
is: a title a person's credit is attached to ("X, a documentary by Y", "Y's X") or a sentence
only a film's title opens ("X runs 79 minutes", "X opens Friday").
"""

from __future__ import annotations

import dataclasses
import re

from critica.identify.normalize import is_title_cased, keys_match, normalize_title
from critica.identify.prose import credited_titles
from critica.records import Extraction, Identity, TitleCandidate

# "Winter Ledger, a documentary by Hannes Kolb": a title with its credit in apposition.
_APPOSITION = re.compile(
    r"(?P<title>(?:[A-Z0-9][\w’'&!.-]*)(?:\s+(?:(?:of|the|and|a|an|in|on|to|for|with)\s+)*"
    r"[A-Z0-9][\w’'&!.-]*){0,6}),\s+an?\s+(?:[\w-]+\s+){0,2}?(?:film|documentary|drama|thriller|"
    r"comedy|feature|debut)\s+(?:by|from)\s+[A-Z]")
# A sentence whose subject is a title: the second film is discussed, not just named.
_SUBJECT = re.compile(r"(?:^|(?<=[.!?]\s))[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,5}\s+(?:runs|is|was|opens|"
                      r"ends|lets|follows|won|took)\b", re.M)
_RUNS = re.compile(r"(?P<title>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,5})\s+runs\s+(?:a\s+[\w-]+\s+)?\d")


def best_candidate(identity: Identity) -> TitleCandidate | None:
    """The strongest spelling of the title with most weight over all its candidates (a
    document's evidence for one title is spread over its headline, body mentions, ...)."""
    totals: dict[str, float] = {}
    for candidate in identity.candidates:
        key = normalize_title(candidate.title)
        totals[key] = totals.get(key, 0.0) + candidate.weight
    if not totals:
        return None
    top = min(totals, key=lambda k: (-totals[k], k))
    return max((c for c in identity.candidates if normalize_title(c.title) == top),
               key=lambda c: c.weight)


def other_films(text: str, identity: Identity) -> tuple[str, ...]:
    """Titles of films the document discusses besides its own (best) title."""
    best = best_candidate(identity)
    if best is None:
        return ()
    own = normalize_title(best.title)
    found = [m.title for m in credited_titles(text, identity.people) if not m.passing]
    found += [m.group("title") for m in _APPOSITION.finditer(text)]
    found += [m.group("title") for m in _RUNS.finditer(text)]
    people = {p.casefold() for p in identity.people}
    others: list[str] = []
    for title in found:
        key = normalize_title(title)
        if (not key or keys_match(key, own) or title.casefold() in people
                or own in key or key in own or title in others):
            continue
        if len(re.findall(rf"(?<!\w){re.escape(title)}(?!\w)", text)) < 2:
            continue  # named once: a passing mention, not a second subject
        if not any(_names(m.group(0), title) for m in _SUBJECT.finditer(text)):
            continue  # it must open a sentence of its own somewhere ("X runs 79 minutes")
        others.append(title)
    return tuple(others)


def _names(sentence: str, title: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(title)}(?!\w)", sentence, re.I) is not None


# A section's heading: a short title line with a paragraph of prose directly under it.
_HEADING = re.compile(r"^(?P<title>[A-Z0-9][^.!?:;,\n]{1,80}?)(?:\s+\([^()\n]{1,80}\))?[ \t]*$")
# A paragraph that introduces a film of its own: "Tamar Gelovani's Georgian-Swiss drama",
# "directed by", "a documentary by"
_INTRODUCES_FILM = re.compile(
    r"\b[A-Z][\w-]+\s+[A-Z][\w-]+['’]s\s+(?:[\w-]+\s+){0,3}(?:film|drama|comedy|thriller|"
    r"documentary|feature|debut|western|romance|musical)\b|\bdirected\s+by\b|"
    r"\b(?:film|documentary|drama)\s+by\s+[A-Z]")


def other_sections(text: str, own: str) -> list[tuple[int, int]]:
    """Spans of a round-up's sections about other films: the document heads a section with
    its own title and another with a different title whose paragraph introduces a film of its
    own ("The Cartographer's Rest" / "Tamar Gelovani's Georgian-Swiss drama, ...")."""
    own_key = normalize_title(own)
    headings: list[tuple[int, bool]] = []  # (offset, names the document's own film)
    offset = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        start = offset
        offset += len(line) + 1
        match = _HEADING.match(line.strip())
        if match is None or not 1 <= len(line.split()) <= 10 or not is_title_cased(line.strip()):
            continue
        following = next((n for n in lines[index + 1:index + 3] if n.strip()), "")
        if len(following.split()) < 12:
            continue  # a heading is followed by its paragraph
        key = normalize_title(match.group("title"))
        headings.append((start, bool(key) and keys_match(key, own_key)))
    if not any(mine for _, mine in headings):
        return []
    spans: list[tuple[int, int]] = []
    for k, (start, mine) in enumerate(headings):
        end = headings[k + 1][0] if k + 1 < len(headings) else len(text)
        section = text[start:end]
        if mine or _names(section, own) or not _INTRODUCES_FILM.search(section):
            continue
        spans.append((start, end))
    return spans


def drop_other_films_facts(extraction: Extraction, text: str, identity: Identity) -> Extraction:
    """The extraction without facts whose sentence names another film and not the document's,
    or that sit only in a round-up's section about another film."""
    best = best_candidate(identity)
    others = other_films(text, identity) if best is not None else ()
    sections = other_sections(text, best.title) if best is not None else []
    if not (others or sections) or best is None:
        return extraction
    own = best.title

    def elsewhere(quote: str) -> bool:
        found = [m.start() for m in re.finditer(re.escape(quote), text)]
        return bool(found) and all(any(a <= i < b for a, b in sections) for i in found)

    kept = tuple(
        fact for fact in extraction.facts
        if (_names(fact.evidence.quote, own)
            or not any(_names(fact.evidence.quote, other) for other in others))
        and not elsewhere(fact.evidence.quote)
    )
    if len(kept) == len(extraction.facts):
        return extraction
    return dataclasses.replace(extraction, facts=kept)


def list_entry_span(text: str, title: str) -> tuple[int, int] | None:
    """The span of a ranked list page's entry for ``title`` ("12. The Salt Marshal (2019)" to
    the next entry), when the page shows two or more entries and one of them is that title."""
    from critica.identify.headlines import RANKED_ENTRY

    starts: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        match = RANKED_ENTRY.match(line.strip())
        if match is not None:
            starts.append((offset, normalize_title(match.group("title"))))
        offset += len(line) + 1
    if len(starts) < 2:
        return None
    key = normalize_title(title)
    for k, (start, entry) in enumerate(starts):
        if entry and keys_match(entry, key):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
            return start, end
    return None


def keep_entry_facts(extraction: Extraction, text: str, title: str) -> Extraction:
    """A list page's facts about the film it was grouped into: only those read inside that
    film's entry (the neighbouring entries credit other films' directors and casts)."""
    span = list_entry_span(text, title)
    if span is None:
        return extraction
    start, end = span
    kept = tuple(fact for fact in extraction.facts
                 if any(start <= m.start() < end
                        for m in re.finditer(re.escape(fact.evidence.quote), text)))
    if len(kept) == len(extraction.facts):
        return extraction
    return dataclasses.replace(extraction, facts=kept)
