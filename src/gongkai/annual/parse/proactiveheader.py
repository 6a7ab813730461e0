"""The words of section 二's sub-tables: captions, the ``信息内容`` header, columns and items.

A header names the columns of the sub-table below it. Conversions split a header cell over
two cells (``本`` | ``年处理决定数量``) or add a unit to it (``本年收费金额（单位：元）``); a
header column remembers the cells it covers, so a value printed under any of them is its.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.annual.parse.document import TextCell
from gongkai.annual.parse.scan import Vocabulary
from gongkai.annual.parse.spans import MAX_SPAN, is_blank
from gongkai.formats import (
    FORMAT_2019,
    FORMAT_2021,
    ColumnSpec,
    FormatId,
    Label,
    LabelIndex,
    MoneyUnit,
    RowGroup,
    RowSpec,
    normalise,
)
from gongkai.formats.national import CONTENT_HEADER

SPECS = {FormatId.F2021: FORMAT_2021.proactive, FormatId.F2019: FORMAT_2019.proactive}
_GROUPS = tuple(dict.fromkeys(group for spec in SPECS.values() for group in spec.groups))
CAPTIONS: LabelIndex[RowGroup] = LabelIndex((group.label, group) for group in _GROUPS)
_ITEM_LABELS = {row.id: row.label for spec in SPECS.values() for row in spec.rows}
ITEMS: LabelIndex[str] = LabelIndex((label, row_id) for row_id, label in _ITEM_LABELS.items())
CONTENT = normalise(CONTENT_HEADER)
_UNIT_SUFFIX = re.compile(r"[（(](?:单位[:：])?(万元|元)[)）]$")


@dataclass(frozen=True, slots=True)
class HeaderColumn:
    format_id: FormatId
    column: ColumnSpec


def _column_entries() -> list[tuple[Label, HeaderColumn]]:
    entries = {}
    for format_id, spec in SPECS.items():
        for row in spec.rows:
            for column in row.columns:
                entries[(format_id, column.id)] = (column.label, HeaderColumn(format_id, column))
    return list(entries.values())


_COLUMN_ENTRIES = _column_entries()
COLUMNS: LabelIndex[HeaderColumn] = LabelIndex(_COLUMN_ENTRIES)

# Everything a line of flattened section 二 text may hold, for `gongkai.annual.parse.scan`.
VOCABULARY: Vocabulary[object] = Vocabulary(
    [(group.label, group) for group in _GROUPS]
    + [(Label(CONTENT_HEADER), CONTENT)]
    + [(label, column) for label, column in _COLUMN_ENTRIES]
    + [(label, row_id) for row_id, label in _ITEM_LABELS.items()]
)


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One printed header: the column it names (None if none), its unit and the cells it covers."""

    column: HeaderColumn | None
    printed: TextCell
    unit: MoneyUnit | None
    first: int | None = None
    last: int | None = None


@dataclass(frozen=True, slots=True)
class Header:
    cells: tuple[HeaderCell, ...]
    row_width: int | None  # cells in the header's table row; None for a header read from text

    @property
    def columns(self) -> list[HeaderColumn | None]:
        return [cell.column for cell in self.cells]

    @property
    def printed(self) -> list[TextCell]:
        return [cell.printed for cell in self.cells]

    def for_row(self, row: RowSpec, format_id: FormatId) -> list[tuple[HeaderColumn, MoneyUnit | None]]:
        """The header's columns that belong to ``row`` in ``format_id``, in printed order."""
        return [
            (cell.column, cell.unit)
            for cell in self.cells
            if cell.column is not None and _belongs(cell.column, row, format_id)
        ]

    def at(self, position: int, row: RowSpec, format_id: FormatId) -> HeaderCell | None:
        """The header cell above table cell ``position``, if it names a column of ``row``."""
        for cell in self.cells:
            if cell.first is None or cell.last is None or not cell.first <= position <= cell.last:
                continue
            if cell.column is not None and _belongs(cell.column, row, format_id):
                return cell
            return None
        return None


def _belongs(column: HeaderColumn, row: RowSpec, format_id: FormatId) -> bool:
    return column.format_id is format_id and column.column.id in row.column_ids


def read_header(cells: list[TextCell], offset: int | None, row_width: int | None) -> Header:
    """The columns named by the cells after ``信息内容`` (``offset``: index of the first in its row)."""
    found: list[HeaderCell] = []
    position = 0
    while position < len(cells):
        if is_blank(cells[position]):
            position += 1
            continue
        best: tuple[int, HeaderColumn, MoneyUnit | None] | None = None
        text = ""
        for end in range(position + 1, min(len(cells), position + MAX_SPAN) + 1):
            if is_blank(cells[end - 1]):
                break
            text += cells[end - 1].text
            column, unit = _column(text)
            if column is not None:
                best = (end, column, unit)
        first = None if offset is None else offset + position
        if best is None:
            found.append(HeaderCell(None, cells[position], None, first, first))
            position += 1
            continue
        end, column, unit = best
        printed = TextCell("".join(cell.text for cell in cells[position:end]), cells[position].source)
        last = None if offset is None else offset + end - 1
        found.append(HeaderCell(column, printed, unit, first, last))
        position = end
    return Header(tuple(found), row_width)


def _column(text: str) -> tuple[HeaderColumn | None, MoneyUnit | None]:
    hit = COLUMNS.match(text)
    if hit is not None:
        return hit.target, None
    key = normalise(text)
    suffix = _UNIT_SUFFIX.search(key)
    if suffix is None:
        return None, None
    hit = COLUMNS.match(key[: suffix.start()])
    if hit is None:
        return None, None
    return hit.target, MoneyUnit(suffix.group(1))
