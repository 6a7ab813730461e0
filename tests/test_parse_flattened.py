"""Text that lost its table structure: one cell per line, labels apart from values, no title.

Each case is cut from a real report of the corpus (淮安市 2024, 淮安市洪泽区 2023/2024,
上海市科委 2024, 沭阳县发改局 2023) and kept to the few rows the behaviour needs.
"""

from __future__ import annotations

from gongkai.annual.model import Number, Table
from gongkai.annual.parse import parse_text

TITLE = "淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告"
SECTION_THREE = "三、收到和处理政府信息公开申请情况"


def _lines(*lines: str, title: str = TITLE) -> str:
    return "\n".join([title, *lines, ""])


def _per_line(printed: str) -> list[str]:
    """The words of ``printed``, each on a line of its own as PDF extraction prints table cells."""
    return printed.split()


def _row(table: Table, row_id: str) -> list[Number | None]:
    return [table.value(row_id, column.id) for column in table.spec.row(row_id).columns]


def test_a_label_wrapped_over_lines_takes_the_seven_numbers_printed_one_per_line_after_it():
    text = _lines(
        SECTION_THREE,
        "（六）其",
        "他处理",
        "1、申请人无正当理由逾期不补",
        "正、行政机关不再处理其政府信",
        "息公开申请",
        *_per_line("67 3 0 0 1 0 71"),
        "2、申请人逾期未按收费通知要",
        "求缴纳费用、行政机关不再处理",
        "其政府信息公开申请",
        *_per_line("6 0 0 0 0 0 6"),
    )
    table = parse_text(text).report.applications
    assert table is not None
    assert _row(table, "other.no_correction") == [67, 3, 0, 0, 1, 0, 71]
    assert _row(table, "other.unpaid_fee") == [6, 0, 0, 0, 0, 0, 6]


def test_a_vertical_group_label_printed_one_character_per_line_is_passed_over():
    text = _lines(
        SECTION_THREE,
        *_per_line("三 、 本 年 度 办 理 结 果"),
        "（一）予以公开",
        *_per_line("50 0 0 0 0 0 50"),
    )
    table = parse_text(text).report.applications
    assert table is not None
    assert _row(table, "granted") == [50, 0, 0, 0, 0, 0, 50]


def test_numbers_read_column_by_column_are_realigned_by_the_row_totals():
    # pdfminer: the labels of a table page first, then each column's numbers top to bottom.
    text = _lines(
        SECTION_THREE,
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        *_per_line("21 3  0 0  0 0  0 0  1 0  0 0  22 3"),
    )
    result = parse_text(text)
    table = result.report.applications
    assert table is not None
    assert _row(table, "new_received") == [21, 0, 0, 0, 1, 0, 22]
    assert _row(table, "carried_over") == [3, 0, 0, 0, 0, 0, 3]
    assert result.layout == "paragraphs+column-major+flattened"


def test_a_total_column_read_out_of_place_is_found_by_the_row_totals():
    # pdfminer read 总计 before the last applicant column (corpus 007, page 3).
    text = _lines(
        SECTION_THREE,
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        *_per_line("95 0  0 0  0 0  0 0  0 0  95 1  0 1"),
    )
    table = parse_text(text).report.applications
    assert table is not None
    assert _row(table, "new_received") == [95, 0, 0, 0, 0, 0, 95]
    assert _row(table, "carried_over") == [0, 0, 0, 0, 0, 1, 1]


def test_numbers_that_balance_read_by_rows_and_by_columns_alike_are_reported_not_guessed():
    text = _lines(
        SECTION_THREE,
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        *_per_line("0 0 0 0 0 0 0 1 0 0 0 0 0 1"),
    )
    result = parse_text(text)
    assert [f.code for f in result.findings if f.where == "applications"] == ["ROW-UNPLACED"]
    assert result.report.applications is None or all(
        cell.is_blank for cell in result.report.applications.cells
    )


