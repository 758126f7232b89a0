"""Canonical facts for one film across its documents.

People are the hard part. Names are compared without case or diacritics and fuzzily, so
"Collitard", "Schoenarts" and "Matthais" fold into the spelling most documents use; a surname
alone ("Schoenaerts") folds into the full name it belongs to. Ties go to the longer form, then
the form with diacritics. Minority spellings are kept as ``FactEntry.variants``.

Numbers (runtime, budget, box office, certificate) are never averaged: when documents disagree
every value is kept with its sources, and a :class:`Conflict` says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import TypeVar

from critica.extract.names import NameIndex
from critica.extract.origin import source_author
from critica.extract.spans import fold, has_diacritics
from critica.records import (
    FACT_FIELDS,
    Award,
    CastMember,
    Conflict,
    Evidence,
    Extraction,
    FactEntry,
    FactValue,
    Money,
    MpaaRating,
    ReleaseDate,
)

_PERSON_FIELDS = ("directors", "writers", "producers", "composer")
_NAME_FIELDS = ("production_companies", "distributors", "countries", "languages")

# (value, evidence) pairs of one field, in document order.
_Stated = list[tuple[FactValue, Evidence]]


def merge_facts(
    extractions: Sequence[Extraction],
) -> tuple[dict[str, tuple[FactEntry, ...]], tuple[Conflict, ...]]:
    """Merge the facts of one film's documents: canonical values, all evidence, conflicts."""
    stated: dict[str, _Stated] = defaultdict(list)
    for ex in extractions:
        for fact in ex.facts:
            stated[fact.field].append((fact.value, fact.evidence))
    people = NameIndex()
    for name in _PERSON_FIELDS:
        for value, ev in stated.get(name, []):
            if isinstance(value, str):
                people.add(value, ev.path)
    stated["cast"] = _orient_cast(stated.get("cast", []))
    for value, ev in stated.get("cast", []):
        if isinstance(value, CastMember):
            people.add(value.actor, ev.path)
    people.build()

    facts: dict[str, tuple[FactEntry, ...]] = {}
    conflicts: list[Conflict] = []
    for name in FACT_FIELDS:
        items = stated.get(name)
        if not items:
            continue
        if name in _PERSON_FIELDS:
            entries = _merge_people(items, people)
        elif name == "cast":
            entries = _merge_cast(items, people)
        elif name in _NAME_FIELDS:
            entries = _merge_names(items)
        elif name == "based_on":
            entries = _merge_sources(items)
        elif name == "release_dates":
            entries, found = _merge_releases(items)
            conflicts.extend(found)
        elif name == "awards":
            entries, found = _merge_awards(items)
            conflicts.extend(found)
        else:  # runtime_min, mpaa_rating, budget, box_office
            entries, found = _merge_figures(name, items)
            conflicts.extend(found)
        if entries:
            facts[name] = tuple(entries)
    return facts, tuple(conflicts)


def _entry(value: FactValue, evidence: list[Evidence], variants: Sequence[str] = ()) -> FactEntry:
    unique = list(dict.fromkeys(evidence))
    return FactEntry(value, tuple(unique), tuple(dict.fromkeys(v for v in variants if v)))


K = TypeVar("K", bound=Hashable)


def _by_support(groups: dict[K, list[Evidence]]) -> list[K]:
    """Keys ordered by number of documents stating them, then first appearance."""
    order = list(groups)
    return sorted(order, key=lambda k: (-len({e.path for e in groups[k]}), order.index(k)))


# --- people ------------------------------------------------------------------------------------


def _merge_people(items: _Stated, people: NameIndex) -> list[FactEntry]:
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for value, ev in items:
        if isinstance(value, str):
            groups[people.canonical(value)].append(ev)
    return [_entry(k, groups[k], people.variants(k)) for k in _by_support(groups)]


def _merge_cast(items: _Stated, people: NameIndex) -> list[FactEntry]:
    groups: dict[str, list[Evidence]] = defaultdict(list)
    characters: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for value, ev in items:
        if not isinstance(value, CastMember):
            continue
        actor = people.canonical(value.actor)
        groups[actor].append(ev)
        if value.character:
            characters[actor].append((value.character, ev.path))
    out = []
    for actor in _by_support(groups):
        assert isinstance(actor, str)
        character, char_variants = _best_character(characters.get(actor, []))
        out.append(_entry(CastMember(actor, character), groups[actor],
                          [*people.variants(actor), *char_variants]))
    return out


