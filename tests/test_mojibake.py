"""Mojibake ("Ã©" for "é"): repaired where certain, left alone where the text may be right.

The damaged inputs are made here from correct text by the same mistake real pages make
(UTF-8 bytes read as cp1252 or Latin-1), so each expectation is the text before the damage.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from critica.api import analyze
from critica.clean import clean
from critica.clean.decode import repair_mojibake
from critica.records import RawDocument, Rejection


def as_cp1252(text: str) -> str:
    """UTF-8 bytes read as cp1252 (bytes cp1252 leaves undefined read as Latin-1)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


REVIEW = """Amour (2012) – a review

Director: Michael Haneke
Cast: Jean-Louis Trintignant as Georges, Emmanuelle Riva as Anne, Isabelle Huppert as Éva
Running time: 127 minutes
Budget: €7.3 million

Haneke’s “Amour” is the film he was always heading for. Riva, déjà a legend of the nouvelle
vague, plays Anne with a naïveté that curdles into fear; Trintignant’s Georges answers with a
stubborn, almost café-table calm. Éva, their daughter, visits and understands nothing.
"""


@pytest.mark.parametrize("original", [
    "Stéphanie", "Ménochet", "École", "naïve café", "£3 million", "€15.4 million",
    "don’t", "“quoted”", "— a dash", "Über", "Œuvre and œuvre", "árbol", "…", "привет",
])
def test_cp1252_damage_is_undone(original: str) -> None:
    assert repair_mojibake(as_cp1252(original))[0] == original


@pytest.mark.parametrize("original", ["Stéphanie", "don’t", "Ménochet"])
def test_latin1_damage_is_undone(original: str) -> None:
    damaged = original.encode("utf-8").decode("latin-1")  # C1 controls in place of ’ etc.
    assert repair_mojibake(damaged)[0] == original


def test_double_damage_is_undone() -> None:
    assert repair_mojibake(as_cp1252(as_cp1252("Stéphanie")))[0] == "Stéphanie"


@pytest.mark.parametrize("text", [
    "SÃO PAULO, IRMÃ and MAÇÃ",  # Portuguese capitals are real text
    "Déjà vu, façade, naïve",  # correct accents
    "Ô… a lone pair that would become another script",
    "Âge tendre",
    "¿Qué? ¡Sí!",
])
def test_correct_text_is_left_alone(text: str) -> None:
    assert repair_mojibake(text) == (text, 0)


def test_lost_bytes_are_guessed_only_in_damaged_text() -> None:
    # 0x9d (the last byte of ”) is often dropped, and à's no-break space turned into a space.
    damaged = "Ã‰va says â€œvoilÃ  tout, Ã  la fois.â€ and leaves."
    assert repair_mojibake(damaged)[0] == "Éva says “voilà tout, à la fois.” and leaves."
    untouched = "Ã  la and â€ with nothing else damaged"
    assert repair_mojibake(untouched) == (untouched, 0)


def test_a_damaged_document_cleans_to_the_original_text() -> None:
    data = as_cp1252(REVIEW).encode("utf-8")  # a page saved after the damage
    document = clean(RawDocument("amour.txt", data, "text"))
    assert not isinstance(document, Rejection)
    assert document.text == REVIEW.strip()


def test_a_damaged_document_reads_like_the_undamaged_one(tmp_path: Path) -> None:
    (tmp_path / "clean").mkdir()
    (tmp_path / "damaged").mkdir()
    (tmp_path / "clean" / "amour.txt").write_text(REVIEW, encoding="utf-8")
    (tmp_path / "damaged" / "amour.txt").write_bytes(as_cp1252(REVIEW).encode("utf-8"))
    [good] = analyze([tmp_path / "clean"]).films
    report = analyze([tmp_path / "damaged"])
    [film] = report.films
    assert (film.title, film.year) == (good.title, good.year)
    assert {k: [e.value for e in v] for k, v in film.facts.items()} == {
        k: [e.value for e in v] for k, v in good.facts.items()}
    [text] = [d.text for d in report.documents]
    assert text == REVIEW.strip()
    quotes = [e.quote for entries in film.facts.values() for entry in entries for e in entry.sources]
    assert quotes and all(q in text for q in quotes)
