"""Which national format a report year requires; the two seed reports as published."""

from __future__ import annotations

from dataclasses import replace

from check_builders import SEED_2019_FORMAT, SEED_2021_FORMAT, balanced_2019, balanced_2021, seed, summary

from gongkai.annual.checks import check_report
from gongkai.annual.findings import has_errors
from gongkai.annual.model import AnnualReport, Cell
from gongkai.formats import TableId


def test_seed_004_is_a_2021_report_in_the_superseded_format_with_text_in_a_count() -> None:
    report = seed(SEED_2019_FORMAT).with_cell(TableId.PROACTIVE, "licensing", "change", Cell.printed("增"))
    assert report.year == 2021

    findings = check_report(report)

    assert summary(findings) == [
        ("FORMAT-SUPERSEDED", "error", "", "2021", "2019"),
        ("C4", "error", "proactive.licensing.change", "整数（减少的写负数）", "增"),
    ]
    assert findings[0].message == (
        "2021年度报告应使用《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号），"
        "本报告使用的是已被取代的《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）"
    )


def test_seed_000_tables_have_no_findings() -> None:
    findings = check_report(seed(SEED_2021_FORMAT))

    assert findings == []
    assert not has_errors(findings)


def test_the_2019_format_is_right_for_2020() -> None:
    assert (
        check_report(
            replace(seed(SEED_2019_FORMAT), year=2020).with_cell(TableId.PROACTIVE, "licensing", "change", 0)
        )
        == []
    )


def test_a_2021_format_report_for_2020_is_premature() -> None:
    findings = check_report(replace(balanced_2021(), year=2020))

    assert summary(findings) == [("FORMAT-PREMATURE", "warning", "", "2019", "2021")]
    assert findings[0].message == (
        "2020年度报告应使用《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）；"
        "本报告使用的《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）自2021年度报告起才适用"
    )


def test_tables_of_both_formats_in_one_report_are_a_mixed_template() -> None:
    report = AnnualReport(
        year=2023,
        agency="淮安市洪泽区人民政府",
        proactive=balanced_2021().proactive,
        applications=balanced_2019().applications,
        review_litigation=balanced_2019().review_litigation,
    )

    findings = check_report(report)

    assert summary(findings) == [("FORMAT-MIXED", "error", "", "2021", "mixed")]
    assert findings[0].message == (
        "本报告的表格混用了两种格式：第二项为国办公开办函〔2021〕30号的格式，"
        "第三项为国办公开办函〔2019〕60号的格式；应统一使用《中华人民共和国政府信息公开工作年度报告格式》"
        "（国办公开办函〔2021〕30号）"
    )


def test_a_report_without_a_year_is_not_judged_on_its_format() -> None:
    report = replace(seed(SEED_2019_FORMAT), year=None).with_cell(TableId.PROACTIVE, "licensing", "change", 0)

    assert check_report(report) == []
