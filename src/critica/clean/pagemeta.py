"""What an HTML page says about itself: site name, author, publication date.

Read from the page's own metadata, in order of trust: JSON-LD objects of an article type
(Review, NewsArticle, BlogPosting ...), then Open Graph and article meta tags
(og:site_name, article:published_time), then the common name="author" / "date" tags.
Trafilatura guesses these too, but its date search also reads dates in the body and in
JSON-LD Movie objects, which are the FILM's release dates, not the page's; the dates of
Movie objects are collected here so the caller can refuse them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html

_ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "review", "criticreview", "blogposting", "reportagenewsarticle",
    "opinionnewsarticle", "analysisnewsarticle", "reviewnewsarticle", "socialmediaposting",
    "webpage", "itempage", "scholarlyarticle", "posting",
})
_FILM_TYPES = frozenset({"movie", "creativework", "videoobject", "tvseries", "event",
                         "screeningevent"})
_SITE_TAGS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_DATE_TAGS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dc.date", "dcterms.created", "date",
)
_AUTHOR_TAGS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                "byl", "twitter:creator")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_URLISH = re.compile(r"^(?:https?://|www\.|@)|\.(?:com|org|net|co\.uk)\b|/", re.I)
_ROLE = re.compile(
    r"(?i)^(?:(?:senior|chief|lead|contributing|staff|guest|film|movie|tv|associate|deputy|"
    r"managing|features?|arts|culture|entertainment)\s+)*(?:critic|reviewer|writer|editor|"
    r"correspondent|contributor|reporter|columnist)s?$"
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:[;|,]|\band\b|&)\s*")


@dataclass(frozen=True)
class PageFacts:
    site_name: str | None = None
    author: str | None = None
    published: str | None = None  # ISO day
    film_dates: frozenset[str] = frozenset()  # datePublished of Movie objects: never the page's


def iso_day(value: str | None) -> str | None:
    """"2013-01-18T09:30:00+00:00" -> "2013-01-18"; None for anything without a full ISO day."""
    if not value:
        return None
    match = _ISO_DAY.match(value)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1880 <= year <= 2100):
        return None
    return match.group(0).strip()


def clean_author(value: str | None) -> str | None:
    """"By Tom Okafor, Film Critic" -> "Tom Okafor"; URLs and bare roles are not names."""
    if not value:
        return None
    text = " ".join(value.split())
    text = re.sub(r"(?i)^(?:posted\s+|written\s+|reviewed\s+)?by\s+", "", text)
    names = []
    for part in _AUTHOR_SPLIT.split(text):
        part = part.strip(" .:-–—")
        if not part or _URLISH.search(part) or _ROLE.match(part) or any(c.isdigit() for c in part):
            continue
        if not part[0].isupper() or len(part.split()) > 5:
            continue
        names.append(part)
    return " and ".join(dict.fromkeys(names)) or None


def _type_names(obj: dict[str, object]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _ld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, object]]:
    """Top-level JSON-LD objects and members of @graph (not nested ones such as itemReviewed)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue  # broken JSON-LD is common; the meta tags may still say it
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict):
                continue
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (g for g in graph if isinstance(g, dict))
            else:
                yield item


def _name_of(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value) if n]
        return "; ".join(names) or None
    return None


def _film_dates(obj: dict[str, object]) -> set[str]:
    dates: set[str] = set()
    if _type_names(obj) & _FILM_TYPES:
        for key in ("datePublished", "dateCreated", "startDate"):
            day = iso_day(str(obj.get(key) or ""))
            if day:
                dates.add(day)
    for value in obj.values():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                dates |= _film_dates(child)
    return dates


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            tags.setdefault(key, content)
    return tags


def page_facts(tree: lxml.html.HtmlElement) -> PageFacts:
    """Site name, author and publication date a page's metadata states (None when it does not)."""
    site = author = published = None
    film_dates: set[str] = set()
    website_name = None
    for obj in _ld_objects(tree):
        film_dates |= _film_dates(obj)
        types = _type_names(obj)
        if "website" in types and website_name is None:
            website_name = _name_of(obj.get("name"))
        if not types & _ARTICLE_TYPES:
            continue
        published = published or iso_day(str(obj.get("datePublished") or ""))
        author = author or clean_author(_name_of(obj.get("author")))
        site = site or _name_of(obj.get("publisher"))
    tags = _meta_tags(tree)
    site = site or next((tags[t] for t in _SITE_TAGS if t in tags), None) or website_name
    if published is None:
        published = next((d for d in (iso_day(tags.get(t)) for t in _DATE_TAGS) if d), None)
    if author is None:
        author = next((a for a in (clean_author(tags.get(t)) for t in _AUTHOR_TAGS) if a), None)
    if published in film_dates and not any(iso_day(tags.get(t)) == published for t in _DATE_TAGS[:2]):
        published = None  # a Movie's release date, unless an article tag says so too
    return PageFacts(site.strip() if site else None, author, published, frozenset(film_dates))
