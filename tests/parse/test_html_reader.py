"""The HTML reader: a Word-exported report in a county site's page, its encodings, our own pages, bad pages."""

from __future__ import annotations

import codecs
import json
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.annual.findings import SourceRef
from gongkai.annual.jsonio import report_to_dict
from gongkai.annual.model import AnnualReport
from gongkai.annual.parse import ParseResult, interpret, parse_bytes, parse_path
from gongkai.annual.parse.document import Document
from gongkai.annual.parse.html import decode_html, normalise_space, read_html
from gongkai.annual.parse.limits import DEFAULT_LIMITS, MIB, Limits
from gongkai.annual.render.html import render_html
from gongkai.errors import ReadError, UndecodableTextError, UnsupportedDocumentError
from gongkai.formats import LabelIndex, RowSpec
from test_render_parse_roundtrip import reports

CORPUS = Path(__file__).parents[1] / "data" / "corpus"
REPORT_018 = CORPUS / "018.html"
TITLE_018 = "沭阳县发展和改革局2023年政府信息公开工作年度报告"


def expected_018() -> dict:
    return json.loads((CORPUS / "018.expected.json").read_text(encoding="utf-8"))


def section2_by_printed_label(report: AnnualReport, labels: list[str]) -> dict[str, object]:
    """Section 二 in the corpus file's shape: each printed label's values (a list, or one value)."""
    assert report.proactive is not None
    spec = report.proactive.spec
    index: LabelIndex[RowSpec] = LabelIndex((row.label, row) for row in spec.rows)
    values: dict[str, object] = {}
    for label in labels:
        found = index.match(label)
        assert found is not None, label
        row = found.target
        printed = [report_to_dict(report)["proactive"][row.id][column.id] for column in row.columns]
        values[label] = printed if len(printed) > 1 else printed[0]
    return values


def printed_cells(result: ParseResult) -> dict[str, object]:
    """What the hand-checked file gives for 018: sections 三 and 四, and section 二 by printed label."""
    report = result.report
    data = report_to_dict(report)
    labels = list(expected_018()["section2_labels"])
    return {
        "applications": data["applications"],
        "review_litigation": data["review_litigation"],
        "section2_labels": section2_by_printed_label(report, labels),
    }


def expected_cells() -> dict[str, object]:
    expected = expected_018()
    return {key: expected[key] for key in ("applications", "review_litigation", "section2_labels")}


def rows_of(document: Document) -> list[list[tuple[str, SourceRef]]]:
    return [[(cell.text, cell.source) for cell in row.cells] for row in document.rows]


def texts_of(document: Document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in document.rows]


def county_site_page(report_html: str, charset: str) -> str:
    """018 as its county site publishes it: menus, a path, the title, hidden templates, a footer."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{TITLE_018}_沭阳县人民政府</title>
<style type="text/css">.menu li {{ display: none; }} body {{ font: 14px/1.5 宋体; }}</style>
<script type="text/javascript">var columns = ["一、总体情况", "三、收到和处理政府信息公开申请情况"];</script>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/en/">English</a> | <a href="#">无障碍</a></div>
<nav class="menu"><ul><li>政务公开</li><li>政府信息公开年报</li>
<li>四、政府信息公开行政复议、行政诉讼情况</li></ul></nav>
<div class="path">当前位置：<a href="/">首页</a> &gt; <a href="#">政府信息公开</a> &gt; 年度报告</div>
<div class="article">
<h1 class="title">{TITLE_018}</h1>
<div class="info">发布日期：2024-01-18&nbsp;&nbsp;来源：沭阳县发展和改革局&nbsp;&nbsp;浏览次数：<span>128</span></div>
<div style="DISPLAY: none">三、收到和处理政府信息公开申请情况 模板</div>
<div class="TRS_Editor">
{report_html}
</div>
</div>
<select onchange="go(this)"><option>六、其他需要报告的事项</option></select>
<noscript>请开启浏览器的脚本功能</noscript>
<div class="footer">主办单位：沭阳县人民政府办公室　版权所有<br />苏ICP备05001234号</div>
<script>document.write("五、存在的主要问题及改进情况");</script>
</body>
</html>
"""


def test_a_word_exported_report_is_read_cell_by_cell_as_printed():
    result = parse_path(REPORT_018)

    assert (result.kind, result.layout) == ("html", "table")
    assert result.report.format == expected_018()["format"]
    assert printed_cells(result) == expected_cells()