def test_values_printed_apart_from_their_label_are_placed_by_the_row_order_and_noted():
    # 上海市科委 2024 (corpus 002): the numbers of （二） sit on a row of their own.
    text = _lines(
        SECTION_THREE,
        "| 三、 | （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |",
        "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "（二）部分公开（区分处理的，只",
        "度办",
        "理结计这一情形，不计其他情形）",
        "| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    )
    result = parse_text(text, kind="markdown")
    table = result.report.applications
    assert table is not None
    assert _row(table, "partially_granted") == [0, 0, 0, 0, 0, 0, 0]
    placed = [f for f in result.findings if f.code == "ROW-PLACED"]
    assert [(f.where, f.severity.value) for f in placed] == [("applications.partially_granted", "info")]
    assert "placed-by-order" in result.layout


def test_values_without_a_label_that_fit_two_rows_are_reported_not_guessed():
    text = _lines(
        SECTION_THREE,
        "| （一）予以公开 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |",
        "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    )
    result = parse_text(text, kind="markdown")
    unplaced = [f for f in result.findings if f.code == "ROW-UNPLACED"]
    assert [(f.where, f.actual) for f in unplaced] == [("applications", "1 | 0 | 0 | 0 | 0 | 0 | 1")]
    table = result.report.applications
    assert table is not None
    assert _row(table, "partially_granted") == [None] * 7
    assert _row(table, "withheld.state_secret") == [None] * 7


def test_a_label_cut_into_a_piece_two_rows_share_is_placed_by_its_neighbours():
    # 上海市人民政府办公厅 2025 (corpus 003): （六）1's numbers sit beside the piece
    # 行政机关不再处理其政府信息公, which （六）1 and （六）2 both contain.
    text = _lines(
        SECTION_THREE,
        "| 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "| 行政机关不再处理其政府信息公 | 40 | 1 | 0 | 0 | 2 | 0 | 43 |",
        "| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
    )
    result = parse_text(text, kind="markdown")
    table = result.report.applications
    assert table is not None
    assert _row(table, "other.no_correction") == [40, 1, 0, 0, 2, 0, 43]
    assert [f.actual for f in result.findings if f.code == "ROW-PLACED"] == ["行政机关不再处理其政府信息公"]


def test_a_label_printed_without_its_numbering_under_a_heading_is_read_without_a_variant():
    # OCR markdown (corpus 001): one small table per row, headed ### (一) 予以公开.
    text = _lines(
        "## 三、收到和处理政府信息公开申请情况",
        "### (一) 予以公开",
        "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |",
        "|---|---|---|---|---|---|---|---|",
        "| 予以公开 | 290 | 1 | 0 | 0 | 3 | 0 | 294 |",
    )
    result = parse_text(text, kind="markdown")
    table = result.report.applications
    assert table is not None
    assert _row(table, "granted") == [290, 1, 0, 0, 3, 0, 294]
    assert [f.where for f in result.findings if f.code == "LABEL-VARIANT"] == []


def test_section_two_printed_one_cell_per_line_is_read_under_its_headers():
    text = _lines(
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "规章",
        *_per_line("1 0 11"),
        "行政规范性文件",
        *_per_line("8 26 66"),
        "第二十条第（五）项",
        "信息内容本年处理决定数量",
        "行政许可 97",
    )
    table = parse_text(text).report.proactive
    assert table is not None
    assert _row(table, "regulations") == [1, 0, 11]
    assert _row(table, "normative_documents") == [8, 26, 66]
    assert _row(table, "licensing") == [97]


def test_the_body_named_short_in_the_title_is_completed_from_the_opening_statement():
    text = _lines(
        "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》要求编制此报告。",
        "一、总体情况",
        title="洪泽区人民政府\n2023 年政府信息公开工作年度报告",
    )
    assert parse_text(text).report.agency == "淮安市洪泽区人民政府"


def test_without_a_title_the_year_is_the_one_the_body_sentences_open_with():
    text = "\n".join(
        [
            "二、主动公开政府信息情况",
            "五、存在的主要问题及整改措施",
            "为进一步规范并加大政府信息公开工作，2023年我局加大贯彻落实新《条例》的工作力度。",
            "六、其他需要报告的事项",
            "2023年度，县发展和改革局政府信息公开未发生收费情况。",
            "",
        ]
    )
    result = parse_text(text)
    assert result.report.year == 2023
    inferred = [f for f in result.findings if f.code == "YEAR-INFERRED"]
    assert [(f.severity.value, f.actual) for f in inferred] == [("warning", 2023)]


def test_body_sentences_opening_with_different_years_leave_the_year_unknown():
    text = "一、总体情况\n2023年，我局认真落实。\n五、存在的主要问题及改进情况\n2024年，我局将继续努力。\n"
    result = parse_text(text)
    assert result.report.year is None
    assert [f.code for f in result.findings if f.code.startswith("YEAR")] == ["YEAR-UNKNOWN"]


def test_statistical_sections_numbered_again_after_narrative_parts_are_found_by_their_titles():
    # 上海市科委 2024 (corpus 002): narrative parts 一…六 first, then the tables as 一、二、三.
    text = _lines(
        "一、总体情况",
        "二、工作机制保障",
        "一、主动公开政府信息情况",
        "二、收到和处理政府信息公开申请情况",
        "三、政府信息公开行政复议、行政诉讼情况",
        "五、其他需要报告的事项",
        title="2024 年上海市科委政府信息公开工作\n年度报告",
    )
    result = parse_text(text)
    renumbered = [f for f in result.findings if f.code == "LABEL-VARIANT" and f.where.startswith("sections")]
    assert [(f.where, f.actual) for f in renumbered] == [
        ("sections.二", "一、主动公开政府信息情况"),
        ("sections.三", "二、收到和处理政府信息公开申请情况"),
        ("sections.四", "三、政府信息公开行政复议、行政诉讼情况"),
        ("sections.六", "五、其他需要报告的事项"),
    ]
    report = result.report
    assert [(section.number, section.title) for section in report.sections] == [
        ("一", "一、总体情况"),
        ("二", "一、主动公开政府信息情况"),
        ("三", "二、收到和处理政府信息公开申请情况"),
        ("四", "三、政府信息公开行政复议、行政诉讼情况"),
        ("六", "五、其他需要报告的事项"),
    ]


def test_a_misprinted_label_close_to_one_national_label_only_is_recognised_and_reported():
    text = _lines(SECTION_THREE, "（三）不予公开\t5.属于三类内部事物信息\t1\t0\t0\t0\t0\t0\t1")
    result = parse_text(text)
    table = result.report.applications
    assert table is not None
    assert _row(table, "withheld.internal_affairs") == [1, 0, 0, 0, 0, 0, 1]
    variants = [f for f in result.findings if f.code == "LABEL-VARIANT"]
    assert [(f.where, f.actual) for f in variants] == [
        ("applications.withheld.internal_affairs", "5.属于三类内部事物信息")
    ]


def test_an_unknown_row_with_no_free_place_between_its_neighbours_is_reported_not_placed():
    text = _lines(
        SECTION_THREE,
        "3.其他\t1\t0\t0\t0\t0\t0\t1",
        "其中：主动撤回申请\t1\t0\t0\t0\t0\t0\t1",
        "（七）总计\t1\t0\t0\t0\t0\t0\t1",
    )
    result = parse_text(text)
    assert [(f.code, f.actual) for f in result.findings if f.code == "ROW-UNPLACED"] == [
        ("ROW-UNPLACED", "1 | 0 | 0 | 0 | 0 | 0 | 1")
    ]
