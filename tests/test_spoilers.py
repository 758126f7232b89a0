"""Spoiler flags against the labelled set (benchmarks/labels/opinion_spoilers.jsonl)."""

from __future__ import annotations

from critica.opinion.labels import load_labelled
from critica.opinion.spoilers import spoiler_reason
from support import REPO, SEED_DIR, needs_seed

LABELS = REPO / "benchmarks" / "labels" / "opinion_spoilers.jsonl"


@needs_seed
def test_spoiler_recall_and_precision_floors() -> None:
    rows = load_labelled(LABELS, SEED_DIR.parent.parent)
    flagged = [spoiler_reason(r.text) is not None for r in rows]
    tp = sum(f and r.spoiler for f, r in zip(flagged, rows, strict=True))
    positives = sum(r.spoiler for r in rows)
    assert positives >= 40
    assert tp / positives >= 0.8
    assert tp / sum(flagged) >= 0.6


def test_title_words_are_not_plot() -> None:
    assert spoiler_reason("Night of the Living Dead remains a blueprint.",
                          "Night of the Living Dead") is None
    assert spoiler_reason("Ben is shot dead at dawn by the posse.") == "death"
