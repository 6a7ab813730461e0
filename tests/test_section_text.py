"""A section's text is its narrative: the lines that print its table are the table's, not the text's.

Text flattened from a PDF prints a table as lines (corpus 005, 006, 007, 017: one cell per
line), broken conversions leave captions and scraps of headers between table rows (002, 003),
and crawled text glues a row's label and numbers into one line. None of that may stay in the
section's text once the reader has put it into the table: a writer would print the table a
second time, and a re-reading of that rendering would take the old table. Which lines print the
table is decided here from the parsed table itself (its row labels and figures), never by hand.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from gongkai.annual.checks import check_report
from gongkai.annual.model import AnnualReport, Table
from gongkai.annual.parse import ParseResult, parse_bytes, parse_path, parse_text
from gongkai.annual.parse.tablerows import is_table_words
from gongkai.annual.render import RENDERERS
from gongkai.annual.render.layout import format_number
from gongkai.formats import TableId, normalise
from gongkai.formats.labels import unnumbered

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
PRINTED = {".txt", ".md", ".html", ".pdf"}
DOCUMENTS = [
    *sorted(path for path in CORPUS.iterdir() if path.stem.isdigit() and path.suffix in PRINTED),
    DATA / "docx" / "018-libreoffice.docx",  # corpus 018 saved as Word by LibreOffice
]
TABLE_SECTIONS = ("二", "三", "四")
REREAD_FORMATS = ("txt", "md", "html", "docx")
RUN_MIN = 2  # figures of one row on consecutive lines: two are a run, one may be any number
LABEL_MIN = 4  # a label without its numbering shorter than this (其他, 总计) names too many things


def table_runs(text: str, table: Table) -> list[str]:
    """What in ``text`` prints a row of ``table``: its label on a line of its own, its label
    followed by its figures (across line breaks, spaces or none), or its figures one per line."""
    lines = [normalise(line) for line in text.splitlines() if line.strip()]
    joined = "".join(lines)
    found = []
    for row in table.spec.rows:
        labels = {normalise(text) for text in (row.label.text, *(v.text for v in row.label.variants))}
        labels |= {unnumbered(label) for label in labels if len(unnumbered(label)) >= LABEL_MIN}
        figures = [
            format_number(value)
            for column in row.columns
            if (value := table.value(row.id, column.id)) is not None
        ]
        found += [f"{row.id}: label line {line}" for line in lines if line in labels]
        if figures:
            found += [
                f"{row.id}: label and figures" for label in labels if label + "".join(figures) in joined
            ]
        if len(figures) >= RUN_MIN:
            width = len(figures)
            found += [
                f"{row.id}: figures on lines {start + 1}–{start + width}"
                for start in range(len(lines) - width + 1)
                if lines[start : start + width] == figures
            ]
    return found


def section_text(report: AnnualReport, number: str) -> str:
    return next(section.text for section in report.sections if section.number == number)


def printed_sections(path: Path) -> dict[str, str]:
    """The lines the document itself prints under each table section's heading (text documents)."""
    lines = path.read_text("utf-8").splitlines()
    headings = {
        number: next(index for index, line in enumerate(lines) if line.startswith(f"{number}、"))
        for number in ("二", "三", "四", "五")
    }
    return {
        number: "\n".join(lines[headings[number] + 1 : headings[following]])
        for number, following in pairwise(headings)
    }


def glued_005() -> str:
    """Corpus 005 with section 三's lines run together as a crawler glues a table's cells."""
    printed = printed_sections(CORPUS / "005.txt")
    text = (CORPUS / "005.txt").read_text("utf-8")
    glued = "".join(line for line in printed["三"].splitlines() if not line.startswith("- "))
    return text.replace(printed["三"], glued)


