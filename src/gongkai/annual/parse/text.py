"""Reading plain text and markdown into a `Document`.

Three row layouts are recognised line by line, so that one file may mix them:

* tab-separated: a table row per line, cells separated by tabs (blank cells kept);
* cell per line: each cell on its own line starting with a tab, rows separated by blank
  lines, a cell's text wrapped onto following lines without a tab (``本年新\\n制作数量``);
* markdown pipe tables: ``| a | b |`` rows, separator rows ``|---|`` dropped.

Any other non-empty line is a paragraph.
"""

from __future__ import annotations

import codecs
import re

from gongkai.annual.findings import SourceRef
from gongkai.annual.parse.document import Document, Row, TextCell
from gongkai.errors import UndecodableTextError, UnsupportedDocumentError

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BINARY_SAMPLE = 8192
_CELL_PER_LINE_SHARE = 0.6  # of tab-carrying lines that are a single leading-tab cell
_UTF16_NUL_SHARE = 0.1  # of the high bytes that are NUL in UTF-16 text with some ASCII in it


def decode(data: bytes) -> str:
    """Text from bytes: BOM first (UTF-8, UTF-16), then UTF-8, then GB18030."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableTextError(
                    f"文件声明为 {encoding} 编码，但内容无法按该编码读取：{error.reason}"
                ) from error
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        unmarked = _unmarked_utf16(sample)
        if unmarked is not None:
            try:
                return data.decode(unmarked)
            except UnicodeDecodeError:
                pass
    if b"\x00" in sample:
        raise UnsupportedDocumentError("文件含有二进制内容，不是文本文件", code="binary_content")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UndecodableTextError("无法识别文件的文字编码（已尝试 UTF-8、GB18030、UTF-16）")


def _unmarked_utf16(sample: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII characters (digits, tabs, newlines) leave every other byte NUL."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * _UTF16_NUL_SHARE and even * 4 < odd:
        return "utf-16-le"
    if even > half * _UTF16_NUL_SHARE and odd * 4 < even:
        return "utf-16-be"
    return None


def read_text(text: str, *, kind: str = "text") -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cell_per_line = _is_cell_per_line(lines)
    rows: list[Row] = []
    pending: list[TextCell] = []  # cells of a cell-per-line row being collected
    layouts: set[str] = set()

    def flush() -> None:
        if pending:
            rows.append(Row(tuple(pending), is_table_row=True))
            pending.clear()

    for number, line in enumerate(lines, start=1):
        tabs = line.count("\t")
        if cell_per_line and tabs == 1 and line[0] == "\t":
            pending.append(TextCell(line[1:], SourceRef(line=number, column=2)))
            layouts.add("cell-per-line")
            continue
        stripped = line.strip()
        if cell_per_line and pending and stripped and not tabs:
            last = pending[-1]
            pending[-1] = TextCell(last.text + "\n" + line, last.source)
            continue
        flush()
        if not stripped and not tabs:
            continue
        if stripped[:1] == "|" and stripped.count("|") >= 2:
            if not _PIPE_SEPARATOR.match(stripped):
                rows.append(_pipe_row(line, number))
                layouts.add("markdown-pipe")
            continue
        if tabs:
            rows.append(_tab_row(line, number))
            layouts.add("tab-separated")
            continue
        indent = len(line) - len(line.lstrip())
        rows.append(Row((TextCell(stripped, SourceRef(line=number, column=indent + 1)),), False))
    flush()
    return Document(kind=kind, layout="+".join(sorted(layouts)) or "paragraphs", rows=tuple(rows))


def _is_cell_per_line(lines: list[str]) -> bool:
    tabbed = 0
    single = 0
    for line in lines:
        tabs = line.count("\t")
        if tabs:
            tabbed += 1
            single += tabs == 1 and line[0] == "\t"
    return bool(tabbed) and single / tabbed >= _CELL_PER_LINE_SHARE


def _tab_row(line: str, number: int) -> Row:
    cells = []
    column = 1
    for part in line.split("\t"):
        cells.append(TextCell(part, SourceRef(line=number, column=column)))
        column += len(part) + 1
    return Row(tuple(cells), is_table_row=True)


def _pipe_row(line: str, number: int) -> Row:
    body = line.strip()
    offset = line.index("|") + 1
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    cells = []
    column = offset + 1
    for part in _UNESCAPED_PIPE.split(body):
        text = _BREAK.sub("\n", part).replace("\\|", "|")
        cells.append(TextCell(text, SourceRef(line=number, column=column)))
        column += len(part) + 1
    return Row(tuple(cells), is_table_row=True)
