"""identify and cluster: the seed corpus (gold.json) and invented mini-documents.

Every mini-document below is written for this test: the films, people and sentences are made up.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from critica.identify import cluster, identify, normalize_title, slugify
from critica.records import (
    ClassifiedDocument,
    CleanDocument,
    DocumentKind,
    FilmGroup,
    Identity,
    PageMetadata,
    Rejection,
)

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(os.environ.get("CRITICA_GOLD_DIR", REPO.parent / "shared/corpus/rust-and-bone"))

BODY = (
    "The performances are careful and the camera stays close to the faces, which gives the "
    "quieter scenes a weight that the plot alone could never carry on its own."
)


def make(path: str, text: str, kind: DocumentKind = "critic_review",
         page_title: str | None = None, site: str | None = None) -> ClassifiedDocument:
    metadata = PageMetadata(title=page_title, site_name=site)
    return ClassifiedDocument(CleanDocument(path, text, "utf-8", "text", metadata=metadata),
                              kind, "en")


def ident(path: str, text: str, **kwargs: object) -> Identity:
    result = identify(make(path, text, **kwargs))  # type: ignore[arg-type]
    assert isinstance(result, Identity), result
    return result


def best_title(identity: Identity) -> str:
    assert identity.best is not None
    return identity.best.title


def groups_by_members(groups: tuple[FilmGroup, ...]) -> dict[frozenset[str], FilmGroup]:
    return {frozenset(g.paths): g for g in groups}


def straight(text: str | None) -> str | None:
    return text.replace("’", "'") if text else text


# --- the seed corpus --------------------------------------------------------------------


@pytest.fixture(scope="module")
def gold_identities() -> tuple[dict[str, object], list[Identity]]:
    if not (GOLD_DIR / "gold.json").is_file():
        pytest.skip(f"seed corpus not found at {GOLD_DIR} (set CRITICA_GOLD_DIR)")
    gold = json.loads((GOLD_DIR / "gold.json").read_text(encoding="utf-8"))
    identities: list[Identity] = []
    for entry in gold["documents"]:
        path = GOLD_DIR / entry["file"]
        doc = make(str(path), path.read_text(encoding="utf-8"), kind=entry["kind"])
        result = identify(doc)
        assert isinstance(result, Identity), result
        identities.append(result)
    return gold, identities


def test_gold_every_document_is_about_the_gold_film(gold_identities) -> None:  # type: ignore[no-untyped-def]
    gold, identities = gold_identities
    film = gold["film"]
    for identity in identities:
        assert normalize_title(best_title(identity)) == normalize_title(film["title"]), identity.path


def test_gold_one_group_with_title_year_original_and_variants(gold_identities) -> None:  # type: ignore[no-untyped-def]
    gold, identities = gold_identities
    film = gold["film"]
    groups = cluster(identities)
    assert len(groups) == 1
    group = groups[0]
    assert group.title == film["title"]
    assert group.year == film["year"]
    assert straight(group.original_title) == straight(film["original_title"])
    assert set(group.paths) == {i.path for i in identities}
    assert "Rus and Bone" in group.variants
    assert "Rus and Bone" in film["title_variants_seen"]


def test_gold_encyclopedia_credits_the_director(gold_identities) -> None:  # type: ignore[no-untyped-def]
    gold, identities = gold_identities
    director = gold["film"]["directors"][0]["value"]
    encyclopedia = [
        i for i, d in zip(identities, gold["documents"], strict=True) if d["kind"] == "encyclopedia"
    ]
    assert encyclopedia and director in encyclopedia[0].people


# --- headline shapes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headline", "year"),
    [
        ("Midnight Harbour Review", None),
        ("Review: Midnight Harbour", None),
        ("Film Review: Midnight Harbour", None),
        ("'Midnight Harbour' Examines the Cost of Keeping Quiet", None),
        ("‘Midnight Harbour’ review – a quiet storm of a film", None),
        ("Midnight Harbour (2019)", 2019),
        ("Top 100 Films – #42 – Midnight Harbour (2019)", 2019),
        ("Midnight Harbour: the best film of the year", None),
        ("Midnight Harbour movie review & film summary (2019)", 2019),
        ("Midnight Harbour Blu-ray Review", None),
    ],
)
def test_headline_shapes(headline: str, year: int | None) -> None:
    identity = ident("h.txt", f"{headline}\n\n{BODY}\n")
    best = identity.best
    assert best is not None and best.title == "Midnight Harbour"
    years = {c.year for c in identity.candidates if c.title == "Midnight Harbour"} - {None}
    assert years == ({year} if year else set())


def test_page_title_site_suffix_is_stripped() -> None:
    identity = ident("p.html", f"{BODY}\n", page_title="Midnight Harbour review – a slow tide | Film | The Lantern",
                     site="The Lantern")
    assert best_title(identity) == "Midnight Harbour"
    assert identity.best is not None and identity.best.origin == "page_title"


def test_original_title_field_links_the_headline_title() -> None:
    text = f"Midnight Harbour Review\n\nRunning Time:\n104 minutes\nOriginal Title:\nLe Port de minuit\n\n{BODY}\n"
    identity = ident("o.txt", text)
    assert best_title(identity) == "Midnight Harbour"
    assert identity.best is not None and identity.best.original_title == "Le Port de minuit"


def test_misspelt_header_line_is_a_candidate() -> None:
    text = f"'Midnight Harbour' Explores Grief at Sea\n\nMidnght Harbour\n\nDirector: Anne Loiseau\n\n{BODY}\n"
    identity = ident("m.txt", text)
    assert best_title(identity) == "Midnight Harbour"
    assert "Midnght Harbour" in {c.title for c in identity.candidates}
    assert "Anne Loiseau" in identity.people


# --- encyclopedia first sentences --------------------------------------------------------


def test_first_sentence_with_original_title_year_and_people() -> None:
    text = (
        "Midnight Harbour (French: Le Port de minuit) is a 2019 French–Canadian drama film "
        "directed by Anne Loiseau, starring Paul Mercer and Ines Castellan. It follows a ferryman.\n"
    )
    identity = ident("w.txt", text, kind="encyclopedia")
    best = identity.best
    assert best is not None
    assert (best.title, best.year, best.original_title) == ("Midnight Harbour", 2019, "Le Port de minuit")
    assert {"Anne Loiseau", "Paul Mercer", "Ines Castellan"} <= set(identity.people)


def test_first_sentence_plain_year() -> None:
    text = "Night of the Crows is a 1968 American horror film directed by Walter Bryce.\nIt was shot in Ohio.\n"
    best = ident("w2.txt", text, kind="encyclopedia").best
    assert best is not None and (best.title, best.year) == ("Night of the Crows", 1968)


def test_first_sentence_also_known_as() -> None:
    text = "Cold Water (also known as The Frozen Lake) is a 2004 Finnish thriller film.\nMore text.\n"
    identity = ident("w3.txt", text, kind="encyclopedia")
    assert best_title(identity) == "Cold Water"
    assert "The Frozen Lake" in {c.title for c in identity.candidates}


# --- passing mentions and years --------------------------------------------------------


def test_films_mentioned_in_passing_do_not_win() -> None:
    text = (
        "Midnight Harbour (2019)\n\n"
        "Anne Loiseau, who made 2015’s excellent festival favourite “Paper Lanterns”, returns with "
        "a story about a ferryman. Her last two films, Paper Lanterns or The Salt Road, were colder.\n"
        "It feels like the Halvorsen brothers (“The Kite Thief”) at times, and “Midnight Harbour” "
        "is the warmer film. In the end “Midnight Harbour” earns its tears honestly and well.\n"
    )
    identity = ident("pm.txt", text)
    assert best_title(identity) == "Midnight Harbour"
    weights = {c.title: c.weight for c in identity.candidates}
    assert identity.best is not None
    assert weights.get("Paper Lanterns", 0) < identity.best.weight / 4
    assert weights.get("The Kite Thief", 0) < identity.best.weight / 4
    # 2015 belongs to the film mentioned in passing, never to the one reviewed
    assert {c.year for c in identity.candidates if c.title == "Paper Lanterns"} == {2015}
    assert 2015 not in {c.year for c in identity.candidates if c.title == "Midnight Harbour"}


def test_passing_mentions_weigh_less_than_plain_ones_without_a_headline() -> None:
    text = (
        "I saw “Midnight Harbour” on a wet Tuesday and it has stayed with me all week long.\n"
        "Loiseau’s last film, “Paper Lanterns”, was colder. It is nothing like “Paper Lanterns” in "
        "tone, and after “Paper Lanterns” this feels like a thaw. “Midnight Harbour” is warmer.\n"
    )
    assert best_title(ident("pw.txt", text)) == "Midnight Harbour"


def test_blu_ray_advert_line_is_not_a_title() -> None:
    text = f"Buy Paper Lanterns on Blu-ray Now\nMidnight Harbour Review\n\n{BODY}\n"
    identity = ident("ad.txt", text)
    assert best_title(identity) == "Midnight Harbour"
    assert "Paper Lanterns" not in {c.title for c in identity.candidates}


def test_release_date_year_is_only_a_weak_hint() -> None:
    text = f"Midnight Harbour Review\n\nRelease Date:\n02 Nov 2019\n\n{BODY}\n"
    identity = ident("r.txt", text)
    hinted = [c for c in identity.candidates if c.year == 2019]
    assert hinted and all(c.origin == "release_date" for c in hinted)
    assert identity.best is not None and identity.best.year is None


# --- clustering ---------------------------------------------------------------------------


def test_three_films_in_one_folder() -> None:
    a = ident("a.txt", (
        "Review: Midnight Harbour\n\n"
        "Anne Loiseau follows her previous film “Paper Lanterns” with something gentler. "
        "Midnight Harbour is a slow, tidal film that rewards patience more than it asks for it.\n"
    ))
    b = ident("b.txt", f"Paper Lanterns Review\n\n{BODY}\n")
    c = ident("c.txt", f"The Glass Orchard (2020)\n\n{BODY}\n")
    d = ident("d.txt", "The Glass Orchard is a 2020 British mystery film directed by Owen Pike.\n",
              kind="encyclopedia")
    e = ident("e.txt", f"‘Paper Lanterns’ review – a cold bright thing\n\n{BODY}\n")
    groups = groups_by_members(cluster([a, b, c, d, e]))
    assert set(groups) == {frozenset({"a.txt"}), frozenset({"b.txt", "e.txt"}),
                           frozenset({"c.txt", "d.txt"})}
    assert groups[frozenset({"c.txt", "d.txt"})].title == "The Glass Orchard"
    assert groups[frozenset({"c.txt", "d.txt"})].year == 2020
    assert groups[frozenset({"b.txt", "e.txt"})].title == "Paper Lanterns"


def test_same_title_different_years_stay_apart() -> None:
    old = ident("old.txt", f"The Long Night (1962)\n\nDirected by Ray Holloway.\n{BODY}\n")
    new = ident("new.txt", f"The Long Night (2014)\n\nDirected by Dana Whitcombe.\n{BODY}\n")
    wiki = ident("wiki.txt", "The Long Night is a 2014 American thriller film directed by Dana Whitcombe.\n",
                 kind="encyclopedia")
    groups = groups_by_members(cluster([old, new, wiki]))
    assert set(groups) == {frozenset({"old.txt"}), frozenset({"new.txt", "wiki.txt"})}
    assert groups[frozenset({"old.txt"})].year == 1962
    assert groups[frozenset({"new.txt", "wiki.txt"})].year == 2014


def test_same_title_without_years_told_apart_by_people() -> None:
    first = ident("f1.txt", f"The Long Night Review\n\nDirector: Ray Holloway\nCast: Mae Orton, Len Fisk\n\n{BODY}\n")
    second = ident("f2.txt", f"Review: The Long Night\n\nDirector: Dana Whitcombe\nCast: Tom Verity\n\n{BODY}\n")
    undated = ident("f3.txt", f"The Long Night Review\n\nStarring Tom Verity.\n{BODY}\n")
    groups = groups_by_members(cluster([first, second, undated]))
    assert set(groups) == {frozenset({"f1.txt"}), frozenset({"f2.txt", "f3.txt"})}


def test_festival_and_release_year_one_apart_still_join() -> None:
    fest = ident("y1.txt", f"Midnight Harbour (2019)\n\n{BODY}\n")
    release = ident("y2.txt", f"Midnight Harbour (2020)\n\n{BODY}\n")
    assert len(cluster([fest, release])) == 1


def test_ampersand_and_and_join() -> None:
    amp = ident("s1.txt", f"Salt & Vinegar Review\n\n{BODY}\n")
    word = ident("s2.txt", f"Review: Salt and Vinegar\n\n{BODY}\n")
    groups = cluster([amp, word])
    assert len(groups) == 1
    assert {"Salt & Vinegar", "Salt and Vinegar"} <= set(groups[0].variants)


def test_leading_article_is_ignored() -> None:
    with_article = ident("l1.txt", f"The Lighthouse Keeper Review\n\n{BODY}\n")
    without = ident("l2.txt", f"Lighthouse Keeper (2018)\n\n{BODY}\n")
    groups = cluster([with_article, without])
    assert len(groups) == 1 and groups[0].year == 2018


def test_original_title_document_joins_through_encyclopedia() -> None:
    french = ident("fr.txt", f"Le Port de minuit (2019)\n\n{BODY}\n")
    english = ident("en.txt", f"Midnight Harbour Review\n\n{BODY}\n")
    wiki = ident("wk.txt", (
        "Midnight Harbour (French: Le Port de minuit) is a 2019 French–Canadian drama film "
        "directed by Anne Loiseau.\n"
    ), kind="encyclopedia")
    assert len(cluster([french, english])) == 2  # nothing says they are one film ...
    groups = cluster([french, english, wiki])  # ... until a page states the link
    assert len(groups) == 1
    group = groups[0]
    assert (group.title, group.original_title, group.year) == ("Midnight Harbour", "Le Port de minuit", 2019)
    assert set(group.paths) == {"fr.txt", "en.txt", "wk.txt"}


def test_misspelt_best_candidate_joins_through_other_candidates() -> None:
    misspelt = ident("x1.txt", (
        "Midnite Harbor Review\n\n"
        "“Midnight Harbour” is patient. “Midnight Harbour” is tender. I liked “Midnight Harbour” "
        "far more than I expected to, and the ending stays with you for days afterwards.\n"
    ))
    correct = ident("x2.txt", f"Review: Midnight Harbour\n\n{BODY}\n")
    groups = cluster([misspelt, correct])
    assert len(groups) == 1
    assert groups[0].title == "Midnight Harbour"
    assert "Midnite Harbor" in groups[0].variants


def test_display_title_prefers_well_formed_spelling() -> None:
    shouty = ident("c1.txt", f"MIDNIGHT HARBOUR (2019)\n\n{BODY}\n")
    capitals = ident("c2.txt", f"Midnight Harbour Of The North Review\n\n{BODY}\n")
    proper = ident("c3.txt", f"Review: Midnight Harbour of the North\n\n{BODY}\n")
    groups = groups_by_members(cluster([shouty, capitals, proper]))
    assert groups[frozenset({"c2.txt", "c3.txt"})].title == "Midnight Harbour of the North"
    assert groups[frozenset({"c1.txt"})].title == "Midnight Harbour"


def test_cluster_order_is_deterministic() -> None:
    docs = [
        ident("1.txt", f"Zebra Crossing Review\n\n{BODY}\n"),
        ident("2.txt", f"Review: Apple Season\n\n{BODY}\n"),
        ident("3.txt", f"The Long Night (2014)\n\n{BODY}\n"),
        ident("4.txt", f"The Long Night (1962)\n\n{BODY}\n"),
    ]
    forward = cluster(docs)
    backward = cluster(list(reversed(docs)))
    assert [(g.title, g.year) for g in forward] == [
        ("Apple Season", None), ("The Long Night", 1962), ("The Long Night", 2014),
        ("Zebra Crossing", None),
    ]
    assert [(g.title, g.year, set(g.paths)) for g in forward] == [
        (g.title, g.year, set(g.paths)) for g in backward
    ]


def test_cluster_of_nothing_is_empty() -> None:
    assert cluster([]) == ()


# --- rejections ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "we went to the beach today and it rained, so we came back home early.\n"],
)
def test_no_title_is_a_rejection(text: str) -> None:
    result = identify(make("none.txt", text))
    assert isinstance(result, Rejection)
    assert (result.path, result.stage) == ("none.txt", "identify")
    assert "no film title" in result.reason


# --- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Rust & Bone", "rust and bone"),
        ("Amélie", "AMELIE"),
        ("De rouille et d’os", "De rouille et d'os"),
        ("L'Écume des jours", "Ecume des jours"),
        ("Les Misérables", "Miserables!"),
    ],
)
def test_normalize_title_equal(a: str, b: str) -> None:
    assert normalize_title(a) == normalize_title(b)


def test_normalize_title_keeps_different_titles_apart() -> None:
    assert normalize_title("Alien") != normalize_title("Aliens")
    assert normalize_title("A") == "a"  # an article alone is a title, not an empty key


@pytest.mark.parametrize(
    ("title", "year", "slug"),
    [
        ("Rust and Bone", 2012, "rust-and-bone-2012"),
        ("Amélie & Nino", None, "amelie-and-nino"),
        ("De rouille et d'os", 2012, "de-rouille-et-dos-2012"),
        ("!!!", None, "film"),
    ],
)
def test_slugify(title: str, year: int | None, slug: str) -> None:
    assert slugify(title, year) == slug


def test_sequel_numbers_do_not_fuzzy_match() -> None:
    two = ident("n2.txt", f"Harbour Lights 2 Review\n\n{BODY}\n")
    three = ident("n3.txt", f"Harbour Lights 3 Review\n\n{BODY}\n")
    assert len(cluster([two, three])) == 2


def test_site_name_line_loses_to_the_title_the_body_repeats() -> None:
    text = (
        "Lantern Weekly\n\nMidnight Harbour\n\n"
        "Midnight Harbour is a patient film about a ferryman, and Midnight Harbour never hurries "
        "its grief, which is the best thing about it.\n"
    )
    assert best_title(ident("site.txt", text)) == "Midnight Harbour"


@pytest.mark.parametrize(
    "headline",
    ["# Midnight Harbour (2019)", "Midnight Harbour (2019): Collector's Edition"],
)
def test_markdown_heading_and_subtitled_year(headline: str) -> None:
    best = ident("md.txt", f"{headline}\n\n{BODY}\n").best
    assert best is not None and (best.title, best.year) == ("Midnight Harbour", 2019)


def test_slug_of_a_title_without_latin_letters_keeps_its_letters() -> None:
    # Two such films must not share the slug "film-1954" (the store keys films by slug).
    assert slugify("七人の侍", 1954) != slugify("東京物語", 1954)
    assert slugify("七人の侍", 1954).endswith("-1954")


# --- shapes added with the held-out documents (issue 4) ------------------------------------


@pytest.mark.parametrize("headline", [
    "Midnight Harbour (2019) 4K Blu-ray Review",
    "Midnight Harbour DVD & Blu-ray review",
])
def test_stacked_media_words_in_review_headlines(headline: str) -> None:
    best = ident("h.txt", f"{headline}\n\n{BODY}\n").best
    assert best is not None and best.title == "Midnight Harbour"


def test_quoted_title_inside_a_news_headline_beats_a_section_label() -> None:
    identity = ident("n.txt", (
        "WEEKEND ROUNDUP\n"
        "Indie 'Midnight Harbour' finds its audience\n"
        "The debut of writer-director Anne Loiseau, starring Tom Reyes, expanded to 300 screens "
        "after opening in limited release on Sept. 9, 2016, and has now grossed $2 million.\n"
    ), kind="news")
    assert identity.best is not None and identity.best.title == "Midnight Harbour"
    # the dated release sentence is a weak year hint, not a firm one
    assert {c.year for c in identity.candidates if c.origin == "release_date"} == {2016}


def test_advert_line_for_another_disc_is_a_passing_mention() -> None:
    identity = ident("d.txt", (
        f"Midnight Harbour Blu-ray Review\n\n{BODY}\n"
        "Also on 4K this month: Copper Sky (2018) - buy now and save 20%\n"
    ), kind="dvd_review")
    copper = [c for c in identity.candidates if c.title == "Copper Sky"]
    assert all(c.weight < 0.1 for c in copper)


def test_credited_people_are_read_from_prose_and_cast_columns() -> None:
    identity = ident("p.txt", (
        "Midnight Harbour Review\n"
        "Starring:\nRuth Ames\nColm Keane\n"
        "Writer-director Anne Loiseau sets her film in Brest. Gemma Fairlie (Maggie Rourke) "
        "is superb, and Tom Reyes plays Father Kell.\n"
    ))
    assert {"Ruth Ames", "Colm Keane", "Anne Loiseau", "Gemma Fairlie", "Maggie Rourke",
            "Tom Reyes", "Father Kell"} <= set(identity.people)


def test_same_title_without_years_split_by_people_read_from_prose() -> None:
    old = ident("old.txt", "Harbour Lights Review\nEdwin Marsh directed it. Gemma Fairlie as Maggie.\n"
                "Gemma Fairlie (Maggie Rourke) is superb in this slow and grey drama of the coast.\n")
    new = ident("new.txt", "Film Review: Harbour Lights\nWriter-director Priya Nandakumar sets her "
                "debut in a ferry town, and Marcus Oyelaran plays Dell Hardy, a mechanic.\n")
    new2 = ident("new2.txt", "'Harbour Lights' Examines the Cost of Staying Put\nMarcus Oyelaran "
                 "plays Dell Hardy, and Priya Nandakumar's script is sharp and salty and kind.\n")
    groups = groups_by_members(cluster([old, new, new2]))
    assert set(groups) == {frozenset({"old.txt"}), frozenset({"new.txt", "new2.txt"})}


# --- shapes added for unseen documents (issue 4, tests/devshapes) -------------------------------

BODY = ("The performances carry a plot that would otherwise sink under its own weight, and the "
        "long middle stretch on the water is the best thing in it.")


@pytest.mark.parametrize(("text", "title"), [
    (f"Review: 'Cold Meadow' smoulders, then catches\n{BODY}\nCold Meadow is rated R.", "Cold Meadow"),
    (f"The Harbor Sentinel\nSeabirds and secrets\nMay 2, 2014\nCold Meadow is released in cinemas "
     f"today.\n{BODY}", "Cold Meadow"),
    (f"Weekend box office\n'Meadow' wins the weekend\nCold Meadow took $9 million.\n{BODY} "
     "Meadow did well.", "Cold Meadow"),
    (f"Festival diary, day two: cold fields\nI saw El prado frío (Cold Meadow) on Monday.\n{BODY}",
     "Cold Meadow"),
])
def test_unseen_headline_and_prose_shapes(text: str, title: str) -> None:
    assert best_title(ident("doc.txt", text)) == title


def test_original_title_in_parentheses_is_linked() -> None:
    identity = ident("doc.txt", f"Festival diary\nI saw El prado frío (Cold Meadow) on Monday.\n{BODY}")
    assert identity.best is not None and identity.best.original_title == "El prado frío"


def test_cast_list_with_dashes_is_no_title() -> None:
    text = f"Catching up: Cold Meadow\nAnn Loy — Tess Varga\nTom Birch — Sam Hale\n{BODY}"
    assert best_title(ident("doc.md", text)) == "Cold Meadow"


# --- support: page furniture against supported titles (written for these tests) ----------


def test_a_column_masthead_loses_to_a_title_the_body_supports() -> None:
    text = ("Lisbon Diary\nA night of fado and ferries\nBy Ana Reis\n"
            "The best film of the week was Tomasz Kral's The Quiet Tram, a comedy about a "
            "conductor who never speaks. The Quiet Tram opens in March. " + BODY + "\n" + BODY)
    assert best_title(ident("d.txt", text)) == "The Quiet Tram"


def test_a_section_label_before_a_quoted_title_names_the_section() -> None:
    text = f"CITY SCREENS: 'MARSH LIGHT' PACKS THE HOUSES\n{BODY}\nMarsh Light is doing well.\n"
    assert normalize_title(best_title(ident("s.txt", text))) == "marsh light"


def test_a_list_heading_is_not_a_title_and_its_first_entry_is() -> None:
    text = ("The 10 Best Westerns of 2019\nPosted December 2, 2019\n3. Dry Creek (Hal Mercer)\n"
            f"Dry Creek is a patient western and the best of the year. {BODY}\n"
            "4. Lone Mesa (Ida Ruiz)\nA loud, busy film.\n")
    identity = ident("l.txt", text)
    assert best_title(identity) == "Dry Creek"
    assert all(not c.title.startswith("The 10 Best") for c in identity.candidates)


def test_an_infobox_language_line_is_the_original_title_not_the_title() -> None:
    text = ("Harbour of Bells\nTheatrical poster\nDanish: Klokkehavnen\nDirected by\tSofie Lund\n"
            "Starring\tMads Krog\n"
            "Harbour of Bells (Danish: Klokkehavnen) is a 2015 Danish drama film directed by Sofie "
            "Lund. " + BODY)
    identity = ident("e.txt", text)
    assert identity.best is not None
    assert (identity.best.title, identity.best.year) == ("Harbour of Bells", 2015)
    assert identity.best.original_title == "Klokkehavnen"


def test_same_title_and_year_with_disjoint_credits_still_one_film() -> None:
    review = ident("a.txt", f"Marsh Light (2018) Review\n{BODY}\nMarsh Light is lovely.\n"
                            "It stars Ola Berg as Tove.\n")
    guide = ident("b.txt", f"Marsh Light (2018)\nDirector: Kari Holm\n{BODY}\nMarsh Light is fine.\n")
    groups = cluster([review, guide])
    assert len(groups) == 1 and groups[0].year == 2018


def test_same_title_different_directors_stay_two_films() -> None:
    old = ident("o.txt", f"Marsh Light (1979) Review\nDirected by Per Dahl.\n{BODY}\n")
    new = ident("n.txt", f"Marsh Light Review\nDirected by Kari Holm.\n{BODY}\n")
    assert len(cluster([old, new])) == 2
