"""Reading a PDF with a text layer: characters and ruling lines from PDFium, rows from their geometry.

PDFium (through pypdfium2) gives each character with its box and each path with its
segments; `gongkai.annual.parse.pdflayout` turns them into tables and lines. A table that
runs over a page break continues on the next page (a repeated header is read as rows again,
which the interpreter ignores); a paragraph broken over a page break is joined again.

A scanned PDF has no text layer: it is read as a document without rows and a `PDF-NO-TEXT`
note, not guessed at. Encrypted and oversized documents are refused with a `ReadError`
before any page is read, malformed ones as soon as PDFium fails on them.
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import pairwise

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding, SourceRef
from gongkai.annual.parse.document import Document, Row, TextCell
from gongkai.annual.parse.interpret import is_page_number
from gongkai.annual.parse.limits import Limits
from gongkai.annual.parse.pdflayout import (
    SNAP,
    Block,
    Glyph,
    Line,
    Margins,
    PageContent,
    Ruling,
    TableBlock,
    TextBlock,
    join_lines,
    page_blocks,
    same_size,
)
from gongkai.errors import ReadError

# A straight path segment whose ends differ by at most this across its direction is a ruling.
_STRAIGHT = 1.0
# A filled rectangle at most this thick is a line drawn as a rectangle; a wider one is a
# cell or paragraph background, which says nothing about where cells end.
_THIN_FILL = 2.5
# A rectangle covering this much of the page's width and height is a page frame or background.
_FRAME = 0.8
# A character box higher than this (points) is not believed; text in reports is under 30 pt.
_SUSPECT_HEIGHT = 30.0
_RECTANGLE = 5  # path segments of a rectangle: move, three lines and a closing line
_MAX_FORM_DEPTH = 8  # form XObjects nest; deeper nesting is not followed
_WHITESPACE = frozenset(range(33)) | {0x85, 0xA0, *range(0x2000, 0x200C), 0x3000, 0xFEFF, 0xFFFE, 0xFFFF}
_SPACES = frozenset({0x20, 0xA0, *range(0x2000, 0x200B), 0x3000})  # printed spaces, as opposed to line ends


def read_pdf(data: bytes, limits: Limits) -> Document:
    """The printed rows of a PDF's text layer: ruled tables cell by cell, other text by paragraph.

    Raises `ReadError` (``encrypted_pdf``, ``corrupt_pdf``, ``too_many_pages``) for a
    document that cannot be read within ``limits``.
    """
    pages: list[PageContent] = []
    images_only: list[int] = []
    document = _open(data)
    try:
        count = len(document)
        if count > limits.max_pages:
            raise ReadError(
                f"PDF 页数过多（{count} 页），上限为 {limits.max_pages} 页", code="too_many_pages"
            )
        for index in range(count):
            content, has_image = _read_page(document, index)
            pages.append(content)
            if not content.glyphs and has_image:
                images_only.append(content.number)
    finally:
        document.close()
    notes = _notes(pages, images_only)
    if not any(page.glyphs for page in pages):
        return Document("pdf", "pdf-no-text", (), notes)
    assembler = _Assembler()
    rows = assembler.read(pages)
    layout = "pdf-ruled-tables" if assembler.ruled else "pdf-text-lines"
    return Document("pdf", layout, tuple(rows), notes)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ReadError(
                "该 PDF 已加密（设有密码），无法读取；请提供未加密的版本", code="encrypted_pdf"
            ) from None
        raise ReadError("PDF 文件已损坏或不完整，无法读取", code="corrupt_pdf") from None


def _notes(pages: list[PageContent], images_only: list[int]) -> tuple[Finding, ...]:
    if not any(page.glyphs for page in pages):
        message = "该 PDF 没有文字层（可能是扫描件），无法读取数据；请提供可复制文字的版本"
        return (finding(ReaderCode.PDF_NO_TEXT, "", message, actual=len(pages)),)
    return tuple(
        finding(
            ReaderCode.PDF_PAGE_NO_TEXT,
            "",
            f"PDF 第 {number} 页只有图像、没有文字层（可能是扫描页），该页内容未读取",
            source=SourceRef(page=number),
        )
        for number in images_only
    )


# PDFium → glyphs and rulings.


def _read_page(document: pdfium.PdfDocument, index: int) -> tuple[PageContent, bool]:
    """One page's characters and rulings, in top-down coordinates of the page as shown.

    PDFium's page and text page are opened and closed here, through the raw API: the
    helper objects cost a third of the reading time of a typical report.
    """
    page = pdfium_c.FPDF_LoadPage(document.raw, index)
    if not page:
        raise ReadError(f"PDF 第 {index + 1} 页已损坏，无法读取", code="corrupt_pdf")
    try:
        view = _View.of(page)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise ReadError(f"PDF 第 {index + 1} 页的文字无法读取", code="corrupt_pdf")
        try:
            glyphs = _glyphs(textpage, view)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
        rulings: list[Ruling] = []
        has_image = _walk(page, view, rulings)
    finally:
        pdfium_c.FPDF_ClosePage(page)
    content = PageContent(index + 1, view.width, view.height, glyphs, tuple(rulings))
    return content, has_image


@dataclass(frozen=True, slots=True)
class _View:
    """From PDF user space (y up, origin anywhere) to the page as displayed (y down, rotated)."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int  # clockwise quarter turns: 0 to 3

    @classmethod
    def of(cls, page: object) -> _View:
        box = pdfium_c.FS_RECTF()
        if not pdfium_c.FPDF_GetPageBoundingBox(page, box):
            box.left, box.bottom = 0.0, 0.0
            box.right, box.top = pdfium_c.FPDF_GetPageWidthF(page), pdfium_c.FPDF_GetPageHeightF(page)
        rotation = pdfium_c.FPDFPage_GetRotation(page)
        return cls(box.left, box.bottom, box.right, box.top, rotation if 0 <= rotation <= 3 else 0)

    @property
    def width(self) -> float:
        return self.right - self.left if self.rotation % 2 == 0 else self.top - self.bottom

    @property
    def height(self) -> float:
        return self.top - self.bottom if self.rotation % 2 == 0 else self.right - self.left

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, self.top - y  # unrotated, y down
        if self.rotation == 1:
            return self.top - self.bottom - y, x
        if self.rotation == 2:
            return self.right - self.left - x, self.top - self.bottom - y
        if self.rotation == 3:
            return y, self.right - self.left - x
        return x, y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """``(left, top, right, bottom)`` as displayed."""
        x0, y0 = self.point(left, bottom)
        x1, y1 = self.point(right, top)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


