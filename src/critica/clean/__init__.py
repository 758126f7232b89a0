"""clean: bytes of one document to the main text every later stage quotes from.

    RawDocument -> decode (BOM, UTF-8, detection; mojibake repair)
                -> markup (HTML via trafilatura, Markdown stripped) or plain text
                -> line filter (boilerplate out, "Key: value" facts kept)
                -> CleanDocument, or a Rejection with stage "clean"

The cleaned text keeps characters inside lines exactly as decoded (curly quotes, non-breaking
spaces), because quotes taken from it must be exact substrings; only line endings, trailing
spaces and runs of blank lines are normalised.
"""

from __future__ import annotations

import hashlib
import re

from critica.clean.decode import binary_problem, control_ratio, decode_bytes, repair_mojibake
from critica.clean.lines import LineDecision, decide_lines, filter_lines
from critica.clean.markup import html_to_text, looks_like_html, markdown_to_text
from critica.records import CleanDocument, PageMetadata, RawDocument, Rejection

__all__ = ["clean", "decide_lines", "filter_lines", "LineDecision", "normalise_text"]

_MAX_CONTROL_RATIO = 0.05  # more than this share of control characters is not prose
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """Unify line endings, strip trailing spaces, collapse runs of blank lines into one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def clean(raw: RawDocument) -> CleanDocument | Rejection:
    """Decode ``raw``, extract its main text, drop boilerplate; a Rejection says why not."""

    def reject(reason: str) -> Rejection:
        return Rejection(path=raw.path, stage="clean", reason=reason)

    data = raw.data
    if not data.strip():
        return reject("empty document: no text, only whitespace or nothing at all")
    problem = binary_problem(data)
    if problem:
        return reject(problem)
    decoded = decode_bytes(data, html=raw.media_type == "html")
    if decoded.text is None:
        return reject(decoded.problem or "undecodable bytes")
    ratio = control_ratio(decoded.text)
    if ratio > _MAX_CONTROL_RATIO:
        return reject(f"binary data: {ratio:.0%} of the characters are control characters")
    text, _ = repair_mojibake(decoded.text)
    text = normalise_text(text)
    if not text.strip():
        return reject("empty document: only whitespace after decoding")
    if not any(c.isalpha() for c in text):
        return reject("no letters: the text holds only digits, punctuation or symbols")

    media = raw.media_type
    if media == "text" and looks_like_html(text):
        media = "html"
    metadata = PageMetadata()
    if media == "html":
        extracted = html_to_text(text)
        if extracted.problem:
            return reject(extracted.problem)
        text, metadata = normalise_text(extracted.text), extracted.metadata
    elif media == "markdown":
        extracted = markdown_to_text(text)
        text, metadata = normalise_text(extracted.text), extracted.metadata

    text, removed = filter_lines(text)
    text = normalise_text(text)
    if not any(c.isalpha() for c in text):
        return reject(
            f"nothing left after removing boilerplate ({len(removed)} lines removed); "
            "the page may be a navigation or error page"
        )
    return CleanDocument(
        path=raw.path,
        text=text,
        encoding=decoded.encoding,
        media_type=media,
        removed_lines=removed,
        metadata=metadata,
        content_hash=hashlib.sha256(data).hexdigest(),
    )
