"""Documents analysed in a process pool give the same report as one process.

The one-process run comes first on purpose: it loads the models (torch included) in this
process, which is the state in which a forked pool used to hang.
"""

from __future__ import annotations

from pathlib import Path

from critica.pipeline import run
from critica.records import Report
from critica.report import report_to_json
from critica.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _comparable(report: Report) -> dict[str, object]:
    data = report_to_json(report)
    data.pop("summary", None)
    return data


def test_two_workers_give_the_same_report_as_one() -> None:
    one = run([str(EXAMPLES)], Settings(), workers=1)
    two = run([str(EXAMPLES)], Settings(), workers=2)
    assert len(one.documents) >= 6
    assert _comparable(two) == _comparable(one)
