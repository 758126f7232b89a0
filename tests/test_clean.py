"""clean: decoding, markup, the boilerplate line filter, and rejections.

Seed-corpus checks read gold.json (expectations come from it, never from the code); the
other documents are invented here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from critica.clean import clean
from critica.records import CleanDocument, RawDocument, Rejection

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(os.environ.get("CRITICA_GOLD_DIR", REPO.parent / "shared/corpus/rust-and-bone"))
needs_gold = pytest.mark.skipif(
    not (GOLD_DIR / "gold.json").is_file(),
    reason=f"seed corpus not found at {GOLD_DIR} (set CRITICA_GOLD_DIR)",
)


def _ok(raw: RawDocument) -> CleanDocument:
    result = clean(raw)
    assert isinstance(result, CleanDocument), result
    return result


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# --- the seed corpus ------------------------------------------------------------------------


def _gold() -> dict[str, Any]:
    return json.loads((GOLD_DIR / "gold.json").read_text(encoding="utf-8"))


_MEDIA = {".html": "html", ".htm": "html", ".md": "markdown"}


def _seed_files() -> dict[str, Path]:
    """Gold file prefix ("000" in "000_8438b6cbabe0e241.txt") -> path."""
    return {
        p.name.split("_")[0]: p for p in sorted(GOLD_DIR.iterdir())
        if p.is_file() and p.name != "gold.json"
    }


def _cleaned_seeds() -> dict[str, tuple[str, CleanDocument]]:
    """Prefix -> (raw text, cleaned document), media type from the extension as ingest does."""
    out = {}
    for prefix, path in _seed_files().items():
        data = path.read_bytes()
        media = _MEDIA.get(path.suffix.lower(), "text")
        out[prefix] = (data.decode("utf-8"), _ok(RawDocument(str(path), data, media)))  # type: ignore[arg-type]
    return out


def _gold_values() -> list[tuple[str, list[str], list[str]]]:
    """(field, accepted spellings, files) for every fact in gold that names a string."""
    film = _gold()["film"]
    values: list[tuple[str, list[str], list[str]]] = []
    for field, entries in film.items():
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if not isinstance(entry, dict) or "files" not in entry:
                continue
            if field == "cast":
                names = [entry["actor"], *entry.get("misspellings_seen", [])]
                values.append(("cast.actor", names, entry["files"]))
                values.append(("cast.character", [entry["character"]], entry["files"]))
                continue
            for key in ("value", "date", "reason"):
                if key in entry:
                    values.append((f"{field}.{key}", [str(entry[key])], entry["files"]))
    return values


@needs_gold
def test_gold_boilerplate_lines_are_removed() -> None:
    cleaned = _cleaned_seeds()
    checked = 0
    for doc in _gold()["documents"]:
        _, result = cleaned[doc["file"].split("_")[0]]
        kept = set(_lines(result.text))
        for line in doc.get("boilerplate_lines", []):
            assert line.strip() not in kept, (doc["file"], line)
            if len(line) >= 30:
                assert line not in result.text, (doc["file"], line)
            checked += 1
    assert checked >= 15


@needs_gold
def test_gold_people_survive_cleaning() -> None:
    """Each director and cast member (or a spelling gold records) is in every listed file."""
    cleaned = _cleaned_seeds()
    for field, names, files in _gold_values():
        if field not in ("directors.value", "cast.actor"):
            continue
        for prefix in files:
            text = cleaned[prefix][1].text
            assert any(name in text for name in names), (field, names, prefix)


@needs_gold
def test_no_line_stating_a_gold_fact_is_lost() -> None:
    """A raw line containing a gold value must survive verbatim as a line of the clean text."""
    cleaned = _cleaned_seeds()
    boilerplate = {
        doc["file"].split("_")[0]: set(doc.get("boilerplate_lines", []))
        for doc in _gold()["documents"]
    }
    checked = 0
    for field, names, files in _gold_values():
        for prefix in files:
            raw, result = cleaned[prefix]
            if result.media_type != "text":
                continue  # raw lines of markup are not lines of text
            kept = set(_lines(result.text))
            for name in names:
                if len(name) < 3:
                    continue  # "R" would match every line
                for line in _lines(raw):
                    if name in line and line not in boilerplate[prefix]:
                        assert line in kept, (field, name, prefix, line[:80])
                        checked += 1
    assert checked >= 40


@needs_gold
@pytest.mark.parametrize(
    "fact_line",
    ["Director: Jacques Audiard", "Cast: Marion Cotillard, Matthias Schoenaerts", "Rated: R",
     "runtime: 120 min.", "BUDGET:", "Release date: 2013-03-19", "Running Time:", "120 minutes",
     "Marion Cotillard as Stéphanie", "Yannick Choirat as Simon", "directed by: Jacques Audiard"],
)
def test_key_value_and_cast_lines_are_kept(fact_line: str) -> None:
    """Lines the brief names from the Rust and Bone corpus (skipped for another corpus)."""
    seeds = _cleaned_seeds().values()
    if not any(fact_line in raw for raw, _ in seeds):
        pytest.skip("this corpus does not contain the line")
    assert any(fact_line in result.text for _, result in seeds)


@needs_gold
def test_seed_lines_are_not_rewritten() -> None:
    """Every kept line is a raw line unchanged (bar trailing spaces): quotes stay exact."""
    for prefix, (raw, result) in _cleaned_seeds().items():
        if result.media_type != "text":
            continue
        raw_lines = {line.rstrip() for line in raw.replace("\r\n", "\n").split("\n")}
        for line in result.text.split("\n"):
            assert line in raw_lines, (prefix, line[:80])
        assert result.content_hash == hashlib.sha256(raw.encode("utf-8")).hexdigest()
        assert result.encoding == "utf-8"
        assert result.media_type == "text"
        assert "\n\n\n" not in result.text


# --- encodings ------------------------------------------------------------------------------

_FRENCH = (
    "Critique : La Maison des Vagues\n"
    "Réalisateur : Hélène Dubois\n"
    "Stéphanie (Léa Martin) quitte Marseille pour un été à Brest. Un film délicat, très bien joué.\n"
)


def test_cp1252_document_decodes() -> None:
    text = "Director: Hélène Dubois\nStéphanie’s “last” summer — a tender, well-acted drama.\n"
    result = _ok(RawDocument("a.txt", text.encode("cp1252")))
    assert "Stéphanie’s “last” summer — a tender" in result.text
    assert result.encoding == "cp1252"


def test_latin1_french_document_decodes() -> None:
    result = _ok(RawDocument("fr.txt", _FRENCH.encode("latin-1")))
    assert "Réalisateur : Hélène Dubois" in result.text
    assert "très bien joué" in result.text


def test_utf16_with_bom_decodes() -> None:
    text = "Rating: 4/5\r\nCotillard plays Stéphanie with great restraint.\r\n"
    result = _ok(RawDocument("b.txt", text.encode("utf-16")))
    assert result.encoding == "utf-16"
    assert result.text == "Rating: 4/5\nCotillard plays Stéphanie with great restraint."


def test_utf16_without_bom_decodes() -> None:
    text = "The cast is led by Zoë Kravitz, who is excellent throughout the film."
    result = _ok(RawDocument("c.txt", text.encode("utf-16-le")))
    assert result.text == text


def test_utf8_bom_is_not_kept_in_text() -> None:
    result = _ok(RawDocument("d.txt", "\ufeffA fine, quiet film about grief.".encode()))
    assert result.text == "A fine, quiet film about grief."


def test_mojibake_is_repaired() -> None:
    original = "Stéphanie’s accident changes everything – and Ali’s “tough” act cracks. Café, naïve."
    # as a Windows tool would: cp1252, with its five unmapped bytes passed through as Latin-1
    double = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in original.encode("utf-8")
    ).encode("utf-8")
    assert "Ã©" in double.decode("utf-8")  # the test input really is damaged
    result = _ok(RawDocument("m.txt", double))
    assert result.text == original


def test_correct_accents_next_to_mojibake_are_left_alone() -> None:
    text = "Déjà vu: StÃ©phanie returns, à la française."
    result = _ok(RawDocument("n.txt", text.encode("utf-8")))
    assert result.text == "Déjà vu: Stéphanie returns, à la française."


# --- rejections -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n  ", "empty"),
        (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00\x10" * 20, "binary"),
        (bytes(range(0, 32)) * 30, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"12 345 678\n90.12 -- 3,456\n2012 2013 2014\n", "no letters"),
    ],
)
def test_unusable_documents_are_rejected_with_a_reason(data: bytes, words: str) -> None:
    result = clean(RawDocument("bad.bin", data))
    assert isinstance(result, Rejection)
    assert result.stage == "clean"
    assert words.lower() in result.reason.lower()


def test_page_of_only_furniture_is_rejected() -> None:
    page = "Skip to content\nHome | About | Contact\nSubscribe to our newsletter\n© 2020 All rights reserved.\n"
    result = clean(RawDocument("nav.txt", page.encode()))
    assert isinstance(result, Rejection)
    assert "boilerplate" in result.reason


# --- HTML and Markdown ----------------------------------------------------------------------

_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>The Salt Road review | Northern Screen</title>
<meta name="author" content="Priya Raman">
<meta property="article:published_time" content="2019-06-14T09:30:00+01:00">
<meta property="og:site_name" content="Northern Screen">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/reviews">Reviews</a></li>
<li><a href="/about">About us</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>The Salt Road review: a slow, luminous crossing</h1>
<p class="byline">By Priya Raman</p>
<table class="infobox">
<tr><th>Directed by</th><td>Tomas Lindqvist</td></tr>
<tr><th>Running time</th><td>112 minutes</td></tr>
</table>
<p>The Salt Road follows two sisters hauling a cart of salt across a frozen estuary, and
Lindqvist lets every step weigh on the audience. The photography is all bruised light and
wind, and the performances never beg for sympathy.</p>
<p>It is too long by twenty minutes, and the final act leans on coincidence, but the film's
patience is its strength: few dramas this year trust silence so completely.</p>
<p>Verdict: a demanding, rewarding winter journey.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">Ten films to watch this weekend</a></li></ul></aside>
<footer><p>© 2019 Northern Screen Ltd. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a></p></footer>
</body></html>"""


