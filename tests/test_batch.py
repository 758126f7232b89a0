"""critica batch on the local engine: readers, rejects, film aggregation, resuming, --db.

Real files throughout: the example corpus, a fixed sample of Rotten Tomatoes rows (the first
lines of the dev split, copied byte for byte into a temporary gzipped cp1252 TSV) and a real
SQLite file. Expectations come from the data (the rows' own columns) and examples/corpus/gold.json.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from critica.batch import BatchOptions, ColumnMap, read_table, run_batch
from critica.errors import InputError
from critica.pipeline import run as run_pipeline
from critica.report import film_to_json
from critica.store import open_store

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
RT_DEV = REPO.parent / "shared" / "data" / "rt-critic-reviews" / "rt.reviews.dev.tsv.gz"
TABLES = ("documents", "reviews", "facts", "rejects", "films")
RT_COLUMNS = ColumnMap(text="review", film="id", critic="critic", outlet="publisher",
                       date="date", grade="rating", label="fresh", top_critic="top_critic")
# Blocks of consecutive rows from across the file: several films with 20-odd rows each (a film's
# rows are together in the file), empty reviews among them. No field holds a line break.
RT_BLOCKS = [(start, 20) for start in range(1, 38_000, 4_700)]

needs_rt = pytest.mark.skipif(not RT_DEV.is_file(), reason=f"RT data not found at {RT_DEV}")


def rt_sample(folder: Path, extra: bytes = b"") -> Path:
    """The first lines of the RT dev split, as they are (cp1252, CRLF), plus ``extra`` lines."""
    with gzip.open(RT_DEV, "rb") as handle:
        everything = handle.read().split(b"\r\n")
    lines = [everything[0] + b"\r\n"] + [
        line + b"\r\n" for start, n in RT_BLOCKS for line in everything[start:start + n]
    ]
    path = folder / "rt-sample.tsv.gz"
    with gzip.open(path, "wb") as out:
        out.write(b"".join(lines) + extra)
    return path


def rt_rows(path: Path) -> list[dict[str, str]]:
    """The sample's rows read with the csv module directly (the expectation side)."""
    with gzip.open(path, "rt", encoding="cp1252", errors="replace", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def tables_of(out: Path) -> dict[str, list[dict[str, Any]]]:
    """Every table of a batch output as rows in a stable order."""
    found = {}
    for name in TABLES:
        rows = read_table(out, name).to_pylist()
        found[name] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return found


def batch(inputs: list[Path], out: Path, **options: Any) -> Any:
    return run_batch([str(p) for p in inputs], out, BatchOptions(**options))


# --- the example corpus ---------------------------------------------------------------------


def test_corpus_gives_the_films_of_analyze(tmp_path: Path) -> None:
    summary = batch([CORPUS], tmp_path / "out")
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["film"]
    films = read_table(tmp_path / "out", "films").to_pylist()
    assert [(f["title"], f["year"]) for f in films] == [(gold["title"], gold["year"])]
    assert summary.complete and summary.n_films == 1
    # gold.json is data, not a document: rejected with a reason, the run goes on
    rejects = read_table(tmp_path / "out", "rejects").to_pylist()
    assert [(Path(r["path"]).name, r["stage"]) for r in rejects] == [("gold.json", "ingest")]
    # the same page `critica analyze` builds from the same files
    report = run_pipeline([str(CORPUS)])
    page = film_to_json(report.films[0])
    reviews = page.pop("reviews")
    page.pop("documents")
    assert json.loads(films[0]["film_json"]) == page
    rows = sorted(read_table(tmp_path / "out", "reviews").to_pylist(),
                  key=lambda r: (r["index"], r["position"]))
    assert [(r["path"], r["verdict"], r["score"]) for r in rows] == [
        (r["path"], r["verdict"], r["score"]) for r in reviews
    ]


# --- a table of reviews -----------------------------------------------------------------------


@needs_rt
def test_rt_rows_scored_with_their_columns(tmp_path: Path) -> None:
    sample = rt_sample(tmp_path)
    rows = rt_rows(sample)
    batch([sample], tmp_path / "out", columns=RT_COLUMNS, encoding="cp1252", partition_size=40)
    out = tmp_path / "out"
    usable = [(n, r) for n, r in enumerate(rows, start=1) if r["review"].strip()]
    reviews = {r["path"]: r for r in read_table(out, "reviews").to_pylist()}
    assert len(reviews) == len(usable)
    for number, row in usable:
        review = reviews[f"{sample}#{number}"]
        assert review["film_key"] == row["id"]
        assert review["critic"] == (row["critic"].strip() or None)
        assert review["outlet"] == (row["publisher"].strip() or None)
        assert review["label"] == row["fresh"]
        assert review["top_critic"] == (row["top_critic"] == "1")
        if row["rating"] in {"3/5", "4/5", "2/4", "3/4", "2/5"}:  # the printed grade wins
            top, bottom = row["rating"].split("/")
            assert review["score"] == pytest.approx(100 * int(top) / int(bottom))
            assert review["score_source"] == "explicit"
    rejects = read_table(out, "rejects").to_pylist()
    empty = [f"{sample}#{n}" for n, r in enumerate(rows, start=1) if not r["review"].strip()]
    assert sorted(r["path"] for r in rejects) == sorted(empty)
    assert all(r["reason"] == "empty text in column 'review'" for r in rejects)
    films = read_table(out, "films").to_pylist()
    by_film: dict[str, list[str]] = {}
    for number, row in usable:
        by_film.setdefault(row["id"], []).append(f"{sample}#{number}")
    assert {f["film_key"]: f["document_paths"] for f in films} == by_film
    for film in films:
        judged = [reviews[p] for p in film["document_paths"] if reviews[p]["verdict"]]
        assert film["n_reviews"] == len(judged)
        assert film["n_positive"] == sum(1 for r in judged if r["fresh"])


@needs_rt
def test_bad_rows_go_to_rejects_with_reasons(tmp_path: Path) -> None:
    extra = (b"99\t\t3/5\tfresh\tA Critic\t0\tAn Outlet\tMay 1, 2020\r\n"  # empty review
             b"99\tA bad byte \x81 here, a fine film.\t\tfresh\tB\t0\tX\tMay 1, 2020\r\n"
             b"99\tCut short\r\n"  # no further columns
             b"99\tA tense, gripping and very well acted thriller.\t4/5\tfresh\tC\t1\tY\tMay 2, 2020\r\n")
    sample = rt_sample(tmp_path, extra)
    n_rows = len(rt_rows(sample))
    summary = batch([sample], tmp_path / "out", columns=RT_COLUMNS, encoding="cp1252")
    rejects = {int(r["path"].rsplit("#", 1)[1]): r["reason"]
               for r in read_table(tmp_path / "out", "rejects").to_pylist()}
    assert rejects[n_rows - 3] == "empty text in column 'review'"
    assert rejects[n_rows - 2] == "undecodable bytes in column 'review' (read as cp1252)"
    assert rejects[n_rows - 1].startswith("row has 2 of 8 columns")
    assert n_rows not in rejects  # the good row after the bad ones was read
    films = {f["film_key"]: f for f in read_table(tmp_path / "out", "films").to_pylist()}
    assert films["99"]["document_paths"] == [f"{sample}#{n_rows}"]
    assert summary.complete and summary.n_rejected == len(rejects)


def test_jsonl_rows_and_their_problems(tmp_path: Path) -> None:
    lines = [
        {"text": "A warm, funny and wise film that earns every tear.", "film": "a"},
        {"text": "Dull, shapeless and far too long; the cast looks lost.", "film": "a"},
        {"film": "a"},
        "not json at all",
        {"text": "   ", "film": "b"},
        {"text": "An assured debut with a fine lead performance.", "film": "b"},
    ]
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
                    encoding="utf-8")
    batch([path], tmp_path / "out", columns=ColumnMap(text="text", film="film"))
    rejects = {r["path"]: r["reason"] for r in read_table(tmp_path / "out", "rejects").to_pylist()}
    assert rejects == {
        f"{path}#3": "missing column 'text'",
        f"{path}#4": "not valid JSON: Expecting value at column 1",
        f"{path}#5": "empty text in column 'text'",
    }
    films = {f["film_key"]: f["document_paths"]
             for f in read_table(tmp_path / "out", "films").to_pylist()}
    assert films == {"a": [f"{path}#1", f"{path}#2"], "b": [f"{path}#6"]}


