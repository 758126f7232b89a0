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

from critica.identify.normalize import keys_match, normalize_title
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


def drop_other_films_facts(extraction: Extraction, text: str, identity: Identity) -> Extraction:
    """The extraction without facts whose sentence names another film and not the document's."""
    others = other_films(text, identity)
    best = best_candidate(identity)
    if not others or best is None:
        return extraction
    own = best.title
    kept = tuple(
        fact for fact in extraction.facts
        if _names(fact.evidence.quote, own)
        or not any(_names(fact.evidence.quote, other) for other in others)
    )
    if len(kept) == len(extraction.facts):
        return extraction
    return dataclasses.replace(extraction, facts=kept)
