"""Load on `critica serve`: the film page and its JSON twin, from SQLite and PostgreSQL.

    .venv/bin/python benchmarks/serve_load.py --duration 30 --connections 50 --workers 2

Stores the example corpus (examples/corpus) in a fresh database per backend, starts
`critica serve` on a loopback port, warms it up, then runs wrk (Debian's `wrk`) against each
URL and prints a Markdown table of requests per second and p50/p99 latency.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from critica.api import analyze
from critica.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
SLUG = "night-of-the-living-dead-1968"
POSTGRES_ADMIN_URL = os.environ.get(
    "CRITICA_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test"
)


@contextmanager
def database(backend: str, tmp: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp / 'bench.db'}"
        return
    name = f"critica_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(False)
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@contextmanager
def server(db_url: str, port: int, workers: int, tmp: Path) -> Iterator[str]:
    log = (tmp / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "critica.cli", "serve", "--db", db_url, "--port", str(port),
         "--workers", str(workers)],
        stdout=log, stderr=subprocess.STDOUT, cwd=tmp,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/films/{SLUG}.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"critica serve did not start; see {tmp / 'serve.log'}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(url: str, connections: int, duration: int, threads: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    return {"rps": rps, "p50": p50, "p99": p99,
            "errors": float(errors.group(1)) if errors else 0.0,
            "requests": float(total.group(1)) if total else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--duration", type=int, default=30, help="Seconds per URL.")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes.")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    rows = []
    for backend in backends:
        with tempfile.TemporaryDirectory() as folder, database(backend, Path(folder)) as db_url:
            analyze([str(CORPUS)], db=db_url, settings=Settings(db_url=db_url))
            with server(db_url, args.port, args.workers, Path(folder)) as base:
                for label, path in (("film page (HTML)", f"/films/{SLUG}"),
                                    ("film JSON", f"/films/{SLUG}.json")):
                    wrk(base + path, args.connections, 3, args.threads)  # warm-up
                    result = wrk(base + path, args.connections, args.duration, args.threads)
                    rows.append((backend, label, result))
    print(f"{args.connections} connections, {args.duration} s per URL, wrk -t{args.threads}, "
          f"critica serve --workers {args.workers}\n")
    print("| backend | URL | requests/s | p50 ms | p99 ms | requests | non-2xx |")
    print("|---|---|---|---|---|---|---|")
    for backend, label, r in rows:
        print(f"| {backend} | {label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
              f"{r['requests']:.0f} | {r['errors']:.0f} |")


if __name__ == "__main__":
    main()
