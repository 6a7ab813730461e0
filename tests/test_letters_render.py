"""Letters on paper: Word and PDF in the 公文 layout of GB/T 9704-2012, read back and measured."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from io import BytesIO
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from gongkai.cases import Decision, Outcome
from gongkai.clock import ConsultationParty
from gongkai.fees import FeeMethod, FeeNotice, assess
from gongkai.letters import (
    KINDS,
    CaseFacts,
    ConsultationFacts,
    CorrectionFacts,
    ExtensionFacts,
    FeeFacts,
    Letter,
    LetterFacts,
    LetterKind,
    Remedies,
    compose,
    default_template,
    letter_kind,
)
from gongkai.letters.render import render_docx, render_html, render_pdf

MM = 72 / 25.4  # points per millimetre
SERIF = "Noto Serif CJK SC"
REASONS = (
    "该信息包含第三方企业的生产工艺、原材料配比、设备参数等商业秘密，" * 9
    + "公开会对第三方合法权益造成损害。"
)
LETTER = Letter(
    kind=letter_kind("reply.partially_granted"),
    title="政府信息公开申请答复告知书",
    number="某县人民政府依申请公开〔2025〕12号",
    addressee="某某环境科技有限公司：",
    paragraphs=(
        "本机关于2025年9月28日收到您提出的政府信息公开申请，您申请获取“2024年至2025年本县建设项目环境影响评价文件”。"
        "经审查，现答复如下：",
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》"
        "第三十七条、第十五条的规定，本机关向您提供可以公开的部分。",
        f"对不予公开的部分，理由如下：{REASONS}",
        "如对本告知书中不予公开的决定不服，应当自收到本告知书之日起60日内先向某市人民政府申请行政复议；"
        "对行政复议决定不服的，可以自收到行政复议决定书之日起15日内向某市中级人民法院提起行政诉讼。",
    ),
    signature="某县人民政府",
    date=date(2025, 10, 20),
)
# 48 distinct characters, 6 times: running text that must break at exactly 28 characters a line.
RUNNING = (
    "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈" * 6
)
GRID = Letter(
    kind=letter_kind("reply.granted"),
    title="政府信息公开申请答复告知书",
    number="某县人民政府依申请公开〔2025〕13号",
    addressee="张三：",
    paragraphs=(RUNNING,) * 4,
    signature="某县人民政府",
    date=date(2025, 10, 20),
)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_text(letter: Letter) -> str:
    return flat(letter.title + letter.number + letter.addressee + "".join(letter.paragraphs))


# -- Word -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def word() -> docx.document.Document:
    return docx.Document(BytesIO(render_docx(LETTER)))


def written(document: docx.document.Document) -> list[Paragraph]:
    return [paragraph for paragraph in document.paragraphs if paragraph.text]


def east_asian_font(paragraph: Paragraph) -> str | None:
    fonts = paragraph.runs[0]._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_the_word_page_is_a4_with_the_gb9704_margins(word):
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(margin.mm) for margin in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(margin.mm) for margin in (section.left_margin, section.right_margin)] == [28, 26]


def test_the_word_letter_holds_each_part_in_order(word):
    assert [paragraph.text for paragraph in written(word)] == [
        LETTER.title,
        LETTER.number,
        LETTER.addressee,
        *LETTER.paragraphs,
        "某县人民政府",
        "2025年10月20日",
    ]


def test_the_title_is_2hao_bold_serif_centred(word):
    title = written(word)[0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size.pt == 22
    assert title.runs[0].font.bold is True
    assert east_asian_font(title) == SERIF


def test_the_body_is_3hao_serif_on_a_pitch_of_22_lines_of_28_characters(word):
    normal = word.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    assert 22 * 28.95 <= (297 - 37 - 35) * MM < 23 * 28.95
    properties = normal.element.rPr
    assert properties.find(qn("w:rFonts")).get(qn("w:eastAsia")) == SERIF
    assert properties.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # −0.25 pt a character
    assert 28 * 15.75 <= (210 - 28 - 26) * MM < 29 * 15.75


def test_body_paragraphs_are_justified_with_a_two_character_indent(word):
    for paragraph in written(word)[3:7]:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert paragraph.paragraph_format.first_line_indent.pt == pytest.approx(31.5)
        assert east_asian_font(paragraph) == SERIF
        assert paragraph.runs[0].font.size.pt == 16


def test_the_number_is_centred_under_the_title_and_the_addressee_flush_left(word):
    number, addressee = written(word)[1:3]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert addressee.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert addressee.paragraph_format.first_line_indent is None


def test_signature_and_date_stand_right_with_the_date_two_characters_further_in(word):
    signature, dated = written(word)[-2:]
    assert signature.alignment == dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # 2025年10月20日 is 7.48 characters wide; the signature moves so the date keeps two free.
    assert dated.paragraph_format.right_indent.pt == pytest.approx(2 * 15.75, abs=0.05)
    assert signature.paragraph_format.right_indent.pt == pytest.approx((2 + 7.48 + 2 - 6) * 15.75, abs=0.05)
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts[texts.index(LETTER.paragraphs[-1]) + 1] == ""  # one empty line before the signature


def test_page_numbers_are_4hao_right_on_odd_pages_and_left_on_even_ones(word):
    assert word.settings.odd_and_even_pages_header_footer is True
    section = word.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        assert "".join(text.text for text in paragraph._p.iter(qn("w:t"))) == "— 1 —"
        assert paragraph._p.find(qn("w:fldSimple")).get(qn("w:instr")) == "PAGE"
        assert {run.font.size.pt for run in paragraph.runs} == {14}


@pytest.mark.libreoffice
def test_libreoffice_prints_the_word_letter_on_two_a4_pages(tmp_path: Path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("需要 LibreOffice（soffice）：apt-get install libreoffice-writer-nogui")
    source = tmp_path / "letter.docx"
    source.write_bytes(render_docx(LETTER))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    printed = pdfium.PdfDocument(tmp_path / "letter.pdf")
    assert len(printed) == 2
    assert printed[0].get_size() == pytest.approx((210 * MM, 297 * MM), abs=0.5)
    first, second = (flat(page.get_textpage().get_text_range()) for page in printed)
    assert first.endswith("—1—") and second.endswith("某县人民政府2025年10月20日—2—")
    assert first[: -len("—1—")] + second[: -len("某县人民政府2025年10月20日—2—")] == expected_text(LETTER)


# -- PDF ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf() -> pdfium.PdfDocument:
    return pdfium.PdfDocument(render_pdf(LETTER))


def characters(page: pdfium.PdfPage) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each printed character with its box (left, bottom, right, top) in points."""
    textpage = page.get_textpage()
    found = []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if char.strip():
            found.append((char, textpage.get_charbox(index)))
    return found


