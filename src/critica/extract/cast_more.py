"""Cast in the shapes ``cast.read_cast`` leaves: the character named first, voice casts, and
cast tables.

    "Odile, played by Hélène Marchal, ..."         -> (Hélène Marchal, Odile)
    "Pip (voiced by Nora Quill)"                    -> (Nora Quill, Pip)
    "Nora Quill, who voices the girl Pip, ..."      -> (Nora Quill, Pip)
    "Idris Vane voices Mr Ember"                    -> (Idris Vane, Mr Ember)
    "| Actor | Role |" then "| Nora Quill | Pip |"   -> (Nora Quill, Pip)   (Markdown, or the tab
                                                       cells of an HTML table)
"""

from __future__ import annotations

import re

from critica.extract.context import Context
from critica.extract.people import leading_name, trailing_name
from critica.extract.spans import lines
from critica.records import CastMember

_PLAYED_BY = re.compile(r"(?:,\s+|\s+\(\s*)(?:who\s+is\s+|is\s+)?(?:played|voiced|portrayed)\s+by\s+"
                        r"(?=[A-Z])")
_VOICES = re.compile(
    r"(?P<actor>(?<![\w’'])[A-Z][^\W\d_]+(?:[ -](?:[A-Z][^\W\d_'’]+|de|van|von|da|di|le))"
    r"{1,3}),?\s+(?:who\s+)?(?:voices|voiced|lends\s+(?:her|his|their)\s+voice\s+to)\s+"
    r"(?:(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,3})?(?=[A-Z])")
_HEADER_ACTOR = re.compile(r"^(?:actor|actors|cast|performer|player|name|voice(?:\s+cast)?)$", re.I)
_HEADER_ROLE = re.compile(r"^(?:role|roles|character|characters|as|part)$", re.I)
# A table header naming an actor column and a role column, in either order.
_HEADER_LINE = re.compile(
    r"(?im)^[|\s]*(?:actor|actors|cast|performer|player|name|voice(?:\s+cast)?)\s*(?:\||\t)"
    r".*\b(?:role|roles|character|characters|as|part)\b|^[|\s]*(?:role|roles|character|characters|"
    r"part)\s*(?:\||\t).*\b(?:actor|actors|cast|performer|player)\b")
_CELLS = re.compile(r"\s*\|\s*|\t+")


def read_more_cast(ctx: Context) -> None:
    text = ctx.text
    if "played by" in text or "voiced by" in text or "portrayed by" in text:
        for sent in ctx.sentences:
            if "ed by" not in sent.text:
                continue
            for m in _PLAYED_BY.finditer(sent.text):
                role = trailing_name(sent.text[: m.start()])
                actor = leading_name(sent.text[m.end():], min_tokens=2)
                if role and actor and role.name != actor.name:
                    ctx.add("cast", CastMember(actor.name, role.name), sent)
    if "voice" in text:
        for sent in ctx.sentences:
            if "voice" not in sent.text and "lends" not in sent.text:
                continue
            for m in _VOICES.finditer(sent.text):
                role = leading_name(sent.text[m.end():], max_tokens=3)
                if role:
                    ctx.add("cast", CastMember(m.group("actor"), role.name), sent)
    if ("|" in text or "\t" in text) and _HEADER_LINE.search(text):
        _tables(ctx)


def _tables(ctx: Context) -> None:
    columns: tuple[int, int] | None = None
    for span in lines(ctx.text):
        cells = [c.strip() for c in _CELLS.split(span.text.strip().strip("|"))]
        if len(cells) < 2:
            columns = None
            continue
        actor_col = next((i for i, c in enumerate(cells) if _HEADER_ACTOR.match(c)), None)
        role_col = next((i for i, c in enumerate(cells) if _HEADER_ROLE.match(c)), None)
        if actor_col is not None and role_col is not None:
            columns = (actor_col, role_col)
            continue
        if columns is None:
            continue
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue  # the Markdown rule under the header
        if max(columns) >= len(cells):
            columns = None
            continue
        cell = cells[columns[0]].strip("*_ ")
        actor = leading_name(cell, min_tokens=2)
        role = cells[columns[1]].strip("*_ ")
        if actor is None or actor.end != len(cell) or not role:
            columns = None
            continue
        ctx.add("cast", CastMember(actor.name, role if role[:1].isupper() else None), span)
