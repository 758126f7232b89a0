"""What every fact reader shares about one document: its text split into evidence spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from critica.classify import lower_for_patterns
from critica.extract.people import NameMatch, iter_full_names
from critica.extract.spans import KeyLine, Span, key_lines, needle_fold, sentences
from critica.records import ClassifiedDocument, Evidence, Fact, FactValue

# Header keys of credit blocks ("Director: X") -> the field they state. Phrases are "|"-separated.
_KEYS: dict[str, str] = {
    "directors": "director|directors|directed by|direction|dir.|réalisation",
    "writers": "writer|writers|written by|screenplay|screenplay by|screenwriter|screenwriters|"
               "script|script by|writing credits|story by",
    "producers": "producer|producers|produced by",
    "composer": "music|music by|composer|composers|original music|original music by|score|"
                "original score|score by|music composed by",
    "cast": "cast|starring|stars|main cast|featuring|cast members|principal cast|voices",
    "runtime_min": "running time|runtime|run time|duration|running length|length",
    "mpaa_rating": "rated|rating|mpaa rating|mpaa|mpa rating|certificate|certification|bbfc|"
                   "bbfc rating|classification|age rating|parental rating",
    "release_dates": "release date|release dates|released|release|theatrical release|"
                     "in theaters|in theatres|in cinemas|opening date|dvd release|"
                     "dvd release date|blu-ray release date|blu-ray release|"
                     "home video release|street date",
    "budget": "budget|estimated budget|production budget",
    "box_office": "box office|box-office|gross|worldwide gross|earned|grossed|takings|"
                  "domestic gross|us gross|cumulative worldwide gross|total gross|"
                  "gross worldwide|gross us & canada",
    "production_companies": "production company|production companies|studio|studios|"
                            "production co",
    "distributors": "distributor|distributors|distributed by|distribution|label",
    "countries": "country|countries|country of origin|countries of origin",
    "languages": "language|languages|original language|spoken language",
    "based_on": "based on|source material|adapted from",
    "awards": "awards|award|accolades",
}
KEY_FIELDS: dict[str, str] = {
    phrase: name for name, phrases in _KEYS.items() for phrase in phrases.split("|")
}

# Region prefixes a key may carry: "U.S. release date", "UK release date".
_REGION_PREFIX = re.compile(
    r"^(?P<region>u\.s\.|us|usa|u\.k\.|uk|uk & ireland|french|france|german|canadian|"
    r"australian|british|american|north american|international|worldwide|domestic)\s+(?P<rest>.+)$"
)


def split_key(key: str) -> tuple[str, str | None]:
    """("u.s. release date") -> ("release date", "u.s.")."""
    if key in KEY_FIELDS:
        return key, None
    m = _REGION_PREFIX.match(key)
    if m and m.group("rest") in KEY_FIELDS:
        return m.group("rest"), m.group("region")
    return key, None


def _known_keys() -> frozenset[str]:
    known = set(KEY_FIELDS)
    prefixes = ["u.s.", "us", "usa", "u.k.", "uk", "french", "british", "american",
                "north american", "international", "worldwide", "domestic", "canadian",
                "australian", "german", "france"]
    for k in list(KEY_FIELDS):
        if KEY_FIELDS[k] in ("release_dates", "box_office", "distributors", "mpaa_rating"):
            known.update(f"{p} {k}" for p in prefixes)
    return frozenset(known)


KNOWN_KEYS = _known_keys()


@dataclass
class Context:
    """One document's text, its sentences and key lines, and the facts read so far."""

    doc: ClassifiedDocument
    sentences: list[Span] = field(default_factory=list)
    keys: list[KeyLine] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    _full_names: list[NameMatch] | None = None
    _unkeyed: list[Span] | None = None
    # lower_for_patterns(text): lets readers run lower_twin patterns (speed only)
    lowered: str | None = None
    # every fact add() has appended, for a quick "not there yet" (a reader may remove facts)
    _added: set[Fact] = field(default_factory=set)
    _keyed: dict[str, list[tuple[KeyLine, str | None]]] | None = None

    @classmethod
    def of(cls, doc: ClassifiedDocument) -> Context:
        text = doc.text
        return cls(doc, sentences(text), key_lines(text, KNOWN_KEYS),
                    lowered=lower_for_patterns(text))

    def lower(self, span: Span) -> str | None:
        """``span``'s text as lower_for_patterns gives it, for a lower_twin pattern; None when
        the document needs the IGNORECASE pattern."""
        return None if self.lowered is None else self.lowered[span.start:span.end]

    def folded(self, span: Span) -> str:
        """``span``'s text for a needle test before an IGNORECASE pattern: whatever the pattern
        matches, its lower-case letters are in here (see spans.needle_fold)."""
        lowered = self.lower(span)
        return lowered if lowered is not None else needle_fold(span.text)

    def finditer(self, pattern: re.Pattern[str], twin: re.Pattern[str],
                 span: Span) -> Iterator[re.Match[str]]:
        """``pattern.finditer(span.text)``, through ``twin`` (its lower_twin) when the document
        allows: the same matches at the same offsets, their group texts in lower case."""
        lowered = self.lower(span)
        return twin.finditer(lowered) if lowered is not None else pattern.finditer(span.text)

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def path(self) -> str:
        return self.doc.path

    def keyed(self, fieldname: str) -> list[tuple[KeyLine, str | None]]:
        """Key lines stating ``fieldname``, each with the region prefix of its key."""
        if self._keyed is None:  # sorted by field once per document
            self._keyed = {}
            for kl in self.keys:
                base, region = split_key(kl.key)
                name = KEY_FIELDS.get(base)
                if name is not None:
                    self._keyed.setdefault(name, []).append((kl, region))
        return list(self._keyed.get(fieldname, ()))

    def add(self, fieldname: str, value: FactValue, quote: Span | str) -> None:
        text = quote.text if isinstance(quote, Span) else quote
        text = text.strip()
        if not text or text not in self.text:
            return  # never emit a quote that is not in the document
        fact = Fact(fieldname, value, Evidence(self.path, text))
        if fact in self._added and fact in self.facts:
            return
        self._added.add(fact)
        self.facts.append(fact)

    def unkeyed_sentences(self) -> list[Span]:
        """The sentences that do not start inside a key line (the readers take key lines with
        their keys), computed once per document."""
        if self._unkeyed is None:
            self._unkeyed = [s for s in self.sentences
                             if not any(kl.quote.start <= s.start < kl.quote.end for kl in self.keys)]
        return self._unkeyed

    def full_names(self) -> list[NameMatch]:
        """Every run of two or more name words in the text, computed once per document."""
        if self._full_names is None:
            self._full_names = list(iter_full_names(self.text))
        return self._full_names

    def values(self, fieldname: str) -> list[FactValue]:
        return [f.value for f in self.facts if f.field == fieldname]
