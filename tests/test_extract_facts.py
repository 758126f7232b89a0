"""extract_facts on invented snippets: every shape a page states a fact in, and negatives.

All documents here are written for these tests; none is copied from a real page.
"""

from __future__ import annotations

import pytest

from critica.extract.dates import find_dates, parse_date
from critica.extract.facts import extract_facts
from critica.extract.money import parse_money
from critica.records import (
    Award,
    CastMember,
    ClassifiedDocument,
    CleanDocument,
    DocumentKind,
    Fact,
    FactValue,
    Money,
    MpaaRating,
    ReleaseDate,
)


def facts_of(text: str, kind: DocumentKind = "critic_review") -> tuple[Fact, ...]:
    doc = ClassifiedDocument(CleanDocument("snippet.txt", text, "utf-8", "text"), kind, "en")
    facts = extract_facts(doc)
    for fact in facts:  # the contract: every quote is an exact substring of the text
        assert fact.evidence.quote in text, fact
        assert fact.evidence.path == "snippet.txt"
    return facts


def values(text: str, field: str, kind: DocumentKind = "critic_review") -> list[FactValue]:
    return [f.value for f in facts_of(text, kind) if f.field == field]


# --- positive shapes: (text, field, a value that must be found) ---------------------------------

POSITIVE: list[tuple[str, str, FactValue]] = [
    # directors
    ("Director: Hana Kowalczyk\nCast: Tom Reyes", "directors", "Hana Kowalczyk"),
    ("Top Films - The Orchard BellsDIRECTED BY: Ilse van der Berg", "directors", "Ilse van der Berg"),
    ("The Salt Road is a 2019 Danish drama film directed by Søren Ekdahl, starring Ida Lund.",
     "directors", "Søren Ekdahl"),
    ("directed by: Paolo de Santis", "directors", "Paolo de Santis"),
    ("Winter Harbour\nA film by Maren Oddsen\n", "directors", "Maren Oddsen"),
    ("Like most thrillers of the decade (dir. Carl Brandt), it drags.", "directors", "Carl Brandt"),
    ("It is Lena Ostrova's new film, and her best.", "directors", "Lena Ostrova"),
    ("The film, written and directed by Jean-Luc Marceau, opens in Lyon.", "directors", "Jean-Luc Marceau"),
    ("The film, written and directed by Jean-Luc Marceau, opens in Lyon.", "writers", "Jean-Luc Marceau"),
    # writers, producers, composer
    ("Screenplay by Ada Whitfield and Omar Haddad", "writers", "Omar Haddad"),
    ("The script was co-written by Ada Whitfield and Omar Haddad.", "writers", "Ada Whitfield"),
    ("Writers: Nora Quist, Paul Abernathy", "writers", "Paul Abernathy"),
    ("produced by: Ines Moreau, Karl Vogt and Lydia Chen", "producers", "Lydia Chen"),
    ("Music by: Tomasz Wielki", "composer", "Tomasz Wielki"),
    ("It is lifted by Rosa Delgado’s haunting score.", "composer", "Rosa Delgado"),
    ("The score was composed by Henrik Sollberg, who also wrote the songs.", "composer", "Henrik Sollberg"),
    # cast
    ("Cast\nAnna Petrova as Vera\nMilo Jansen as Captain Ruud\n", "cast", CastMember("Milo Jansen", "Captain Ruud")),
    ("Cast: Dara Okafor, Felix Brandauer", "cast", CastMember("Felix Brandauer", None)),
    ("STARRING: Ruth Ames, Colm Keane, Iris Ducasse and Ben Loft", "cast", CastMember("Ben Loft", None)),
    ("The drama, starring Ruth Ames and Colm Keane, is set in Cork.", "cast", CastMember("Colm Keane", None)),
    ("Starring Ruth Ames, Colm Keane. Ruth (Ames) meets Colm at a wake.", "cast", CastMember("Ruth Ames", "Ruth")),
    ("Later Nadia (Ruth Ames) returns to the farm.", "cast", CastMember("Ruth Ames", "Nadia")),
    ("Her brother Tomas (newcomer Elias Brandt, a revelation) is the heart of it.", "cast",
     CastMember("Elias Brandt", "Tomas")),
    ("The leads are Ruth Ames and actor Colm Keane. As Nadia, a nurse on nights, Ames is superb.",
     "cast", CastMember("Ruth Ames", "Nadia")),
    ("Colm Keane plays Declan with quiet menace.", "cast", CastMember("Colm Keane", "Declan")),
    ("Ruth Ames is wonderful as Nadia, a nurse.", "cast", CastMember("Ruth Ames", "Nadia")),
    ("Cast: Ruth Ames (Nadia), Colm Keane (Declan)", "cast", CastMember("Colm Keane", "Declan")),
    # runtime
    ("Running Time: 97 minutes", "runtime_min", 97),
    ("runtime: 104 min.", "runtime_min", 104),
    ("PG-13, 1 hr. 52 min.", "runtime_min", 112),
    ("Runtime: 2h 7m", "runtime_min", 127),
    ("Running time 112 mins", "runtime_min", 112),
    ("Running Time:\n\n88 minutes\n", "runtime_min", 88),
    ("The film runs a brisk 86 minutes.", "runtime_min", 86),
    # certificates
    ("rating: R (for violence and pervasive language)", "mpaa_rating",
     MpaaRating("R", "for violence and pervasive language")),
    ("Rated: PG-13", "mpaa_rating", MpaaRating("PG-13")),
    ("The film is rated R for strong sexual content and some drug use.", "mpaa_rating",
     MpaaRating("R", "for strong sexual content and some drug use")),
    ("MPAA rating: PG-13", "mpaa_rating", MpaaRating("PG-13")),
    ("Certificate: 15", "mpaa_rating", MpaaRating("15", board="BBFC")),
    ("BBFC: 12A", "mpaa_rating", MpaaRating("12A", board="BBFC")),
    # release dates
    ("Release Date: 02 Nov 2019", "release_dates", ReleaseDate("2019-11-02")),
    ("U.S. release date: March 4, 2016 (limited)", "release_dates",
     ReleaseDate("2016-03-04", "United States", "limited")),
    ("The film premiered on 12 May 2018 in competition at the 71st Cannes Film Festival.",
     "release_dates", ReleaseDate("2018-05-12", "Cannes Film Festival", "premiere")),
    ("It was released in the UK on 3rd October 2014.", "release_dates",
     ReleaseDate("2014-10-03", "United Kingdom", "theatrical")),
    ("It opened in the United States through Bright Lake Films on Nov. 7, 2014.", "release_dates",
     ReleaseDate("2014-11-07", "United States", "theatrical")),
    ("Release date: 2015-06-09\nA fine transfer.", "release_dates",
     ReleaseDate("2015-06-09", None, "home_video")),
    ("It premiered at Venice on 1 September 2017. It was released in Italy the same day.",
     "release_dates", ReleaseDate("2017-09-01", "Italy", "theatrical")),
    # money
    ("BUDGET: $12m", "budget", Money(12e6, "USD", "$12m")),
    ("The film was produced by Lantern Productions for €8.2 million.", "budget",
     Money(8.2e6, "EUR", "€8.2 million")),
    ("It had a budget of £3 million.", "budget", Money(3e6, "GBP", "£3 million")),
    ("EARNED (Worldwide): $41.3m", "box_office", Money(41.3e6, "USD", "$41.3m", "worldwide")),
    ("The film grossed US$1.2 billion worldwide.", "box_office",
     Money(1.2e9, "USD", "US$1.2 billion", "worldwide")),
    # companies, countries, languages, sources
    ("It was co-produced with Nordlys Film, Studio 7 and the Swedish company Ljus Produktion.",
     "production_companies", "Ljus Produktion"),
    ("Distributor: Arrowhead", "distributors", "Arrowhead"),
    ("It was released in France through Pathé Distribution on 4 May 2011.", "distributors",
     "Pathé Distribution"),
    ("Harbor Lights acquired the British distribution rights in June.", "distributors", "Harbor Lights"),
    ("Night Tide is a 2016 Norwegian–Swedish thriller film directed by Ole Berg.", "countries", "Sweden"),
    ("Country: Iceland", "countries", "Iceland"),
    ("Language: Portuguese", "languages", "Portuguese"),
    ("The film is shot in Korean with English subtitles.", "languages", "Korean"),
    ("It is based on Maria Lindqvist's novel The Cold Shore.", "based_on",
     "The Cold Shore, novel by Maria Lindqvist"),
    ("Loosely adapted from Peter Olsen’s short-story collection, it roams widely.", "based_on",
     "short story collection by Peter Olsen"),
    # awards
    ("It was nominated for three Golden Globes and two BAFTA Awards, winning one.", "awards",
     Award("Golden Globe Award", "nominated", 3)),
    ("It was nominated for three Golden Globes and two BAFTA Awards, winning one.", "awards",
     Award("BAFTA Award", "won", 1)),
    ("The film competed for the Golden Lion at Venice.", "awards", Award("Golden Lion", "competed")),
    ("AWARDS: None (3 Oscar nominations)", "awards", Award("None", "none")),
    ("AWARDS: None (3 Oscar nominations)", "awards", Award("Academy Award", "nominated", 3)),
    ("The film won the Palme d'Or in 2009.", "awards", Award("Palme d'Or", "won")),
    # shapes added with the held-out documents (issue 4)
    ("Writer-director Oona Falk sets her second feature on a ferry.", "writers", "Oona Falk"),
    ("Falk, who wrote the script with Piet Ramaker, knows the coast.", "writers", "Piet Ramaker"),
    ("Her mother May Lindqvist (Ada Roos) runs the inn.", "cast", CastMember("Ada Roos", "May Lindqvist")),
    ("His aunt Vera (June Halloran) runs the inn.", "cast", CastMember("June Halloran", "Vera")),
    ("Sam Oduya, as Teodor, is the boy who wants to leave.", "cast", CastMember("Sam Oduya", "Teodor")),
    ("Rex Amani, as a retired pilot named Bruno, steals the film.", "cast", CastMember("Rex Amani", "Bruno")),
    ("Running time: 98 minutes (theatrical cut); 131 minutes (extended cut)", "runtime_min", 131),
    ("The film runs 140 minutes; the version released in Japan was trimmed to 127 minutes.",
     "runtime_min", 127),
    ("The British Board of Film Classification rated it 18 for strong gory violence.",
     "mpaa_rating", MpaaRating("18", "for strong gory violence", "BBFC")),
    ("In the UK it carries a 12A certificate for moderate threat.", "mpaa_rating",
     MpaaRating("12A", "for moderate threat", "BBFC")),
    ("Not Rated. 1 hr. 39 min.", "mpaa_rating", MpaaRating("Not Rated")),
    ("It was released in Spain on 3 May 2015 by Cormorant Releasing.", "distributors",
     "Cormorant Releasing"),
    ("Pellucid Films opened it in Chicago on June 6, 2014.", "distributors", "Pellucid Films"),
    ("Blue Heron Studios produced it for $40 million.", "production_companies", "Blue Heron Studios"),
    ("It was produced by Ines Moreau for Quayside Pictures.", "production_companies", "Quayside Pictures"),
    ("It was made on a budget of $2.5 million by Saltbox Pictures.", "production_companies",
     "Saltbox Pictures"),
    ("The dialogue is in Danish, Swedish and Faroese.", "languages", "Swedish"),
    ("Language: English, Welsh", "languages", "Welsh"),
    ("It is a small, angry Canadian film about a strike.", "countries", "Canada"),
    ("The film has taken $88.1 million in North America.", "box_office",
     Money(88.1e6, "USD", "$88.1 million", "domestic")),
    ("It went home with the Audience Award at Rotterdam.", "awards", Award("Audience Award", "won")),
    ("It had its premiere in Oslo on 2 March 2018 and opened wide in Norway on 9 March 2018.",
     "release_dates", ReleaseDate("2018-03-02", "Oslo", "premiere")),
    ("It had its premiere in Oslo on 2 March 2018 and opened wide in Norway on 9 March 2018.",
     "release_dates", ReleaseDate("2018-03-09", "Norway", "wide")),
    ("It was released in Italy on 4 May 2016, and in Germany on 9 June 2016 in a limited release.",
     "release_dates", ReleaseDate("2016-06-09", "Germany", "limited")),
    ("Doom Harbour (1979) Blu-ray Review\nRelease date: 4th March 2019", "release_dates",
     ReleaseDate("2019-03-04", None, "home_video")),
]


