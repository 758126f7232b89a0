"""HTML and Markdown to plain text.

HTML goes through trafilatura (main text and page metadata). Trafilatura drops some
structures that carry facts, such as infobox tables and definition lists ("Directed by |
Jacques Audiard"), so those pairs are harvested separately and appended as "Key: value"
lines when the main text does not already contain them. When trafilatura finds nothing
(tiny or unusual pages), a plain tag-stripper takes over.

Two things only show once the markup is read: mojibake written as character references
("St&Atilde;&copy;phanie"), which the repair before extraction cannot see, and the site name
at the end of the <title> ("X review | Reel Northern"), which trafilatura cuts off its title.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, replace

import lxml.html
import trafilatura
from lxml import etree

from critica.clean.decode import repair_mojibake
from critica.clean.pagemeta import PageFacts, clean_author, iso_day, page_facts
from critica.records import PageMetadata

_HTML_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)
_TAG = re.compile(r"</?(?:p|div|span|a|br|li|ul|table|tr|td|h[1-6]|article|section|nav|img)\b", re.I)

_BLOCK_TAGS = frozenset(str.split(
    "p div br li ul ol table tr h1 h2 h3 h4 h5 h6 article section header footer blockquote "
    "dd dt dl pre figure figcaption main aside"
))
# "head" too: its <title> is metadata, and a page cut off before <body> has no text at all
_NOISE_TAGS = ("head", "script", "style", "noscript", "nav", "header", "footer", "aside", "form",
               "iframe", "svg", "button", "template")

_LIST_ITEM = re.compile(r"^- (?=\S)", re.M)
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\|?\s*(?:-{3,}\s*\|\s*)+-*\s*\|?\s*$")


@dataclass(frozen=True)
class MarkupText:
    """Text extracted from markup, with what the page says about itself."""

    text: str
    metadata: PageMetadata
    extractor: str  # "trafilatura", "tag-stripper" or "markdown"
    problem: str | None = None  # why the page holds no usable text, when it does not


def looks_like_html(text: str) -> bool:
    """Sniff HTML in a document that was not named .html (saved pages, pasted source)."""
    head = text[:2000]
    if _HTML_SNIFF.search(head):
        return True
    tags = len(_TAG.findall(text[:20000]))
    return tags >= 8 and tags * 40 > min(len(text), 20000)


def _clean_cell(text: str) -> str:
    return " ".join(text.split())


def _table_lines(text: str) -> str:
    """Trafilatura renders tables as "| a | b |" rows: make two-cell rows "a: b" lines."""
    out: list[str] = []
    for line in text.split("\n"):
        if _TABLE_RULE.match(line.strip()):
            continue
        row = _TABLE_ROW.match(line.strip())
        if not row:
            out.append(line)
            continue
        cells = [c.strip() for c in row.group(1).split("|") if c.strip()]
        if len(cells) == 2 and len(cells[0].split()) <= 5:
            out.append(f"{cells[0].rstrip(':')}: {cells[1]}")
        elif cells:
            out.append(" | ".join(cells))
    return "\n".join(out)


def _pairs_from_tree(tree: lxml.html.HtmlElement) -> list[str]:
    """Key/value pairs of infobox-like tables and definition lists, as "Key: value" lines."""
    pairs: list[str] = []
    for row in tree.iter("tr"):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("th", "td")]
        if len(cells) != 2:
            continue
        key, value = (_clean_cell(c.text_content()) for c in cells)
        if key and value and len(key.split()) <= 5 and len(value) <= 300:
            pairs.append(f"{key.rstrip(':')}: {value}")
    for dl in tree.iter("dl"):
        term: str | None = None
        for child in dl:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "dt":
                term = _clean_cell(child.text_content())
            elif child.tag == "dd" and term:
                value = _clean_cell(child.text_content())
                if value and len(term.split()) <= 5:
                    pairs.append(f"{term.rstrip(':')}: {value}")
    return pairs


# A credits box in an <aside> ("Director: X", "Runtime: 98 minutes", "Rated PG-13 for ...",
# "In theaters: October 22, 2021"): trafilatura drops asides as page furniture.
_ASIDE_FACT = re.compile(r"^(?:[A-Z][\w .'’/&()-]{1,30}:\s*\S.{0,200}|Rated\s+[A-Z0-9].{0,150})$")


def _aside_facts(tree: lxml.html.HtmlElement) -> list[str]:
    """Short "Key: value" lines of <aside> boxes, kept when the main text lacks them."""
    lines: list[str] = []
    for aside in tree.iter("aside"):
        for node in aside.iter("p", "li", "div", "span", "dd", "h3", "h4"):
            if any(isinstance(c.tag, str) and c.tag in ("p", "li", "div") for c in node):
                continue  # a wrapper: its children are read one by one
            line = _clean_cell(node.text_content())
            if _ASIDE_FACT.match(line):
                lines.append(line)
    return lines


def _strip_tags(tree: lxml.html.HtmlElement) -> str:
    """A plain fallback: drop scripts and page chrome, keep block structure as newlines."""
    for bad in tree.xpath("|".join(f"//{t}" for t in _NOISE_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    body = tree.find("body")
    root = body if body is not None else tree
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(node.tail)
            return
        block = node.tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _head_title(tree: lxml.html.HtmlElement | None) -> str | None:
    if tree is None:
        return None
    found = tree.findtext(".//title")
    return " ".join(found.split()) if found and found.strip() else None


# A character reference followed by up to three more (or plain characters): where mojibake
# written as entities hides ("&Atilde;&copy;", "&#195;&#169;", "&acirc;&#128;&#153;").
_REF = r"&(?:#\d{2,5}|#[xX][0-9a-fA-F]{2,4}|[A-Za-z]{2,8});"
_REF_RUN = re.compile(rf"{_REF}(?:{_REF}|[^\s&<]){{1,3}}")


def has_entity_mojibake(markup: str) -> bool:
    """True when a run of character references decodes to mojibake the repair would undo."""
    return any(repair_mojibake(htmllib.unescape(m.group(0)))[1] for m in _REF_RUN.finditer(markup))


def _repaired(text: str, metadata: PageMetadata) -> tuple[str, PageMetadata]:
    def fix(value: str | None) -> str | None:
        return repair_mojibake(value)[0] if value else value

    return fix(text) or "", replace(
        metadata, title=fix(metadata.title), author=fix(metadata.author),
        site_name=fix(metadata.site_name),
    )


# Separators between a headline and the site name in a <title>.
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||::|·|•|»|-|–|—)\s+")
_GENERIC_SUFFIX = re.compile(
    r"(?i)^(?:(?:the\s+)?(?:film|movie|dvd|blu-?ray|tv|book)?\s*(?:reviews?|criticism|news|blog)"
    r"|films?|movies?|cinema|home|trailers?|official site|full review|(?:page|part)\s*\d+"
    r"|\d+\s*stars?|spoilers?|synopsis|summary|plot|cast|opinion|culture|arts|entertainment)$"
)


def title_site_name(page_title: str | None, headline: str | None, body: str) -> str | None:
    """The site name at the end of a page title ("Amour review | Reel Northern").

    Conservative, since a dash also separates subtitles ("X review – a tender melodrama") and
    a title may end with the film or a person ("Film Review – Amour"): the last part must be
    short and name-like, not a generic section word, not the headline, and absent from the
    main text (a page's own name rarely appears in its article; the film's always does).
    """
    if not page_title:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(" ".join(page_title.split()))]
    if len(parts) < 2 or not parts[-1] or not parts[0]:
        return None
    name = parts[-1]
    words = name.split()
    if (len(words) > 5 or name[0].islower() or not any(c.isalpha() for c in name)
            or re.search(r"\(\d{4}\)|[:!?,]|\.$", name) or _GENERIC_SUFFIX.match(name)):
        return None
    folded = name.casefold()
    if headline and folded in headline.casefold():
        return None
    if folded in body.casefold():
        return None
    return name


def _links_only(tree: lxml.html.HtmlElement | None, text: str) -> bool:
    """True when every letter of a short extracted text sits inside a link: a navigation page."""
    if tree is None or len(text) > 2000 or not text.strip():
        return False
    rest = " ".join(text.split())
    links = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    for link in sorted((x for x in links if x), key=len, reverse=True):
        rest = rest.replace(link, " ")
    return not any(c.isalpha() for c in rest)


def html_to_text(html: str) -> MarkupText:
    """Main text and metadata of an HTML page; facts in tables and lists are kept."""
    result = None
    try:
        result = trafilatura.bare_extraction(
            html, include_tables=True, include_comments=False, with_metadata=True,
            favor_recall=True,
            # no date search in the body text: the dates there are the film's, not the page's
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - trafilatura raises many types on odd markup
        result = None
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    tree = _parse(html)
    own = page_facts(tree) if tree is not None else PageFacts()
    if text:
        # trafilatura writes list items as "- item"; a bare "Director: X" line reads better
        text = _LIST_ITEM.sub("", _table_lines(text))
        extractor = "trafilatura"
        guessed_date = iso_day(getattr(result, "date", None))
        metadata = PageMetadata(
            title=getattr(result, "title", None) or _head_title(tree),
            author=own.author or clean_author(getattr(result, "author", None)),
            published=own.published or (
                guessed_date if guessed_date not in own.film_dates else None),
            site_name=own.site_name or getattr(result, "sitename", None),
        )
    else:
        fresh = _parse(html)  # the stripper edits its tree; keep ``tree`` whole for pairs
        text = _strip_tags(fresh) if fresh is not None else ""
        extractor = "tag-stripper"
        metadata = PageMetadata(
            title=_head_title(tree), author=own.author, published=own.published,
            site_name=own.site_name,
        )
    if tree is not None:
        flat = " ".join(text.split())
        extra = [p for p in _pairs_from_tree(tree) if p.split(": ", 1)[1] not in flat]
        extra += [line for line in _aside_facts(tree) if line not in flat]
        if extra:
            text = text + "\n\n" + "\n".join(dict.fromkeys(extra))
    if metadata.site_name is None:
        # og:site_name and JSON-LD are absent; trafilatura cut the name off the title
        headline = tree.findtext(".//h1") if tree is not None else None
        metadata = replace(metadata, site_name=title_site_name(
            _head_title(tree), " ".join((headline or metadata.title or "").split()), text))
    if has_entity_mojibake(html):
        text, metadata = _repaired(text, metadata)
    if not any(c.isalpha() for c in text):
        return MarkupText("", metadata, extractor, "no words in the HTML: only markup, scripts, "
                          "digits or symbols, or the page was cut off before its body")
    if _links_only(tree, text):
        return MarkupText("", metadata, extractor,
                          "only navigation: every word of the page is a link, no article text")
    return MarkupText(text, metadata, extractor)


# --- Markdown -------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_FRONT_FIELD = re.compile(r"^(\w+)\s*:\s*[\"']?(.*?)[\"']?\s*$")
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$", re.M), ""),  # reference link definitions
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images: alt text is rarely prose
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.M), ""),  # horizontal rules
    (re.compile(r"^\s{0,3}(?:=+|-+)\s*$", re.M), ""),  # setext underlines
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # blockquotes
    (re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+", re.M), r"\1"),  # list markers
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),  # *italic*
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),  # _italic_
    (re.compile(r"`{1,3}([^`]*)`{1,3}"), r"\1"),  # code
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
)


_BLOCK_START = re.compile(
    r"^\s{0,3}(?:#|>|[-*+]\s|\d+[.)]\s|```|~~~|\||!\[|\[[^\]]+\]:|(?:[-*_]\s*){3,}$|(?:=+|-+)\s*$)"
)
_KEYISH = re.compile(r"^[*_]*[A-Za-z][\w .'’()/&-]{0,40}?[*_]*\s*:[*_]*(?:\s|$)")


def _unwrap_paragraphs(text: str) -> str:
    """Join soft-wrapped paragraph lines (one paragraph renders as one line in Markdown),
    so a sentence is never split across lines; lists, headings and "Key: value" lines stay."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        prev = out[-1] if out else ""
        if (
            not fenced and line.strip() and prev.strip()
            and not _BLOCK_START.match(line) and not _BLOCK_START.match(prev)
            and not prev.endswith("  ")
            and not _KEYISH.match(line) and not _KEYISH.match(prev)
        ):
            out[-1] = prev.rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def markdown_to_text(text: str) -> MarkupText:
    """Strip Markdown markup to plain text; YAML front matter becomes metadata."""
    fields: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).split("\n"):
            match = _FRONT_FIELD.match(line)
            if match:
                fields[match.group(1).lower()] = match.group(2)
        text = text[front.end():]
    text = _unwrap_paragraphs(text)
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    metadata = PageMetadata(
        title=fields.get("title") or None,
        author=fields.get("author") or None,
        published=_iso_date(fields.get("date")),
        site_name=fields.get("site") or fields.get("site_name") or None,
    )
    return MarkupText(text, metadata, "markdown")


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"(\d{4}-\d{2}-\d{2})", value.strip())
    return match.group(1) if match else None
