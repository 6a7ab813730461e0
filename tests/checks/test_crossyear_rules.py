"""Across years: C6, C8, C9, C10 and when they do not apply (C12)."""

from __future__ import annotations

from dataclasses import replace

from check_builders import balanced_2019, balanced_2021, previous_2019, previous_2021, summary

from gongkai.annual.checks import check_report
from gongkai.annual.model import Cell
from gongkai.formats import TableId

P = TableId.PROACTIVE
A = TableId.APPLICATIONS


def test_consecutive_balanced_reports_have_no_findings() -> None:
    assert check_report(balanced_2021(), previous=previous_2021()) == []
    assert check_report(balanced_2019(), previous=previous_2019()) == []


def test_carried_over_differing_from_last_years_carried_forward_is_an_error() -> None:
    previous = previous_2021().with_cell(A, "carried_forward", "natural_person", 3)

    findings = check_report(balanced_2021(), previous=previous)

    assert summary(findings) == [("C6", "error", "applications.carried_over.natural_person", 3, 2)]
    assert findings[0].message == (
        "第三项二、上年结转政府信息公开申请数量·自然人 应为 3，实为 2"
        "（2021年度报告第三项四、结转下年度继续办理·自然人 = 3）"
    )


def test_without_the_previous_report_no_cross_year_rule_runs() -> None:
    report = balanced_2021().with_cell(P, "regulations", "repealed", 50)

    assert summary(check_report(report)) == []


def test_documents_in_force_not_following_from_last_year_is_a_warning() -> None:
    previous = previous_2021().with_cell(P, "regulations", "in_force", 9)

    findings = check_report(balanced_2021(), previous=previous)

    assert summary(findings) == [("C8", "warning", "proactive.regulations.in_force", 10, 11)]
    assert findings[0].message == (
        "第二项第二十条第（一）项 规章·现行有效件数 应为 10，实为 11（2021年度报告“现行有效件数” 9"
        " + “本年制发件数” 2 − “本年废止件数” 1）；如本年开展了文件清理，请在报告中说明"
    )


def test_repealing_more_documents_than_were_in_force_is_an_error() -> None:
    report = balanced_2021().with_cell(P, "normative_documents", "repealed", 2)

    findings = check_report(report, previous=previous_2021())

    assert summary(findings) == [
        ("C8", "warning", "proactive.normative_documents.in_force", -1, 1),
        ("C9", "error", "proactive.normative_documents.repealed", 1, 2),
    ]
    assert findings[1].message == (
        "第二项第二十条第（一）项 行政规范性文件·本年废止件数 为 2，多于2021年度报告“现行有效件数” 0"
        "与“本年制发件数” 1 之和 1：废止的文件不能多于可废止的文件"
    )


def test_previous_items_not_following_from_last_years_change_is_a_warning() -> None:
    previous = previous_2019().with_cell(P, "licensing", "change", 5)

    findings = check_report(balanced_2019(), previous=previous)

    assert summary(findings) == [("C10", "warning", "proactive.licensing.previous_items", 15, 12)]
    assert findings[0].message == (
        "第二项第二十条第（五）项 行政许可·上一年项目数量 应为 15，实为 12"
        "（2019年度报告“上一年项目数量” 10 + “本年增/减” 5）"
    )


def test_a_change_printed_as_text_last_year_cannot_be_checked() -> None:
    previous = previous_2019().with_cell(P, "licensing", "change", Cell.printed("增"))

    assert check_report(balanced_2019(), previous=previous) == []


def test_across_the_format_change_section_2_is_not_compared() -> None:
    report = replace(balanced_2021(), year=2021)

    findings = check_report(report, previous=balanced_2019())

    assert summary(findings) == [("C12", "info", "", "2021", "2019")]
    assert findings[0].message == (
        "2020年度报告使用国办公开办函〔2019〕60号的格式，本报告使用国办公开办函〔2021〕30号的格式，"
        "两种格式第二项的栏目定义不同，不作跨年度核对（C8、C9、C10）"
    )


def test_across_the_format_change_the_carry_over_is_still_compared() -> None:
    report = replace(balanced_2021(), year=2021)
    previous = balanced_2019().with_cell(A, "carried_forward", "legal_services", 0)

    assert summary(check_report(report, previous=previous)) == [
        ("C12", "info", "", "2021", "2019"),
        ("C6", "error", "applications.carried_over.legal_services", 0, 1),
    ]


def test_a_previous_report_that_is_not_last_years_is_not_compared() -> None:
    previous = replace(previous_2021(), year=2020).with_cell(A, "carried_forward", "natural_person", 7)

    findings = check_report(balanced_2021(), previous=previous)

    assert summary(findings) == [("C12-YEAR", "warning", "", 2021, 2020)]
    assert findings[0].message == "作为上年报告提供的是2020年度报告，不是2021年度报告，不作跨年度核对"