def test_html_main_text_and_metadata() -> None:
    result = _ok(RawDocument("salt.html", _HTML.encode("utf-8"), media_type="html"))
    assert result.media_type == "html"
    assert result.metadata.author == "Priya Raman"
    assert result.metadata.published == "2019-06-14"
    assert result.metadata.site_name == "Northern Screen"
    assert result.metadata.title and "The Salt Road" in result.metadata.title
    assert "trust silence so completely" in result.text
    assert "Verdict: a demanding, rewarding winter journey." in result.text
    # paragraphs stay on separate lines
    assert not any("photography" in line and "too long" in line for line in result.text.split("\n"))
    for furniture in ("All rights reserved", "Privacy policy", "About us", "Ten films to watch"):
        assert furniture not in result.text


def test_html_infobox_facts_are_kept() -> None:
    result = _ok(RawDocument("salt.html", _HTML.encode("utf-8"), media_type="html"))
    assert "Tomas Lindqvist" in result.text
    assert "112 minutes" in result.text
    assert re.search(r"Directed by\W+Tomas Lindqvist", result.text)


def test_html_is_sniffed_in_a_text_file() -> None:
    result = _ok(RawDocument("saved_page.txt", _HTML.encode("utf-8")))
    assert result.media_type == "html"
    assert "<p>" not in result.text