def lines(page: pdfium.PdfPage) -> list[str]:
    """The page's text lines as PDFium reads them, top to bottom."""
    return page.get_textpage().get_text_range().split("\r\n")


def wrapped(paragraph: str) -> list[str]:
    """A paragraph of CJK text on the grid: 26 characters after the indent, then 28 a line."""
    return [paragraph[:26]] + [paragraph[start : start + 28] for start in range(26, len(paragraph), 28)]


def test_the_pdf_is_a4_and_its_text_layer_is_the_letter(pdf):
    assert len(pdf) == 2
    for page in pdf:
        assert page.get_size() == pytest.approx((210 * MM, 297 * MM), abs=0.01)
    first, second = (flat(page.get_textpage().get_text_range()) for page in pdf)
    assert first.endswith("—1—") and second.endswith("某县人民政府2025年10月20日—2—")
    assert first[: -len("—1—")] + second[: -len("某县人民政府2025年10月20日—2—")] == expected_text(LETTER)


def test_the_text_stays_inside_the_gb9704_type_area(pdf):
    for number, page in enumerate(pdf, start=1):
        body = [box for _, box in characters(page) if box[3] > 35 * MM]
        footer = "".join(char for char, box in characters(page) if box[3] <= 35 * MM)
        assert footer == f"—{number}—"
        assert min(box[0] for box in body) >= 28 * MM - 0.5
        assert max(box[2] for box in body) <= (210 - 26) * MM + 0.5
        assert max(box[3] for box in body) <= (297 - 37) * MM + 0.5
        assert min(box[1] for box in body) >= 35 * MM - 1
    title_top = max(box[3] for _, box in characters(pdf[0]))
    assert title_top == pytest.approx((297 - 37) * MM, abs=10)  # the title opens the type area


