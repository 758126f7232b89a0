"""clean on documents in awkward shapes: each gives a clean text or a rejection with a reason.

Every document is written here (to tmp_path, then read through ingest as a user's file
would be), and each expectation is stated from the document as written: the lines it holds,
the site name its <title> ends with, the characters its entities stand for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from critica.classify import classify
from critica.clean import clean
from critica.extract.meta import extract_meta
from critica.ingest import ingest
from critica.records import CleanDocument, RawDocument, Rejection

PROSE = (
    "The ferry crosses the strait at dawn, and the film watches every passenger with "
    "patience and a dry sense of humour."
)


def _clean_file(path: Path) -> CleanDocument | Rejection:
    [raw] = list(ingest([str(path)]))
    assert isinstance(raw, RawDocument), raw
    return clean(raw)


def _ok(path: Path) -> CleanDocument:
    result = _clean_file(path)
    assert isinstance(result, CleanDocument), result
    return result


def _rejected(path: Path) -> Rejection:
    result = _clean_file(path)
    assert isinstance(result, Rejection), result
    assert result.stage == "clean" and result.reason
    return result


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


# --- mojibake written as character references -----------------------------------------------

ENTITY_BODY = """<article><h1>Rust and Bone review</h1>
<p>St&Atilde;&copy;phanie trains orcas at Marineland until an accident takes her legs, and
Ali, a bare-knuckle fighter, is the one person who does not pity her.</p>
<p>Audiard&acirc;&#128;&#153;s film is rough and tender at once; Cotillard is superb and the
Caf&#195;&#169; scene is the best thing in it. Schoenaerts matches her blow for blow.</p>
</article>"""


def test_mojibake_in_entities_is_repaired(tmp_path: Path) -> None:
    page = tmp_path / "rust.html"
    page.write_text(_page(ENTITY_BODY, "<title>Rust and Bone review</title>"), encoding="utf-8")
    text = _ok(page).text
    # &Atilde;&copy; is "Ã©", i.e. "é" damaged; &acirc;&#128;&#153; is "â€™", i.e. "’"
    assert "Stéphanie trains orcas" in text
    assert "Audiard’s film is rough" in text
    assert "Café scene" in text
    assert "Ã" not in text and "â€" not in text


def test_mojibake_in_title_entities_is_repaired(tmp_path: Path) -> None:
    page = tmp_path / "amelie.html"
    body = ENTITY_BODY.replace("Rust and Bone review", "Am&Atilde;&copy;lie at the Sea")
    title = "<title>Am&Atilde;&copy;lie at the Sea | Caf&Atilde;&copy; Cin&Atilde;&copy;ma</title>"
    page.write_text(_page(body, title), encoding="utf-8")
    document = _ok(page)
    assert document.metadata.title == "Amélie at the Sea"  # the headline, as trafilatura reads it
    assert document.metadata.site_name == "Café Cinéma"
    assert document.text.startswith("Amélie at the Sea\n")


def test_correct_entities_are_left_as_written(tmp_path: Path) -> None:
    # real accents and a Portuguese "SÃO" written as entities: nothing here is damaged
    body = ("<article><h1>Festival notes</h1><p>The caf&eacute; scenes in S&Atilde;O PAULO are "
            "shot with a na&iuml;ve warmth, &amp; the film&#8217;s &Eacute;va is the best thing in "
            "it; the rest of the programme was weaker than last year.</p></article>")
    page = tmp_path / "notes.html"
    page.write_text(_page(body), encoding="utf-8")
    text = _ok(page).text
    assert ("The café scenes in SÃO PAULO are shot with a naïve warmth, & the film’s Éva is the "
            "best thing in it") in text


# --- lists at the end of a page ---------------------------------------------------------------

ENTRY = "is a film I keep going back to, and every time it gives me something I missed before."


def test_last_entry_of_a_list_at_the_page_end_is_kept(tmp_path: Path) -> None:
    films = ["Amour (2012)", "Holy Motors (2012)", "Tabu (2012)", "Beyond the Hills (2012)",
             "The Master (2012)"]
    parts = ["My five films of 2012, in the order I would watch them again this winter.", ""]
    for n, film in enumerate(films[:4], start=1):
        parts += [f"{n}. {film}", f"{film.split(' (')[0]} {ENTRY}", ""]
    parts.append(f"5. {films[4]}")  # the last entry, with nothing written under it
    path = tmp_path / "top5.txt"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    kept = _lines(_ok(path).text)
    for n, film in enumerate(films, start=1):
        assert f"{n}. {film}" in kept
    assert kept[-1] == "5. The Master (2012)"


def test_a_list_after_the_last_paragraph_is_kept(tmp_path: Path) -> None:
    items = ["1. Amour (2012)", "2. Holy Motors (2012)", "3. Rust and Bone (2012)"]
    countdown = ["3) Tabu", "2) Amour", "1) The Master"]
    bullets = ["• the orca tank at night", "• the fight in the car park", "• the final phone call"]
    page = "\n".join([
        "Some years give you one great film; 2012 gave me a handful, and here they are, ranked.",
        *items,
        "And counted down the other way, because the order changes every time I think about it.",
        *countdown,
        "Scenes from the list that I think about far more often than I would like to admit.",
        *bullets,
    ])
    path = tmp_path / "lists.txt"
    path.write_text(page + "\n", encoding="utf-8")
    result = _ok(path)
    assert _lines(result.text) == _lines(page)
    assert result.removed_lines == ()


def test_lists_of_page_furniture_after_the_content_are_still_dropped(tmp_path: Path) -> None:
    teasers = [f"{n}. Teaser headline about another film, number {n}" for n in range(1, 16)]
    menu = ["• Home", "• About us", "• Contact"]
    page = "\n".join([
        "Rust and Bone is a rough, tender film, and Cotillard has never been better than here.",
        "Most read", *teasers, *menu,
    ])
    path = tmp_path / "furniture.txt"
    path.write_text(page + "\n", encoding="utf-8")
    result = _ok(path)
    assert _lines(result.text) == [_lines(page)[0]]
    assert set(result.removed_lines) == {"Most read", *teasers, *menu}


# --- the outlet from the <title> --------------------------------------------------------------

ARTICLE = f"<article><h1>Amour review: a marriage at the end</h1><p>{PROSE}</p><p>{PROSE}</p></article>"


@pytest.mark.parametrize(("title", "head", "site"), [
    ("Amour review: a marriage at the end | Reel Northern", "", "Reel Northern"),
    ("Amour review: a marriage at the end - Reel Northern", "", "Reel Northern"),
    ("Amour review | Films | The Lamplight Review", "", "The Lamplight Review"),
    # og:site_name, when present, is what the page calls itself
    ("Amour review | RN", '<meta property="og:site_name" content="Reel Northern">', "Reel Northern"),
    # a subtitle, the film, a section word, or no separator at all: no site name
    ("Amour review – a marriage at the end", "", None),
    ("Film Review – The Ferry", "", None),
    ("Amour review | Film Reviews", "", None),
    ("Amour review", "", None),
])
def test_site_name_from_the_title_suffix(
    tmp_path: Path, title: str, head: str, site: str | None
) -> None:
    path = tmp_path / "amour.html"
    path.write_text(_page(ARTICLE, f"<title>{title}</title>{head}"), encoding="utf-8")
    document = _ok(path)
    assert document.metadata.site_name == site
    assert extract_meta(classify(document)).outlet == site


# --- damaged and odd documents ----------------------------------------------------------------


def test_html_cut_off_mid_tag_keeps_what_arrived(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Tide review</title></head><body><article>"
        f"<h1>Tide review</h1><p>{PROSE}</p><p>The second half drags, but the ending lands with "
        "real force.</p><p>Directed by Ana Kovac. Running time 98 min<a hre"
    )
    path = tmp_path / "cut.html"
    path.write_text(page, encoding="utf-8")
    result = _ok(path)
    assert PROSE in result.text
    assert "Directed by Ana Kovac. Running time 98 min" in result.text
    assert "<a" not in result.text and "hre" not in result.text


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html><html><head><tit",
    "<html><head><title>Tide review</title><script>var x = 'a long script",
    "<html><body><p>12 345</p><p>★★★ 4/5</p></body></html>",
])
def test_html_without_words_is_rejected(tmp_path: Path, page: str) -> None:
    path = tmp_path / "nothing.html"
    path.write_text(page, encoding="utf-8")
    assert "no words in the HTML" in _rejected(path).reason


def test_page_of_only_navigation_is_rejected(tmp_path: Path) -> None:
    html = tmp_path / "nav.html"
    html.write_text(_page(
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/r'>Reviews</a></li>"
        "<li><a href='/c'>Contact</a></li></ul></nav>"
        "<footer><a href='/about'>About us</a> | <a href='/privacy'>Privacy</a></footer>"
    ), encoding="utf-8")
    assert "only navigation" in _rejected(html).reason
    text = tmp_path / "nav.txt"
    text.write_text("Home\nReviews\nInterviews\nContact\nAbout\nSearch\nMenu\n", encoding="utf-8")
    assert "boilerplate" in _rejected(text).reason


def test_five_megabyte_text_is_cleaned_whole(tmp_path: Path) -> None:
    paragraphs = [f"In scene {n} the ferry turns back, and {PROSE.lower()}" for n in range(40_000)]
    body = "\n\n".join(paragraphs)
    path = tmp_path / "long.txt"
    path.write_text("The Long Crossing\n\n" + body + "\n\nLeave a comment\n", encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    result = _ok(path)
    assert result.text == "The Long Crossing\n\n" + body
    assert result.removed_lines == ("Leave a comment",)


def test_text_without_letters_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "numbers.txt"
    path.write_text("1234 5678\n---- ....\n★★★ 12/10\n€ $ £ 100\n", encoding="utf-8")
    assert "no letters" in _rejected(path).reason


def test_mixed_line_endings_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "endings.txt"
    path.write_bytes(
        b"The Ferry\r\nDirector: Ana Kovac\rRunning time: 98 min\r\n\r\r\n" + PROSE.encode() + b"\r"
    )
    result = _ok(path)
    assert result.text == f"The Ferry\nDirector: Ana Kovac\nRunning time: 98 min\n\n{PROSE}"


@pytest.mark.parametrize("name", ["bom.txt", "bom.html"])
def test_utf8_bom_is_dropped(tmp_path: Path, name: str) -> None:
    content = f"Director: Zoë Kravitz\n{PROSE}\n"
    if name.endswith(".html"):
        content = _page(f"<p>Director: Zoë Kravitz</p><p>{PROSE}</p>")
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    result = _ok(path)
    assert result.encoding == "utf-8"
    assert _lines(result.text) == ["Director: Zoë Kravitz", PROSE]


@pytest.mark.parametrize(("name", "codec", "encoding"), [
    ("le.txt", "utf-16", "utf-16"),  # with a BOM
    ("be.txt", "utf-16-be", "utf-16-be"),  # without one
    ("le.html", "utf-16-le", "utf-16-le"),
    ("bom.html", "utf-16", "utf-16"),
])
def test_utf16_files_decode(tmp_path: Path, name: str, codec: str, encoding: str) -> None:
    content = f"Director: Zoë Kravitz\r\n{PROSE}\r\n"
    if name.endswith(".html"):  # the page lies about its charset; the bytes say UTF-16
        content = _page(f"<p>Director: Zoë Kravitz</p><p>{PROSE}</p>")
    path = tmp_path / name
    path.write_bytes(content.encode(codec))
    result = _ok(path)
    assert result.encoding == encoding
    assert _lines(result.text) == ["Director: Zoë Kravitz", PROSE]


def test_utf16_file_cut_mid_character(tmp_path: Path) -> None:
    data = f"Director: Zoë Kravitz\n{PROSE}\n".encode("utf-16")
    path = tmp_path / "cut16.txt"
    path.write_bytes(data[:-1])  # an odd number of bytes: the last character is half there
    result = _clean_file(path)
    if isinstance(result, Rejection):
        assert "utf-16" in result.reason.lower()
    else:  # or the whole characters that arrived
        assert result.text.startswith(f"Director: Zoë Kravitz\n{PROSE[:-1]}")
