"""Reading a web page (HTML) into a `Document`.

Reports are published as pages of a government site: the report, often exported from Word,
sits inside the site's menus and footers. The page is read in document order, as a browser
shows it: each block (``p``, ``div``, ``h1``, ``li``, a ``br``-separated line…) becomes a
paragraph row; runs of ``span``/``font`` are joined without spaces, since Word splits labels
anywhere (``一</span><span>、本年新收…``); each table row becomes a table row holding the
cells that start in it (a cell covered by a ``rowspan``/``colspan`` from elsewhere is left
out), as the interpreter expects of every structured source. The menus are just paragraphs
before the report; the interpreter finds the report by its section titles.

A table that holds another table, or has a single column, lays out the page rather than
holding figures: its cells are read as the blocks and tables they contain.

The page is parsed whole by libxml2 and then walked; a page of more tags than a report could
hold is refused before it is parsed, so memory stays proportional to a real page. Nesting
deeper than ``Limits.max_nesting`` is refused, not silently cut short.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree  # type: ignore[import-untyped]

from gongkai.annual.findings import SourceRef
from gongkai.annual.parse.document import Document, Row, TextCell
from gongkai.annual.parse.limits import Limits
from gongkai.errors import ReadError, UndecodableTextError, UnsupportedDocumentError

# -- decoding ----------------------------------------------------------------------------------

# Where a declared charset is looked for: pages with long <head>s put <meta> late.
_DECLARATION_WINDOW = 16 * 1024
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
# GB 2312 and GBK pages routinely hold characters only GB18030 (their superset) has.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030"})
# The WHATWG labels of GBK that Python's codec registry does not know.
_GB_LABELS = frozenset(
    {"x-gbk", "gb_2312-80", "gb_2312", "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280"}
)
_SUPERSETS = {"big5": "big5hkscs"}
# Single-byte Western charsets accept any byte, so a mistaken declaration never fails:
# a page that declares one but is valid UTF-8 is UTF-8 (the WHATWG rule).
_ANY_BYTE = frozenset({"iso8859-1", "cp1252", "ascii", "iso8859-15"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SAMPLE = 8192
_UTF16_NUL_SHARE = 0.1  # of the high bytes that are NUL in UTF-16 text with some ASCII in it
# A page saved by a broken CMS may hold a stray NUL byte; binary data holds one in 256.
_MAX_STRAY_NUL_SHARE = 0.001
# A page mostly in one encoding with a few broken bytes (a truncated character at the end of
# a CMS field) is still read; more broken bytes than this share means the guess is wrong.
_MAX_BROKEN_SHARE = 0.001


def decode_html(data: bytes) -> str:
    """The text of a web page: byte-order mark, then the declared charset, then UTF-8, then GB18030.

    The declaration is ``<meta charset>``, ``<meta http-equiv="Content-Type" content="…;
    charset=…">`` or the XML declaration; a declaration the bytes contradict is overruled.
    """
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, bool]:
    """`decode_html`, and whether the text is the bytes as they are read as UTF-8.

    A page that is UTF-8 already is handed to the parser as it came, not encoded again.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), False
            except UnicodeDecodeError as error:
                raise UndecodableTextError(
                    f"网页以 {encoding} 字节顺序标记开头，但内容无法按该编码读取：{error.reason}"
                ) from error
    sample = data[:_BINARY_SAMPLE]
    nuls = sample.count(0)
    if nuls:
        unmarked = _unmarked_utf16(sample)
        if unmarked is not None:
            try:
                return data.decode(unmarked), False
            except UnicodeDecodeError as error:
                raise UndecodableTextError(
                    f"网页似为无字节顺序标记的 UTF-16，但无法读取：{error.reason}"
                ) from error
        if nuls > len(sample) * _MAX_STRAY_NUL_SHARE:
            raise UnsupportedDocumentError("文件含有二进制内容，不是网页", code="binary_content")
        data = data.replace(b"\x00", b"")
    candidates = _candidates(_declared_encoding(data[:_DECLARATION_WINDOW]))
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding == "utf-8" and not nuls
        except UnicodeDecodeError:
            continue
    for encoding in candidates:
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") <= max(1, int(len(text) * _MAX_BROKEN_SHARE)):
            return text, False
    tried = "、".join(dict.fromkeys(candidate.upper() for candidate in candidates))
    raise UndecodableTextError(f"无法识别网页的文字编码（已尝试 {tried}）")


