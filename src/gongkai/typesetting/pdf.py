"""PDF from a self-contained HTML page, set by WeasyPrint with the system's fonts, offline."""

from __future__ import annotations

from typing import NoReturn

import weasyprint  # type: ignore[import-untyped]


def html_to_pdf(html: str) -> bytes:
    """A PDF with a text layer; any reference to an outside resource is refused, never fetched."""
    document = weasyprint.HTML(string=html, url_fetcher=_offline)
    pdf: bytes = document.write_pdf()
    return pdf


def _offline(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"gongkai renders offline; not fetching {url}")
