"""The opinion_v2 classifier against the hand-labelled set (benchmarks/labels/opinion_spoilers.jsonl).

Floors sit a little under what the shipped model measures (docs/benchmarks.md), so a retrain that
loses ground fails. Raised after the retrain with our own written training sentences
(opinion/training/own_sentences.jsonl), which measured 0.788 on the whole set (was 0.782), 0.778 on
shared data only (was 0.774) and 0.867 on the set's own sentences (was 0.850). Our own sentences need no shared data; the shared references do.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from critica.errors import ModelError
from critica.opinion.classifier import OpinionClassifier, load_opinion_v2
from critica.opinion.labels import LabelledSentence, documents_of, load_labelled
from critica.opinion.reading import opinion_probability, read_sentences
from critica.opinion.stacked import load_head
from support import REPO, SEED_DIR

LABELS = REPO / "benchmarks" / "labels" / "opinion_spoilers.jsonl"
SHARED = SEED_DIR.parent.parent
needs_shared = pytest.mark.skipif(
    not (SHARED / "data" / "polarity-v2.0").is_dir() or not (SEED_DIR / "gold.json").is_file(),
    reason=f"shared data not found under {SHARED} (set CRITICA_GOLD_DIR)")


def _own_rows() -> list[dict[str, object]]:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if r["source"] == "own"]


def _accuracy(texts: list[str], gold: list[bool]) -> float:
    pred = load_opinion_v2().predict_proba(texts)[:, 1] >= 0.5
    return float(np.mean(pred == np.array(gold)))


def test_own_sentences_floor() -> None:
    rows = _own_rows()
    assert len(rows) >= 50
    accuracy = _accuracy([str(r["text"]) for r in rows], [bool(r["opinion"]) for r in rows])
    assert accuracy >= 0.83


@needs_shared
def test_labelled_set_floor() -> None:
    rows = load_labelled(LABELS, SHARED)
    assert len(rows) >= 500
    accuracy = _accuracy([r.text for r in rows], [r.opinion for r in rows])
    assert accuracy >= 0.78
    shared = [r for r in rows if r.source != "own"]
    assert _accuracy([r.text for r in shared], [r.opinion for r in shared]) >= 0.77


def _document_accuracy(rows: list[LabelledSentence], pick: Callable[[int], bool]) -> float:
    docs, where = documents_of(rows, LABELS, SHARED)
    p = [opinion_probability(doc) for doc in docs]
    hits = [(p[d][i] >= 0.5) == rows[k].opinion for k, (d, i) in enumerate(where) if pick(k)]
    return float(np.mean(hits))


@needs_shared
def test_document_reading_floor_on_the_held_out_half() -> None:
    """As shipped (n-grams + MiniLM head + neighbours): half 1 was never used for a choice."""
    rows = load_labelled(LABELS, SHARED)
    split = [zlib.crc32((r.source if r.source != "own" else f"own{i // 6}").encode()) % 2
             for i, r in enumerate(rows)]
    assert sum(split) >= 300
    assert _document_accuracy(rows, lambda k: split[k] == 1) >= 0.81
    assert _document_accuracy(rows, lambda k: True) >= 0.82


def test_neighbours_pull_a_bare_sentence_towards_its_run() -> None:
    story = ["Barbra runs to a farmhouse, where she finds Ben boarding up the windows.",
             "Ben drags a sofa across the door while Barbra sits on the stairs.",
             "Outside, the ghouls gather at the edge of the field.",
             "Ben finds a radio in the kitchen and turns it on."]
    alone = [opinion_probability([s])[0] for s in story]
    together = opinion_probability(story)
    assert len(together) == len(story)
    assert max(together) < 0.5
    assert not np.allclose(alone, together)
    assert opinion_probability([]) == []


def test_the_head_is_skipped_where_the_n_grams_are_sure() -> None:
    """A lone sentence outside the gate reads as the n-grams alone; one inside it does not."""
    rows = _own_rows()
    texts = [str(r["text"]) for r in rows]
    sparse, head = load_opinion_v2(), load_head()
    z = sparse.decision_function(texts)
    sure, unsure = np.abs(z) >= head.gate, np.abs(z) < head.gate
    assert sure.any() and unsure.any()
    alone = np.array([opinion_probability([t])[0] for t in texts])
    n_gram = sparse.predict_proba(texts)[:, 1]
    assert np.allclose(alone[sure], n_gram[sure], atol=1e-6)
    assert not np.allclose(alone[unsure], n_gram[unsure], atol=1e-3)


def test_reading_uses_the_classifier_on_a_review_of_our_own() -> None:
    text = ("Barbra runs to a farmhouse, where she finds Ben boarding up the windows. "
            "Duane Jones is superb, and the film's bleak final minutes still frighten me.")
    read = read_sentences(text)
    assert [r.is_opinion for r in read] == [False, True]


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    rows = _own_rows()
    opinions = [str(r["text"]) for r in rows if r["opinion"]]
    others = [str(r["text"]) for r in rows if not r["opinion"]]
    model = OpinionClassifier(n_features=2**12).fit(opinions, others)
    model.save(tmp_path, "tiny")
    loaded = OpinionClassifier.load(tmp_path, "tiny")
    texts = opinions + others
    assert np.allclose(loaded.decision_function(texts), model.decision_function(texts), atol=1e-5)
    assert loaded.predict(opinions).mean() > loaded.predict(others).mean()


def test_missing_or_wrong_files_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        OpinionClassifier.load(tmp_path, "absent")
    rows = _own_rows()
    OpinionClassifier(n_features=2**10).fit(
        [str(r["text"]) for r in rows if r["opinion"]],
        [str(r["text"]) for r in rows if not r["opinion"]]).save(tmp_path, "old")
    meta = json.loads((tmp_path / "old.json").read_text())
    meta["format_version"] = 0
    (tmp_path / "old.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError):
        OpinionClassifier.load(tmp_path, "old")
