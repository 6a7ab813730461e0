"""The Word document: 公文 page layout, CJK fonts, and the national tables with real merges."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from gongkai.annual.model import AnnualReport, Cell, Section
from gongkai.annual.render.docx import render_docx
from gongkai.formats import MoneyUnit, TableId
from seeddata import LINGLING_2021, hand_checked, weihui_distinguishable

APPLICATIONS = TableId.APPLICATIONS
PROACTIVE = TableId.PROACTIVE
REVIEW = TableId.REVIEW_LITIGATION
SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


def report_2021() -> AnnualReport:
    """卫辉市民政局 2022 (2021 format), with cells made distinguishable."""
    return weihui_distinguishable(("review", "upheld", 3), granted=4721)


def report_2019() -> AnnualReport:
    """永州市零陵区民政局 2021 (2019 format); 采购总金额 is 453.0087万元 in the seed."""
    return hand_checked(LINGLING_2021)


SECTIONS = (
    Section("一", "总体情况", "　　2022年，本局收到政府信息公开申请4721件。\n　　第二段。"),
    Section("二", "主动公开政府信息情况", ""),
    Section("三", "收到和处理政府信息公开申请情况", ""),
    Section("四", "政府信息公开行政复议、行政诉讼情况", ""),
    Section("五", "存在的主要问题及改进情况", "问题。"),
    Section("六", "其他需要报告的事项", "无。"),
)


def document(report: AnnualReport) -> Document:
    return docx.Document(BytesIO(render_docx(report)))


def table_containing(doc: Document, text: str) -> Table:
    # `Table._cells` lists every grid position once (a merged cell repeatedly) in one pass.
    (table,) = [table for table in doc.tables if any(cell.text == text for cell in table._cells)]
    return table


def same_cell(table: Table, first: tuple[int, int], last: tuple[int, int]) -> bool:
    """Whether two grid positions belong to one merged cell."""
    return table.cell(*first)._tc is table.cell(*last)._tc


def grid_span(cell: _Cell) -> int:
    return grid_span_of(cell._tc)


def vertical_merge(table: Table, row: int, col: int) -> str | None:
    """The w:vMerge of the physical cell at a row (``restart``, ``continue`` or None)."""
    tr = table.rows[row]._tr
    position = 0
    for tc in tr.findall(qn("w:tc")):
        if position == col:
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is None:
                return None
            return merge.get(qn("w:val"), "continue")
        position += grid_span_of(tc)
    raise AssertionError(f"no cell starts at column {col}")


def grid_span_of(tc: CT_Tc) -> int:
    span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    return 1 if span is None else int(span.get(qn("w:val")))


def east_asian_font(paragraph: Paragraph) -> str | None:
    fonts = paragraph.runs[0]._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


# -- page and type ---------------------------------------------------------------------------------


def test_page_is_a4_with_gb9704_margins():
    section = document(report_2021()).sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37
    assert round(section.bottom_margin.mm) == 35
    assert round(section.left_margin.mm) == 28
    assert round(section.right_margin.mm) == 26


def test_title_is_centred_bold_and_larger_than_the_body():
    doc = document(replace(report_2021(), sections=SECTIONS))
    title = doc.paragraphs[0]
    assert title.text == "卫辉市民政局2022年\n政府信息公开工作年度报告"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold for run in title.runs)
    body = next(paragraph for paragraph in doc.paragraphs if paragraph.text.startswith("2022年"))
    assert title.runs[0].font.size > body.runs[0].font.size


def test_a_short_title_stays_on_one_line():
    doc = document(replace(report_2021(), agency="民政局", year=2022))
    assert doc.paragraphs[0].text == "民政局2022年政府信息公开工作年度报告"


def test_body_text_is_serif_cjk_for_east_asian_text_with_a_two_character_indent():
    doc = document(replace(report_2021(), sections=SECTIONS))
    body = next(paragraph for paragraph in doc.paragraphs if paragraph.text.startswith("2022年"))
    assert body.text == "2022年，本局收到政府信息公开申请4721件。"
    assert east_asian_font(body) == SERIF
    assert body.runs[0].font.name == SERIF
    assert body.paragraph_format.first_line_indent == 2 * body.runs[0].font.size


def test_document_defaults_name_the_serif_font_for_east_asian_text():
    doc = document(report_2021())
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == SERIF
    assert fonts.get(qn("w:eastAsiaTheme")) is None
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_section_titles_are_bold_sans_headings_in_order():
    doc = document(replace(report_2021(), sections=SECTIONS))
    headings = [paragraph for paragraph in doc.paragraphs if paragraph.style.name == "Heading 1"]
    assert [heading.text for heading in headings] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert all(heading.runs[0].bold for heading in headings)
    assert {east_asian_font(heading) for heading in headings} == {SANS}


def test_tables_follow_their_sections():
    doc = document(replace(report_2021(), sections=SECTIONS))
    body = doc.element.body
    order = [
        "table" if child.tag == qn("w:tbl") else Paragraph(child, doc).text
        for child in body
        if child.tag in (qn("w:tbl"), qn("w:p"))
    ]
    significant = [item for item in order if item]
    assert significant.index("table") == significant.index("二、主动公开政府信息情况") + 1
    assert significant[significant.index("三、收到和处理政府信息公开申请情况") + 1] == "table"
    assert significant[significant.index("四、政府信息公开行政复议、行政诉讼情况") + 1] == "table"
    assert significant.count("table") == 3


def test_table_text_is_centred_serif_and_smaller_than_the_body():
    doc = document(replace(report_2021(), sections=SECTIONS))
    table = table_containing(doc, "申请人情况")
    number = table.cell(5, 3).paragraphs[0]
    assert number.text == "4721"
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian_font(number) == SERIF
    body = next(paragraph for paragraph in doc.paragraphs if paragraph.text.startswith("2022年"))
    assert number.runs[0].font.size < body.runs[0].font.size


def test_every_table_draws_all_borders():
    for table in document(report_2019()).tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            assert borders.find(qn(f"w:{side}")).get(qn("w:val")) == "single"


def test_page_numbers_are_printed_at_the_foot():
    footer = document(report_2021()).sections[0].footer
    paragraph = footer.paragraphs[0]
    assert paragraph._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


# -- section 三 ------------------------------------------------------------------------------------


def test_applications_note_is_merged_over_three_header_rows_and_three_label_columns():
    table = table_containing(document(report_2021()), "申请人情况")
    note = table.cell(0, 0)
    assert note.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert same_cell(table, (0, 0), (2, 2))
    assert not same_cell(table, (0, 0), (3, 0))
    assert grid_span(note) == 3
    assert vertical_merge(table, 0, 0) == "restart"
    assert vertical_merge(table, 2, 0) == "continue"


def test_applications_header_merges_legal_person_over_five_columns():
    table = table_containing(document(report_2021()), "申请人情况")
    assert table.cell(0, 3).text == "申请人情况"
    assert grid_span(table.cell(0, 3)) == 7
    legal_person = table.cell(1, 4)
    assert legal_person.text == "法人或其他组织"
    assert grid_span(legal_person) == 5
    assert same_cell(table, (1, 4), (1, 8))
    assert [table.cell(2, col).text for col in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_natural_person_and_total_span_two_header_rows():
    table = table_containing(document(report_2021()), "申请人情况")
    assert table.cell(1, 3).text == "自然人"
    assert same_cell(table, (1, 3), (2, 3))
    assert table.cell(1, 9).text == "总计"
    assert same_cell(table, (1, 9), (2, 9))


def test_results_and_group_labels_are_vertical_merges():
    table = table_containing(document(report_2021()), "申请人情况")
    assert table.cell(5, 0).text == "三、本年度办理结果"
    assert same_cell(table, (5, 0), (26, 0))
    assert not same_cell(table, (5, 0), (27, 0))
    assert table.cell(27, 0).text == "四、结转下年度继续办理"
    assert table.cell(7, 1).text == "（三）不予公开"
    assert same_cell(table, (7, 1), (14, 1))
    assert table.cell(23, 1).text == "（六）其他处理"
    assert same_cell(table, (23, 1), (25, 1))
    assert vertical_merge(table, 24, 1) == "continue"


def test_other_handling_is_a_single_row_in_the_2019_format():
    table = table_containing(document(report_2019()), "申请人情况")
    assert table.cell(23, 1).text == "（六）其他处理"
    assert same_cell(table, (23, 1), (23, 2))
    assert vertical_merge(table, 23, 1) is None
    assert same_cell(table, (5, 0), (24, 0))


def test_applications_cells_hold_numbers_text_and_blanks():
    table = table_containing(document(report_2021()), "申请人情况")
    assert table.cell(5, 3).text == "4721"  # （一）予以公开 · 自然人
    assert table.cell(10, 4).text == "增"  # （三）4.保护第三方合法权益 · 商业企业
    assert table.cell(3, 5).text == ""  # 一、本年新收 · 科研机构
    assert table.cell(3, 3).text == "0"


def test_applications_header_rows_repeat_and_rows_do_not_split_across_pages():
    table = table_containing(document(report_2021()), "申请人情况")
    for index, row in enumerate(table.rows):
        properties = row._tr.trPr
        assert properties.find(qn("w:cantSplit")) is not None
        assert (properties.find(qn("w:tblHeader")) is not None) == (index < 3)


# -- section 二 and 四 -------------------------------------------------------------------------------


def test_proactive_captions_span_the_table_and_a_single_figure_spans_three_columns():
    table = table_containing(document(report_2021()), "第二十条第（一）项")
    assert grid_span(table.cell(0, 0)) == 4
    assert [table.cell(1, col).text for col in range(4)] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert table.cell(3, 1).text == "1"
    assert table.cell(4, 0).text == "第二十条第（五）项"
    assert table.cell(5, 1).text == "本年处理决定数量"
    assert same_cell(table, (5, 1), (5, 3))
    assert same_cell(table, (6, 1), (6, 3))


def test_2019_procurement_amount_prints_with_its_unit():
    table = table_containing(document(report_2019()), "第二十条第（九）项")
    assert table.cell(17, 0).text == "政府集中采购"
    assert table.cell(17, 1).text == "6"
    assert table.cell(17, 2).text == "453.0087万元"
    assert same_cell(table, (17, 2), (17, 3))


def test_decimal_money_prints_exactly_and_yuan_keeps_its_unit():
    fee = report_2021().with_cell(
        PROACTIVE, "fees", "amount_wan_yuan", Cell.number(Decimal("0.1000"), MoneyUnit.WAN_YUAN)
    )
    assert table_containing(document(fee), "第二十条第（八）项").cell(13, 1).text == "0.1000"
    yuan = report_2019().with_cell(PROACTIVE, "procurement", "amount", Cell.number(251000, MoneyUnit.YUAN))
    assert table_containing(document(yuan), "第二十条第（九）项").cell(17, 2).text == "251000元"


def test_review_litigation_has_three_merged_header_rows():
    table = table_containing(document(report_2021()), "行政复议")
    assert len(table.rows) == 4
    assert len(table.columns) == 15
    assert same_cell(table, (0, 0), (1, 4))
    assert grid_span(table.cell(0, 0)) == 5
    assert vertical_merge(table, 1, 0) == "continue"
    assert table.cell(0, 5).text == "行政诉讼"
    assert grid_span(table.cell(0, 5)) == 10
    assert table.cell(1, 5).text == "未经复议直接起诉"
    assert table.cell(1, 10).text == "复议后起诉"
    assert grid_span(table.cell(1, 10)) == 5
    assert [table.cell(2, col).text for col in range(5)] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert table.cell(3, 0).text == "3"


def test_control_characters_left_by_text_extraction_do_not_break_the_document():
    report = replace(
        report_2021().with_cell(APPLICATIONS, "other.other", "total", Cell.printed("见\x00附件")),
        agency="卫辉市\x07民政局",
        sections=(Section("一", "总体情况", "第一段\x00。\x0c第二段。"),),
    )
    doc = document(report)
    assert doc.paragraphs[0].text == "卫辉市民政局2022年\n政府信息公开工作年度报告"
    assert [paragraph.text for paragraph in doc.paragraphs[2:4]] == ["第一段。", "第二段。"]
    assert table_containing(doc, "申请人情况").cell(25, 9).text == "见附件"


# -- as LibreOffice prints it --------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_prints_the_tables_and_figures(tmp_path: Path):
    soffice = shutil.which("soffice")
    pdftotext = shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.fail(
            "需要 LibreOffice（soffice）和 poppler-utils（pdftotext）："
            "apt-get install libreoffice-writer-nogui poppler-utils"
        )
    names = {"r2021": report_2021(), "r2019": report_2019()}
    sources = []
    for name, report in names.items():
        source = tmp_path / f"{name}.docx"
        source.write_bytes(render_docx(replace(report, sections=SECTIONS)))
        sources.append(str(source))
    profile = (tmp_path / "lo").as_uri()
    convert = ["--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", *convert, *sources],
        check=True,
        timeout=120,
        capture_output=True,
    )
    texts = {}
    for name in names:
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice did not write {pdf}"
        printed = subprocess.run(
            [pdftotext, str(pdf), "-"], check=True, timeout=60, capture_output=True, text=True
        ).stdout
        texts[name] = re.sub(r"\s+", "", printed)
    labels = (
        "申请人情况",
        "法人或其他组织",
        "行政复议",
        "行政诉讼",
        "第二十条第（一）项",
        "四、结转下年度继续办理",
    )
    for label in labels:
        assert label in texts["r2021"]
    assert "政府信息公开工作年度报告" in texts["r2021"]
    assert "4721" in texts["r2021"]
    assert "增" in texts["r2021"]
    assert "453.0087万元" in texts["r2019"]
    assert "第二十条第（九）项" in texts["r2019"]