_Box = tuple[int, float, float, float, float, bool]  # code, left, bottom, right, top, spaced


def _glyphs(textpage: object, view: _View) -> tuple[Glyph, ...]:
    """The page's printed characters.

    Spaces are not characters here: a space printed in the PDF marks the character after
    it, and `Line` also sees one in a wide gap. PDFium's own guessed spaces are ignored.
    """
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    rect = pdfium_c.FS_RECTF()
    tight = tuple(ctypes.c_double() for _ in range(4))  # left, right, bottom, top
    boxes: list[_Box] = []
    spaced = False
    for index in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = get_unicode(textpage, index)
        if code in _WHITESPACE:
            spaced = spaced or (code in _SPACES and not pdfium_c.FPDFText_IsGenerated(textpage, index))
            continue
        if not get_box(textpage, index, rect):
            continue
        if rect.top - rect.bottom <= _SUSPECT_HEIGHT:
            boxes.append((code, rect.left, rect.bottom, rect.right, rect.top, spaced))
        elif pdfium_c.FPDFText_GetCharBox(textpage, index, *tight):
            # Some producers' font matrices give a loose box hundreds of points high; the
            # tight box (the glyph's ink) is then the better guess.
            left, right, bottom, top = (value.value for value in tight)
            boxes.append((code, left, bottom, right, top, spaced))
        spaced = False
    if any(0xD800 <= box[0] < 0xE000 for box in boxes):
        boxes = _astral(boxes)
    if any(_is_compatibility(box[0]) for box in boxes):
        boxes = [(_ordinary(box[0]), *box[1:]) if _is_compatibility(box[0]) else box for box in boxes]
    make = Glyph.of
    if view.rotation == 0:  # the common case, without the general transformation
        x, y = view.left, view.top
        return tuple(
            make(chr(code), left - x, y - top, right - x, y - bottom, spaced)
            for code, left, bottom, right, top, spaced in boxes
            if top > bottom
        )
    glyphs = (
        make(chr(code), *view.box(left, bottom, right, top), spaced)
        for code, left, bottom, right, top, spaced in boxes
    )
    return tuple(glyph for glyph in glyphs if glyph.bottom > glyph.top)


def _is_compatibility(code: int) -> bool:
    """Kangxi radicals and compatibility ideographs, which some producers' fonts map Chinese
    characters to (⼀ U+2F00 for 一, ⼈ U+2F08 for 人): they print the same but compare unequal."""
    return 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF


def _ordinary(code: int) -> int:
    normal = unicodedata.normalize("NFKC", chr(code))
    return ord(normal) if len(normal) == 1 else code


