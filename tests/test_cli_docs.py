"""docs/cli.md is generated from the commands; it must match them."""

from __future__ import annotations

from pathlib import Path

from critica.clidocs import cli_reference

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_cli_reference_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is stale: run `python -m critica.clidocs > docs/cli.md`"
    )