def _declared_encoding(head: bytes) -> str | None:
    """The codec name of the charset the page declares, if Python knows it."""
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _GB_LABELS:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        return None  # bytes without a BOM that reach here are ASCII-compatible, whatever <meta> says
    if name in _GB_FAMILY:
        return "gb18030"
    return _SUPERSETS.get(name, name)


def _candidates(declared: str | None) -> list[str]:
    if declared is None:
        return ["utf-8", "gb18030"]
    if declared in _ANY_BYTE:
        return ["utf-8", declared]
    return list(dict.fromkeys([declared, "utf-8", "gb18030"]))


def _unmarked_utf16(sample: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII markup leaves every other byte NUL."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * _UTF16_NUL_SHARE and even * 4 < odd:
        return "utf-16-le"
    if even > half * _UTF16_NUL_SHARE and odd * 4 < even:
        return "utf-16-be"
    return None


# -- text --------------------------------------------------------------------------------------

_INVISIBLE = str.maketrans({"\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None, "\xa0": " "})
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
# What `normalise_space` rewrites inside a text; a text without any of it needs only stripping.
_REWRITTEN = re.compile("[ \t\n\r\f\xa0\u200b\u200c\u200d\ufeff]")
# Characters between which a source line break is no space: CJK ideographs and punctuation,
# kana, hangul, full-width forms. Word-exported HTML wraps long Chinese lines anywhere.
_WIDE = "\u2e80-\u9fff\ua000-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_WIDE_LINE_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\f]*[\r\n][ \t\r\n\f]*(?=[{_WIDE}])")


def normalise_space(text: str) -> str:
    """Text as a browser shows it: no-break spaces as spaces, each run of spaces as one.

    A line break between two Chinese characters is dropped rather than shown as a space.
    """
    if text.isalnum():  # most cells: a figure or a label without punctuation or spaces
        return text
    if _REWRITTEN.search(text) is None:  # most other cells: a label with punctuation
        return text.strip()
    text = text.translate(_INVISIBLE)
    if "\n" in text or "\r" in text:
        text = _WIDE_LINE_BREAK.sub("", text)
    return _SPACE_RUN.sub(" ", text).strip()


# -- the page as rows --------------------------------------------------------------------------

_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
        "listing", "main", "menu", "ol", "p", "pre", "section", "summary", "ul", "xmp",
        "tbody", "thead", "tfoot", "colgroup", "col",
    }
)  # fmt: skip
_CELLS = ("td", "th")
# What an open element is to the reader; a "leaf" block or cell, and a "row-read", were read
# whole at their start.
_Kind = Literal["table", "tr", "row-read", "cell", "leaf-cell", "block", "leaf", "br", "inline", "unshown"]
_BLOCK: _Kind = "block"
_KINDS: dict[str, _Kind] = {tag: _BLOCK for tag in _BLOCKS}  # noqa: C420 - a typed value
_KINDS.update({"table": "table", "tr": "tr", "td": "cell", "th": "cell", "br": "br"})
_READ_WHOLE = frozenset({"leaf", "leaf-cell", "row-read", "unshown"})
_ROW_KINDS = frozenset({"tr", "row-read"})
_NOTHING_TO_END = frozenset({"inline", "br", "unshown"})
_TABLE_PARTS = frozenset({"tr", "cell"})
_CELL_KINDS = frozenset({"cell", "leaf-cell"})
# Elements that end a line: a block holding none of them is read as one line at once.
_STRUCTURE = (*_BLOCKS, "table", "tr", *_CELLS, "br")
# Never printed: the page head, scripts, form controls, embedded objects, site navigation.
_UNSHOWN_TAGS = (
    "head", "script", "style", "noscript", "template", "nav", "select", "button", "textarea",
    "iframe", "object", "embed", "svg", "math", "canvas", "audio", "video", "map",
)  # fmt: skip
# Pages that could hide an element say so in words; only those are searched element by element.
_MAY_HIDE = ("hidden", "none", "NONE")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# The HTML standard's own ceilings for spans; a report table has a few dozen columns.
_MAX_COLSPAN = 1000
_MAX_ROWSPAN = 65534
_MAX_COLUMNS = 1000
_TO_END = 1 << 30  # rowspan="0": to the end of the table
_DIGITS = re.compile(r"\s*(\d+)")
# libxml2 reading "huge" trees (text nodes over 10 MB: pages with inline images or scripts)
# still stops at this depth, and says so in its error log as a resource limit.
_PARSER_DEPTH = 2048
_RESOURCE_LIMIT = "ERR_RESOURCE_LIMIT"
# A report page has a few thousand tags; the parsed tree costs about 300 bytes an element
# (two tags), so a page with more than this many is refused before it is parsed.
_MAX_TAGS = 2_000_000


