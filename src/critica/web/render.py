"""Templates and the view models they fill: a film page, a document page, the film list.

Views are built from a film's JSON report (what ``critica analyze --json`` writes), so any
field the pipeline adds shows up: known ones in their own section, the rest under "More".
Jinja autoescaping is on for every template: document text is always data, never markup.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from critica.store.search import MARK_END, MARK_START
from critica.web.charts import histogram, timeline

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

templates = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)

# Film JSON keys each section of the page shows; any other key goes under "More".
_SHOWN_FILM_KEYS = {
    "title", "original_title", "year", "slug", "variants", "documents", "facts", "conflicts",
    "reviews", "reported_aggregates", "aggregate", "aspects", "spoilers", "links",
    "catalogue_id",
}
_SHOWN_AGGREGATE_KEYS = {
    "n_reviews", "n_positive", "percent_positive", "interval95", "interval_method",
    "mean_score", "band", "consensus", "consensus_sources", "badges", "consensus_claims",
}


def marked(snippet: str) -> Markup:
    """A search snippet: escaped, then its hit markers turned into <mark>."""
    return Markup(
        str(escape(snippet)).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def script_json(data: Any) -> Markup:
    """JSON safe inside <script>: no "</script>", "<!--" or "&" can close or confuse it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def fmt(value: Any, digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}" if digits else f"{round(value):d}"
    return str(value)


def pretty(value: Any) -> str:
    """A fact value or any JSON value as one readable line."""
    if isinstance(value, dict):
        if "actor" in value:
            return f"{value['actor']} as {value['character']}" if value.get("character") else str(
                value["actor"])
        if "date" in value:
            where = ", ".join(str(value[k]) for k in ("region", "event") if value.get(k))
            return f"{value['date']} ({where})" if where else str(value["date"])
        if "text" in value and value.get("text"):
            return str(value["text"])
        return ", ".join(f"{k}: {pretty(v)}" for k, v in value.items() if v not in (None, "", []))
    if isinstance(value, list):
        return "; ".join(pretty(v) for v in value)
    return fmt(value, 1) if isinstance(value, float) else str(value)


def label(name: str) -> str:
    return name.replace("_", " ").capitalize()


templates.filters.update(fmt=fmt, pretty=pretty, label=label, marked=marked)
templates.globals.update(script_json=script_json)


# --- film page -----------------------------------------------------------------------------


def json_ld(film: dict[str, Any], base_url: str) -> dict[str, Any]:
    """schema.org Movie with its AggregateRating and each CriticReview."""
    agg = film.get("aggregate") or {}
    movie: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": film.get("title"),
        "url": f"{base_url}/films/{film.get('slug')}",
    }
    if film.get("original_title") and film["original_title"] != film.get("title"):
        movie["alternateName"] = film["original_title"]
    if film.get("year"):
        movie["dateCreated"] = str(film["year"])
    facts = film.get("facts") or {}
    directors = [e["value"] for e in facts.get("directors", []) if isinstance(e.get("value"), str)]
    if directors:
        movie["director"] = [{"@type": "Person", "name": d} for d in directors]
    actors = [e["value"].get("actor") for e in facts.get("cast", [])
              if isinstance(e.get("value"), dict)]
    if actors:
        movie["actor"] = [{"@type": "Person", "name": a} for a in actors if a]
    if agg.get("mean_score") is not None and agg.get("n_reviews"):
        movie["aggregateRating"] = {
            "@type": "AggregateRating", "ratingValue": agg["mean_score"], "bestRating": 100,
            "worstRating": 0, "ratingCount": agg["n_reviews"], "reviewCount": agg["n_reviews"],
        }
    reviews = []
    for r in film.get("reviews") or []:
        review: dict[str, Any] = {"@type": "CriticReview"}
        if r.get("score") is not None:
            review["reviewRating"] = {
                "@type": "Rating", "ratingValue": round(r["score"]), "bestRating": 100,
                "worstRating": 0,
            }
        if r.get("critic"):
            review["author"] = {"@type": "Person", "name": r["critic"]}
        if r.get("outlet"):
            review["publisher"] = {"@type": "Organization", "name": r["outlet"]}
        if r.get("published"):
            review["datePublished"] = r["published"]
        if r.get("quote"):
            review["reviewBody"] = r["quote"]
        reviews.append(review)
    if reviews:
        movie["review"] = reviews
    return movie


