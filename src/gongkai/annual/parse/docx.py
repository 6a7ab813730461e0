"""Reading a Word document (DOCX) into a `Document`.

A DOCX is a zip of XML parts; the text is in the main document part (``word/document.xml``).
The zip is checked before anything is unpacked: a file that declares more unpacked bytes
than ``Limits.max_unpacked_bytes``, too many parts, or an absurd compression ratio is refused
as a zip bomb, and the main part is read in chunks that stop at the limit whatever its header
claims. A part of more tags than a report could hold is refused while it is read, so the
parsed tree stays proportional to a real document.

The body is read in order: a paragraph becomes a paragraph row (a line break in it starts a
new one), a table row becomes a table row holding the cells that start in it — a cell
continuing a vertical merge (``w:vMerge``) is left out, a horizontal merge (``w:gridSpan``)
moves the following cells along the grid — as the interpreter expects of every structured
source. Text boxes are read where they are anchored, one branch of each
``mc:AlternateContent`` only (Word stores every text box twice: DrawingML and VML). A table
split across pages is one table, or two consecutive ones whose second repeats the header
rows; either reads as rows in order. Deleted revisions, field codes and hidden text are not
printed and not read. A table holding another table, or having a single column, lays out the
page: its cells are read as the paragraphs and tables they contain.

Provenance: ``SourceRef(table, row, cell)`` for table cells (the table's place among all
tables of the document, the row in its table, the grid column where the cell starts, all
1-based); ``SourceRef(line=n)`` for the n-th paragraph outside tables.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from posixpath import normpath
from typing import Literal

from lxml import etree  # type: ignore[import-untyped]

from gongkai.annual.findings import SourceRef
from gongkai.annual.parse.document import Document, Row, TextCell
from gongkai.annual.parse.limits import Limits
from gongkai.annual.parse.package import check_part_count, check_sizes, part_chunks
from gongkai.errors import ReadError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"  # the end of the main part's relationship type
_DEFAULT_MAIN_PART = "word/document.xml"
_PACKAGE_RELS = "_rels/.rels"
_MAX_RELS_BYTES = 1024 * 1024

_WORD = "Word 文档"

_MAX_SPAN = 1000  # grid columns one cell may span (a report table has a few dozen)
_MAX_COLUMNS = 1000


# Elements the reader acts on, by local name; their namespace is the document's own
# (transitional or strict WordprocessingML).
_READ = (
    "p", "t", "tab", "ptab", "br", "cr", "noBreakHyphen", "tbl", "tr", "tc",
    "gridSpan", "gridBefore", "vMerge", "hMerge", "txbxContent",
)  # fmt: skip
# Never printed: deleted and moved-away revisions, field instructions.
_UNPRINTED = ("del", "moveFrom", "delText", "instrText", "delInstrText")
_IN_RUN = ("t", "tab", "ptab", "br", "cr", "noBreakHyphen")
# What holds runs inside a paragraph besides the paragraph itself (ECMA-376 §17.3.1 content).
_RUN_HOLDERS = (
    "hyperlink", "fldSimple", "sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo", "dir", "bdo",
)  # fmt: skip
_RUN_TEXT = {"tab": "\t", "ptab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}
_FALSE = frozenset({"false", "0", "off"})
_PARSER_DEPTH = 256  # libxml2's own ceiling unless told to read huge trees
# A report's main part has some ten thousand tags; the parsed tree costs about 300 bytes an
# element, so a part with more than this many is refused while it is read.
_MAX_TAGS = 2_000_000


class _Cell:
    """A table cell being read: where it starts, its part in merges, and what it holds."""

    __slots__ = ("column", "content", "continues_merge", "source", "span", "vertical")

    def __init__(self, source: SourceRef, column: int) -> None:
        self.source = source
        self.column = column  # grid column where it starts, 0-based
        self.span = 1
        self.vertical: Literal["none", "start", "continue"] = "none"  # its part in a vertical merge
        self.continues_merge = False  # a legacy horizontal merge (w:hMerge) continued
        self.content: list[str | Row] = []  # its paragraphs, and the rows of tables inside it

    @property
    def text(self) -> str:
        content = self.content
        if len(content) == 1 and isinstance(content[0], str):
            return content[0]
        return "\n".join(item for item in content if isinstance(item, str))

    def rows(self) -> list[Row]:
        """What the cell holds as document rows, when its table only lays out the page."""
        return [
            Row((TextCell(item, self.source),), is_table_row=False) if isinstance(item, str) else item
            for item in self.content
        ]


@dataclass
class _Table:
    index: int
    entries: list[list[_Cell]] = field(default_factory=list)
    row_count: int = 0
    row: list[_Cell] | None = None
    cell: _Cell | None = None
    column: int = 0  # grid column where the next cell starts
    width: int = 0
    has_nested_table: bool = False
    merging: set[int] = field(default_factory=set)  # grid columns where a vertical merge is open

    def start_row(self) -> None:
        self.row_count += 1
        self.row = []
        self.column = 0

    def end_row(self) -> None:
        if self.row:
            self.entries.append(self.row)
        self.row = None
        self.cell = None

    def start_cell(self) -> None:
        if self.row is None:
            self.start_row()
        source = SourceRef(table=self.index, row=self.row_count, cell=self.column + 1)
        self.cell = _Cell(source, self.column)

    def end_cell(self) -> None:
        cell = self.cell
        if cell is None or self.row is None:
            return
        self.column += cell.span
        if self.column > _MAX_COLUMNS:
            raise ReadError(
                f"Word 文档第 {self.index} 个表格超过 {_MAX_COLUMNS} 列，不是年度报告的表格",
                code="table_too_wide",
            )
        self.width = max(self.width, self.column)
        covered = cell.continues_merge
        if cell.vertical == "none":
            self.merging.discard(cell.column)
        elif cell.vertical == "continue" and cell.column in self.merging:
            covered = True
        else:  # a merge starts here, or continues one that nothing above started: Word prints it
            self.merging.add(cell.column)
        if not covered:
            self.row.append(cell)
        self.cell = None

    @property
    def is_layout(self) -> bool:
        return self.has_nested_table or self.width <= 1

    def rows(self) -> list[Row]:
        """The table as document rows: a row per printed row, or, for a layout table, its contents."""
        if self.is_layout:
            return [row for entry in self.entries for cell in entry for row in cell.rows()]
        return [
            Row(tuple(TextCell(cell.text, cell.source) for cell in entry), is_table_row=True)
            for entry in self.entries
        ]


class _BodyReader:
    """Walks the main part's elements that carry text or table structure, in document order.

    A paragraph is read whole where it starts, unless it anchors a text box: then its runs
    are read one by one, and the text box's paragraphs come before the rest of it.
    """

    def __init__(self, limits: Limits, namespace: str, anchors: set[etree._Element]) -> None:
        self.limits = limits
        self.anchors = anchors
        self.names = {f"{{{namespace}}}{name}": name for name in _READ}
        self.run = f"{{{namespace}}}r"
        self.text_tag = f"{{{namespace}}}t"
        self.paragraph_tag = f"{{{namespace}}}p"
        self.cell_properties_tag = f"{{{namespace}}}tcPr"
        self.run_text = {f"{{{namespace}}}{name}": text for name, text in _RUN_TEXT.items()}
        self.run_holders = {f"{{{namespace}}}{name}" for name in _RUN_HOLDERS} | {
            f"{{{_MC}}}AlternateContent",
            f"{{{_MC}}}Choice",
            f"{{{_MC}}}Fallback",
        }
        self.rows: list[Row] = []
        self.paragraphs: list[list[str]] = []  # text of the open paragraphs (text boxes nest them)
        self.paragraph_count = 0
        self.tables: list[_Table] = []
        self.table_count = 0
        self.row_count = 0
        self.kinds: set[str] = set()

    def walk(self, root: etree._Element) -> None:
        walker = etree.iterwalk(root, events=("start", "end"), tag=list(self.names))
        for event, element in walker:
            name = self.names[element.tag]
            if event == "end":
                self._end(name)
            elif name == "tc" and self.tables and self._read_cell(element):
                walker.skip_subtree()
            elif name != "p":
                self._start(name, element)
            else:
                self._start_paragraph(element)
                if element not in self.anchors:
                    self.paragraphs[-1].append(self._paragraph_text(element))
                    walker.skip_subtree()

    def _start_paragraph(self, element: etree._Element) -> None:
        self.paragraphs.append([])
        if not self._in_cell():
            self.paragraph_count += 1

    def _paragraph_text(self, paragraph: etree._Element) -> str:
        pieces: list[str] = []
        self._collect_runs(paragraph, pieces)
        return "".join(pieces)

    def _collect_runs(self, container: etree._Element, pieces: list[str]) -> None:
        text_tag = self.text_tag
        run_text = self.run_text
        for child in container:
            tag = child.tag
            if tag == self.run:
                for part in child:
                    if part.tag == text_tag:
                        pieces.append(part.text or "")
                    elif part.tag in run_text:
                        pieces.append(run_text[part.tag])
            elif tag in self.run_holders:
                self._collect_runs(child, pieces)

    def _start(self, name: str, element: etree._Element) -> None:
        if name in _IN_RUN:
            if self.paragraphs and element.getparent().tag == self.run:
                self.paragraphs[-1].append(element.text or "" if name == "t" else _RUN_TEXT[name])
        elif name == "tbl":
            self.table_count += 1
            if self._in_cell():
                self.tables[-1].has_nested_table = True
            self.tables.append(_Table(self.table_count))
        elif name == "txbxContent":
            self.kinds.add("text-box")
        elif self.tables:
            self._start_table_part(name, element)

    def _start_table_part(self, name: str, element: etree._Element) -> None:
        table = self.tables[-1]
        if name == "tr":
            table.start_row()
        elif name == "tc":
            table.start_cell()
        elif name == "gridBefore":
            if _local(element.getparent().tag) == "trPr":
                table.column += _number(element, 0, _MAX_SPAN)
        elif table.cell is not None and _local(element.getparent().tag) == "tcPr":
            _cell_property(table.cell, name, element)

    def _read_cell(self, cell: etree._Element) -> bool:
        """Read at once a cell holding only paragraphs of text: most cells of most tables."""
        paragraphs = []
        properties: etree._Element | None = None
        for child in cell:
            if child.tag == self.paragraph_tag and child not in self.anchors:
                paragraphs.append(child)
            elif child.tag == self.cell_properties_tag:
                properties = child
            else:
                return False
        table = self.tables[-1]
        table.start_cell()
        started = table.cell
        assert started is not None
        if properties is not None:
            for property_ in properties:
                name = self.names.get(property_.tag)
                if name is not None:
                    _cell_property(started, name, property_)
        for paragraph in paragraphs:
            text = self._paragraph_text(paragraph).replace("\xa0", " ").strip()
            if text:
                started.content.append(text)
        table.end_cell()
        return True

    def _end(self, name: str) -> None:
        if name == "p":
            self._end_paragraph()
        elif name == "tbl":
            self._end_table()
        elif self.tables and name == "tc":
            self.tables[-1].end_cell()
        elif self.tables and name == "tr":
            self.tables[-1].end_row()

    def _in_cell(self) -> bool:
        return bool(self.tables) and self.tables[-1].cell is not None

    def _end_paragraph(self) -> None:
        text = "".join(self.paragraphs.pop()).replace("\xa0", " ").strip()
        if self._in_cell():
            cell = self.tables[-1].cell
            assert cell is not None
            if text:
                cell.content.append(text)
            return
        source = SourceRef(line=self.paragraph_count)
        for line in text.split("\n"):
            if line.strip():
                self._count(1)
                self.rows.append(Row((TextCell(line.strip(), source),), is_table_row=False))

    def _end_table(self) -> None:
        table = self.tables.pop()
        table.end_row()
        self.kinds.add("layout-table" if table.is_layout else "table")
        self._count(len(table.entries))
        rows = table.rows()
        if self._in_cell():
            cell = self.tables[-1].cell
            assert cell is not None
            cell.content.extend(rows)
        else:
            self.rows.extend(rows)

    def _count(self, rows: int) -> None:
        self.row_count += rows
        if self.row_count > self.limits.max_rows:
            raise ReadError(
                f"Word 文档过长（超过 {self.limits.max_rows} 行），无法读取", code="too_many_rows"
            )

    def finish(self) -> Document:
        layout = "+".join(sorted(self.kinds)) or "paragraphs"
        return Document(kind="docx", layout=layout, rows=tuple(self.rows))


def _cell_property(cell: _Cell, name: str, element: etree._Element) -> None:
    """What a cell's property says about its place in the grid: its span, its part in a merge."""
    if name == "gridSpan":
        cell.span = _number(element, 1, _MAX_SPAN) or 1
    elif name == "vMerge":
        cell.vertical = "start" if _value(element) == "restart" else "continue"
    elif name == "hMerge" and _value(element) in (None, "continue"):
        cell.continues_merge = True


