"""Print the tables of docs/benchmarks.md, "Grades, scores and percent fresh".

    nice -n 10 .venv/bin/python benchmarks/grades_and_quantify.py --data ../shared/data

1. printed grade -> fresh, per scale, 5-fold CV grouped by film on the RT dev reviews, against
   the fixed 60% cut, and combined with the text model's p;
2. the 0-100 score model on the scale data, 10-fold CV per critic;
3. percent fresh per film (films with >= 20 reviews), 5-fold grouped by film, per method;
4. calibration of the text model's p on RT (ECE, 15 bins), raw and recalibrated out-of-fold.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

from critica.score.calibration import Recalibrator, expected_calibration_error, reliability_table
from critica.score.grades import GradeMap, combine_grade_text, fixed_cut_fresh, train_grades
from critica.score.quantify import METHODS, film_errors, rt_out_of_fold
from critica.score.scoremodel import evaluate_scale


def _say(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


def grades_tables(data: Path, out: Path, oof: dict) -> None:
    print("### Printed grade -> fresh (RT dev, 5-fold CV grouped by film)\n")
    metrics = train_grades(data, out, _say)
    print("| metric | value | note |\n|---|---|---|")
    for m in metrics:
        print(f"| {m.name} | {m.value:.4f} | {m.note} |")
    y, p, pg = oof["y"], oof["p"], oof["p_grade"]
    graded = ~np.isnan(pg)
    both = combine_grade_text(pg[graded], p[graded])
    print(f"| grade + text (combine_grade_text), graded rows | "
          f"{float(((both >= 0.5) == y[graded]).mean()):.4f} | {int(graded.sum())} rows, "
          "text p from the fold's NBSVM |")
    print(f"| text only, graded rows | {float(((p[graded] >= 0.5) == y[graded]).mean()):.4f} | |")
    print(f"| text only, ungraded rows | {float(((p[~graded] >= 0.5) == y[~graded]).mean()):.4f} "
          f"| {int((~graded).sum())} rows |")
    print(f"| text only, all rows | {float(((p >= 0.5) == y).mean()):.4f} | {len(y)} rows |")
    gmap = GradeMap.load(out / "grades.json")
    print("\nLearned per scale on all dev grades (the value from which P(fresh) >= 0.5):\n")
    print("| scale | reviews | threshold | P(fresh) per printed value |\n|---|---|---|---|")
    for scale, curve in sorted(gmap.scales_.items(), key=lambda kv: -gmap.counts_[kv[0]]):
        shown = [f"{v:g}: {q:.2f}" for v, q, n in zip(curve["values"], curve["p"], curve["n"],
                                                       strict=True) if n >= 20]
        print(f"| {scale} | {gmap.counts_[scale]} | {gmap.thresholds_[scale]} | "
              f"{', '.join(shown)} |")
    print("\n(letter values: F- 0, F 1, F+ 2, D- 3 ... C+ 8, B- 9, B 10, B+ 11, A- 12, A 13, A+ 14;"
          " 'bare' is a number printed with no scale, a mix of scales)")
    # a check the fixed cut is computed as the reference does
    assert fixed_cut_fresh("3/5") is True and fixed_cut_fresh("C+") is False


def scale_table(data: Path) -> None:
    print("\n### 0-100 score model on the scale data (10-fold CV per critic)\n")
    began = time.perf_counter()
    rows = evaluate_scale(data, _say)
    print("| critic | reviews | Pearson r | 3-class acc | 4-class acc | MAE points |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['critic']} | {r['n']} | {r['pearson_r']:.3f} | {r['accuracy_3class']:.3f} | "
              f"{r['accuracy_4class']:.3f} | {r['mae_points']:.1f} |")
    mean = {k: float(np.mean([r[k] for r in rows]))
            for k in ("pearson_r", "accuracy_3class", "accuracy_4class", "mae_points")}
    print(f"| mean of critics | {sum(r['n'] for r in rows)} | {mean['pearson_r']:.3f} | "
          f"{mean['accuracy_3class']:.3f} | {mean['accuracy_4class']:.3f} | "
          f"{mean['mae_points']:.1f} |")
    print(f"\n({time.perf_counter() - began:.0f} s)")


def quantify_table(oof: dict) -> None:
    print("\n### Percent fresh per film (RT dev, films with >= 20 reviews, 5-fold by film)\n")
    print("Mean absolute error in points. Text p from NBSVM trained on MR + the training films;"
          " tpr, fpr and the reg fit from its out-of-fold p on the training films only.\n")
    print("| method | text only | grade when printed | grade + text when printed |")
    print("|---|---|---|---|")
    n_films = 0
    for method in METHODS:
        cells = []
        for use in ("none", "grade", "grade+text"):
            errors = film_errors(oof, method, use)
            n_films = len(errors)
            cells.append(f"{errors.mean():.2f}")
        print(f"| {method} | " + " | ".join(cells) + " |")
    print(f"\n{n_films} films.")


def calibration_table(oof: dict) -> None:
    print("\n### Calibration of the text model's p on RT (ECE, 15 equal-width bins)\n")
    y, p, fold = oof["y"], oof["p"], oof["fold"]
    print("| p | ECE | accuracy |\n|---|---|---|")
    print(f"| as predicted (Platt inside the model, MR + RT) | "
          f"{expected_calibration_error(p, y):.4f} | {float(((p >= 0.5) == y).mean()):.4f} |")
    for method in ("platt", "isotonic"):
        out = np.zeros(len(p))
        for k, (p_cal, y_cal) in enumerate(oof["calibration"]):
            test = fold == k
            out[test] = Recalibrator(method).fit(p_cal, y_cal).transform(p[test])
        print(f"| recalibrated, {method}, on training-fold out-of-fold p | "
              f"{expected_calibration_error(out, y):.4f} | {float(((out >= 0.5) == y).mean()):.4f} |")
    print("\nReliability of p as predicted:\n\n| bin | reviews | mean p | fresh share |\n|---|---|---|---|")
    for row in reliability_table(p, y):
        if row.count:
            print(f"| {row.low:.2f}-{row.high:.2f} | {row.count} | {row.mean_p:.3f} | "
                  f"{row.fraction_positive:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/critica-grades"),
                        help="where the grade map of this run is written")
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args()
    began = time.perf_counter()
    print(f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
          f"{platform.python_version()}, command: "
          f"nice -n 10 .venv/bin/python benchmarks/grades_and_quantify.py --data {args.data}\n")
    oof = rt_out_of_fold(args.data, _say)
    grades_tables(args.data, args.out, oof)
    quantify_table(oof)
    calibration_table(oof)
    if not args.skip_scale:
        scale_table(args.data)
    print(f"\nTotal {time.perf_counter() - began:.0f} s.")


if __name__ == "__main__":
    main()
