"""Text layouts beyond the seeds: markdown tables, split labels, blanks, short and ambiguous rows."""

from __future__ import annotations

import codecs
from decimal import Decimal

import pytest

from gongkai.annual.model import Cell
from gongkai.annual.parse import parse_bytes, parse_text
from gongkai.errors import ReadError, UndecodableTextError, UnsupportedDocumentError
from gongkai.formats import FORMAT_2019, FORMAT_2021, MoneyUnit

APPLICANTS = "自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"


def _report(*lines: str, title: str = "某某县民政局2023年政府信息公开工作年度报告") -> str:
    return "\n".join([title, "", *lines, ""])


def test_a_markdown_pipe_table_is_read_like_a_tab_separated_one():
    text = _report(
        "## 三、收到和处理政府信息公开申请情况",
        "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "|---|---|---|---|---|---|---|---|",
        "| 一、本年新收政府信息公开申请数量 | 21 | 3 | 0 | 1 | 2 | 0 | 27 |",
        "| （一）予以公开 | 15 | 2 | 0 | 1 | 1 | 0 | 19 |",
    )
    result = parse_text(text, kind="markdown")
    applications = result.report.applications
    assert applications is not None
    assert [applications.value("new_received", c.id) for c in applications.spec.rows[0].columns] == [
        21,
        3,
        0,
        1,
        2,
        0,
        27,
    ]
    assert applications.value("granted", "total") == 19
    assert result.layout == "markdown-pipe"


def test_a_label_split_over_two_cells_is_joined():
    text = _report(
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息\t公开申请数量\t4\t0\t0\t0\t0\t0\t4",
    )
    applications = parse_text(text).report.applications
    assert applications is not None
    assert applications.value("new_received", "total") == 4


def test_a_label_printed_alone_takes_the_numbers_of_the_next_rows():
    text = _report(
        "三、收到和处理政府信息公开申请情况",
        "| 二、上年结转政府信息公开申请数量 | | | | | | | |",
        "|---|---|---|---|---|---|---|---|",
        "| 2 | 1 | 0 | 0 | 0 | 0 | 3 | |",
    )
    applications = parse_text(text, kind="markdown").report.applications
    assert applications is not None
    assert applications.value("carried_over", "natural_person") == 2
    assert applications.value("carried_over", "total") == 3


def test_a_blank_data_cell_beside_a_structural_blank_is_placed_by_the_row_total():
    # The first blank is the merged label cell; the second is 商业企业 left empty. Dropping
    # the trailing blank instead would make 总计 blank and break 总计 = sum of the six.
    text = _report(
        "三、收到和处理政府信息公开申请情况",
        "（二）部分公开\t\t2\t\t0\t0\t0\t0\t2\t",
    )
    applications = parse_text(text).report.applications
    assert applications is not None
    row = applications.row_cells("partially_granted")
    assert row["natural_person"] == Cell.number(2)
    assert row["commercial"] == Cell.blank()
    assert row["total"] == Cell.number(2)


def test_a_row_whose_blanks_cannot_be_placed_is_reported_not_guessed():
    text = _report(
        "三、收到和处理政府信息公开申请情况",
        "（二）部分公开\t\t\t0\t0\t0\t0\t0\t0\t",
    )
    result = parse_text(text)
    ambiguous = [f for f in result.findings if f.code == "ROW-AMBIGUOUS"]
    assert [(f.where, f.expected) for f in ambiguous] == [("applications.partially_granted", 7)]
    assert result.report.applications is not None
    assert result.report.applications.row_cells("partially_granted")["total"] == Cell.blank()


def test_a_row_with_too_few_values_is_reported_short():
    text = _report(
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量\t4\t0\t4",
    )
    short = [f for f in parse_text(text).findings if f.code == "ROW-SHORT"]
    assert [(f.where, f.expected, f.actual) for f in short] == [("applications.new_received", 7, 3)]
    assert short[0].message == (
        "第三项一、本年新收政府信息公开申请数量：只印了 3 个数值，本行应有 7 栏，未读取（印为：4 | 0 | 4）"
    )


def test_the_single_other_row_makes_section_three_the_2019_layout():
    text = _report(
        "三、收到和处理政府信息公开申请情况",
        "（六）其他处理\t1\t0\t0\t0\t0\t0\t1",
    )
    applications = parse_text(text).report.applications
    assert applications is not None and applications.spec is FORMAT_2019.applications
    assert applications.value("other", "total") == 1


def test_the_other_handling_group_before_its_items_makes_the_2021_layout():
    text = _report(
        "三、收到和处理政府信息公开申请情况",
        "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1",
        "\t3.其他\t0\t0\t0\t0\t0\t0\t0",
    )
    applications = parse_text(text).report.applications
    assert applications is not None and applications.spec is FORMAT_2021.applications
    assert applications.value("other.no_correction", "total") == 1