@pytest.mark.parametrize(("text", "field", "expected"), POSITIVE)
def test_shape_is_read(text: str, field: str, expected: FactValue) -> None:
    kind: DocumentKind = "dvd_review" if "transfer" in text else "critic_review"
    found = values(text, field, kind)
    assert expected in found, f"{field}: {found}"


# --- negatives: (text, field, a value that must NOT be found) -----------------------------------

NEGATIVE: list[tuple[str, str, FactValue | None]] = [
    # a star rating or a score is not a certificate
    ("Rating: 4/5", "mpaa_rating", None),
    ("Our rating: ★★★★☆", "mpaa_rating", None),
    ("We rated it 15 out of 20.", "mpaa_rating", None),
    ("Rating: 15/20", "mpaa_rating", None),
    # another film of the same director is not a credit of this one
    ("If you saw Lena Ostrova’s last two films, Red Rain or Low Sun, you know her.", "directors", None),
    ("It recalls Lena Ostrova's earlier films.", "directors", None),
    # a standing ovation's length is not a runtime
    ("It earned a ten-minute standing ovation and a 12-minute encore.", "runtime_min", None),
    # a dateline is the document's date, not a release date
    ("Winter Harbour (2019)\n\nJanuary 15, 2020\n\nA quiet, wintry film.", "release_dates", None),
    ("Published on 3 March 2020 by our critic.", "release_dates", None),
    # "written by" of a source book credits its author, not the screenwriter
    ("It takes scenes from stories written by Irish author Maeve Donnell.", "writers", None),
    # a featurette's own director is not the film's
    ("Extras include a featurette “Making Of: A Film by Tor Lund and an interview.", "directors", None),
    # an adjective "Oscar-nominated" about another film is not an award of this one
    ("He made 2009’s Oscar-nominated film “Red Rain”.", "awards", None),
    # a character in parentheses after a place is not a cast member
    ("She moves to Lyon (France) for work.", "cast", None),
    ("Later (as evidenced by the letters) he leaves.", "cast", None),
    # a box-office hit with no figure states no money
    ("It was a critical and box office hit in Spain.", "box_office", None),
]


