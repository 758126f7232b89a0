"""Reading the catalogue: titles by matching key, near spellings, people, and search.

Lookups go by the keys identification already uses (normalize_title), so "Rust & Bone",
"RUST AND BONE" and "The Rust and Bone" all find tt2053425 through one indexed column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from critica.errors import StoreError
from critica.identify.normalize import keys_match, normalize_title
from critica.store import schema

_TRAILING_YEAR = re.compile(r"^(?P<title>.*?)[\s(]+(?P<year>1[89]\d\d|20\d\d)\)?\s*$")
_FUZZY_LENGTH_SLACK = 3  # keys_match allows at most 3 edits
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class CatalogueTitle:
    tconst: str
    title_type: str
    primary_title: str
    original_title: str | None  # None when the same as the primary title
    start_year: int | None
    runtime_min: int | None = None
    genres: str | None = None


@dataclass(frozen=True)
class CataloguePerson:
    nconst: str
    name: str | None  # None when name.basics was not imported (or filtered the person out)
    category: str  # "director", "actor", "actress", "writer", "composer" ...
    characters: str | None = None


@dataclass(frozen=True)
class CatalogueEntry:
    """A title with its principal people, as search shows it."""

    title: CatalogueTitle
    people: tuple[CataloguePerson, ...] = ()

    def named(self, *categories: str) -> list[str]:
        return [p.name for p in self.people if p.name and p.category in categories]


class Catalogue:
    """Read access to the catalogue tables of a store (see :func:`critica.catalogue.open_catalogue`)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._near_cache: dict[tuple[int, ...], list[tuple[str, str]]] = {}

    def _fetch(self, what: str, statement: object) -> list[dict[str, object]]:
        try:
            with self._engine.connect() as conn:
                return [dict(row) for row in conn.execute(statement).mappings()]  # type: ignore[call-overload]
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise StoreError(f"cannot read {what} from the catalogue: {reason}") from exc

    def size(self) -> int:
        """Titles in the catalogue (0 when none was imported)."""
        rows = self._fetch("the title count", select(func.count().label("n")).select_from(
            schema.catalogue_titles))
        return int(rows[0]["n"]) if rows else 0  # type: ignore[call-overload]

    def titles_by_keys(self, keys: Iterable[str]) -> list[CatalogueTitle]:
        """Titles whose primary or original title has one of these matching keys."""
        wanted = sorted({k for k in keys if k})
        if not wanted:
            return []
        t = schema.catalogue_titles
        rows = self._fetch("titles", select(t).where(
            or_(t.c.title_key.in_(wanted), t.c.original_key.in_(wanted))
        ).order_by(t.c.tconst))
        return [_title(row) for row in rows]

    def titles_near(self, key: str, years: Sequence[int]) -> list[tuple[CatalogueTitle, float]]:
        """Titles of these years whose key is a small misspelling of ``key``, with the ratio."""
        if not key or not years:
            return []
        pool = self._keys_of_years(tuple(sorted(set(years))))
        found = process.extract(
            key, [k for _, k in pool], scorer=fuzz.ratio, score_cutoff=80, limit=20
        )
        tconsts = sorted({pool[i][0] for k, _, i in found if keys_match(key, k)})
        if not tconsts:
            return []
        t = schema.catalogue_titles
        rows = self._fetch("titles", select(t).where(t.c.tconst.in_(tconsts)))
        ratio = {pool[i][0]: score for _, score, i in found}
        return [(_title(row), ratio[str(row["tconst"])] / 100) for row in rows]

    def _keys_of_years(self, years: tuple[int, ...]) -> list[tuple[str, str]]:
        # One query per set of years, cached: a run links many films of the same few years.
        if years not in self._near_cache:
            t = schema.catalogue_titles
            rows = self._fetch("titles", select(t.c.tconst, t.c.title_key, t.c.original_key)
                               .where(t.c.start_year.in_(years)))
            pool: list[tuple[str, str]] = []
            for row in rows:
                pool.append((str(row["tconst"]), str(row["title_key"])))
                if row["original_key"] != row["title_key"]:
                    pool.append((str(row["tconst"]), str(row["original_key"])))
            self._near_cache[years] = pool
        return self._near_cache[years]

    def people(self, tconsts: Iterable[str]) -> dict[str, tuple[CataloguePerson, ...]]:
        """The principals of each title, in IMDb's order, with names where known."""
        ids = sorted(set(tconsts))
        found: dict[str, list[CataloguePerson]] = {tconst: [] for tconst in ids}
        p, n = schema.catalogue_principals, schema.catalogue_people
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            rows = self._fetch("principals", select(
                p.c.tconst, p.c.nconst, p.c.category, p.c.characters, n.c.name
            ).select_from(p.outerjoin(n, n.c.nconst == p.c.nconst))
             .where(p.c.tconst.in_(chunk)).order_by(p.c.tconst, p.c.ordering))
            for row in rows:
                found[str(row["tconst"])].append(CataloguePerson(
                    str(row["nconst"]), _opt(row["name"]), str(row["category"]),
                    _opt(row["characters"]),
                ))
        return {tconst: tuple(people) for tconst, people in found.items()}

    def search(self, query: str, limit: int = 10) -> list[CatalogueEntry]:
        """Titles matching ``query`` ("rust and bone", "Night of the Living Dead (1990)"):
        exact key first, then a year-qualified key, then prefix, words, and near spellings."""
        key = normalize_title(query)
        if not key:
            return []
        t = schema.catalogue_titles
        ranked: dict[str, tuple[int, CatalogueTitle]] = {}

        def add(rank: int, titles: Iterable[CatalogueTitle]) -> None:
            for title in titles:
                if title.tconst not in ranked or ranked[title.tconst][0] > rank:
                    ranked[title.tconst] = (rank, title)

        add(0, self.titles_by_keys([key]))
        qualified = _TRAILING_YEAR.match(query.strip())
        year: int | None = None
        if qualified and normalize_title(qualified.group("title")):
            year = int(qualified.group("year"))
            add(0, (title for title in self.titles_by_keys([normalize_title(qualified.group("title"))])
                    if title.start_year == year))
        if len(ranked) < limit:
            rows = self._fetch("titles", select(t).where(or_(
                t.c.title_key.like(f"{_like(key)}%", escape="\\"),
                t.c.original_key.like(f"{_like(key)}%", escape="\\"),
            )).order_by(t.c.start_year.desc()).limit(limit * 5))
            add(1, (_title(r) for r in rows))
        if len(ranked) < limit:
            rows = self._fetch("titles", select(t).where(or_(
                t.c.title_key.like(f"%{_like(key)}%", escape="\\"),
                t.c.original_key.like(f"%{_like(key)}%", escape="\\"),
            )).order_by(t.c.start_year.desc()).limit(limit * 5))
            add(2, (_title(r) for r in rows))
        if not ranked and year is not None:
            add(3, (title for title, _ in self.titles_near(
                normalize_title(qualified.group("title")) if qualified else key, [year])))

        def order(item: tuple[int, CatalogueTitle]) -> tuple[int, bool, int, bool, str]:
            rank, title = item
            return (rank, year is not None and title.start_year != year,
                    -(title.start_year or 0) if rank else 0, title.title_type != "movie",
                    title.tconst)

        best = sorted(ranked.values(), key=order)[:limit]
        people = self.people(title.tconst for _, title in best)
        return [CatalogueEntry(title, people.get(title.tconst, ())) for _, title in best]


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _title(row: dict[str, object]) -> CatalogueTitle:
    year, runtime = row["start_year"], row["runtime_min"]
    return CatalogueTitle(
        tconst=str(row["tconst"]), title_type=str(row["title_type"]),
        primary_title=str(row["primary_title"]), original_title=_opt(row["original_title"]),
        start_year=year if isinstance(year, int) else None,
        runtime_min=runtime if isinstance(runtime, int) else None, genres=_opt(row["genres"]),
    )
