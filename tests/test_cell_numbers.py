"""Cell text as printed in real reports, read as numbers, blanks or text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.annual.parse.numbers import CellReading, read_cell
from gongkai.formats import MoneyUnit


@pytest.mark.parametrize(
    ("printed", "reading"),
    [
        ("0", CellReading(number=0)),
        ("　　12", CellReading(number=12)),  # ideographic spaces before the number (seed 004)
        ("0 ", CellReading(number=0)),
        ("１２３", CellReading(number=123)),  # full-width digits
        ("1,234", CellReading(number=1234)),
        ("-8", CellReading(number=-8)),  # 本年增/减 written negative
        ("－8", CellReading(number=-8)),
        ("453.0087万元", CellReading(number=Decimal("453.0087"), unit=MoneyUnit.WAN_YUAN)),
        ("251000元", CellReading(number=251000, unit=MoneyUnit.YUAN)),
        ("12件", CellReading(number=12)),
        ("7730.28", CellReading(number=Decimal("7730.28"))),
    ],
)
def test_numbers_are_read_through_spaces_widths_and_units(printed, reading):
    assert read_cell(printed) == reading


@pytest.mark.parametrize("printed", ["", "   ", "\u3000", "-", "—", "/", "\u00a0"])
def test_empty_cells_and_placeholder_dashes_read_as_blank(printed):
    assert read_cell(printed).is_blank


@pytest.mark.parametrize("printed", ["增", "无", "1.2.3", "约12", "12人次"])
def test_words_are_kept_as_printed_text(printed):
    reading = read_cell(printed)
    assert reading.number is None
    assert reading.text == printed


def test_decimal_money_is_exact():
    reading = read_cell("0.0001万元")
    assert reading.number == Decimal("0.0001")
    assert isinstance(reading.number, Decimal)