def _anchors(root: etree._Element, namespace: str) -> set[etree._Element]:
    """The paragraphs holding a text box (whose own paragraphs are read on their own)."""
    anchors: set[etree._Element] = set()
    paragraph = f"{{{namespace}}}p"
    for box in root.iter(f"{{{namespace}}}txbxContent"):
        anchors.update(box.iterancestors(paragraph))
    return anchors


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _unprinted(root: etree._Element, namespace: str) -> list[etree._Element]:
    """What Word does not print: revisions deleted, field codes, hidden runs, second branches.

    Of each ``mc:AlternateContent`` the first branch is read: Word stores a text box as a
    DrawingML choice and again as a VML fallback.
    """
    unprinted = list(root.iter(*(f"{{{namespace}}}{name}" for name in _UNPRINTED)))
    run_properties = f"{{{namespace}}}rPr"
    run = f"{{{namespace}}}r"
    for vanish in root.iter(f"{{{namespace}}}vanish"):
        properties = vanish.getparent()
        if properties is not None and properties.tag == run_properties and _value(vanish) not in _FALSE:
            owner = properties.getparent()
            if owner is not None and owner.tag == run:
                unprinted.append(owner)
    for branch in root.iter(f"{{{_MC}}}Choice", f"{{{_MC}}}Fallback"):
        if branch.getprevious() is not None:
            unprinted.append(branch)
    return unprinted


