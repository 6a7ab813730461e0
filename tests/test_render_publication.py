"""The version mark inside a published file: 第N版, its date and, from 第2版 on, the 更正说明.

Each writer is opened as a reader opens its file (python-docx, pdfplumber, openpyxl, the JSON
text) and the mark is looked for where a reader looks: under the title, before the tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from io import BytesIO

import docx
import openpyxl
import pdfplumber
import pytest

from gongkai.annual import jsonio
from gongkai.annual.model import AnnualReport, Section
from gongkai.annual.parse import parse_bytes
from gongkai.annual.publication import Publication
from gongkai.annual.render import RENDERERS
from gongkai.annual.render.markdown import render_markdown
from gongkai.errors import ReportDataError
from gongkai.formats import SECTIONS
from seeddata import WEIHUI_2022, hand_checked

FIRST = Publication(1, dt.date(2023, 1, 20))
SECOND = Publication(2, dt.date(2023, 3, 6), "更正第三项“上年结转”数据，补充第五部分的整改时限。")
MARK_2 = "第2版\u30002023年3月6日发布"
NOTE_2 = "更正说明：更正第三项“上年结转”数据，补充第五部分的整改时限。"


def weihui_with_text() -> AnnualReport:
    texts = {
        "一": "2022年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年未收到政府信息公开申请。",
        "五": "政府信息公开的便民性有待进一步提高。下一步将完善公开目录。",
        "六": "本年度未发出信息处理费收费通知，未收取信息处理费。",
    }
    sections = tuple(Section(spec.number, spec.title, texts.get(spec.number, "")) for spec in SECTIONS)
    return dataclasses.replace(hand_checked(WEIHUI_2022), sections=sections)


def docx_paragraphs(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in docx.Document(BytesIO(content)).paragraphs]


def test_the_mark_names_the_version_and_the_date_and_only_a_later_version_has_a_note() -> None:
    assert FIRST.lines == ("第1版\u30002023年1月20日发布",)
    assert SECOND.lines == (MARK_2, NOTE_2)


@pytest.mark.parametrize(
    ("version", "reason", "message"),
    [
        (0, "", "版本号应从 1 开始，实为 0"),
        (1, "改正", "第1版没有更正说明"),
        (3, "  ", "第3版须写明更正说明"),
    ],
)
def test_a_publication_that_cannot_be_is_refused(version: int, reason: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Publication(version, dt.date(2023, 3, 6), reason)


def test_the_word_file_of_version_two_carries_the_mark_and_the_note_right_under_the_title() -> None:
    content = RENDERERS["docx"].render(weihui_with_text(), SECOND)

    paragraphs = docx_paragraphs(content)
    assert paragraphs[:4] == [
        "卫辉市民政局2022年\n政府信息公开工作年度报告",  # the title breaks by sense
        MARK_2,
        NOTE_2,
        "一、总体情况",
    ]
    assert docx.Document(BytesIO(content)).core_properties.version == "第2版"


def test_the_word_file_of_version_one_has_the_mark_and_no_note() -> None:
    paragraphs = docx_paragraphs(RENDERERS["docx"].render(weihui_with_text(), FIRST))

    assert paragraphs[1:3] == ["第1版\u30002023年1月20日发布", "一、总体情况"]
    assert not any(paragraph.startswith("更正说明") for paragraph in paragraphs)


def test_without_a_publication_the_word_file_is_unmarked() -> None:
    paragraphs = docx_paragraphs(RENDERERS["docx"].render(weihui_with_text()))

    assert paragraphs[1] == "一、总体情况"


def test_the_pdf_of_version_two_shows_the_mark_and_the_note_on_its_first_page_before_the_text() -> None:
    content = RENDERERS["pdf"].render(weihui_with_text(), SECOND)

    with pdfplumber.open(BytesIO(content)) as document:
        first_page = (document.pages[0].extract_text() or "").splitlines()
    assert first_page[:4] == [
        "卫辉市民政局2022年政府信息公开工作年度报告",
        "第2版 2023年3月6日发布",  # pdfplumber reads the ideographic space as a space
        NOTE_2,
        "一、总体情况",
    ]


def test_the_html_page_carries_the_mark_between_the_title_and_the_first_section() -> None:
    html = RENDERERS["html"].render(weihui_with_text(), SECOND).decode()

    title_end = html.index("</h1>")
    assert html.index(f'<p class="publication">{MARK_2}</p>') > title_end
    assert html.index(f'<p class="publication change">{NOTE_2}</p>') < html.index("<h2>一、总体情况</h2>")


def test_the_workbook_opens_on_report_facts_with_version_date_and_note() -> None:
    workbook = openpyxl.load_workbook(BytesIO(RENDERERS["xlsx"].render(weihui_with_text(), SECOND)))

    info = workbook.active
    assert info is not None and info.title == "报告信息"
    facts = {row[0]: row[1] for row in info.iter_rows(values_only=True)}
    assert (facts["版本"], facts["发布日期"], facts["更正说明"]) == (
        "第2版",
        "2023年3月6日",
        "更正第三项“上年结转”数据，补充第五部分的整改时限。",
    )


def test_the_workbook_of_version_one_has_no_note_row() -> None:
    workbook = openpyxl.load_workbook(BytesIO(RENDERERS["xlsx"].render(weihui_with_text(), FIRST)))

    info = workbook.active
    assert info is not None
    facts = {row[0]: row[1] for row in info.iter_rows(values_only=True)}
    assert (facts["版本"], facts["发布日期"]) == ("第1版", "2023年1月20日")
    assert "更正说明" not in facts


def test_the_json_carries_the_publication_which_reads_back_and_leaves_the_report_unchanged() -> None:
    report = weihui_with_text()
    text = RENDERERS["json"].render(report, SECOND).decode()

    assert json.loads(text)["publication"] == {
        "version": 2,
        "published_on": "2023-03-06",
        "change_reason": "更正第三项“上年结转”数据，补充第五部分的整改时限。",
    }
    assert jsonio.publication_of(text) == SECOND
    assert jsonio.loads(text) == report
    assert jsonio.publication_of(jsonio.dumps(report)) is None
    assert json.loads(jsonio.dumps(report, publication=FIRST))["publication"]["change_reason"] is None


@pytest.mark.parametrize(
    "publication",
    [
        {"version": "2", "published_on": "2023-03-06", "change_reason": "更正"},
        {"version": 2, "published_on": "2023年3月6日", "change_reason": "更正"},
        {"version": 2, "published_on": "2023-03-06", "change_reason": None},
        {"version": 1, "published_on": "2023-03-06", "change_reason": ["更正"]},
        "第2版",
    ],
)
def test_a_publication_that_does_not_hold_is_refused_with_a_code(publication: object) -> None:
    text = json.dumps({**json.loads(jsonio.dumps(weihui_with_text())), "publication": publication})

    with pytest.raises(ReportDataError) as refused:
        jsonio.publication_of(text)
    assert refused.value.code == "json_publication"


def test_the_markdown_puts_the_mark_under_the_title() -> None:
    lines = render_markdown(weihui_with_text(), SECOND).splitlines()

    assert lines[:6] == ["# 卫辉市民政局2022年政府信息公开工作年度报告", "", MARK_2, "", NOTE_2, ""]


def test_a_marked_word_file_reads_back_as_the_same_tables_with_the_mark_as_text_before_one() -> None:
    report = weihui_with_text()

    result = parse_bytes(RENDERERS["docx"].render(report, SECOND), "v2.docx")

    assert (result.report.year, result.report.agency) == (2022, "卫辉市民政局")
    assert result.report.tables == report.tables
    assert result.report.sections[0] == Section(None, "", f"{MARK_2}\n{NOTE_2}")
    assert result.report.sections[1:] == report.sections
    assert [finding.code for finding in result.findings] == []