@pytest.mark.parametrize(("text", "field", "forbidden"), NEGATIVE)
def test_non_fact_is_not_read(text: str, field: str, forbidden: FactValue | None) -> None:
    found = values(text, field)
    if forbidden is None:
        assert found == [], found
    else:
        assert forbidden not in found


def test_name_stops_at_comma_and_verb() -> None:
    found = values("The film was directed by Ruth Ames, who also stars.", "directors")
    assert found == ["Ruth Ames"]


def test_surname_in_parentheses_resolves_to_full_name() -> None:
    text = ("Ali (Keane), a drifter, meets a trainer (Ames).\n"
            "At its heart are performances by Ruth Ames and Irish actor Colm Keane.")
    found = values(text, "cast")
    assert CastMember("Colm Keane", "Ali") in found
    assert CastMember("Ruth Ames", None) in found


def test_empty_document_yields_no_facts() -> None:
    assert facts_of("") == ()
    assert facts_of("   \n\n") == ()


def test_garbage_does_not_crash() -> None:
    facts_of("((((:::: $$$ €€ 12/13/14/15 rated rated ( ) as as as\x00\ufffd" * 20)


# --- dates and money parsers ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "iso"), [
    ("2012-11-23", "2012-11-23"),
    ("02 Nov 2012", "2012-11-02"),
    ("November 23, 2012", "2012-11-23"),
    ("23rd November 2012", "2012-11-23"),
    ("Nov. 23, 2012", "2012-11-23"),
    ("Friday, November 23, 2012", "2012-11-23"),
    ("2nd of November 2012", "2012-11-02"),
    ("23/11/2012", "2012-11-23"),
    ("23.11.2012", "2012-11-23"),
    ("in November 2012", "2012-11"),
])
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_ambiguous_numeric_date_is_day_first_unless_us() -> None:
    assert parse_date("04/05/2013") == "2013-05-04"
    assert parse_date("04/05/2013", us=True) == "2013-04-05"
    assert parse_date("31/02/2013") is None  # no such day
    assert [d.iso for d in find_dates("from 1 May 2012 to June 3, 2012")] == ["2012-05-01", "2012-06-03"]


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("$20m", 20e6, "USD"),
    ("€15.4 million", 15.4e6, "EUR"),
    ("US$1.2 billion", 1.2e9, "USD"),
    ("£3 million", 3e6, "GBP"),
    ("$4,500,000", 4.5e6, "USD"),
    ("15 million euros", 15e6, "EUR"),
    ("CA$2.5m", 2.5e6, "CAD"),
])
def test_parse_money(text: str, amount: float, currency: str) -> None:
    money = parse_money(text)
    assert money is not None
    assert money.amount == pytest.approx(amount)
    assert money.currency == currency
    assert money.text == text


