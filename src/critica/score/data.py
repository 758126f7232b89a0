"""Readers for the public training sets in ``../shared/data`` (see its README.md).

Only training and evaluation read these; nothing here ships data. Each reader returns frozen
records and raises :class:`~critica.errors.InputError` with the missing path when a set is absent.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from dataclasses import dataclass
from pathlib import Path

from critica.errors import InputError

__all__ = [
    "LabelledText", "RTReview", "ScaledReview", "ScoredSnippet", "read_mr", "read_polarity2",
    "read_rt_reviews", "read_rt_synopses", "read_scaledata", "read_sst2", "read_sst2_glue",
    "read_vader_snippets", "tokenised_sentences",
]

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class LabelledText:
    text: str
    label: int  # 1 positive, 0 negative
    group: str = ""  # fold or film id, for grouped cross-validation


@dataclass(frozen=True)
class RTReview:
    text: str
    label: int  # 1 fresh, 0 rotten
    film_id: str
    grade: str  # as printed in the grade column, "" when none
    top_critic: bool


def _require(path: Path) -> Path:
    if not path.exists():
        raise InputError(f"training data not found: {path} (pass the folder that holds the "
                         "shared data sets, e.g. --data ../shared/data)")
    return path


def read_mr(data_dir: Path) -> list[LabelledText]:
    """Pang & Lee 2005 sentence polarity (MR): 5,331 + 5,331 snippets, cp1252."""
    folder = _require(data_dir / "mr-rt-polarity-v1.0")
    rows: list[LabelledText] = []
    for name, label in (("rt-polarity.pos", 1), ("rt-polarity.neg", 0)):
        text = _require(folder / name).read_bytes().decode("cp1252")
        rows.extend(LabelledText(line.strip(), label) for line in text.splitlines() if line.strip())
    return rows


def read_polarity2(data_dir: Path) -> list[LabelledText]:
    """Pang & Lee 2004 full reviews (one sentence per line); group = cv fold (cv0..cv9)."""
    folder = _require(data_dir / "polarity-v2.0" / "txt_sentoken")
    rows: list[LabelledText] = []
    for sub, label in (("pos", 1), ("neg", 0)):
        for path in sorted(_require(folder / sub).glob("cv*.txt")):
            rows.append(LabelledText(path.read_text("ascii", "replace"), label, path.name[2]))
    return rows


def read_rt_reviews(data_dir: Path) -> list[RTReview]:
    """Rotten Tomatoes critic reviews (dev split) with non-empty text; cp1252, CRLF, tab-separated."""
    path = _require(data_dir / "rt-critic-reviews" / "rt.reviews.dev.tsv.gz")
    with gzip.open(path) as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="cp1252", newline=""), delimiter="\t")
        return [
            RTReview(row["review"].strip(), int(row["fresh"] == "fresh"), row["id"],
                     row["rating"].strip(), row["top_critic"] == "1")
            for row in reader
            if (row.get("review") or "").strip() and row.get("fresh") in ("fresh", "rotten")
        ]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def read_rt_synopses(data_dir: Path) -> list[str]:
    """Sentences of the per-film synopses: plot and premise, the opposite of an opinion."""
    path = _require(data_dir / "rt-critic-reviews" / "rt.movie_info.dev.tsv.gz")
    with gzip.open(path) as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="cp1252", newline=""), delimiter="\t")
        synopses = [(row.get("synopsis") or "").strip() for row in reader]
    return [s for text in synopses if text for s in _SENTENCE_END.split(text) if len(s.split()) >= 4]


@dataclass(frozen=True)
class ScaledReview:
    text: str  # whole review, lower-cased and tokenised (" . " ends a sentence)
    rating: float  # the critic's own rating normalised to 0-1
    critic: str
    label3: int = -1  # the set's own 3-class label (label.3class.*), -1 when not read
    label4: int = -1  # the set's own 4-class label (label.4class.*)


def read_scaledata(data_dir: Path) -> list[ScaledReview]:
    """Pang & Lee 2005 scale data: full reviews of four critics with their normalised rating."""
    folder = _require(data_dir / "scaledata-v1.0" / "scaledata")
    rows: list[ScaledReview] = []
    for critic_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        critic = critic_dir.name
        texts = _require(critic_dir / f"subj.{critic}").read_text("ascii", "replace").splitlines()
        ratings = _require(critic_dir / f"rating.{critic}").read_text("ascii").split()
        label3 = _require(critic_dir / f"label.3class.{critic}").read_text("ascii").split()
        label4 = _require(critic_dir / f"label.4class.{critic}").read_text("ascii").split()
        rows.extend(ScaledReview(t, float(r), critic.replace("+", " "), int(c3), int(c4))
                    for t, r, c3, c4 in zip(texts, ratings, label3, label4, strict=True))
    return rows


def read_sst2(data_dir: Path, split: str) -> list[LabelledText]:
    """SST-2 sentence level as Kim (2014) packed it: split is train (6,920), dev or test (1,821)."""
    path = _require(data_dir / "sst2" / "sentence-level" / f"stsa.binary.{split}")
    rows: list[LabelledText] = []
    for line in path.read_text("utf-8").splitlines():
        label, _, text = line.partition(" ")
        if text.strip() and label in ("0", "1"):
            rows.append(LabelledText(text.strip(), int(label)))
    return rows


def read_sst2_glue(data_dir: Path, split: str) -> list[LabelledText]:
    """GLUE SST-2 train (67,349 phrases and sentences) or dev (872); GLUE test has no labels."""
    if split not in ("train", "dev"):
        raise InputError(f"GLUE SST-2 split {split!r} has no labels; use train or dev")
    path = _require(data_dir / "sst2" / "glue" / f"{split}.tsv")
    rows: list[LabelledText] = []
    for line in path.read_text("utf-8").splitlines()[1:]:  # header (edited in this copy)
        text, _, label = line.rpartition("\t")
        if text.strip() and label.strip() in ("0", "1"):
            rows.append(LabelledText(text.strip(), int(label)))
    return rows


@dataclass(frozen=True)
class ScoredSnippet:
    text: str
    intensity: float  # mean human rating, -4 .. +4 (Hutto & Gilbert 2014)


def read_vader_snippets(data_dir: Path) -> list[ScoredSnippet]:
    """The MR snippets with VADER's crowd intensity ratings (id, mean, text; UTF-8, CRLF)."""
    path = _require(data_dir / "vader-rt-snippets" / "movieReviewSnippets_GroundTruth.txt")
    rows: list[ScoredSnippet] = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3 and parts[2].strip():
            rows.append(ScoredSnippet(parts[2].strip(), float(parts[1])))
    return rows


_TOKENISED_END = re.compile(r"(?<=\s[.!?])\s+")


def tokenised_sentences(text: str) -> list[str]:
    """Sentences of a lower-cased, tokenised review ("... here . next ...")."""
    return [s.strip() for s in _TOKENISED_END.split(text) if s.strip()]
