"""One result table per evaluation task: rows of models (ours and peers) with their metrics.

JSON form (the contract of ``critica eval --json``)::

    {"task": "mr", "protocol": "10-fold CV ...",
     "rows": [{"model": "critica-ensemble", "peer": false, "accuracy": 0.83, ...}, ...]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["EvalRow", "EvalTable"]


@dataclass(frozen=True)
class EvalRow:
    model: str
    peer: bool
    metrics: dict[str, float]
    note: str = ""


@dataclass(frozen=True)
class EvalTable:
    task: str
    protocol: str
    rows: tuple[EvalRow, ...]
    extra: dict[str, Any] = field(default_factory=dict)  # counts, seconds, sample size ...

    def metric_names(self) -> list[str]:
        names: list[str] = []
        for row in self.rows:
            names.extend(n for n in row.metrics if n not in names)
        return names

    def to_json(self) -> dict[str, Any]:
        rows = [{"model": r.model, "peer": r.peer, **r.metrics, **({"note": r.note} if r.note else {})}
                for r in self.rows]
        return {"task": self.task, "protocol": self.protocol, "rows": rows, **self.extra}

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")

    def to_markdown(self) -> str:
        names = self.metric_names()
        lines = [f"| model | peer | {' | '.join(names)} |", "|---|---|" + "---|" * len(names)]
        for r in self.rows:
            cells = [_fmt(r.metrics.get(n)) for n in names]
            lines.append(f"| {r.model} | {'yes' if r.peer else 'no'} | {' | '.join(cells)} |")
        return "\n".join(lines)

    def render(self, console: Console) -> None:
        names = self.metric_names()
        table = Table(title=f"{self.task}: {self.protocol}", title_justify="left")
        table.add_column("model")
        table.add_column("peer")
        for n in names:
            table.add_column(n, justify="right")
        for r in self.rows:
            table.add_row(r.model, "yes" if r.peer else "no", *(_fmt(r.metrics.get(n)) for n in names))
        console.print(table)


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.4f}" if abs(value) < 1 else f"{value:.2f}"
