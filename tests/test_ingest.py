"""ingest: files, folders, globs and URLs, against a real HTTP server on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from critica.errors import InputError
from critica.ingest import expand_paths, ingest
from critica.records import RawDocument, Rejection
from critica.settings import Settings

PAGE = b"<html><head><title>A review</title></head><body><p>A fine film.</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path == "/page":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)
        elif self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{n + 1}")
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"x" * (2 * 1024 * 1024))
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_folders_globs_and_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>two</p>")
    (tmp_path / ".hidden.txt").write_text("skip")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "b.html")]
    assert expand_paths([str(tmp_path / "**" / "*.html")]) == [str(tmp_path / "sub" / "b.html")]
    # Named twice, read once.
    assert expand_paths([str(tmp_path / "a.txt"), str(tmp_path)]).count(str(tmp_path / "a.txt")) == 1
    docs = list(ingest([str(tmp_path)]))
    assert [d.media_type for d in docs if isinstance(d, RawDocument)] == ["text", "html"]


def test_missing_paths_and_empty_globs_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        expand_paths([str(tmp_path / "missing.txt")])
    with pytest.raises(InputError, match="no files match"):
        expand_paths([str(tmp_path / "*.nothing")])


def test_size_limit_and_data_files_are_rejections(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"y" * 3 * 1024 * 1024)
    (tmp_path / "table.csv").write_text("a,b\n")
    out = {Path(d.path).name: d for d in ingest([str(tmp_path)], Settings(max_document_mb=1))}
    assert isinstance(out["big.txt"], Rejection) and "over the 1 MB limit" in out["big.txt"].reason
    assert isinstance(out["table.csv"], Rejection) and out["table.csv"].stage == "ingest"


def test_loopback_urls_are_refused_by_default(server: str) -> None:
    (result,) = ingest([f"{server}/page"])
    assert isinstance(result, Rejection) and "loopback" in result.reason


def test_url_fetch_when_private_addresses_are_allowed(server: str) -> None:
    settings = Settings(allow_private_urls=True)
    (page,) = ingest([f"{server}/page"], settings)
    assert isinstance(page, RawDocument) and page.media_type == "html" and page.data == PAGE
    (loop,) = ingest([f"{server}/loop0"], settings)
    assert isinstance(loop, Rejection) and "redirect" in loop.reason.lower()
    (big,) = ingest([f"{server}/big"], settings.replace(max_document_mb=1))
    assert isinstance(big, Rejection) and "limit" in big.reason
    (missing,) = ingest([f"{server}/missing"], settings)
    assert isinstance(missing, Rejection) and "404" in missing.reason