# A `SourceRef` is immutable and costs more to make than a cell's text: one is kept for each
# place, shared by every cell (and every page read by the process) at that place. Reports
# repeat their tables' shapes, so a batch of them finds most places made already.
_KEPT_PLACES = 16384


@functools.lru_cache(maxsize=_KEPT_PLACES)
def _cell_source(table: int, row: int, cell: int) -> SourceRef:
    return SourceRef(table=table, row=row, cell=cell)


@functools.lru_cache(maxsize=_KEPT_PLACES)
def _line_source(line: int | None) -> SourceRef:
    return SourceRef(line=line)


class _Cell:
    """A table cell being read: its lines of text (with their source line), and any table inside it.

    Its place is kept as numbers: a `SourceRef` is made only for a cell that ends up in a
    table row, not for the many cells of tables that lay out the page.
    """

    __slots__ = ("column", "content", "row")

    def __init__(self, row: int, column: int, content: list[tuple[str, int | None] | Row]) -> None:
        self.row = row
        self.column = column  # 1-based
        self.content = content

    @property
    def text(self) -> str:
        content = self.content
        if len(content) == 1 and isinstance(content[0], tuple):
            return content[0][0]
        return "\n".join([item[0] for item in content if isinstance(item, tuple)])

    def rows(self) -> list[Row]:
        """What the cell holds as document rows, when its table only lays out the page."""
        return [
            Row((TextCell(item[0], _line_source(item[1])),), is_table_row=False)
            if isinstance(item, tuple)
            else item
            for item in self.content
        ]


@dataclass
class _Table:
    """A table being read: its rows as started cells, and the grid columns rowspans still cover."""

    index: int
    entries: list[Row | list[_Cell]] = field(default_factory=list)  # rows, and text outside cells
    row_count: int = 0
    row: list[_Cell] | None = None
    cell: _Cell | None = None
    covered_until: list[int] = field(default_factory=list)  # per grid column: last row covered
    next_column: int = 0
    has_nested_table: bool = False

    def start_row(self) -> None:
        self.end_row()
        self.row_count += 1
        self.row = []
        self.next_column = 0

    def end_row(self) -> None:
        self.cell = None
        if self.row:
            self.entries.append(self.row)
        self.row = None

    def start_cell(
        self, rowspan: int, colspan: int, content: list[tuple[str, int | None] | Row] | None = None
    ) -> _Cell:
        """A cell at the next grid column its row's earlier rowspans leave free."""
        if self.row is None:
            self.start_row()
        assert self.row is not None
        column = self.next_column
        covered = self.covered_until
        row = self.row_count
        width = len(covered)
        while column < width and covered[column] >= row:
            column += 1
        end = column + colspan
        if end > _MAX_COLUMNS:
            raise ReadError(
                f"网页第 {self.index} 个表格超过 {_MAX_COLUMNS} 列，不是年度报告的表格", code="table_too_wide"
            )
        if end > width:
            covered.extend([0] * (end - width))
        last = row + rowspan - 1 if rowspan else _TO_END
        if colspan == 1:
            covered[column] = last
        else:
            covered[column:end] = [last] * colspan
        self.next_column = end
        cell = _Cell(row, column + 1, [] if content is None else content)
        self.row.append(cell)
        self.cell = cell
        return cell

    @property
    def is_layout(self) -> bool:
        return self.has_nested_table or len(self.covered_until) <= 1

    def rows(self) -> list[Row]:
        """The table as document rows: a row per printed row, or, for a layout table, its contents."""
        rows: list[Row] = []
        layout = self.is_layout
        index = self.index
        for entry in self.entries:
            if isinstance(entry, Row):
                rows.append(entry)
            elif layout:
                for cell in entry:
                    rows.extend(cell.rows())
            else:
                cells = [TextCell(cell.text, _cell_source(index, cell.row, cell.column)) for cell in entry]
                rows.append(Row(tuple(cells), is_table_row=True))
        return rows


