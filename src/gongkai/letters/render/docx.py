"""A letter as a Word document in the 公文 layout (`layout` states the measurements and sources).

Every run names its font for East Asian text too (``w:eastAsia``): Word picks the font of a
Chinese character from that attribute alone, and a theme font would win over an explicit name.
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from gongkai.letters.letter import Letter
from gongkai.letters.render.layout import PAGE, TYPE, PageSetup, Typography, closing

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
    _font(title.add_run(letter.title), typography.title_font, typography.title_size, bold=True)
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
    _font(paragraph.add_run(text), typography.body_font, typography.body_size)


def _set_up_page(document: WordDocument, page: PageSetup, typography: Typography) -> None:
    section = document.sections[0]
    section.page_width = Mm(page.width)
    section.page_height = Mm(page.height)
    section.top_margin = Mm(page.top)
    section.bottom_margin = Mm(page.bottom)
    section.left_margin = Mm(page.left)
    section.right_margin = Mm(page.right)
    # Word measures the footer from the page's lower edge to the footer's foot: the page number's
    # line (one 四号 line) ends page_number_gap under the type area.
    section.footer_distance = Mm(page.bottom - page.page_number_gap) - Pt(typography.page_number_size)
    section.header_distance = Mm(page.top / 2)


def _set_up_styles(document: WordDocument, typography: Typography) -> None:
    """Defaults for every run (font, Chinese language) and a Normal style on the body's grid."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _font_names(run_defaults, typography.body_font)
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")

    normal = styles["Normal"]
    normal.font.size = Pt(typography.body_size)
    properties = normal.element.get_or_add_rPr()
    _font_names(properties, typography.body_font)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(typography.character_spacing * 20)))  # twentieths of a point
    _insert_in_order(properties, spacing, _AFTER_SPACING)
    # No extra space between Chinese and Latin letters or digits: it would break the 28-character
    # grid, and the PDF writer adds none either.
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        auto_space = OxmlElement(name)
        auto_space.set(qn("w:val"), "0")
        _insert_in_order(normal.element.get_or_add_pPr(), auto_space, _AFTER_AUTO_SPACE)
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
        _font(paragraph.add_run("— "), typography.body_font, typography.page_number_size)
        number = paragraph.add_run("1")
        _font(number, typography.body_font, typography.page_number_size)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        number._r.addnext(field)
        field.append(number._r)  # the run becomes the field's current result
        _font(paragraph.add_run(" —"), typography.body_font, typography.page_number_size)


def _font_names(run_properties: BaseOxmlElement, name: str) -> None:
    """Name one font for Latin, East Asian and complex scripts, dropping theme fonts."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith(("Theme", "theme")):
            del fonts.attrib[attribute]
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), name)


def _insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, successors: tuple[str, ...]) -> None:
    """Insert where the schema's sequence wants it: before the first of ``successors`` present."""
    tags = {qn(tag) for tag in successors}
    for position, existing in enumerate(parent):
        if existing.tag in tags:
            parent.insert(position, child)
            return
    parent.append(child)


def _font(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    _font_names(run._r.get_or_add_rPr(), name)