def _orient_cast(items: _Stated) -> _Stated:
    """Turn round a pair one document read backwards: "Gemma Fairlie (Maggie Rourke)" read as
    the character Gemma Fairlie when other documents call Gemma Fairlie the actor and Maggie
    Rourke the character. Only full agreement of the other documents swaps a pair."""
    actors: dict[str, set[str]] = defaultdict(set)
    characters: dict[str, set[str]] = defaultdict(set)
    for value, ev in items:
        if isinstance(value, CastMember):
            actors[fold(value.actor)].add(ev.path)
            if value.character:
                characters[fold(value.character)].add(ev.path)
    out: _Stated = []
    for value, ev in items:
        if isinstance(value, CastMember) and value.character:
            actor, character = fold(value.actor), fold(value.character)
            others_actor = actors.get(character, set()) - {ev.path}
            others_char = characters.get(actor, set()) - {ev.path}
            if others_actor and others_char and not (actors[actor] - {ev.path}):
                value = CastMember(value.character, value.actor)
        out.append((value, ev))
    return out


def _char_tokens(name: str) -> frozenset[str]:
    return frozenset(fold(name).split())


def _best_character(seen: list[tuple[str, str]]) -> tuple[str | None, list[str]]:
    """The most complete form of a character's name ("Alain “Ali”" over "Ali" and "Alain")."""
    if not seen:
        return None, []
    docs: dict[str, set[str]] = defaultdict(set)
    for name, path in seen:
        docs[name].add(path)
    forms = list(docs)

    def score(form: str) -> tuple[int, int, int, int, int]:
        tokens = _char_tokens(form)
        covered = sum(len(docs[o]) for o in forms if _char_tokens(o) <= tokens)
        same = sum(len(docs[o]) for o in forms if fold(o) == fold(form))
        return covered, same, len(docs[form]), int(has_diacritics(form)), len(form)

    best = max(forms, key=score)
    return best, [f for f in forms if f != best]


# --- other names -------------------------------------------------------------------------------


def _merge_names(items: _Stated) -> list[FactEntry]:
    index = NameIndex(single_tokens_fold=False)
    for value, ev in items:
        if isinstance(value, str):
            index.add(value, ev.path)
    index.build()
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for value, ev in items:
        if isinstance(value, str):
            groups[index.canonical(value)].append(ev)
    return [_entry(k, groups[k], index.variants(k)) for k in _by_support(groups)]


def _merge_sources(items: _Stated) -> list[FactEntry]:
    """based_on values about the same author are one source; the fullest wording wins."""
    groups: dict[str, list[tuple[str, Evidence]]] = defaultdict(list)
    for value, ev in items:
        if isinstance(value, str):
            author = source_author(value)
            groups[fold(author.split()[-1]) if author else fold(value)].append((value, ev))
    out = []
    for key in groups:
        values = [v for v, _ in groups[key]]
        best = max(values, key=lambda v: (values.count(v), "," in v, len(v)))
        out.append(_entry(best, [e for _, e in groups[key]], [v for v in values if v != best]))
    return out


# --- dates ---------------------------------------------------------------------------------------


def _merge_releases(items: _Stated) -> tuple[list[FactEntry], list[Conflict]]:
    """One entry per (date, region, event); a value missing region or event joins the one
    specific value stated for the same date, so "Release Date: 02 Nov 2012" joins
    "released in the UK on 2 November 2012"."""
    groups: dict[ReleaseDate, list[Evidence]] = defaultdict(list)
    for value, ev in items:
        if isinstance(value, ReleaseDate):
            groups[value].append(ev)
    # Same date and region (or no region), events "theatrical" and "limited": keep the more
    # specific event ("opened in New York and Los Angeles" is the limited US release).
    for rd in list(groups):
        if rd.event == "theatrical" and rd in groups:
            for other in list(groups):
                if other is not rd and other.date == rd.date \
                        and (other.region == rd.region or rd.region is None) \
                        and other.event in ("limited", "wide"):
                    groups[other].extend(groups.pop(rd))
                    break
    for rd in list(groups):
        if rd.region is None or rd.event is None:
            matches = [o for o in groups if o is not rd and o.date == rd.date
                       and (rd.region is None or o.region == rd.region)
                       and (rd.event is None or o.event == rd.event)]
            if len(matches) == 1:
                groups[matches[0]].extend(groups.pop(rd))
    keys = sorted(groups, key=lambda r: r.date)
    conflicts = []
    by_slot: dict[tuple[str | None, str | None], list[ReleaseDate]] = defaultdict(list)
    for rd in keys:
        if rd.region and rd.event:
            by_slot[(rd.region, rd.event)].append(rd)
    for (region, event), rds in by_slot.items():
        if len({r.date[:10] for r in rds}) > 1:
            conflicts.append(Conflict("release_dates", tuple(rds),
                                      f"documents give different {event} dates for {region}"))
    return [_entry(k, groups[k]) for k in keys], conflicts


# --- figures -----------------------------------------------------------------------------------


def _figure_key(value: FactValue) -> object:
    if isinstance(value, Money):
        return (value.currency, float(f"{value.amount:.3g}"), value.scope)
    if isinstance(value, MpaaRating):
        return (value.board, value.value)
    return value


