"""extract + merge_facts on the example corpus, scored against gold.json; merge on invented input.

The corpus is read by path (CRITICA_GOLD_DIR, default ../shared/corpus/rust-and-bone next to
the repository); the test is skipped when it is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from critica.extract import extract, merge_facts
from critica.extract.money import parse_money
from critica.extract.origin import source_author
from critica.extract.spans import fold
from critica.records import (
    Award,
    CastMember,
    ClassifiedDocument,
    CleanDocument,
    Conflict,
    DocumentMeta,
    Evidence,
    Extraction,
    Fact,
    FactEntry,
    FactValue,
    Money,
    MpaaRating,
    ReleaseDate,
)

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(os.environ.get("CRITICA_GOLD_DIR", REPO.parent / "shared" / "corpus" / "rust-and-bone"))
PERSON_FIELDS = ("directors", "writers", "producers", "composer")


@pytest.fixture(scope="module")
def corpus() -> tuple[dict[str, Any], list[ClassifiedDocument]]:
    if not (GOLD_DIR / "gold.json").exists():
        pytest.skip(f"example corpus not found at {GOLD_DIR} (set CRITICA_GOLD_DIR)")
    gold = json.loads((GOLD_DIR / "gold.json").read_text(encoding="utf-8"))
    docs = []
    for entry in gold["documents"]:
        path = GOLD_DIR / entry["file"]
        text = path.read_text(encoding="utf-8")
        docs.append(ClassifiedDocument(CleanDocument(str(path), text, "utf-8", "text"), entry["kind"], "en"))
    return gold, docs


@pytest.fixture(scope="module")
def merged(corpus: tuple[dict[str, Any], list[ClassifiedDocument]]) -> tuple[
        dict[str, tuple[FactEntry, ...]], tuple[Conflict, ...], list[Extraction]]:
    _gold, docs = corpus
    extractions = [extract(doc) for doc in docs]
    facts, conflicts = merge_facts(extractions)
    return facts, conflicts, extractions


def _file_id(path: str) -> str:
    return Path(path).name[:3]


def test_every_quote_is_in_its_document(corpus: Any, merged: Any) -> None:
    _gold, docs = corpus
    texts = {d.path: d.text for d in docs}
    _facts, _conflicts, extractions = merged
    n = 0
    for ex in extractions:
        for fact in ex.facts:
            assert fact.evidence.quote in texts[fact.evidence.path], fact
            n += 1
    assert n > 50


def _gold_keys(film: dict[str, Any]) -> set[tuple[str, str, str]]:
    keys: set[tuple[str, str, str]] = set()
    for field in (*PERSON_FIELDS, "production_companies", "countries"):
        for item in film.get(field, []):
            keys.update((field, fold(item["value"]), f) for f in item["files"])
    for item in film.get("distributors", []):
        keys.update(("distributors", fold(item["value"]), f) for f in item["files"])
    for item in film["cast"]:
        keys.update(("cast", fold(item["actor"]), f) for f in item["files"])
    for item in film["runtime_min"]:
        keys.update(("runtime_min", str(item["value"]), f) for f in item["files"])
    for item in film["mpaa_rating"]:
        keys.update(("mpaa_rating", item["value"], f) for f in item["files"])
    for item in film["releases"]:
        keys.update(("release_dates", item["date"], f) for f in item["files"])
    for field, gold_field in (("budget", "budget"), ("box_office", "box_office_worldwide")):
        for item in film[gold_field]:
            money = parse_money(item["value"])
            assert money is not None
            keys.update((field, f"{money.currency} {money.amount:.3g}", f) for f in item["files"])
    for item in film["based_on"]:
        author = source_author(item["value"]) or item["value"]
        keys.update(("based_on", fold(author), f) for f in item["files"])
    return keys


def _our_key(field: str, value: FactValue) -> str:
    if isinstance(value, CastMember):
        return fold(value.actor)
    if isinstance(value, MpaaRating):
        return value.value
    if isinstance(value, ReleaseDate):
        return value.date
    if isinstance(value, Money):
        return f"{value.currency} {value.amount:.3g}"
    if field == "based_on" and isinstance(value, str):
        return fold(source_author(value) or value)
    return fold(value) if isinstance(value, str) else str(value)


def test_precision_and_recall_against_gold(corpus: Any, merged: Any) -> None:
    gold, _docs = corpus
    facts, _conflicts, _ex = merged
    expected = _gold_keys(gold["film"])
    fields = {k[0] for k in expected}
    found = {
        (field, _our_key(field, entry.value), _file_id(ev.path))
        for field, entries in facts.items() if field in fields
        for entry in entries for ev in entry.sources
    }
    hits = expected & found
    precision = len(hits) / len(found)
    recall = len(hits) / len(expected)
    print(f"\nfacts vs gold: precision {precision:.3f} ({len(hits)}/{len(found)}), "
          f"recall {recall:.3f} ({len(hits)}/{len(expected)})")
    for field in sorted(fields):
        e = {k for k in expected if k[0] == field}
        f = {k for k in found if k[0] == field}
        print(f"  {field:22} P {len(e & f)}/{len(f)}  R {len(e & f)}/{len(e)}")
    print("  missed:", sorted(expected - found))
    print("  extra: ", sorted(found - expected))
    assert recall >= 0.85
    assert precision >= 0.85


def _values(facts: dict[str, tuple[FactEntry, ...]], field: str) -> list[FactValue]:
    return [e.value for e in facts.get(field, ())]


def test_crew_matches_gold(corpus: Any, merged: Any) -> None:
    gold, _docs = corpus
    facts, _c, _e = merged
    for field in PERSON_FIELDS:
        assert set(_values(facts, field)) == {x["value"] for x in gold["film"][field]}, field


def test_cast_matches_gold_with_canonical_spellings(corpus: Any, merged: Any) -> None:
    gold, _docs = corpus
    facts, _c, _e = merged
    cast = {v.actor: v.character for v in _values(facts, "cast") if isinstance(v, CastMember)}
    for item in gold["film"]["cast"]:
        assert item["actor"] in cast, item["actor"]
        character = cast[item["actor"]]
        assert character is not None
        # "Alain “Ali”" states what gold's 'Alain "Ali" van Versch' does, short of the surname.
        gold_tokens = set(fold(item["character"]).split())
        assert set(fold(character).split()) <= gold_tokens, (item["actor"], character)
        assert fold(item["character"]).split()[0] in fold(character).split()
    assert "Marion Collitard" not in cast and "Armand Verdue" not in cast
    entry = next(e for e in facts["cast"] if isinstance(e.value, CastMember)
                 and e.value.actor == "Marion Cotillard")
    assert "Marion Collitard" in entry.variants
    assert len(cast) == len(gold["film"]["cast"])


def test_figures_match_gold(merged: Any) -> None:
    facts, conflicts, _e = merged
    assert _values(facts, "runtime_min") == [120]
    ratings = _values(facts, "mpaa_rating")
    assert ratings == [MpaaRating("R", "for strong sexual content, brief graphic nudity, some "
                                       "violence and language")]
    budgets = {(m.currency, m.amount) for m in _values(facts, "budget") if isinstance(m, Money)}
    assert budgets == {("USD", 20e6), ("EUR", 15.4e6)}
    budget_conflicts = [c for c in conflicts if c.field == "budget"]
    assert len(budget_conflicts) == 1 and "currenc" in (budget_conflicts[0].note or "")
    box = _values(facts, "box_office")
    assert [(m.currency, m.amount, m.scope) for m in box if isinstance(m, Money)] == [
        ("USD", 25.7e6, "worldwide")]


def test_release_dates_match_gold(corpus: Any, merged: Any) -> None:
    gold, _docs = corpus
    facts, _c, _e = merged
    dates = [v for v in _values(facts, "release_dates") if isinstance(v, ReleaseDate)]
    assert {d.date for d in dates} == {r["date"] for r in gold["film"]["releases"]}
    regions = {(d.date, d.region) for d in dates}
    assert ("2012-11-02", "United Kingdom") in regions
    assert ("2012-11-23", "United States") in regions
    assert {("2012-05-17", "France"), ("2012-05-17", "Belgium")} <= regions
    home = [d for d in dates if d.event == "home_video"]
    assert [d.date for d in home] == ["2013-03-19"]
    # The blog's dateline (January 15, 2013) is the post's date, not a release.
    assert "2013-01-15" not in {d.date for d in dates}


def test_awards_and_their_conflict(merged: Any) -> None:
    facts, conflicts, _e = merged
    awards = [v for v in _values(facts, "awards") if isinstance(v, Award)]
    assert Award("Palme d'Or", "competed") in awards
    assert Award("Golden Globe Award", "nominated", 2) in awards
    assert Award("César Award", "won", 4) in awards
    assert Award("None", "none") in awards
    assert any(c.field == "awards" for c in conflicts)


# --- merge on invented extractions --------------------------------------------------------------


def _ex(path: str, *facts: tuple[str, FactValue]) -> Extraction:
    return Extraction(path, DocumentMeta(), tuple(
        Fact(field, value, Evidence(path, f"quote {i} in {path}")) for i, (field, value) in enumerate(facts)))


def test_majority_spelling_wins_and_misspellings_are_variants() -> None:
    exs = [
        _ex("a", ("cast", CastMember("Johanna Vértes", "Lili"))),
        _ex("b", ("cast", CastMember("Johanna Vertes", "Lili"))),
        _ex("c", ("cast", CastMember("Johana Vertes", None))),
        _ex("d", ("cast", CastMember("Vertess", None))),
    ]
    facts, conflicts = merge_facts(exs)
    (entry,) = facts["cast"]
    assert isinstance(entry.value, CastMember)
    # Vértes and Vertes fold together (2 documents); the diacritic form breaks the tie.
    assert entry.value == CastMember("Johanna Vértes", "Lili")
    assert "Johana Vertes" in entry.variants
    assert {e.path for e in entry.sources} == {"a", "b", "c", "d"}
    assert conflicts == ()


def test_different_people_with_one_surname_stay_apart() -> None:
    exs = [_ex("a", ("directors", "Joel Marsh"), ("directors", "Ethan Marsh")),
           _ex("b", ("directors", "Marsh"))]
    facts, _ = merge_facts(exs)
    assert {e.value for e in facts["directors"]} >= {"Joel Marsh", "Ethan Marsh"}


def test_character_most_complete_form_wins() -> None:
    exs = [
        _ex("a", ("cast", CastMember("Tom Reyes", "Ali"))),
        _ex("b", ("cast", CastMember("Tom Reyes", "Alain"))),
        _ex("c", ("cast", CastMember("Tom Reyes", "Alain “Ali”"))),
        _ex("d", ("cast", CastMember("Tom Reyes", "Ali"))),
    ]
    facts, _ = merge_facts(exs)
    assert facts["cast"][0].value == CastMember("Tom Reyes", "Alain “Ali”")


def test_runtime_disagreement_is_a_conflict_with_all_sources() -> None:
    exs = [_ex("a", ("runtime_min", 98)), _ex("b", ("runtime_min", 98)), _ex("c", ("runtime_min", 104))]
    facts, conflicts = merge_facts(exs)
    assert [e.value for e in facts["runtime_min"]] == [98, 104]
    assert [len(e.sources) for e in facts["runtime_min"]] == [2, 1]
    assert conflicts[0].field == "runtime_min" and set(conflicts[0].values) == {98, 104}


def test_box_office_of_different_scopes_is_not_a_conflict() -> None:
    exs = [_ex("a", ("box_office", Money(1e6, "USD", "$1m", "domestic"))),
           _ex("b", ("box_office", Money(3e6, "USD", "$3m", "worldwide")))]
    _facts, conflicts = merge_facts(exs)
    assert conflicts == ()


def test_mpaa_reason_is_kept_when_one_document_omits_it() -> None:
    exs = [_ex("a", ("mpaa_rating", MpaaRating("PG-13"))),
           _ex("b", ("mpaa_rating", MpaaRating("PG-13", "for peril")))]
    facts, conflicts = merge_facts(exs)
    (entry,) = facts["mpaa_rating"]
    assert entry.value == MpaaRating("PG-13", "for peril")
    assert len(entry.sources) == 2 and conflicts == ()
    _f, conflicts2 = merge_facts([*exs, _ex("c", ("mpaa_rating", MpaaRating("R")))])
    assert [c.field for c in conflicts2] == ["mpaa_rating"]


def test_release_without_region_joins_the_specific_one() -> None:
    exs = [_ex("a", ("release_dates", ReleaseDate("2014-10-03"))),
           _ex("b", ("release_dates", ReleaseDate("2014-10-03", "United Kingdom", "theatrical")))]
    facts, _ = merge_facts(exs)
    (entry,) = facts["release_dates"]
    assert entry.value == ReleaseDate("2014-10-03", "United Kingdom", "theatrical")
    assert {e.path for e in entry.sources} == {"a", "b"}


def test_no_extractions_merge_to_nothing() -> None:
    assert merge_facts([]) == ({}, ())
