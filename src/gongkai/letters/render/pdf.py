"""A letter as a PDF: its HTML page set by WeasyPrint with the system's Noto CJK fonts, offline."""

from __future__ import annotations

from typing import NoReturn

import weasyprint  # type: ignore[import-untyped]

from gongkai.letters.letter import Letter
from gongkai.letters.render.html import render_html


def render_pdf(letter: Letter) -> bytes:
    """A PDF with a text layer, A4 in the 公文 layout."""
    document = weasyprint.HTML(string=render_html(letter), url_fetcher=_offline)
    pdf: bytes = document.write_pdf()
    return pdf


def _offline(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"gongkai renders offline; not fetching {url}")
