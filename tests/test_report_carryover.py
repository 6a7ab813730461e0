"""The figures of last year's report that this year's continues from, as an import preview lists them."""

from __future__ import annotations

from gongkai.annual.carryover import carried_figures, continued_proactive
from gongkai.annual.model import AnnualReport, Cell, Table
from gongkai.formats import FORMAT_2019, FORMAT_2021


def test_a_2021_report_carries_documents_in_force_and_applications_carried_forward() -> None:
    report = AnnualReport(
        year=2024,
        proactive=Table.from_rows(
            FORMAT_2021.proactive,
            {"regulations": {"in_force": 4}, "normative_documents": {"in_force": 17}},
        ),
        applications=Table.from_rows(
            FORMAT_2021.applications, {"carried_forward": {"natural_person": 2, "commercial": 1, "total": 3}}
        ),
    )

    found = [(f.source, f.value, f.continues, f.rule.value) for f in carried_figures(report)]

    assert found[:3] == [
        (
            "第二项第二十条第（一）项 规章·现行有效件数",
            4,
            "第二项第二十条第（一）项 规章·现行有效件数（加本年制发、减本年废止）",
            "C8",
        ),
        (
            "第二项第二十条第（一）项 行政规范性文件·现行有效件数",
            17,
            "第二项第二十条第（一）项 行政规范性文件·现行有效件数（加本年制发、减本年废止）",
            "C8",
        ),
        (
            "第三项四、结转下年度继续办理·自然人",
            2,
            "第三项二、上年结转政府信息公开申请数量·自然人",
            "C6",
        ),
    ]
    assert [f.value for f in carried_figures(report)[3:]] == [1, None, None, None, None, 3]


def test_a_2019_report_carries_the_items_at_the_end_of_the_year() -> None:
    report = AnnualReport(
        year=2020,
        proactive=Table.from_rows(
            FORMAT_2019.proactive,
            {
                "licensing": {"previous_items": 120, "change": -5},
                "penalty": {"previous_items": 40, "change": Cell.printed("增")},
            },
        ),
    )

    found = [(f.source, f.value, f.continues) for f in carried_figures(report)]

    assert found[0] == (
        "第二项第二十条第（五）项 行政许可·上一年项目数量 + 本年增/减",
        115,
        "第二项第二十条第（五）项 行政许可·上一年项目数量",
    )
    assert [value for _, value, _ in found] == [115, None, None, None, None]  # 增 is no number


def test_documents_in_force_continue_from_last_year_plus_issued_minus_repealed() -> None:
    last_year = Table.from_rows(
        FORMAT_2021.proactive, {"regulations": {"in_force": 4}, "normative_documents": {"in_force": 17}}
    )
    entered = {"regulations": {"issued": "2"}, "normative_documents": {"issued": "3", "repealed": "5"}}

    assert continued_proactive(last_year, entered) == {
        ("regulations", "in_force"): 6,
        ("normative_documents", "in_force"): 15,
    }


def test_items_continue_from_last_years_items_and_change_and_a_blank_figure_is_not_guessed() -> None:
    last_year = Table.from_rows(FORMAT_2019.proactive, {"licensing": {"previous_items": 120, "change": -5}})

    assert continued_proactive(last_year, {}) == {("licensing", "previous_items"): 115}
