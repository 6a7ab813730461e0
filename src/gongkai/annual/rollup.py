"""Roll-up (层级汇总): does a government's aggregate report equal the sum of its subordinates'?

A 政务公开办 holds a people's government's report that covers its whole administration and the
reports of the bodies under it (departments, townships) for the same year. Summing the
subordinates' tables cell by cell and comparing with the aggregate finds figures lost or
double-counted on the way up.

The national formats (〔2019〕60号, 〔2021〕30号) and the project spec say nothing about
aggregation: whether a government's report sums its subordinates' and which bodies it covers
(its own 本级 figures among them) is the office's convention. So a difference is a warning,
and the caller chooses the subordinates — passing the government's own 本级 report as one of
them when the aggregate includes it.

What sums is derived from the taxonomy: every column of the national formats is a count, a
signed count (2019 本年增/减) or an amount (`ValueKind`), so every cell sums — counts as
integers, amounts as exact decimals converted to one unit (a column's fixed unit, e.g. 万元
for 2021 二（八）, else the unit the aggregate prints, else 元). A cell is compared only when
every summed subordinate's table has it too (same row id, column id and kind): a subordinate
in the other format leaves the cells its format lacks uncompared, and says so once.

Blank and 0: a blank cell reads as 0 (spec C4), on both sides, so a blank aggregate beside
subordinates that print 0 or nothing is consistent; a blank aggregate beside subordinates
that print numbers is a difference, and the finding says the aggregate was blank. A cell that
holds text (``增``) is unknown: the comparison involving it is skipped, as in the balance rules
(the report's own C4 reports it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from gongkai.annual.checks import messages
from gongkai.annual.codes import RollupCode, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import AnnualReport, Cell, CellState, Number, ReportFormatName, Table
from gongkai.formats import FORMATS, ColumnSpec, FormatId, MoneyUnit, TableSpec, ValueKind

_ZERO: Number = 0


@dataclass(frozen=True, slots=True)
class Contribution:
    """One subordinate's cell in a sum: as printed, and as the number added (None when blank)."""

    body: str
    cell: Cell
    amount: Number | None


@dataclass(frozen=True, slots=True)
class RollupDifference:
    """An aggregate cell that is not the sum of the subordinates' cells."""

    table: TableSpec
    row_id: str
    column_id: str
    aggregate: Cell  # as printed
    total: Number  # the subordinates' sum, in ``unit`` for money
    unit: MoneyUnit | None  # the unit of money compared; None for counts
    contributions: tuple[Contribution, ...]  # every summed subordinate, in the order given

    @property
    def where(self) -> str:
        return self.table.where(self.row_id, self.column_id)

    @property
    def aggregate_amount(self) -> Number:
        """The aggregate's number in the compared unit, a blank cell read as 0."""
        amount = _amount(self.aggregate, self.table.row(self.row_id).column(self.column_id), self.unit)
        return _ZERO if amount is None else amount

    @property
    def difference(self) -> Number:
        """Aggregate minus the sum: positive when the aggregate reports more."""
        return self.aggregate_amount - self.total

    @property
    def contributors(self) -> tuple[Contribution, ...]:
        """The subordinates whose cell added something (a non-zero number)."""
        return tuple(part for part in self.contributions if part.amount)

    def to_json(self) -> dict[str, Any]:
        """The figures of the difference: amounts in ``unit`` (exact decimals as text), a blank
        aggregate as null, and each subordinate that added something with its amount."""
        return {
            "aggregate": None if self.aggregate.is_blank else _plain(self.aggregate_amount),
            "sum": _plain(self.total),
            "difference": _plain(self.difference),
            "unit": None if self.unit is None else self.unit.value,
            "subordinates": [
                {"body": part.body, "value": _plain(part.amount or _ZERO)} for part in self.contributors
            ],
        }


