"""classify: document kind and language, on the seed corpus (kinds from gold.json) and on
short invented documents shaped unlike the seeds."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from critica.classify import classify, detect_language, score_kinds
from critica.clean import clean
from critica.records import DOCUMENT_KINDS, CleanDocument, RawDocument

REPO = Path(__file__).resolve().parents[1]
GOLD_DIR = Path(os.environ.get("CRITICA_GOLD_DIR", REPO.parent / "shared/corpus/rust-and-bone"))
needs_gold = pytest.mark.skipif(
    not (GOLD_DIR / "gold.json").is_file(),
    reason=f"seed corpus not found at {GOLD_DIR} (set CRITICA_GOLD_DIR)",
)


def _cleaned(text: str, path: str = "doc.txt") -> CleanDocument:
    result = clean(RawDocument(path, text.encode("utf-8")))
    assert isinstance(result, CleanDocument), result
    return result


def _gold_documents() -> list[dict[str, str]]:
    if not (GOLD_DIR / "gold.json").is_file():
        return []
    gold = json.loads((GOLD_DIR / "gold.json").read_text(encoding="utf-8"))
    return list(gold["documents"])


@needs_gold
@pytest.mark.parametrize("doc", _gold_documents(), ids=lambda d: d["file"].split("_")[0])
def test_seed_documents_get_their_gold_kind(doc: dict[str, str]) -> None:
    path = GOLD_DIR / doc["file"]
    media = {".html": "html", ".htm": "html", ".md": "markdown"}.get(path.suffix, "text")
    cleaned = clean(RawDocument(str(path), path.read_bytes(), media))  # type: ignore[arg-type]
    assert isinstance(cleaned, CleanDocument)
    result = classify(cleaned)
    assert result.kind == doc["kind"], score_kinds(cleaned)
    assert result.language == "en"
    assert result.kind_confidence > 0.35  # clearly ahead of the other six kinds


# Invented documents, two or more per kind, in shapes unlike the seed corpus.
INVENTED: dict[str, list[str]] = {
    "critic_review": [
        """The Salt Road review – a slow, luminous crossing
By Priya Raman
★★★★☆
Tomas Lindqvist's second feature follows two sisters hauling a cart of salt across a frozen
estuary. The cinematography is all bruised light and wind, and the performances of Agnes Holm
and Lise Brandt never beg for sympathy. At two hours it is overlong, and the final act leans on
coincidence, but few dramas this year are so patient or so quietly engrossing.
""",
        """FILM
Cold Harbour: Reviewed
Rating: 2/5
There is a good thriller buried somewhere in Cold Harbour, but the screenplay smothers it in
exposition. Dominic Hale plays the disgraced detective with a permanent scowl, and the
supporting cast are given nothing to do. The bottom line: a disappointing, lacklustre effort
from a director who has done far better.
""",
    ],
    "blog_review": [
        """Movie night thoughts: Paper Lanterns
Posted by moviemaven on March 3, 2019
So I finally got round to watching Paper Lanterns last night and honestly I'm still thinking
about it. I wasn't sure I'd like it because I usually hate slow films, but my partner talked me
into it and I'm so glad. The ending made me cry!! I think the lead actress deserves every award.
My rating: 8/10. Let me know what you thought in the comments.
""",
        """Winter Orchard (2015)

Okay, confession time: I have watched this film four times now. My sister thinks I am obsessed.
I am. What gets me every time is the scene in the kitchen, when the mother finally says what
she has been holding in, and I just lose it. I know some people find it slow, and I get that,
but for me the slowness is the point.

Share this:
Twitter
Facebook
Like this:
Leave a Reply
""",
    ],
    "encyclopedia": [
        """Night Harbour (Danish: Natlig havn) is a 2019 Danish crime thriller film written and
directed by Ana Kovac. It stars Tom Reyes as a harbour pilot drawn into a smuggling ring.
Plot
A harbour pilot in Esbjerg discovers that the cargo ships he guides carry more than fish.
Production
Principal photography began in March 2018 in Esbjerg and Aarhus.[3]
Reception
On review aggregator Rotten Tomatoes, the film holds an approval rating of 88% based on 41
reviews.[7] The film was nominated for three Robert Awards and won one.[8]
""",
        """The film premiered at the Berlin International Film Festival in February 1996, where it
