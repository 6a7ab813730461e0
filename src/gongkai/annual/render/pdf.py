"""The report as a PDF: the printable HTML page laid out by WeasyPrint.

The HTML of `render_html` already carries the A4 page, the GB/T 9704 margins and the table
headers to repeat on each page; WeasyPrint sets it with the system's fonts (Noto CJK from
Debian's fonts-noto-cjk for Chinese). Nothing is fetched: the page is self-contained, and any
reference to an outside resource is refused rather than looked up.
"""

from __future__ import annotations

from typing import NoReturn

import weasyprint  # type: ignore[import-untyped]

from gongkai.annual.model import AnnualReport
from gongkai.annual.render.html import render_html


def render_pdf(report: AnnualReport) -> bytes:
    """A PDF with a text layer, tables ruled as in the national format."""
    document = weasyprint.HTML(string=render_html(report), url_fetcher=_offline)
    pdf: bytes = document.write_pdf()
    return pdf


def _offline(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"gongkai renders offline; not fetching {url}")
