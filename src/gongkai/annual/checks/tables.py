"""Rules on one report's tables: valid cells (C4) and the balances of sections 二, 三, 四.

A balance rule reads a blank cell as 0 (spec C4) but skips an identity that involves a
cell holding text such as ``增``: that cell is unknown, C4 already reports it, and an
imbalance computed with it would mislead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from gongkai.annual.checks import messages
from gongkai.annual.codes import Code, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import AnnualReport, Cell, CellState, Number, Table
from gongkai.formats import MoneyUnit, RowSpec, ValueKind
from gongkai.formats.national import PROACTIVE_2021, RESULTS

# Canonical ids (spec/report-json.md) the rules name.
TOTAL = "total"
NEW_RECEIVED = "new_received"
CARRIED_OVER = "carried_over"
CARRIED_FORWARD = "carried_forward"
PARTIALLY_GRANTED = "partially_granted"
OUTCOME_PARTS = ("upheld", "corrected", "other", "pending")  # section 四, each block
PUBLISHED = "published"  # 2019 二（一）
TOTAL_PUBLIC = "total_public"
FEE_AMOUNT = "amount_wan_yuan"  # 2021 二（八）

# C15 is a heuristic (spec §3 C15, an inference, not a statutory rule): 二（八） is in 万元
# (国办公开办函〔2021〕30号), and an amount a body could only have meant in 元 shows as an
# implausibly large number of 万元. What is implausible depends on the body's level.
FEE_SUSPECT_WAN_YUAN = Decimal(10_000)  # 1 亿元 a year: beyond a department or a township
# A city or county people's government reports the fees of its whole administration: 淮安市人民政府
# printed 96 171.6 万元 for 2024, rightly, so its threshold is 10 亿元.
GOVERNMENT_FEE_SUSPECT_WAN_YUAN = Decimal(100_000)
# Provincial-level and central bodies are not checked: no threshold separates 元 from 万元 there.
_CENTRAL = re.compile(r"^(?:国务院|国家|中华人民共和国|中国)")
_PROVINCIAL = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,6}?自治区|北京市|天津市|上海市|重庆市)"
)
# What makes a name below provincial level once the province is stripped: 武汉市…, …区…, …县….
# 市场/市政/市容/城市 and 城乡 are words, not units.
_LOWER_UNIT = re.compile(r"(?<!城)市(?!场|政|容)|[县区州盟旗镇]|(?<!城)乡|街道")
_GOVERNMENT = re.compile(r"人民政府(?:办公室|办公厅)?$")


def c4_cell_values(report: AnnualReport) -> Iterator[Finding]:
    """Every cell holds a valid number for its column kind (spec C4)."""
    for table in report.tables:
        for row, column_id, cell in table.items():
            kind = row.column(column_id).kind
            where = table.spec.where(row.id, column_id)
            cell_name = table.spec.describe(row.id, column_id)
            if cell.state is CellState.TEXT:
                yield finding(
                    Code.C4,
                    where,
                    messages.CELL_TEXT.format(cell=cell_name, kind=messages.VALUE_KIND[kind], text=cell.text),
                    expected=messages.VALUE_KIND[kind],
                    actual=cell.text,
                )
            elif cell.value is not None and not _valid(cell.value, kind):
                yield finding(
                    Code.C4,
                    where,
                    messages.CELL_NUMBER.format(
                        cell=cell_name, kind=messages.VALUE_KIND[kind], value=messages.amount(cell.value)
                    ),
                    expected=messages.VALUE_KIND[kind],
                    actual=cell.value,
                )


def c4_blank_cells(report: AnnualReport) -> Iterator[Finding]:
    """One note per table that has blank cells: they are read as 0, which may not be meant."""
    for table in report.tables:
        blank = [key for key, cell in zip(table.spec.keys, table.cells, strict=True) if cell.is_blank]
        if not blank:
            continue
        yield finding(
            Code.C4_BLANK,
            table.spec.id.value,
            messages.BLANK_CELLS.format(
                number=table.spec.number, count=len(blank), cells=messages.cells(table.spec, blank)
            ),
            actual=len(blank),
        )


def c1_received_equals_handled(report: AnnualReport) -> Iterator[Finding]:
    """Section 三, every column: 一 + 二 = （七）总计 + 四 (the 勾稽 note printed in the table)."""
    table = report.applications
    if table is None:
        return
    spec = table.spec
    for column_id in spec.row(TOTAL).column_ids:
        figures = numbers_of(
            table, [(row_id, column_id) for row_id in (NEW_RECEIVED, CARRIED_OVER, TOTAL, CARRIED_FORWARD)]
        )
        if figures is None:
            continue
        received, carried_over, total, carried_forward = figures
        expected = received + carried_over - carried_forward
        if total == expected:
            continue
        yield finding(
            Code.C1,
            spec.where(TOTAL, column_id),
            messages.C1.format(
                cell=spec.describe(TOTAL, column_id),
                expected=messages.amount(expected),
                actual=messages.amount(total),
                first=messages.numeral(spec.row(NEW_RECEIVED)),
                second=messages.numeral(spec.row(CARRIED_OVER)),
                received=messages.amount(received + carried_over),
                forward=messages.numeral(spec.row(CARRIED_FORWARD)),
                carried_forward=messages.amount(carried_forward),
            ),
            expected=expected,
            actual=total,
        )


def c2_total_of_outcomes(report: AnnualReport) -> Iterator[Finding]:
    """Section 三, every column: （七）总计 = the sum of all result rows (2021: （六）1–3; 2019: （六））."""
    table = report.applications
    if table is None:
        return
    spec = table.spec
    for column_id in spec.row(TOTAL).column_ids:
        outcomes = numbers_of(table, [(row.id, column_id) for row in spec.outcome_rows])
        total = numbers_of(table, [(TOTAL, column_id)])
        if outcomes is None or total is None:
            continue
        expected = sum(outcomes, start=_ZERO)
        if total[0] == expected:
            continue
        yield finding(
            Code.C2,
            spec.where(TOTAL, column_id),
            messages.C2.format(
                cell=spec.describe(TOTAL, column_id),
                expected=messages.amount(expected),
                actual=messages.amount(total[0]),
                results=RESULTS.label.text,
            ),
            expected=expected,
            actual=total[0],
        )


def c3_row_total(report: AnnualReport) -> Iterator[Finding]:
    """Section 三, every row: 总计 = the sum of the six applicant columns."""
    table = report.applications
    if table is None:
        return
    for row, parts, expected, actual in _row_totals(
        table, lambda row: [c.id for c in row.columns if c.id != TOTAL]
    ):
        yield finding(
            Code.C3,
            table.spec.where(row.id, TOTAL),
            messages.C3.format(
                cell=table.spec.describe(row.id, TOTAL),
                expected=messages.amount(expected),
                actual=messages.amount(actual),
                first_column=row.column(parts[0]).title,
                last_column=row.column(parts[-1]).title,
            ),
            expected=expected,
            actual=actual,
        )


def _row_totals(
    table: Table, parts_of: Callable[[RowSpec], list[str]]
) -> Iterator[tuple[RowSpec, list[str], Number, Number]]:
    """Rows whose 总计 is not the sum of their parts: (row, part columns, sum, printed total).

    Rows whose parts or total hold text are skipped (C4 reports the cell)."""
    for row in table.spec.rows:
        columns = parts_of(row)
        parts = numbers_of(table, [(row.id, column_id) for column_id in columns])
        total = numbers_of(table, [(row.id, TOTAL)])
        if parts is None or total is None:
            continue
        expected = sum(parts, start=_ZERO)
        if total[0] != expected:
            yield row, columns, expected, total[0]


def c5_counted_once(report: AnnualReport) -> Iterator[Finding]:
    """Section 三, every column: the result rows cannot hold more applications than 一 + 二 − 四.

    Each application lands in exactly one result row; one handled by severance counts only as
    （二）部分公开 (the row's own label). More results than applications means double counting.
    """
    table = report.applications
    if table is None:
        return
    spec = table.spec
    for column_id in spec.row(TOTAL).column_ids:
        outcomes = numbers_of(table, [(row.id, column_id) for row in spec.outcome_rows])
        heads = numbers_of(
            table, [(row_id, column_id) for row_id in (NEW_RECEIVED, CARRIED_OVER, CARRIED_FORWARD)]
        )
        if outcomes is None or heads is None:
            continue
        received, carried_over, carried_forward = heads
        available = received + carried_over - carried_forward
        counted = sum(outcomes, start=_ZERO)
        if counted <= available:
            continue
        yield finding(
            Code.C5,
            spec.where(TOTAL, column_id),
            messages.C5.format(
                number=spec.number,
                column=spec.row(TOTAL).column(column_id).title,
                actual=messages.amount(counted),
                expected=messages.amount(available),
                first=messages.numeral(spec.row(NEW_RECEIVED)),
                second=messages.numeral(spec.row(CARRIED_OVER)),
                forward=messages.numeral(spec.row(CARRIED_FORWARD)),
                received=messages.amount(received),
                carried_over=messages.amount(carried_over),
                carried_forward=messages.amount(carried_forward),
                partial=spec.row(PARTIALLY_GRANTED).label.text,
            ),
            expected=available,
            actual=counted,
        )


def c7_review_litigation_totals(report: AnnualReport) -> Iterator[Finding]:
    """Section 四, each block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    table = report.review_litigation
    if table is None:
        return
    for row, parts, expected, actual in _row_totals(table, lambda row: list(OUTCOME_PARTS)):
        values = numbers_of(table, [(row.id, column_id) for column_id in parts]) or []
        yield finding(
            Code.C7,
            table.spec.where(row.id, TOTAL),
            messages.C7.format(
                cell=table.spec.describe(row.id, TOTAL),
                expected=messages.amount(expected),
                actual=messages.amount(actual),
                parts=messages.PLUS.join(
                    messages.C7_PART.format(column=row.column(column_id).title, value=messages.amount(value))
                    for column_id, value in zip(parts, values, strict=True)
                ),
            ),
            expected=expected,
            actual=actual,
        )


def c11_total_public_covers_published(report: AnnualReport) -> Iterator[Finding]:
    """2019 二（一）: 对外公开总数量 ≥ 本年新公开数量 (the total includes this year's)."""
    table = report.proactive
    if table is None:
        return
    spec = table.spec
    for row in spec.rows:
        if not {PUBLISHED, TOTAL_PUBLIC} <= set(row.column_ids):
            continue
        figures = numbers_of(table, [(row.id, PUBLISHED), (row.id, TOTAL_PUBLIC)])
        if figures is None:
            continue
        published, total_public = figures
        if total_public >= published:
            continue
        yield finding(
            Code.C11,
            spec.where(row.id, TOTAL_PUBLIC),
            messages.C11.format(
                cell=spec.describe(row.id, TOTAL_PUBLIC),
                actual=messages.amount(total_public),
                expected=messages.amount(published),
                published=row.column(PUBLISHED).title,
                total_public=row.column(TOTAL_PUBLIC).title,
            ),
            expected=published,
            actual=total_public,
        )


def c15_fee_unit(report: AnnualReport) -> Iterator[Finding]:
    """2021 二（八） is in 万元: warn of an amount that only makes sense in 元 (a heuristic)."""
    table = report.proactive
    if table is None or table.spec is not PROACTIVE_2021:
        return
    threshold = fee_threshold(report.agency)
    if threshold is None:
        return
    spec = table.spec
    for row in spec.rows:
        if FEE_AMOUNT not in row.column_ids:
            continue
        column = row.column(FEE_AMOUNT)
        unit = column.unit or MoneyUnit.WAN_YUAN
        value = table[(row.id, FEE_AMOUNT)].amount_in(unit)
        if value is None or value < threshold:
            continue
        yield finding(
            Code.C15,
            spec.where(row.id, FEE_AMOUNT),
            messages.C15.format(
                cell=spec.describe(row.id, FEE_AMOUNT),
                value=messages.amount(value),
                unit=unit.value,
                in_yuan=messages.amount(value * unit.in_yuan),
                base_unit=MoneyUnit.YUAN.value,
                agency=report.agency or messages.THIS_BODY,
                threshold=messages.amount(threshold),
            ),
            expected=threshold,
            actual=value,
        )


def fee_threshold(agency: str | None) -> Decimal | None:
    """The C15 threshold in 万元 for a body, or None when no threshold applies (see above)."""
    if agency is None:
        return GOVERNMENT_FEE_SUSPECT_WAN_YUAN
    if _CENTRAL.match(agency):
        return None
    provincial = _PROVINCIAL.match(agency)
    if provincial is not None and not _LOWER_UNIT.search(agency[provincial.end() :]):
        return None
    if _GOVERNMENT.search(agency):
        return GOVERNMENT_FEE_SUSPECT_WAN_YUAN
    return FEE_SUSPECT_WAN_YUAN


_ZERO: Number = 0


def numbers_of(table: Table, keys: Sequence[tuple[str, str]]) -> list[Number] | None:
    """The cells' numbers, blank read as 0; None when any cell holds text (it is unknown)."""
    cells: list[Cell] = [table[key] for key in keys]
    if any(cell.state is CellState.TEXT for cell in cells):
        return None
    return [_ZERO if cell.value is None else cell.value for cell in cells]


def _valid(value: Number, kind: ValueKind) -> bool:
    match kind:
        case ValueKind.COUNT:
            return _integral(value) and value >= 0
        case ValueKind.SIGNED_COUNT:
            return _integral(value)
        case ValueKind.MONEY:
            return (not isinstance(value, Decimal) or value.is_finite()) and value >= 0
    raise ValueError(kind)


def _integral(value: Number) -> bool:
    if isinstance(value, Decimal):
        return value.is_finite() and value == value.to_integral_value()
    return True