def test_every_character_is_set_in_noto_serif_cjk(pdf):
    names = set()
    for page in pdf:
        for text_object in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
            font = pdfium_c.FPDFTextObj_GetFont(text_object.raw)
            buffer = (pdfium_c.c_char * 256)()
            pdfium_c.FPDFFont_GetBaseFontName(font, buffer, 256)
            names.add(buffer.value.decode().split("+")[-1])
    assert names == {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"}


def test_page_numbers_sit_7mm_under_the_type_area_right_then_left(pdf):
    for number, page in enumerate(pdf, start=1):
        digits = [box for char, box in characters(page) if char == str(number) and box[3] < 35 * MM]
        assert len(digits) == 1
        left, _, right, top = digits[0]
        assert (35 - 7) * MM - 6 <= top <= (35 - 7) * MM  # a 四号 digit hangs from the 7 mm line
        if number % 2:
            assert (210 - 26) * MM - 40 < right < (210 - 26) * MM
        else:
            assert 28 * MM < left < 28 * MM + 40


def test_running_text_fills_22_lines_of_28_characters():
    first, second, third = (lines(page) for page in pdfium.PdfDocument(render_pdf(GRID)))
    text = [line for paragraph in GRID.paragraphs for line in wrapped(paragraph)]
    # Page 1: the 二号 title takes 36 pt, then 20 lines of 28.95 pt fill the 637.8 pt type area.
    assert 36 + 20 * 28.95 <= (297 - 37 - 35) * MM < 36 + 21 * 28.95
    assert first == [GRID.title, GRID.number, GRID.addressee, *text[:17], "— 1 —"]
    assert second == [*text[17:39], "— 2 —"]  # 22 lines
    assert third == [*text[39:], "某县人民政府", "2025年10月20日", "— 3 —"]


def test_html_escapes_what_templates_and_applicants_typed():
    hostile = Letter(
        kind=letter_kind("reply.granted"),
        title="答复<script>alert(1)</script>",
        number="某〔2025〕1号",
        addressee="<b>张三</b>：",
        paragraphs=("见 <img src=x onerror=alert(1)>",),
        signature="某县人民政府",
        date=date(2025, 10, 20),
    )
    html = render_html(hostile)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def every_kinds_letter(kind: LetterKind) -> Letter:
    """The default template of ``kind`` filled from a case with every fact a letter may state."""
    outcome = kind.outcome or Outcome("granted")
    notice = FeeNotice.from_assessment(assess(FeeMethod.PER_VOLUME, pages=150), payment_method="现场缴纳")
    values = {
        "征求意见对象": "某县第一中学",
        "获取方式": "本机关门户网站政府信息公开专栏",
        "负责机关": "某县教育局",
    }
    facts = LetterFacts(
        CaseFacts(
            "某县人民政府",
            "张三",
            date(2025, 9, 28),
            "2025年本县义务教育阶段学校名单",
            "电子文件",
            "电子邮件",
        ),
        Remedies("某市人民政府", "某市中级人民法院"),
        decision=Decision(outcome, date(2025, 10, 20), "该名单含有学生家长的联系电话"),
        correction=CorrectionFacts(date(2025, 9, 30), "请写明学段", date(2025, 10, 17)),
        extension=ExtensionFacts(date(2025, 10, 24), 20, date(2025, 11, 28), date(2025, 10, 31)),
        consultation=ConsultationFacts(kind.party or ConsultationParty.THIRD_PARTY, date(2025, 10, 9)),
        fee=FeeFacts(notice, date(2025, 10, 9)),
        inputs={letter_input.name: values[letter_input.name] for letter_input in kind.inputs},
    )
    return compose(
        kind,
        default_template(kind.id),
        facts,
        number="某〔2025〕1号",
        signature="某县人民政府",
        on=date(2025, 10, 20),
    )


@pytest.mark.parametrize("kind", KINDS, ids=[kind.id for kind in KINDS])
def test_every_kinds_default_letter_prints_whole_in_word_and_pdf(kind: LetterKind):
    letter = every_kinds_letter(kind)
    word = docx.Document(BytesIO(render_docx(letter)))
    assert [paragraph.text for paragraph in written(word)] == [
        letter.title,
        letter.number,
        letter.addressee,
        *letter.paragraphs,
        letter.signature,
        letter.date_text,
    ]
    pages = [flat(page.get_textpage().get_text_range()) for page in pdfium.PdfDocument(render_pdf(letter))]
    printed = "".join(re.sub(r"—\d+—$", "", text) for text in pages)
    assert printed == expected_text(letter) + flat(letter.signature + letter.date_text)
