"""``gongkai render`` of a published version's JSON prints its version mark in every output kind.

The published JSON is the real report of corpus 005 (淮安市人民政府 2024) with the ``publication``
a second version carries; each output file is opened as its reader opens it (python-docx,
pdfplumber, openpyxl, the text itself).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest

from gongkai.annual import jsonio
from gongkai.annual.parse import parse_path
from gongkai.annual.publication import Publication
from test_cli import run

CORPUS_005 = Path(__file__).parent / "data" / "corpus" / "005.txt"
TITLE = "淮安市人民政府2024 年政府信息公开工作年度报告"  # as printed, the space included
PREAMBLE = "本报告由淮安市人民政府办公室根据《中华人民共和国政府"
SECOND = Publication(2, dt.date(2025, 2, 14), "更正第二项行政许可处理决定数量。")
MARK = "第2版\u30002025年2月14日发布"
NOTE = "更正说明：更正第二项行政许可处理决定数量。"


@pytest.fixture(scope="module")
def report():
    return parse_path(CORPUS_005).report


@pytest.fixture
def published(tmp_path, report) -> Path:
    path = tmp_path / "huaian-2024-v2.json"
    path.write_text(jsonio.dumps(report, publication=SECOND), encoding="utf-8")
    return path


def rendered(source: Path, kind: str) -> Path:
    target = source.with_name(f"out.{kind}")
    code, output = run("render", source, "--to", kind, "-o", target)
    assert code == 0, output
    return target


def test_the_word_file_carries_the_mark_and_the_note_under_the_title(published):
    document = docx.Document(str(rendered(published, "docx")))

    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[1:4] == [MARK, NOTE, PREAMBLE]
    assert document.core_properties.version == "第2版"


def test_the_pdf_shows_the_mark_and_the_note_on_its_first_page(published):
    with pdfplumber.open(rendered(published, "pdf")) as pdf:
        lines = (pdf.pages[0].extract_text() or "").splitlines()

    assert lines[:3] == [TITLE, "第2版 2025年2月14日发布", NOTE]  # pdfplumber reads U+3000 as a space


def test_the_workbook_lists_version_date_and_note_among_the_report_facts(published):
    workbook = openpyxl.load_workbook(rendered(published, "xlsx"))

    info = workbook.active
    assert info is not None and info.title == "报告信息"
    facts = {row[0]: row[1] for row in info.iter_rows(values_only=True)}
    assert (facts["版本"], facts["发布日期"], facts["更正说明"]) == ("第2版", "2025年2月14日", NOTE[5:])


def test_the_web_page_carries_the_mark_between_the_title_and_the_first_section(published):
    html = rendered(published, "html").read_text(encoding="utf-8")

    assert html.index("</h1>") < html.index(f'<p class="publication">{MARK}</p>')
    assert html.index(f'<p class="publication change">{NOTE}</p>') < html.index(PREAMBLE)


@pytest.mark.parametrize(("kind", "title"), [("md", f"# {TITLE}"), ("txt", TITLE)])
def test_markdown_and_text_put_the_mark_under_the_title(published, kind, title):
    lines = rendered(published, kind).read_text(encoding="utf-8").splitlines()

    assert lines[:7] == [title, "", MARK, "", NOTE, "", PREAMBLE]


def test_the_json_output_keeps_the_publication_and_the_report(published, report):
    text = rendered(published, "json").read_text(encoding="utf-8")

    assert jsonio.publication_of(text) == SECOND
    assert jsonio.loads(text) == report


def test_a_json_without_publication_renders_unmarked(tmp_path, report):
    source = tmp_path / "huaian-2024.json"
    source.write_text(jsonio.dumps(report), encoding="utf-8")

    lines = rendered(source, "txt").read_text(encoding="utf-8").splitlines()

    assert lines[:3] == [TITLE, "", PREAMBLE]
    assert jsonio.publication_of(rendered(source, "json").read_text(encoding="utf-8")) is None


def test_a_publication_that_does_not_hold_is_refused_with_exit_2_and_nothing_written(tmp_path, report):
    source = tmp_path / "broken.json"
    data = json.loads(jsonio.dumps(report, publication=SECOND))
    data["publication"]["change_reason"] = None  # 第2版 without its 更正说明
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "out.docx"

    code, output = run("render", source, "--to", "docx", "-o", target)

    assert code == 2
    assert "json_publication" in output
    assert not target.exists()