@dataclass(frozen=True)
class Rollup:
    """The outcome of comparing an aggregate report with its subordinates' reports."""

    differences: tuple[RollupDifference, ...]
    findings: tuple[Finding, ...]  # about the inputs first (year, format, tables), then each difference
    summed: tuple[str, ...]  # the subordinates whose figures were summed
    compared_cells: int  # aggregate cells compared with a sum

    def records(self) -> Iterator[dict[str, Any]]:
        """Each finding as a JSON object, in order; a difference's also carries its figures
        (`RollupDifference.to_json`)."""
        for found in self.findings:
            if found.code != RollupCode.ROLLUP:
                yield found.to_json()
        for difference in self.differences:
            yield _difference_finding(difference, len(self.summed)).to_json() | difference.to_json()


def roll_up(aggregate: AnnualReport, subordinates: Mapping[str, AnnualReport]) -> Rollup:
    """Compare ``aggregate`` cell by cell with the sum of ``subordinates`` (body name → report).

    Subordinates of another report year are reported (``ROLLUP-YEAR``) and left out of the
    sums; a year that either report does not state is trusted. The aggregate's tables are
    compared only where every summed subordinate has the table (else ``ROLLUP-TABLE-MISSING``)
    and, within it, the cell (else ``ROLLUP-FORMAT``).
    """
    findings = list(_year_findings(aggregate, subordinates))
    summed = {body: report for body, report in subordinates.items() if not _other_year(aggregate, report)}
    for body, report in summed.items():
        findings.extend(_input_findings(aggregate, body, report))
    differences: list[RollupDifference] = []
    compared = 0
    for table in aggregate.tables:
        parts = [(body, report.table(table.id)) for body, report in summed.items()]
        present = [(body, part) for body, part in parts if part is not None]
        if len(present) < len(parts):
            continue
        for difference in _compared_cells(table, present):
            compared += 1
            if difference.difference != 0:
                differences.append(difference)
    findings.extend(_difference_finding(difference, len(summed)) for difference in differences)
    return Rollup(tuple(differences), tuple(findings), tuple(summed), compared)


def body_names(reports: Sequence[tuple[Path, AnnualReport]]) -> dict[str, AnnualReport]:
    """Reports read from files, by the body that issued them: the agency the report prints,
    else the file's name. A name several reports share is followed by each one's path as given,
    so that none is lost: 淮安市洪泽区人民政府（甲/017.txt）. Paths must differ."""
    names = [report.agency or path.name for path, report in reports]
    shared = {name for name, count in Counter(names).items() if count > 1}
    named = {
        f"{name}（{path}）" if name in shared else name: report
        for name, (path, report) in zip(names, reports, strict=True)
    }
    if len(named) < len(reports):
        raise ValueError("the same file is given twice")
    return named


def _plain(value: Number) -> int | str:
    """A number for JSON: an integer as is, a decimal as its exact text."""
    return messages.amount(value) if isinstance(value, Decimal) else value


def _other_year(aggregate: AnnualReport, report: AnnualReport) -> bool:
    return aggregate.year is not None and report.year is not None and report.year != aggregate.year


def _year_findings(aggregate: AnnualReport, subordinates: Mapping[str, AnnualReport]) -> Iterator[Finding]:
    for body, report in subordinates.items():
        if _other_year(aggregate, report):
            yield finding(
                RollupCode.ROLLUP_YEAR,
                "",
                messages.ROLLUP_YEAR.format(body=body, actual=report.year, expected=aggregate.year),
                expected=aggregate.year,
                actual=report.year,
            )


def _input_findings(aggregate: AnnualReport, body: str, report: AnnualReport) -> Iterator[Finding]:
    """What keeps part of the aggregate from being compared: another format, a missing table."""
    if aggregate.format is not None and report.format is not None and report.format != aggregate.format:
        uncompared = sum(
            1
            for table in aggregate.tables
            if (part := report.table(table.id)) is not None
            for row, column_id, _ in table.items()
            if not _has_cell(part, row.id, row.column(column_id))
        )
        yield finding(
            RollupCode.ROLLUP_FORMAT,
            "",
            messages.ROLLUP_FORMAT.format(
                body=body,
                actual=_format_name(report.format),
                expected=_format_name(aggregate.format),
                count=uncompared,
            ),
            expected=str(aggregate.format),
            actual=str(report.format),
        )
    for table in aggregate.tables:
        if report.table(table.id) is None:
            yield finding(
                RollupCode.ROLLUP_TABLE_MISSING,
                table.id.value,
                messages.ROLLUP_TABLE_MISSING.format(body=body, number=table.spec.number),
            )


