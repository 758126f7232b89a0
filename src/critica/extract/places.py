"""Countries, their adjectives and their languages, as film pages name them."""

from __future__ import annotations

import re

# Adjective -> country. Covers the countries that make most films reviewed in English.
DEMONYMS: dict[str, str] = {
    "American": "United States", "British": "United Kingdom", "English": "United Kingdom",
    "Scottish": "United Kingdom", "Welsh": "United Kingdom", "Irish": "Ireland",
    "French": "France", "Belgian": "Belgium", "German": "Germany", "Italian": "Italy",
    "Spanish": "Spain", "Portuguese": "Portugal", "Dutch": "Netherlands", "Swiss": "Switzerland",
    "Austrian": "Austria", "Swedish": "Sweden", "Danish": "Denmark", "Norwegian": "Norway",
    "Finnish": "Finland", "Icelandic": "Iceland", "Polish": "Poland", "Czech": "Czech Republic",
    "Hungarian": "Hungary", "Romanian": "Romania", "Greek": "Greece", "Turkish": "Turkey",
    "Russian": "Russia", "Ukrainian": "Ukraine", "Canadian": "Canada", "Mexican": "Mexico",
    "Brazilian": "Brazil", "Argentine": "Argentina", "Argentinian": "Argentina",
    "Chilean": "Chile", "Colombian": "Colombia", "Cuban": "Cuba", "Peruvian": "Peru",
    "Australian": "Australia", "Japanese": "Japan", "Chinese": "China",
    "Korean": "South Korea", "South Korean": "South Korea", "Taiwanese": "Taiwan",
    "Indian": "India", "Iranian": "Iran", "Israeli": "Israel", "Lebanese": "Lebanon",
    "Egyptian": "Egypt", "Moroccan": "Morocco", "Tunisian": "Tunisia", "Algerian": "Algeria",
    "Thai": "Thailand", "Filipino": "Philippines", "Indonesian": "Indonesia",
    "Vietnamese": "Vietnam", "Luxembourgish": "Luxembourg", "Estonian": "Estonia",
    "Latvian": "Latvia", "Lithuanian": "Lithuania", "Serbian": "Serbia", "Croatian": "Croatia",
    "Bosnian": "Bosnia and Herzegovina", "Bulgarian": "Bulgaria", "Slovak": "Slovakia",
    "Slovenian": "Slovenia", "Georgian": "Georgia", "Senegalese": "Senegal",
    "Nigerian": "Nigeria", "South African": "South Africa", "Kenyan": "Kenya",
    "Pakistani": "Pakistan", "Bangladeshi": "Bangladesh", "Palestinian": "Palestine",
    "Jordanian": "Jordan", "Saudi": "Saudi Arabia", "Hong Kong": "Hong Kong",
    "Kiwi": "New Zealand", "Venezuelan": "Venezuela", "Uruguayan": "Uruguay",
}

# Names and abbreviations of regions a release is stated for -> canonical region.
REGIONS: dict[str, str] = {
    "united states": "United States", "u.s.": "United States", "us": "United States",
    "u.s.a.": "United States", "usa": "United States", "america": "United States",
    "north america": "North America", "north american": "North America",
    "united kingdom": "United Kingdom", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom", "england": "United Kingdom",
    "ireland": "Ireland", "canada": "Canada", "australia": "Australia",
    "new zealand": "New Zealand", "europe": "Europe",
}
for _country in set(DEMONYMS.values()):
    REGIONS.setdefault(_country.lower(), _country)

# Region prefixes of keys ("U.S. release date") and adjectives in prose ("British release").
REGION_ADJECTIVES: dict[str, str] = {k.lower(): v for k, v in DEMONYMS.items()}
REGION_ADJECTIVES.update({"u.s.": "United States", "us": "United States", "uk": "United Kingdom",
                          "u.k.": "United Kingdom", "domestic": "United States"})

LANGUAGES: frozenset[str] = frozenset(
    """English French German Italian Spanish Portuguese Dutch Flemish Swedish Danish Norwegian
    Finnish Icelandic Polish Czech Hungarian Romanian Greek Turkish Russian Ukrainian Japanese
    Mandarin Cantonese Chinese Korean Hindi Urdu Bengali Tamil Telugu Persian Farsi Arabic
    Hebrew Yiddish Thai Vietnamese Indonesian Tagalog Serbian Croatian Bosnian Bulgarian
    Slovak Slovenian Georgian Armenian Latin Wolof Swahili Zulu Amharic Catalan Basque
    Galician Estonian Latvian Lithuanian Albanian Macedonian Kurdish Irish Welsh Gaelic Malay
    Punjabi Marathi Malayalam Kannada Nepali Sinhala Khmer Burmese Mongolian Kazakh Tibetan
    Yoruba Igbo Hausa Afrikaans Xhosa Somali Maori Quechua Berber""".split()  # noqa: SIM905
)

_REGION_RE = re.compile(
    r"\b(?:in|across|throughout)\s+(?:the\s+)?(" + "|".join(
        sorted((re.escape(k) for k in REGIONS if len(k) > 2 or k == "uk" or k == "us"),
               key=len, reverse=True)
    ) + r")(?![\w])",
    re.IGNORECASE,
)


_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?([A-Z][\w.]+(?: [A-Z][\w.]+)?)")


def region_of(name: str) -> str | None:
    return REGIONS.get(name.strip().lower().rstrip(",")) or REGION_ADJECTIVES.get(name.strip().lower())


def regions_in(text: str) -> list[str]:
    """Regions a clause says something happened in: "in the UK", "in France and Belgium"."""
    out: list[str] = []
    for m in _REGION_RE.finditer(text):
        if m.group(1) in ("US", "UK", "us", "uk") or m.group(1)[0].isupper():
            reg = region_of(m.group(1))
            if reg and reg not in out:
                out.append(reg)
            # "in France and Belgium": pick up the coordinated names too.
            pos = m.end()
            while extra := _COORDINATED.match(text, pos):
                reg2 = region_of(extra.group(1))
                if not reg2:
                    break
                if reg2 not in out:
                    out.append(reg2)
                pos = extra.end()
    return out
