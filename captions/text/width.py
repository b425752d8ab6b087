"""Weighted display width, Netflix's Korean rule, in integer half-units.

A full-width character (Hangul, CJK, anything East-Asian wide) counts 1 and everything else
(Latin letters, digits, spaces, punctuation) counts 0.5. Widths are kept as whole half-units
(2 and 1) so that sums and comparisons stay exact; divide by two only to show them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

HALF = 2  # half-units per full-width character


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Width of one character in half-units: 2 for East-Asian wide or full-width, else 1.

    >>> char_width("가"), char_width("Ａ"), char_width("a"), char_width(" ")
    (2, 2, 1, 1)
    """
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """Width of a string in half-units (a line break counts nothing).

    >>> width("안녕하세요"), width("DevSecOps"), width("첫 줄\\n둘째")
    (10, 9, 9)
    """
    return sum(map(char_width, text)) - text.count("\n")


def show(half_units: int) -> str:
    """A width in half-units as the person reading the report counts it.

    >>> show(30), show(19)
    ('15', '9.5')
    """
    return f"{half_units / HALF:g}"