def _astral(boxes: list[_Box]) -> list[_Box]:
    """Characters beyond the BMP (rare Chinese names), which PDFium gives as two UTF-16 halves."""
    joined: list[_Box] = []
    high: _Box | None = None
    for box in boxes:
        code = box[0]
        if 0xD800 <= code < 0xDC00:
            high = box
            continue
        if 0xDC00 <= code < 0xE000:
            if high is not None:
                joined.append(
                    (
                        0x10000 + ((high[0] - 0xD800) << 10) + (code - 0xDC00),
                        min(box[1], high[1]),
                        min(box[2], high[2]),
                        max(box[3], high[3]),
                        max(box[4], high[4]),
                        high[5],
                    )
                )
        else:
            joined.append(box)
        high = None
    return joined


def _walk(page: object, view: _View, rulings: list[Ruling]) -> bool:
    """Collect the rulings drawn on the page (forms followed); whether it shows an image."""
    get_object, get_type = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
    text, path, form, image = (
        pdfium_c.FPDF_PAGEOBJ_TEXT,
        pdfium_c.FPDF_PAGEOBJ_PATH,
        pdfium_c.FPDF_PAGEOBJ_FORM,
        pdfium_c.FPDF_PAGEOBJ_IMAGE,
    )
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[tuple[object, int, Matrix, int]] = []
    has_image = False
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = get_object(page, index)
        kind = get_type(obj)
        if kind != text:  # most objects are text: skipped first
            stack.append((obj, kind, identity, 0))
    matrix = pdfium_c.FS_MATRIX()
    while stack:
        obj, kind, outer, depth = stack.pop()
        if kind == image:
            has_image = True
            continue
        if kind == path and depth == 0 and _line_by_bounds(obj, view, rulings):
            continue
        if kind not in (path, form) or not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        own = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == path:
            _path_rulings(obj, own, view, rulings)
        elif depth < _MAX_FORM_DEPTH:
            for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                child = pdfium_c.FPDFFormObj_GetObject(obj, index)
                stack.append((child, get_type(child), own, depth + 1))
    return has_image


