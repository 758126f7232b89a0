"""Amounts of money with their currency: "$20m", "€15.4 million", "US$1.2 billion", "£3m",
"15 million euros", "USD 4,500,000". Currencies are ISO 4217 codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from critica.extract.spans import needle_fold
from critica.records import Money

# Longest symbols first, so "US$" wins over "$".
_SYMBOLS: dict[str, str] = {
    "US$": "USD", "U.S.$": "USD", "USD": "USD", "CA$": "CAD", "C$": "CAD", "CAD": "CAD",
    "AU$": "AUD", "A$": "AUD", "AUD": "AUD", "NZ$": "NZD", "HK$": "HKD", "R$": "BRL",
    "$": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY",
    "₹": "INR", "INR": "INR", "Rs.": "INR", "CHF": "CHF", "SEK": "SEK", "DKK": "DKK",
    "NOK": "NOK", "₩": "KRW", "KRW": "KRW", "CN¥": "CNY", "RMB": "CNY", "CNY": "CNY",
}
_WORDS: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pound": "GBP", "yen": "JPY", "rupees": "INR", "crore": "INR", "francs": "CHF",
    "kronor": "SEK", "won": "KRW", "yuan": "CNY",
}
_MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mil": 1e6, "mln": 1e6,
    "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
}
_SYM = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = r"(?:\s?(?:thousand|millions?|mil\.?|mln|mn|billion|bn)\b|(?:m|bn|b|k)\b)"
_PREFIXED = re.compile(rf"(?<![\w$])(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?P<mult>{_MULT})?")
_SUFFIXED = re.compile(
    rf"(?<![\w$€£.,])(?P<num>{_NUM})(?P<mult>\s?(?:thousand|millions?|billion))?\s+"
    rf"(?:(?:US|U\.S\.|American|Canadian|Australian)\s+)?"
    rf"(?P<word>{'|'.join(_WORDS)}|USD|EUR|GBP)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
# Lower-case strings of which every _SUFFIXED match holds one (speed only).
_SUFFIX_NEEDLES = ("dollar", "eur", "pound", "yen", "rupee", "crore", "franc", "kronor", "won",
                   "yuan", "usd", "gbp")


@dataclass(frozen=True)
class MoneyMatch:
    start: int
    end: int
    money: Money


def _amount(num: str, mult: str | None) -> float:
    # Decimal, so "8.2 million" is 8200000.0 and not 8199999.999999999.
    value = Decimal(num.replace(",", ""))
    if mult:
        value *= Decimal(_MULTIPLIERS.get(mult.strip().rstrip(".").lower(), 1.0))
    return float(value)


def find_money(text: str) -> list[MoneyMatch]:
    """Every amount of money in ``text``, left to right."""
    out: list[MoneyMatch] = []
    if not _DIGIT.search(text):
        return out  # every amount has digits
    for m in _PREFIXED.finditer(text):
        sym = m.group("sym")
        if sym.isalpha() and not m.group("mult") and "," not in m.group("num"):
            continue  # "EUR 5" alone is too weak; "EUR 5 million" or "USD 4,500,000" is fine
        amount = _amount(m.group("num"), m.group("mult"))
        out.append(MoneyMatch(m.start(), m.end(), Money(amount, _SYMBOLS[sym], m.group(0).strip())))
    folded = needle_fold(text)
    for m in _SUFFIXED.finditer(text) if any(n in folded for n in _SUFFIX_NEEDLES) else ():
        if any(m.start() < o.end and o.start < m.end() for o in out):
            continue
        word = m.group("word").lower()
        currency = _WORDS.get(word) or word.upper()
        if word == "won" and not m.group("mult"):
            continue  # "won 3" is the verb
        amount = _amount(m.group("num"), m.group("mult"))
        out.append(MoneyMatch(m.start(), m.end(), Money(amount, currency, m.group(0).strip())))
    return sorted(out, key=lambda x: x.start)


def parse_money(text: str) -> Money | None:
    found = find_money(text)
    return found[0].money if found else None


def with_scope(money: Money, scope: str | None) -> Money:
    return Money(money.amount, money.currency, money.text, scope)
