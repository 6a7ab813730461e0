"""Writing a report out: HTML, Word, PDF, Excel, Markdown, plain text and canonical JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gongkai.annual import jsonio
from gongkai.annual.model import AnnualReport
from gongkai.annual.publication import Publication
from gongkai.annual.render.docx import render_docx
from gongkai.annual.render.html import render_html
from gongkai.annual.render.markdown import render_markdown
from gongkai.annual.render.text import render_text
from gongkai.annual.render.xlsx import render_xlsx

Write = Callable[[AnnualReport, Publication | None], bytes]


@dataclass(frozen=True, slots=True)
class Renderer:
    name: str
    suffix: str
    write: Write
    description: str

    def render(self, report: AnnualReport, publication: Publication | None = None) -> bytes:
        """The report in this format; with ``publication``, marked inside as that published version."""
        return self.write(report, publication)


def _pdf(report: AnnualReport, publication: Publication | None) -> bytes:
    from gongkai.annual.render.pdf import render_pdf  # noqa: PLC0415 - WeasyPrint loads slowly

    return render_pdf(report, publication)


def _json(report: AnnualReport, publication: Publication | None) -> str:
    return jsonio.dumps(report, publication=publication)


def _utf8(render: Callable[[AnnualReport, Publication | None], str]) -> Write:
    return lambda report, publication: render(report, publication).encode("utf-8")


RENDERERS: dict[str, Renderer] = {
    renderer.name: renderer
    for renderer in (
        Renderer("html", ".html", _utf8(render_html), "可打印的网页（国家格式表格）"),
        Renderer("docx", ".docx", render_docx, "Word 文档（公文版式）"),
        Renderer("pdf", ".pdf", _pdf, "PDF（A4 公文版式，可复制文字）"),
        Renderer("xlsx", ".xlsx", render_xlsx, "Excel 工作簿"),
        Renderer("md", ".md", _utf8(render_markdown), "Markdown"),
        Renderer("txt", ".txt", _utf8(render_text), "纯文本（制表符分隔的表格）"),
        Renderer("json", ".json", _utf8(_json), "规范 JSON"),
    )
}

__all__ = [
    "RENDERERS",
    "Renderer",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_text",
    "render_xlsx",
]
