"""identify: which film each document is about, and which documents are about one film.

    identify(doc)          -> Identity (weighted title/year candidates, credited people) | Rejection
    cluster(identities)    -> tuple[FilmGroup, ...]
    normalize_title(title) -> matching key ("The Rust & Bone" -> "rust and bone")
    slugify(title, year)   -> "rust-and-bone-2012"
"""

from critica.identify.document import identify
from critica.identify.grouping import cluster
from critica.identify.normalize import normalize_title, slugify

__all__ = ["cluster", "identify", "normalize_title", "slugify"]
