"""Reading the text of one table cell as a number.

Real cells carry stray spaces (``　12``, ``0 ``), full-width digits, thousands separators,
units (``453.0087万元``, ``251000元``, ``12件``) and placeholders (``-``, ``/``) for nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gongkai.formats import MoneyUnit

_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_NUMBER = re.compile(
    r"^(?P<sign>[+-])?(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
    r"(?P<unit>万元|元|件|个|项|条|次|起|宗)?$"
)
# A lone dash or slash is the printer's way of saying "nothing here".
_PLACEHOLDERS = frozenset({"-", "--", "—", "——", "–", "/", "\\", "－", "／"})
_MONEY_UNITS = {"万元": MoneyUnit.WAN_YUAN, "元": MoneyUnit.YUAN}
_MINUS_SIGNS = str.maketrans({"−": "-", "－": "-", "＋": "+"})


@dataclass(frozen=True, slots=True)
class CellReading:
    """What a cell's text says: nothing, a number (with a money unit if printed), or text."""

    number: int | Decimal | None = None
    unit: MoneyUnit | None = None
    text: str | None = None  # the printed text when it is not a number

    @property
    def is_blank(self) -> bool:
        return self.number is None and self.text is None


BLANK = CellReading()
_READINGS_CACHE = 65536  # distinct cell texts kept; a report prints a few hundred


@lru_cache(maxsize=_READINGS_CACHE)
def read_cell(printed: str) -> CellReading:
    """Read one cell's printed text. Integers stay int; a decimal point gives a Decimal.

    Cached: readers ask about the same cell several times (is it a value, a blank, a label?).
    """
    compact = _SPACES.sub("", unicodedata.normalize("NFKC", printed)).translate(_MINUS_SIGNS)
    if not compact or compact in _PLACEHOLDERS:
        return BLANK
    match = _NUMBER.match(compact)
    if match is None:
        return CellReading(text=printed.strip())
    digits = match["digits"].replace(",", "")
    sign = "-" if match["sign"] == "-" else ""
    unit = _MONEY_UNITS.get(match["unit"] or "")
    try:
        if match["fraction"] is not None:
            number: int | Decimal = Decimal(f"{sign}{digits}.{match['fraction']}")
        else:
            number = int(f"{sign}{digits}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return CellReading(text=printed.strip())
    return CellReading(number=number, unit=unit)


def looks_numeric(printed: str) -> bool:
    return read_cell(printed).number is not None
