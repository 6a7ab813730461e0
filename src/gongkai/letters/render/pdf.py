"""A letter as a PDF: its HTML page set by WeasyPrint with the system's Noto CJK fonts, offline."""

from __future__ import annotations

from gongkai.letters.letter import Letter
from gongkai.letters.render.html import render_html
from gongkai.typesetting.pdf import html_to_pdf


def render_pdf(letter: Letter) -> bytes:
    """A PDF with a text layer, A4 in the 公文 layout."""
    return html_to_pdf(render_html(letter))
