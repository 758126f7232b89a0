"""Render a Report: the JSON contract of DESIGN.md, and a readable terminal page per film."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from critica.records import (
    Aspect,
    Award,
    CastMember,
    Conflict,
    Evidence,
    FactEntry,
    FactValue,
    Film,
    Money,
    MpaaRating,
    ReleaseDate,
    Report,
    Review,
    ScoreFigures,
)

SCHEMA_VERSION = 1


def value_to_json(value: FactValue) -> Any:
    """A fact value as the contract spells it (cast/release/money as objects, others plain)."""
    if isinstance(value, CastMember):
        return {"actor": value.actor, "character": value.character}
    if isinstance(value, ReleaseDate):
        return {"date": value.date, "region": value.region, "event": value.event}
    if isinstance(value, Money):
        return {"amount": value.amount, "currency": value.currency, "text": value.text, "scope": value.scope}
    if isinstance(value, MpaaRating):
        return value.value
    if isinstance(value, Award):
        return value.text
    return value


def value_to_text(value: FactValue) -> str:
    if isinstance(value, CastMember):
        return f"{value.actor} as {value.character}" if value.character else value.actor
    if isinstance(value, ReleaseDate):
        where = ", ".join(x for x in (value.region, value.event) if x)
        return f"{value.date} ({where})" if where else value.date
    if isinstance(value, Money):
        return value.text + (f" ({value.scope})" if value.scope else "")
    if isinstance(value, MpaaRating):
        return f"{value.board} {value.value}" + (f" {value.reason}" if value.reason else "")
    if isinstance(value, Award):
        return value.text
    return str(value)


def _entry_to_json(entry: FactEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "value": value_to_json(entry.value),
        "sources": [{"path": e.path, "quote": e.quote} for e in entry.sources],
    }
    if isinstance(entry.value, MpaaRating):
        out.update(reason=entry.value.reason, board=entry.value.board)
    if isinstance(entry.value, Award):
        out.update(outcome=entry.value.outcome, count=entry.value.count)
    if entry.variants:
        out["variants"] = list(entry.variants)
    return out


def _conflict_to_json(conflict: Conflict) -> dict[str, Any]:
    return {
        "field": conflict.field,
        "values": [value_to_json(v) for v in conflict.values],
        "note": conflict.note,
    }


def review_to_json(review: Review) -> dict[str, Any]:
    out = dataclasses.asdict(review)
    out["aspects"] = [_aspect(a) for a in review.aspects]
    return out


def film_to_json(film: Film) -> dict[str, Any]:
    agg = film.aggregate
    return {
        "title": film.title,
        "original_title": film.original_title,
        "year": film.year,
        "slug": film.slug,
        "variants": list(film.variants),
        "catalogue_id": film.catalogue_id,
        "documents": [dataclasses.asdict(d) for d in film.documents],
        "facts": {f: [_entry_to_json(e) for e in entries] for f, entries in film.facts.items()},
        "conflicts": [_conflict_to_json(c) for c in film.conflicts],
        "reviews": [review_to_json(r) for r in film.reviews],
        "reported_aggregates": [
            {"aggregator": a.aggregator, "value": a.value, "scale": a.scale, "count": a.count,
             "path": a.path, "quote": a.quote}
            for a in film.reported_aggregates
        ],
        "aggregate": {
            "n_reviews": agg.n_reviews,
            "n_positive": agg.n_positive,
            "percent_positive": agg.percent_positive,
            "interval95": list(agg.interval95) if agg.interval95 else None,
            "interval_method": "wilson",
            "mean_score": agg.mean_score,
            "band": agg.band,
            "consensus": agg.consensus,
            "consensus_sources": [{"path": e.path, "quote": e.quote} for e in agg.consensus_sources],
            "consensus_claims": [
                {"text": c.text, "aspect": c.aspect, "polarity": c.polarity,
                 "evidence": [_evidence(e) for e in c.evidence]}
                for c in agg.consensus_claims
            ],
            "disagreement": agg.disagreement,
            "top_critics": _figures(agg.top_critics),
            "others": _figures(agg.others),
            "outlet_weights": {"source": agg.weights_source,
                               "weights": {name: w for name, w in agg.outlet_weights}},
            "badges": [{"name": b.name, "rule": b.rule} for b in agg.badges],
            "aspects": [_aspect(a) for a in agg.aspects],
        },
        "spoilers": [{"path": f.path, "quote": f.quote, "reason": f.reason}
                     for f in film.spoilers],
    }


def _evidence(e: Evidence) -> dict[str, str]:
    return {"path": e.path, "quote": e.quote}


def _figures(f: ScoreFigures | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"n_reviews": f.n_reviews, "n_positive": f.n_positive,
            "percent_positive": f.percent_positive,
            "interval95": list(f.interval95) if f.interval95 else None,
            "mean_score": f.mean_score, "band": f.band, "disagreement": f.disagreement}


def _aspect(a: Aspect) -> dict[str, Any]:
    return {"aspect": a.name, "person": a.person, "polarity": a.polarity,
            "n_positive": a.n_positive, "n_negative": a.n_negative, "n_mixed": a.n_mixed,
            "evidence": [_evidence(e) for e in a.evidence]}


def report_to_json(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "films": [film_to_json(f) for f in report.films],
        "rejected": [dataclasses.asdict(r) for r in report.rejected],
        "summary": {
            "inputs": report.n_inputs,
            "documents": len(report.documents),
            "films": len(report.films),
            "rejected": len(report.rejected),
        },
    }


def write_json(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --- terminal ---------------------------------------------------------------------------------


def _fmt(value: float | None, suffix: str = "") -> str:
    return "-" if value is None else f"{value:g}{suffix}"


def _facts_table(film: Film) -> Table:
    table = Table(title="Facts", title_justify="left", show_edge=False, expand=True)
    table.add_column("field", style="bold")
    table.add_column("value")
    table.add_column("sources", justify="right")
    for field, entries in film.facts.items():
        for i, entry in enumerate(entries):
            variants = f" [dim](also spelt {', '.join(entry.variants)})[/dim]" if entry.variants else ""
            table.add_row(field if i == 0 else "", Text(value_to_text(entry.value)) + Text.from_markup(variants),
                          str(len({e.path for e in entry.sources})))
    return table


def _reviews_table(film: Film) -> Table:
    table = Table(title="Reviews", title_justify="left", show_edge=False, expand=True)
    for column in ("outlet", "critic", "printed", "score", "verdict", "p+", "source"):
        table.add_column(column, justify="right" if column in {"score", "p+"} else "left")
    for r in film.reviews:
        colour = {"positive": "green", "mixed": "yellow", "negative": "red"}.get(r.verdict or "", "dim")
        table.add_row(
            r.outlet or "-", r.critic or "-", r.rating_text or "-",
            _fmt(None if r.score is None else round(r.score)),
            Text(r.verdict or "-", style=colour),
            "-" if r.p_positive is None else f"{r.p_positive:.2f}",
            f"reported in {Path(r.reported_in).name}" if r.reported_in else Path(r.path).name,
        )
    return table


def _figures_line(name: str, f: ScoreFigures | None) -> str:
    if f is None:
        return f"{name}: none"
    if f.percent_positive is None:
        return f"{name}: no score ({f.n_reviews} reviews, too few)"
    low, high = f.interval95 or (0.0, 0.0)
    return (f"{name}: {f.percent_positive:g}% positive of {f.n_reviews} ({low:g}-{high:g}); "
            f"mean {_fmt(f.mean_score)} — {f.band or '-'}")


def _beside(film: Film) -> list[Text]:
    """Top critics, blogs and lists, the aggregators' own figures, weights and badges."""
    agg = film.aggregate
    lines = [_figures_line("Top critics", agg.top_critics),
             _figures_line("Blogs and lists", agg.others)]
    if agg.disagreement is not None:
        lines.append(f"Disagreement: scores spread {agg.disagreement:g} points (SD)")
    for a in film.reported_aggregates:
        lines.append(f"Reported by {a.aggregator}: {a.value:g}/{a.scale:g}"
                     + (f" of {a.count} reviews" if a.count else "")
                     + f" (in {Path(a.path).name}; not critica's figure)")
    weights = ", ".join(f"{o} {w:g}" for o, w in agg.outlet_weights) or "-"
    lines.append(f"Outlet weights ({agg.weights_source}): {weights}")
    if agg.badges:
        lines.append("Badges: " + "; ".join(f"{b.name} ({b.rule})" for b in agg.badges))
    return [Text("\n".join(lines))]