def test_every_value_read_from_a_web_page_knows_its_table_row_and_grid_column():
    provenance = parse_path(REPORT_018).provenance

    assert provenance["proactive.normative_documents.in_force"] == SourceRef(table=1, row=4, cell=4)
    # Row 4 of section 三 starts with its label spanning three columns; 自然人 is grid column 4.
    assert provenance["applications.new_received.natural_person"] == SourceRef(table=2, row=4, cell=4)
    assert provenance["applications.total.total"] == SourceRef(table=2, row=27, cell=10)
    assert provenance["review_litigation.review.pending"] == SourceRef(table=3, row=4, cell=4)


def test_labels_split_over_spans_and_fonts_are_joined_without_spaces():
    rows = texts_of(read_html(REPORT_018.read_bytes(), DEFAULT_LIMITS))

    assert ["（三）不予公开", "1.属于国家秘密", "0", "", "", "", "", "", "0"] in rows
    assert ["商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他"] in rows
    assert ["五、存在的主要问题及整改措施"] in rows


def test_the_report_inside_a_gb2312_county_site_page_is_found_among_menus_and_footers():
    report_html = REPORT_018.read_text(encoding="utf-8")
    page = county_site_page(report_html, "gb2312").encode("gb18030")

    result = parse_bytes(page, "2ecfb31a335f4d689220a3a23e24a986.shtml")

    assert printed_cells(result) == expected_cells()
    assert [section.number for section in result.report.sections] == [None, "二", "三", "四", "五", "六"]
    assert (result.report.agency, result.report.year) == ("沭阳县发展和改革局", 2023)
    assert result.report.title == TITLE_018


def test_what_a_browser_does_not_show_is_not_read():
    report_html = REPORT_018.read_text(encoding="utf-8")
    document = read_html(county_site_page(report_html, "utf-8").encode(), DEFAULT_LIMITS)
    text = "\n".join(row.text for row in document.rows)

    assert texts_of(document)[:4] == [
        ["首页 | English | 无障碍"],
        ["当前位置：首页 > 政府信息公开 > 年度报告"],
        [TITLE_018],
        ["发布日期：2024-01-18 来源：沭阳县发展和改革局 浏览次数：128"],
    ]
    for hidden in ("_沭阳县人民政府", "一、总体情况", "政府信息公开年报", "模板", "请开启", "document.write"):
        assert hidden not in text
    assert texts_of(document)[-1] == ["苏ICP备05001234号"]


def test_a_gb18030_copy_without_a_declared_charset_reads_as_the_original():
    original = parse_path(REPORT_018)
    copy = REPORT_018.read_text(encoding="utf-8").encode("gb18030")

    result = parse_bytes(copy, "018.html")

    assert result.report == original.report
    assert result.provenance == original.provenance


def test_a_utf16_copy_with_a_byte_order_mark_reads_as_the_original():
    original = parse_path(REPORT_018)
    copy = codecs.BOM_UTF16_LE + REPORT_018.read_text(encoding="utf-8").encode("utf-16-le")

    result = parse_bytes(copy, "018.html")

    assert result.report == original.report


PAGE = "<p>二、主动公开政府信息情况</p>"
TRADITIONAL = "<p>二、主動公開政府資訊情況</p>"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(
            f'<meta charset="gbk">{PAGE}'.encode("gb18030"),
            f'<meta charset="gbk">{PAGE}',
            id="meta-charset-gbk",
        ),
        pytest.param(
            f"<meta http-equiv='content-type' content='text/html;charset=GB2312'>{PAGE}".encode("gb18030"),
            f"<meta http-equiv='content-type' content='text/html;charset=GB2312'>{PAGE}",
            id="http-equiv-gb2312",
        ),
        pytest.param(
            f'<?xml version="1.0" encoding="GBK"?>{PAGE}'.encode("gb18030"),
            f'<?xml version="1.0" encoding="GBK"?>{PAGE}',
            id="xml-declaration-gbk",
        ),
        pytest.param(
            f'<meta charset="utf-8">{PAGE}'.encode("gb18030"),
            f'<meta charset="utf-8">{PAGE}',
            id="declared-utf8-but-gbk",
        ),
        pytest.param(
            f'<meta charset="iso-8859-1">{PAGE}'.encode(),
            f'<meta charset="iso-8859-1">{PAGE}',
            id="declared-latin1-but-utf8",
        ),
        pytest.param(
            f'<meta charset="utf-16">{PAGE}'.encode(),
            f'<meta charset="utf-16">{PAGE}',
            id="declared-utf16-without-bom",
        ),
        pytest.param(
            f'<meta content="text/html; charset=x-gbk">{PAGE}'.encode("gb18030"),
            f'<meta content="text/html; charset=x-gbk">{PAGE}',
            id="whatwg-label-x-gbk",
        ),
        pytest.param(codecs.BOM_UTF8 + PAGE.encode(), PAGE, id="utf8-bom"),
        pytest.param(codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), PAGE, id="utf16-be-bom"),
        pytest.param(PAGE.encode("utf-16-le"), PAGE, id="utf16-le-unmarked"),
        pytest.param(
            f'<meta charset="big5">{TRADITIONAL}'.encode("big5"),
            f'<meta charset="big5">{TRADITIONAL}',
            id="big5",
        ),
    ],
)
def test_a_page_is_decoded_by_its_mark_its_declaration_or_what_its_bytes_allow(data, text):
    assert decode_html(data) == text


