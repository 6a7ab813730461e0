"""The DOCX reader: a report saved by LibreOffice, Word's merges and text boxes, our own documents, bad zips."""

from __future__ import annotations

import copy
import io
import json
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings

from gongkai.annual.findings import SourceRef
from gongkai.annual.jsonio import report_to_dict
from gongkai.annual.model import AnnualReport
from gongkai.annual.parse import ParseResult, parse_bytes, parse_path
from gongkai.annual.parse.document import Document
from gongkai.annual.parse.docx import read_docx
from gongkai.annual.parse.limits import DEFAULT_LIMITS, MIB, Limits
from gongkai.annual.render.docx import render_docx
from gongkai.errors import ReadError
from gongkai.formats import LabelIndex, RowSpec
from seeddata import WEIHUI_2022
from test_render_parse_roundtrip import reports

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
LIBREOFFICE_018 = Path(__file__).parents[1] / "data" / "docx" / "018-libreoffice.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def package_rels(target: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{target}"/></Relationships>'
    )


def package(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def word(body: str, *, part: str = "word/document.xml") -> bytes:
    """A minimal DOCX whose body is ``body`` (WordprocessingML), as Word would package it."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {NAMESPACES}><w:body>{body}</w:body></w:document>'
    )
    return package({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": package_rels(part), part: document})


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(text: str = "", properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


RESTART = '<w:vMerge w:val="restart"/>'
CONTINUE = "<w:vMerge/>"
BEFORE_ONE = '<w:gridBefore w:val="1"/>'


def span(columns: int) -> str:
    return f'<w:gridSpan w:val="{columns}"/>'


def rows_of(document: Document) -> list[list[tuple[str, SourceRef]]]:
    return [[(cell.text, cell.source) for cell in row.cells] for row in document.rows]


def texts_of(document: Document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.rows]


def expected_018() -> dict:
    return json.loads((CORPUS / "018.expected.json").read_text(encoding="utf-8"))


def printed_cells(result: ParseResult) -> dict[str, object]:
    """Sections 三 and 四, and section 二 under its printed labels, as 018.expected.json gives them."""
    report = result.report
    data = report_to_dict(report)
    assert report.proactive is not None
    index: LabelIndex[RowSpec] = LabelIndex((row.label, row) for row in report.proactive.spec.rows)
    section2: dict[str, object] = {}
    for label in expected_018()["section2_labels"]:
        found = index.match(label)
        assert found is not None, label
        printed = [data["proactive"][found.target.id][column.id] for column in found.target.columns]
        section2[label] = printed if len(printed) > 1 else printed[0]
    return {
        "applications": data["applications"],
        "review_litigation": data["review_litigation"],
        "section2_labels": section2,
    }


def test_a_report_saved_as_docx_by_libreoffice_is_read_cell_by_cell_as_printed():
    result = parse_path(LIBREOFFICE_018)
    expected = expected_018()

    assert (result.kind, result.layout) == ("docx", "table")
    assert result.report.format == expected["format"]
    assert printed_cells(result) == {
        key: expected[key] for key in ("applications", "review_litigation", "section2_labels")
    }


def test_every_value_read_from_a_docx_knows_its_table_row_and_grid_column():
    provenance = parse_path(LIBREOFFICE_018).provenance

    assert provenance["proactive.regulations"] == SourceRef(table=1, row=3, cell=1)
    assert provenance["applications.new_received.natural_person"] == SourceRef(table=2, row=4, cell=4)
    assert provenance["applications.carried_forward.total"] == SourceRef(table=2, row=28, cell=10)
    assert provenance["review_litigation.litigation_after_review.total"] == SourceRef(table=3, row=4, cell=15)


def test_a_cell_continuing_a_vertical_merge_is_left_out_and_a_horizontal_merge_moves_the_grid():
    body = (
        "<w:tbl><w:tblGrid/>"
        f"<w:tr>{tc('三、本年度办理结果', RESTART)}{tc('（一）予以公开', span(2))}{tc('7')}</w:tr>"
        f"<w:tr>{tc('', CONTINUE)}{tc('（三）不予公开')}{tc('1.属于国家秘密')}{tc('0')}</w:tr>"
        f"<w:tr><w:trPr>{BEFORE_ONE}</w:trPr>{tc('（七）总计', span(2))}{tc('7')}</w:tr>"
        "</w:tbl>"
    )
    assert rows_of(read_docx(word(body), DEFAULT_LIMITS)) == [
        [
            ("三、本年度办理结果", SourceRef(table=1, row=1, cell=1)),
            ("（一）予以公开", SourceRef(table=1, row=1, cell=2)),
            ("7", SourceRef(table=1, row=1, cell=4)),
        ],
        [
            ("（三）不予公开", SourceRef(table=1, row=2, cell=2)),
            ("1.属于国家秘密", SourceRef(table=1, row=2, cell=3)),
            ("0", SourceRef(table=1, row=2, cell=4)),
        ],
        [("（七）总计", SourceRef(table=1, row=3, cell=2)), ("7", SourceRef(table=1, row=3, cell=4))],
    ]


def test_a_merge_continued_where_nothing_above_starts_it_is_printed_as_a_cell():
    """The second half of a table split in two keeps the continuation marks of the first."""
    body = f"<w:tbl><w:tr>{tc('', CONTINUE)}{tc('2.重复申请')}{tc('0')}</w:tr></w:tbl>"
    assert rows_of(read_docx(word(body), DEFAULT_LIMITS)) == [
        [
            ("", SourceRef(table=1, row=1, cell=1)),
            ("2.重复申请", SourceRef(table=1, row=1, cell=2)),
            ("0", SourceRef(table=1, row=1, cell=3)),
        ]
    ]


def test_text_word_does_not_print_is_not_read():
    body = (
        "<w:p><w:r><w:t>本年新收</w:t></w:r>"
        '<w:del w:id="1" w:author="a"><w:r><w:delText>二十</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>26</w:t></w:r></w:ins>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>件</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>，第3页</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    assert texts_of(read_docx(word(body), DEFAULT_LIMITS)) == [["本年新收26件，第3页"]]


def test_a_line_break_ends_a_paragraph_row_and_stays_a_line_break_in_a_cell():
    body = (
        "<w:p><w:r><w:t>沭阳县发展和改革局2023年</w:t><w:br/><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
        "<w:r><w:t>一、总体情况</w:t><w:tab/><w:t>1</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p></w:tc>"
        f"{tc('3')}</w:tr></w:tbl>"
    )
    assert rows_of(read_docx(word(body), DEFAULT_LIMITS)) == [
        [("沭阳县发展和改革局2023年", SourceRef(line=1))],
        [("政府信息公开工作年度报告", SourceRef(line=1))],
        [("一、总体情况\t1", SourceRef(line=2))],
        [("商业\n企业", SourceRef(table=1, row=1, cell=1)), ("3", SourceRef(table=1, row=1, cell=2))],
    ]


def text_box(text: str, declarations: str = "") -> str:
    """A run holding a text box, stored as Word stores it: a DrawingML choice and a VML fallback."""
    content = f"<w:txbxContent>{p(text)}</w:txbxContent>"
    return (
        f"<w:r {declarations}><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def review_table_docx() -> bytes:
    """Section 四 built with python-docx: merged headers as Word makes them, the title in a text box."""
    document = docx.Document()
    anchor = document.add_paragraph()
    anchor._p.append(parse_xml(text_box("沭阳县发展和改革局2023年政府信息公开工作年度报告", NAMESPACES)))
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=4, cols=15)
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    table.cell(0, 0).merge(table.cell(1, 4)).text = "行政复议"
    table.cell(0, 5).merge(table.cell(0, 14)).text = "行政诉讼"
    table.cell(1, 5).merge(table.cell(1, 9)).text = "未经复议直接起诉"
    table.cell(1, 10).merge(table.cell(1, 14)).text = "复议后起诉"
    for column in range(15):
        table.cell(2, column).text = outcomes[column % 5]
        table.cell(3, column).text = str(column)
    document.add_paragraph("五、存在的主要问题及改进情况")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_table_with_merged_headers_and_a_title_in_a_text_box_is_read():
    data = review_table_docx()
    result = parse_bytes(data, "report.docx")
    document = read_docx(data, DEFAULT_LIMITS)

    assert texts_of(document)[:3] == [
        ["沭阳县发展和改革局2023年政府信息公开工作年度报告"],
        ["四、政府信息公开行政复议、行政诉讼情况"],
        ["行政复议", "行政诉讼"],
    ]
    assert texts_of(document)[3] == ["未经复议直接起诉", "复议后起诉"]
    assert (result.layout, result.report.year, result.report.agency) == (
        "table+text-box",
        2023,
        "沭阳县发展和改革局",
    )
    assert report_to_dict(result.report)["review_litigation"] == {
        "review": {"upheld": 0, "corrected": 1, "other": 2, "pending": 3, "total": 4},
        "litigation_direct": {"upheld": 5, "corrected": 6, "other": 7, "pending": 8, "total": 9},
        "litigation_after_review": {"upheld": 10, "corrected": 11, "other": 12, "pending": 13, "total": 14},
    }
    assert result.provenance["review_litigation.litigation_direct.upheld"] == SourceRef(
        table=1, row=4, cell=6
    )


def test_a_text_box_is_read_once_where_it_is_anchored():
    body = (
        f"<w:p><w:r><w:t>见</w:t></w:r>{text_box('附件：统计表')}<w:r><w:t>框内</w:t></w:r></w:p>{p('后文')}"
    )
    assert texts_of(read_docx(word(body), DEFAULT_LIMITS)) == [["附件：统计表"], ["见框内"], ["后文"]]


def test_a_table_inside_a_table_cell_makes_the_outer_table_a_layout():
    inner = f"<w:tbl><w:tr>{tc('行政复议')}{tc('行政诉讼')}</w:tr><w:tr>{tc('0')}{tc('1')}</w:tr></w:tbl>"
    body = f"<w:tbl><w:tr><w:tc>{p('三、收到和处理政府信息公开申请情况')}{inner}<w:p/></w:tc></w:tr></w:tbl>"
    document = read_docx(word(body), DEFAULT_LIMITS)

    assert (document.layout, rows_of(document)) == (
        "layout-table+table",
        [
            [("三、收到和处理政府信息公开申请情况", SourceRef(table=1, row=1, cell=1))],
            [
                ("行政复议", SourceRef(table=2, row=1, cell=1)),
                ("行政诉讼", SourceRef(table=2, row=1, cell=2)),
            ],
            [("0", SourceRef(table=2, row=2, cell=1)), ("1", SourceRef(table=2, row=2, cell=2))],
        ],
    )


def split_applications_table(data: bytes, keep: int) -> bytes:
    """Section 三's table cut after ``keep`` rows into two tables, the second repeating the header rows."""
    document = docx.Document(io.BytesIO(data))
    first = document.tables[1]._tbl
    second = copy.deepcopy(first)
    rows = first.findall(qn("w:tr"))
    header_rows = 3
    for row in rows[keep:]:
        first.remove(row)
    for row in second.findall(qn("w:tr"))[header_rows:keep]:
        second.remove(row)
    first.addnext(second)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_table_split_across_pages_into_two_tables_reads_as_one():
    report = parse_path(WEIHUI_2022).report
    split = split_applications_table(render_docx(report), keep=12)

    result = parse_bytes(split, "report.docx")

    assert result.report == report
    assert result.provenance["applications.new_received.natural_person"] == SourceRef(table=2, row=4, cell=4)
    assert result.provenance["applications.total.total"] == SourceRef(table=3, row=18, cell=10)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_our_own_docx_rendering_reads_back_as_the_same_report(report: AnnualReport):
    result = parse_bytes(render_docx(report), "report.docx")
    assert (result.kind, result.report) == ("docx", report)


def test_the_main_part_is_found_by_the_package_relationships():
    data = word(p("二、主动公开政府信息情况"), part="word/document2.xml")
    assert texts_of(read_docx(data, DEFAULT_LIMITS)) == [["二、主动公开政府信息情况"]]


def refusal(data: bytes, limits: Limits = DEFAULT_LIMITS) -> tuple[str, str]:
    with pytest.raises(ReadError) as raised:
        read_docx(data, limits)
    return raised.value.code, raised.value.message


def test_a_truncated_docx_is_refused_as_corrupt():
    data = render_docx(parse_path(WEIHUI_2022).report)
    assert refusal(data[: len(data) // 2]) == (
        "corrupt_docx",
        "Word 文档已损坏或不完整，无法读取：找不到 zip 目录（文件可能被截断）",
    )


def test_a_docx_with_a_damaged_part_is_refused_as_corrupt():
    data = bytearray(render_docx(parse_path(WEIHUI_2022).report))
    start = data.index(b"word/document.xml") + len("word/document.xml") + 200
    data[start : start + 64] = bytes(64)
    code, message = refusal(bytes(data))
    assert code == "corrupt_docx"
    assert message.startswith("Word 文档已损坏或不完整，无法读取：")


def bomb(unpacked: int) -> bytes:
    """A DOCX-shaped zip whose main part inflates from a few kilobytes to ``unpacked`` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", package_rels("word/document.xml"))
        with archive.open("word/document.xml", "w") as part:
            part.write(f"<w:document {NAMESPACES}><w:body><w:p><w:r><w:t>".encode())
            for _ in range(unpacked // MIB):
                part.write(b" " * MIB)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def test_a_zip_bomb_is_refused_by_its_declared_unpacked_size():
    data = bomb(12 * MIB)
    assert len(data) < 64 * 1024
    assert refusal(data, Limits(max_unpacked_bytes=8 * MIB))[0] == "zip_bomb"


def test_a_zip_bomb_within_the_size_limit_is_refused_by_its_compression_ratio():
    data = bomb(4 * MIB)
    code, message = refusal(data)
    assert code == "zip_bomb"
    assert message.startswith("Word 文档的部件 word/document.xml 压缩比异常")


def test_a_zip_of_too_many_parts_is_refused_before_it_is_opened():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(10_001):
            archive.writestr(f"media/{number}.png", b"")
    assert refusal(out.getvalue()) == ("zip_bomb", "Word 文档包含的部件过多（10001 个），疑似 zip 炸弹")


def test_a_zip_that_is_not_a_word_document_is_refused_as_not_docx():
    data = package({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})
    assert refusal(data) == ("not_docx", "这个 zip 文件不是 Word 文档（缺少 word/document.xml）")


def test_a_spreadsheet_in_the_main_part_is_refused_as_not_docx():
    data = package({"word/document.xml": '<worksheet xmlns="urn:x"><sheetData/></worksheet>'})
    assert refusal(data)[0] == "not_docx"


@pytest.mark.parametrize("content", ["", "   \n", "<w:document"])
def test_an_empty_or_cut_main_part_is_refused_as_corrupt(content):
    data = package({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": content})
    code, message = refusal(data)
    assert code == "corrupt_docx"
    assert message.startswith("Word 文档已损坏或不完整，无法读取：word/document.xml ")


def test_a_billion_laughs_main_part_is_refused_without_expanding_it():
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "哈">{laughs}]>'
        f"<w:document {NAMESPACES}><w:body>{p('&l9;')}{p('正文')}</w:body></w:document>"
    )
    started = time.perf_counter()
    code, message = refusal(package({"word/document.xml": document}))
    assert (code, time.perf_counter() - started < 5) == ("corrupt_docx", True)
    assert "entity" in message


def test_a_main_part_nested_deeper_than_the_limit_is_refused():
    deep = "<w:sdt><w:sdtContent>" * 40 + p("深") + "</w:sdtContent></w:sdt>" * 40
    assert texts_of(read_docx(word(deep), Limits(max_nesting=100))) == [["深"]]
    assert refusal(word(deep), Limits(max_nesting=50)) == (
        "too_deep",
        "Word 文档的元素嵌套超过 50 层，无法读取",
    )
    very_deep = "<w:sdt><w:sdtContent>" * 200 + p("深") + "</w:sdtContent></w:sdt>" * 200
    assert refusal(word(very_deep))[0] == "too_deep"
