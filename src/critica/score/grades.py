"""Printed grade -> P(fresh), learned per scale from the Rotten Tomatoes grades.

A fixed cut (60 on the 0-100 table of ratings.py) is a guess: critics who grade out of 4 call
2.5/4 (62.5) rotten more often than fresh, and 3/5 (60) is a coin toss. :class:`GradeMap` learns,
for each scale ("out of 4", "out of 5", "out of 10", "out of 100", letter grades, bare numbers),
the share of fresh verdicts at every printed value, smoothed toward a pooled curve on the 0-100
score and made monotone (isotonic), and the value where it crosses one half (``thresholds_``).

``train_grades`` fits it on the RT dev reviews, measures it by 5-fold CV grouped by film against
the fixed 60% cut, and writes ``grades.json`` (plain JSON, no pickle).
"""

from __future__ import annotations

import json
import math
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Self

import numpy as np

from critica.errors import ModelError
from critica.score.ratings import LETTER_SCORES, parse_rating

__all__ = ["GRADES_NAME", "GradeMap", "combine_grade_text", "grade_key", "load_grades",
           "train_grades"]

GRADES_NAME = "grades"
FORMAT_VERSION = 1
TIE_MARGIN = 0.01
FIXED_CUT = 60.0  # the baseline: a printed grade of 60 or more on the 0-100 table is fresh

