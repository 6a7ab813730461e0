"""The Excel workbook: report facts, then each table in the national layout with merged cells."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from io import BytesIO
from zipfile import ZipFile

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.annual.model import AnnualReport, Cell, Table
from gongkai.annual.render.xlsx import render_xlsx
from gongkai.formats import MoneyUnit, TableId
from gongkai.formats.national import APPLICATIONS_2019, PROACTIVE_2021
from seeddata import LINGLING_2021, hand_checked, weihui_distinguishable

APPLICATIONS = TableId.APPLICATIONS
PROACTIVE = TableId.PROACTIVE
REVIEW = TableId.REVIEW_LITIGATION


def report_2021() -> AnnualReport:
    """卫辉市民政局 2022 (2021 format), with cells made distinguishable."""
    return weihui_distinguishable(("review", "upheld", 3))


def report_2019() -> AnnualReport:
    """永州市零陵区民政局 2021 (2019 format); 采购总金额 is 453.0087万元 in the seed."""
    return hand_checked(LINGLING_2021)


def workbook(report: AnnualReport) -> Workbook:
    return load_workbook(BytesIO(render_xlsx(report)))


def merged(sheet: Worksheet) -> set[str]:
    return {str(area) for area in sheet.merged_cells.ranges}


def info(sheet: Worksheet) -> dict[str, object]:
    return {row[0].value: row[1].value for row in sheet.iter_rows(max_col=2)}


# -- the workbook ---------------------------------------------------------------------------------


def test_sheets_are_report_information_then_one_per_table():
    assert workbook(report_2021()).sheetnames == [
        "报告信息",
        "二、主动公开",
        "三、依申请公开",
        "四、复议诉讼",
    ]


def test_only_tables_present_get_a_sheet():
    report = AnnualReport(year=2022, agency="某局", review_litigation=report_2021().review_litigation)
    assert workbook(report).sheetnames == ["报告信息", "四、复议诉讼"]


def test_report_information_names_agency_year_format_and_notice():
    facts = info(workbook(report_2021())["报告信息"])
    assert facts["机关"] == "卫辉市民政局"
    assert facts["年度"] == 2022
    assert facts["标题"] == "卫辉市民政局2022年政府信息公开工作年度报告"
    assert facts["格式"] == "2021"
    assert facts["格式依据"] == "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》"


def test_report_information_of_a_2019_format_report_cites_the_2019_notice():
    facts = info(workbook(report_2019())["报告信息"])
    assert facts["格式"] == "2019"
    assert str(facts["格式依据"]).startswith("国办公开办函〔2019〕60号")


def test_a_mixed_report_names_the_notice_of_each_table():
    base = report_2021()
    mixed = base.with_table(Table.blank(APPLICATIONS_2019))
    assert mixed.format == "mixed"
    facts = info(workbook(mixed)["报告信息"])
    assert facts["格式"] == "混合（表格分属 2019 年和 2021 年格式）"
    assert (
        facts["格式依据"]
        == "二、主动公开：国办公开办函〔2021〕30号\n三、依申请公开：国办公开办函〔2019〕60号"
    )


# -- section 三 ------------------------------------------------------------------------------------


def test_applications_header_merges_legal_person_over_five_columns():
    sheet = workbook(report_2021())["三、依申请公开"]
    assert sheet["E2"].value == "法人或其他组织"
    assert "E2:I2" in merged(sheet)
    assert [sheet.cell(row=3, column=col).value for col in range(5, 10)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_applications_header_block_matches_the_national_layout():
    sheet = workbook(report_2021())["三、依申请公开"]
    areas = merged(sheet)
    assert sheet["A1"].value == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert "A1:C3" in areas
    assert sheet["D1"].value == "申请人情况"
    assert "D1:J1" in areas
    assert (sheet["D2"].value, sheet["J2"].value) == ("自然人", "总计")
    assert {"D2:D3", "J2:J3"} <= areas


def test_result_and_group_labels_are_vertical_merges_in_2021():
    sheet = workbook(report_2021())["三、依申请公开"]
    areas = merged(sheet)
    assert sheet["A6"].value == "三、本年度办理结果"
    assert "A6:A27" in areas
    assert sheet["B8"].value == "（三）不予公开"
    assert "B8:B15" in areas
    assert sheet["B24"].value == "（六）其他处理"
    assert "B24:B26" in areas
    assert sheet["A28"].value == "四、结转下年度继续办理"
    assert "A28:C28" in areas


def test_other_handling_is_one_row_in_2019():
    sheet = workbook(report_2019())["三、依申请公开"]
    areas = merged(sheet)
    assert sheet["B24"].value == "（六）其他处理"
    assert "B24:C24" in areas
    assert "A6:A25" in areas


def test_counts_are_numbers_text_stays_text_and_blanks_stay_empty():
    sheet = workbook(report_2021())["三、依申请公开"]
    granted = sheet["D6"]  # （一）予以公开 · 自然人
    assert granted.value == 7
    assert granted.data_type == "n"
    withheld = sheet["E11"]  # （三）4.保护第三方合法权益 · 商业企业
    assert withheld.value == "增"
    assert withheld.data_type == "s"
    assert sheet["F4"].value is None  # 一、本年新收 · 科研机构
    assert sheet["E4"].value == 0


def test_header_rows_are_frozen_and_printed_on_every_page():
    sheet = workbook(report_2021())["三、依申请公开"]
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$1:$3"


def test_merged_areas_draw_their_outer_borders():
    sheet = workbook(report_2021())["三、依申请公开"]
    outer_edges = {
        "A1": ("left", "top"),  # the 勾稽 note, A1:C3
        "C3": ("right", "bottom"),
        "J1": ("right", "top"),  # 申请人情况, D1:J1
        "A27": ("left", "bottom"),  # 三、本年度办理结果, A6:A27
        "J28": ("right", "bottom"),  # the last data cell
    }
    for coordinate, edges in outer_edges.items():
        border = sheet[coordinate].border
        assert [getattr(border, edge).style for edge in edges] == ["thin", "thin"], coordinate


# -- section 二 ------------------------------------------------------------------------------------


def test_proactive_sub_tables_have_caption_and_content_header():
    sheet = workbook(report_2021())["二、主动公开"]
    areas = merged(sheet)
    assert sheet["A1"].value == "第二十条第（一）项"
    assert "A1:D1" in areas
    assert [cell.value for cell in sheet[2]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert [cell.value for cell in sheet[4]] == ["行政规范性文件", 1, 0, 1]
    assert sheet["B6"].value == "本年处理决定数量"
    assert "B6:D6" in areas
    assert "B7:D7" in areas


def test_money_without_a_fixed_unit_is_a_number_formatted_with_its_unit():
    sheet = workbook(report_2019())["二、主动公开"]
    amount = sheet["C18"]
    assert sheet["A18"].value == "政府集中采购"
    assert amount.data_type == "n"
    assert amount.value == 453.0087
    assert amount.number_format == '0.0000"万元"'
    assert sheet["B18"].value == 6
    assert "C18:D18" in merged(sheet)


def test_money_in_yuan_shows_yuan():
    report = report_2019().with_cell(PROACTIVE, "procurement", "amount", Cell.number(251000, MoneyUnit.YUAN))
    amount = workbook(report)["二、主动公开"]["C18"]
    assert amount.value == 251000
    assert amount.number_format == '0"元"'


def test_money_in_a_column_with_a_unit_keeps_the_printed_decimals_and_the_header_names_the_unit():
    report = report_2021().with_cell(
        PROACTIVE, "fees", "amount_wan_yuan", Cell.number(Decimal("0.1000"), MoneyUnit.WAN_YUAN)
    )
    sheet = workbook(report)["二、主动公开"]
    assert sheet["B13"].value == PROACTIVE_2021.row("fees").column("amount_wan_yuan").title
    assert sheet["B13"].value == "本年收费金额（单位：万元）"
    assert sheet["B14"].value == 0.1
    assert sheet["B14"].number_format == "0.0000"


def test_decimals_are_written_exactly_not_through_float():
    report = report_2021().with_cell(
        PROACTIVE, "fees", "amount_wan_yuan", Cell.number(Decimal("1234567.8901"), MoneyUnit.WAN_YUAN)
    )
    with ZipFile(BytesIO(render_xlsx(report))) as archive:
        names = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        xml = "".join(archive.read(name).decode("utf-8") for name in names)
    assert "<v>1234567.8901</v>" in xml


def test_a_text_cell_in_section_two_stays_text():
    report = report_2019().with_cell(PROACTIVE, "licensing", "change", Cell.printed("增"))
    sheet = workbook(report)["二、主动公开"]
    assert sheet["A7"].value == "行政许可"
    assert (sheet["B7"].value, sheet["C7"].value, sheet["D7"].value) == (12, "增", 23)


def test_text_that_looks_like_a_formula_stays_text():
    report = report_2019().with_cell(PROACTIVE, "licensing", "change", Cell.printed("=1+1"))
    report = replace(report, agency='=HYPERLINK("http://example.com")')
    book = workbook(report)
    change = book["二、主动公开"]["C7"]
    assert (change.value, change.data_type) == ("=1+1", "s")
    agency = book["报告信息"]["B1"]
    assert (agency.value, agency.data_type) == ('=HYPERLINK("http://example.com")', "s")


def test_control_characters_left_by_text_extraction_are_dropped():
    report = replace(
        report_2021().with_cell(APPLICATIONS, "other.other", "total", Cell.printed("见\x00附件")),
        agency="卫辉市\x07民政局",
    )
    book = workbook(report)
    assert book["报告信息"]["B1"].value == "卫辉市民政局"
    assert book["三、依申请公开"]["J26"].value == "见附件"


# -- section 四 ------------------------------------------------------------------------------------


def test_review_litigation_has_three_merged_header_rows_and_one_data_row():
    sheet = workbook(report_2021())["四、复议诉讼"]
    assert merged(sheet) == {"A1:E2", "F1:O1", "F2:J2", "K2:O2"}
    assert (sheet["A1"].value, sheet["F1"].value) == ("行政复议", "行政诉讼")
    assert (sheet["F2"].value, sheet["K2"].value) == ("未经复议直接起诉", "复议后起诉")
    assert [cell.value for cell in sheet[3]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    assert [cell.value for cell in sheet[4]] == [3] + [0] * 14
    assert sheet.max_row == 4
