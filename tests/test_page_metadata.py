"""Outlet, author and publication date of HTML pages, from the page's own metadata.

The pages are written here; each states its own outlet, author and date in one of the ways
real pages do (Open Graph and article tags, a JSON-LD article or @graph, name="author"), and
the body names the FILM's release dates, which must never be taken for the page's.
"""

from __future__ import annotations

import pytest

from critica.classify import classify
from critica.clean import clean
from critica.clean.pagemeta import clean_author
from critica.extract.meta import extract_meta
from critica.records import DocumentMeta, RawDocument, Rejection

BODY = """<article><h1>Amour review: a marriage at the end</h1>
<p>Michael Haneke's Amour (2012), which opened in France on 24 October 2012 and premiered at
Cannes on 20 May 2012, is the quietest film he has made. Georges and Anne, retired music
teachers in a Paris flat, face her decline after a stroke.</p>
<p>Jean-Louis Trintignant and Emmanuelle Riva give performances of enormous restraint. The
camera rarely leaves the apartment, and the long takes turn small domestic tasks into
suspense.</p>
<p>It is a hard film to sit through and a harder one to forget. Four stars out of five.</p>
</article>"""


def page(head: str, body: str = BODY) -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Amour review</title>{head}</head><body>{body}</body></html>"


OPEN_GRAPH = page("""
<meta property="og:site_name" content="The Lamplight Review">
<meta property="article:published_time" content="2013-01-18T09:30:00+00:00">
<meta name="author" content="Harriet Vane">""")
JSON_LD = page("""<script type="application/ld+json">{"@context": "https://schema.org",
 "@type": "Review", "author": {"@type": "Person", "name": "Harriet Vane"},
 "datePublished": "2013-01-18", "publisher": {"@type": "Organization", "name": "The Lamplight Review"},
 "itemReviewed": {"@type": "Movie", "name": "Amour", "datePublished": "2012-10-24"}}</script>""")
JSON_LD_GRAPH = page("""<script type="application/ld+json">{"@context": "https://schema.org",
 "@graph": [{"@type": "WebSite", "name": "Reel Northern"},
  {"@type": "NewsArticle", "datePublished": "2013-02-02T08:00:00Z",
   "author": [{"@type": "Person", "name": "Tom Okafor"}]}]}</script>""")
BYLINE_TAG = page("""<meta name="author" content="By Tom Okafor, Film Critic">
<meta property="og:site_name" content="Reel Northern">""")
MOVIE_ONLY = page("""<script type="application/ld+json">{"@context": "https://schema.org",
 "@type": "Movie", "name": "Amour", "datePublished": "2012-10-24",
 "director": {"@type": "Person", "name": "Michael Haneke"}}</script>""")
NOTHING = page("")
URL_AUTHOR = page("""<meta name="author" content="https://www.example.org/staff/tom">
<meta name="date" content="2013-02-02">""")
BROKEN_JSON = page("""<script type="application/ld+json">{"@type": "Review", "author": </script>
<meta property="og:site_name" content="Reel Northern">""")


@pytest.mark.parametrize(("html", "expected"), [
    (OPEN_GRAPH, DocumentMeta("The Lamplight Review", "Harriet Vane", "2013-01-18")),
    (JSON_LD, DocumentMeta("The Lamplight Review", "Harriet Vane", "2013-01-18")),
    (JSON_LD_GRAPH, DocumentMeta("Reel Northern", "Tom Okafor", "2013-02-02")),
    (BYLINE_TAG, DocumentMeta("Reel Northern", "Tom Okafor", None)),
    # the film's release date (in JSON-LD Movie or in the body) is not the page's date
    (MOVIE_ONLY, DocumentMeta(None, None, None)),
    (NOTHING, DocumentMeta(None, None, None)),
    (URL_AUTHOR, DocumentMeta(None, None, "2013-02-02")),
    (BROKEN_JSON, DocumentMeta("Reel Northern", None, None)),
])
def test_page_metadata(html: str, expected: DocumentMeta) -> None:
    document = clean(RawDocument("review.html", html.encode("utf-8"), "html"))
    assert not isinstance(document, Rejection)
    assert extract_meta(classify(document)) == expected


def test_plain_text_byline_still_works() -> None:
    text = ("Amour review\n\nBy Harriet Vane | 18 January 2013\n\n"
            "Michael Haneke's Amour opened in France on 24 October 2012. It is a hard film to sit "
            "through and a harder one to forget.\n")
    document = clean(RawDocument("review.txt", text.encode("utf-8"), "text"))
    assert not isinstance(document, Rejection)
    meta = extract_meta(classify(document))
    assert (meta.author, meta.published) == ("Harriet Vane", "2013-01-18")


@pytest.mark.parametrize(("raw", "expected"), [
    ("By Tom Okafor, Film Critic", "Tom Okafor"),
    ("Harriet Vane; Tom Okafor", "Harriet Vane and Tom Okafor"),
    ("https://www.facebook.com/reelnorthern", None),
    ("Staff Writer", None),
    ("@reelnorthern", None),
    ("", None),
])
def test_clean_author(raw: str, expected: str | None) -> None:
    assert clean_author(raw) == expected
