"""The 法人番号 (corporate number) check digit, as the National Tax Agency defines it.

A corporate number is 13 digits: a check digit, then a 12-digit base number. Counting the base
number's digits from the right as P1…P12 and weighting odd positions 1 and even positions 2,
the check digit is ``9 - (sum(Pn × Qn) mod 9)`` — so it is never 0.
"""

from __future__ import annotations

import unicodedata


def check_digit(base: str) -> int:
    """The check digit for a 12-digit base number."""
    if len(base) != 12 or not base.isascii() or not base.isdigit():
        raise ValueError("the base number has 12 digits")
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base), 1))
    return 9 - total % 9


def normalise(text: str) -> str:
    """Full-width digits to ASCII, spaces and hyphens removed (as people type it)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in " -‐－ー")


def is_valid(number: str) -> bool:
    """True for 13 ASCII digits whose first digit is the check digit of the other 12."""
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        return False
    return int(number[0]) == check_digit(number[1:])