def test_html_with_declared_legacy_charset() -> None:
    page = _HTML.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "two sisters", "two sisters, Agnès and Maëlle,"
    )
    result = _ok(RawDocument("legacy.html", page.encode("cp1252"), media_type="html"))
    assert "Agnès and Maëlle" in result.text


def test_tiny_html_falls_back_to_tag_stripping() -> None:
    page = "<html><body><div>Director: Ana Kovac</div><div>Rated: PG-13</div></body></html>"
    result = _ok(RawDocument("tiny.html", page.encode(), media_type="html"))
    assert "Director: Ana Kovac" in result.text
    assert "Rated: PG-13" in result.text


_MARKDOWN = """---
title: "Lanterns at Low Tide"
author: Sam Whitcombe
date: 2021-10-02
---
# Lanterns at Low Tide: a review

**Director:** Mei Okada
*Runtime:* 98 min

A [quietly devastating](https://example.org/x) ghost story. The _sound design_ alone is
worth the ticket, and `Okada` frames the harbour like a stage.

> "The tide remembers," says the ferryman.

- Best scene: the lantern procession
- Worst scene: the flashback

![poster](poster.jpg)
"""


def test_markdown_is_stripped_to_plain_text() -> None:
    result = _ok(RawDocument("lanterns.md", _MARKDOWN.encode(), media_type="markdown"))
    text = result.text
    assert text.startswith("Lanterns at Low Tide: a review")
    assert "Director: Mei Okada" in text
    assert "Runtime: 98 min" in text
    assert "A quietly devastating ghost story." in text
    # soft-wrapped lines of one paragraph become one line, so sentences are quotable
    assert "The sound design alone is worth the ticket, and Okada frames" in text
    assert '"The tide remembers," says the ferryman.' in text
    assert "Best scene: the lantern procession" in _lines(text)
    assert "Director: Mei Okada" in _lines(text)
    for markup in ("**", "](", "# ", "> ", "`", "---"):
        assert markup not in text
    assert result.metadata.author == "Sam Whitcombe"
    assert result.metadata.published == "2021-10-02"


