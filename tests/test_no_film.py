"""Documents about no film, or about many: a reason, never a made-up film or fact.

Every document here was written for this test. The expectations are what a reader sees: a
privacy policy and a recipe are about no film; a countdown of ten films is about ten films;
a cut-off review excerpt, a single list entry and a review that names other films in passing
are each about one film.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from critica.api import analyze
from critica.classify import classify, no_film_reason
from critica.clean import clean
from critica.records import RawDocument, Rejection

PRIVACY = """Privacy Policy

Last updated: 3 March 2024

This policy explains how Lanternfield Ltd (the data controller) collects and uses personal data
when you visit our website. We use cookies to remember your preferences and to measure traffic.
Some cookies are set by third parties such as analytics providers. You may withdraw your consent
at any time and opt out of non-essential cookies in the settings panel.

We keep personal information only as long as needed for the purposes described here; the
retention period for account data is two years. Processing is based on your consent or on our
legitimate interest. You have the right to access, correct and delete your personal data.

This policy is governed by the law of England and Wales, and any dispute falls under the
jurisdiction of its courts. Our liability is limited to the extent permitted by law.
"""

RECIPE = """Brown Butter Oat Cookies

Prep time: 15 minutes. Cook time: 12 minutes. Serves 4.

Ingredients
200 grams plain flour
2 cups rolled oats
1 teaspoon baking soda
150 grams butter, browned and cooled
1 cup brown sugar
2 tablespoons milk

Preheat the oven to 180C. Whisk the flour and soda together. Stir the cooled butter into the
sugar, add the milk, then fold in the flour and oats. Bake for 12 minutes until golden at the
edges; they firm up as they cool.
"""

ESSAY = " ".join([
    "The allotment at the end of our road has changed hands four times in ten years.",
    "Each tenant arrives with plans for raised beds and leaves them to the brambles by autumn.",
    "This spring a retired engineer took it on, and he has done something nobody expected:",
    "he has measured the soil, drawn a plan on squared paper and stuck to it.",
    "There are onions in straight rows, beans on bamboo frames and a shed painted green.",
] * 5)

TOP_TEN = """The Ten Best Films of 2012

10. Looper (2012)
A time-travel thriller with more ideas than most and a grim, clever ending.

9. Holy Motors (2012)
Leos Carax sends Denis Lavant across Paris in a limousine, and it is glorious.

8. Beasts of the Southern Wild (2012)
A child's-eye fable of a flooded bayou, fierce and tender.

7. Amour (2012)
Michael Haneke's study of a marriage at its end. Running time: 127 minutes.

6. Rust and Bone (2012)
Jacques Audiard directs Marion Cotillard as a whale trainer who loses her legs.

5. The Master (2012)
Paul Thomas Anderson's portrait of a drifter and a cult leader.

Next week: the five best films of 2012, from a year that was strong for French cinema and for
actors willing to disappear into their parts.
"""

EXCERPT = """...and Cotillard, barely moving, makes every silence count. Schoenaerts is all shoulders
and appetite. When the two of them finally"""

ONE_ENTRY = """Top 100 Films – #41 – Amour (2012)

DIRECTED BY: Michael Haneke
STARRING: Jean-Louis Trintignant, Emmanuelle Riva and Isabelle Huppert

Haneke's film follows an elderly couple in their Paris flat after Anne suffers a stroke. It is
the least cruel film he has made and perhaps the most frightening. Riva's performance earned
an Oscar nomination; the film won the Palme d'Or.
"""

PASSING = """Amour review

Michael Haneke has made colder films — Funny Games (1997), The Piano Teacher (2001) and
Caché (2005) all keep their audience at arm's length — but none as quietly devastating as
Amour (2012). Jean-Louis Trintignant and Emmanuelle Riva play a retired couple whose life
narrows to one apartment after her stroke. The film is patient, exact and very sad.
"""

BAKERY_FILM = """Flour and Ash review

A film about a bakery that never sells a loaf: Nora Vell directs this gentle comedy with
an eye for ingredients, ovens and sugar. The cast, led by Petra Lind, make the flour-dusted
scenes warm, and the screenplay finds drama in a whisk. The film is slight but it is a pleasure,
and the actors clearly enjoyed the cookies.
"""


def _reason(text: str, name: str = "doc.txt") -> str | None:
    document = clean(RawDocument(name, text.encode("utf-8"), "text"))
    assert not isinstance(document, Rejection)
    return no_film_reason(classify(document))


@pytest.mark.parametrize(("text", "expected"), [
    (PRIVACY, "about no film: reads as a privacy policy or legal notice"),
    (RECIPE, "about no film: reads as a recipe"),
    (ESSAY, "about no film: 385 words without one film word"),
    (TOP_TEN, "a list of 6 films (Looper (2012); Holy Motors (2012); Beasts of the Southern Wild"),
])
def test_rejected_with_a_reason(text: str, expected: str) -> None:
    reason = _reason(text)
    assert reason is not None and reason.startswith(expected), reason


@pytest.mark.parametrize("text", [EXCERPT, ONE_ENTRY, PASSING, BAKERY_FILM])
def test_one_film_documents_are_kept(text: str) -> None:
    assert _reason(text) is None


def test_pipeline_rejects_them_and_makes_no_film_of_them(tmp_path: Path) -> None:
    for name, text in {"privacy.txt": PRIVACY, "recipe.txt": RECIPE, "essay.txt": ESSAY,
                       "top-ten.txt": TOP_TEN, "amour-entry.txt": ONE_ENTRY,
                       "amour-review.txt": PASSING}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = analyze([tmp_path])
    rejected = {Path(r.path).name: (r.stage, r.reason.split(":")[0]) for r in report.rejected}
    assert rejected == {
        "privacy.txt": ("classify", "about no film"),
        "recipe.txt": ("classify", "about no film"),
        "essay.txt": ("classify", "about no film"),
        "top-ten.txt": ("classify", "a list of 6 films (Looper (2012); Holy Motors (2012); "
                                    "Beasts of the Southern Wild (2012); Amour (2012); "
                                    "Rust and Bone (2012); The Master (2012)), not about one film"),
    }
    films = {(f.title, f.year): sorted(Path(d.path).name for d in f.documents) for f in report.films}
    assert films == {("Amour", 2012): ["amour-entry.txt", "amour-review.txt"]}
