"""Folding text for matching without moving any character: offsets in the folded text are offsets
in the original.

`unicodedata.normalize("NFKC")` would also make full-width digits half-width, but it changes the
length of some characters (``①`` -> ``1`` is fine, ``㈠`` -> ``(一)`` is not), and a hit must point
at the exact characters of the text the clerk sees. So only one-to-one foldings are made: the
full-width ASCII block (U+FF01–U+FF5E) and the ideographic space to their ASCII forms, the hyphen
look-alikes people type inside numbers to ``-``, and letters to lower case where that keeps them one
character long.
"""

from __future__ import annotations

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = {0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " "}
# Hyphen, non-breaking hyphen, figure dash, en dash, minus sign, small hyphen-minus. The em dash
# (——) is punctuation in Chinese text, never a separator inside a number, and stays.
_HYPHENS = dict.fromkeys((0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63), "-")
_WIDTH_TABLE: dict[int, int | str] = {**_FULL_WIDTH, **_SPACES, **_HYPHENS}


def fold_width(text: str) -> str:
    """Full-width ASCII, odd spaces and hyphens made ASCII; same length as ``text``."""
    return text.translate(_WIDTH_TABLE)


def fold_case(text: str) -> str:
    """`fold_width` and lower case, one character for one (a letter whose lower case is longer stays)."""
    folded = fold_width(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in folded)
