"""The PDF reader: published reports cell by cell, the round trip through the PDF renderer, bad PDFs."""

from __future__ import annotations

import io
import json
import time
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import weasyprint
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader, PdfWriter

from gongkai.annual.findings import SourceRef
from gongkai.annual.parse import parse_bytes, parse_path
from gongkai.annual.parse.limits import DEFAULT_LIMITS, Limits
from gongkai.annual.parse.pdf import read_pdf
from gongkai.annual.parse.pdflayout import Glyph, PageContent, Ruling, TableBlock, TextBlock, page_blocks
from gongkai.annual.render.pdf import render_pdf
from gongkai.errors import ReadError
from test_render_parse_roundtrip import reports

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
PUBLISHED_PDFS = ["021", "022", "023"]


def _expected(number: str) -> dict:
    return json.loads((CORPUS / f"{number}.expected.json").read_text(encoding="utf-8"))


def _published(number: str) -> bytes:
    return (CORPUS / f"{number}.pdf").read_bytes()


def _number(value: float | int | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("number", PUBLISHED_PDFS)
def test_a_published_pdf_is_read_cell_by_cell_as_printed(number):
    expected = _expected(number)
    result = parse_path(CORPUS / f"{number}.pdf")
    report = result.report

    assert (result.kind, result.layout) == ("pdf", "pdf-ruled-tables")
    assert (report.year, report.format) == (expected["year"], expected["format"])
    assert report.agency == expected["agency"]
    wrong = []
    for key in ("applications", "review_litigation"):
        table = getattr(report, key)
        for row_id, columns in expected[key].items():
            for column_id, value in columns.items():
                if table.value(row_id, column_id) != _number(value):
                    wrong.append((key, row_id, column_id, value, table.value(row_id, column_id)))
    proactive = report.proactive
    for label, values in expected["section2_labels"].items():
        (row,) = [row for row in proactive.spec.rows if row.label.text == label]
        printed = values if isinstance(values, list) else [values]
        assert len(printed) == len(row.columns)
        for column, value in zip(row.columns, printed, strict=True):
            if proactive.value(row.id, column.id) != _number(value):
                wrong.append(("proactive", row.id, column.id, value, proactive.value(row.id, column.id)))
    assert wrong == []


def test_every_value_read_from_a_pdf_knows_its_page_table_row_and_cell():
    provenance = parse_path(CORPUS / "021.pdf").provenance

    assert provenance["applications.new_received.natural_person"] == SourceRef(page=3, table=2, row=4, cell=4)
    assert provenance["proactive.fees.amount_wan_yuan"] == SourceRef(page=3, table=1, row=14, cell=2)
    assert provenance["review_litigation.litigation_after_review.upheld"] == SourceRef(
        page=4, table=3, row=4, cell=11
    )


def test_a_vertical_group_label_printed_one_character_per_line_is_its_merged_cell():
    rows = read_pdf(_published("021"), DEFAULT_LIMITS).rows
    (row,) = [row for row in rows if "（一）予以公开" in row.text]

    assert [cell.text for cell in row.cells] == ["三、本年度办理结果", "（一）予以公开", *["0"] * 7]
    assert [cell.source.cell for cell in row.cells] == [1, 2, 4, 5, 6, 7, 8, 9, 10]


def test_a_table_broken_by_a_page_keeps_its_number_and_counts_its_rows_on():
    rows = read_pdf(_published("021"), DEFAULT_LIMITS).rows
    (before,) = [row for row in rows if row.text.startswith("2.没有现成信息需要另行制作")]
    (after,) = [row for row in rows if "3.补正后申请内容仍不明确" in row.text]

    assert (before.source.page, before.source.table, before.source.row) == (3, 2, 17)
    assert (after.source.page, after.source.table, after.source.row) == (4, 2, 18)
    # The merged cells continued from page 3 are printed empty at the top of page 4.
    assert [cell.text for cell in after.cells[:3]] == ["", "", "3.补正后申请内容仍不明确"]


def test_a_paragraph_broken_by_a_page_is_joined_and_the_page_number_kept_apart():
    rows = read_pdf(_published("023"), DEFAULT_LIMITS).rows
    texts = [row.text for row in rows if not row.is_table_row]
    (paragraph,) = [text for text in texts if text.startswith("（一）主动公开情况。")]

    assert "组织召开了" in paragraph
    assert paragraph.endswith("努力传递政府声音、宣传政策法规、回应舆论关切。")
    assert texts[texts.index(paragraph) + 1] == "-1-"


def _pdf_of(html: str) -> bytes:
    return weasyprint.HTML(string=html).write_pdf()


def test_kangxi_radicals_some_fonts_map_chinese_characters_to_are_read_as_the_characters():
    data = _pdf_of("<p>\u2f00、总体情况</p><p>淮安市\u2f08民政府</p>")
    scanned = pdfium.PdfDocument(data)
    try:
        assert scanned[0].get_textpage().get_text_range().startswith("\u2f00、")
    finally:
        scanned.close()

    assert [row.text for row in read_pdf(data, DEFAULT_LIMITS).rows] == ["一、总体情况", "淮安市人民政府"]


def test_a_heading_printed_twice_over_itself_as_a_fake_bold_is_read_once():
    heading = "二、主动公开政府信息情况"
    data = _pdf_of(
        f'<div style="position:absolute; left:100pt; top:100pt">{heading}</div>'
        f'<div style="position:absolute; left:100.4pt; top:100pt">{heading}</div>'
    )

    assert [row.text for row in read_pdf(data, DEFAULT_LIMITS).rows] == [heading]


def _turned(data: bytes) -> bytes:
    """The same pages drawn on landscape sheets turned by /Rotate 90: they look just the same."""
    source = pdfium.PdfDocument(data)
    turned = pdfium.PdfDocument.new()
    try:
        for index in range(len(source)):
            width, height = source.get_page_size(index)
            drawing = source.page_as_xobject(index, turned).as_pageobject()
            drawing.transform(pdfium.PdfMatrix(0, 1, -1, 0, height, 0))
            page = turned.new_page(height, width)
            page.insert_obj(drawing)
            page.gen_content()
            page.set_rotation(90)
        out = io.BytesIO()
        turned.save(out)
    finally:
        source.close()
        turned.close()
    return out.getvalue()


def test_a_page_turned_by_its_rotation_is_read_as_it_is_shown():
    plain = read_pdf(_published("021"), DEFAULT_LIMITS)
    turned = read_pdf(_turned(_published("021")), DEFAULT_LIMITS)

    assert [row.text for row in turned.rows] == [row.text for row in plain.rows]
    assert [[cell.source for cell in row.cells] for row in turned.rows] == [
        [cell.source for cell in row.cells] for row in plain.rows
    ]


ROUND_TRIP = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@ROUND_TRIP
@given(reports())
def test_a_report_rendered_as_pdf_reads_back_as_the_same_report(report):
    result = parse_bytes(render_pdf(report), "report.pdf")

    assert result.kind == "pdf"
    assert result.report == report


@pytest.mark.parametrize("sample", ["weihui-minzheng-2022.txt", "lingling-minzheng-2021.txt"])
def test_a_published_report_rendered_as_pdf_reads_back_with_its_tables_and_text(sample):
    report = parse_path(Path(__file__).parents[2] / "src" / "gongkai" / "samples" / sample).report

    read = parse_bytes(render_pdf(report), "report.pdf").report

    assert read.tables == report.tables
    assert (read.title, read.year, read.agency) == (report.title, report.year, report.agency)
    # An en space (U+2002) is printed as a gap narrower than a space: it does not come back.
    assert [(section.number, section.title, section.text) for section in read.sections] == [
        (section.number, section.title, section.text.replace("\u2002", "")) for section in report.sections
    ]


def _scanned(data: bytes) -> bytes:
    """The first page of ``data`` as a picture in a PDF of its own: no text layer."""
    document = pdfium.PdfDocument(data)
    try:
        picture = document[0].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    out = io.BytesIO()
    picture.save(out, format="PDF", resolution=72)
    return out.getvalue()


def test_a_scanned_pdf_has_no_rows_and_says_so():
    document = read_pdf(_scanned(_published("021")), DEFAULT_LIMITS)

    assert (document.layout, document.rows) == ("pdf-no-text", ())
    assert [(note.code, note.severity.value, note.message) for note in document.notes] == [
        ("PDF-NO-TEXT", "error", "该 PDF 没有文字层（可能是扫描件），无法读取数据；请提供可复制文字的版本")
    ]


def test_a_scanned_pdf_is_reported_in_the_parse_findings():
    findings = parse_bytes(_scanned(_published("021")), "scan.pdf").findings

    assert [finding.code for finding in findings][:1] == ["PDF-NO-TEXT"]


def test_a_scanned_page_inside_a_text_pdf_is_named():
    combined = pdfium.PdfDocument(_published("022"))
    scan = pdfium.PdfDocument(_scanned(_published("021")))
    try:
        combined.import_pages(scan, index=2)
        out = io.BytesIO()
        combined.save(out)
    finally:
        scan.close()
        combined.close()

    document = read_pdf(out.getvalue(), DEFAULT_LIMITS)

    assert [(note.code, note.source) for note in document.notes] == [("PDF-PAGE-NO-TEXT", SourceRef(page=3))]
    assert any("第二十条第（一）项" in row.text for row in document.rows)


def _encrypted(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-only", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_password_protected_pdf_is_refused_as_encrypted():
    with pytest.raises(ReadError) as raised:
        read_pdf(_encrypted(_published("021"), "secret"), DEFAULT_LIMITS)

    assert raised.value.code == "encrypted_pdf"
    assert raised.value.message == "该 PDF 已加密（设有密码），无法读取；请提供未加密的版本"


def test_a_pdf_encrypted_without_a_user_password_is_read_as_usual():
    plain = read_pdf(_published("021"), DEFAULT_LIMITS)
    encrypted = read_pdf(_encrypted(_published("021"), ""), DEFAULT_LIMITS)

    assert encrypted.rows == plain.rows


@pytest.mark.parametrize("kept", [0.9, 0.5, 0.05])
def test_a_truncated_pdf_is_refused_as_corrupt(kept):
    data = _published("022")

    with pytest.raises(ReadError) as raised:
        read_pdf(data[: int(len(data) * kept)], DEFAULT_LIMITS)

    assert raised.value.code == "corrupt_pdf"


def test_a_file_that_only_starts_like_a_pdf_is_refused_as_corrupt():
    with pytest.raises(ReadError) as raised:
        parse_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 64, "report.pdf")

    assert raised.value.code == "corrupt_pdf"


def _blank_pages(count: int) -> bytes:
    document = pdfium.PdfDocument.new()
    try:
        for _ in range(count):
            document.new_page(595, 842)
        out = io.BytesIO()
        document.save(out)
    finally:
        document.close()
    return out.getvalue()


def test_a_pdf_of_two_thousand_pages_is_refused_before_any_page_is_read():
    data = _blank_pages(2000)
    started = time.process_time()

    with pytest.raises(ReadError) as raised:
        read_pdf(data, DEFAULT_LIMITS)

    assert raised.value.code == "too_many_pages"
    assert raised.value.message == "PDF 页数过多（2000 页），上限为 300 页"
    assert time.process_time() - started < 0.5


def test_the_page_limit_is_configurable():
    with pytest.raises(ReadError) as raised:
        read_pdf(_published("021"), Limits(max_pages=4))

    assert raised.value.message == "PDF 页数过多（5 页），上限为 4 页"


def _resident_megabytes() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20


def test_reading_many_pdfs_keeps_memory_flat():
    data = _published("023")
    for _ in range(10):
        read_pdf(data, DEFAULT_LIMITS)
    before = _resident_megabytes()
    for _ in range(150):
        read_pdf(data, DEFAULT_LIMITS)

    # Each read opens six pages; were they not closed, this would grow by hundreds of MB.
    assert _resident_megabytes() - before < 20


# The page geometry, on pages made by hand (coordinates in points from the top left).


def _glyphs(text: str, left: float, top: float, size: float = 10.0) -> list[Glyph]:
    return [
        Glyph.of(char, left + i * size, top, left + (i + 1) * size, top + size) for i, char in enumerate(text)
    ]


def _box(left: float, top: float, right: float, bottom: float) -> list[Ruling]:
    return [
        Ruling(True, top, left, right),
        Ruling(True, bottom, left, right),
        Ruling(False, left, top, bottom),
        Ruling(False, right, top, bottom),
    ]


def test_cells_are_the_areas_between_rulings_and_a_merged_cell_starts_one_row():
    # A 2 × 2 grid whose left column is one cell over both rows, its label one character per line.
    rulings = [*_box(0, 0, 200, 60), Ruling(False, 40, 0, 60), Ruling(True, 30, 40, 200)]
    glyphs = [*_glyphs("三", 15, 5), *_glyphs("、", 15, 17), *_glyphs("本", 15, 33), *_glyphs("年", 15, 45)]
    glyphs += [*_glyphs("甲", 100, 10), *_glyphs("12", 100, 40)]
    page = PageContent(1, 595, 842, tuple(glyphs), tuple(rulings))

    (table,) = page_blocks(page)

    assert isinstance(table, TableBlock)
    assert [[(cell.text, cell.col, cell.last_row) for cell in row] for row in table.rows] == [
        [("三、本年", 0, 1), ("甲", 1, 0)],
        [("12", 1, 1)],
    ]


def test_text_hanging_out_under_a_table_cut_by_a_page_belongs_to_its_cell():
    rulings = [*_box(0, 700, 200, 730), Ruling(False, 60, 700, 730)]
    glyphs = [*_glyphs("（六）其他处", 0, 705), *_glyphs("理", 0, 728), *_glyphs("7", 100, 710)]
    page = PageContent(1, 595, 842, tuple(glyphs), tuple(rulings))

    (table,) = page_blocks(page)

    assert isinstance(table, TableBlock)
    assert [cell.text for cell in table.rows[0]] == ["（六）其他处理", "7"]


def test_lines_with_wide_gaps_outside_ruled_tables_are_rows_of_cells_but_a_stretched_space_is_not():
    glyphs = [*_glyphs("信息内容", 50, 100), *_glyphs("本年处理决定数量", 250, 100)]
    glyphs += [*_glyphs("行政许可", 50, 120), *_glyphs("550", 250, 120)]
    # A justified line whose only space was stretched wide, between paragraph lines.
    glyphs += [
        *_glyphs("（三）", 50, 160),
        *_glyphs("政府信息管理情况", 120, 160),
        *_glyphs("说明文字", 50, 180),
    ]
    page = PageContent(1, 595, 842, tuple(glyphs), ())

    blocks = page_blocks(page)

    assert all(isinstance(block, TextBlock) for block in blocks)
    assert [[cell.text for cell in block.cells] for block in blocks] == [
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "550"],
        ["（三） 政府信息管理情况"],
        ["说明文字"],
    ]