def _value(element: etree._Element) -> str | None:
    """The ``w:val`` attribute, in either namespace."""
    value = element.get(f"{{{_W}}}val", element.get(f"{{{_W_STRICT}}}val"))
    return None if value is None else str(value)


def _number(element: etree._Element, default: int, ceiling: int) -> int:
    value = _value(element)
    if value is None or not value.strip().isdigit():
        return default
    return min(int(value), ceiling)


# -- the zip -----------------------------------------------------------------------------------


def _corrupt(detail: str) -> ReadError:
    return ReadError(f"Word 文档已损坏或不完整，无法读取：{detail}", code="corrupt_docx")


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part, as the package relationships name it (``word/document.xml``)."""
    if _PACKAGE_RELS in names:
        data = b"".join(part_chunks(archive, _PACKAGE_RELS, _MAX_RELS_BYTES, _WORD))
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            for relationship in root.iter(f"{{{_RELATIONSHIPS}}}Relationship"):
                if str(relationship.get("Type", "")).endswith(_OFFICE_DOCUMENT):
                    target = normpath(str(relationship.get("Target", "")).lstrip("/"))
                    if target in names:
                        return target
    if _DEFAULT_MAIN_PART in names:
        return _DEFAULT_MAIN_PART
    raise ReadError("这个 zip 文件不是 Word 文档（缺少 word/document.xml）", code="not_docx")


def read_docx(data: bytes, limits: Limits) -> Document:
    """A Word document's paragraphs and table rows in reading order (kind ``docx``)."""
    if len(data) > limits.max_bytes:
        raise ReadError(f"文件过大（{len(data)} 字节），上限为 {limits.max_bytes} 字节", code="too_large")
    check_part_count(data, _WORD, _corrupt("找不到 zip 目录（文件可能被截断）"))
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            check_sizes(archive, limits, _WORD)
            name = _main_part(archive, set(archive.namelist()))
            return _read_body(archive, name, limits)
    except zipfile.BadZipFile as error:
        raise _corrupt(str(error)) from error
    except (EOFError, zlib.error, ValueError, OSError) as error:
        raise _corrupt(f"{type(error).__name__}: {error}") from error
    except NotImplementedError as error:
        raise _corrupt(f"不支持的压缩方式（{error}）") from error
    except RuntimeError as error:  # zipfile's way of saying a part is encrypted
        raise _corrupt(f"部件已加密（{error}）") from error