@dataclass(frozen=True)
class ReviewCard:
    review: dict[str, Any]
    document_url: str | None
    reported_in_url: str | None


def film_view(film: dict[str, Any], doc_urls: dict[str, str], base_url: str) -> dict[str, Any]:
    """Everything film.html needs, computed once per film version (the page is cached)."""
    agg = film.get("aggregate") or {}
    reviews = list(film.get("reviews") or [])
    cards = [
        ReviewCard(r, doc_urls.get(r.get("path") or ""),
                   doc_urls.get(r.get("reported_in") or ""))
        for r in sorted(reviews, key=lambda r: (r.get("reported_in") is not None,
                                                 -(r.get("score") or -1)))
    ]
    aspects = film.get("aspects") or agg.get("aspects") or []
    return {
        "film": film,
        "agg": agg,
        "cards": cards,
        "histogram": histogram([r.get("score") for r in reviews]),
        "timeline": timeline([(r.get("published"), r.get("score"), r.get("verdict"),
                               r.get("outlet") or r.get("critic")) for r in reviews]),
        "badges": agg.get("badges") or film.get("badges") or [],
        "claims": agg.get("consensus_claims") or film.get("consensus_claims") or [],
        "aspects": aspects if isinstance(aspects, list) else [],
        "spoilers": film.get("spoilers") or [],
        "more": {k: v for k, v in film.items() if k not in _SHOWN_FILM_KEYS and v not in
                 (None, [], {}, "")},
        "more_aggregate": {k: v for k, v in agg.items() if k not in _SHOWN_AGGREGATE_KEYS
                           and v not in (None, [], {}, "")},
        "doc_urls": doc_urls,
        "json_ld": json_ld(film, base_url),
    }


# --- document page -------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    labels: tuple[str, ...]  # empty: plain text


def evidence_of(film: dict[str, Any] | None, path: str) -> Iterator[tuple[str, str, int | None]]:
    """(label, quote, start) for every quote in the film's report read from this document."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, str, int | None]]:
        if isinstance(node, dict):
            quote = node.get("quote")
            source = node.get("reported_in") or node.get("path")
            if isinstance(quote, str) and quote and source == path:
                start = node.get("start") if isinstance(node.get("start"), int) else None
                yield where, quote, start
            for key, value in node.items():
                if key not in ("quote", "path"):
                    yield from walk(value, f"{where}.{key}" if where else key)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, where)

    if film:
        yield from walk(film, "")


def highlight(text: str, evidence: list[tuple[str, str, int | None]]) -> list[Segment]:
    """The text cut into segments, each with the labels of the evidence covering it."""
    spans: list[tuple[int, int, str]] = []
    for where, quote, start in evidence:
        if start is None or text[start: start + len(quote)] != quote:
            start = text.find(quote)
        if start >= 0:
            spans.append((start, start + len(quote), _evidence_label(where)))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    segments: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        labels = tuple(sorted({lab for s, e, lab in spans if s <= a and b <= e}))
        if segments and segments[-1].labels == labels:
            segments[-1] = Segment(segments[-1].text + text[a:b], labels)
        else:
            segments.append(Segment(text[a:b], labels))
    return segments


def _evidence_label(where: str) -> str:
    parts = [p for p in where.split(".") if p not in ("sources", "evidence")]
    if parts[:1] == ["facts"] and len(parts) > 1:
        return f"fact: {parts[1]}"
    return " ".join(parts) or "evidence"
