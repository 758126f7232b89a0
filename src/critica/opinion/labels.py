"""The labelled set for opinion vs plot and spoilers (benchmarks/labels/opinion_spoilers.jsonl).

Sentences from the shared data sets are stored only as references (``shared:`` + a path under
the shared folder, a 1-based line number and, for paragraphs, character offsets into the
line); sentences we wrote ourselves carry their text. This module resolves both, and finds each
sentence's place in its document as the pipeline reads it (opinion is read with neighbours).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from critica.errors import InputError
from critica.score.sentences import split_sentences

__all__ = ["LabelledSentence", "documents_of", "load_labelled"]


@dataclass(frozen=True)
class LabelledSentence:
    text: str
    opinion: bool  # the critic's judgement, not plot or plain facts
    spoiler: bool  # reveals a plot development (turn, death, ending)
    source: str  # "own" or the shared path
    sample: str  # A random, B/C after a reviewer's spoiler warning, R seed corpus, W own


def _line(path: Path, number: int, cache: dict[Path, list[str]]) -> str:
    if path not in cache:
        if not path.is_file():
            raise InputError(f"labelled set refers to {path}, which is missing "
                             "(pass the shared folder that holds data/ and corpus/)")
        cache[path] = path.read_bytes().decode("utf-8", "replace").split("\n")
    return cache[path][number - 1]


def load_labelled(labels: Path, shared: Path) -> list[LabelledSentence]:
    """Every labelled sentence, with the text of shared references read from ``shared``."""
    cache: dict[Path, list[str]] = {}
    out: list[LabelledSentence] = []
    for raw in labels.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        row = json.loads(raw)
        source = str(row["source"])
        if source == "own":
            text = str(row["text"])
        else:
            line = _line(shared / source.removeprefix("shared:"), int(row["line"]), cache)
            text = line[int(row["start"]):int(row["end"])] if "start" in row else line
        out.append(LabelledSentence(text.strip(), bool(row["opinion"]), bool(row["spoiler"]),
                                    source, str(row.get("sample", ""))))
    return out


def documents_of(rows: list[LabelledSentence], labels: Path, shared: Path
                 ) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Each row's document as the pipeline reads it, and (document, sentence) per row.

    ``rows`` come from :func:`load_labelled` on the same ``labels``. A polarity v2.0 review is
    one sentence a line; other shared files are split as ``read_sentences`` splits them; our
    own sentences stand alone.
    """
    raws = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    docs: list[list[str]] = []
    index: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    where: list[tuple[int, int]] = []
    for row, raw in zip(rows, raws, strict=True):
        source = str(raw["source"])
        if source == "own":
            docs.append([row.text])
            where.append((len(docs) - 1, 0))
            continue
        text = (shared / source.removeprefix("shared:")).read_bytes().decode("utf-8", "replace")
        lines = text.split("\n")
        if source not in index:
            index[source] = len(docs)
            if "polarity-v2.0" in source:  # one sentence a line
                spans[source] = [(i, i + 1) for i, line in enumerate(lines) if line.strip()]
                docs.append([lines[a].strip() for a, _ in spans[source]])
            else:
                read = [x for x in split_sentences(text)
                        if x.role in ("standfirst", "body") and x.n_words >= 3]
                spans[source] = [(x.start, x.end) for x in read]
                docs.append([x.text for x in read])
        if "polarity-v2.0" in source:
            at = int(raw["line"]) - 1
        else:
            at = sum(len(line) + 1 for line in lines[:int(raw["line"]) - 1]) + int(
                raw.get("start", 0))
        found = [i for i, (a, b) in enumerate(spans[source]) if a <= at < b]
        if not found:
            raise InputError(f"{source}:{raw['line']} is not a sentence the pipeline reads")
        where.append((index[source], found[0]))
    return docs, where
