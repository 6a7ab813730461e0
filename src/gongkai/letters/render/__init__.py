"""Writers of a letter: Word (`render_docx`) and PDF (`render_pdf`, from `render_html`)."""

from gongkai.letters.render.docx import render_docx
from gongkai.letters.render.html import render_html
from gongkai.letters.render.pdf import render_pdf

__all__ = ["render_docx", "render_html", "render_pdf"]