def render_film(film: Film) -> Panel:
    agg = film.aggregate
    parts: list[Any] = []
    heading = f"{film.title}" + (f" ({film.year})" if film.year else "")
    if film.original_title and film.original_title != film.title:
        heading += f" — original title: {film.original_title}"
    kinds = ", ".join(f"{Path(d.path).name}: {d.kind}" for d in film.documents)
    parts.append(Text(f"{len(film.documents)} documents — {kinds}", style="dim"))
    if agg.percent_positive is None:
        parts.append(Text(f"Critics' score: not enough reviews ({agg.n_reviews})", style="bold"))
    else:
        low, high = agg.interval95 or (0.0, 0.0)
        parts.append(Text(
            f"Critics' score: {agg.percent_positive:g}% positive of {agg.n_reviews} reviews "
            f"(95% interval {low:g}-{high:g}); mean score {_fmt(agg.mean_score)} — {agg.band or '-'}",
            style="bold",
        ))
    parts.extend(_beside(film))
    if agg.consensus:
        parts.append(Text(f"Consensus: {agg.consensus}", style="italic"))
        for claim in agg.consensus_claims[1:]:
            sources = "; ".join(f"{Path(e.path).name}: “{e.quote[:90]}”" for e in claim.evidence[:2])
            parts.append(Text(f"  {claim.text} ({claim.polarity}) — {sources}", style="dim"))
    praised = [a for a in agg.aspects if a.polarity == "positive"][:5]
    faulted = [a for a in agg.aspects if a.polarity == "negative"][:5]
    if praised or faulted:
        def label(a: Aspect) -> str:
            return f"{a.name}" + (f" ({a.person})" if a.person else "") + \
                f" {a.n_positive}+/{a.n_negative}-"
        parts.append(Text("Praised: " + (", ".join(map(label, praised)) or "-")
                          + "\nFaulted: " + (", ".join(map(label, faulted)) or "-")))
    if film.spoilers:
        parts.append(Text(f"{len(film.spoilers)} sentences flagged as spoilers (hidden; "
                          "see the JSON report)", style="dim"))
    parts.append(_facts_table(film))
    if film.conflicts:
        lines = [
            f"{c.field}: " + " vs ".join(value_to_text(v) for v in c.values) + (f" — {c.note}" if c.note else "")
            for c in film.conflicts
        ]
        parts.append(Text("Conflicts\n" + "\n".join(lines), style="yellow"))
    parts.append(_reviews_table(film))
    if film.reported_aggregates:
        lines = [
            f"{a.aggregator}: {a.value:g}/{a.scale:g}" + (f" from {a.count} reviews" if a.count else "")
            + f" (reported in {Path(a.path).name})"
            for a in film.reported_aggregates
        ]
        parts.append(Text("Reported aggregates\n" + "\n".join(lines)))
    return Panel(Group(*parts), title=heading, title_align="left")


def render(report: Report, console: Console) -> None:
    for film in report.films:
        console.print(render_film(film))
    if report.rejected:
        table = Table(title="Rejected", title_justify="left")
        for column in ("path", "stage", "reason"):
            table.add_column(column)
        for r in report.rejected:
            table.add_row(r.path, r.stage, r.reason)
        console.print(table)
    console.print(
        f"{report.n_inputs} inputs, {len(report.documents)} documents read, "
        f"{len(report.films)} films, {len(report.rejected)} rejected"
    )
