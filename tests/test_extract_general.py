"""The general fact readers (accolades, release_prose, companies, origin_more, cast_more) on
sentences written for these tests; expectations are read off the sentences, not the code.

All documents here are invented; none is copied from a real page.
"""

from __future__ import annotations

import pytest

from critica.extract.facts import extract_facts
from critica.records import (
    Award,
    CastMember,
    ClassifiedDocument,
    CleanDocument,
    DocumentKind,
    Fact,
    FactValue,
    ReleaseDate,
)


def facts_of(text: str, kind: DocumentKind = "critic_review") -> tuple[Fact, ...]:
    doc = ClassifiedDocument(CleanDocument("snippet.txt", text, "utf-8", "text"), kind, "en")
    facts = extract_facts(doc)
    for fact in facts:  # every quote is an exact substring of the text
        assert fact.evidence.quote in text, fact
    return facts


def values(text: str, field: str) -> list[FactValue]:
    return [f.value for f in facts_of(text) if f.field == field]


def outcomes(text: str) -> set[tuple[str, str, int | None]]:
    return {(a.text, a.outcome, a.count) for a in values(text, "awards") if isinstance(a, Award)}


# --- awards -------------------------------------------------------------------------------------


def test_award_won_with_a_body_written_without_award() -> None:
    found = outcomes("Dunmore picked up the AACTA for Best Supporting Actor in March.")
    assert ("AACTA", "won", None) in found
    assert not any(o == "nominated" for _, o, _ in found)


def test_ceremony_sentence_keeps_nominations_and_wins_apart() -> None:
    found = outcomes("At the 2019 Magritte Awards the film received seven nominations and won "
                     "three, including Best Director.")
    assert ("Magritte Award", "nominated", 7) in found
    assert ("Magritte Award", "won", 3) in found


def test_nomination_noun_and_which_it_won() -> None:
    found = outcomes("It got a Gotham Award nomination, then took the Silver Leopard, and later "
                     "the Lumière Prize for best debut, which it won in Paris.")
    assert ("Gotham Award", "nominated", 1) in found
    assert ("Lumière Prize", "won", None) in found


def test_award_with_capital_won_in_an_awards_line() -> None:
    found = outcomes("Awards: Won the Grierson Award for Best Newcomer; nominated for a BAFTA")
    assert ("Grierson Award", "won", None) in found
    assert ("BAFTA Award", "nominated", None) in found


def test_accolades_table_rows() -> None:
    text = ("Accolades\n"
            "Award\tCategory\tRecipient(s)\tResult\n"
            "Independent Spirit Awards\tBest First Feature\tThe Copper Bell\tWon\n"
            "\tBest Cinematography\tAnna Weller\tNominated\n"
            "Sundance Film Festival\tGrand Jury Prize\tThe Copper Bell\tNominated\n")
    found = outcomes(text)
    assert ("Independent Spirit Award", "won", None) in found
    assert ("Independent Spirit Award", "nominated", None) in found  # a merged award cell
    assert any(t.startswith("Sundance") and o == "nominated" for t, o, _ in found)


def test_award_list_items_with_outcome_in_parentheses() -> None:
    found = outcomes("Honours\n- European Film Award for Best Comedy (won)\n"
                     "- Goya Award for Best European Film (nominated)\n")
    assert ("European Film Award", "won", None) in found
    assert ("Goya Award", "nominated", None) in found


@pytest.mark.parametrize("text", [
    "The Oscars ceremony ran long this year.",
    "Oscar-winning director Lena Hart returns with a thriller.",
    "BAFTA winner Jo Bell plays the mother.",
    "She won the audience over in the second act.",
    "Her previous film, Dark Water, won the Golden Lion in 2010.",
    "Hart, whose short The Glass Key was nominated for an Oscar, has a painter's eye.",
])
def test_award_words_that_state_no_award_of_this_film(text: str) -> None:
    assert values(text, "awards") == []


# --- release dates --------------------------------------------------------------------------------


def test_yearless_release_takes_the_dateline_year() -> None:
    text = "By Ada Moss | August 28, 2018\n\nThe Quiet Field opens in UK cinemas on 14 September."
    assert ReleaseDate("2018-09-14", "United Kingdom", "theatrical") in values(text, "release_dates")


def test_yearless_release_with_a_weekday_picks_the_year_that_fits() -> None:
    # 14 April 2023 is a Friday; the review is dated March 2023.
    text = "Published March 12, 2023\nRelease date: Friday, April 14\n"
    dates = [r.date for r in values(text, "release_dates") if isinstance(r, ReleaseDate)]
    assert "2023-04-14" in dates


def test_yearless_release_takes_the_year_of_its_sentence() -> None:
    text = "In the spring of 1981, Union Pictures put the film into a few theaters on May 8."
    dates = [r.date for r in values(text, "release_dates") if isinstance(r, ReleaseDate)]
    assert dates == ["1981-05-08"]


def test_past_premiere_is_dated_before_the_document() -> None:
    text = ("By Jo Grey | December 3, 2019\n\nThe run began with its world premiere at the "
            "Annecy festival on June 11 and ended with a prize.")
    dates = [r.date for r in values(text, "release_dates") if isinstance(r, ReleaseDate)]
    assert "2019-06-11" in dates and "2020-06-11" not in dates


def test_opening_day_is_a_release_word() -> None:
    text = "I saw it on its opening day in France, Wednesday October 2, 2019, in Lyon."
    assert ReleaseDate("2019-10-02", "France", "theatrical") in values(text, "release_dates")


