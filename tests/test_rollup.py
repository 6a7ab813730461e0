"""Roll-up (层级汇总): an aggregate report compared cell by cell with its subordinates' reports.

The subordinates are real published reports read from their documents (tests/data): 沭阳县人民政府
(corpus 001, large figures, a decimal fee in 万元), 沭阳县发展和改革局 (corpus 018, a Word-exported
page whose section 三 leaves most cells blank) and 卫辉市民政局 (seed 000, all zeros). They are
taken as one year's reports of bodies under one government; the aggregate is their exact sum,
which each test then breaks in one way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from gongkai.annual.findings import Severity
from gongkai.annual.model import AnnualReport, Cell, Number, Table
from gongkai.annual.parse import parse_path
from gongkai.annual.rollup import Contribution, roll_up
from gongkai.formats import MoneyUnit, TableId, ValueKind

DATA = Path(__file__).parent / "data"
YEAR = 2024
SUYANG = "沭阳县人民政府"
FAGAI = "沭阳县发展和改革局"
WEIHUI = "卫辉市民政局"
HONGZE = "淮安市洪泽区人民政府"
CELLS_2021 = 10 + 25 * 7 + 3 * 5  # section 二, 三 and 四 of the 2021 format


def read(path: str, year: int | None = YEAR) -> AnnualReport:
    return replace(parse_path(DATA / path).report, year=year)


@pytest.fixture(scope="module")
def subordinates() -> dict[str, AnnualReport]:
    return {
        SUYANG: read("corpus/001.md"),
        FAGAI: read("corpus/018.html"),
        WEIHUI: read("seeds/000_90c37852d1e90522.txt"),
    }


def summed(reports: Mapping[str, AnnualReport], agency: str = "某市人民政府") -> AnnualReport:
    """The aggregate a careful clerk would compile: each cell the sum of the subordinates' cells."""
    first = next(iter(reports.values()))
    tables = []
    for table in first.tables:
        cells = []
        for row, column_id, _ in table.items():
            column = row.column(column_id)
            parts = [report.table(table.id)[(row.id, column_id)] for report in reports.values()]
            if column.kind is ValueKind.MONEY:
                unit = column.unit or MoneyUnit.YUAN
                total: Number = sum((part.amount_in(unit) or Decimal(0) for part in parts), Decimal(0))
                cells.append(Cell.number(total, unit))
            else:
                cells.append(Cell.number(sum(part.value or 0 for part in parts)))
        tables.append(Table(table.spec, tuple(cells)))
    aggregate = AnnualReport(year=first.year, agency=agency)
    for table in tables:
        aggregate = aggregate.with_table(table)
    return aggregate


def test_an_aggregate_that_is_the_sum_of_its_subordinates_has_no_finding(subordinates):
    result = roll_up(summed(subordinates), subordinates)

    assert result.findings == ()
    assert result.differences == ()
    assert result.summed == (SUYANG, FAGAI, WEIHUI)
    assert result.compared_cells == CELLS_2021


def test_a_count_off_by_four_is_reported_at_its_cell_with_the_sum_and_the_contributors(subordinates):
    aggregate = summed(subordinates).with_cell(TableId.APPLICATIONS, "granted", "natural_person", 320)

    result = roll_up(aggregate, subordinates)

    [difference] = result.differences
    assert difference.where == "applications.granted.natural_person"
    assert (difference.aggregate_amount, difference.total, difference.difference) == (320, 316, 4)
    assert [(part.body, part.amount) for part in difference.contributors] == [(SUYANG, 290), (FAGAI, 26)]
    assert difference.contributions[2] == Contribution(WEIHUI, Cell.number(0), 0)
    [found] = result.findings
    assert found.to_json() == {
        "code": "ROLLUP",
        "severity": "warning",
        "where": "applications.granted.natural_person",
        "message": "第三项第（一）予以公开·自然人 汇总报告为 320，3 份下级报告之和为 316，汇总报告多 4："
        f"{SUYANG} 290、{FAGAI} 26",
        "expected": 316,
        "actual": 320,
    }


def test_fee_amounts_in_wan_yuan_are_summed_exactly(subordinates):
    aggregate = summed(subordinates).with_cell(
        TableId.PROACTIVE, "fees", "amount_wan_yuan", Cell.number(Decimal("4068.2"), MoneyUnit.WAN_YUAN)
    )

    [found] = roll_up(aggregate, subordinates).findings

    assert found.where == "proactive.fees.amount_wan_yuan"
    assert found.expected == Decimal("4068.208")
    assert found.actual == Decimal("4068.2")
    assert found.message.endswith(f"汇总报告少 0.008万元：{SUYANG} 4068.208万元")


def test_an_aggregate_fee_printed_in_yuan_is_compared_in_wan_yuan(subordinates):
    aggregate = summed(subordinates).with_cell(
        TableId.PROACTIVE, "fees", "amount_wan_yuan", Cell.number(Decimal("40682080"), MoneyUnit.YUAN)
    )

    assert roll_up(aggregate, subordinates).findings == ()


def test_a_blank_aggregate_cell_beside_printed_subordinate_figures_is_a_difference(subordinates):
    # 商业企业 new applications: 沭阳县 3, 发改局 blank, 卫辉 0.
    aggregate = summed(subordinates).with_cell(TableId.APPLICATIONS, "new_received", "commercial", None)

    [difference] = roll_up(aggregate, subordinates).differences

    assert difference.where == "applications.new_received.commercial"
    assert difference.aggregate.is_blank
    assert (difference.aggregate_amount, difference.total) == (0, 3)
    assert [part.cell.is_blank for part in difference.contributions] == [False, True, False]
    [found] = roll_up(aggregate, subordinates).findings
    assert found.actual is None
    assert found.message == (
        "第三项一、本年新收政府信息公开申请数量·商业企业 汇总报告为 空白，3 份下级报告之和为 3，"
        f"汇总报告少 3：{SUYANG} 3；1 份下级报告该栏空白（按 0 计）"
    )