class _PageReader:
    """Walks the page in document order, gathering lines into paragraphs, cells and tables.

    One line is gathered at a time (``parts``): every change of place (a cell, a table) is
    also the end of a block, so the line ends before the place changes.
    """

    def __init__(self, limits: Limits, unshown: set[etree._Element]) -> None:
        self.limits = limits
        self.unshown = unshown
        self.rows: list[Row] = []
        self.parts: list[str] = []
        self.line: int | None = None  # source line where the gathered text starts
        self.tables: list[_Table] = []
        self.table_count = 0
        self.row_count = 0
        self.kinds: set[str] = set()
        self.holders: set[etree._Element] = set()

    def walk(self, root: etree._Element) -> None:
        self.holders = _holders(root, self.unshown)
        open_kinds: list[_Kind] = []
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            if event == "start":
                kind = self._start(element)
                open_kinds.append(kind)
                if kind in _READ_WHOLE:
                    walker.skip_subtree()
            else:
                kind = open_kinds.pop()
                if kind not in _NOTHING_TO_END:
                    self._end(kind)
                tail = element.tail
                if tail:  # the parent's text, after this element
                    self._text(tail, element.sourceline)

    def _start(self, element: etree._Element) -> _Kind:
        if element in self.unshown:
            return "unshown"
        tag = element.tag
        kind = _KINDS.get(tag, "inline") if isinstance(tag, str) else "inline"
        if kind == "inline":
            if element.text:
                self._text(element.text, element.sourceline)
            return kind
        self._end_line()
        if kind == "br":
            return kind
        if kind == "table":
            self.table_count += 1
            self.tables.append(_Table(self.table_count))
            return kind
        if not self.tables and kind in _TABLE_PARTS:
            kind = "block"  # a table part outside any table
        if kind == "tr":
            table = self.tables[-1]
            table.start_row()
            return "row-read" if self._read_row(element, table) else kind
        if kind == "cell":
            rowspan = _span(element.get("rowspan"), _MAX_ROWSPAN)
            self.tables[-1].start_cell(rowspan, _span(element.get("colspan"), _MAX_COLSPAN) or 1)
        if element not in self.holders:
            self._text(_text_of(element), element.sourceline)
            return "leaf-cell" if kind == "cell" else "leaf"
        if element.text:
            self._text(element.text, element.sourceline)
        return kind

    def _read_row(self, row: etree._Element, table: _Table) -> bool:
        """Read at once a row whose cells hold only text and paragraphs: most rows of most tables."""
        text = row.text
        if text and not text.isspace():
            return False
        unshown = self.unshown
        holders = self.holders
        cells: list[tuple[etree._Element, list[str]]] = []
        for cell in row:
            tag = cell.tag
            if tag not in _CELLS or cell in unshown:
                return False
            tail = cell.tail
            if tail and not tail.isspace():
                return False
            lines: list[str] = []
            if cell not in holders:
                text = (
                    _tostring(cell, method="text", encoding=str, with_tail=False) if len(cell) else cell.text
                )
                if text and not text.isalnum():
                    text = normalise_space(text)
                if text:
                    lines.append(text)
                cells.append((cell, lines))
                continue
            # A cell of paragraphs: each child a block holding only text.
            text = cell.text
            if text and not text.isspace():
                return False
            for child in cell:
                if child.tag not in _BLOCKS or child in holders or child in unshown:
                    return False
                tail = child.tail
                if tail and not tail.isspace():
                    return False
                text = (
                    _tostring(child, method="text", encoding=str, with_tail=False)
                    if len(child)
                    else child.text
                )
                if text and not text.isalnum():
                    text = normalise_space(text)
                if text:
                    lines.append(text)
            cells.append((cell, lines))
        for cell, lines in cells:
            rowspan = cell.get("rowspan")
            colspan = cell.get("colspan")
            line = cell.sourceline
            table.start_cell(
                1 if rowspan is None else _span(rowspan, _MAX_ROWSPAN),
                1 if colspan is None else _span(colspan, _MAX_COLSPAN) or 1,
                [(text, line) for text in lines],
            )
        table.cell = None
        self._count(len(cells))
        return True

    def _end(self, kind: _Kind) -> None:
        self._end_line()
        if kind == "table":
            self._end_table()
        elif kind in _ROW_KINDS:
            self.tables[-1].end_row()
        elif kind in _CELL_KINDS:
            self.tables[-1].cell = None

    def _text(self, text: str, line: int | None) -> None:
        if self.line is None:
            if text.isspace():
                return  # the indentation of the markup, before anything printed
            self.line = line
        self.parts.append(text)

    def _end_line(self) -> None:
        """End the line being gathered, where it is: in a cell, in a table, or on the page."""
        if not self.parts:
            return
        text = normalise_space("".join(self.parts))
        line = self.line
        self.parts = []
        self.line = None
        if not text:
            return
        self._count(1)
        if not self.tables:
            self.rows.append(Row((TextCell(text, _line_source(line)),), is_table_row=False))
            return
        table = self.tables[-1]
        if table.cell is not None:
            table.cell.content.append((text, line))
        else:
            table.entries.append(Row((TextCell(text, _line_source(line)),), is_table_row=False))

    def _end_table(self) -> None:
        table = self.tables.pop()
        table.end_row()
        self.kinds.add("layout-table" if table.is_layout else "table")
        self._count(sum(1 for entry in table.entries if not isinstance(entry, Row)))
        rows = table.rows()
        if not self.tables:
            self.rows.extend(rows)
            return
        outer = self.tables[-1]
        outer.has_nested_table = True
        if outer.cell is not None:
            outer.cell.content.extend(rows)
        else:
            outer.entries.extend(rows)

    def _count(self, rows: int) -> None:
        self.row_count += rows
        if self.row_count > self.limits.max_rows:
            raise ReadError(f"网页过长（超过 {self.limits.max_rows} 行），无法读取", code="too_many_rows")

    def finish(self) -> Document:
        self._end_line()
        layout = "+".join(sorted(self.kinds)) or "paragraphs"
        return Document(kind="html", layout=layout, rows=tuple(self.rows))


