"""The HTTP API of a real `critica serve` (subprocess, loopback port), on SQLite and PostgreSQL.

The database holds the example corpus; expectations come from examples/corpus/gold.json and
from the report `critica analyze` made of the same files. Every bad request is checked for its
status, its message and that no table changed.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from critica.store import open_store
from web_support import FILM_SLUG, REPO, Server, postgres_schema, running_server, seed

GOLD = json.loads((REPO / "examples" / "corpus" / "gold.json").read_text(encoding="utf-8"))

# An invented review of the example film (ours, not from any site), with a printed rating.
NEW_REVIEW = (
    "Graveyard Gazette\n\nNight of the Living Dead\n\nBy Odile Farrant\n"
    "Published 2019-03-02\n\n"
    "George A. Romero's Night of the Living Dead is a dull, clumsy slog whose wooden acting "
    "and shapeless middle drain every scene of tension; I found it tedious from start to "
    "finish and cannot recommend it.\n\nRating: 1/5\n"
)



@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, dict[str, Any], str]]:
    """(server, the film as analyze rendered it, a write token) over each backend."""
    tmp = tmp_path_factory.mktemp(f"web-{request.param}")
    if request.param == "sqlite":
        yield from _serve(f"sqlite:///{tmp / 'critica.db'}", tmp)
    else:
        database = request.getfixturevalue("postgres_database")
        with postgres_schema(database) as url:
            yield from _serve(url, tmp)


def _serve(db_url: str, tmp: Path) -> Iterator[tuple[Server, dict[str, Any], str]]:
    film = seed(db_url)
    # The token comes from the CLI, as a user would make it.
    made = subprocess.run(
        [sys.executable, "-m", "critica.cli", "token", "create", "--name", "tests",
         "--db", db_url],
        capture_output=True, text=True, check=True, cwd=tmp,
    )
    token = made.stdout.strip()
    with running_server(db_url, tmp) as server:
        yield server, film, token


def counts(server: Server) -> dict[str, int]:
    with open_store(server.db_url) as store:
        return store.counts()


def assert_error(response: Any, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status
    assert words in body["message"], body["message"]
    assert "Traceback" not in response.text


# --- reading -----------------------------------------------------------------------------------


def test_film_list_and_film(served: tuple[Server, dict[str, Any], str]) -> None:
    server, film, _ = served
    with server.client() as client:
        listed = client.get("/api/films").json()
        assert [f["slug"] for f in listed["films"]] == [FILM_SLUG]
        got = client.get(f"/api/films/{FILM_SLUG}").json()
    assert (got["title"], got["year"]) == (GOLD["film"]["title"], GOLD["film"]["year"])
    # What the API serves is what analyze computed, after a round trip through the database.
    assert got["aggregate"] == film["aggregate"]
    assert len(got["reviews"]) == len(film["reviews"])
    outlets = {d["outlet"] for d in GOLD["documents"] if d["outlet"]}
    assert outlets & {r["outlet"] for r in got["reviews"]}
    assert got["links"]["html"].endswith(f"/films/{FILM_SLUG}")
    assert set(got["links"]["documents"]) == {d["path"] for d in film["documents"]}


def test_page_json_twin_equals_api(served: tuple[Server, dict[str, Any], str]) -> None:
    server, _, _ = served
    with server.client() as client:
        twin = client.get(f"/films/{FILM_SLUG}.json")
        api = client.get(f"/api/films/{FILM_SLUG}")
    assert twin.headers["content-type"].startswith("application/json")
    assert twin.json() == api.json()


def test_reviews_documents_and_search(served: tuple[Server, dict[str, Any], str]) -> None:
    server, film, _ = served
    with server.client() as client:
        reviews = client.get("/api/reviews", params={"film": FILM_SLUG, "limit": 500}).json()
        documents = client.get("/api/documents").json()["documents"]
        critic = GOLD["documents"][0]["author"]
        by_critic = client.get("/api/reviews", params={"q": critic}).json()["reviews"]
        document = client.get(f"/api/documents/{documents[0]['id']}").json()
        found = client.get("/api/search", params={"q": "farmhouse"}).json()
    assert len(reviews["reviews"]) == len(film["reviews"])
    assert len(documents) == len(film["documents"])
    assert critic in {r["critic"] for r in by_critic}
    assert document["text"] and document["evidence"]
    assert all(e["quote"] in document["text"] for e in document["evidence"])
    with open_store(server.db_url) as store:
        texts = {d["id"]: store.stored_document(str(d["id"])) for d in documents}
    expected = {i for i, d in texts.items() if d is not None and "farmhouse" in d.text.lower()}
    assert {d["id"] for d in found["documents"]} == expected
    assert [f["slug"] for f in found["films"]] == [FILM_SLUG]


def test_openapi_lists_the_api(served: tuple[Server, dict[str, Any], str]) -> None:
    server, _, _ = served
    spec = server.client().get("/openapi.json").json()
    for path in ("/api/films", "/api/films/{slug}", "/api/reviews", "/api/documents",
                 "/api/documents/{key}", "/api/search"):
        assert path in spec["paths"], path
    assert {"post", "get"} <= set(spec["paths"]["/api/documents"])
    assert "delete" in spec["paths"]["/api/documents/{key}"]


# --- writing -----------------------------------------------------------------------------------


def test_post_then_delete_a_review(served: tuple[Server, dict[str, Any], str]) -> None:
    server, film, token = served
    before = counts(server)
    n_before = film["aggregate"]["n_reviews"]
    with server.client(token) as client:
        posted = client.post("/api/documents", params={"path": "uploads/graveyard.txt"},
                             content=NEW_REVIEW, headers={"Content-Type": "text/plain"})
        assert posted.status_code == 201, posted.text
        body = posted.json()
        assert body["film"]["slug"] == FILM_SLUG  # it joined the stored film
        assert body["film"]["aggregate"]["n_reviews"] == n_before + 1
        new = [r for r in body["film"]["reviews"] if r["path"] == "uploads/graveyard.txt"]
        assert len(new) == 1 and new[0]["verdict"] == "negative"
        assert counts(server)["documents"] == before["documents"] + 1

        again = client.post("/api/documents", params={"path": "uploads/graveyard.txt"},
                            content=NEW_REVIEW, headers={"Content-Type": "text/plain"})
        assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
        assert counts(server)["documents"] == before["documents"] + 1

        deleted = client.delete(f"/api/documents/{body['document']['id']}")
        assert deleted.status_code == 200, deleted.text
        after = deleted.json()["films"][0]["aggregate"]
        assert after["n_reviews"] == n_before
        assert after["percent_positive"] == film["aggregate"]["percent_positive"]
        assert client.get(f"/api/documents/{body['document']['id']}").status_code == 404
        page = client.get(f"/films/{FILM_SLUG}.json").json()
    assert page["aggregate"]["n_reviews"] == n_before
    now = counts(server)
    assert now["documents"] == before["documents"]
    assert now["reviews"] == before["reviews"]


def test_post_json_text(served: tuple[Server, dict[str, Any], str]) -> None:
    server, _, token = served
    with server.client(token) as client:
        posted = client.post("/api/documents", json={"text": NEW_REVIEW, "path": "j.txt"})
        assert posted.status_code == 201, posted.text
        assert posted.json()["film"]["slug"] == FILM_SLUG
        assert client.delete("/api/documents/" + posted.json()["document"]["content_hash"]
                             ).status_code == 200


# --- bad input ---------------------------------------------------------------------------------

BAD_REQUESTS = [
    # (name, method, path, kwargs, status, words in the message)
    ("malformed JSON", "post", "/api/documents",
     {"content": b'{"text": "unterminated', "headers": {"Content-Type": "application/json"}},
     400, "not valid JSON"),
    ("JSON of the wrong shape", "post", "/api/documents", {"json": ["text"]}, 400,
     'exactly one of "url"'),
    ("wrong content type", "post", "/api/documents",
     {"content": b"\x89PNG", "headers": {"Content-Type": "image/png"}}, 415,
     "unsupported content type"),
    ("oversized body", "post", "/api/documents",
     {"content": b"a" * (10 * 1024 * 1024 + 1), "headers": {"Content-Type": "text/plain"}},
     413, "10 MB upload limit"),
    ("URL to loopback", "post", "/api/documents", {"json": {"url": "http://127.0.0.1:9/x"}},
     400, "refusing private or loopback address 127.0.0.1"),
    ("URL to a private network", "post", "/api/documents",
     {"json": {"url": "http://10.0.0.1/review.html"}}, 400,
     "refusing private or loopback address 10.0.0.1"),
    ("URL without http", "post", "/api/documents", {"json": {"url": "file:///etc/passwd"}},
     400, "must start with http"),
    ("empty document", "post", "/api/documents",
     {"content": b"   ", "headers": {"Content-Type": "text/plain"}}, 422, "empty document"),
    ("unknown film", "get", "/api/films/no-such-film-1999", {}, 404, "no film with id"),
    ("unknown film page twin", "get", "/films/no-such-film-1999.json", {}, 404,
     "no film with id"),
    ("unknown document", "delete", "/api/documents/999999", {}, 404, "no document"),
    ("limit out of range", "get", "/api/films", {"params": {"limit": "-5"}}, 422, "limit"),
]


@pytest.mark.parametrize("case", BAD_REQUESTS, ids=[c[0] for c in BAD_REQUESTS])
def test_bad_input_is_refused_and_changes_nothing(
    served: tuple[Server, dict[str, Any], str], case: tuple[Any, ...]
) -> None:
    server, _, token = served
    _name, method, path, kwargs, status, words = case
    before = counts(server)
    with server.client(token) as client:
        response = client.request(method.upper(), path, **kwargs)
    assert_error(response, status, words)
    assert counts(server) == before


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer"])
def test_writes_need_a_valid_token(
    served: tuple[Server, dict[str, Any], str], header: str | None
) -> None:
    server, _, _ = served
    before = counts(server)
    headers = {"Content-Type": "text/plain", **({"Authorization": header} if header else {})}
    with server.client() as client:
        posted = client.post("/api/documents", content=NEW_REVIEW, headers=headers)
        deleted = client.delete("/api/documents/1", headers=headers)
    for response in (posted, deleted):
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "token" in response.json()["message"]
    assert counts(server) == before


@pytest.mark.parametrize("query", [
    "'; DROP TABLE documents; --", "\" OR 1=1 --", "zombie' UNION SELECT text FROM documents --",
    "NEAR(dead living)", "dead*", "title:dead", "<script>alert(1)</script>", "%_%", "\\", "\x00",
])
def test_injection_in_search_is_just_words(
    served: tuple[Server, dict[str, Any], str], query: str
) -> None:
    server, _, _ = served
    before = counts(server)
    with server.client() as client:
        for path in ("/api/search", "/api/reviews", "/api/documents", "/api/films"):
            response = client.get(path, params={"q": query})
            assert response.status_code == 200, (path, response.text)
        page = client.get("/search", params={"q": query})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert counts(server) == before


def test_revoked_token_is_refused(served: tuple[Server, dict[str, Any], str]) -> None:
    server, _, _ = served
    with open_store(server.db_url) as store:
        row, secret = store.create_token("short-lived")
        assert store.revoke_token(str(row.id)) == 1
    with server.client(secret) as client:
        response = client.post("/api/documents", json={"text": NEW_REVIEW})
    assert_error(response, 401, "unknown or revoked")


# --- a server with reads closed and private URLs allowed ------------------------------------------


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/review.html")
            self.end_headers()
            return
        body = (
            "<html><head><title>Night of the Living Dead review | Graveyard Gazette</title>"
            "</head><body><article><h1>Night of the Living Dead (1968)</h1>"
            f"<p>{NEW_REVIEW.replace(chr(10), '</p><p>')}</p></article></body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_closed_reads_and_allowed_private_urls(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'closed.db'}"
    seed(db_url)
    with open_store(db_url) as store:
        _, token = store.create_token("reader")
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    env = {"CRITICA_READ_REQUIRES_TOKEN": "true", "CRITICA_ALLOW_PRIVATE_URLS": "true"}
    try:
        with running_server(db_url, tmp_path, env) as server:
            with server.client() as anonymous:
                assert_error(anonymous.get("/api/films"), 401, "token")
                assert anonymous.get(f"/films/{FILM_SLUG}").status_code == 401
            with server.client(token) as client:
                assert client.get("/api/films").status_code == 200
                url = f"http://127.0.0.1:{site.server_address[1]}/moved"
                posted = client.post("/api/documents", json={"url": url})
            assert posted.status_code == 201, posted.text
            assert posted.json()["document"]["path"] == url
            assert posted.json()["film"]["slug"] == FILM_SLUG
    finally:
        site.shutdown()


def test_token_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "critica.cli", "token", *args, "--db", db],
                              capture_output=True, text=True, cwd=tmp_path)

    made = cli("create", "--name", "site")
    assert made.returncode == 0 and made.stdout.startswith("crt_")
    secret = made.stdout.strip()
    listed = cli("list")
    assert "site" in listed.stdout and "active" in listed.stdout
    assert secret not in listed.stdout
    with open_store(db) as store:
        assert store.check_token(secret) is not None
        assert store.check_token(secret + "x") is None
    assert cli("revoke", "site").returncode == 0
    assert "revoked" in cli("list").stdout
    assert cli("revoke", "site").returncode == 2  # nothing active left to revoke
    with open_store(db) as store:
        assert store.check_token(secret) is None
