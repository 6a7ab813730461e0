"""The report as a Word document in the layout of an official document (公文).

Page and type follow GB/T 9704 in proportion: A4, margins 37/35/28/26 mm, a centred bold
title, bold section headings and body text with a first-line indent of two characters. The
tables are the national ones with real merged cells, all borders drawn, text centred and
smaller than the body. Fonts are the Noto CJK faces so that the document renders the same
on a machine without Chinese office fonts; page, fonts (named for East Asian text too) and the page
number field are `gongkai.typesetting.docx`'s, shared with the letters.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import _Cell

from gongkai.annual.model import AnnualReport
from gongkai.annual.publication import Publication
from gongkai.annual.render.layout import Grid, GridCell, Role, document_parts, report_title, title_lines
from gongkai.typesetting import PAGE, POINTS_PER_MM, SANS, SERIF, PageSetup
from gongkai.typesetting.docx import (
    add_page_number,
    insert_in_order,
    name_font,
    set_default_font,
    set_font,
    set_up_page,
)

BLACK = RGBColor(0, 0, 0)


@dataclass(frozen=True, slots=True)
class Typography:
    """Fonts (installed with Debian ``fonts-noto-cjk``) and sizes in points."""

    body_font: str = SERIF
    heading_font: str = SANS
    table_font: str = SERIF
    title_size: float = 22.0  # 二号, the 公文 title size
    heading_size: float = 16.0  # 三号
    body_size: float = 16.0  # 三号
    body_line: float = 28.0  # exact line pitch: 22 lines on the type area, as GB/T 9704
    table_size: float = 9.0  # 小五: section 四 has 15 columns on 156 mm
    note_size: float = 8.0  # the 勾稽 note above section 三's row labels
    page_number_size: float = 14.0  # 四号
    publication_size: float = 14.0  # 四号: the version mark under the title, smaller than the body


TYPOGRAPHY = Typography()

_CELL_MARGIN_TWIPS = 40  # about 0.7 mm left and right, so that narrow columns keep two characters
_BORDER_EIGHTHS = 4  # border width in eighths of a point: ½ pt
_BORDERS = ("top", "left", "bottom", "right", "insideH", "insideV")
# Elements that follow w:tblBorders and w:tblCellMar in w:tblPr (ECMA-376 CT_TblPr sequence).
_AFTER_CELL_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", *_AFTER_CELL_MARGINS)


def render_docx(
    report: AnnualReport,
    publication: Publication | None = None,
    *,
    typography: Typography = TYPOGRAPHY,
    page: PageSetup = PAGE,
) -> bytes:
    """The report as a .docx file (bytes): title, sections in order, tables under 二, 三 and 四;
    with ``publication``, its mark and 更正说明 under the title (and the version in the file's properties)."""
    document = Document()
    set_up_page(document, page)
    _set_up_styles(document, typography)
    title = report_title(report)
    document.core_properties.title = title
    document.core_properties.language = "zh-CN"

    _title(document, report, typography, page)
    if publication is not None:
        _publication(document, publication, typography)
    _page_numbers(document, typography)

    for part in document_parts(report):
        if part.heading:
            heading = document.add_paragraph(style="Heading 1")
            set_font(
                heading.add_run(part.heading), typography.heading_font, typography.heading_size, bold=True
            )
        for text in part.paragraphs:
            body = document.add_paragraph()
            body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            body_format = body.paragraph_format
            body_format.first_line_indent = Pt(2 * typography.body_size)
            body_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            body_format.line_spacing = Pt(typography.body_line)
            set_font(body.add_run(text), typography.body_font, typography.body_size)
        if part.grid is not None:
            _table(document, part.grid, typography, page)
            document.add_paragraph()

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _title(document: WordDocument, report: AnnualReport, typography: Typography, page: PageSetup) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(typography.body_line)
    paragraph.paragraph_format.line_spacing = 1.2
    lines = title_lines(report)
    per_line = page.text_width * POINTS_PER_MM / typography.title_size
    if sum(len(line) for line in lines) <= per_line:
        lines = ("".join(lines),)
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        set_font(run, typography.heading_font, typography.title_size, bold=True)
        if index < len(lines) - 1:
            run.add_break()


def _publication(document: WordDocument, publication: Publication, typography: Typography) -> None:
    """The mark centred under the title, the 更正说明 (from 第2版 on) as a plain paragraph after it."""
    document.core_properties.version = publication.version_text
    title_paragraph = document.paragraphs[-1]
    title_paragraph.paragraph_format.space_after = Pt(typography.body_line / 4)
    for line in publication.lines:
        paragraph = document.add_paragraph()
        paragraph.alignment = (
            WD_ALIGN_PARAGRAPH.CENTER if line == publication.mark else WD_ALIGN_PARAGRAPH.LEFT
        )
        set_font(paragraph.add_run(line), typography.body_font, typography.publication_size)
    document.paragraphs[-1].paragraph_format.space_after = Pt(typography.body_line / 2)


def _page_numbers(document: WordDocument, typography: Typography) -> None:
    """Page numbers at the foot, ``— 1 —``, as official documents print them."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number(paragraph, typography.body_font, typography.page_number_size)


def _set_up_styles(document: WordDocument, typography: Typography) -> None:
    """Defaults for every run (font, size, Chinese language) and a black, plain Heading 1."""
    set_default_font(document, typography.body_font)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(typography.body_size)
    name_font(normal.element.get_or_add_rPr(), typography.body_font)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)

    heading = styles["Heading 1"]
    name_font(heading.element.get_or_add_rPr(), typography.heading_font)
    heading.font.size = Pt(typography.heading_size)
    heading.font.bold = True
    heading.font.color.rgb = BLACK
    heading_format = heading.paragraph_format
    heading_format.space_before = Pt(typography.body_line / 2)
    heading_format.space_after = Pt(typography.body_line / 4)
    heading_format.keep_with_next = True


def _table(document: WordDocument, grid: Grid, typography: Typography, page: PageSetup) -> None:
    table = document.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders_and_margins(table._tbl)

    total = sum(grid.widths)
    text_width = Mm(page.text_width)
    widths = [Emu(int(text_width * width / total)) for width in grid.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # The cells of the unmerged table, taken once: `Table.cell` rescans the whole table on
    # each call. Merges never touch a cell outside their own rectangle, so these stay valid.
    matrix = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for index, (row, cells) in enumerate(zip(table.rows, matrix, strict=True)):
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        row_properties = row._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))
        if index < grid.header_rows:
            row_properties.append(OxmlElement("w:tblHeader"))

    for placed in grid.cells:
        cell = matrix[placed.row][placed.col]
        if placed.is_merged:
            cell = cell.merge(matrix[placed.last_row][placed.last_col])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(cell, placed, typography, last_row=placed.last_row == grid.n_rows - 1)


def _cell_text(cell: _Cell, placed: GridCell, typography: Typography, *, last_row: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if placed.role is Role.LABEL else WD_ALIGN_PARAGRAPH.CENTER
    paragraph_format = paragraph.paragraph_format
    paragraph_format.space_before = Pt(1)
    paragraph_format.space_after = Pt(1)
    paragraph_format.line_spacing = 1.0
    # Every row but the last keeps with the next: the table moves whole to the next page
    # when it fits on one, and a caption never ends a page.
    paragraph_format.keep_with_next = not last_row
    size = typography.note_size if placed.role is Role.NOTE else typography.table_size
    bold = placed.role in (Role.CAPTION, Role.HEADER)
    if placed.text:
        set_font(paragraph.add_run(placed.text), typography.table_font, size, bold=bold)


def _borders_and_margins(table_element: BaseOxmlElement) -> None:
    properties = table_element.find(qn("w:tblPr"))
    borders = OxmlElement("w:tblBorders")
    for side in _BORDERS:
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), str(_BORDER_EIGHTHS))
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), "000000")
        borders.append(border)
    insert_in_order(properties, borders, _AFTER_BORDERS)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(_CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    insert_in_order(properties, margins, _AFTER_CELL_MARGINS)