def test_credit_block_without_colons() -> None:
    text = ("Director\nHugo Brenner\nStars\nPia Lorenz\nKarl Dietrich\nRuntime 1h 41m\n"
            "Gross worldwide $2,345,678\nRelease date March 3, 2016 (United States)\n")
    facts = facts_of(text)
    got = {(f.field, f.value) for f in facts}
    assert ("directors", "Hugo Brenner") in got
    assert ("cast", CastMember("Karl Dietrich")) in got
    assert ("runtime_min", 101) in got
    assert ("box_office", Money(2345678.0, "USD", "$2,345,678", "worldwide")) in got
    assert ("release_dates", ReleaseDate("2016-03-03", "United States")) in got
    # the cast list stops at the next key instead of swallowing it
    assert not any(f.field == "cast" and "Runtime" in f.evidence.quote for f in facts)


# --- cast lists with initials, descriptive roles and notes; premiere venues ------------------


def _cast(text: str) -> set[CastMember]:
    return {v for v in values(text, "cast", "encyclopedia") if isinstance(v, CastMember)}


_CAST_SECTION = (
    "Cast\n"
    "Orla Brennan as Maeve Tully\n"
    "T. Jerome Okafor as the lighthouse keeper\n"
    "Dominik Wexler as himself\n"
    "Priya Castellanos as a hitchhiker\n"
    "Hal Voskuijlen as the voice of Captain Brine\n"
    "Maxine Oduya as Doctor Pell (uncredited)\n"
    "K. C. Lindqvist as Fisherman #2\n"
)


