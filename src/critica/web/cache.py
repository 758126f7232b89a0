"""Rendered pages kept in memory, keyed by what they show (a film's fingerprint, ...).

A key names the content's version, so a stale entry is never served: a film saved again gets
a new fingerprint and so a new key, and the old entry ages out of the LRU order.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


class PageCache:
    def __init__(self, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()  # page routes run in a thread pool
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._entries.get(key)
            if body is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        with self._lock:
            self._entries[key] = body
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class VersionCache:
    """Film versions (fingerprints) remembered for ``ttl`` seconds, so a cached page is served
    without touching the database.

    Writes through this process clear it at once; with several workers, another worker's write
    shows here within ``ttl`` seconds.
    """

    def __init__(self, ttl: float = 1.0) -> None:
        self.ttl = ttl
        self._entries: dict[str, tuple[float, str | None]] = {}

    def get(self, slug: str, now: float) -> tuple[bool, str | None]:
        """(found, version); found is False when the entry is missing or too old."""
        entry = self._entries.get(slug)
        if entry is None or now - entry[0] > self.ttl:
            return False, None
        return True, entry[1]

    def put(self, slug: str, version: str | None, now: float) -> None:
        if len(self._entries) > 10_000:  # bounded: slugs come from the URL
            self._entries.clear()
        self._entries[slug] = (now, version)

    def clear(self) -> None:
        self._entries.clear()