def test_a_page_with_one_broken_byte_in_a_long_text_is_still_decoded():
    page = ("<p>" + "政府信息公开" * 2000 + "</p>").encode() + b"\xff" + "<p>完</p>".encode()
    assert decode_html(page).endswith("\ufffd<p>完</p>")


def test_a_stray_nul_byte_in_a_page_is_dropped():
    page = ("<p>二、主动公开政府信息情况</p>" * 100).encode()
    assert decode_html(page[:50] + b"\x00" + page[50:]) == page.decode()


def test_whitespace_is_shown_as_a_browser_shows_it():
    assert normalise_space("\n  政府信息\n      公开\xa0 工作 ") == "政府信息公开 工作"
    assert normalise_space("annual\n   report\t\t2023") == "annual report 2023"
    assert normalise_space("\u3000\u200b本年\ufeff新收\u3000申请\u3000") == "本年新收\u3000申请"


def test_a_table_row_holds_only_the_cells_that_start_in_it():
    page = b"""<table>
      <tr><td rowspan="3">A</td><td colspan="2">B</td><td>C</td></tr>
      <tr><td>D</td><td rowspan="2"><p>E1</p><p>E2</p></td><td></td></tr>
      <tr><th>F</th><td>&nbsp;<o:p></o:p></td></tr>
    </table>"""
    assert rows_of(read_html(page, DEFAULT_LIMITS)) == [
        [
            ("A", SourceRef(table=1, row=1, cell=1)),
            ("B", SourceRef(table=1, row=1, cell=2)),
            ("C", SourceRef(table=1, row=1, cell=4)),
        ],
        [
            ("D", SourceRef(table=1, row=2, cell=2)),
            ("E1\nE2", SourceRef(table=1, row=2, cell=3)),
            ("", SourceRef(table=1, row=2, cell=4)),
        ],
        [("F", SourceRef(table=1, row=3, cell=2)), ("", SourceRef(table=1, row=3, cell=4))],
    ]


def test_a_line_break_ends_a_paragraph_and_stays_a_line_break_in_a_cell():
    page = "<div>一、总体情况<br>（一）主动公开<br/></div><table><tr><td>商业<br>企业</td><td>1</td></tr></table>"
    assert texts_of(read_html(page.encode(), DEFAULT_LIMITS)) == [
        ["一、总体情况"],
        ["（一）主动公开"],
        ["商业\n企业", "1"],
    ]


def test_a_table_that_lays_out_the_page_is_read_as_the_paragraphs_and_tables_it_holds():
    page = """<table width="100%"><tr><td>
      <p>三、收到和处理政府信息公开申请情况</p>
      <table><tr><td>行政复议</td><td colspan="2">行政诉讼</td></tr><tr><td>0</td><td>1</td><td>2</td></tr></table>
      <p>五、存在的主要问题及改进情况</p>
    </td></tr></table>""".encode()
    document = read_html(page, DEFAULT_LIMITS)

    assert (document.layout, rows_of(document)) == (
        "layout-table+table",
        [
            [("三、收到和处理政府信息公开申请情况", SourceRef(line=2))],
            [
                ("行政复议", SourceRef(table=2, row=1, cell=1)),
                ("行政诉讼", SourceRef(table=2, row=1, cell=2)),
            ],
            [
                ("0", SourceRef(table=2, row=2, cell=1)),
                ("1", SourceRef(table=2, row=2, cell=2)),
                ("2", SourceRef(table=2, row=2, cell=3)),
            ],
            [("五、存在的主要问题及改进情况", SourceRef(line=4))],
        ],
    )
    assert [row.is_table_row for row in document.rows] == [False, True, True, False]


