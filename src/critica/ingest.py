"""ingest: turn what the user names (files, folders, globs, URLs) into RawDocuments.

A path that does not exist is the user's mistake and raises InputError at once. A file that
exists but cannot be used (too large, unreadable, an unsupported type) becomes a Rejection,
so one bad file never stops a run.
"""

from __future__ import annotations

import glob
import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path

from critica.errors import InputError
from critica.records import RawDocument, Rejection
from critica.settings import Settings

_MEDIA_TYPES = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown",
}
# Files that are plainly data, not documents about films: listed as rejected, not read.
_NOT_DOCUMENTS = {
    ".json", ".jsonl", ".csv", ".tsv", ".parquet", ".db", ".sqlite", ".zip", ".gz", ".tar",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".mp4", ".mp3", ".pdf", ".py", ".pyc",
}


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files, folders (walked recursively, hidden files skipped) and globs, in a stable order."""
    found: list[str] = []
    for given in paths:
        if is_url(given):
            found.append(given)
            continue
        path = Path(given)
        if path.is_file():
            found.append(given)
        elif path.is_dir():
            found.extend(
                str(p) for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif any(ch in given for ch in "*?["):
            matches = sorted(glob.glob(given, recursive=True))
            files = [m for m in matches if Path(m).is_file()]
            if not files:
                raise InputError(f"no files match the pattern {given!r}")
            found.extend(files)
        else:
            raise InputError(f"no such file or folder: {given!r}")
    # The same file named twice (a folder and a glob inside it) is read once.
    return list(dict.fromkeys(found))


def media_type_of(path: str) -> str:
    suffix = Path(urllib.parse.urlparse(path).path if is_url(path) else path).suffix.lower()
    return _MEDIA_TYPES.get(suffix, "text")


def read_file(path: str, settings: Settings) -> RawDocument | Rejection:
    suffix = Path(path).suffix.lower()
    if suffix in _NOT_DOCUMENTS:
        return Rejection(path, "ingest", f"not a document critica reads ({suffix} file)")
    try:
        size = Path(path).stat().st_size
        if size > settings.max_document_bytes:
            return Rejection(
                path, "ingest",
                f"file is {size / 1024 / 1024:.1f} MB, over the {settings.max_document_mb:g} MB "
                "limit (raise it with CRITICA_MAX_DOCUMENT_MB)",
            )
        data = Path(path).read_bytes()
    except OSError as exc:
        return Rejection(path, "ingest", f"cannot read the file: {exc.strerror or exc}")
    return RawDocument(path=path, data=data, media_type=media_type_of(path))  # type: ignore[arg-type]


def _refuse_private(host: str) -> str | None:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        return f"cannot resolve host {host!r}: {exc.strerror}"
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            return f"refusing private or loopback address {address} (set allow_private_urls)"
    return None


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, settings: Settings) -> None:
        # urllib reads the limit from the instance; the class default is 10.
        self.max_redirections = settings.max_redirects  # type: ignore[misc]
        self.settings = settings

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        host = urllib.parse.urlparse(newurl).hostname or ""
        if not self.settings.allow_private_urls and (reason := _refuse_private(host)):
            raise urllib.error.URLError(reason)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, settings: Settings) -> RawDocument | Rejection:
    """Fetch one URL within the size, time and redirect limits; private addresses refused."""
    host = urllib.parse.urlparse(url).hostname or ""
    if not settings.allow_private_urls and (reason := _refuse_private(host)):
        return Rejection(url, "ingest", reason)
    opener = urllib.request.build_opener(_LimitedRedirects(settings))
    request = urllib.request.Request(url, headers={"User-Agent": "critica/0.1"})
    try:
        with opener.open(request, timeout=settings.fetch_timeout_s) as response:
            data = response.read(settings.max_document_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return Rejection(url, "ingest", f"cannot fetch the URL: HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        cause = getattr(exc, "reason", None) or exc
        return Rejection(url, "ingest", f"cannot fetch the URL: {cause}")
    if len(data) > settings.max_document_bytes:
        return Rejection(url, "ingest", f"response over the {settings.max_document_mb:g} MB limit")
    media_type = "html" if "html" in content_type else media_type_of(url)
    return RawDocument(path=url, data=data, media_type=media_type)  # type: ignore[arg-type]


def ingest(paths: Sequence[str], settings: Settings | None = None) -> Iterator[RawDocument | Rejection]:
    """Yield one RawDocument or Rejection per file or URL the paths name.

    Raises InputError before yielding anything if a path does not exist.
    """
    settings = settings or Settings()
    for path in expand_paths(paths):
        yield fetch_url(path, settings) if is_url(path) else read_file(path, settings)