def test_cast_section_keeps_initials_and_descriptive_roles() -> None:
    cast = _cast(_CAST_SECTION)
    assert CastMember("Orla Brennan", "Maeve Tully") in cast
    assert CastMember("T. Jerome Okafor", "lighthouse keeper") in cast
    assert CastMember("Dominik Wexler", "himself") in cast
    assert CastMember("Priya Castellanos", "hitchhiker") in cast
    assert CastMember("Hal Voskuijlen", "Captain Brine") in cast
    assert CastMember("Maxine Oduya", "Doctor Pell") in cast
    assert CastMember("K. C. Lindqvist", "Fisherman #2") in cast


def test_lower_case_role_outside_a_cast_list_is_prose() -> None:
    text = "Reviews were warm.\nBenedikt Sorensen as the villain is perfect casting\nIt ends well."
    assert not any(c.actor == "Benedikt Sorensen" for c in _cast(text))


def test_cast_line_key_with_lower_case_role_and_note() -> None:
    cast = _cast("Cast: Wren Adebayo as a retired boxer, Ilse Marsh as Nan (voice) and Jo Tate")
    assert {CastMember("Wren Adebayo", "retired boxer"), CastMember("Ilse Marsh", "Nan"),
            CastMember("Jo Tate")} <= cast


def test_two_roles_with_two_players_in_one_parenthesis() -> None:
    text = ("The newlyweds, Rafe and Lottie (Conor Maddox and Ivy Tennant), arrive in the "
            "second act. Lyon and Porto (France and Portugal) look alike on screen.")
    cast = _cast(text)
    assert {CastMember("Conor Maddox", "Rafe"), CastMember("Ivy Tennant", "Lottie")} <= cast
    assert not any(c.actor in {"France", "Portugal"} or c.character in {"France", "Portugal"}
                   for c in cast)


