"""Retrain opinion_v2 (n-gram weights and MiniLM head) from the shared data sets.

    .venv/bin/python -m critica.opinion.training [--data ../shared/data] [--out DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from critica.opinion.classifier import train_opinion
from critica.score.model import MODELS_DIR


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m critica.opinion.training",
                                     description="Retrain opinion_v2 (seed 0).")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"),
                        help="folder holding the shared data sets")
    parser.add_argument("--out", type=Path, default=MODELS_DIR,
                        help="where to write the model files (default: the package's models)")
    args = parser.parse_args()
    for metric in train_opinion(args.data, args.out, progress=print):
        print(f"{metric.name}\t{metric.value:.4f}\t{metric.note}")


if __name__ == "__main__":
    main()
