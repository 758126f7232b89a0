"""What a batch has already written, so a rerun skips it: the manifest and per-step markers.

    OUT/manifest.json             the run's fingerprint (inputs and options); a rerun with other
                                  inputs into the same folder is refused, not mixed in
    OUT/_state/part-000012.json   partition 12 is written: its counts and shard checksums
    OUT/_state/films-b003.json    film bucket 3 is written, from shards with this digest

A step's files are renamed into place first and its marker written last (atomically), so a
step without a marker did not finish: its leftovers are removed and it runs again. That is
what makes kill-and-restart end with the same output as an uninterrupted run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from critica.batch.tables import MAP_TABLES, atomic_write
from critica.errors import InputError

MANIFEST = "manifest.json"
IDENTIFY_BUCKET = "identify"  # documents without a film column: clustered together at the end


def partition_name(number: int) -> str:
    return f"part-{number:06d}"


def bucket_name(number: int) -> str:
    return f"b{number:03d}"


def write_json(path: Path, value: Any) -> None:
    text = json.dumps(value, indent=1, sort_keys=True) + "\n"
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class PartitionMarker:
    number: int
    n_items: int
    counts: dict[str, int]
    shards: dict[str, str]  # bucket -> sha256 of that shard file
    cpu_s: float = 0.0  # CPU time the partition took (for per-core rates in benchmarks)


class BatchState:
    """The output folder of one batch run."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.state = out / "_state"
        self.shuffle = out / "_shuffle"

    # --- manifest ---------------------------------------------------------------------------

    def open(self, fingerprint: str, options: dict[str, Any]) -> None:
        """Start or resume: refuse a folder that holds the output of different inputs."""
        manifest = read_json(self.out / MANIFEST)
        if manifest is not None and manifest.get("fingerprint") != fingerprint:
            raise InputError(
                f"{self.out} holds the output of another batch (different inputs or options); "
                "pick a new --out folder, or delete this one to start over"
            )
        if manifest is None:
            if self.out.exists() and any(self.out.iterdir()):
                raise InputError(f"{self.out} is not empty and is not a batch output folder")
            write_json(self.out / MANIFEST, {"fingerprint": fingerprint, "options": options,
                                             "complete": False})
        self.state.mkdir(parents=True, exist_ok=True)

    def finish(self, summary: dict[str, Any]) -> None:
        manifest = read_json(self.out / MANIFEST) or {}
        manifest.update(complete=True, summary=summary)
        write_json(self.out / MANIFEST, manifest)

    # --- partitions -------------------------------------------------------------------------

    def partition_files(self, number: int) -> list[Path]:
        name = partition_name(number)
        return [self.out / table / f"{name}.parquet" for table in MAP_TABLES]

    def partition_done(self, number: int) -> PartitionMarker | None:
        """The marker of a finished partition whose files are all still there, else None."""
        data = read_json(self.state / f"{partition_name(number)}.json")
        if data is None:
            return None
        marker = PartitionMarker(data["number"], data["n_items"], data["counts"], data["shards"],
                                 data.get("cpu_s", 0.0))
        files = self.partition_files(number)
        shard_dir = self.shuffle / partition_name(number)
        files += [shard_dir / f"{bucket}.pkl" for bucket in marker.shards]
        return marker if all(f.is_file() for f in files) else None

    def clear_partition(self, number: int) -> None:
        """Remove what an unfinished attempt at this partition left behind."""
        (self.state / f"{partition_name(number)}.json").unlink(missing_ok=True)
        for path in self.partition_files(number):
            path.unlink(missing_ok=True)
        shutil.rmtree(self.shuffle / partition_name(number), ignore_errors=True)

    def mark_partition(self, marker: PartitionMarker) -> None:
        write_json(self.state / f"{partition_name(marker.number)}.json", {
            "number": marker.number, "n_items": marker.n_items, "counts": marker.counts,
            "shards": marker.shards, "cpu_s": marker.cpu_s,
        })

    def markers(self) -> list[PartitionMarker]:
        found = []
        for path in sorted(self.state.glob("part-*.json")):
            number = int(path.stem.removeprefix("part-"))
            marker = self.partition_done(number)
            if marker is not None:
                found.append(marker)
        return found

    # --- film buckets -----------------------------------------------------------------------

    def film_file(self, bucket: str) -> Path:
        return self.out / "films" / f"{bucket}.parquet"

    def bucket_done(self, bucket: str, digest: str) -> bool:
        data = read_json(self.state / f"films-{bucket}.json")
        return bool(data and data.get("digest") == digest and self.film_file(bucket).is_file())

    def mark_bucket(self, bucket: str, digest: str, n_films: int) -> None:
        write_json(self.state / f"films-{bucket}.json", {"digest": digest, "n_films": n_films})

    def stale_film_files(self, live: Iterable[str]) -> None:
        """Drop film files of buckets that no longer get any shard."""
        keep = set(live)
        for path in (self.out / "films").glob("*.parquet"):
            if path.stem not in keep:
                path.unlink()
                (self.state / f"films-{path.stem}.json").unlink(missing_ok=True)
                (self.out / "rejects" / f"films-{path.stem}.parquet").unlink(missing_ok=True)


def shard_digest(markers: Iterable[PartitionMarker], bucket: str) -> str:
    """Identifies the inputs of a film bucket: which partitions feed it, with what content."""
    digest = hashlib.sha256()
    for marker in sorted(markers, key=lambda m: m.number):
        if bucket in marker.shards:
            digest.update(f"{marker.number}:{marker.shards[bucket]}\n".encode())
    return digest.hexdigest()