def test_yearless_date_without_any_year_is_left_alone() -> None:
    assert values("It opens in cinemas on 14 September.", "release_dates") == []


def test_opened_after_a_festival_is_theatrical() -> None:
    text = ("By Kim Lo | September 20, 2022\nThe film opened around the country on September 1 "
            "after winning the audience prize at the Perth Film Festival.")
    found = [r for r in values(text, "release_dates") if isinstance(r, ReleaseDate)]
    assert [(r.date, r.event) for r in found] == [("2022-09-01", "theatrical")]


def test_second_clause_after_and_opened_is_not_the_premiere() -> None:
    text = ("The film premiered at the Oslo Film Festival on 3 March 2015 and opened in "
            "Norwegian cinemas on 10 April 2015.")
    found = {(r.date, r.event) for r in values(text, "release_dates") if isinstance(r, ReleaseDate)}
    assert ("2015-04-10", "theatrical") in found and ("2015-04-10", "premiere") not in found


# --- companies ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "company"), [
    ("Stonegate Films gave it a limited release in the United States.", "Stonegate Films"),
    ("Specialty outfit Bellwether Pictures will open it in New York in May.", "Bellwether Pictures"),
    ("Corvid Releasing has it in theaters nationwide on Friday.", "Corvid Releasing"),
    ("Maison Bleue is the French distributor.", "Maison Bleue"),
    ("The numbers were released by the distributor, Ridgeback Entertainment, on Monday.",
     "Ridgeback Entertainment"),
    ("It arrived on VOD the same day via Tern Releasing.", "Tern Releasing"),
    ("Harbor Lane Pictures acquired the North American rights in May.", "Harbor Lane Pictures"),
    ("Corvid Releasing's low-budget horror film Night Shift opened in second place.",
     "Corvid Releasing"),
])
def test_distributor_shapes(text: str, company: str) -> None:
    assert company in values(text, "distributors")


def test_rights_to_a_novel_name_no_distributor() -> None:
    assert values("Marlow acquired the rights to the novel in 2011.", "distributors") == []


@pytest.mark.parametrize(("text", "companies"), [
    ("It was produced by Ana Ruiz and Tom Bell for Quill Films and Northgate Pictures.",
     ["Quill Films", "Northgate Pictures"]),
    ("The €4 million co-production between Galway's Heron Animation and Leeds's Kite Studio "
     "took two years.", ["Heron Animation", "Kite Studio"]),
    ("It's a Danish-Swedish co-production (Fjord Productions with Ostersjo Films).",
     ["Fjord Productions", "Ostersjo Films"]),
    ("Ironbark Pictures and Red Fern Entertainment produced on a tight budget.",
     ["Ironbark Pictures", "Red Fern Entertainment"]),
])
def test_production_company_shapes(text: str, companies: list[str]) -> None:
    found = values(text, "production_companies")
    for company in companies:
        assert company in found


# --- countries and languages ----------------------------------------------------------------------


def test_languages_before_subtitles() -> None:
    found = values("Not rated. In Hungarian and Romani, with subtitles.", "languages")
    assert "Hungarian" in found  # Romani is not in the language list: it is simply not read
    found = values("In Danish, Swedish and English, with English subtitles.", "languages")
    assert set(found) == {"Danish", "Swedish", "English"}


def test_language_key_keeps_spoken_languages_only() -> None:
    found = values("Language: Spanish, with optional English subtitles", "languages")
    assert found == ["Spanish"]
    found = values("Language: English, with some Welsh", "languages")
    assert set(found) == {"English", "Welsh"}


def test_infobox_cell_on_several_lines() -> None:
    text = "Countries\tNorway\nDenmark\nLanguages\tNorwegian\nDanish\nBudget\t$3 million\n"
    assert set(values(text, "countries")) == {"Norway", "Denmark"}
    assert set(values(text, "languages")) == {"Norwegian", "Danish"}


def test_coproduction_and_listing_and_categories() -> None:
    assert set(values("It's a Dutch-Belgian co-production and it runs 90 minutes.",
                      "countries")) == {"Netherlands", "Belgium"}
    assert values("USA 1979 | Dir. Ray Cole | 98 mins | PG", "countries") == ["United States"]
    text = ("Categories: 2004 films | Polish drama films | Czech war films | "
            "Polish-language films | Films based on Russian novels")
    assert set(values(text, "countries")) == {"Poland", "Czech Republic"}
    assert values(text, "languages") == ["Polish"]


# --- cast -----------------------------------------------------------------------------------------


def test_character_first_and_voice_casts() -> None:
    text = ("Odette, played by Marie Lafont, steals every scene. Tom Reyes, who voices the old "
            "fox Barnaby, is fun. Pip (voiced by Jo Anne Lee) sings.")
    found = values(text, "cast")
    assert CastMember("Marie Lafont", "Odette") in found
    assert CastMember("Tom Reyes", "Barnaby") in found
    assert CastMember("Jo Anne Lee", "Pip") in found


def test_markdown_cast_table() -> None:
    text = ("## Cast\n\n| Actor | Role |\n|---|---|\n| Nora Quill | Pip |\n"
            "| Idris Vane | Mr Ember |\n")
    found = values(text, "cast")
    assert CastMember("Nora Quill", "Pip") in found
    assert CastMember("Idris Vane", "Mr Ember") in found