def test_a_missing_text_column_is_the_users_mistake(tmp_path: Path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_text("film,body\n1,A fine film.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no column 'text'"):
        batch([path], tmp_path / "out")


# --- the same figures however the work is cut ------------------------------------------------


@needs_rt
def test_film_figures_do_not_depend_on_partitions(tmp_path: Path) -> None:
    sample = rt_sample(tmp_path)
    batch([sample], tmp_path / "one", columns=RT_COLUMNS, partition_size=10_000)
    batch([sample], tmp_path / "many", columns=RT_COLUMNS, partition_size=3, n_buckets=5)
    one, many = tables_of(tmp_path / "one"), tables_of(tmp_path / "many")
    assert len(one["films"]) > 1
    assert one == many


# --- resuming ---------------------------------------------------------------------------------


@needs_rt
def test_stop_and_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    sample = rt_sample(tmp_path)
    options: dict[str, Any] = {"columns": RT_COLUMNS, "partition_size": 20}
    batch([sample], tmp_path / "whole", **options)
    first = batch([sample], tmp_path / "resumed", stop_after=3, **options)
    assert not first.complete and first.n_partitions_run == 3
    assert not (tmp_path / "resumed" / "films").exists()
    second = batch([sample], tmp_path / "resumed", **options)
    assert second.complete and second.n_partitions_run == second.n_partitions - 3
    assert tables_of(tmp_path / "resumed") == tables_of(tmp_path / "whole")
    # a deleted partition file is written again, and only that partition
    (tmp_path / "resumed" / "reviews" / "part-000002.parquet").unlink()
    third = batch([sample], tmp_path / "resumed", **options)
    assert third.n_partitions_run == 1
    assert tables_of(tmp_path / "resumed") == tables_of(tmp_path / "whole")
    # nothing left to do: a rerun writes nothing
    assert batch([sample], tmp_path / "resumed", **options).n_partitions_run == 0


@needs_rt
def test_killed_process_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    sample = rt_sample(tmp_path)
    args = ["--text-column", "review", "--film-column", "id", "--grade-column", "rating",
            "--partition-size", "4", "-q"]
    command = [sys.executable, "-m", "critica.cli", "batch", str(sample), *args]
    subprocess.run([*command, "--out", str(tmp_path / "whole")], check=True,
                   capture_output=True)
    killed = subprocess.Popen([*command, "--out", str(tmp_path / "killed")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    markers = tmp_path / "killed" / "_state"
    while killed.poll() is None and len(list(markers.glob("part-*.json"))) < 3:
        time.sleep(0.05)
    killed.kill()
    killed.wait()
    n_partitions = len(list((tmp_path / "whole" / "_state").glob("part-*.json")))
    assert len(list(markers.glob("part-*.json"))) < n_partitions, "the run ended before the kill"
    subprocess.run([*command, "--out", str(tmp_path / "killed")], check=True,
                   capture_output=True)
    assert tables_of(tmp_path / "killed") == tables_of(tmp_path / "whole")


def test_other_inputs_into_the_same_folder_are_refused(tmp_path: Path) -> None:
    batch([CORPUS / "01_critic_review.txt"], tmp_path / "out")
    with pytest.raises(InputError, match="another batch"):
        batch([CORPUS / "02_blog_review.txt"], tmp_path / "out")


# --- loading the database ---------------------------------------------------------------------


def test_db_load_is_the_stores_and_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'batch.db'}"
    batch([CORPUS], tmp_path / "out", db=url)
    with open_store(url) as store:
        counts = store.counts()
        films = store.films()
    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["film"]
    assert [(f.title, f.year) for f in films] == [(gold["title"], gold["year"])]
    assert counts["documents"] == 6 and counts["rejections"] == 1
    batch([CORPUS], tmp_path / "out2", db=url)  # the same documents again: nothing new
    with open_store(url) as store:
        assert store.counts() == counts


def test_cli_prints_a_summary(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "critica.cli", "batch", str(CORPUS), "--out", str(tmp_path / "o")],
        check=True, capture_output=True, text=True,
    )
    assert result.stdout.startswith("done: 7 items in 1 partitions")
    assert "1 films, 1 rejected" in result.stdout
    assert io.StringIO(result.stderr).read().count("peak memory per worker") == 1
