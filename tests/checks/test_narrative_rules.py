"""The text: figures it states (C13), the fee (C14, FEE-NOT-REPORTED), its parts (C16)."""

from __future__ import annotations

from dataclasses import replace

from check_builders import (
    SEED_2019_FORMAT,
    SEED_2021_FORMAT,
    balanced_2021,
    seed,
    summary,
    with_rows,
    with_text,
)

from gongkai.annual.checks import check_report
from gongkai.annual.model import AnnualReport, Cell, Section
from gongkai.formats import TableId

A = TableId.APPLICATIONS
R = TableId.REVIEW_LITIGATION

# What 卫辉市民政局 could have written about the figures of `balanced_2021`.
FIGURES_IN_WORDS = (
    "2022年，我局共收到政府信息公开申请25件，上年结转3件，办结25件，结转下年度继续办理3件；"
    "收到政府信息公开行政复议3件，因政府信息公开被提起行政诉讼2件。"
)


def with_section_text(
    report: AnnualReport, number: str | None, text: str, *, append: bool = False
) -> AnnualReport:
    sections = tuple(
        Section(section.number, section.title, section.text + "\n" + text if append else text)
        if section.number == number
        else section
        for section in report.sections
    )
    return replace(report, sections=sections)


def narrated(words: str = FIGURES_IN_WORDS) -> AnnualReport:
    """`balanced_2021` with the text of seed 000, section 一 ending with ``words``."""
    return with_section_text(with_text(balanced_2021(), SEED_2021_FORMAT), "一", words, append=True)


def seed_004_as_published() -> AnnualReport:
    report = with_text(seed(SEED_2019_FORMAT), SEED_2019_FORMAT)
    return report.with_cell(TableId.PROACTIVE, "licensing", "change", Cell.printed("增"))


# -- C13 ---------------------------------------------------------------------------------------------


def test_figures_stated_in_words_that_match_the_tables_give_no_findings() -> None:
    assert check_report(narrated()) == []


def test_a_stated_number_of_applications_that_contradicts_the_table_is_an_error() -> None:
    report = narrated().with_cell(A, "new_received", "total", 26)

    findings = check_report(report)

    assert summary(findings) == [
        ("C1", "error", "applications.total.total", 26, 25),
        ("C3", "error", "applications.new_received.total", 25, 26),
        ("C13", "error", "sections.一", 26, 25),
    ]
    assert findings[2].message == (
        "“一、总体情况”写明“收到政府信息公开申请25件”（25件）"
        "，与第三项一、本年新收政府信息公开申请数量·总计 26 不一致"
    )


def test_a_stated_number_of_reviews_that_contradicts_section_4_is_an_error() -> None:
    report = narrated(FIGURES_IN_WORDS.replace("行政复议3件", "行政复议4件"))

    assert summary(check_report(report)) == [("C13", "error", "sections.一", 3, 4)]


def test_stated_lawsuits_are_compared_with_both_kinds_of_suit_together() -> None:
    report = narrated(FIGURES_IN_WORDS.replace("行政诉讼2件", "行政诉讼1件"))

    findings = check_report(report)

    assert summary(findings) == [("C13", "error", "sections.一", 2, 1)]
    assert "第四项行政诉讼 未经复议直接起诉·总计与第四项行政诉讼 复议后起诉·总计之和 2" in findings[0].message


def test_stated_handled_and_carried_figures_are_each_compared() -> None:
    words = FIGURES_IN_WORDS.replace("上年结转3件", "上年结转4件").replace("办结25件", "办结24件")
    words = words.replace("结转下年度继续办理3件", "结转下年度继续办理2件")

    assert summary(check_report(narrated(words))) == [
        ("C13", "error", "sections.一", 3, 4),
        ("C13", "error", "sections.一", 25, 24),
        ("C13", "error", "sections.一", 3, 2),
    ]


def test_a_sentence_is_not_compared_with_a_blank_cell() -> None:
    # a table the reader could not read comes out blank; the balances still see it
    report = narrated().with_cell(R, "review", "total", None)

    assert summary(check_report(report)) == [
        ("C4-BLANK", "info", "review_litigation", None, 1),
        ("C7", "error", "review_litigation.review.total", 3, 0),
    ]


