"""Section 三 and 四 balances: C1, C2, C3, C5, C7 (spec §3)."""

from __future__ import annotations

from check_builders import balanced_2019, balanced_2021, summary

from gongkai.annual.checks import check_report
from gongkai.annual.model import Cell
from gongkai.formats import TableId

A = TableId.APPLICATIONS
R = TableId.REVIEW_LITIGATION


def test_balanced_reports_of_both_formats_have_no_findings() -> None:
    assert check_report(balanced_2021()) == []
    assert check_report(balanced_2019()) == []


def test_carried_forward_mismatch_is_reported_at_the_total_cell() -> None:
    report = balanced_2021().with_cell(A, "carried_forward", "natural_person", 1)

    findings = check_report(report)

    assert summary(findings) == [
        ("C1", "error", "applications.total.natural_person", 21, 20),
        ("C3", "error", "applications.carried_forward.total", 2, 3),
    ]
    assert findings[0].message == "第三项第（七）总计·自然人 应为 21，实为 20（一+二 = 22，四 = 1）"


def test_new_applications_above_the_handled_ones_break_the_total_column() -> None:
    report = balanced_2021().with_cell(A, "new_received", "total", 26)

    assert summary(check_report(report)) == [
        ("C1", "error", "applications.total.total", 26, 25),
        ("C3", "error", "applications.new_received.total", 25, 26),
    ]


def test_a_result_counted_twice_is_reported_as_total_mismatch_and_double_counting() -> None:
    report = balanced_2021().with_cell(A, "granted", "natural_person", 9)

    findings = check_report(report)

    assert summary(findings) == [
        ("C2", "error", "applications.total.natural_person", 21, 20),
        ("C3", "error", "applications.granted.total", 12, 11),
        ("C5", "error", "applications.total.natural_person", 20, 21),
    ]
    assert (
        findings[0].message == "第三项第（七）总计·自然人 应为 21，实为 20（三、本年度办理结果各行之和 = 21）"
    )
    assert findings[2].message == (
        "第三项“自然人”列各办理结果之和为 21，多于可办理的申请数 20（一+二−四 = 20+2−2）："
        "有申请被计入了不止一个办理结果。每件申请只计入一个办理结果，"
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )


def test_total_above_the_sum_of_results_is_not_double_counting() -> None:
    report = balanced_2021().with_cell(A, "unavailable.not_held", "natural_person", 4)

    assert summary(check_report(report)) == [
        ("C2", "error", "applications.total.natural_person", 19, 20),
        ("C3", "error", "applications.unavailable.not_held.total", 5, 6),
    ]


def test_the_2019_total_counts_the_single_other_handling_row() -> None:
    report = balanced_2019().with_cell(A, "other", "natural_person", 3)

    assert summary(check_report(report)) == [
        ("C2", "error", "applications.total.natural_person", 21, 20),
        ("C3", "error", "applications.other.total", 3, 2),
        ("C5", "error", "applications.total.natural_person", 20, 21),
    ]


def test_the_2021_total_counts_every_other_handling_sub_row() -> None:
    report = balanced_2021().with_cell(A, "other.unpaid_fee", "commercial", 1)

    assert summary(check_report(report)) == [
        ("C2", "error", "applications.total.commercial", 4, 3),
        ("C3", "error", "applications.other.unpaid_fee.total", 1, 0),
        ("C5", "error", "applications.total.commercial", 3, 4),
    ]


def test_row_total_that_is_not_the_sum_of_the_applicant_columns_is_reported_at_that_row() -> None:
    report = balanced_2021().with_cell(A, "granted", "total", 12)

    findings = check_report(report)

    assert summary(findings) == [
        ("C2", "error", "applications.total.total", 26, 25),
        ("C3", "error", "applications.granted.total", 11, 12),
        ("C5", "error", "applications.total.total", 25, 26),
    ]
    assert findings[1].message == "第三项第（一）予以公开·总计 应为 11，实为 12（自然人至其他各列之和 = 11）"


def test_identities_through_a_text_cell_are_skipped_and_only_the_cell_is_reported() -> None:
    report = balanced_2021().with_cell(A, "granted", "natural_person", Cell.printed("无"))

    assert summary(check_report(report)) == [
        ("C4", "error", "applications.granted.natural_person", "不小于0的整数", "无"),
    ]


def test_blank_cells_count_as_zero_in_the_balances() -> None:
    report = balanced_2021().with_cell(A, "granted", "research", None)

    assert summary(check_report(report)) == [("C4-BLANK", "info", "applications", None, 1)]


def test_review_total_that_is_not_the_sum_of_its_outcomes_is_reported() -> None:
    report = balanced_2021().with_cell(R, "review", "total", 4)

    findings = check_report(report)

    assert summary(findings) == [("C7", "error", "review_litigation.review.total", 3, 4)]
    assert findings[0].message == (
        "第四项行政复议·总计 应为 3，实为 4（结果维持 1 + 结果纠正 1 + 其他结果 0 + 尚未审结 1）"
    )


def test_every_litigation_block_is_balanced_on_its_own() -> None:
    report = balanced_2021().with_cell(R, "litigation_after_review", "pending", 0)

    findings = check_report(report)

    assert summary(findings) == [("C7", "error", "review_litigation.litigation_after_review.total", 0, 1)]
    assert findings[0].message.startswith("第四项行政诉讼 复议后起诉·总计 应为 0，实为 1")