def test_a_blank_aggregate_cell_beside_zero_and_blank_subordinates_is_consistent(subordinates):
    # 科研机构 new applications: 沭阳县 0, 发改局 blank, 卫辉 0.
    aggregate = summed(subordinates).with_cell(TableId.APPLICATIONS, "new_received", "research", None)

    assert roll_up(aggregate, subordinates).findings == ()


def test_a_subordinate_of_another_year_is_reported_and_left_out_of_the_sums(subordinates):
    others = {name: report for name, report in subordinates.items() if name != SUYANG}
    given = {**others, SUYANG: read("corpus/001.md", year=2025)}

    result = roll_up(summed(others), given)

    assert [(found.code, found.where, found.expected, found.actual) for found in result.findings] == [
        ("ROLLUP-YEAR", "", 2024, 2025)
    ]
    assert result.findings[0].message == (
        f"下级报告“{SUYANG}”是2025年度报告，汇总报告是2024年度报告；该报告未计入汇总核对"
    )
    assert result.summed == (FAGAI, WEIHUI)


def test_a_subordinate_in_the_mixed_format_leaves_the_rows_its_format_lacks_uncompared(subordinates):
    # 洪泽区 2024 (corpus 007): section 二 in the 2021 layout, section 三 with the one 2019 （六） row.
    hongze = read("corpus/007.txt")
    given = {**subordinates, HONGZE: hongze}
    aggregate = summed(subordinates)
    for row in ("granted", "total"):
        cell = (TableId.APPLICATIONS, row, "natural_person")
        aggregate = aggregate.with_cell(*cell, figure(aggregate, *cell) + figure(hongze, *cell))

    result = roll_up(aggregate, given)

    [format_finding, *differences] = result.findings
    assert (format_finding.code, format_finding.expected, format_finding.actual) == (
        "ROLLUP-FORMAT",
        "2021",
        "mixed",
    )
    assert format_finding.message == (
        f"下级报告“{HONGZE}”使用混用两种格式的表格，汇总报告使用国办公开办函〔2021〕30号的格式；"
        "两种格式栏目不同的 21 个单元格不作汇总核对"
    )
    assert result.compared_cells == CELLS_2021 - 21
    # 洪泽区's figures are summed wherever both formats have the cell: the two cells that include
    # them balance; the cells where its report prints other figures do not.
    assert {found.where for found in differences}.isdisjoint(
        {"applications.granted.natural_person", "applications.total.natural_person"}
    )
    fees = next(found for found in differences if found.where == "proactive.fees.amount_wan_yuan")
    assert (fees.expected, fees.actual) == (Decimal("11613.208"), Decimal("4068.208"))


def test_a_subordinate_without_a_table_stops_that_table_being_compared(subordinates):
    given = {**subordinates, WEIHUI: replace(subordinates[WEIHUI], review_litigation=None)}
    aggregate = summed(subordinates).with_cell(TableId.REVIEW_LITIGATION, "review", "total", 99)

    result = roll_up(aggregate, given)

    assert [(found.code, found.where, found.message) for found in result.findings] == [
        (
            "ROLLUP-TABLE-MISSING",
            "review_litigation",
            f"下级报告“{WEIHUI}”中没有读出第四项，第四项不作汇总核对",
        )
    ]
    assert result.compared_cells == CELLS_2021 - 15


def test_a_cell_printed_as_text_is_not_compared_and_money_units_are_converted():
    # 零陵区民政局 2021 (2019 format) prints 增 in 行政许可·本年增/减 and 453.0087万元 of procurement.
    lingling = read("seeds/004_262844189358657c.txt", year=2021)
    other = lingling.with_cell(
        TableId.PROACTIVE, "procurement", "amount", Cell.number(Decimal("120000"), MoneyUnit.YUAN)
    ).with_cell(TableId.PROACTIVE, "licensing", "change", -2)
    subordinates = {"永州市零陵区民政局": lingling, "永州市零陵区司法局": other}
    aggregate = (
        lingling.with_cell(
            TableId.PROACTIVE, "procurement", "amount", Cell.number(Decimal("465.0087"), MoneyUnit.WAN_YUAN)
        )
        .with_cell(TableId.PROACTIVE, "licensing", "change", 7)
        .with_cell(TableId.PROACTIVE, "licensing", "previous_items", 24)
        .with_cell(TableId.PROACTIVE, "licensing", "decisions", 46)
        .with_cell(TableId.PROACTIVE, "procurement", "projects", 12)
    )
    aggregate = summed_other_tables(aggregate, subordinates)

    result = roll_up(aggregate, subordinates)

    assert result.findings == ()
    assert result.compared_cells == 22 - 1 + 23 * 7 + 15


def figure(report: AnnualReport, table_id: TableId, row_id: str, column_id: str) -> Number:
    table = report.table(table_id)
    assert table is not None
    return table.count(row_id, column_id)


def summed_other_tables(aggregate: AnnualReport, subordinates: Mapping[str, AnnualReport]) -> AnnualReport:
    total = summed(subordinates)
    return replace(aggregate, applications=total.applications, review_litigation=total.review_litigation)


def test_every_roll_up_finding_is_a_warning(subordinates):
    given = {**subordinates, HONGZE: read("corpus/007.txt", year=2023)}
    aggregate = summed(subordinates).with_cell(TableId.REVIEW_LITIGATION, "review", "total", 99)

    assert {found.severity for found in roll_up(aggregate, given).findings} == {Severity.WARNING}