# --- the line filter on invented dumps ------------------------------------------------------

_BLOG_DUMP = """Menu
Search
Home | Reviews | Interviews | Contact
THE HOLLOW FIELD (2016)
Posted by Ruth Adeyemi
Director: Kit Baranov
Starring: Nell Soto, Idris Kaan
Runtime: 101 min.
BOX OFFICE: $3.1m

I went in expecting a cheap scare machine and came out rattled. Baranov builds dread out of wind in the corn and a farmhouse that creaks like a ship, and Nell Soto is superb as the widow who will not leave.

The last twenty minutes wobble, but I loved it anyway.
★★★★☆

We use cookies to improve your experience. By continuing you accept our cookie policy.
Share this:
Twitter
Facebook
Like this:
Related
Five folk-horror films you missed
Why scarecrows still scare us
Tags: horror, folk horror, 2016
Leave a comment
"""


def test_blog_dump_furniture_dropped_and_facts_kept() -> None:
    result = _ok(RawDocument("hollow.txt", _BLOG_DUMP.encode()))
    kept = _lines(result.text)
    for fact in ("THE HOLLOW FIELD (2016)", "Posted by Ruth Adeyemi", "Director: Kit Baranov",
                 "Starring: Nell Soto, Idris Kaan", "Runtime: 101 min.", "BOX OFFICE: $3.1m",
                 "The last twenty minutes wobble, but I loved it anyway.", "★★★★☆"):
        assert fact in kept, fact
    for furniture in ("Menu", "Search", "Home | Reviews | Interviews | Contact", "Share this:",
                      "Twitter", "Facebook", "Like this:", "Related",
                      "Five folk-horror films you missed", "Tags: horror, folk horror, 2016",
                      "Leave a comment"):
        assert furniture not in kept, furniture
    assert not any("cookie" in line for line in kept)
    assert "Leave a comment" in result.removed_lines


