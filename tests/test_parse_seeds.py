"""The two real seed reports read into exactly the values a person checked by hand."""

from __future__ import annotations

import json

import pytest

from gongkai.annual import jsonio
from gongkai.annual.findings import Severity, SourceRef
from gongkai.annual.model import Cell
from gongkai.annual.parse import parse_path
from gongkai.formats import FORMAT_2019, FORMAT_2021, FormatId
from seeddata import LINGLING_2021, WEIHUI_2022, expected

CANONICAL_KEYS = ("format", "year", "agency", "proactive", "applications", "review_litigation")


@pytest.mark.parametrize("seed", [WEIHUI_2022, LINGLING_2021], ids=["weihui-2022", "lingling-2021"])
def test_seed_values_equal_the_hand_checked_values(seed):
    report = parse_path(seed).report
    got = json.loads(jsonio.dumps(report))
    want = expected(seed)
    assert {key: got[key] for key in CANONICAL_KEYS} == {key: want[key] for key in CANONICAL_KEYS}


def test_weihui_is_read_as_the_2021_format_with_its_title():
    result = parse_path(WEIHUI_2022)
    report = result.report
    assert report.format is FormatId.F2021
    assert report.proactive is not None and report.proactive.spec is FORMAT_2021.proactive
    assert report.applications is not None and report.applications.spec is FORMAT_2021.applications
    assert (report.year, report.agency) == (2022, "卫辉市民政局")
    assert report.title == "卫辉市民政局2022年政府信息公开工作年度报告"
    assert result.layout == "tab-separated"


def test_weihui_local_labels_are_reported_as_variants():
    findings = parse_path(WEIHUI_2022).findings
    assert [(f.code, f.severity, f.where, f.expected, f.actual) for f in findings] == [
        ("LABEL-VARIANT", Severity.WARNING, "proactive.*.repealed", "本年废止件数", "本年度止件数"),
        (
            "LABEL-VARIANT",
            Severity.WARNING,
            "proactive.*.amount_wan_yuan",
            "本年收费金额（单位：万元）",
            "本年收费金额(单位:万元,保留4位小数)",
        ),
        ("LABEL-VARIANT", Severity.WARNING, "applications.*.social_welfare", "社会公益组织", "社会组织"),
    ]
    assert (
        findings[0].message
        == "第二项的列名印为“本年度止件数”，国家格式为“本年废止件数”：疑似笔误（“废止”误作“度止”）"
    )
    assert findings[2].source == SourceRef(line=40, column=13)


def test_lingling_is_read_as_the_2019_format_from_one_cell_per_line():
    result = parse_path(LINGLING_2021)
    report = result.report
    assert report.format is FormatId.F2019
    assert report.applications is not None and report.applications.spec is FORMAT_2019.applications
    assert (report.year, report.agency) == (2021, "永州市零陵区民政局")
    assert result.layout == "cell-per-line"
    assert result.findings == ()


def test_lingling_keeps_the_word_in_a_number_cell_as_printed_text():
    proactive = parse_path(LINGLING_2021).report.proactive
    assert proactive is not None
    assert proactive[("licensing", "change")] == Cell.printed("增")
    assert proactive[("licensing", "previous_items")] == Cell.number(12)


def test_lingling_procurement_amount_keeps_its_unit():
    proactive = parse_path(LINGLING_2021).report.proactive
    assert proactive is not None
    cell = proactive[("procurement", "amount")]
    assert str(cell.value) == "453.0087"
    assert cell.unit is not None and cell.unit.value == "万元"


@pytest.mark.parametrize("seed", [WEIHUI_2022, LINGLING_2021], ids=["weihui-2022", "lingling-2021"])
def test_all_six_sections_are_found_in_order(seed):
    sections = parse_path(seed).report.sections
    assert [section.number for section in sections] == ["一", "二", "三", "四", "五", "六"]


def test_section_text_is_the_narrative_without_table_rows():
    report = parse_path(LINGLING_2021).report
    first = report.section("一")
    six = report.section("六")
    assert first is not None and six is not None
    assert first.text.startswith("2021年，零陵区民政局认真贯彻落实")
    assert "收到公开行政复议事项1件" in first.text
    assert six.text == "无其他需要报告事项。\n永州市零陵区民政局\n2022年1月21日"
    second = report.section("二")
    assert second is not None and second.text == ""


def test_every_value_knows_the_line_it_came_from():
    result = parse_path(LINGLING_2021)
    assert result.provenance["review_litigation.review.corrected"] == SourceRef(line=377, column=2)
    assert result.provenance["proactive.licensing.change"] == SourceRef(line=40, column=2)
    weihui = parse_path(WEIHUI_2022)
    assert weihui.provenance["applications.total.total"] == SourceRef(line=65, column=21)