def _merge_figures(name: str, items: _Stated) -> tuple[list[FactEntry], list[Conflict]]:
    groups: dict[object, list[tuple[FactValue, Evidence]]] = defaultdict(list)
    for value, ev in items:
        groups[_figure_key(value)].append((value, ev))
    entries = []
    values: list[FactValue] = []
    for key in _by_support({k: [e for _, e in v] for k, v in groups.items()}):
        stated = groups[key]
        best = _fullest([v for v, _ in stated])
        values.append(best)
        entries.append(_entry(best, [e for _, e in stated]))
    conflicts = _figure_conflicts(name, values)
    if name == "runtime_min" and conflicts:
        cuts = _cuts_named([e.quote for _, e in items])
        if cuts:
            conflicts = [Conflict(c.field, c.values, "documents state different runtimes; the "
                                  f"sources name different versions ({', '.join(cuts)})")
                         for c in conflicts]
    return entries, conflicts


_CUT_WORDS = re.compile(
    r"\b(director['’]s\s+cut|theatrical\s+(?:cut|version)|extended\s+(?:cut|edition|version)|"
    r"(?:north\s+)?american\s+(?:cut|version)|(?:french|european|international|uk|us)\s+(?:cut|version)|"
    r"version\s+\w+\s+released\s+in\s+[A-Z][\w\s]+?(?=\s+was|\s+is|,|$)|trimmed|uncut|restored)",
    re.I)


def _cuts_named(quotes: list[str]) -> list[str]:
    """Versions the runtime quotes name ("theatrical cut", "director's cut")."""
    found: list[str] = []
    for quote in quotes:
        for m in _CUT_WORDS.finditer(quote):
            cut = " ".join(m.group(1).lower().split())
            if cut not in found:
                found.append(cut)
    return found


def _fullest(values: list[FactValue]) -> FactValue:
    """Among equal values, the one that says most (an MPAA rating with its reason)."""
    def weight(v: FactValue) -> int:
        if isinstance(v, MpaaRating):
            return len(v.reason or "")
        if isinstance(v, Money):
            return int(v.scope is not None)
        return 0
    return max(values, key=weight)


def _figure_conflicts(name: str, values: list[FactValue]) -> list[Conflict]:
    if name == "mpaa_rating":
        out = []
        boards: dict[str, list[FactValue]] = defaultdict(list)
        for v in values:
            if isinstance(v, MpaaRating):
                boards[v.board].append(v)
        for board, vs in boards.items():
            if len(vs) > 1:
                out.append(Conflict(name, tuple(vs), f"documents give different {board} ratings"))
        return out
    if name in ("budget", "box_office"):
        money = [v for v in values if isinstance(v, Money)]
        if name == "box_office":
            # Different scopes (worldwide vs domestic) are different figures, not a conflict.
            by_scope: dict[str | None, list[Money]] = defaultdict(list)
            for m in money:
                by_scope[m.scope].append(m)
            money = [m for s, ms in by_scope.items() for m in ms
                     if len(ms) > 1 or (s is None and len(by_scope) > 1)]
        if len(money) < 2:
            return []
        currencies = sorted({m.currency for m in money})
        note = (f"values are in different currencies ({', '.join(currencies)}) and may state the "
                "same amount" if len(currencies) > 1 else "documents state different amounts")
        return [Conflict(name, tuple(money), note)]
    if len(values) > 1:
        note = "documents state different runtimes (perhaps different cuts)" \
            if name == "runtime_min" else "documents disagree"
        return [Conflict(name, tuple(values), note)]
    return []


# --- awards ------------------------------------------------------------------------------------


def _merge_awards(items: _Stated) -> tuple[list[FactEntry], list[Conflict]]:
    groups: dict[tuple[str, str, int | None], list[Evidence]] = defaultdict(list)
    for value, ev in items:
        if isinstance(value, Award):
            groups[(fold(value.text), value.outcome, value.count)].append(ev)
    firsts: dict[tuple[str, str, int | None], Award] = {}
    for value, _ev in items:
        if isinstance(value, Award):
            firsts.setdefault((fold(value.text), value.outcome, value.count), value)
    entries = [_entry(firsts[k], groups[k]) for k in groups]
    conflicts = []
    nones = [firsts[k] for k in firsts if k[1] == "none"]
    wins = [firsts[k] for k in firsts if k[1] == "won"]
    if nones and wins:
        conflicts.append(Conflict("awards", (*nones, *wins),
                                  "one document states no award wins; another states wins"))
    counts: dict[tuple[str, str], set[int]] = defaultdict(set)
    for text, outcome, count in firsts:
        if count is not None:
            counts[(text, outcome)].add(count)
    for (text, outcome), found in counts.items():
        if len(found) > 1:
            vals = tuple(firsts[(text, outcome, c)] for c in sorted(found))
            conflicts.append(Conflict("awards", vals, f"documents give different {outcome} counts"))
    return entries, conflicts
