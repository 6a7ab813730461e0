"""The report as a PDF: the printable HTML page laid out by WeasyPrint.

The HTML of `render_html` already carries the A4 page, the GB/T 9704 margins and the table
headers to repeat on each page; WeasyPrint sets it with the system's fonts (Noto CJK from
Debian's fonts-noto-cjk for Chinese). Nothing is fetched: the page is self-contained, and any
reference to an outside resource is refused rather than looked up.
"""

from __future__ import annotations

from gongkai.annual.model import AnnualReport
from gongkai.annual.publication import Publication
from gongkai.annual.render.html import render_html
from gongkai.typesetting.pdf import html_to_pdf


def render_pdf(report: AnnualReport, publication: Publication | None = None) -> bytes:
    """A PDF with a text layer, tables ruled as in the national format (and ``publication``'s mark)."""
    return html_to_pdf(render_html(report, publication))
