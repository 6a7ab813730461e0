"""What every table reader shares: collected observations and the findings about rows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding, SourceRef
from gongkai.annual.model import Cell, Table
from gongkai.annual.parse.cells import Alignment, align, row_total_identity, to_cell, variant_finding
from gongkai.annual.parse.document import TextCell
from gongkai.annual.parse.numbers import read_cell
from gongkai.formats import MoneyUnit, RowSpec, TableSpec


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

    def table(self) -> Table:
        return Table(self.spec, tuple(self.cells.get(key, Cell.blank()) for key in self.spec.keys))

    def label(self, row: RowSpec, observation: RowObservation) -> None:
        where = self.spec.where(row.id)
        self.provenance[where] = observation.source
        found = variant_finding(row.label, observation.printed_label, where, f"第{self.spec.number}项的行名")
        if found is not None:
            self.findings.append(_with_source(found, observation.source))

    def put(
        self, row: RowSpec, column_id: str, value: TextCell, header_unit: MoneyUnit | None = None
    ) -> None:
        where = self.spec.where(row.id, column_id)
        result = to_cell(read_cell(value.text), row.column(column_id), where, header_unit)
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