_BARE = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*$")
_LETTER_VALUE = {k: float(i) for i, k in enumerate(
    ["F-", "F", "F+", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+"])}


def grade_key(grade: str) -> tuple[str, float, float | None] | None:
    """(scale, value on that scale, 0-100 score) of a printed grade, or None when unreadable.

    Scales are "out of D" (x/D, stars out of D), "letter" (value = rank F- 0 .. A+ 14), "word"
    and "bare" (a number printed with no scale: its 0-100 score is unknown, so None).
    """
    if not isinstance(grade, str) or not grade.strip():
        return None
    bare = _BARE.match(grade)
    if bare:
        return "bare", float(bare.group(1)), None
    rating = parse_rating(grade)
    if rating is None:
        return None
    if rating.scale == "letter":
        letter = re.sub(r"\s+", "", grade.strip().split(":")[-1]).upper().strip(".")
        letter = letter.replace("−", "-").replace("–", "-")
        value = _LETTER_VALUE.get(letter, float(np.interp(rating.score, [0, 100], [1, 13])))
        return "letter", value, rating.score
    if rating.scale == "percent":
        return "out of 100", rating.score, rating.score
    if "/" in rating.scale:
        den = float(rating.scale.split("/")[1])
        return f"out of {den:g}", round(rating.score * den / 100.0, 3), rating.score
    return rating.scale, rating.score, rating.score


def _isotonic(values: np.ndarray, targets: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Non-decreasing fit of targets over sorted values (pool adjacent violators)."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, increasing=True, out_of_bounds="clip")
    return np.asarray(iso.fit_transform(values, targets, sample_weight=weights), dtype=float)


class GradeMap:
    """P(fresh) of a printed grade, per scale (estimator contract: fit returns self).

    ``prior_strength`` pseudo-reviews pull each value's fresh share toward the pooled logistic
    curve on the 0-100 score, so a value seen twice does not get P = 0 or 1; a scale with fewer
    than ``min_scale_rows`` reviews uses the pooled curve alone.
    """

    def __init__(self, prior_strength: float = 5.0, min_scale_rows: int = 30) -> None:
        self.prior_strength = prior_strength
        self.min_scale_rows = min_scale_rows

    def fit(self, grades: Sequence[str], fresh: Sequence[int] | np.ndarray) -> Self:
        from sklearn.linear_model import LogisticRegression

        if len(grades) != len(fresh):
            raise ModelError("fit needs as many grades as fresh labels")
        keyed = [(grade_key(g), int(f)) for g, f in zip(grades, fresh, strict=True)]
        rows = [(k, f) for k, f in keyed if k is not None]
        scored = np.array([[k[2], f] for k, f in rows if k[2] is not None], dtype=float)
        if len(scored) < 10 or len(set(scored[:, 1].tolist())) < 2:
            raise ModelError("fit needs at least 10 readable grades with both verdicts")
        pooled = LogisticRegression(C=100.0).fit(scored[:, :1] / 100.0, scored[:, 1].astype(int))
        self.pooled_ = (float(pooled.coef_[0, 0]), float(pooled.intercept_[0]))
        base_rate = float(scored[:, 1].mean())
        counts: dict[str, dict[float, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
        score_of: dict[tuple[str, float], float | None] = {}
        for (scale, value, score), f in rows:
            cell = counts[scale][value]
            cell[0] += f
            cell[1] += 1
            score_of[(scale, value)] = score
        self.scales_: dict[str, dict[str, list[float]]] = {}
        self.thresholds_: dict[str, float | None] = {}
        self.counts_: dict[str, int] = {}
        for scale, cells in counts.items():
            n_scale = int(sum(c[1] for c in cells.values()))
            self.counts_[scale] = n_scale
            if n_scale < self.min_scale_rows:
                continue
            values = np.array(sorted(cells))
            fresh_n = np.array([cells[v][0] for v in values])
            n = np.array([cells[v][1] for v in values])
            prior = np.array([self._pooled(score_of[(scale, v)]) if score_of[(scale, v)] is not None
                              else base_rate for v in values])
            smoothed = (fresh_n + self.prior_strength * prior) / (n + self.prior_strength)
            # bare numbers mix scales (a "1" may be the best of a 1-4 ladder or 1/10), so
            # only real scales are forced to be monotone
            p = smoothed if scale == "bare" else _isotonic(values, smoothed, n + self.prior_strength)
            # a value whose fresh share is within two standard errors of one half is a coin toss
            # (2.5/4: 52% fresh); its side of one half then follows the pooled curve, so the
            # verdict does not flip from one training sample to the next
            tie = np.abs(p - 0.5) < 2.0 * np.sqrt(0.25 / (n + self.prior_strength))
            side = np.where(prior >= 0.5, 1.0, -1.0)
            p = np.where(tie, 0.5 + side * TIE_MARGIN, p)
            self.scales_[scale] = {"values": values.tolist(), "p": np.round(p, 5).tolist(),
                                   "n": n.astype(int).tolist()}
            self.thresholds_[scale] = None if scale == "bare" else self._crossing(values, p)
        self.n_train_ = len(rows)
        return self

    @staticmethod
    def _crossing(values: np.ndarray, p: np.ndarray) -> float | None:
        """Lowest printed value from which P(fresh) stays at least one half (None if never)."""
        below = np.flatnonzero(p < 0.5)
        start = 0 if not len(below) else below[-1] + 1
        return float(values[start]) if start < len(values) else None

    def _pooled(self, score: float | None) -> float:
        if score is None:
            return 0.5
        a, b = self.pooled_
        return float(1.0 / (1.0 + math.exp(-(a * score / 100.0 + b))))

    def _check_fitted(self) -> None:
        if not hasattr(self, "scales_"):
            raise ModelError("GradeMap is not fitted: call fit() or load() first")

    def p_fresh(self, grade: str) -> float | None:
        """P(fresh) of a printed grade; None when it cannot be read."""
        self._check_fitted()
        key = grade_key(grade)
        if key is None:
            return None
        scale, value, score = key
        curve = self.scales_.get(scale)
        if curve is None:
            return None if score is None else self._pooled(score)
        return float(np.interp(value, curve["values"], curve["p"]))

    def fresh(self, grade: str) -> bool | None:
        p = self.p_fresh(grade)
        return None if p is None else p >= 0.5

    def score(self, grade: str) -> float | None:
        """The 0-100 value of a printed grade (the ratings.py table); None for a bare number."""
        key = grade_key(grade)
        return None if key is None else key[2]

    # -- files ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        self._check_fitted()
        return {"format_version": FORMAT_VERSION, "class": "GradeMap",
                "params": {"prior_strength": self.prior_strength,
                           "min_scale_rows": self.min_scale_rows},
                "pooled": list(self.pooled_), "scales": self.scales_,
                "thresholds": self.thresholds_, "counts": self.counts_, "n_train": self.n_train_}

    @classmethod
    def from_dict(cls, meta: dict[str, Any]) -> GradeMap:
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"grade map has format {meta.get('format_version')}, expected "
                             f"{FORMAT_VERSION}: retrain with `critica train`")
        model = cls(**meta["params"])
        model.pooled_ = (float(meta["pooled"][0]), float(meta["pooled"][1]))
        model.scales_ = meta["scales"]
        model.thresholds_ = meta["thresholds"]
        model.counts_ = meta["counts"]
        model.n_train_ = int(meta["n_train"])
        return model

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> GradeMap:
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load grade map from {path}: {exc}; retrain with "
                             "`critica train --data ../shared/data`") from exc
        return cls.from_dict(meta)


def load_grades(directory: Path | None = None) -> GradeMap:
    """The shipped grade map (src/critica/models/grades.json)."""
    from critica.score.model import MODELS_DIR

    return GradeMap.load((directory or MODELS_DIR) / f"{GRADES_NAME}.json")


TEXT_WEIGHT = 0.5  # measured on RT dev, 5-fold by film: 95.3% on graded rows (1.0: 94.9%)
BASE_RATE = 0.61  # share of fresh RT reviews, the prior inside a calibrated text p


def combine_grade_text(p_grade: float | np.ndarray, p_text: float | np.ndarray,
                       text_weight: float = TEXT_WEIGHT, base_rate: float = BASE_RATE
                       ) -> np.ndarray:
    """P(fresh) from a printed grade and the text model's p, as naive Bayes in log-odds.

    The grade's log-odds plus ``text_weight`` times the text's evidence (its log-odds less the
    prior's). Where the grade is clear (3/4: P 0.998) the text cannot overturn it; where it is
    a coin toss (2.5/4: 0.52) the text decides. A weight under 1 because the two are not
    independent (the critic wrote both).
    """
    pg = np.clip(np.asarray(p_grade, dtype=float), 1e-3, 1 - 1e-3)
    pt = np.clip(np.asarray(p_text, dtype=float), 1e-6, 1 - 1e-6)
    z = (np.log(pg / (1 - pg)) + text_weight * (np.log(pt / (1 - pt))
                                                 - np.log(base_rate / (1 - base_rate))))
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=float)


def fixed_cut_fresh(grade: str) -> bool | None:
    """The baseline: fresh when the 0-100 score of the grade is at least 60."""
    key = grade_key(grade)
    return None if key is None or key[2] is None else key[2] >= FIXED_CUT


def train_grades(data_dir: Path, out_dir: Path,
                 progress: Callable[[str], None] | None = None) -> list[Any]:
    """Fit the grade map on the RT dev grades, measure it by 5-fold CV grouped by film, save it.

    Returns :class:`~critica.score.train.Metric` values: CV accuracy on readable graded rows,
    the fixed 60% cut on the rows it can read, and both on the rows both can read.
    """
    from sklearn.model_selection import GroupKFold

    from critica.score.data import read_rt_reviews
    from critica.score.train import Metric

    say = progress or (lambda message: None)
    began = time.perf_counter()
    say("grades: reading RT reviews")
    rt = [r for r in read_rt_reviews(Path(data_dir)) if r.grade]
    grades = [r.grade for r in rt]
    y = np.array([r.label for r in rt])
    films = [r.film_id for r in rt]
    learned = np.full(len(rt), np.nan)
    for k, (train, test) in enumerate(GroupKFold(n_splits=5).split(grades, y, groups=films)):
        say(f"grades: fold {k + 1}/5")
        fold = GradeMap().fit([grades[i] for i in train], y[train])
        for i in test:
            p = fold.p_fresh(grades[i])
            learned[i] = np.nan if p is None else p
    fixed = np.array([np.nan if (f := fixed_cut_fresh(g)) is None else float(f) for g in grades])
    readable = ~np.isnan(learned)
    both = readable & ~np.isnan(fixed)
    acc = float(((learned[readable] >= 0.5) == y[readable]).mean())
    acc_both = float(((learned[both] >= 0.5) == y[both]).mean())
    base_both = float((fixed[both] == y[both]).mean())
    base = float((fixed[~np.isnan(fixed)] == y[~np.isnan(fixed)]).mean())
    model = GradeMap().fit(grades, y)
    path = model.save(Path(out_dir) / f"{GRADES_NAME}.json")
    say(f"grades: wrote {path} in {time.perf_counter() - began:.0f} s")
    n = len(rt)
    return [
        Metric("grades_cv_accuracy", acc,
               f"{int(readable.sum())} of {n} graded RT reviews readable; 5-fold grouped by film"),
        Metric("grades_cv_accuracy_common", acc_both,
               f"{int(both.sum())} rows the fixed cut can also read (bare numbers excluded)"),
        Metric("grades_fixed60_accuracy_common", base_both, "baseline: 0-100 score >= 60 is fresh"),
        Metric("grades_fixed60_accuracy", base, f"{int((~np.isnan(fixed)).sum())} rows it can read"),
        Metric("grades_coverage", float(readable.mean()), "share of graded rows with a P(fresh)"),
    ]


# letters outside the Metacritic table never reach the map; keep the import honest for mypy
assert set(_LETTER_VALUE) == set(LETTER_SCORES)
