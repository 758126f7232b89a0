"""Time `critica analyze` on a corpus: cold CLI runs (a new process each) and warm library runs.

    .venv/bin/python benchmarks/analyze_corpus.py [CORPUS] [--runs N]

Prints a Markdown table (median, min, max in seconds) for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "rust-and-bone"


def cold_run(corpus: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "critica.cli", "analyze", str(corpus), "--no-db", "--quiet"],
        check=True, capture_output=True,
    )
    return time.perf_counter() - started


def warm_run(corpus: Path) -> float:
    import critica

    started = time.perf_counter()
    critica.analyze([str(corpus)])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path,
                        default=DEFAULT if DEFAULT.is_dir() else REPO / "examples" / "corpus")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold = [cold_run(args.corpus) for _ in range(args.runs)]
    warm_run(args.corpus)  # load models once
    warm = [warm_run(args.corpus) for _ in range(args.runs)]
    n_docs = sum(1 for p in args.corpus.iterdir() if p.suffix != ".json")
    print(f"Corpus: {args.corpus.name} ({n_docs} documents); {args.runs} runs each; "
          f"{platform.machine()}, {platform.python_version()}, {len(__import__('os').sched_getaffinity(0))} cores\n")
    print("| run | median s | min s | max s |")
    print("|---|---|---|---|")
    for name, times in (("CLI, new process (imports + models + analysis)", cold),
                        ("library, models loaded (analysis only)", warm)):
        print(f"| {name} | {statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} |")


if __name__ == "__main__":
    main()