def _read_body(archive: zipfile.ZipFile, name: str, limits: Limits) -> Document:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    fed = False
    tags = 0
    try:
        for chunk in part_chunks(archive, name, limits.max_unpacked_bytes, _WORD):
            fed = fed or bool(chunk.strip())
            tags += chunk.count(b"<")
            if tags > _MAX_TAGS:
                raise ReadError(
                    f"Word 文档的 {name} 含有超过 {_MAX_TAGS} 个标记，不像一份年度报告", code="too_many_tags"
                )
            parser.feed(chunk)
        if not fed:
            raise _corrupt(f"{name} 为空")
        root = parser.close()
    except etree.XMLSyntaxError as error:
        if error.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in str(error.msg):
            raise _too_deep(min(limits.max_nesting, _PARSER_DEPTH)) from error
        raise _corrupt(f"{name} 不是完整的 XML（{error.msg}）") from error
    if limits.max_nesting < _PARSER_DEPTH and root.xpath(f"boolean({'/*' * (limits.max_nesting + 1)})"):
        raise _too_deep(limits.max_nesting)
    namespace = root.tag[1:].partition("}")[0] if isinstance(root.tag, str) else ""
    if namespace not in (_W, _W_STRICT):
        raise ReadError(f"{name} 不是 Word 文档的正文（根元素为 {root.tag}）", code="not_docx")
    for element in _unprinted(root, namespace):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    reader = _BodyReader(limits, namespace, _anchors(root, namespace))
    reader.walk(root)
    return reader.finish()


def _too_deep(depth: int) -> ReadError:
    return ReadError(f"Word 文档的元素嵌套超过 {depth} 层，无法读取", code="too_deep")
