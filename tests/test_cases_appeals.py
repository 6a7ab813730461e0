"""Section 四 counted from review and litigation cases: kinds, results, the year a case counts in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.annual.checks import check_report
from gongkai.annual.model import AnnualReport, CellState
from gongkai.cases import (
    APPEAL_KINDS,
    APPEAL_RESULTS,
    DIRECT_LITIGATION,
    LITIGATION_AFTER_REVIEW,
    PENDING,
    PENDING_LABEL,
    REVIEW,
    AppealKind,
    AppealRecord,
    AppealResult,
    RecordError,
    table4,
)
from gongkai.formats import REVIEW_LITIGATION

UPHELD, CORRECTED, OTHER = AppealResult("upheld"), AppealResult("corrected"), AppealResult("other")


def test_kinds_are_the_three_blocks_of_section_four_in_printed_order() -> None:
    assert [(kind.id, kind.title) for kind in APPEAL_KINDS] == [
        ("review", "行政复议"),
        ("litigation_direct", "行政诉讼·未经复议直接起诉"),
        ("litigation_after_review", "行政诉讼·复议后起诉"),
    ]
    assert (REVIEW.label, DIRECT_LITIGATION.label, LITIGATION_AFTER_REVIEW.label) == (
        "行政复议",
        "未经复议直接起诉",
        "复议后起诉",
    )


def test_results_are_the_concluded_columns_and_pending_is_the_fourth() -> None:
    assert [(result.id, result.label) for result in APPEAL_RESULTS] == [
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
    ]
    assert (PENDING, PENDING_LABEL) == ("pending", "尚未审结")


def test_an_unknown_kind_or_result_is_refused_with_the_known_ones() -> None:
    with pytest.raises(RecordError) as kind:
        AppealKind("appeal")
    assert kind.value.code == "unknown_appeal_kind"
    assert kind.value.message == (
        "“appeal”不是年度报告第四项的案件类别，应为：review、litigation_direct、litigation_after_review"
    )
    with pytest.raises(RecordError) as result:
        AppealResult("pending")
    assert result.value.message == "“pending”不是复议或诉讼的审结结果，应为：upheld、corrected、other"


def test_a_record_concluded_without_a_result_is_refused() -> None:
    with pytest.raises(RecordError) as caught:
        AppealRecord(REVIEW, date(2025, 3, 1), date(2025, 5, 1))
    assert caught.value.code == "conclusion_incomplete"
    assert caught.value.message == "审结日期与审结结果须同时填写，实际为审结日期 2025-05-01、审结结果 None"


def test_a_record_concluded_before_it_was_filed_is_refused() -> None:
    with pytest.raises(RecordError) as caught:
        AppealRecord(DIRECT_LITIGATION, date(2025, 3, 1), date(2025, 2, 1), UPHELD)
    assert caught.value.code == "concluded_before_filed"
    assert caught.value.message == "审结日期 2025-02-01 早于行政诉讼·未经复议直接起诉的提起日期 2025-03-01"


# -- the year a case counts in --------------------------------------------------------------------


def test_a_case_concluded_in_the_year_counts_with_its_result() -> None:
    assert AppealRecord(REVIEW, date(2025, 2, 1), date(2025, 4, 30), CORRECTED).column_in(2025) == "corrected"


def test_a_case_filed_last_year_and_concluded_this_year_counts_this_year_with_its_result() -> None:
    record = AppealRecord(REVIEW, date(2024, 11, 20), date(2025, 1, 15), UPHELD)
    assert (record.column_in(2024), record.column_in(2025)) == ("pending", "upheld")


def test_a_case_open_for_three_years_is_pending_in_each_until_the_year_it_is_concluded() -> None:
    record = AppealRecord(DIRECT_LITIGATION, date(2023, 6, 1), date(2025, 12, 31), OTHER)
    assert [record.column_in(year) for year in (2022, 2023, 2024, 2025, 2026)] == [
        None,
        "pending",
        "pending",
        "other",
        None,
    ]


def test_a_case_still_open_is_pending_in_every_year_from_the_one_it_was_filed_in() -> None:
    record = AppealRecord(LITIGATION_AFTER_REVIEW, date(2025, 12, 31))
    assert [record.column_in(year) for year in (2024, 2025, 2026)] == [None, "pending", "pending"]


def test_a_year_before_the_first_national_format_cannot_be_counted() -> None:
    with pytest.raises(RecordError) as caught:
        table4([], 2018)
    assert caught.value.code == "year_out_of_range"
    assert caught.value.message.startswith(
        "无法统计 2018 年：年度报告格式自 2019 年起适用（国办公开办函〔2019〕60号）"
    )


def test_table4_counts_each_case_in_its_block_and_column() -> None:
    records = [
        AppealRecord(REVIEW, date(2025, 1, 10), date(2025, 3, 10), UPHELD),
        AppealRecord(REVIEW, date(2025, 2, 10), date(2025, 4, 10), CORRECTED),
        AppealRecord(REVIEW, date(2024, 12, 1), date(2025, 1, 20), UPHELD),  # filed last year
        AppealRecord(REVIEW, date(2025, 11, 1)),  # pending
        AppealRecord(REVIEW, date(2024, 3, 1), date(2024, 5, 1), UPHELD),  # concluded last year
        AppealRecord(DIRECT_LITIGATION, date(2025, 6, 1), date(2026, 2, 1), OTHER),  # concluded next year
        AppealRecord(LITIGATION_AFTER_REVIEW, date(2025, 5, 1), date(2025, 9, 1), OTHER),
        AppealRecord(LITIGATION_AFTER_REVIEW, date(2026, 1, 5)),  # filed next year
    ]
    table = table4(records, 2025)
    assert table.spec is REVIEW_LITIGATION
    rows = {
        row.id: [table.value(row.id, column) for column in row.column_ids] for row in REVIEW_LITIGATION.rows
    }
    # upheld, corrected, other, pending, total
    assert rows == {
        "review": [2, 1, 0, 1, 4],
        "litigation_direct": [0, 0, 0, 1, 1],
        "litigation_after_review": [0, 0, 1, 0, 1],
    }


@st.composite
def appeals(draw: st.DrawFn) -> AppealRecord:
    filed = draw(st.dates(date(2019, 1, 1), date(2025, 12, 31)))
    kind = draw(st.sampled_from(APPEAL_KINDS))
    if draw(st.booleans()):
        return AppealRecord(kind, filed)
    concluded = filed + timedelta(days=draw(st.integers(0, 900)))
    return AppealRecord(kind, filed, concluded, draw(st.sampled_from(APPEAL_RESULTS)))


def independent_count(records: list[AppealRecord], year: int) -> dict[tuple[str, str], int]:
    """Section 四 by hand: every case filed by the year's end and not concluded before it."""
    cells: dict[tuple[str, str], int] = {}
    for record in records:
        if record.filed_on.year > year:
            continue
        if record.concluded_on is not None and record.concluded_on.year < year:
            continue
        if record.concluded_on is None or record.concluded_on.year > year:
            column = "pending"
        else:
            assert record.result is not None
            column = record.result.id
        for key in ((record.kind.id, column), (record.kind.id, "total")):
            cells[key] = cells.get(key, 0) + 1
    return cells


@settings(max_examples=200, deadline=None)
@given(st.lists(appeals(), max_size=30), st.integers(2019, 2026))
def test_table4_balances_and_equals_an_independent_count(records: list[AppealRecord], year: int) -> None:
    table = table4(records, year)
    assert check_report(AnnualReport(year=year, review_litigation=table)) == []
    assert all(cell.state is CellState.NUMBER for cell in table.cells)
    nonzero = {key: cell.value for key, cell in zip(table.spec.keys, table.cells, strict=True) if cell.value}
    assert nonzero == independent_count(records, year)