@pytest.fixture(scope="module", params=DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def read(request) -> ParseResult:
    return parse_path(request.param)


def test_the_run_check_finds_the_tables_in_the_lines_a_flattened_document_prints():
    """The check can fail: applied to the lines corpus 005 prints, it finds every table."""
    report = parse_path(CORPUS / "005.txt").report
    printed = printed_sections(CORPUS / "005.txt")

    for table in report.tables:
        runs = table_runs(printed[table.spec.number], table)
        assert len(runs) >= len(table.spec.rows), (table.spec.id, runs)


def test_no_table_section_text_prints_a_row_of_its_table(read):
    report = read.report
    runs = {
        table.spec.number: table_runs(section_text(report, table.spec.number), table)
        for table in report.tables
        if any(section.number == table.spec.number for section in report.sections)
    }

    assert set(runs) == set(TABLE_SECTIONS)
    assert runs == {number: [] for number in TABLE_SECTIONS}


def test_the_documents_checked_cover_every_kind_and_text_layout_the_reader_supports():
    results = [parse_path(path) for path in DOCUMENTS]
    layouts = {part for result in results for part in result.layout.split("+")}

    assert {result.kind for result in results} == {"text", "markdown", "html", "docx", "pdf"}
    assert {"paragraphs", "flattened", "column-major", "tab-separated", "markdown-pipe"} <= layouts
    assert "glued-digits" in parse_text(glued_005()).layout.split("+")


def test_a_table_whose_cells_were_glued_into_one_line_leaves_no_text_behind():
    original = parse_path(CORPUS / "005.txt").report
    result = parse_text(glued_005())

    assert "glued-digits" in result.layout.split("+")
    assert result.report.tables == original.tables
    assert table_runs(section_text(result.report, "三"), result.report.applications) == []
    assert section_text(result.report, "三") == ""


def test_flattened_tables_leave_their_sections_without_text_and_the_other_sections_whole():
    report = parse_path(CORPUS / "005.txt").report
    texts = {section.number: section.text for section in report.sections}

    assert [texts["二"], texts["三"], texts["四"]] == ["", "", ""]
    assert texts["五"].splitlines()[0] == "对照上级新要求和公众新期待，还有一些需要加强和改进的"
    assert texts["六"].splitlines()[-1] == "办法》，全年收取政府信息公开信息处理费3940 元。"


def test_narrative_before_and_after_a_flattened_table_and_its_note_stay_in_the_text():
    text = (CORPUS / "005.txt").read_text("utf-8")
    before = "2024 年，全市主动公开政府信息情况如下："
    note = "注：行政事业性收费金额为全市汇总数，"
    note_end = "不含中央和省属单位。"
    after = "全市各级行政机关均已按要求公开收费目录清单。"
    text = text.replace("二、主动公开政府信息情况\n", f"二、主动公开政府信息情况\n{before}\n", 1)
    text = text.replace("96171.6\n", f"96171.6\n{note}\n{note_end}\n{after}\n", 1)

    result = parse_text(text)

    assert result.report.tables == parse_path(CORPUS / "005.txt").report.tables
    assert section_text(result.report, "二") == "\n".join([before, note, note_end, after])


def test_a_note_printed_among_the_header_scraps_of_a_broken_conversion_stays_with_the_narrative_after_it():
    report = parse_path(CORPUS / "003.md").report

    assert section_text(report, "四").splitlines()[:3] == [
        "注：行政复议、行政诉讼数量含上年度结转数量。",
        "（一）2024 年工作中存在问题的改进情况",
        "针对 2024 年工作中存在的主要问题，重点采取如下改进措",
    ]
    assert section_text(report, "二") == ""


def test_the_narrative_after_a_table_whose_next_heading_was_lost_stays_in_the_text():
    report = parse_path(CORPUS / "002.md").report

    assert section_text(report, "四").splitlines()[0] == "（一）主要问题"
    assert section_text(report, "四").splitlines()[-1] == "调整工作和政务公开专栏改版工作正在有序进行中。"


def _findings(result: ParseResult) -> set[tuple[str, str]]:
    reader = {(finding.code, finding.where) for finding in result.findings}
    return reader | {(finding.code, finding.where) for finding in check_report(result.report)}


@pytest.mark.parametrize("file_format", REREAD_FORMATS)
def test_a_rendering_reads_back_as_the_same_tables_with_no_new_finding(read, file_format):
    rendered = RENDERERS[file_format].render(read.report)
    again = parse_bytes(rendered, f"report.{file_format}")

    assert again.report.tables == read.report.tables
    assert _findings(again) - _findings(read) == set()
    assert {
        number: table_runs(section_text(again.report, number), table)
        for table in again.report.tables
        for number in [table.spec.number]
    } == {number: [] for number in TABLE_SECTIONS}


@pytest.mark.parametrize("file_format", REREAD_FORMATS)
def test_a_changed_figure_is_what_a_rereading_of_the_rendering_takes(read, file_format):
    """The rendering prints the table once: the changed one, not the one the document printed."""
    table = read.report.applications
    assert table is not None
    changed = read.report.with_cell(
        TableId.APPLICATIONS,
        "new_received",
        "natural_person",
        table.count("new_received", "natural_person") + 1,
    )

    again = parse_bytes(RENDERERS[file_format].render(changed), f"report.{file_format}")

    assert again.report.tables == changed.tables


@pytest.mark.parametrize(
    "line",
    [
        "商业企科研机社会公法律服",  # 002: four headers cut mid-word and run together
        "（四）无2.没有现成信息需要另",  # 002: a group label and an item label side by side
        "行政许可 97",  # 002: an item and its figure on one line
        "（本列数据的勾稽关系为：第一项加第二项之和，",  # 005: the note of section 三, wrapped
        "### 申请人情况 (自然人)",  # 001: a heading an OCR conversion made of a header
        "## 表二：主动公开政府信息情况",  # 002: a caption added by the conversion
        "（其中修订 16 件）",  # 003: a figure's remark printed in its cell
        "业",  # 005: the end of 商业企业, broken in its header cell
    ],
)
def test_scraps_of_a_printed_table_are_recognised_as_table_words(line):
    assert is_table_words(line)


@pytest.mark.parametrize(
    "line",
    [
        "市科委 2024 年根据本市机构改革工作安排，内设机构和职",  # 002: narrative wrapped mid-sentence
        "（一）主要问题",  # 002: a heading of section 五 printed under section 四
        "注：行政复议、行政诉讼数量含上年度结转数量。",  # 003: a note under the table
        "针对 2024 年工作中存在的主要问题，重点采取如下改进措",  # 003
    ],
)
def test_narrative_lines_are_not_table_words(line):
    assert not is_table_words(line)
