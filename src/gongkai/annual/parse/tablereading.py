"""What every table reader shares: collected observations and the findings about rows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding, SourceRef
from gongkai.annual.model import Cell, Table
from gongkai.annual.parse.cells import Alignment, align, row_total_identity, to_cell, variant_finding
from gongkai.annual.parse.document import TextCell
from gongkai.annual.parse.numbers import read_cell
from gongkai.formats import MoneyUnit, RowSpec, TableId, TableSpec, ValueKind

# What reading a table had to recognise beyond clean table rows (named in ParseResult.layout).
FLATTENED = "flattened"  # values read from lines of text, not from table cells
GLUED_DIGITS = "glued-digits"  # numbers printed without separators, split by the identities
PLACED_BY_ORDER = "placed-by-order"  # values without their label, placed by the format's row order


@dataclass
class RowObservation:
    """A table row as printed: which row it is, its label as printed and its value cells."""

    row_id: str
    printed_label: str
    values: list[TextCell]
    source: SourceRef
    fuzzy: bool = False


@dataclass
class TableReading:
    """Cells, provenance and findings gathered while reading one table."""

    spec: TableSpec
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    provenance: dict[str, SourceRef] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    seen_rows: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)  # how the layout was read: FLATTENED, GLUED_DIGITS…

    def table(self) -> Table:
        return Table(self.spec, tuple(self.cells.get(key, Cell.blank()) for key in self.spec.keys))

    def label(self, row: RowSpec, observation: RowObservation) -> None:
        """Note where the row was read, and report a label printed other than the national text."""
        where = self.spec.where(row.id)
        self.provenance[where] = observation.source
        if not observation.printed_label.strip():
            return  # values placed without a label of their own
        found = variant_finding(row.label, observation.printed_label, where, f"第{self.spec.number}项的行名")
        if found is not None:
            self.findings.append(_with_source(found, observation.source))

    def put(
        self, row: RowSpec, column_id: str, value: TextCell, header_unit: MoneyUnit | None = None
    ) -> None:
        where = _where(self.spec.id, row.id, column_id)
        reading = read_cell(value.text)
        column = row.column(column_id)
        if isinstance(reading.number, int) and reading.unit is None and column.kind is not ValueKind.MONEY:
            # The common case, a plain count: no unit to convert, nothing to report.
            self.cells[(row.id, column_id)] = _count(reading.number)
            self.provenance[where] = value.source
            return
        result = to_cell(reading, column, where, header_unit)
        self.cells[(row.id, column_id)] = result.cell
        self.provenance[where] = value.source
        if result.finding is not None:
            self.findings.append(_with_source(result.finding, value.source))

    def put_row(self, row: RowSpec, observation: RowObservation, *, identity: bool) -> None:
        """Fit an observation's values to the row's columns; report rows that do not fit."""
        self.seen_rows.add(row.id)
        self.label(row, observation)
        result: Alignment = align(
            observation.values, len(row.columns), row_total_identity if identity else None
        )
        if result.values is None:
            self.findings.append(self.misfit(row, observation, result.problem or "short"))
            return
        for column, value in zip(row.columns, result.values, strict=True):
            self.put(row, column.id, value)

    def misfit(self, row: RowSpec, observation: RowObservation, problem: str) -> Finding:
        printed = [value.text.strip() for value in observation.values if value.text.strip()]
        width = len(row.columns)
        code, text = {
            "short": (ReaderCode.ROW_SHORT, f"只印了 {len(printed)} 个数值，本行应有 {width} 栏，未读取"),
            "long": (ReaderCode.ROW_LONG, f"印了 {len(printed)} 个数值，多于本行的 {width} 栏，未读取"),
            "ambiguous": (
                ReaderCode.ROW_AMBIGUOUS,
                f"有空白单元格，无法确定 {width} 个数值各属哪一栏，未读取",
            ),
        }[problem]
        return finding(
            code,
            self.spec.where(row.id),
            f"{self.spec.describe(row.id)}：{text}（印为：{' | '.join(printed) or '空'}）",
            expected=width,
            actual=len(printed),
            source=observation.source,
        )

    def finish(self) -> None:
        """Report the rows of the table's format that were never found."""
        for row in self.spec.rows:
            if row.id not in self.seen_rows:
                self.findings.append(
                    finding(
                        ReaderCode.ROW_MISSING,
                        self.spec.where(row.id),
                        f"未找到{self.spec.describe(row.id)}这一行",
                    )
                )


@lru_cache(maxsize=4096)
def _where(table_id: TableId, row_id: str, column_id: str) -> str:
    """``applications.total.natural_person``: the canonical location, built once per cell."""
    return f"{table_id.value}.{row_id}.{column_id}"


@lru_cache(maxsize=4096)
def _count(value: int) -> Cell:
    return Cell.number(value)


def _with_source(finding: Finding, source: SourceRef) -> Finding:
    return replace(finding, source=source)


def extra_row(table: TableSpec, printed: str, source: SourceRef) -> Finding:
    label = " ".join(printed.split())
    return finding(
        ReaderCode.ROW_EXTRA,
        table.id.value,
        f"第{table.number}项有国家格式之外的行“{label}”，未计入",
        actual=label,
        source=source,
    )


def missing_table(table: TableSpec) -> Finding:
    return finding(
        ReaderCode.TABLE_MISSING,
        table.id.value,
        f"未找到第{table.number}项“{table.title.text}”的统计表",
    )