competed for the Golden Bear.[12] It was released theatrically in Germany in April 1996 and
grossed DM 4.1 million.[13]
Critical response
Metacritic assigned the film a weighted average score of 71 out of 100, based on 18 critics.
Anna Weber of Die Zeit called it a restrained and intelligent drama.[14]
See also
List of German films of 1996
""",
    ],
    "list_entry": [
        """The 50 Best Horror Films of the Decade
12. The Hollow Field (2016)
Why it's here: no film this decade made a cornfield so frightening. Kit Baranov's debut turns a
widow's grief into something that creaks in the walls at night.
11. Black Water Road (2017)
""",
        """Our countdown of the greatest road movies continues.
No. 7: Dust and Gasoline (1988)
Two brothers, one stolen Cadillac and three thousand miles of desert. It ranked ninth in last
year's readers' poll, and it has only climbed since.
""",
    ],
    "dvd_review": [
        """The Salt Road arrives on Blu-ray from Northern Light with a superb 1080p transfer that
captures every grain of the 35mm photography. The DTS-HD Master Audio 5.1 track is subtle but
immersive. Extras include an audio commentary with the director, a twenty-minute making-of
featurette and a booklet essay. The film itself remains a patient, rewarding drama.
""",
        """Disc Review: Cold Harbour (Criterion Collection)
The new 4K restoration is presented in its original 1.85:1 aspect ratio. Supplements on the
disc include deleted scenes, a 1994 television interview with the director and the original
trailer. Picture quality is a huge improvement on the old DVD.
""",
    ],
    "news": [
        """Ana Kovac has been cast as the lead in Paper Lanterns, the studio announced on Tuesday.
According to sources close to the production, Kovac will star opposite Dev Rao, and filming is
set to begin in Lisbon in the spring. The project was greenlit last year.
""",
        """LONDON (Reuters) - Harbour Lights topped the UK box office in its opening weekend,
grossing £1.2 million from 340 screens, according to figures released on Monday by Comscore.
The distributor said in a statement that the film had exceeded industry forecasts.
""",
    ],
    "other": [
        """Privacy notice
We collect the following information when you create an account: your name, your email
address and your viewing preferences. We keep this information for as long as your account is
open. You can ask us to delete it at any time by writing to the address below.
""",
        """Preheat the oven to 180C. Mix the flour, sugar and butter until the mixture looks like
