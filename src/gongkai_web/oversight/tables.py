"""A reading shown as the national tables, each data cell knowing where it was printed in the source.

The layout is the core's (`gongkai.annual.render.layout.grid`, the one the HTML, Word and PDF
writers draw); this module only joins each data cell with its provenance (`SourceRef`) and with
the finding a supervisor opened, and marks the cells that differ from another year's report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.annual import jsonio
from gongkai.annual.findings import Severity, SourceRef
from gongkai.annual.model import AnnualReport, Cell
from gongkai.annual.render.layout import GridCell, grid


@dataclass(frozen=True, slots=True)
class CellView:
    text: str
    tag: str  # td for a figure, th for a label
    role: str
    rowspan: int
    colspan: int
    where: str = ""  # canonical location of a figure
    source: str = ""  # where the figure was printed, e.g. 第323行第1列
    highlighted: bool = False  # the cell the opened finding is about
    changed: bool = False  # differs from the compared report


@dataclass(frozen=True, slots=True)
class TableView:
    title: str
    rows: list[list[CellView]]


@dataclass(frozen=True, slots=True)
class FindingView:
    number: int  # 1-based position in the reading's findings, the page's ``?finding=``
    code: str
    severity: Severity
    where: str
    message: str
    source: str  # where it was printed, in words ("" if the reader does not know)
    target: str  # the location of the cell it points at in the tables ("" if none)
    cross_year: bool = False  # found against the body's report the year before (`crossyear`)


def source_text(source: Mapping[str, int] | None) -> str:
    return "" if not source else str(SourceRef(**source))


def report_of(report_json: str) -> AnnualReport:
    return jsonio.loads(report_json)


def locations(report: AnnualReport) -> list[str]:
    """Every data cell's canonical location, in the order the tables print them."""
    return [cell.data.where for table in report.tables for cell in grid(table).cells if cell.data is not None]


def finding_views(
    findings: list[dict[str, Any]], provenance: Mapping[str, Mapping[str, int]], cells: list[str]
) -> list[FindingView]:
    """The findings, each with the cell it points at: its own location if that is a cell; else the
    cell printed where the finding's source says; else the first cell of the row it names."""
    known = set(cells)
    printed_at = {
        tuple(sorted(source.items())): where for where, source in provenance.items() if where in known
    }
    views = []
    for number, finding in enumerate(findings, start=1):
        where, source = finding.get("where", ""), finding.get("source")
        if where in known:
            target = where
        elif source and tuple(sorted(source.items())) in printed_at:
            target = printed_at[tuple(sorted(source.items()))]
        else:
            target = next((cell for cell in cells if where and cell.startswith(where + ".")), "")
        views.append(
            FindingView(
                number,
                finding["code"],
                Severity(finding["severity"]),
                where,
                finding["message"],
                source_text(source),
                target,
            )
        )
    return views


def table_views(
    report: AnnualReport,
    provenance: Mapping[str, Mapping[str, int]],
    *,
    highlighted: str = "",
    other: AnnualReport | None = None,
) -> list[TableView]:
    """The report's tables for a page; ``highlighted`` marks a cell (and the cells of a row it names);
    ``other`` marks the cells whose figure differs from the same cell of another report."""
    compared = _cells(other) if other is not None else {}
    views = []
    for table in report.tables:
        layout = grid(table)
        rows = [
            [_cell(cell, provenance, highlighted, compared, other is not None) for cell in cells]
            for _, cells in layout.rows()
        ]
        views.append(TableView(table.spec.title.text, rows))
    return views


def _cells(report: AnnualReport) -> dict[str, Cell]:
    return {
        cell.data.where: cell.data.cell
        for table in report.tables
        for cell in grid(table).cells
        if cell.data is not None
    }


def _cell(
    cell: GridCell,
    provenance: Mapping[str, Mapping[str, int]],
    highlighted: str,
    compared: dict[str, Cell],
    comparing: bool,
) -> CellView:
    if cell.data is None:
        return CellView(cell.text, "th", cell.role.value, cell.rowspan, cell.colspan)
    where = cell.data.where
    other = compared.get(where)
    changed = comparing and (other is None or _figure(other) != _figure(cell.data.cell))
    return CellView(
        cell.text,
        "td",
        cell.role.value,
        cell.rowspan,
        cell.colspan,
        where=where,
        source=source_text(provenance.get(where)),
        highlighted=bool(highlighted) and (where == highlighted),
        changed=changed,
    )


def _figure(cell: Cell) -> tuple[object, ...]:
    return (cell.value, cell.text, cell.unit)
