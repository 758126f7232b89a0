"""Bad input never stops a run: each unusable file is listed with its stage and reason."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

import critica
from critica.errors import InputError

LATIN1_REVIEW = """Nosferatu (1922) Review

by Odile Marchand |

Director: F. W. Murnau
Running Time: 94 minutes

Murnau's silent film remains a triumph of mood: the shadows on the staircase are more
frightening than any modern effect, and Max Schreck's Count Orlok is unforgettable.
It is a masterpiece of German expressionism and a film every cinéphile should see.
"""

HTML_REVIEW = """<!doctype html>
<html><head><title>Nosferatu review | The Lamplight Gazette</title>
<meta name="author" content="Ivo Brandt"></head>
<body><nav><a href="/">Home</a> | <a href="/films">Films</a></nav>
<article><h1>Nosferatu review</h1>
<p>F. W. Murnau's Nosferatu (1922) is a haunting, beautiful nightmare, and a century later it
still casts a long shadow over every vampire film that followed.</p>
<p>Max Schreck's Count Orlok is a creature of pure dread; the film is essential viewing.</p>
</article><footer>&copy; 2024 The Lamplight Gazette. All rights reserved.</footer></body></html>
"""


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.txt").write_bytes(b"")
    rng = random.Random(7)
    (folder / "blob.bin").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    line = b"All work and no play makes a very long file about no film at all.\n"
    (folder / "huge.txt").write_bytes(line * (20 * 1024 * 1024 // len(line) + 1))
    (folder / "latin1.txt").write_bytes(LATIN1_REVIEW.encode("latin-1"))
    (folder / "page.html").write_text(HTML_REVIEW, encoding="utf-8")
    return folder


def test_run_finishes_and_lists_each_unusable_file(bad_folder: Path) -> None:
    report = critica.analyze([str(bad_folder)])
    rejected = {Path(r.path).name: r for r in report.rejected}
    assert set(rejected) == {"empty.txt", "blob.bin", "huge.txt"}
    assert rejected["huge.txt"].stage == "ingest" and "MB" in rejected["huge.txt"].reason
    assert rejected["empty.txt"].stage == "clean"
    assert rejected["blob.bin"].stage == "clean"
    for r in rejected.values():
        assert r.reason and "internal error" not in r.reason
    analysed = {Path(d.path).name for f in report.films for d in f.documents}
    assert analysed == {"latin1.txt", "page.html"}


def test_latin1_text_is_decoded(bad_folder: Path) -> None:
    report = critica.analyze([str(bad_folder / "latin1.txt")])
    assert "cinéphile" in report.documents[0].text


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        critica.analyze([str(tmp_path / "nowhere")])
    result = subprocess.run(
        [sys.executable, "-m", "critica.cli", "analyze", str(tmp_path / "nowhere"), "--no-db"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr
