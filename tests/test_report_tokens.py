"""Figures quoted in the text as tokens: named by canonical location, replaced from the tables."""

from __future__ import annotations

from decimal import Decimal

from gongkai.annual.model import AnnualReport, Section, Table
from gongkai.annual.tokens import (
    choices,
    figures,
    substitute,
    substituted,
    token_findings,
    tokens_in,
)
from gongkai.formats import FORMAT_2019, FORMAT_2021


def report_2022() -> AnnualReport:
    applications = Table.from_rows(
        FORMAT_2021.applications, {"new_received": {"total": 12}, "carried_over": {"total": 3}}
    )
    proactive = Table.from_rows(FORMAT_2021.proactive, {"fees": {"amount_wan_yuan": Decimal("1.2500")}})
    return AnnualReport(year=2022, agency="某县民政局", applications=applications, proactive=proactive)


def test_a_token_names_a_cell_by_its_canonical_location() -> None:
    names = [choice.name for choice in choices(FORMAT_2021)]
    assert "applications.new_received.total" in names
    assert "applications.withheld.third_party_rights.commercial" in names
    assert "review_litigation.litigation_after_review.pending" in names
    assert "proactive.fees.amount_wan_yuan" in names
    assert "applications.other.total" not in names  # the 2019 single （六） row


def test_the_menu_labels_each_token_as_a_clerk_reads_the_cell() -> None:
    by_name = {choice.name: choice for choice in choices(FORMAT_2021, {"fees.notices": "发出收费通知件数"})}
    assert by_name["applications.new_received.total"].label == "第三项一、本年新收政府信息公开申请数量·总计"
    assert by_name["applications.new_received.total"].token == "{{applications.new_received.total}}"
    assert by_name["fees.notices"].group == "其他数据"


def test_figures_of_a_named_group_are_listed_under_its_heading_after_the_tables() -> None:
    listed = choices(
        FORMAT_2021,
        {"fees.notices": "发出收费通知件数"},
        [("建议提案办理", {"proposals.reply_rate": "办复率（%）"})],
    )
    assert [(c.name, c.label, c.group) for c in listed[-2:]] == [
        ("fees.notices", "发出收费通知件数", "其他数据"),
        ("proposals.reply_rate", "办复率（%）", "建议提案办理"),
    ]


def test_2019_format_has_the_single_other_row() -> None:
    assert "applications.other.total" in [choice.name for choice in choices(FORMAT_2019)]


def test_tokens_are_replaced_by_the_figures_of_the_tables() -> None:
    values = figures(report_2022(), {"fees.notices": 2})
    text = (
        "全年新收申请{{applications.new_received.total}}件，上年结转{{ applications.carried_over.total }}件；"
        "收费{{proactive.fees.amount_wan_yuan}}万元，发出收费通知{{fees.notices}}件。"
    )
    assert substitute(text, values) == "全年新收申请12件，上年结转3件；收费1.2500万元，发出收费通知2件。"


def test_an_unknown_token_stays_as_written_and_is_an_error_in_its_section() -> None:
    report = report_2022()
    values = figures(report)
    sections = (Section("一", "一、总体情况", "新收{{applications.new_recieved.total}}件"),)
    assert substitute(sections[0].text, values) == "新收{{applications.new_recieved.total}}件"
    [found] = token_findings(sections, values)
    assert (found.code, found.severity.value, found.where, found.actual) == (
        "TOKEN-UNKNOWN",
        "error",
        "sections.一",
        "applications.new_recieved.total",
    )


def test_a_token_of_a_blank_cell_is_an_error() -> None:
    values = figures(report_2022())
    sections = (Section("六", "六、其他需要报告的事项", "行政许可{{proactive.licensing.decisions}}件"),)
    assert [(f.code, f.where) for f in token_findings(sections, values)] == [("TOKEN-BLANK", "sections.六")]


def test_tokens_in_reports_each_use_with_its_offsets() -> None:
    text = "甲{{a.b.c}}乙{{x}}"
    assert [(use.name, text[use.start : use.end]) for use in tokens_in(text)] == [
        ("a.b.c", "{{a.b.c}}"),
        ("x", "{{x}}"),
    ]


def test_substituted_replaces_in_every_section() -> None:
    report = AnnualReport(
        year=2022,
        applications=report_2022().applications,
        sections=(
            Section("一", "一、总体情况", "新收{{applications.new_received.total}}件"),
            Section("五", "五、存在的主要问题及改进情况", "无"),
        ),
    )
    assert [s.text for s in substituted(report, figures(report)).sections] == ["新收12件", "无"]