def test_seed_004_text_agrees_with_its_tables() -> None:
    findings = check_report(seed_004_as_published())

    assert summary(findings) == [
        ("FORMAT-SUPERSEDED", "error", "", "2021", "2019"),
        ("C4", "error", "proactive.licensing.change", "整数（减少的写负数）", "增"),
        ("FEE-NOT-REPORTED", "warning", "sections.六", None, None),
    ]


def test_seed_004_review_total_changed_contradicts_its_text() -> None:
    report = seed_004_as_published().with_cell(R, "review", "total", 2)

    assert summary(check_report(report)) == [
        ("FORMAT-SUPERSEDED", "error", "", "2021", "2019"),
        ("C4", "error", "proactive.licensing.change", "整数（减少的写负数）", "增"),
        ("C7", "error", "review_litigation.review.total", 1, 2),
        ("C13", "error", "sections.一", 2, 1),
        ("FEE-NOT-REPORTED", "warning", "sections.六", None, None),
    ]


def test_no_applications_received_contradicts_a_table_with_applications() -> None:
    report = seed_004_as_published().with_cell(A, "new_received", "total", 2)

    findings = check_report(report)

    assert summary(findings) == [
        ("FORMAT-SUPERSEDED", "error", "", "2021", "2019"),
        ("C4", "error", "proactive.licensing.change", "整数（减少的写负数）", "增"),
        ("C1", "error", "applications.total.total", 2, 0),
        ("C3", "error", "applications.new_received.total", 0, 2),
        ("C13", "error", "sections.一", 2, 0),
        ("FEE-NOT-REPORTED", "warning", "sections.六", None, None),
    ]
    assert findings[4].message == (
        "“一、总体情况”写明“未收到依申请公开事项”（0件），与"
        "第三项一、本年新收政府信息公开申请数量·总计 2 不一致"
    )


def test_accepted_may_mean_new_or_new_and_carried_over() -> None:
    assert check_report(narrated("全年共受理政府信息公开申请25件。")) == []
    assert check_report(narrated("全年共受理政府信息公开申请28件。")) == []


def test_accepted_matching_neither_reading_is_a_warning() -> None:
    findings = check_report(narrated("全年共受理政府信息公开申请27件。"))

    assert summary(findings) == [("C13-AMBIGUOUS", "warning", "sections.一", 25, 27)]
    assert findings[0].message == (
        "“一、总体情况”写明“受理政府信息公开申请27件”（27件），"
        "与第三项一、本年新收政府信息公开申请数量·总计 25 不一致，"
        "也不等于第三项一、本年新收政府信息公开申请数量·总计与"
        "第三项二、上年结转政府信息公开申请数量·总计之和 28；"
        "请核对文字与表格的统计口径"
    )


def test_a_figure_stated_for_another_year_is_not_compared() -> None:
    assert check_report(narrated("2021年，我局共收到政府信息公开申请12件。")) == []


# -- C14 and the fee report ------------------------------------------------------------------------

UNPAID_FEE = {  # one 自然人 application ended unpaid instead of （六）3.其他
    "other.unpaid_fee": (1, 0, 0, 0, 0, 0, 1),
    "other.other": (0, 0, 0, 0, 0, 0, 0),
}
COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other", "total")


def with_unpaid_fee(report: AnnualReport) -> AnnualReport:
    return with_rows(report, A, UNPAID_FEE, COLUMNS)


def test_nothing_collected_agrees_with_an_unpaid_fee() -> None:
    # seed 000 says 我局未收取过信息处理费: an unpaid fee notice collects nothing
    assert check_report(with_unpaid_fee(narrated())) == []


def test_an_unpaid_fee_contradicts_a_text_saying_no_fee_was_charged() -> None:
    report = with_section_text(with_unpaid_fee(narrated()), "六", "2022年，我局未发生政府信息公开收费事项。")

    findings = check_report(report)

    assert summary(findings) == [("C14", "error", "sections.六", 1, 0)]
    assert findings[0].message == (
        "第三项第（六）其他处理 2.申请人逾期未按收费通知要求缴"
        "纳费用、行政机关不再处理其政府信息公开申请·总计 为 1，"
        "说明本年发出过收费通知；但“六、其他需要报告的事项”写明“未发生政府信息公开收费事项”"
    )


