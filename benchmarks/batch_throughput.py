"""Batch throughput, equivalence and memory: `critica batch` local vs Dask on RT review rows.

    nice -n 10 .venv/bin/python benchmarks/batch_throughput.py [--rows 100000] [--equivalence 20000]
        [--million] [--work /tmp/critica-batch-bench]

Inputs are made by sampling the Rotten Tomatoes critic reviews dev split (non-empty reviews)
with replacement, seed 7, into a gzipped TSV. Each configuration runs in a fresh process, so
peak memory is its own. Prints Markdown tables for docs/benchmarks.md "## Batch (Dask)".
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RT_DEV = REPO.parent / "shared" / "data" / "rt-critic-reviews" / "rt.reviews.dev.tsv.gz"
COLUMNS = {"text": "review", "film": "id", "critic": "critic", "outlet": "publisher",
           "date": "date", "grade": "rating", "label": "fresh", "top_critic": "top_critic"}
PARTITION_SIZE = 2000


def make_sample(n_rows: int, path: Path, seed: int = 7) -> Path:
    if path.is_file():
        return path
    with gzip.open(RT_DEV, "rt", encoding="cp1252", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        rows = [r for r in reader if len(r) == len(header) and r[1].strip()]
    rng = random.Random(seed)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t")
        writer.writerow(header)
        for _ in range(n_rows):
            writer.writerow(rows[rng.randrange(len(rows))])
    tmp.replace(path)
    return path


def run_one(sample: Path, out: Path, engine: str, workers: int) -> dict[str, Any]:
    """One `run_batch` in a fresh process; returns its summary."""
    shutil.rmtree(out, ignore_errors=True)
    code = (
        "import json, sys, dataclasses\n"
        "from pathlib import Path\n"
        "from critica.batch import BatchOptions, ColumnMap, run_batch\n"
        f"opts = BatchOptions(columns=ColumnMap(**{COLUMNS!r}), engine={engine!r}, "
        f"workers={workers}, partition_size={PARTITION_SIZE})\n"
        f"s = run_batch([{str(sample)!r}], Path({str(out)!r}), opts)\n"
        "d = dataclasses.asdict(s); d['out'] = str(d['out'])\n"
        "print(json.dumps(d))\n"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    summary: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    summary["wall_s"] = round(time.perf_counter() - started, 1)
    return summary


def same_output(a: Path, b: Path) -> tuple[bool, str]:
    from critica.batch import read_table

    notes = []
    ok = True
    for name in ("documents", "reviews", "facts", "rejects", "films"):
        left = read_table(a, name).sort_by([(c, "ascending") for c in _sort_keys(name)])
        right = read_table(b, name).sort_by([(c, "ascending") for c in _sort_keys(name)])
        equal = left.equals(right)
        ok &= equal
        notes.append(f"{name} {left.num_rows} rows {'identical' if equal else 'DIFFER'}")
    return ok, "; ".join(notes)


def _sort_keys(name: str) -> list[str]:
    return {"reviews": ["index", "position"], "facts": ["index", "field", "value"],
            "films": ["first_index", "slug"]}.get(name, ["index"])


def row(label: str, s: dict[str, Any]) -> str:
    rate = s["n_items"] / s["elapsed_s"]
    per_core = s["n_items"] / s["cpu_s"] if s["cpu_s"] else 0.0
    peaks = ", ".join(f"{v:.0f}" for v in s["peak_rss_mb"].values())
    return (f"| {label} | {s['n_items']:,} | {s['n_workers']} | {s['elapsed_s']:.0f} | "
            f"{rate:.0f} | {per_core:.0f} | {s['n_films']} | {s['n_rejected']} | {peaks} |")


HEADER = ("| run | rows | workers | seconds | rows/s (wall) | rows per CPU-second | films | "
          "rejected | peak RSS per worker (MB) |\n|---|---:|---:|---:|---:|---:|---:|---:|---|")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--equivalence", type=int, default=20_000)
    parser.add_argument("--million", action="store_true", help="also 1,000,000 rows, 2 workers")
    parser.add_argument("--only", choices=["equivalence", "throughput", "million"], default=None)
    parser.add_argument("--work", type=Path, default=Path("/tmp/critica-batch-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    if args.only in (None, "equivalence"):
        sample = make_sample(args.equivalence, args.work / f"rt-{args.equivalence}.tsv.gz")
        local = run_one(sample, args.work / "eq-local", "local", 1)
        dask = run_one(sample, args.work / "eq-dask", "dask", 2)
        ok, notes = same_output(args.work / "eq-local", args.work / "eq-dask")
        lines += [f"Equivalence, {args.equivalence:,} rows, local vs Dask with 2 workers: "
                  f"{'identical' if ok else 'DIFFERENT'} ({notes}).", "", HEADER,
                  row("local", local), row("dask, 2 workers", dask), ""]
        print("\n".join(lines), flush=True)
    if args.only in (None, "throughput"):
        sample = make_sample(args.rows, args.work / f"rt-{args.rows}.tsv.gz")
        runs = [("local", "local", 1), ("dask, 1 worker", "dask", 1),
                ("dask, 2 workers", "dask", 2)]
        results = {}
        table = [HEADER]
        for label, engine, workers in runs:
            results[label] = run_one(sample, args.work / f"tp-{engine}-{workers}", engine, workers)
            table.append(row(label, results[label]))
            print(table[-1], flush=True)
        one, two = results["dask, 1 worker"], results["dask, 2 workers"]
        speedup = one["elapsed_s"] / two["elapsed_s"]
        lines += table + ["", f"Speed-up of 2 workers over 1: {speedup:.2f}x (wall clock).", ""]
    if args.million or args.only == "million":
        sample = make_sample(1_000_000, args.work / "rt-1000000.tsv.gz")
        big = run_one(sample, args.work / "million", "dask", 2)
        lines += [HEADER, row("dask, 2 workers", big), ""]
        per_core = big["n_items"] / big["cpu_s"]
        for cores in (16, 64):
            lines.append(f"- {cores} cores at {per_core:.0f} rows per core-second: "
                         f"{1_000_000 / (per_core * cores) / 60:.1f} min for 1M rows (map step)")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
