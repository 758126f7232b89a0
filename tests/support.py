"""What many test modules share: where the seed corpus is, and a document built from text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from critica.records import ClassifiedDocument, CleanDocument, DocumentKind, PageMetadata

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = Path(os.environ.get("CRITICA_GOLD_DIR", REPO.parent / "shared" / "corpus" / "rust-and-bone"))

needs_seed = pytest.mark.skipif(
    not (SEED_DIR / "gold.json").is_file(),
    reason=f"example corpus not found at {SEED_DIR} (set CRITICA_GOLD_DIR)",
)


def classified(
    text: str,
    kind: DocumentKind = "critic_review",
    *,
    path: str = "snippet.txt",
    metadata: PageMetadata | None = None,
    removed: tuple[str, ...] = (),
) -> ClassifiedDocument:
    """A document as classify would hand it on, built straight from text (clean is not run)."""
    clean = CleanDocument(
        path, text, "utf-8", "text", removed_lines=removed, metadata=metadata or PageMetadata()
    )
    return ClassifiedDocument(clean, kind, "en")
