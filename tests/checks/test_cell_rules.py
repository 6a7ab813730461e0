"""C4: every cell is a valid number for its column; blanks are noted once per table."""

from __future__ import annotations

from decimal import Decimal

from check_builders import balanced_2019, balanced_2021, summary

from gongkai.annual.checks import check_report
from gongkai.annual.model import Cell
from gongkai.formats import TableId

P = TableId.PROACTIVE
A = TableId.APPLICATIONS


def test_a_negative_count_is_an_error_at_its_cell() -> None:
    findings = check_report(balanced_2021().with_cell(P, "penalty", "decisions", -2))

    assert summary(findings) == [("C4", "error", "proactive.penalty.decisions", "不小于0的整数", -2)]
    assert (
        findings[0].message
        == "第二项第二十条第（六）项 行政处罚·本年处理决定数量 应填写不小于0的整数，实为 -2"
    )


def test_a_fractional_count_is_an_error() -> None:
    findings = check_report(balanced_2021().with_cell(P, "coercion", "decisions", Decimal("2.5")))

    assert summary(findings) == [
        ("C4", "error", "proactive.coercion.decisions", "不小于0的整数", Decimal("2.5"))
    ]


def test_a_whole_decimal_is_a_valid_count() -> None:
    assert check_report(balanced_2021().with_cell(P, "coercion", "decisions", Decimal("3"))) == []


def test_a_negative_amount_of_money_is_an_error() -> None:
    findings = check_report(balanced_2021().with_cell(P, "fees", "amount_wan_yuan", Decimal("-1.5")))

    assert summary(findings) == [
        ("C4", "error", "proactive.fees.amount_wan_yuan", "不小于0的金额", Decimal("-1.5")),
    ]


def test_a_decrease_is_written_negative_in_the_2019_change_column() -> None:
    assert check_report(balanced_2019().with_cell(P, "licensing", "change", -8)) == []


def test_a_fractional_change_is_an_error() -> None:
    findings = check_report(balanced_2019().with_cell(P, "licensing", "change", Decimal("1.5")))

    assert summary(findings) == [
        ("C4", "error", "proactive.licensing.change", "整数（减少的写负数）", Decimal("1.5")),
    ]


def test_text_in_a_count_cell_is_reported_with_the_printed_text() -> None:
    findings = check_report(balanced_2019().with_cell(P, "licensing", "change", Cell.printed("增")))

    assert summary(findings) == [("C4", "error", "proactive.licensing.change", "整数（减少的写负数）", "增")]
    assert (
        findings[0].message
        == "第二项第二十条第（五）项 行政许可·本年增/减 应填写整数（减少的写负数），实为文字“增”"
    )


def test_blank_cells_are_noted_once_per_table() -> None:
    report = (
        balanced_2021().with_cell(P, "penalty", "decisions", None).with_cell(P, "coercion", "decisions", None)
    )
    report = report.with_cell(A, "withheld.state_secret", "other", None)

    findings = check_report(report)

    assert summary(findings) == [
        ("C4-BLANK", "info", "proactive", None, 2),
        ("C4-BLANK", "info", "applications", None, 1),
    ]
    assert findings[0].message == (
        "第二项有 2 个空白单元格，已按 0 计算：第二项第二十条第（六）项 行政处罚·本年处理决定数量、"
        "第二项第二十条第（六）项 行政强制·本年处理决定数量"
    )


def test_a_table_with_many_blanks_names_the_first_five_and_counts_all() -> None:
    report = balanced_2021()
    for row_id in ("withheld.state_secret", "withheld.prohibited_by_law"):
        for column_id in ("research", "social_welfare", "other", "commercial"):
            report = report.with_cell(A, row_id, column_id, None)

    findings = check_report(report)

    assert summary(findings) == [("C4-BLANK", "info", "applications", None, 8)]
    assert findings[0].message.startswith(
        "第三项有 8 个空白单元格，已按 0 计算：第三项第（三）不予公开 1.属于国家秘密·商业企业、"
    )
    assert findings[0].message.endswith("第三项第（三）不予公开 2.其他法律行政法规禁止公开·商业企业等")