_WIKI_DUMP = """The Quiet Orchard is a 1998 Irish drama film directed by Fiona Keane. It stars Aidan Roche and Maeve Dunne as siblings who inherit a failing apple farm in County Wexford.
Plot
After their father's funeral, Conor and Niamh argue over whether to sell the orchard to a developer, and a hard winter forces the decision on them.
Cast
Aidan Roche as Conor Walsh
Maeve Dunne as Niamh Walsh
Pat Kinsella as Father Doyle
Reception
The film received positive reviews, and Keane won the award for best first feature at the Galway Film Fleadh in 1998.
1998 films
Irish drama films
Films set in County Wexford
Films about farmers
"""


def test_encyclopedia_categories_dropped_cast_kept() -> None:
    result = _ok(RawDocument("orchard.txt", _WIKI_DUMP.encode()))
    kept = _lines(result.text)
    for line in ("Aidan Roche as Conor Walsh", "Maeve Dunne as Niamh Walsh",
                 "Pat Kinsella as Father Doyle", "Plot", "Cast", "Reception"):
        assert line in kept, line
    for category in ("1998 films", "Irish drama films", "Films set in County Wexford",
                     "Films about farmers"):
        assert category not in kept, category


def test_cast_list_at_the_end_of_a_page_is_kept() -> None:
    page = (
        "Harbour Lights is a gentle comedy about a lighthouse keeper who refuses to retire, "
        "and the cast makes every small scene count.\n\nCast\nJune Ellery as Margaret\n"
        "Tom Vance as the inspector\n"
    )
    kept = _lines(_ok(RawDocument("h.txt", page.encode())).text)
    assert "June Ellery as Margaret" in kept
    assert "Tom Vance as the inspector" in kept


def test_short_final_sentence_and_signature_are_kept() -> None:
    page = (
        "Across two hours the film never once raises its voice, and that restraint is exactly "
        "why its final image hits so hard.\n\nSee it.\n— Dana Whitlow\n"
    )
    kept = _lines(_ok(RawDocument("s.txt", page.encode())).text)
    assert "See it." in kept
    assert "— Dana Whitlow" in kept


def test_review_prose_mentioning_donations_is_kept() -> None:
    line = ("When she decides to donate her late husband's boat to the sea scouts, the film "
            "finds its warmest and funniest scene, and the cast clearly relish it.")
    page = "Tidewater\n\n" + line + "\n"
    assert line in _lines(_ok(RawDocument("t.txt", page.encode())).text)


def test_whitespace_normalisation() -> None:
    page = "Title line   \r\n\r\n\r\n\r\n\r\nA film about a ferry crossing that takes its time.\t \r\n"
    result = _ok(RawDocument("w.txt", page.encode()))
    assert result.text == "Title line\n\nA film about a ferry crossing that takes its time."


_DATABASE_DUMP = """Sign in to rate
The Glass Orchard (2014)
A botanist returns to the island where her brother vanished, and finds the greenhouse he built still tended by someone she cannot see.
Director
Lena Marsh
Writers
Lena Marsh
Owen Pryce
Stars
Ruth Calder
Dev Anand Rao
Details
Release date
October 3, 2014 (United Kingdom)
Countries of origin
United Kingdom
Ireland
Budget
£2,400,000 (estimated)
Runtime
1h 44m
"""


def test_fact_blocks_at_the_end_of_a_database_page_are_kept() -> None:
    """Label lines and the values under them are facts, even after the last paragraph."""
    kept = _lines(_ok(RawDocument("glass.txt", _DATABASE_DUMP.encode())).text)
    for line in ("Director", "Lena Marsh", "Owen Pryce", "Ruth Calder", "Dev Anand Rao",
                 "October 3, 2014 (United Kingdom)", "Ireland", "£2,400,000 (estimated)",
                 "1h 44m"):
        assert line in kept, line
    assert "Sign in to rate" not in kept


_NEWS_SITE_DUMP = """News
Opinion
Sport
Culture
Lifestyle
Advertisement
Harbour Lights sails past expectations at the weekend box office
The gentle comedy took £1.2m from 340 screens, its distributor said on Monday, well ahead of industry forecasts.
Support independent journalism with a contribution today
Most popular
Ten things we learned at Venice
The best TV of the week
"""