def test_a_misprinted_row_label_is_still_recognised_and_reported():
    text = _report(
        "三、收到和处理政府信息公开申请情况",
        "（三）不予公开\t2.其他法律行政止公开\t0\t0\t0\t0\t0\t0\t0",
    )
    result = parse_text(text)
    variants = [f for f in result.findings if f.code == "LABEL-VARIANT"]
    assert [(f.where, f.actual) for f in variants] == [
        ("applications.withheld.prohibited_by_law", "2.其他法律行政止公开")
    ]
    assert result.report.applications is not None
    assert result.report.applications.value("withheld.prohibited_by_law", "total") == 0


def test_fees_printed_in_yuan_are_converted_to_the_columns_wan_yuan():
    text = _report(
        "二、主动公开政府信息情况",
        "第二十条第（八）项\t",
        "信息内容\t本年收费金额（单位：万元）",
        "行政事业性收费\t251000元",
    )
    result = parse_text(text)
    assert result.report.proactive is not None
    assert result.report.proactive[("fees", "amount_wan_yuan")] == Cell.number(
        Decimal("25.1"), MoneyUnit.WAN_YUAN
    )
    assert [f.code for f in result.findings if f.where == "proactive.fees.amount_wan_yuan"] == [
        "UNIT-CONVERTED"
    ]


def test_a_local_extra_row_in_section_two_is_reported_and_left_out():
    text = _report(
        "二、主动公开政府信息情况",
        "第二十条第（一）项\t",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        "规章\t0\t0\t0",
        "规范性文件\t2\t2\t9",
        "其他主动公开文件\t5\t5\t40",
    )
    result = parse_text(text, kind="text")
    assert result.report.proactive is not None and result.report.proactive.spec is FORMAT_2019.proactive
    extra = [f for f in result.findings if f.code == "ROW-EXTRA"]
    assert [(f.where, f.actual) for f in extra] == [("proactive", "其他主动公开文件")]


def test_a_missing_table_is_reported():
    result = parse_text(_report("一、总体情况", "全年未收到政府信息公开申请。"))
    assert [f.code for f in result.findings if f.code == "TABLE-MISSING"] == ["TABLE-MISSING"] * 3
    assert result.report.tables == ()


def test_title_with_the_body_after_the_year_over_two_lines():
    text = "正文\n2024 年上海市科委政府信息公开工作\n年度报告\n一、总体情况\n略。\n"
    report = parse_text(text).report
    assert (report.year, report.agency) == (2024, "上海市科委")


def test_without_a_title_the_year_comes_from_the_statistics_period():
    text = "本报告所列数据统计期限自2023年1月1日至2023年12月31日。\n一、总体情况\n略。\n"
    result = parse_text(text)
    assert result.report.year == 2023
    assert [f.code for f in result.findings if f.code.endswith("UNKNOWN")] == ["AGENCY-UNKNOWN"]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_text_in_chinese_encodings_is_decoded(encoding, weihui_bytes):
    data = weihui_bytes.decode("utf-8").encode(encoding)
    assert parse_bytes(data, "report.txt").report.agency == "卫辉市民政局"


def test_utf16_without_a_bom_is_recognised_by_its_nul_bytes(weihui_bytes):
    data = weihui_bytes.decode("utf-8").encode("utf-16-le")
    assert parse_bytes(data, "report.txt").report.year == 2022


def test_binary_garbage_is_refused_as_not_text():
    with pytest.raises(UnsupportedDocumentError) as raised:
        parse_bytes(bytes(range(256)) * 4, "report.txt")
    assert raised.value.code == "binary_content"


def test_undecodable_bytes_are_refused_with_a_chinese_message():
    with pytest.raises(UndecodableTextError) as raised:
        parse_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfa", "report.txt")
    assert "编码" in raised.value.message


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_document"),
        (b"  \n\n", "empty_document"),
        (b"%PDF-1.7\n...", "corrupt_pdf"),
        (b"PK\x03\x04rest", "corrupt_docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "legacy_doc"),
    ],
)
def test_unreadable_documents_get_a_stable_code(data, code):
    with pytest.raises(ReadError) as raised:
        parse_bytes(data, "x.txt")
    assert raised.value.code == code


def test_page_numbers_left_by_pdf_extraction_are_not_part_of_the_report():
    text = "- 1 -\n淮安市人民政府\n2024 年政府信息公开工作年度报告\n一、总体情况\n略。\n— 2 —\n第3页\n二、主动公开政府信息情况\n"
    report = parse_text(text).report
    assert (report.agency, report.year) == ("淮安市人民政府", 2024)
    first = report.section("一")
    assert first is not None and first.text == "略。"
