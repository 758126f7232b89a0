"""Documents per second through clean, classify, identify and extract (no scoring, no store).

    .venv/bin/python benchmarks/extract_speed.py [--docs N] [--words W] [--runs R] [--workers 1,2]

Documents of about W words (default 1,000) are built from our own texts (tests/heldout and
examples/corpus): each text's paragraphs are repeated, in order, until it reaches W words, so
the shapes are real page dumps and only the length is stretched. Every stage runs in this one
process, one document at a time, as `critica analyze` runs them. Prints a Markdown table for
docs/benchmarks.md ("## Extraction speed"): per stage and in all, the median of R runs; then
the same four stages (no scoring) per document shared among 1, 2 ... processes through
critica.pipeline.map_documents, the pool analyze_raw uses (results sent back to the parent):
wall-clock documents per second with the pool's start-up, and after the first result.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from critica.classify import classify
from critica.clean import clean
from critica.extract import extract
from critica.identify import identify
from critica.pipeline import map_documents
from critica.records import Extraction, Identity, RawDocument, Rejection

REPO = Path(__file__).resolve().parents[1]
SOURCES = [REPO / "tests" / "heldout", REPO / "examples" / "corpus"]


def build_documents(n_docs: int, words: int) -> list[RawDocument]:
    texts = [p.read_text(encoding="utf-8") for folder in SOURCES
             for p in sorted(folder.rglob("*.txt"))]
    docs: list[RawDocument] = []
    for i in range(n_docs):
        paragraphs = [p for p in texts[i % len(texts)].split("\n") if p.strip()]
        out: list[str] = []
        count = 0
        while count < words:
            for para in paragraphs:
                out.append(para)
                count += len(para.split())
                if count >= words:
                    break
        docs.append(RawDocument(f"bench/{i:04d}.txt", "\n".join(out).encode("utf-8")))
    return docs


Timing = tuple[float, float]  # (wall seconds, CPU seconds of this process)


def _timed(stage: Callable[[Any], Any], items: list[Any]) -> tuple[Timing, list[Any]]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = [stage(item) for item in items]
    return (time.perf_counter() - wall, time.process_time() - cpu), out


def one_run(docs: list[RawDocument]) -> dict[str, Timing]:
    seconds: dict[str, Timing] = {}
    seconds["clean"], cleaned = _timed(clean, docs)
    seconds["classify"], classified = _timed(classify, cleaned)
    seconds["identify"], _ = _timed(identify, classified)
    seconds["extract"], _ = _timed(extract, classified)
    seconds["all four"] = (sum(t[0] for t in seconds.values()), sum(t[1] for t in seconds.values()))
    return seconds


def four_stages(raw: RawDocument) -> tuple[Identity | Rejection, Extraction] | Rejection:
    """clean -> classify -> identify -> extract for one document (what the target counts)."""
    cleaned = clean(raw)
    if isinstance(cleaned, Rejection):
        return cleaned
    classified = classify(cleaned)
    return identify(classified), extract(classified)


def pooled_rate(docs: list[RawDocument], workers: int, runs: int) -> tuple[float, float]:
    """Median wall-clock documents/s of the four stages in ``workers`` processes: with the
    pool's start-up (as a run of `critica analyze` pays it), and from the first result on."""
    rates, steady = [], []
    for _ in range(runs):
        wall = time.perf_counter()
        first = None
        n = 0
        for _ in map_documents(four_stages, docs, workers):
            n += 1
            if first is None:
                first = time.perf_counter()
        end = time.perf_counter()
        rates.append(n / (end - wall))
        steady.append((n - 1) / (end - (first or wall)))
    return statistics.median(rates), statistics.median(steady)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", default="1,2", help="process counts for the pooled table")
    args = parser.parse_args()
    docs = build_documents(args.docs, args.words)
    mean_words = statistics.mean(len(d.data.decode("utf-8").split()) for d in docs)
    one_run(docs[:5])  # warm-up: imports, compiled patterns, lazily loaded tables
    runs = [one_run(docs) for _ in range(args.runs)]
    print(f"{len(docs)} documents of {mean_words:.0f} words on average; median of {args.runs} "
          f"runs; Python {platform.python_version()}, {os.cpu_count()} CPUs, one process.\n")
    # CPU time beside wall time: on a machine shared with other jobs the wall clock also
    # counts the time this process waited for a core.
    print("| stage | wall s | documents/s (wall) | CPU s | documents/s (CPU) | CPU ms/document |")
    print("|---|---|---|---|---|---|")
    n = len(docs)
    for stage in runs[0]:
        wall = statistics.median(r[stage][0] for r in runs)
        cpu = statistics.median(r[stage][1] for r in runs)
        print(f"| {stage} | {wall:.2f} | {n / wall:.0f} | {cpu:.2f} | {n / cpu:.0f} | "
              f"{1000 * cpu / n:.2f} |")
    print("\nThe four stages per document (no scoring), documents shared among processes "
          "(critica.pipeline.map_documents):\n")
    print("| processes | documents/s (wall, with start-up) | documents/s (wall, after the first "
          "result) |")
    print("|---|---|---|")
    for workers in (int(w) for w in args.workers.split(",")):
        with_start, steady = pooled_rate(docs, workers, args.runs)
        print(f"| {workers} | {with_start:.0f} | {steady:.0f} |", flush=True)


if __name__ == "__main__":
    main()