def test_news_site_menus_and_teasers_are_dropped() -> None:
    kept = _lines(_ok(RawDocument("news.txt", _NEWS_SITE_DUMP.encode())).text)
    assert kept == [
        "Harbour Lights sails past expectations at the weekend box office",
        "The gentle comedy took £1.2m from 340 screens, its distributor said on Monday, well "
        "ahead of industry forecasts.",
    ]


_WORDPRESS_HEADER = """Skip to content

Second Reel

Thoughts on films nobody else remembers

The Glass Orchard (2014)

June 2, 2020

I have a soft spot for films that take their time, and this one takes all of it, in the best way.

Like Loading...
"""


def test_blog_header_tagline_dropped_site_title_kept() -> None:
    result = _ok(RawDocument("wp.txt", _WORDPRESS_HEADER.encode()))
    kept = _lines(result.text)
    assert kept[:3] == ["Second Reel", "The Glass Orchard (2014)", "June 2, 2020"]
    assert "Thoughts on films nobody else remembers" in result.removed_lines
    assert "Like Loading..." in result.removed_lines


def test_encyclopedia_hatnotes_and_placeholders_dropped() -> None:
    page = (
        "From Filmipedia, the free encyclopedia\n"
        "This article is about the 2014 film. For the novel, see The Glass Orchard (novel).\n"
        "[image: The Glass Orchard theatrical poster]\n"
        "The Glass Orchard is a 2014 British mystery film directed by Lena Marsh. It stars Ruth "
        "Calder as a botanist who returns to the island where her brother vanished.\n"
    )
    kept = _lines(_ok(RawDocument("wiki.txt", page.encode())).text)
    assert len(kept) == 1 and kept[0].startswith("The Glass Orchard is a 2014 British")


def test_encyclopedia_reference_list_is_dropped() -> None:
    page = (
        "The Quiet Orchard is a 1998 Irish drama film directed by Fiona Keane, shot over six "
        "weeks in County Wexford on a budget of IR£900,000.\n"
        "References\n"
        '^ Byrne, Ciara (12 May 1998). "Keane finishes orchard shoot". Western Courier. '
        "Retrieved 3 March 2015.\n"
        '^ "The Quiet Orchard (1998)". Film Ledger. Archived from the original on 2 June 2016. '
        "Retrieved 14 January 2017.\n"
        "External links\n"
        "The Quiet Orchard at Film Ledger\n"
    )
    result = _ok(RawDocument("refs.txt", page.encode()))
    assert _lines(result.text) == [_lines(page)[0]]
    assert len(result.removed_lines) == 5


_HARD_WRAPPED = """THE LANTERN KEEPER
A review by Mo Adeyemi

The keeper is played with enormous stillness, and the film
trusts him, which is rarer than it should be; for long
stretches nothing happens except weather, and it is gripping.
If there is a flaw it is the score, which insists where the
images only suggest, but even that fades by the final reel,
when the foghorn finally sounds and the keeper walks out to
meet whatever is coming across the water in the dark
"""


def test_hard_wrapped_paragraph_is_kept_whole() -> None:
    result = _ok(RawDocument("wrapped.txt", _HARD_WRAPPED.encode()))
    assert result.removed_lines == ()
    assert result.text == _HARD_WRAPPED.strip()


def test_one_word_verdict_under_a_label_is_kept() -> None:
    page = (
        "The Lantern Keeper (Blu-ray)\n"
        "The 2.39:1 transfer is excellent, with deep blacks and fine detail in the night scenes.\n"
        "Final Thoughts:\nRecommended\n"
        "Other Reviews:\nPopular Reviews\n1. The Salt Road\n2. Cold Harbour\n"
    )
    kept = _lines(_ok(RawDocument("disc.txt", page.encode())).text)
    assert kept[-2:] == ["Final Thoughts:", "Recommended"]
