"""Reading published annual reports into the report model.

``parse_path`` / ``parse_bytes`` pick a reader by the document's kind; each reader turns its
input into a `Document` of printed rows, and `interpret` finds the report in it. Readers for
HTML, DOCX and PDF plug in to ``READERS`` beside the text reader.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gongkai.annual.parse.document import Document
from gongkai.annual.parse.interpret import ParseResult, interpret
from gongkai.annual.parse.text import decode, read_text
from gongkai.errors import ReadError, UnsupportedDocumentError

Reader = Callable[[bytes], Document]

MAX_BYTES = 50 * 1024 * 1024  # larger files are refused before they are read


def _read_plain(data: bytes) -> Document:
    return read_text(decode(data), kind="text")


def _read_markdown(data: bytes) -> Document:
    return read_text(decode(data), kind="markdown")


READERS: dict[str, Reader] = {
    "text": _read_plain,
    "markdown": _read_markdown,
}

_KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".tsv": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
_SIGNATURES = {b"%PDF": "PDF", b"PK\x03\x04": "DOCX/ZIP", b"\xd0\xcf\x11\xe0": "DOC"}


def kind_of(name: str, data: bytes) -> str:
    """The reader kind for a document, from its content first and its file name second."""
    for signature, label in _SIGNATURES.items():
        if data.startswith(signature):
            raise UnsupportedDocumentError(
                f"暂不支持读取 {label} 文件（{name}），请先另存为文本", code="unsupported_kind"
            )
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise UnsupportedDocumentError(
            f"暂不支持读取 HTML 文件（{name}），请先另存为文本", code="unsupported_kind"
        )
    return _KIND_BY_SUFFIX.get(Path(name).suffix.lower(), "text")


def parse_text(text: str, *, kind: str = "text") -> ParseResult:
    return interpret(read_text(text, kind=kind))


def parse_bytes(data: bytes, name: str = "report.txt") -> ParseResult:
    if len(data) > MAX_BYTES:
        raise ReadError(f"文件过大（{len(data)} 字节），上限为 {MAX_BYTES} 字节", code="too_large")
    if not data.strip():
        raise ReadError(f"文件为空：{name}", code="empty_document")
    return interpret(READERS[kind_of(name, data)](data))


def parse_path(path: str | Path) -> ParseResult:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"文件过大（{size} 字节），上限为 {MAX_BYTES} 字节：{path}", code="too_large")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"找不到文件：{path}", code="not_found") from None
    except IsADirectoryError:
        raise ReadError(f"这是一个目录，不是文件：{path}", code="is_directory") from None
    except PermissionError:
        raise ReadError(f"没有读取权限：{path}", code="permission_denied") from None
    return parse_bytes(data, path.name)


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
