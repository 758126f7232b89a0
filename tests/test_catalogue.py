"""The catalogue: importing IMDb-format TSV files, searching, and linking films to entries.

Every test runs on a real SQLite file and on the real PostgreSQL (conftest.py). The expected
counts and ids are read off tests/data/catalogue (see its README): 11 titles of which 9 are
films (the TV episode and the TV series are not), 23 principals of which 22 belong to kept
titles, 23 people of which 21 a kept title names (Corinne Masiero only through knownForTitles).
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from critica.api import analyze
from critica.catalogue import (
    Catalogue,
    import_catalogue,
    open_catalogue,
    search_catalogue,
)
from critica.cli import main
from critica.errors import InputError
from critica.identify.catalogue import link_catalogue, match_group
from critica.records import FilmGroup, Identity
from critica.report import film_to_json
from critica.settings import Settings
from critica.store import open_store

DATA = Path(__file__).parent / "data" / "catalogue"
TITLES, PRINCIPALS, NAMES = (DATA / n for n in (
    "title.basics.tsv", "title.principals.tsv", "name.basics.tsv"))
ALL_FILES = [TITLES, PRINCIPALS, NAMES]
SEED = Path("/work/shared/corpus/rust-and-bone")
EXAMPLES = Path(__file__).parent.parent / "examples" / "corpus"
FULL = {"catalogue_titles": 9, "catalogue_principals": 22, "catalogue_people": 21}


def _catalogue_rows(db_url: str) -> dict[str, int]:
    with open_store(db_url) as store:
        counts = store.counts()
    return {k: v for k, v in counts.items() if k.startswith("catalogue_")}


def test_import_keeps_films_and_their_people(db_url: str) -> None:
    summary = import_catalogue(db_url, ALL_FILES)
    assert [(f.kind, f.rows_read, f.rows_kept, f.bad_lines) for f in summary.files] == [
        ("titles", 11, 9, 0), ("principals", 23, 22, 0), ("names", 23, 21, 0)]
    assert summary.totals == FULL
    assert _catalogue_rows(db_url) == FULL


def test_import_again_changes_nothing_and_updates_in_place(db_url: str, tmp_path: Path) -> None:
    import_catalogue(db_url, ALL_FILES)
    import_catalogue(db_url, ALL_FILES)
    assert _catalogue_rows(db_url) == FULL
    changed = tmp_path / "title.basics.tsv"
    changed.write_text(TITLES.read_text(encoding="utf-8").replace(
        "De rouille et d'os\t0\t2012\t\\N\t120", "De rouille et d'os\t0\t2012\t\\N\t122"),
        encoding="utf-8")
    import_catalogue(db_url, [changed])
    assert _catalogue_rows(db_url) == FULL
    [entry] = search_catalogue(db_url, "De rouille et d'os")
    assert (entry.title.tconst, entry.title.runtime_min) == ("tt2053425", 122)


def test_gzip_files_in_any_order(db_url: str, tmp_path: Path) -> None:
    zipped = []
    for path in (NAMES, PRINCIPALS, TITLES):  # names first: the import sorts them
        target = tmp_path / (path.name + ".gz")
        with path.open("rb") as src, gzip.open(target, "wb") as dst:
            shutil.copyfileobj(src, dst)
        zipped.append(target)
    summary = import_catalogue(db_url, zipped, batch_size=2)
    assert [f.kind for f in summary.files] == ["titles", "principals", "names"]
    assert summary.totals == FULL


@pytest.mark.parametrize(("types", "kept"), [(None, 11), (("short", "tvEpisode"), 2)])
def test_title_types_option(tmp_path: Path, types: tuple[str, ...] | None, kept: int) -> None:
    summary = import_catalogue(f"sqlite:///{tmp_path / 'c.db'}", [TITLES], title_types=types)
    assert summary.totals["catalogue_titles"] == kept


def test_not_an_imdb_file_is_refused_with_its_name(tmp_path: Path) -> None:
    other = tmp_path / "ratings.tsv"
    other.write_text("tconst\taverageRating\tnumVotes\ntt2053425\t7.5\t100\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ratings\.tsv is not an IMDb"):
        import_catalogue(f"sqlite:///{tmp_path / 'c.db'}", [other])


def test_principals_before_any_title_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="import title.basics first"):
        import_catalogue(f"sqlite:///{tmp_path / 'c.db'}", [PRINCIPALS])


def test_short_lines_are_counted_not_fatal(tmp_path: Path) -> None:
    broken = tmp_path / "title.basics.tsv"
    lines = TITLES.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([*lines, "tt0000001\tmovie\tCut Off"]) + "\n", encoding="utf-8")
    summary = import_catalogue(f"sqlite:///{tmp_path / 'c.db'}", [broken])
    assert (summary.files[0].rows_read, summary.files[0].bad_lines) == (11, 1)


def test_search(db_url: str) -> None:
    import_catalogue(db_url, ALL_FILES)

    def ids(query: str) -> list[str]:
        return [e.title.tconst for e in search_catalogue(db_url, query)]

    assert ids("rust and bone") == ["tt2053425", "tt9900001"]
    assert ids("Rust & Bone") == ["tt2053425", "tt9900001"]
    assert ids("De rouille et d’os") == ["tt2053425"]  # the original title, curly apostrophe
    assert ids("Night of the Living Dead (1990)") == ["tt0100258"]
    assert ids("Night of the Living Dead")[:2] == ["tt0063350", "tt0100258"]
    assert ids("Rus and Bone 2012") == ["tt2053425"]  # a misspelling, found by its year
    assert ids("quiet harbour") == ["tt9900005"]  # bare double quotes in the file
    assert ids("七人の侍") == []  # no Latin key; found by its primary title instead
    assert ids("seven samurai") == ["tt0047478"]
    assert ids("no such film at all") == []
    [rust] = search_catalogue(db_url, "rust and bone", limit=1)
    assert rust.named("director") == ["Jacques Audiard"]
    assert rust.named("actress") == ["Marion Cotillard"]
    assert [p.characters for p in rust.people if p.name == "Matthias Schoenaerts"] == [
        "Ali / Alain van Versch"]


def _group(title: str, year: int | None, *, original: str | None = None,
           paths: tuple[str, ...] = ("a.txt",)) -> FilmGroup:
    return FilmGroup(title, year, original, paths)


@pytest.fixture
def catalogue(tmp_path: Path) -> Catalogue:
    url = f"sqlite:///{tmp_path / 'catalogue.db'}"
    import_catalogue(url, ALL_FILES)
    store = open_store(url)
    found = open_catalogue(store)
    assert found is not None
    return found


@pytest.mark.parametrize(("group", "people", "expected"), [
    (_group("Rust and Bone", 2012), ["Jacques Audiard"], "tt2053425"),
    (_group("Rust and Bone", 2012), [], "tt2053425"),  # the 2021 short is years away
    (_group("Rust and Bone", 2013), ["Marion Cotillard"], "tt2053425"),  # one year off
    (_group("Rust and Bone", 2021), ["Nadia Kerr"], "tt9900001"),
    (_group("Rust and Bone", 2012), ["Nadia Kerr"], None),  # nobody in common: not this film
    (_group("Rust and Bone", None), ["Matthias Schoenaerts"], "tt2053425"),
    (_group("Rus and Bone", 2012), [], "tt2053425"),  # near spelling, same year
    (_group("De rouille et d’os", 2012), [], "tt2053425"),
    (_group("Rust and Bone", 2015), [], None),
    (_group("Night of the Living Dead", 1968), [], "tt0063350"),
    (_group("Night of the Living Dead", 1990), ["Tony Todd"], "tt0100258"),
    (_group("Night of the Living Dead", None), ["Duane Jones", "Judith O'Dea"], "tt0063350"),
    (_group("Night of the Living Dead", None), ["George A. Romero"], None),  # wrote both
    (_group("Night of the Living Dead", None), [], None),  # a remake is as likely
    (_group("The Unfilmed Story", 2012), [], None),
    (_group("(unidentified)", None), [], None),
])
def test_match_group(catalogue: Catalogue, group: FilmGroup, people: list[str],
                     expected: str | None) -> None:
    match = match_group(group, people, catalogue)
    assert (match.title.tconst if match else None) == expected


def test_groups_the_catalogue_calls_one_film_are_merged(catalogue: Catalogue) -> None:
    groups = [
        _group("De rouille et d'os", 2012, paths=("fr.txt",)),
        _group("Rust & Bone", 2012, paths=("en.txt",)),
        _group("Night of the Living Dead", None, paths=("nightmare.txt",)),
    ]
    identities = [Identity("fr.txt", ()), Identity("en.txt", ()),
                  Identity("nightmare.txt", (), ("Tony Todd",))]
    linked = link_catalogue(groups, identities, catalogue)
    assert [(g.title, g.year, g.original_title, sorted(g.paths), g.catalogue_id) for g in linked] == [
        ("Night of the Living Dead", 1990, None, ["nightmare.txt"], "tt0100258"),
        ("Rust and Bone", 2012, "De rouille et d'os", ["en.txt", "fr.txt"], "tt2053425"),
    ]
    assert "Rust & Bone" in linked[1].variants


def _films(report_films: object) -> dict[str, tuple[int | None, str | None, int]]:
    return {f.title: (f.year, f.catalogue_id, len(f.documents)) for f in report_films}  # type: ignore[attr-defined]


def test_analyze_links_films_to_the_store_catalogue(db_url: str) -> None:
    import_catalogue(db_url, ALL_FILES)
    report = analyze([SEED, EXAMPLES], db=db_url)
    assert _films(report.films) == {
        "Rust and Bone": (2012, "tt2053425", 5),
        "Night of the Living Dead": (1968, "tt0063350", 6),
    }
    rust = next(f for f in report.films if f.title == "Rust and Bone")
    assert film_to_json(rust)["catalogue_id"] == "tt2053425"
    with open_store(db_url) as store:
        stored = store.film("rust-and-bone-2012")
        assert stored is not None and stored.catalogue_id == "tt2053425"
        assert stored.to_film().catalogue_id == "tt2053425"


def test_without_a_catalogue_nothing_changes(tmp_path: Path) -> None:
    without = analyze([SEED], db=None)
    empty_store = analyze([SEED], db=f"sqlite:///{tmp_path / 'empty.db'}")
    for report in (without, empty_store):
        assert _films(report.films) == {"Rust and Bone": (2012, None, 5)}
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as store:
        assert open_catalogue(store) is None


def test_catalogue_from_settings_without_storing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'catalogue.db'}"
    import_catalogue(url, ALL_FILES)
    report = analyze([SEED], db=None, settings=Settings(catalogue_db=url))
    assert _films(report.films) == {"Rust and Bone": (2012, "tt2053425", 5)}
    with open_store(url) as store:
        assert store.counts()["films"] == 0  # looked up, not written


def test_cli_import_and_search(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    result = runner.invoke(main, ["catalogue", "import", "--db", url, *map(str, ALL_FILES)])
    assert result.exit_code == 0, result.output
    assert "9 titles, 22 principals, 21 people" in result.output
    result = runner.invoke(main, ["catalogue", "search", "--db", url, "rust and bone"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "tt2053425  Rust and Bone (De rouille et d'os), 2012, movie — directed by Jacques Audiard")
    result = runner.invoke(main, ["catalogue", "search", "--db", url, "--json", "amour"])
    assert [e["id"] for e in json.loads(result.output)] == ["tt1602620"]
    result = runner.invoke(main, ["catalogue", "import", "--db", url, str(tmp_path / "nope.tsv")])
    assert result.exit_code == 2
