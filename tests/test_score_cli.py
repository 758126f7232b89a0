"""`critica score` through the real CLI, on review files written here (our own words).

Expectations come from what the files say: a printed grade ("1/5", "B+") fixes the score
through the documented ratings table (1/5 = 20, B+ = 83), and plainly worded reviews must get
the verdict any reader would give them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from critica.cli import main

FIELDS = {"text", "verdict", "fresh", "p_positive", "score", "rating_text", "quote"}
PRAISE = "A warm, funny and deeply moving film, with the best performance of the year."
SCORN = "A dull, lifeless mess that wastes a fine cast on a script with nothing to say."


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["score", *args])


def _lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_text_file_one_review_per_line(tmp_path: Path) -> None:
    path = tmp_path / "reviews.txt"
    path.write_text(f"{PRAISE}\n\n{SCORN}\nA tedious slog. 1/5\n", encoding="utf-8")
    out = tmp_path / "scored.jsonl"
    result = _run(str(path), "--json-lines", str(out))
    assert result.exit_code == 0, result.output
    rows = _lines(out.read_text(encoding="utf-8"))
    assert len(rows) == 3  # the blank line is not a review
    for row in rows:
        assert set(row) >= FIELDS and "error" not in row
        assert 0.0 <= row["p_positive"] <= 1.0 and 0.0 <= row["score"] <= 100.0
        assert row["fresh"] == (row["verdict"] == "positive")
    assert [r["verdict"] for r in rows[:2]] == ["positive", "negative"]
    assert rows[0]["text"] == PRAISE and rows[0]["rating_text"] is None
    assert rows[2]["rating_text"] == "1/5" and rows[2]["score"] == 20.0
    assert rows[2]["source"].endswith("reviews.txt:4")


def test_tsv_column_and_grade_column(tmp_path: Path) -> None:
    path = tmp_path / "reviews.tsv"
    path.write_text("id\tbody\tgrade\n1\tQuietly devastating.\tB+\n2\t" + SCORN + "\t\n",
                    encoding="utf-8")
    result = _run(str(path), "--column", "body", "--grade-column", "grade")
    assert result.exit_code == 0, result.output
    first, second = _lines(result.output)
    assert first["rating_text"] == "B+" and first["score"] == 83 and first["verdict"] == "positive"
    assert second["rating_text"] is None and second["verdict"] == "negative"


def test_folder_of_review_files_and_a_bad_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{PRAISE}\n\nIt is, in the end, a triumph.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")  # unreadable: must not stop the run
    (tmp_path / "c.txt").write_text(SCORN, encoding="cp1252")
    result = _run(str(tmp_path))
    assert result.exit_code == 0, result.output
    rows = _lines(result.output)
    assert [Path(r["source"]).name for r in rows] == ["a.txt", "b.txt", "c.txt"]
    assert rows[0]["verdict"] == "positive" and rows[0]["quote"]
    assert "error" in rows[1] and "binary data" in rows[1]["error"]
    assert rows[2]["verdict"] == "negative"


def test_a_row_without_words_gets_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(f"!!! ???\n{PRAISE}\n", encoding="utf-8")
    result = _run(str(path))
    assert result.exit_code == 0
    bad, good = _lines(result.output)
    assert bad["verdict"] is None and bad["error"] == "no words to read"
    assert good["verdict"] == "positive"
    assert "odd.txt:1" in result.output  # the line number is reported on stderr


def test_clear_errors_for_missing_column_empty_file_and_bad_encoding(tmp_path: Path) -> None:
    table = tmp_path / "r.csv"
    table.write_text("id,review\n1,Fine.\n", encoding="utf-8")
    missing = _run(str(table), "--column", "opinion")
    assert missing.exit_code == 2 and "no column 'opinion'" in " ".join(missing.output.split())
    assert "id, review" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("\n \n", encoding="utf-8")
    result = _run(str(empty))
    # the message wraps at the terminal's width, wherever the temporary path ends
    assert result.exit_code == 2 and "is empty" in " ".join(result.output.split())
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # an image, not text
    result = _run(str(binary))
    assert result.exit_code == 2 and "cannot read" in " ".join(result.output.split())
    gone = _run(str(tmp_path / "nope.txt"))
    assert gone.exit_code == 2 and "no such file" in " ".join(gone.output.split())
