"""Server-rendered pages of a real `critica serve` over the example corpus (SQLite file).

Checked on the HTML a browser receives: figures, JSON-LD, evidence marks, escaping of
document text and errors. Expectations come from gold.json and the pages' own JSON twins.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from critica.store import open_store
from web_support import FILM_SLUG, REPO, Server, running_server, seed

GOLD = json.loads((REPO / "examples" / "corpus" / "gold.json").read_text(encoding="utf-8"))
HOSTILE = (
    "Night of the Living Dead\n\nBy Ivo Marsh\n\n"
    "<script>alert('owned')</script> Night of the Living Dead is a tense, brilliant and "
    "frightening classic <img src=x onerror=alert(2)> that I loved from start to finish.\n\n"
    "Rating: 5/5\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str, int]]:
    """(server, write token, id of a stored document holding <script> in its text)."""
    tmp = tmp_path_factory.mktemp("pages")
    db_url = f"sqlite:///{tmp / 'critica.db'}"
    seed(db_url)
    with open_store(db_url) as store:
        _, token = store.create_token("pages")
    with running_server(db_url, tmp) as server, server.client(token) as client:
        posted = client.post("/api/documents", params={"path": "hostile.txt"},
                             content=HOSTILE, headers={"Content-Type": "text/plain"})
        assert posted.status_code == 201, posted.text
        yield server, token, posted.json()["document"]["id"]


def _json_ld(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found, "no JSON-LD on the page"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_home_lists_the_film(site: tuple[Server, str, int]) -> None:
    server, _, _ = site
    page = server.client().get("/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert GOLD["film"]["title"] in page.text
    assert f'href="/films/{FILM_SLUG}"' in page.text
    searched = server.client().get("/", params={"q": "living dead"}).text
    assert f'href="/films/{FILM_SLUG}"' in searched
    assert f'href="/films/{FILM_SLUG}"' not in server.client().get("/", params={"q": "zzqx"}).text


def test_film_page_shows_figures_and_sections(site: tuple[Server, str, int]) -> None:
    server, _, _ = site
    with server.client() as client:
        page = client.get(f"/films/{FILM_SLUG}").text
        twin = client.get(f"/films/{FILM_SLUG}.json").json()
    agg = twin["aggregate"]
    assert f'data-testid="critics-score">{round(agg["percent_positive"])}%<' in page
    assert f'data-testid="mean-score">{round(agg["mean_score"])}<' in page
    low, high = agg["interval95"]
    assert f"95% interval {round(low)}–{round(high)}%" in page
    assert page.count('data-testid="review-card"') == len(twin["reviews"])
    text = html.unescape(page)
    assert f'<p class="consensus-text">{agg["consensus"]}</p>' in text
    assert 'data-testid="histogram"' in page and 'data-testid="timeline"' in page
    for review in twin["reviews"]:
        assert f'<span class="outlet">{review["outlet"] or "Unknown outlet"}</span>' in text
        assert (review["critic"] or "unnamed critic") in text
    assert GOLD["documents"][0]["author"] in text
    for aggregate in GOLD["reported_aggregates"]:
        assert aggregate["aggregator"] in page
    spoilers = twin.get("spoilers") or []
    assert page.count('<details class="spoiler"') == len(spoilers)
    for spoiler in spoilers:  # inside a closed <details>, never in the open
        assert f"<blockquote>{spoiler['quote']}</blockquote>" in text


def test_film_page_json_ld(site: tuple[Server, str, int]) -> None:
    server, _, _ = site
    with server.client() as client:
        movie = _json_ld(client.get(f"/films/{FILM_SLUG}").text)
        twin = client.get(f"/films/{FILM_SLUG}.json").json()
    assert movie["@type"] == "Movie" and movie["name"] == GOLD["film"]["title"]
    rating = movie["aggregateRating"]
    assert rating["@type"] == "AggregateRating"
    assert rating["ratingValue"] == twin["aggregate"]["mean_score"]
    assert rating["ratingCount"] == twin["aggregate"]["n_reviews"]
    reviews = movie["review"]
    assert len(reviews) == len(twin["reviews"])
    assert all(r["@type"] == "CriticReview" for r in reviews)
    gold_review = GOLD["documents"][0]
    mine = [r for r in reviews if r.get("author", {}).get("name") == gold_review["author"]]
    assert mine and mine[0]["datePublished"] == gold_review["published"]
    assert mine[0]["reviewRating"]["ratingValue"] == 80  # 4/5 on the 0-100 scale
    assert any("publisher" in r for r in reviews)


def test_document_page_marks_evidence(site: tuple[Server, str, int]) -> None:
    server, _, _ = site
    with server.client() as client:
        twin = client.get(f"/films/{FILM_SLUG}.json").json()
        path = twin["documents"][0]["path"]
        url = twin["links"]["documents"][path]
        page = client.get(url).text
        document = client.get(url + ".json").json()
    marks = re.findall(r'<mark class="evidence[^"]*" title="([^"]*)">', page)
    assert marks and document["evidence"]
    own = [r for r in twin["reviews"] if r["path"] == path and not r["reported_in"]]
    unmarked = html.unescape(re.sub(r"</?mark[^>]*>", "", page))
    for review in own:
        assert review["quote"] in document["text"] and review["quote"] in unmarked
    # Each mark wraps text that is evidence: a quote of the film's report from this document.
    quotes = [e["quote"] for e in document["evidence"]]
    for marked_text in re.findall(r'<mark class="evidence[^"]*" title="[^"]*">(.*?)</mark>',
                                  page, re.S):
        assert any(html.unescape(marked_text) in q for q in quotes)


def test_document_text_is_escaped(site: tuple[Server, str, int]) -> None:
    server, _, doc_id = site
    with server.client() as client:
        document_page = client.get(f"/documents/{doc_id}").text
        film_page = client.get(f"/films/{FILM_SLUG}").text
    for page in (document_page, film_page):
        assert "<script>alert(" not in page
        assert "<img src=x" not in page
    assert "&lt;script&gt;alert(" in document_page
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', film_page, re.S)
    assert ld and "</script" not in ld.group(1).lower()


def test_errors_are_pages_for_browsers_and_json_otherwise(site: tuple[Server, str, int]) -> None:
    server, _, _ = site
    with server.client() as client:
        as_page = client.get("/films/not-a-film-2001", headers={"Accept": "text/html"})
        as_json = client.get("/films/not-a-film-2001")
        no_route = client.get("/no/such/route")
        hostile = client.get("/films/<b>x</b>", headers={"Accept": "text/html"})
    assert as_page.status_code == 404 and "not-a-film-2001" in as_page.text
    assert as_page.headers["content-type"].startswith("text/html")
    assert as_json.status_code == 404 and "no film" in as_json.json()["message"]
    assert no_route.status_code == 404 and no_route.json()["status"] == 404
    assert hostile.status_code == 404 and "<b>x</b>" not in hostile.text


def test_static_files_and_no_cdn(site: tuple[Server, str, int], tmp_path: Path) -> None:
    server, _, _ = site
    with server.client() as client:
        page = client.get(f"/films/{FILM_SLUG}").text
        assert client.get("/static/critica.css").status_code == 200
        assert client.get("/static/critica.js").status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert all(not s.startswith(("http://", "https://", "//")) for s in sources), sources