@pytest.mark.parametrize(("text", "expected"), [
    ("Harbour Lights premiered in Duluth on March 3, 1971, before a wider run.",
     ReleaseDate("1971-03-03", "Duluth", "premiere")),
    ("The film had its premiere at the Orpheum Theatre on 9 May 1984.",
     ReleaseDate("1984-05-09", "Orpheum Theatre", "premiere")),
])
def test_premiere_venue_becomes_the_region(text: str, expected: ReleaseDate) -> None:
    assert expected in values(text, "release_dates", "encyclopedia")


# --- shapes added for unseen documents (issue 4, tests/devshapes) -------------------------------

@pytest.mark.parametrize(("text", "field", "expected"), [
    ("A Kestrel Films release of a Blue Harbor Pictures production. Directed by Ann Loy.",
     "distributors", "Kestrel Films"),
    ("A Kestrel Films release of a Blue Harbor Pictures production. Directed by Ann Loy.",
     "production_companies", "Blue Harbor Pictures"),
    ("Screenplay, Ann Loy, Tom Birch; camera (color), Al Webb; music, Joan Fisk.", "writers", "Tom Birch"),
    ("Screenplay, Ann Loy, Tom Birch; camera (color), Al Webb; music, Joan Fisk.", "composer", "Joan Fisk"),
    ("Dir. Ann Loy   Wri. Ann Loy, Tom Birch\nCert 15   101 mins", "writers", "Tom Birch"),
    ("Dir. Ann Loy   Wri. Ann Loy, Tom Birch\nCert 15   101 mins", "runtime_min", 101),
    ("Sara Holt, whose film took the top prize at Venice, returns.", "directors", "Sara Holt"),
    ("Sara Holt made a name with shorts. Holt's second feature is a western.", "directors", "Sara Holt"),
    ("Sara Holt, who also wrote the script with Dev Rana, keeps it moving.", "writers", "Dev Rana"),
    ("At 84 minutes it never outstays its welcome.", "runtime_min", 84),
    ("A $4 million film that made $31.5 million worldwide.", "budget",
     Money(4e6, "USD", "$4 million")),
    ("It was made in Welsh and Irish. In Spanish with English subtitles.", "languages", "Spanish"),
])
def test_unseen_shapes(text: str, field: str, expected: FactValue) -> None:
    assert expected in values(text, field)


def test_character_first_dot_leader_cast_list() -> None:
    text = ("Sheriff Cole ........ Dan Maher\nDeputy Ames ........ Rita Lowe\n"
            "Rita Lowe brings a dry wit to Deputy Ames.")
    cast = values(text, "cast")
    assert CastMember("Dan Maher", "Sheriff Cole") in cast
    assert CastMember("Rita Lowe", "Deputy Ames") in cast
    assert not any(isinstance(c, CastMember) and c.actor == "Sheriff Cole" for c in cast)


def test_certificates_in_british_shapes() -> None:
    ratings = values("Certificate 12A: contains moderate violence.\nIt was passed with an A "
                     "certificate in 1957.", "mpaa_rating")
    assert MpaaRating("12A", "contains moderate violence", "BBFC") in ratings
    assert any(isinstance(r, MpaaRating) and r.value == "A" and r.board == "BBFC" for r in ratings)


def test_relative_release_dates_take_the_dateline_year() -> None:
    text = "March 8, 2017\nThe film opens Friday, March 10, at the Rialto."
    assert "2017-03-10" in [r.date for r in values(text, "release_dates") if isinstance(r, ReleaseDate)]


def test_disc_and_digital_dates_are_home_video_and_labels_are_not_cast() -> None:
    text = ("The disc, released on 3 June 2019, is sharp.\nIt landed on digital on May 2, 2020.\n"
            "Where to watch: Blu-ray (Harbourside Classics)")
    events = {r.date: r.event for r in values(text, "release_dates") if isinstance(r, ReleaseDate)}
    assert events == {"2019-06-03": "home_video", "2020-05-02": "home_video"}
    assert values(text, "cast") == []


def test_award_counts_and_festival_prizes() -> None:
    awards = values("It received 6 Goya nominations, winning 2. It took the top prize at Berlin. "
                    "IFTA 3 won / 7 nominated.", "awards")
    assert Award("Goya Award", "nominated", 6) in awards
    assert Award("Goya Award", "won", 2) in awards
    assert Award("Golden Bear", "won") in awards
    assert Award("IFTA Award", "won", 3) in awards and Award("IFTA Award", "nominated", 7) in awards