Matrix = tuple[float, float, float, float, float, float]


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying ``inner`` first, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _drawn(obj: object) -> tuple[bool, bool]:
    """Whether a path is painted at all, and whether it is stroked (else only filled)."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
        return False, False
    stroked = bool(stroke.value)
    # Neither stroked nor filled: a clipping path or an invisible one.
    return stroked or fill.value != pdfium_c.FPDF_FILLMODE_NONE, stroked


def _line_by_bounds(obj: object, view: _View, rulings: list[Ruling]) -> bool:
    """A path on the page whose bounds are a thin bar is one ruling, whatever its segments.

    The quick way for the common case, a border drawn as one line or one thin rectangle
    (bounds are in page space only for paths directly on the page, not inside forms).
    Whether the path was dealt with.
    """
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return False
    x0, y0, x1, y1 = view.box(left.value, bottom.value, right.value, top.value)
    width, height = x1 - x0, y1 - y0
    if min(width, height) > _THIN_FILL:
        drawn, stroked = _drawn(obj)
        # A single filled rectangle wider than a line is a cell or page background, not a border.
        return not drawn or (not stroked and pdfium_c.FPDFPath_CountSegments(obj) <= _RECTANGLE)
    if max(width, height) >= SNAP and _drawn(obj)[0]:
        if width >= height:
            rulings.append(Ruling(True, (y0 + y1) / 2, x0, x1))
        else:
            rulings.append(Ruling(False, (x0 + x1) / 2, y0, y1))
    return True


def _path_rulings(obj: object, matrix: Matrix, view: _View, rulings: list[Ruling]) -> None:
    drawn, stroked = _drawn(obj)
    if not drawn:
        return
    a, b, c, d, e, f = matrix
    x = ctypes.c_float()
    y = ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    straight = True  # every segment of the current subpath is a straight line
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            return
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        point = view.point(x.value * a + y.value * c + e, x.value * b + y.value * d + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
            straight = True
        else:
            straight = straight and kind == pdfium_c.FPDF_SEGMENT_LINETO
            subpaths[-1].append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and straight:
            subpaths[-1].append(subpaths[-1][0])
    for points in subpaths:
        _subpath_rulings(points, stroked, view, rulings)


def _subpath_rulings(
    points: list[tuple[float, float]], stroked: bool, view: _View, rulings: list[Ruling]
) -> None:
    xs = [point[0] for point in points]
    ys = [point[1] for point in points]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if width >= _FRAME * view.width and height >= _FRAME * view.height:
        return
    if not stroked:
        if min(width, height) > _THIN_FILL or max(width, height) < SNAP:
            return
        if width >= height:
            rulings.append(Ruling(True, (min(ys) + max(ys)) / 2, min(xs), max(xs)))
        else:
            rulings.append(Ruling(False, (min(xs) + max(xs)) / 2, min(ys), max(ys)))
        return
    for (x0, y0), (x1, y1) in pairwise(points):
        if abs(y1 - y0) <= _STRAIGHT and abs(x1 - x0) >= SNAP:
            rulings.append(Ruling(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= _STRAIGHT and abs(y1 - y0) >= SNAP:
            rulings.append(Ruling(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


# Blocks → rows.

_LINES_FOR_MARGINS = 6


def _running_lines(blocks: list[Block]) -> list[Line]:
    return [block.line for block in blocks if isinstance(block, TextBlock) and len(block.cells) == 1]


@dataclass
class _Paragraph:
    lines: list[Line]
    source: SourceRef
    margins: Margins  # of the page its last line is on

    def row(self) -> Row:
        text = join_lines([line.text for line in self.lines])
        return Row((TextCell(text, self.source),), is_table_row=False)


@dataclass
class _Assembler:
    """The document's rows page after page, tables and paragraphs continued over page breaks.

    Tables are numbered through the document; a table continued on the next page keeps its
    number and its row count. A page number line (``- 3 -``) stays in the rows but does not
    interrupt what runs over the break.
    """

    out: list[Row | _Paragraph] = field(default_factory=list)
    tables: int = 0
    table_rows: int = 0
    last: TableBlock | _Paragraph | None = None  # the last block read, page numbers aside
    last_page: int = 0  # the page it is on
    ruled: bool = False

    def read(self, pages: list[PageContent]) -> list[Row]:
        laid_out = [(page, page_blocks(page)) for page in pages]
        running = {page.number: _running_lines(blocks) for page, blocks in laid_out}
        everywhere = [line for lines in running.values() for line in lines]
        for page, blocks in laid_out:
            # A page with a few lines of text does not show where its margins are.
            lines = running[page.number]
            margins = Margins.of(lines if len(lines) >= _LINES_FOR_MARGINS else everywhere, page.width)
            first = True
            line_number = 0
            for block in blocks:
                if isinstance(block, TableBlock):
                    self._table(block, page.number, first)
                    first = False
                    continue
                line_number += 1
                if self._text(block, SourceRef(page=page.number, line=line_number), margins, first):
                    first = False
        return [item if isinstance(item, Row) else item.row() for item in self.out]

    def _table(self, block: TableBlock, page: int, first: bool) -> None:
        self.ruled = True
        previous = self.last
        continued = (
            first
            and isinstance(previous, TableBlock)
            and self.last_page == page - 1
            and abs(previous.left - block.left) <= 2 * SNAP
            and abs(previous.right - block.right) <= 2 * SNAP
        )
        if not continued:
            self.tables += 1
            self.table_rows = 0
        table = self.tables
        for cells in block.rows:
            self.table_rows += 1
            row = self.table_rows
            self.out.append(
                Row(
                    tuple(
                        TextCell(cell.text, SourceRef(page=page, table=table, row=row, cell=cell.col + 1))
                        for cell in cells
                    ),
                    is_table_row=True,
                )
            )
        self.last, self.last_page = block, page

    def _text(self, block: TextBlock, source: SourceRef, margins: Margins, first: bool) -> bool:
        """Add a line of text; whether it counts as content (a page number does not)."""
        page = source.page or 0
        if len(block.cells) > 1:  # a row of a table drawn without rulings
            self.out.append(
                Row(
                    tuple(
                        TextCell(cell.text, replace(source, cell=n)) for n, cell in enumerate(block.cells, 1)
                    ),
                    True,
                )
            )
            self.last = None
            return True
        line = block.line
        row = Row((TextCell(line.text, source),), is_table_row=False)
        if is_page_number(row):
            self.out.append(row)
            return False
        previous = self.last
        if isinstance(previous, _Paragraph) and self._continues(previous, line, page, margins, first):
            previous.lines.append(line)
            previous.margins = margins
        else:
            previous = _Paragraph([line], source, margins)
            self.out.append(previous)
        self.last, self.last_page = previous, page
        return True

    def _continues(self, paragraph: _Paragraph, line: Line, page: int, margins: Margins, first: bool) -> bool:
        last = paragraph.lines[-1]
        if not first:
            return margins.continues(last, line)
        # The first line of a page may carry on the last line of the page before.
        return (
            self.last_page == page - 1
            and paragraph.margins.ends_full(last, line)
            and margins.starts_flush(line)
            and same_size(last, line)
        )