def test_a_single_column_table_is_read_as_paragraphs():
    page = "<table><tr><td><p>一、总体情况</p><p>本机关……</p></td></tr><tr><td>二、主动公开</td></tr></table>"
    document = read_html(page.encode(), DEFAULT_LIMITS)

    assert texts_of(document) == [["一、总体情况"], ["本机关……"], ["二、主动公开"]]
    assert not any(row.is_table_row for row in document.rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_our_own_html_rendering_reads_back_as_the_same_report(report):
    result = parse_bytes(render_html(report).encode(), "report.html")
    assert (result.kind, result.report) == ("html", report)


def test_html_nested_100000_levels_deep_is_refused_quickly():
    page = b"<html><body>" + b"<div>" * 100_000 + "深".encode() + b"</div>" * 100_000 + b"</body></html>"
    started = time.perf_counter()
    with pytest.raises(ReadError) as raised:
        read_html(page, DEFAULT_LIMITS)
    assert (raised.value.code, raised.value.message) == ("too_deep", "网页元素嵌套超过 256 层，无法读取")
    assert time.perf_counter() - started < 5


def test_the_nesting_limit_is_configurable():
    page = b"<div>" * 30 + "深".encode() + b"</div>" * 30
    assert texts_of(read_html(page, Limits(max_nesting=40))) == [["深"]]
    with pytest.raises(ReadError) as raised:
        read_html(page, Limits(max_nesting=20))
    assert raised.value.code == "too_deep"


def test_a_30_mb_page_is_read_within_seconds_and_memory_proportional_to_it():
    """Measured in a child process, so that its peak memory is its own."""
    script = textwrap.dedent(
        f"""
        import json, resource, time
        from pathlib import Path
        from gongkai.annual.jsonio import report_to_dict
        from gongkai.annual.parse import interpret
        from gongkai.annual.parse.html import read_html
        from gongkai.annual.parse.limits import DEFAULT_LIMITS

        report = Path({str(REPORT_018)!r}).read_bytes()
        filler = ("<p>" + "信息公开" * 50 + "</p>\\n").encode() * 31_500
        inline = b'<img src="data:image/png;base64,' + b"iVBORw0KGgo" * 1_000_000 + b'">'
        page = b"<html><body>" + report + inline + filler + b"</body></html>"
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        result = interpret(read_html(page, DEFAULT_LIMITS))
        print(json.dumps({{
            "megabytes": len(page) // 1_000_000,
            "seconds": time.perf_counter() - started,
            "grown_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before,
            "applications": report_to_dict(result.report)["applications"],
        }}))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    measured = json.loads(done.stdout)

    assert measured["megabytes"] == 30
    assert measured["applications"] == expected_018()["applications"]
    assert measured["seconds"] < 30
    assert measured["grown_kib"] * 1024 < 12 * 30 * MIB  # the page, its text and its parsed tree


def test_a_page_of_millions_of_tags_is_refused_before_it_is_parsed():
    page = b"<p>" + b"<b>x</b>" * 1_100_000 + b"</p>"
    with pytest.raises(ReadError) as raised:
        read_html(page, DEFAULT_LIMITS)
    assert raised.value.code == "too_many_tags"


def test_binary_garbage_named_html_is_refused_as_binary():
    garbage = random.Random(11).randbytes(64 * 1024)
    with pytest.raises(UnsupportedDocumentError) as raised:
        parse_bytes(garbage, "report.html")
    assert (raised.value.code, raised.value.message) == ("binary_content", "文件含有二进制内容，不是网页")


def test_garbage_without_nul_bytes_named_html_is_refused_as_undecodable():
    garbage = bytes(byte for byte in random.Random(12).randbytes(64 * 1024) if byte)
    with pytest.raises(UndecodableTextError) as raised:
        parse_bytes(garbage, "report.html")
    assert raised.value.message == "无法识别网页的文字编码（已尝试 UTF-8、GB18030）"


def test_a_page_holding_only_comments_and_scripts_has_no_rows():
    page = b"<!-- cms: empty column --><script>var x = 1;</script><style>p{}</style>"
    document = read_html(page, DEFAULT_LIMITS)
    assert (document.kind, document.layout, document.rows) == ("html", "paragraphs", ())
    assert interpret(document).report.applications is None


def test_a_page_larger_than_the_byte_limit_is_refused():
    with pytest.raises(ReadError) as raised:
        read_html(b"<p>x</p>" * 200, Limits(max_bytes=1000))
    assert raised.value.code == "too_large"
