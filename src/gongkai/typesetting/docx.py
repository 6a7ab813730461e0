"""Word mechanics of the 公文 page, shared by the report's and the letters' writers (python-docx).

Every run names its font for East Asian text too (``w:eastAsia``): Word picks the font of a Chinese
character from that attribute alone, and a theme font (``w:eastAsiaTheme``) would win over an
explicit name, so theme attributes are dropped.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from gongkai.typesetting import PageSetup


def set_up_page(document: WordDocument, page: PageSetup) -> None:
    """The first section's paper size and margins."""
    section = document.sections[0]
    section.page_width = Mm(page.width)
    section.page_height = Mm(page.height)
    section.top_margin = Mm(page.top)
    section.bottom_margin = Mm(page.bottom)
    section.left_margin = Mm(page.left)
    section.right_margin = Mm(page.right)


def set_default_font(document: WordDocument, name: str) -> None:
    """Every run's default font ``name`` (all scripts) and language 简体中文 (the document defaults)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    name_font(run_defaults, name)
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def name_font(run_properties: BaseOxmlElement, name: str) -> None:
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


def set_font(run: Run, name: str, size: float, *, bold: bool = False) -> None:
    """A run in ``name`` at ``size`` points, bold or not."""
    run.font.size = Pt(size)
    run.font.bold = bold
    name_font(run._r.get_or_add_rPr(), name)


def add_page_number(paragraph: Paragraph, font: str, size: float) -> None:
    """``— 1 —`` as official documents print it, the number a PAGE field Word updates (7.5)."""
    set_font(paragraph.add_run("— "), font, size)
    number = paragraph.add_run("1")
    set_font(number, font, size)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number._r.addnext(field)
    field.append(number._r)  # the run becomes the field's current result
    set_font(paragraph.add_run(" —"), font, size)


def insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, successors: tuple[str, ...]) -> None:
    """Insert where the schema's sequence wants it: before the first of ``successors`` present.

    Word rejects a document whose properties stand out of the ECMA-376 order.
    """
    tags = {qn(tag) for tag in successors}
    for position, existing in enumerate(parent):
        if existing.tag in tags:
            parent.insert(position, child)
            return
    parent.append(child)
