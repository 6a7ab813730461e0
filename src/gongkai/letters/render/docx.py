"""A letter as a Word document in the 公文 layout (`layout` states the measurements and sources).

Page, fonts and the page number field are `gongkai.typesetting.docx`'s, shared with the report.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from gongkai.letters.letter import Letter
from gongkai.letters.render.layout import TYPE, Typography, closing
from gongkai.typesetting import PAGE, PageSetup
from gongkai.typesetting.docx import (
    add_page_number,
    insert_in_order,
    name_font,
    set_default_font,
    set_font,
    set_up_page,
)

# Children that come after w:spacing in w:rPr, and after w:autoSpaceDN in w:pPr (ECMA-376 sequences).
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:lang")
_AFTER_AUTO_SPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:rPr")


def render_docx(letter: Letter, *, page: PageSetup = PAGE, typography: Typography = TYPE) -> bytes:
    """The letter as a .docx file (bytes)."""
    document = Document()
    _set_up_page(document, page, typography)
    _set_up_styles(document, typography)
    document.core_properties.title = letter.title
    document.core_properties.language = "zh-CN"
    _page_numbers(document, typography)

    title = _paragraph(document, WD_ALIGN_PARAGRAPH.CENTER, line=typography.title_line)
    set_font(title.add_run(letter.title), typography.title_font, typography.title_size, bold=True)
    _text(_paragraph(document, WD_ALIGN_PARAGRAPH.CENTER), letter.number, typography)
    _paragraph(document)  # 主送 one line under the title block (7.3.2)
    _text(_paragraph(document, WD_ALIGN_PARAGRAPH.LEFT), letter.addressee, typography)
    for text in letter.paragraphs:
        body = _paragraph(document, WD_ALIGN_PARAGRAPH.JUSTIFY)
        body.paragraph_format.first_line_indent = Pt(2 * typography.character_width)
        _text(body, text, typography)
    _paragraph(document)  # the signature one blank line under the text (7.3.5.2)
    places = closing(letter)
    for text, right in ((letter.signature, places.signature_right), (letter.date_text, places.date_right)):
        line = _paragraph(document, WD_ALIGN_PARAGRAPH.RIGHT)
        line.paragraph_format.right_indent = Pt(right * typography.character_width)
        _text(line, text, typography)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paragraph(
    document: WordDocument, alignment: WD_ALIGN_PARAGRAPH | None = None, *, line: float | None = None
) -> Paragraph:
    paragraph = document.add_paragraph()
    if alignment is not None:
        paragraph.alignment = alignment
    if line is not None:
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(line)
    return paragraph


def _text(paragraph: Paragraph, text: str, typography: Typography) -> None:
    set_font(paragraph.add_run(text), typography.body_font, typography.body_size)


def _set_up_page(document: WordDocument, page: PageSetup, typography: Typography) -> None:
    set_up_page(document, page)
    section = document.sections[0]
    # Word measures the footer from the page's lower edge to the footer's foot: the page number's
    # line (one 四号 line) ends page_number_gap under the type area.
    section.footer_distance = Mm(page.bottom - page.page_number_gap) - Pt(typography.page_number_size)
    section.header_distance = Mm(page.top / 2)


def _set_up_styles(document: WordDocument, typography: Typography) -> None:
    """Defaults for every run (font, Chinese language) and a Normal style on the body's grid."""
    set_default_font(document, typography.body_font)
    normal = document.styles["Normal"]
    normal.font.size = Pt(typography.body_size)
    properties = normal.element.get_or_add_rPr()
    name_font(properties, typography.body_font)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(typography.character_spacing * 20)))  # twentieths of a point
    insert_in_order(properties, spacing, _AFTER_SPACING)
    # No extra space between Chinese and Latin letters or digits: it would break the 28-character
    # grid, and the PDF writer adds none either.
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        auto_space = OxmlElement(name)
        auto_space.set(qn("w:val"), "0")
        insert_in_order(normal.element.get_or_add_pPr(), auto_space, _AFTER_AUTO_SPACE)
    paragraph_format = normal.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(typography.line_pitch)
    paragraph_format.widow_control = False  # 公文 pages fill their 22 lines


def _page_numbers(document: WordDocument, typography: Typography) -> None:
    """``— 1 —`` in 四号: odd pages on the right one character in, even pages on the left (7.5)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    indent = Pt(typography.page_number_size)
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = indent
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = indent
    for paragraph in (odd, even):
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.paragraph_format.line_spacing = Pt(typography.page_number_size)
        add_page_number(paragraph, typography.body_font, typography.page_number_size)