# Serialising as text is done in C: several times faster than joining itertext() or an
# XPath string().
_tostring = etree.tostring


def _text_of(element: etree._Element) -> str:
    """All the text inside an element (not what follows it)."""
    if len(element):
        return str(_tostring(element, method="text", encoding=str, with_tail=False))
    return element.text or ""


def _span(value: str | None, ceiling: int) -> int:
    """A rowspan or colspan as browsers read it: leading digits, 1 when absent or unreadable."""
    if value is None:
        return 1
    match = _DIGITS.match(value)
    if match is None:
        return 1
    return min(int(match.group(1)), ceiling)


def _holders(root: etree._Element, unshown: set[etree._Element]) -> set[etree._Element]:
    """The elements holding a block, table part, line break or something unshown: not read as one line."""
    holders: set[etree._Element] = set()
    for element in (*root.iter(*_STRUCTURE), *unshown):
        parent = element.getparent()
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


def _unshown(root: etree._Element, text: str) -> set[etree._Element]:
    """The elements a browser does not show as part of the page (their tails it does show)."""
    unshown = set(root.iter(*_UNSHOWN_TAGS))
    if any(word in text for word in _MAY_HIDE):
        for element in root.iter():
            style = element.get("style")
            if element.get("hidden") is not None or (style is not None and _DISPLAY_NONE.search(style)):
                unshown.add(element)
    return unshown


def _too_deep(depth: int) -> ReadError:
    return ReadError(f"网页元素嵌套超过 {depth} 层，无法读取", code="too_deep")


def read_html(data: bytes, limits: Limits) -> Document:
    """A web page's paragraphs and table rows in reading order (kind ``html``).

    Table cells carry ``SourceRef(table, row, cell)``: the table's place among the page's
    tables, the row's place in its table and the grid column where the cell starts, all
    1-based; paragraphs carry the source line of their element.
    """
    if len(data) > limits.max_bytes:
        raise ReadError(f"文件过大（{len(data)} 字节），上限为 {limits.max_bytes} 字节", code="too_large")
    text, as_utf8 = _decode(data)
    encoded = data if as_utf8 else text.encode("utf-8")
    tags = encoded.count(b"<")
    if tags > _MAX_TAGS:
        raise ReadError(
            f"网页含有 {tags} 个标记，超过上限 {_MAX_TAGS}，不像一份年度报告", code="too_many_tags"
        )
    parser = etree.HTMLParser(
        encoding="utf-8",
        recover=True,
        huge_tree=True,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(encoded, parser)
    except etree.XMLSyntaxError:
        root = None  # nothing the parser could use
    for error in parser.error_log:
        if error.type_name == _RESOURCE_LIMIT:
            raise _too_deep(min(limits.max_nesting, _PARSER_DEPTH))
    if root is None:
        return Document(kind="html", layout="paragraphs", rows=())
    if root.xpath(f"boolean({'/*' * (limits.max_nesting + 1)})"):
        raise _too_deep(limits.max_nesting)
    reader = _PageReader(limits, _unshown(root, text))
    reader.walk(root)
    return reader.finish()
