"""Reading published annual reports into the report model.

``parse_path`` / ``parse_bytes`` pick a reader by the document's kind; each reader turns its
input into a `Document` of printed rows, and `interpret` finds the report in it. Readers for
HTML, DOCX and PDF plug in to ``READERS`` beside the text reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from gongkai.annual.parse.document import Document
from gongkai.annual.parse.interpret import ParseResult, interpret
from gongkai.annual.parse.limits import DEFAULT_LIMITS, Limits
from gongkai.annual.parse.text import decode, read_text
from gongkai.errors import ReadError, UnsupportedDocumentError

Reader = Callable[[bytes, Limits], Document]


def _read_plain(data: bytes, limits: Limits) -> Document:
    return read_text(decode(data), kind="text")


def _read_markdown(data: bytes, limits: Limits) -> Document:
    return read_text(decode(data), kind="markdown")


def _read_html(data: bytes, limits: Limits) -> Document:
    from gongkai.annual.parse.html import read_html  # noqa: PLC0415 - loaded only when needed

    return read_html(data, limits)


def _read_docx(data: bytes, limits: Limits) -> Document:
    from gongkai.annual.parse.docx import read_docx  # noqa: PLC0415 - loaded only when needed

    return read_docx(data, limits)


def _read_pdf(data: bytes, limits: Limits) -> Document:
    from gongkai.annual.parse.pdf import read_pdf  # noqa: PLC0415 - loaded only when needed

    return read_pdf(data, limits)


READERS: dict[str, Reader] = {
    "text": _read_plain,
    "markdown": _read_markdown,
    "html": _read_html,
    "docx": _read_docx,
    "pdf": _read_pdf,
}

_KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".tsv": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_PDF_HEADER_WINDOW = 1024
_SIGNED_KINDS = frozenset({"pdf", "docx"})  # recognised by their content only
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|table|p)\b",
    re.I | re.S,
)


def kind_of(name: str, data: bytes) -> str:
    """The reader kind for a document, from its content first and its file name second.

    The content decides: a report saved as ``.txt`` that is really a PDF is read as a PDF.
    """
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:  # readers accept junk before the header
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedDocumentError(
            f"不支持旧版 Word（.doc）文件：{name}，请另存为 .docx 后再读取", code="legacy_doc"
        )
    head = data[:4096]
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom) :].decode(encoding, errors="ignore").encode("utf-8")
            break
    if _HTML_START.match(head):
        return "html"
    kind = _KIND_BY_SUFFIX.get(Path(name).suffix.lower(), "text")
    if kind not in _SIGNED_KINDS:
        return kind
    # A binary kind without its signature is no such file: a text report saved as .pdf is text,
    # anything else is a broken file of the kind its name claims.
    if b"\x00" not in data[: _PDF_HEADER_WINDOW * 8]:
        return "text"
    label = {"pdf": "PDF", "docx": "Word（.docx）"}[kind]
    raise ReadError(
        f"{name} 的扩展名表明是 {label} 文件，但内容不是 {label}，文件可能已损坏", code=f"corrupt_{kind}"
    )


def parse_text(text: str, *, kind: str = "text") -> ParseResult:
    return interpret(read_text(text, kind=kind))


def parse_bytes(data: bytes, name: str = "report.txt", limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    if len(data) > limits.max_bytes:
        raise ReadError(f"文件过大（{len(data)} 字节），上限为 {limits.max_bytes} 字节", code="too_large")
    if not data.strip():
        raise ReadError(f"文件为空：{name}", code="empty_document")
    document = READERS[kind_of(name, data)](data, limits)
    if len(document.rows) > limits.max_rows:
        raise ReadError(
            f"文档过长（{len(document.rows)} 行），上限为 {limits.max_rows} 行", code="too_many_rows"
        )
    return interpret(document)


def parse_path(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ReadError(
                f"文件过大（{size} 字节），上限为 {limits.max_bytes} 字节：{path}", code="too_large"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"找不到文件：{path}", code="not_found") from None
    except IsADirectoryError:
        raise ReadError(f"这是一个目录，不是文件：{path}", code="is_directory") from None
    except PermissionError:
        raise ReadError(f"没有读取权限：{path}", code="permission_denied") from None
    return parse_bytes(data, path.name, limits)


__all__ = [
    "READERS",
    "Document",
    "ParseResult",
    "interpret",
    "kind_of",
    "parse_bytes",
    "parse_path",
    "parse_text",
]
