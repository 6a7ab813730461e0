"""The annual report as typed, immutable data.

A `Table` holds one `Cell` for every (row id, column id) of its `TableSpec`, in the spec's
order. A cell is blank (nothing printed), a number, or text that is not a number (``增``);
the three are distinct because a published report is judged on what it prints. Money keeps
its unit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from gongkai.formats import (
    FORMAT_2019,
    FORMAT_2021,
    FormatId,
    MoneyUnit,
    RowSpec,
    TableId,
    TableSpec,
    ValueKind,
)

Number = int | Decimal
MIXED: Literal["mixed"] = "mixed"
ReportFormatName = FormatId | Literal["mixed"]


def format_label(name: str) -> str:
    """A report's format as a clerk names it: 2021年格式, 2019年格式, or 混用两种格式 for tables of both."""
    return "混用两种格式" if name == MIXED else f"{name}年格式"


class CellState(StrEnum):
    BLANK = "blank"
    NUMBER = "number"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell. Build with `Cell.number`, `Cell.blank` or `Cell.printed`."""

    value: Number | None = None
    text: str | None = None  # what was printed, for a cell that is not a number
    unit: MoneyUnit | None = None  # for money

    def __post_init__(self) -> None:
        if self.value is not None and self.text is not None:
            raise ValueError("a cell holds a number or a text, not both")
        if isinstance(self.value, bool):
            raise TypeError("a cell value is a number, not a bool")
        if self.unit is not None and self.value is None:
            raise ValueError("only a number has a unit")

    @classmethod
    def number(cls, value: Number, unit: MoneyUnit | None = None) -> Cell:
        return cls(value=value, unit=unit)

    @classmethod
    def blank(cls) -> Cell:
        return _BLANK

    @classmethod
    def printed(cls, text: str) -> Cell:
        """A cell whose printed text is not a number."""
        return cls(text=text)

    @property
    def state(self) -> CellState:
        if self.value is not None:
            return CellState.NUMBER
        if self.text is not None:
            return CellState.TEXT
        return CellState.BLANK

    @property
    def is_blank(self) -> bool:
        return self.state is CellState.BLANK

    def amount_in(self, unit: MoneyUnit) -> Decimal | None:
        """A money value converted to ``unit`` (exact decimal arithmetic)."""
        if self.value is None:
            return None
        source = self.unit or unit
        return Decimal(self.value) * source.in_yuan / unit.in_yuan

    def __str__(self) -> str:
        if self.value is not None:
            return f"{self.value}{self.unit or ''}"
        return self.text if self.text is not None else ""


_BLANK = Cell()

CellInput = Cell | Number | None


def as_cell(value: CellInput) -> Cell:
    """Accept plain numbers (and None for blank) where a cell is expected."""
    if isinstance(value, Cell):
        return value
    if value is None:
        return _BLANK
    return Cell.number(value)


@dataclass(frozen=True)
class Table:
    """All cells of one statistical table, keyed by (row id, column id) of its spec."""

    spec: TableSpec
    cells: tuple[Cell, ...]

    def __post_init__(self) -> None:
        if len(self.cells) != len(self.spec.keys):
            raise ValueError(
                f"table {self.spec.id.value!r} needs {len(self.spec.keys)} cells, got {len(self.cells)}"
            )

    @classmethod
    def blank(cls, spec: TableSpec) -> Table:
        return cls(spec, (_BLANK,) * len(spec.keys))

    @classmethod
    def from_rows(cls, spec: TableSpec, rows: Mapping[str, Mapping[str, CellInput]]) -> Table:
        """Build from ``{row id: {column id: value}}``; absent cells are blank, unknown ids fail."""
        values: dict[tuple[str, str], Cell] = {}
        for row_id, columns in rows.items():
            row = spec.row(row_id)
            for column_id, value in columns.items():
                row.column(column_id)
                values[(row_id, column_id)] = as_cell(value)
        return cls(spec, tuple(values.get(key, _BLANK) for key in spec.keys))

    @property
    def id(self) -> TableId:
        return self.spec.id

    def __getitem__(self, key: tuple[str, str]) -> Cell:
        try:
            return self.cells[self.spec.index[key]]
        except KeyError:
            raise KeyError(f"table {self.spec.id.value!r} has no cell {key!r}") from None

    def value(self, row_id: str, column_id: str) -> Number | None:
        """The number in a cell, or None when it is blank or not a number."""
        return self[(row_id, column_id)].value

    def count(self, row_id: str, column_id: str) -> Number:
        """The number in a cell, a blank cell read as 0 (spec C4); text also reads as 0."""
        value = self[(row_id, column_id)].value
        return 0 if value is None else value

    def row_cells(self, row_id: str) -> dict[str, Cell]:
        row = self.spec.row(row_id)
        return {column.id: self[(row_id, column.id)] for column in row.columns}

    def items(self) -> Iterator[tuple[RowSpec, str, Cell]]:
        for (row_id, column_id), cell in zip(self.spec.keys, self.cells, strict=True):
            yield self.spec.row(row_id), column_id, cell

    def with_cell(self, row_id: str, column_id: str, value: CellInput) -> Table:
        """A copy with one cell changed."""
        cells = list(self.cells)
        cells[self.spec.index[(row_id, column_id)]] = as_cell(value)
        return Table(self.spec, tuple(cells))

    def column_kind(self, row_id: str, column_id: str) -> ValueKind:
        return self.spec.row(row_id).column(column_id).kind


@dataclass(frozen=True, slots=True)
class Section:
    """One numbered part of the report as printed: its title line and its text."""

    number: str | None  # 一 … 六, or None for text before the first numbered section
    title: str
    text: str


@dataclass(frozen=True)
class AnnualReport:
    """A 政府信息公开工作年度报告: who, which year, the three tables and the text."""

    year: int | None = None
    agency: str | None = None
    proactive: Table | None = None
    applications: Table | None = None
    review_litigation: Table | None = None
    title: str | None = None
    sections: tuple[Section, ...] = field(default=())

    def __post_init__(self) -> None:
        for table_id in TableId:
            table = self.table(table_id)
            if table is not None and table.spec.id is not table_id:
                raise ValueError(f"{table_id.value} holds a {table.spec.id.value} table")

    @property
    def format(self) -> ReportFormatName | None:
        """2019, 2021 or mixed, from the tables that differ between the formats."""
        found = {
            format_id
            for table in (self.proactive, self.applications)
            if table is not None
            for format_id in _formats_of(table.spec)
        }
        if len(found) == 1:
            return found.pop()
        return MIXED if found else None

    def table(self, table_id: TableId) -> Table | None:
        match table_id:
            case TableId.PROACTIVE:
                return self.proactive
            case TableId.APPLICATIONS:
                return self.applications
            case TableId.REVIEW_LITIGATION:
                return self.review_litigation
        raise ValueError(table_id)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(table for table in (self.proactive, self.applications, self.review_litigation) if table)

    def section(self, number: str) -> Section | None:
        for section in self.sections:
            if section.number == number:
                return section
        return None

    def with_table(self, table: Table) -> AnnualReport:
        match table.spec.id:
            case TableId.PROACTIVE:
                return replace(self, proactive=table)
            case TableId.APPLICATIONS:
                return replace(self, applications=table)
            case TableId.REVIEW_LITIGATION:
                return replace(self, review_litigation=table)
        raise ValueError(table.spec.id)

    def with_cell(self, table_id: TableId, row_id: str, column_id: str, value: CellInput) -> AnnualReport:
        """A copy with one cell changed (what a test of a check does)."""
        table = self.table(table_id)
        if table is None:
            raise KeyError(f"the report has no {table_id.value} table")
        return self.with_table(table.with_cell(row_id, column_id, value))


def _formats_of(spec: TableSpec) -> tuple[FormatId, ...]:
    return tuple(
        report_format.id
        for report_format in (FORMAT_2019, FORMAT_2021)
        if report_format.table(spec.id) is spec
    )
