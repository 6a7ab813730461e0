"""A report's statistical tables in long form: one row per cell, the shape of open data.

The same rows make the batch results CSV (``gongkai parse --out x.csv``) and the open-data
exports (``gongkai opendata``, CSV and XLSX), so a researcher meets one set of columns:

=============== ==========================================================================
``body``        the issuing body as printed (发布机关)
``level``       the body's administrative level, when the caller knows it (empty otherwise)
``year``        the report year; ``format``: 2019, 2021 or mixed
``table``       ``proactive`` (二), ``applications`` (三) or ``review_litigation`` (四)
``row``         canonical row id (``withheld.state_secret``); ``row_label`` its national label
``column``      canonical column id (``natural_person``); ``column_label`` its national label
``value``       the number (exact decimal text), empty when the cell is blank or printed as text
``unit``        the money unit (元/万元) of a money cell's value
``text``        what a cell printed that is not a number (e.g. ``增``)
``file``        the source document as given; ``sha256`` the SHA-256 of its content
``error_code``  for a file that could not be read (its one row has no table columns), with
                ``error_message`` in Chinese
=============== ==========================================================================

Labels come from the taxonomy (`gongkai.formats`), never from the printed document, so the
same cell has the same label in every report.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gongkai.annual.model import AnnualReport, Number

COLUMNS = (
    "body",
    "level",
    "year",
    "format",
    "table",
    "row",
    "column",
    "row_label",
    "column_label",
    "value",
    "unit",
    "text",
    "file",
    "sha256",
    "error_code",
    "error_message",
)
# One row: a value per column, in `COLUMNS` order. Numbers stay numbers (a spreadsheet writer
# wants them so); `as_text` gives the CSV form.
Row = tuple[str | int | Decimal | None, ...]

_EMPTY: Row = (None,) * len(COLUMNS)
_INDEX = {name: position for position, name in enumerate(COLUMNS)}


def cell_rows(
    report: AnnualReport, *, file: str, sha256: str | None, level: str | None = None
) -> Iterator[Row]:
    """Every cell of the report's tables, in the tables' printed order.

    A report in which no table was found still gets one row (table columns empty), so that
    every document read appears in the output.
    """
    common = {
        "body": report.agency,
        "level": level,
        "year": report.year,
        "format": None if report.format is None else str(report.format),
        "file": file,
        "sha256": sha256,
    }
    found = False
    for table in report.tables:
        for row, column_id, cell in table.items():
            found = True
            column = row.column(column_id)
            unit = cell.unit or column.unit
            yield _row(
                **common,
                table=table.spec.id.value,
                row=row.id,
                column=column_id,
                row_label=row.title,
                column_label=column.title,
                value=cell.value,
                unit=None if unit is None or cell.value is None else unit.value,
                text=cell.text,
            )
    if not found:
        yield _row(**common)


def error_row(*, file: str, sha256: str | None, code: str, message: str) -> Row:
    """The one row of a file that could not be read."""
    return _row(file=file, sha256=sha256, error_code=code, error_message=message)


def as_text(row: Row) -> list[str]:
    """A row as CSV fields: numbers as exact decimal text (no exponent), None as empty."""
    return [_text(value) for value in row]


def _row(**values: str | Number | None) -> Row:
    row = list(_EMPTY)
    for name, value in values.items():
        row[_INDEX[name]] = value
    return tuple(row)


def _text(value: str | Number | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


__all__ = ["COLUMNS", "Row", "as_text", "cell_rows", "error_row"]