breadcrumbs, then add the eggs one at a time. Pour into a lined tin and bake for forty minutes,
until a skewer comes out clean. Leave to cool before slicing.
""",
    ],
}

CASES = [(kind, i, text) for kind, texts in INVENTED.items() for i, text in enumerate(texts)]


@pytest.mark.parametrize(("kind", "index", "text"), CASES, ids=[f"{k}-{i}" for k, i, _ in CASES])
def test_invented_documents_get_their_kind(kind: str, index: int, text: str) -> None:
    cleaned = _cleaned(text)
    result = classify(cleaned)
    assert result.kind == kind, score_kinds(cleaned)


def test_every_kind_has_at_least_two_invented_cases() -> None:
    assert set(INVENTED) == set(DOCUMENT_KINDS)
    assert all(len(texts) >= 2 for texts in INVENTED.values())


def test_confidence_is_a_probability_and_lower_on_a_close_call() -> None:
    clear = classify(_cleaned(INVENTED["dvd_review"][0]))
    # A DVD review that reads like a blog post: both kinds have evidence.
    mixed = classify(_cleaned(
        "I picked up the DVD of Cold Harbour last week and I have to say I loved it. The "
        "commentary is a bit dull but I watched it twice anyway, because I love this film.\n"
    ))
    assert 0.0 < mixed.kind_confidence < clear.kind_confidence <= 1.0


# --- language -------------------------------------------------------------------------------

LANGUAGE_SAMPLES = {
    "en": "The film follows a young woman who returns to her village after the death of her "
          "father, and it is at its best when it lets the silence between the characters speak.",
    "fr": "Le film suit une jeune femme qui revient dans son village après la mort de son père, "
          "et il est au meilleur de sa forme quand il laisse parler le silence entre les personnages.",
    "de": "Der Film folgt einer jungen Frau, die nach dem Tod ihres Vaters in ihr Dorf zurückkehrt, "
          "und er ist am stärksten, wenn er die Stille zwischen den Figuren sprechen lässt.",
    "es": "La película sigue a una joven que regresa a su pueblo tras la muerte de su padre, y está "
          "en su mejor momento cuando deja que el silencio entre los personajes hable por sí solo.",
    "it": "Il film segue una giovane donna che torna nel suo paese dopo la morte del padre, ed è al "
          "suo meglio quando lascia parlare il silenzio tra i personaggi della storia.",
    "pt": "O filme acompanha uma jovem que volta para a sua aldeia depois da morte do pai, e está no "
          "seu melhor quando deixa o silêncio entre as personagens falar por si.",
    "nl": "De film volgt een jonge vrouw die na de dood van haar vader terugkeert naar haar dorp, en "
          "is op zijn best wanneer hij de stilte tussen de personages laat spreken.",
}


@pytest.mark.parametrize("language", sorted(LANGUAGE_SAMPLES))
def test_language_by_stopwords(language: str) -> None:
    assert detect_language(LANGUAGE_SAMPLES[language]) == language


@pytest.mark.parametrize("text", ["Rust and Bone", "Director: Jacques Audiard\nRated: R", ""])
def test_too_little_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_classified_document_carries_language() -> None:
    result = classify(_cleaned(LANGUAGE_SAMPLES["fr"]))
    assert result.language == "fr"
    assert result.document.text.startswith("Le film")


def test_first_person_critic_with_outlet_headline_is_not_a_blog() -> None:
    text = (
        "Film Review: The Lantern Keeper\n"
        "By Matt Okonjo\n"
        "I have seen a great many films about lighthouses, and most of them are about "
        "loneliness. This one, I think, is about noise, and I found its final reel riveting. "
        "The performances are remarkable and the screenplay never explains too much.\n"
        "Rating: 3.5/4\n"
    )
    assert classify(_cleaned(text)).kind == "critic_review"


def test_odd_documents_do_not_crash_and_fall_to_other() -> None:
    for text in ("", "x", "12345", "Director: Ana Kovac"):
        doc = CleanDocument(path="odd.txt", text=text, encoding="utf-8", media_type="text")
        result = classify(doc)
        assert result.kind == "other"
        assert result.language == "und"
        assert 0.0 < result.kind_confidence < 0.6


def test_scores_explain_the_decision() -> None:
    scores = score_kinds(_cleaned(INVENTED["news"][1]))
    assert any(cue.startswith("news:dateline") for cue in scores.cues)
    assert scores.best[0] == "news"


# Shapes that used to get the wrong kind: a disc review of an old film (its headline and star
# lines read like a critic's), a review whose headline was lost, a personal post titled
# "review", a capsule under its credits, a box-office story with a byline.
RELABELLED = [
    ("dvd_review", """The Lady of Thornfield (1947) – Blu-ray Review
By Colm Ashby
The Lady of Thornfield is one of the great melodramas of the forties, and the performances of
its two leads are still remarkable. The 2K restoration is crisp and the mono track is clean.
Extras: a commentary by a film historian and a stills gallery.
Film: 4/5  Disc: 3/5
"""),
    ("critic_review", """There is a moment halfway through The Long Weir when the camera simply stops and
lets Ada Kerr's face do the work. Joachim Lund has made a small film about a lock-keeper and his
daughter, and the performances are quietly remarkable. It is not without faults: the middle is
overlong, and a subplot feels borrowed from a lesser film. But it is the best British drama of
the year, and the final scene is devastating.
"""),
    ("blog_review", """Tin Star Junction review: my new comfort western
I watched Tin Star Junction on Sunday with my dog asleep on my feet. I'm not going to pretend it's
a masterpiece, and I could see every turn coming. But I loved it anyway, and I laughed out loud
at the bit with the mule. I'd say give it a go.
"""),
    ("critic_review", """THE MARIGOLD LINE
UK   English
Dir. Ivo Brant   Wri. Ivo Brant
Cert PG   88 mins
A charming, slight comedy about a railway signalman who falls for the stationmaster's sister.
Brant keeps things brisk, though the screenplay runs out of steam well before the end.
"""),
    ("news", """Box office: The Iron Orchard leads a quiet weekend
By Priya Lal, Entertainment Correspondent
The Iron Orchard topped the UK box office over the weekend, grossing £1.1 million from 420
screens, according to Comscore. Exhibitors said holdovers fell by a third.
"""),
]


@pytest.mark.parametrize(("kind", "text"), RELABELLED, ids=[f"{k}-{i}" for i, (k, _) in enumerate(RELABELLED)])
def test_shapes_that_were_misread(kind: str, text: str) -> None:
    cleaned = _cleaned(text)
    assert classify(cleaned).kind == kind, score_kinds(cleaned).cues