def _format_name(name: ReportFormatName) -> str:
    if isinstance(name, FormatId):
        return messages.ROLLUP_FORMAT_NOTICE.format(notice=FORMATS[name].notice)
    return messages.ROLLUP_FORMAT_MIXED


def _has_cell(table: Table, row_id: str, column: ColumnSpec) -> bool:
    spec = table.spec
    return (row_id, column.id) in spec.index and spec.row(row_id).column(column.id).kind is column.kind


def _compared_cells(table: Table, parts: Sequence[tuple[str, Table]]) -> Iterator[RollupDifference]:
    """Each cell of ``table`` that can be compared, with its sum (its difference may be 0)."""
    for row, column_id, cell in table.items():
        column = row.column(column_id)
        if not all(_has_cell(part, row.id, column) for _, part in parts):
            continue
        cells = [(body, part[(row.id, column_id)]) for body, part in parts]
        if cell.state is CellState.TEXT or any(part.state is CellState.TEXT for _, part in cells):
            continue
        unit = _unit(column, cell)
        contributions = tuple(Contribution(body, part, _amount(part, column, unit)) for body, part in cells)
        total = sum((part.amount for part in contributions if part.amount is not None), start=_ZERO)
        yield RollupDifference(table.spec, row.id, column_id, cell, total, unit, contributions)


def _unit(column: ColumnSpec, aggregate: Cell) -> MoneyUnit | None:
    if column.kind is not ValueKind.MONEY:
        return None
    return column.unit or aggregate.unit or MoneyUnit.YUAN


def _amount(cell: Cell, column: ColumnSpec, unit: MoneyUnit | None) -> Number | None:
    """The number a cell adds to a sum; None when it is blank (or text)."""
    match column.kind:
        case ValueKind.COUNT | ValueKind.SIGNED_COUNT:
            return cell.value
        case ValueKind.MONEY:
            return cell.amount_in(unit or MoneyUnit.YUAN)
    raise ValueError(column.kind)


def _difference_finding(difference: RollupDifference, summed: int) -> Finding:
    spec = difference.table
    unit = "" if difference.unit is None else difference.unit.value
    shown = difference.contributors[: messages.ROLLUP_PARTS_SHOWN]
    parts = messages.LIST_SEPARATOR.join(
        messages.ROLLUP_PART.format(body=part.body, value=messages.amount(part.amount or _ZERO) + unit)
        for part in shown
    )
    if len(difference.contributors) > len(shown):
        parts += messages.MORE_CELLS
    blank = sum(1 for part in difference.contributions if part.cell.is_blank)
    gap = difference.difference
    text = messages.ROLLUP.format(
        cell=spec.describe(difference.row_id, difference.column_id),
        aggregate=messages.ROLLUP_BLANK
        if difference.aggregate.is_blank
        else messages.amount(difference.aggregate_amount) + unit,
        count=summed,
        total=messages.amount(difference.total) + unit,
        direction=messages.ROLLUP_MORE if gap > 0 else messages.ROLLUP_LESS,
        difference=messages.amount(gap if gap > 0 else -gap) + unit,
        parts=parts or messages.ROLLUP_NO_PART,
    )
    if blank:
        text += messages.ROLLUP_BLANK_PARTS.format(count=blank)
    return finding(
        RollupCode.ROLLUP,
        difference.where,
        text,
        expected=difference.total,
        actual=None if difference.aggregate.is_blank else difference.aggregate_amount,
    )


__all__ = ["Contribution", "Rollup", "RollupDifference", "body_names", "roll_up"]
