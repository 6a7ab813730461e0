"""The HTML page: a self-contained, printable report with the national table layouts."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import lxml.html
from lxml.html import HtmlElement

from gongkai.annual.model import AnnualReport, Cell, Section
from gongkai.annual.render.html import render_html
from gongkai.formats import SECTIONS, MoneyUnit, TableId
from gongkai.formats.national import APPLICATIONS_2021
from seeddata import LINGLING_2021, hand_checked, weihui_distinguishable

APPLICATIONS = TableId.APPLICATIONS
PROACTIVE = TableId.PROACTIVE
REVIEW = TableId.REVIEW_LITIGATION


def report_2021() -> AnnualReport:
    """卫辉市民政局 2022 (2021 format), all zeros, made distinguishable cell by cell."""
    return weihui_distinguishable(("litigation_after_review", "pending", 4))


def report_2019() -> AnnualReport:
    """永州市零陵区民政局 2021 (2019 format); 采购总金额 is 453.0087万元 in the seed."""
    return hand_checked(LINGLING_2021)


def page(report: AnnualReport) -> HtmlElement:
    return lxml.html.document_fromstring(render_html(report))


def table_of(root: HtmlElement, table_id: TableId) -> HtmlElement:
    (table,) = root.xpath(f'//table[@class="{table_id.value}"]')
    return table


def cell_at(root: HtmlElement, where: str) -> HtmlElement:
    (cell,) = root.xpath(f'//td[@data-where="{where}"]')
    return cell


def header(table: HtmlElement, text: str) -> HtmlElement:
    (cell,) = [th for th in table.iter("th") if th.text_content() == text]
    return cell


def spans(cell: HtmlElement) -> tuple[int, int]:
    return int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))


# -- the page -------------------------------------------------------------------------------------


def test_page_is_html5_in_simplified_chinese_with_utf8():
    html = render_html(report_2021())
    assert html.startswith("<!DOCTYPE html>")
    root = lxml.html.document_fromstring(html)
    assert root.get("lang") == "zh-CN"
    assert root.xpath("//meta/@charset") == ["utf-8"]


def test_page_needs_no_external_asset_and_no_script():
    root = page(report_2021())
    assert root.xpath("//script | //link | //img | //iframe | //*[@src] | //*[@href]") == []
    assert "http" not in "".join(root.xpath("//style/text()"))


def test_page_prints_on_a4_with_visible_borders_and_rows_kept_whole():
    style = "".join(page(report_2021()).xpath("//style/text()"))
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in style
    assert "@media print" in style
    assert "border: 1px solid #000" in style
    assert "break-inside: avoid" in style
    assert "thead { display: table-header-group; }" in style


def test_title_defaults_to_agency_year_and_report_name():
    root = page(report_2021())
    assert root.xpath("string(//h1)") == "卫辉市民政局2022年政府信息公开工作年度报告"
    assert root.xpath("string(//title)") == "卫辉市民政局2022年政府信息公开工作年度报告"


def test_title_breaks_only_before_the_report_name():
    pieces = page(report_2021()).xpath("//h1/span/text()")
    assert pieces == ["卫辉市民政局2022年", "政府信息公开工作年度报告"]


def test_printed_title_is_used_when_the_report_has_one():
    report = replace(report_2021(), title="卫辉市民政局2022年度政府信息公开工作报告")
    assert page(report).xpath("string(//h1)") == "卫辉市民政局2022年度政府信息公开工作报告"


# -- sections ------------------------------------------------------------------------------------


def test_without_sections_the_tables_sit_under_the_standard_section_titles():
    root = page(report_2021())
    assert root.xpath("//h2/text()") == [section.title for section in SECTIONS[1:4]]
    for number, table_id in (("二", PROACTIVE), ("三", APPLICATIONS), ("四", REVIEW)):
        (table,) = root.xpath(f'//section[h2[starts-with(., "{number}、")]]/table')
        assert table.get("class") == table_id.value


def test_sections_render_in_order_with_one_paragraph_per_line():
    sections = (
        Section(None, "", "为做好年度报告工作，现报告如下。"),
        Section("一", "总体情况", "　　第一段。\n\n　　第二段。"),
        Section("二", "二、主动公开政府信息情况", ""),
        Section("三", "收到和处理政府信息公开申请情况", "本年度收到申请7件。"),
        Section("四", "政府信息公开行政复议、行政诉讼情况", ""),
        Section("五", "存在的主要问题及改进情况", "问题。"),
        Section("六", "其他需要报告的事项", "本年度未收取信息处理费。"),
    )
    root = page(replace(report_2021(), sections=sections))
    assert root.xpath("//h2/text()") == [section.title for section in SECTIONS]
    parts = root.xpath("//body/section")
    assert parts[0].xpath("p/text()") == ["为做好年度报告工作，现报告如下。"]
    assert parts[1].xpath("p/text()") == ["第一段。", "第二段。"]
    assert parts[3].xpath("p/text()") == ["本年度收到申请7件。"]
    assert parts[3].xpath("table/@class") == ["applications"]
    assert parts[3].xpath("name(table/preceding-sibling::*[1])") == "p"
    assert parts[6].xpath("table") == []


def test_a_table_whose_section_is_missing_gets_the_standard_title_in_numeric_order():
    sections = (
        Section("一", "总体情况", "概述。"),
        Section("三", "收到和处理政府信息公开申请情况", ""),
        Section("五", "存在的主要问题及改进情况", "问题。"),
    )
    root = page(replace(report_2021(), sections=sections))
    assert root.xpath("//h2/text()") == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
    ]
    assert root.xpath("//table/@class") == ["proactive", "applications", "review_litigation"]


def test_text_from_the_document_is_escaped():
    report = replace(
        report_2021(),
        agency="<script>alert(1)</script>民政局",
        sections=(Section("一", "总体情况<b>", '<img src=x onerror="alert(1)"> A & B'),),
    )
    html = render_html(report)
    root = lxml.html.document_fromstring(html)
    assert root.xpath("//script | //img | //h2/b") == []
    assert root.xpath("string(//h1)").startswith("<script>alert(1)</script>民政局")
    assert root.xpath("//h2/text()")[0] == "一、总体情况<b>"
    assert root.xpath("//section/p/text()") == ['<img src=x onerror="alert(1)"> A & B']
    assert "&lt;script&gt;" in html


# -- section 三 ------------------------------------------------------------------------------------


def test_applications_top_left_cell_holds_the_balancing_note_over_three_rows_and_columns():
    table = table_of(page(report_2021()), APPLICATIONS)
    first = table.xpath("thead/tr[1]/th[1]")[0]
    assert first.text_content() == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert spans(first) == (3, 3)


def test_applications_header_spans_applicant_over_the_seven_data_columns():
    table = table_of(page(report_2021()), APPLICATIONS)
    assert spans(header(table, "申请人情况")) == (1, 7)


def test_applications_header_merges_legal_person_over_five_columns():
    table = table_of(page(report_2021()), APPLICATIONS)
    assert spans(header(table, "法人或其他组织")) == (1, 5)
    assert table.xpath("thead/tr[3]/th/text()") == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_natural_person_and_total_span_two_header_rows():
    table = table_of(page(report_2021()), APPLICATIONS)
    assert table.xpath("thead/tr[2]/th/text()") == ["自然人", "法人或其他组织", "总计"]
    assert spans(header(table, "自然人")) == (2, 1)
    assert spans(header(table, "总计")) == (2, 1)


def test_results_label_spans_every_result_row_down_to_the_total():
    for report, rows in ((report_2021(), 22), (report_2019(), 20)):
        table = table_of(page(report), APPLICATIONS)
        label = header(table, "三、本年度办理结果")
        assert spans(label) == (rows, 1)
        (total_row,) = table.xpath('tbody/tr[td[@data-where="applications.total.total"]]')
        assert total_row.xpath("count(preceding-sibling::tr)") == 2 + rows - 1


def test_group_labels_span_their_numbered_items():
    table = table_of(page(report_2021()), APPLICATIONS)
    assert spans(header(table, "（三）不予公开")) == (8, 1)
    assert spans(header(table, "（四）无法提供")) == (3, 1)
    assert spans(header(table, "（五）不予处理")) == (5, 1)
    assert spans(header(table, "（六）其他处理")) == (3, 1)


def test_other_handling_is_one_row_over_two_label_columns_in_the_2019_format():
    table = table_of(page(report_2019()), APPLICATIONS)
    assert spans(header(table, "（六）其他处理")) == (1, 2)
    assert table.xpath('count(.//td[starts-with(@data-where, "applications.other.")])') == 7


def test_top_level_rows_span_the_three_label_columns():
    table = table_of(page(report_2021()), APPLICATIONS)
    for label in (
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "四、结转下年度继续办理",
    ):
        assert spans(header(table, label)) == (1, 3)
    assert spans(header(table, "（七）总计")) == (1, 2)


def test_applications_rows_are_printed_in_the_national_order():
    table = table_of(page(report_2021()), APPLICATIONS)
    row_ids = [
        tr.xpath("td[1]/@data-where")[0].split(".", 1)[1].rsplit(".", 1)[0] for tr in table.xpath("tbody/tr")
    ]
    assert row_ids == [row.id for row in APPLICATIONS_2021.rows]


def test_every_data_cell_carries_its_canonical_location():
    report = report_2021()
    root = page(report)
    expected = {
        table.spec.where(row_id, column_id)
        for table in report.tables
        for row_id, column_id in table.spec.keys
    }
    found = root.xpath("//td/@data-where")
    assert len(found) == len(expected)
    assert set(found) == expected


def test_cells_print_numbers_text_and_blanks_as_held():
    root = page(report_2021())
    assert cell_at(root, "applications.granted.natural_person").text_content() == "7"
    assert cell_at(root, "applications.withheld.third_party_rights.commercial").text_content() == "增"
    assert cell_at(root, "applications.withheld.third_party_rights.commercial").get("data-state") == "text"
    assert cell_at(root, "applications.new_received.research").text_content() == ""
    assert cell_at(root, "applications.new_received.research").get("data-state") == "blank"
    assert cell_at(root, "applications.new_received.natural_person").text_content() == "0"


# -- section 二 ------------------------------------------------------------------------------------


def test_proactive_sub_tables_have_a_caption_then_a_content_header():
    table = table_of(page(report_2021()), PROACTIVE)
    captions = table.xpath('.//th[@class="caption"]')
    assert [caption.text_content() for caption in captions] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert all(spans(caption) == (1, 4) for caption in captions)
    for caption in captions:
        header_row = caption.getparent().getnext()
        assert header_row.xpath("th[1]/text()") == ["信息内容"]
    assert table.xpath("tbody/tr[2]/th/text()") == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]


def test_a_single_figure_spans_the_width_of_the_sub_table():
    root = page(report_2021())
    table = table_of(root, PROACTIVE)
    assert spans(header(table, "本年收费金额（单位：万元）")) == (1, 3)
    assert spans(cell_at(root, "proactive.licensing.decisions")) == (1, 3)
    assert cell_at(root, "proactive.normative_documents.issued").text_content() == "1"


def test_2019_proactive_has_the_procurement_item_with_money_and_its_unit():
    root = page(report_2019())
    captions = root.xpath('//table[@class="proactive"]//th[@class="caption"]/text()')
    assert captions[-1] == "第二十条第（九）项"
    assert cell_at(root, "proactive.procurement.amount").text_content() == "453.0087万元"
    assert cell_at(root, "proactive.licensing.previous_items").text_content() == "12"
    assert cell_at(root, "proactive.licensing.change").text_content() == ""


def test_money_in_yuan_keeps_its_unit_and_decimals_print_exactly():
    report = report_2019().with_cell(PROACTIVE, "procurement", "amount", Cell.number(251000, MoneyUnit.YUAN))
    assert cell_at(page(report), "proactive.procurement.amount").text_content() == "251000元"
    fee = report_2021().with_cell(
        PROACTIVE, "fees", "amount_wan_yuan", Cell.number(Decimal("0.1000"), MoneyUnit.WAN_YUAN)
    )
    assert cell_at(page(fee), "proactive.fees.amount_wan_yuan").text_content() == "0.1000"


def test_a_text_cell_such_as_zeng_prints_its_text():
    report = report_2019().with_cell(PROACTIVE, "licensing", "change", Cell.printed("增"))
    assert cell_at(page(report), "proactive.licensing.change").text_content() == "增"


# -- section 四 ------------------------------------------------------------------------------------


def test_review_litigation_has_three_header_rows_and_one_data_row():
    root = page(report_2021())
    table = table_of(root, REVIEW)
    assert len(table.xpath("thead/tr")) == 3
    assert len(table.xpath("tbody/tr")) == 1
    assert spans(header(table, "行政复议")) == (2, 5)
    assert spans(header(table, "行政诉讼")) == (1, 10)
    assert spans(header(table, "未经复议直接起诉")) == (1, 5)
    assert spans(header(table, "复议后起诉")) == (1, 5)
    assert (
        table.xpath("thead/tr[3]/th/text()") == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    )
    data = table.xpath("tbody/tr/td")
    assert len(data) == 15
    assert data[13].get("data-where") == "review_litigation.litigation_after_review.pending"
    assert data[13].text_content() == "4"


def test_review_figures_of_the_2019_seed_are_printed():
    root = page(report_2019())
    assert cell_at(root, "review_litigation.review.corrected").text_content() == "1"
    assert cell_at(root, "review_litigation.review.total").text_content() == "1"


def test_control_characters_left_by_text_extraction_are_dropped():
    report = replace(
        report_2021().with_cell(APPLICATIONS, "other.other", "total", Cell.printed("见\x00附件")),
        agency="卫辉市\x07民政局",
        sections=(Section("一", "总体情况\x0b", "第一段\x00。\x0c第二段。"),),
    )
    html = render_html(report)
    assert not any(character in html for character in "\x00\x07\x0b\x0c")
    root = lxml.html.document_fromstring(html)
    assert root.xpath("string(//h1)") == "卫辉市民政局2022年政府信息公开工作年度报告"
    assert root.xpath("//section/p/text()") == ["第一段。", "第二段。"]
    assert cell_at(root, "applications.other.other.total").text_content() == "见附件"
