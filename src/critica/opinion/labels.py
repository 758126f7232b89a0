"""The labelled set for opinion vs plot and spoilers (benchmarks/labels/opinion_spoilers.jsonl).

Sentences from the shared data sets are stored only as references (``shared:`` + a path under
the shared folder, a 1-based line number and, for paragraphs, character offsets into the
line); sentences we wrote ourselves carry their text. This module resolves both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from critica.errors import InputError

__all__ = ["LabelledSentence", "load_labelled"]


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
