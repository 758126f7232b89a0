"""link_catalogue(): match each film group to a catalogue entry, and prefer what it says.

A group is looked up by every spelling its documents use (title, original title, variants),
through the same matching keys as clustering, and, when its year is known, by near spellings
among that year's titles ("Rus and Bone"). Each entry found is scored:

    title     1.0 for a key match, the fuzzy ratio (times 0.95) for a near spelling
    year      +1.0 same year, +0.5 one year apart (festival vs release); more is no match
    people    +1.0 per credited name the documents share with the entry's principals (max 3);
              none shared while both sides name people: no match (a same-titled other film)
    type      +0.3 for a feature film, +0.2 for a TV film (a short rarely has reviews)

A group without a year needs at least one shared name. The best entry wins when it leads the
next by a clear margin; a tie (a remake with the same title, year unknown, nobody named) links
nothing rather than guessing. Linked groups take the catalogue's title, original title and
year; groups linked to the same entry are one film and are merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from critica.identify.grouping import UNIDENTIFIED, YEAR_TOLERANCE
from critica.identify.normalize import normalize_title
from critica.identify.people import same_person
from critica.records import FilmGroup, Identity

if TYPE_CHECKING:  # the catalogue package pulls in the database layer; identify need not
    from critica.catalogue.lookup import CataloguePerson, CatalogueTitle

MAX_SHARED_PEOPLE = 3
CLEAR_MARGIN = 0.5
FUZZY_FACTOR = 0.95
TYPE_BONUS = {"movie": 0.3, "tvMovie": 0.2}


class CatalogueLookup(Protocol):
    """What linking needs from a catalogue (critica.catalogue.Catalogue provides it)."""

    def titles_by_keys(self, keys: Iterable[str]) -> list[CatalogueTitle]: ...

    def titles_near(self, key: str, years: Sequence[int]) -> list[tuple[CatalogueTitle, float]]: ...

    def people(self, tconsts: Iterable[str]) -> dict[str, tuple[CataloguePerson, ...]]: ...


@dataclass(frozen=True)
class CatalogueMatch:
    """The entry a group was linked to, and why (for explaining a link)."""

    title: CatalogueTitle
    score: float
    shared_people: tuple[str, ...]


def _group_keys(group: FilmGroup) -> list[str]:
    spellings = [group.title, group.original_title, *group.variants]
    return sorted({normalize_title(s) for s in spellings if s} - {""})


def _year_score(group_year: int | None, title_year: int | None) -> float | None:
    """The year's share of the score, or None when the years rule the entry out."""
    if group_year is None or title_year is None:
        return 0.0
    gap = abs(group_year - title_year)
    if gap > YEAR_TOLERANCE:
        return None
    return 1.0 if gap == 0 else 0.5


def _candidates(group: FilmGroup, catalogue: CatalogueLookup) -> dict[str, tuple[CatalogueTitle, float]]:
    keys = _group_keys(group)
    found: dict[str, tuple[CatalogueTitle, float]] = {
        t.tconst: (t, 1.0) for t in catalogue.titles_by_keys(keys)
    }
    near_year = any(
        _year_score(group.year, t.start_year) is not None for t, _ in found.values()
    )
    if group.year is not None and not near_year:
        years = list(range(group.year - YEAR_TOLERANCE, group.year + YEAR_TOLERANCE + 1))
        for key in keys:
            for title, ratio in catalogue.titles_near(key, years):
                score = ratio * FUZZY_FACTOR
                if title.tconst not in found or found[title.tconst][1] < score:
                    found[title.tconst] = (title, score)
    return found


def match_group(
    group: FilmGroup, people: Sequence[str], catalogue: CatalogueLookup
) -> CatalogueMatch | None:
    """The catalogue entry for one group of documents, or None when none is clearly it."""
    if group.title == UNIDENTIFIED:
        return None
    found = _candidates(group, catalogue)
    if not found:
        return None
    principals = catalogue.people(found)
    scored: list[CatalogueMatch] = []
    for tconst, (title, title_score) in found.items():
        year = _year_score(group.year, title.start_year)
        if year is None:
            continue
        named = [p.name for p in principals.get(tconst, ()) if p.name]
        shared = tuple(n for n in named if any(same_person(n, q) for q in people))
        if people and named and not shared:
            continue  # both sides name people and none agree: another film of that title
        if group.year is None and not shared:
            continue  # nothing but a title: a remake or a namesake is as likely
        score = (title_score + year + min(len(shared), MAX_SHARED_PEOPLE)
                 + TYPE_BONUS.get(title.title_type, 0.0))
        scored.append(CatalogueMatch(title, round(score, 3), shared))
    if not scored:
        return None
    scored.sort(key=lambda m: (-m.score, m.title.tconst))
    if len(scored) > 1 and scored[0].score - scored[1].score < CLEAR_MARGIN:
        return None
    return scored[0]


def _linked_group(group: FilmGroup, title: CatalogueTitle) -> FilmGroup:
    variants = list(group.variants)
    for spelling in (group.title, group.original_title):
        if spelling and spelling != title.primary_title and spelling not in variants:
            variants.append(spelling)
    return FilmGroup(
        title=title.primary_title,
        year=title.start_year if title.start_year is not None else group.year,
        original_title=title.original_title or group.original_title,
        paths=group.paths,
        variants=tuple(variants),
        catalogue_id=title.tconst,
    )


def _merge(a: FilmGroup, b: FilmGroup) -> FilmGroup:
    variants = list(a.variants) + [v for v in b.variants if v not in a.variants]
    return FilmGroup(
        a.title, a.year, a.original_title, a.paths + b.paths, tuple(variants), a.catalogue_id
    )


def link_catalogue(
    groups: Sequence[FilmGroup], identities: Sequence[Identity], catalogue: CatalogueLookup
) -> tuple[FilmGroup, ...]:
    """Groups linked to catalogue entries where one clearly fits; the others as they were."""
    people_of = {identity.path: identity.people for identity in identities}
    linked: list[FilmGroup] = []
    by_id: dict[str, int] = {}
    for group in groups:
        people = [p for path in group.paths for p in people_of.get(path, ())]
        match = match_group(group, people, catalogue)
        if match is None:
            linked.append(group)
            continue
        result = _linked_group(group, match.title)
        if match.title.tconst in by_id:  # two groups the catalogue says are one film
            index = by_id[match.title.tconst]
            linked[index] = _merge(linked[index], result)
            continue
        by_id[match.title.tconst] = len(linked)
        linked.append(result)
    return tuple(sorted(
        linked, key=lambda g: (normalize_title(g.title), g.year or 0, g.title, g.paths)
    ))