def test_an_unpaid_fee_contradicts_a_text_saying_no_fee_notice_was_issued() -> None:
    report = with_section_text(
        with_unpaid_fee(narrated()), "六", "本年度未向申请人发出收费通知，未收取信息处理费。"
    )

    assert summary(check_report(report)) == [("C14", "error", "sections.六", 1, 0)]


def test_no_fee_charged_is_consistent_when_no_fee_went_unpaid() -> None:
    assert check_report(with_section_text(narrated(), "六", "2022年，我局未发生政府信息公开收费事项。")) == []


def test_a_report_from_2021_that_never_mentions_the_processing_fee_gets_a_warning() -> None:
    findings = check_report(with_section_text(narrated(), "六", "无其他需要报告的事项。"))

    assert summary(findings) == [("FEE-NOT-REPORTED", "warning", "sections.六", None, None)]
    assert findings[0].message == (
        "“六、其他需要报告的事项”未报告信息处理费的情况；按《政府"
        "信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        "2022年度报告应写明发出收费通知的件数和实际收取的金额，没有收费也应写明"
    )


def test_a_report_before_2021_need_not_report_the_processing_fee() -> None:
    report = replace(seed(SEED_2019_FORMAT), year=2020).with_cell(TableId.PROACTIVE, "licensing", "change", 0)

    assert check_report(with_text(report, SEED_2019_FORMAT)) == []


def test_a_report_without_text_gets_no_narrative_findings() -> None:
    report = narrated().with_cell(R, "review", "total", 4)
    assert [found.code for found in check_report(report)] == ["C7", "C13"]

    without_text = replace(report, sections=())

    assert summary(check_report(without_text)) == [("C7", "error", "review_litigation.review.total", 3, 4)]


# -- C16 ------------------------------------------------------------------------------------------------


def test_a_missing_part_is_an_error() -> None:
    report = narrated()
    report = replace(report, sections=tuple(section for section in report.sections if section.number != "五"))

    findings = check_report(report)

    assert summary(findings) == [("C16", "error", "sections.五", "五、存在的主要问题及改进情况", None)]
    assert findings[0].message == "报告缺少“五、存在的主要问题及改进情况”部分"


def test_parts_out_of_order_are_an_error() -> None:
    report = narrated()
    by_number = {section.number: section for section in report.sections}
    order = (None, "一", "二", "四", "三", "五", "六")
    report = replace(report, sections=tuple(by_number[number] for number in order))

    findings = check_report(report)

    assert summary(findings) == [
        ("C16-ORDER", "error", "", "一、二、三、四、五、六", "一、二、四、三、五、六")
    ]
    assert findings[0].message == "报告各部分的顺序应为 一、二、三、四、五、六，实为 一、二、四、三、五、六"


def test_the_statistics_period_of_the_report_year_is_fine() -> None:
    for period in (
        "本报告所列数据统计期限自2022年1月1日至2022年12月31日止。",
        "本年度报告中所列数据的统计周期\n为 2022 年 1 月 1 日至 12 月 31 日。",
    ):
        assert check_report(with_section_text(narrated(), None, period, append=True)) == []


def test_a_statistics_period_of_another_year_is_a_warning() -> None:
    report = with_section_text(
        narrated(), None, "报告中所列数据统计期限自2021 年1 月1 日\n起至2021 年12 月31 日止。", append=True
    )

    findings = check_report(report)

    assert summary(findings) == [
        (
            "C16-PERIOD",
            "warning",
            "sections.preamble",
            "2022年1月1日至2022年12月31日",
            "统计期限自2021年1月1日起至2021年12月31日",
        ),
    ]
    assert findings[0].message == (
        "报告写明的统计期限为“统计期限自2021年1月1日起至2021年12月31日”，应为2022年1月1日至2022年12月31日"
    )
