"""A PDF page's printed rows, from the positions of its characters and ruling lines.

Pure geometry, independent of the PDF library: `gongkai.annual.parse.pdf` extracts `Glyph`s
and `Ruling`s from each page, this module finds the ruled tables and the lines of text in
them and around them. Coordinates are PDF points measured from the page's top-left corner,
``y`` growing downwards, as the page is seen (its /Rotate applied).

A table is a connected set of horizontal and vertical rulings; its cells are the areas the
rulings enclose, so a cell merged over several rows or columns (a vertical group label such
as 三、本年度办理结果 printed one character per line) is one cell. Following the reader
convention (`gongkai.annual.parse.document`), a table row holds the cells that start in it,
left to right; a cell merged down from the row above is not repeated.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

# Distances in PDF points (1/72 inch).
SNAP = 3.0  # rulings closer than this are one line (double borders, cell fills 0.2 pt apart)
TOUCH = 2.0  # a ruling this close to another still meets it
MIN_TABLE_SIDE = 6.0  # a ruled box smaller than this holds no text
# Distances relative to the size of a line's type (its em: the width of a Chinese character).
SPACE_GAP = 0.3  # a gap this wide between two characters is a space
CELL_GAP = 2.0  # ... and this wide, outside ruled tables, separates two cells of an unruled table
OVERPRINT = 0.5  # the same character again within this part of its width is printed over itself
SAME_LINE = 0.5  # characters whose middles differ by less than this part of their height share a line
PARAGRAPH_PITCH = 2.8  # the next line of a paragraph lies at most this far below the last
LINE_FULL = 1.5  # a line ending this close to the right edge of the text continues below
OVERFLOW_GAP = 0.8  # text this close under a table cut by a page break is a cell's overflow
TEXT_BLOCK = 0.5  # running text spans at least this part of the page's width
INDENT = 0.5  # a line starting further right than this from the left edge is indented
SAME_SIZE = 0.15  # relative difference of type sizes within one paragraph

_LATIN = re.compile(r"[A-Za-z]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
# Line-breaking rules of Chinese typesetting (避头尾); quotation marks bind on both sides,
# as line breakers that follow Unicode's rules (UAX #14, class QU) treat them.
_QUOTES = "“”‘’\"'"
_NO_LINE_START = frozenset("、，。；：！？）》」』】〕〉,.;:!?)]}%…—～·" + _QUOTES)
_NO_LINE_END = frozenset("（《「『【〔〈([{" + _QUOTES)


class Glyph(NamedTuple):
    """One printed character and its box (loose: the font's full height).

    A named tuple: a page has thousands, and they are made and read in the reader's
    innermost loops.
    """

    text: str
    left: float
    top: float
    right: float
    bottom: float
    middle: float  # (top + bottom) / 2, the height at which lines are told apart
    wide: bool  # a Chinese character or full-width sign, set in the paragraph's own font
    spaced: bool  # a space is printed before it

    @classmethod
    def of(
        cls, text: str, left: float, top: float, right: float, bottom: float, spaced: bool = False
    ) -> Glyph:
        wide = "\u3000" <= text <= "\u9fff" or "\uff00" <= text <= "\uffef"
        return cls(text, left, top, right, bottom, (top + bottom) / 2, wide, spaced)


_LEFT = itemgetter(Glyph._fields.index("left"))
_MIDDLE = itemgetter(Glyph._fields.index("middle"))


@dataclass(frozen=True, slots=True)
class Ruling:
    """A straight horizontal or vertical line drawn on the page: a table border."""

    horizontal: bool
    at: float  # y of a horizontal line, x of a vertical one
    start: float  # where it begins along its own direction
    end: float


@dataclass(frozen=True, slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    rulings: tuple[Ruling, ...]


@dataclass(frozen=True, slots=True)
class Line:
    """Characters on one baseline, left to right."""

    glyphs: tuple[Glyph, ...]
    left: float
    right: float
    top: float
    # The size of the line's type: the width of its Chinese characters where it has any. A
    # Chinese character is one em wide whatever its font, while the height of a box depends
    # on the font (bold, or digits set in a Latin font, have taller boxes).
    size: float
    middle: float

    @classmethod
    def of(cls, glyphs: Sequence[Glyph]) -> Line:
        ordered = _without_overprints(sorted(glyphs, key=_LEFT))
        wide = [glyph for glyph in ordered if glyph.wide]
        if wide:
            size = _median([glyph.right - glyph.left for glyph in wide])
        else:
            size = _median([glyph.bottom - glyph.top for glyph in ordered])
        return cls(
            ordered,
            ordered[0].left,
            max(glyph.right for glyph in ordered),
            min(glyph.top for glyph in ordered),
            size,
            _median([glyph.middle for glyph in wide or ordered]),
        )

    @property
    def opening(self) -> float:
        """The width of what the line starts with that could not have been broken: a Latin
        word or number, or a character with the punctuation that may not be parted from it
        (no line starts with ，or ”, none ends with （ or “)."""
        glyphs = self.glyphs
        end = 1
        if _LATIN_OR_DIGIT.match(glyphs[0].text):
            while end < len(glyphs) and _LATIN_OR_DIGIT.match(glyphs[end].text):
                end += 1
        else:
            while end < len(glyphs) and (
                glyphs[end - 1].text in _NO_LINE_END or glyphs[end].text in _NO_LINE_START
            ):
                end += 1
        return glyphs[end - 1].right - glyphs[0].left

    def segments(self, gap: float) -> list[Line]:
        """The line cut wherever two characters are further apart than ``gap`` × its height."""
        limit = gap * self.size
        pieces: list[list[Glyph]] = [[self.glyphs[0]]]
        for before, glyph in pairwise(self.glyphs):
            if glyph.left - before.right > limit:
                pieces.append([])
            pieces[-1].append(glyph)
        return [Line.of(piece) for piece in pieces]

    @property
    def text(self) -> str:
        limit = SPACE_GAP * self.size
        parts = [self.glyphs[0].text]
        for before, glyph in pairwise(self.glyphs):
            if glyph.spaced or glyph.left - before.right > limit:
                parts.append(" ")
            parts.append(glyph.text)
        return "".join(parts)


@dataclass(frozen=True, slots=True)
class TableCell:
    """A cell of a ruled table: the grid rows and columns it covers and its text."""

    row: int
    col: int
    last_row: int
    last_col: int
    text: str


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A ruled table as printed on one page."""

    left: float
    top: float
    right: float
    bottom: float
    rows: tuple[tuple[TableCell, ...], ...]  # per grid row, the cells that start in it


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A line of text outside ruled tables, cut into cells where it has wide gaps."""

    line: Line
    cells: tuple[Line, ...]

    @property
    def top(self) -> float:
        return self.line.top


Block = TableBlock | TextBlock


def page_blocks(page: PageContent) -> list[Block]:
    """The page's tables and lines of text, top to bottom."""
    tables = [_Grid(group) for group in _ruled_groups(page.rulings)]
    tables = [table for table in tables if table.usable]
    loose: Sequence[Glyph] = page.glyphs
    for table in tables:
        loose = table.claim(loose)
    lines = text_lines(loose)
    for table in tables:
        lines = table.take_overflow(lines)
    blocks: list[Block] = [table.block() for table in tables]
    blocks.extend(_unruled_rows(lines))
    blocks.sort(key=lambda block: block.top)
    return blocks


def _unruled_rows(lines: list[Line]) -> list[TextBlock]:
    """Lines of text, cut into cells where they are rows of a table printed without rulings.

    A line with three or more pieces apart is such a row; one of two pieces only next to
    another such line: a justified line with a single space stretched wide is not.
    """
    pieces = [line.segments(CELL_GAP) for line in lines]
    blocks = []
    for index, line in enumerate(lines):
        cells = pieces[index]
        if len(cells) == 2:
            beside = [
                pieces[other]
                for other in (index - 1, index + 1)
                if 0 <= other < len(lines)
                and abs(lines[other].middle - line.middle) <= PARAGRAPH_PITCH * line.size
            ]
            if not any(len(other) >= 2 for other in beside):
                cells = [line]
        blocks.append(TextBlock(line, tuple(cells) if len(cells) > 1 else (line,)))
    return blocks


def _without_overprints(glyphs: list[Glyph]) -> tuple[Glyph, ...]:
    """Characters printed again over themselves, a little shifted (a fake bold), kept once."""
    kept = [glyphs[0]]
    for glyph in glyphs[1:]:
        last = kept[-1]
        if glyph.text == last.text and glyph.left - last.left <= OVERPRINT * (last.right - last.left):
            continue
        kept.append(glyph)
    return tuple(kept)


def text_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    """Characters grouped into lines by their vertical centres, top to bottom."""
    lines: list[list[Glyph]] = []
    middle = height = 0.0
    for glyph in sorted(glyphs, key=_MIDDLE):
        if lines and glyph.middle - middle <= SAME_LINE * max(glyph.bottom - glyph.top, height):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
            middle, height = glyph.middle, glyph.bottom - glyph.top
    return [Line.of(line) for line in lines]


def cell_text(lines: Sequence[Line]) -> str:
    """The text of a cell: its lines joined; a Latin word or number broken over lines is rejoined."""
    return join_lines([line.text for line in lines])


def join_lines(texts: Sequence[str]) -> str:
    """Lines of one paragraph or cell as one string.

    Chinese lines join directly, and so do the pieces of a number broken in a narrow cell;
    Latin words broken at a space get it back.
    """
    joined = ""
    for line in texts:
        text = line.strip()
        if joined and text and _LATIN.match(joined[-1]) and _LATIN.match(text[0]):
            joined += " "
        joined += text
    return joined


@dataclass(frozen=True, slots=True)
class Margins:
    """The left and right edges of a page's running text."""

    left: float
    right: float
    page_width: float

    @classmethod
    def of(cls, lines: Sequence[Line], page_width: float) -> Margins:
        if not lines:
            return cls(0.0, 0.0, page_width)
        return cls(min(line.left for line in lines), max(line.right for line in lines), page_width)

    def ends_full(self, line: Line, following: Line) -> bool:
        """Whether ``line`` ends where it does because the start of ``following`` did not fit.

        Where a page holds only a few short lines, their edges are no text block: none is full.
        """
        return (
            line.right + following.opening >= self.right - LINE_FULL * line.size
            and line.right - self.left >= TEXT_BLOCK * self.page_width
        )

    def starts_flush(self, line: Line) -> bool:
        return line.left <= self.left + INDENT * line.size

    def continues(self, line: Line, following: Line) -> bool:
        """Whether ``following`` carries on the paragraph that ``line`` belongs to.

        A paragraph's lines run to the right edge; the next paragraph starts indented, after
        a wider gap, or in another size (a heading).
        """
        size = line.size
        return (
            self.ends_full(line, following)
            and self.starts_flush(following)
            and 0 < following.middle - line.middle <= PARAGRAPH_PITCH * size
            and same_size(line, following)
        )


def same_size(line: Line, other: Line) -> bool:
    return abs(other.size - line.size) <= SAME_SIZE * line.size


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


# Rulings → tables.


def _ruled_groups(rulings: Sequence[Ruling]) -> list[list[Ruling]]:
    """Rulings merged into lines and grouped by which ones meet: one group per table."""
    lines = _merged(r for r in rulings if r.horizontal) + _merged(r for r in rulings if not r.horizontal)
    parent = list(range(len(lines)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    horizontal = [i for i, line in enumerate(lines) if line.horizontal]
    vertical = [i for i, line in enumerate(lines) if not line.horizontal]
    for h in horizontal:
        for v in vertical:
            if _meet(lines[h], lines[v]):
                parent[root(h)] = root(v)
    groups: dict[int, list[Ruling]] = {}
    for index, line in enumerate(lines):
        groups.setdefault(root(index), []).append(line)
    return list(groups.values())


def _meet(h: Ruling, v: Ruling) -> bool:
    return h.start - TOUCH <= v.at <= h.end + TOUCH and v.start - TOUCH <= h.at <= v.end + TOUCH


def _merged(rulings: Iterable[Ruling]) -> list[Ruling]:
    """Collinear pieces joined: a border drawn cell by cell becomes one line."""
    merged: list[Ruling] = []
    for ruling in sorted(rulings, key=lambda r: (round(r.at / SNAP), r.start)):
        last = merged[-1] if merged else None
        if last is not None and abs(last.at - ruling.at) <= SNAP and ruling.start <= last.end + TOUCH:
            merged[-1] = Ruling(last.horizontal, last.at, last.start, max(last.end, ruling.end))
        else:
            merged.append(ruling)
    return merged


def _positions(values: Iterable[float]) -> list[float]:
    """Coordinates closer than `SNAP` taken as one (their first)."""
    positions: list[float] = []
    for value in sorted(values):
        if not positions or value - positions[-1] > SNAP:
            positions.append(value)
    return positions


@dataclass
class _Grid:
    """A table's grid: the cuts between rows and columns, and which grid squares form one cell."""

    rulings: list[Ruling]
    xs: list[float] = field(init=False)
    ys: list[float] = field(init=False)
    owner: list[int] = field(init=False)  # per grid square (row * n_cols + col), its cell's index
    glyphs: dict[int, list[Glyph]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        horizontal = [r for r in self.rulings if r.horizontal]
        vertical = [r for r in self.rulings if not r.horizontal]
        self.xs, self.ys, self.owner = [], [], []
        if len(horizontal) < 2 or len(vertical) < 2:
            return
        # The group's outline closes the table where a border is missing (open sides).
        # A table broken by a page has no bottom border: its column lines still show where it ends.
        left = min(*(r.at for r in vertical), *(r.start for r in horizontal))
        right = max(*(r.at for r in vertical), *(r.end for r in horizontal))
        top = min(*(r.at for r in horizontal), *(r.start for r in vertical))
        bottom = max(*(r.at for r in horizontal), *(r.end for r in vertical))
        self.xs = _positions([left, right, *(r.at for r in vertical if left < r.at < right)])
        self.ys = _positions([top, bottom, *(r.at for r in horizontal if top < r.at < bottom)])
        self.owner = self._cells(horizontal, vertical)

    @property
    def usable(self) -> bool:
        return (
            len(self.xs) >= 2
            and len(self.ys) >= 2
            and self.xs[-1] - self.xs[0] >= MIN_TABLE_SIDE
            and self.ys[-1] - self.ys[0] >= MIN_TABLE_SIDE
        )

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    def _cells(self, horizontal: list[Ruling], vertical: list[Ruling]) -> list[int]:
        """Union of neighbouring grid squares that no ruling separates."""
        n_rows, n_cols = len(self.ys) - 1, len(self.xs) - 1
        parent = list(range(n_rows * n_cols))

        def root(index: int) -> int:
            while parent[index] != index:
                parent[index] = parent[parent[index]]
                index = parent[index]
            return index

        at_x = _by_position(vertical, self.xs)
        at_y = _by_position(horizontal, self.ys)
        for row in range(n_rows):
            middle = (self.ys[row] + self.ys[row + 1]) / 2
            for col in range(n_cols - 1):
                if not _crosses(at_x[col + 1], middle):
                    parent[root(row * n_cols + col + 1)] = root(row * n_cols + col)
        for col in range(n_cols):
            middle = (self.xs[col] + self.xs[col + 1]) / 2
            for row in range(n_rows - 1):
                if not _crosses(at_y[row + 1], middle):
                    parent[root((row + 1) * n_cols + col)] = root(row * n_cols + col)
        return [root(index) for index in range(n_rows * n_cols)]

    def claim(self, glyphs: Sequence[Glyph]) -> list[Glyph]:
        """Take the characters whose centres lie inside the table; the others are returned."""
        xs, ys, owner, n_cols, n_rows = self.xs, self.ys, self.owner, self.n_cols, self.n_rows
        left, right, top, bottom = xs[0], xs[-1], ys[0], ys[-1]
        rest: list[Glyph] = []
        for glyph in glyphs:
            x, y = (glyph.left + glyph.right) / 2, glyph.middle
            if not (top <= y <= bottom and left <= x <= right):
                rest.append(glyph)
                continue
            col = min(bisect.bisect_right(xs, x) - 1, n_cols - 1)
            row = min(bisect.bisect_right(ys, y) - 1, n_rows - 1)
            self.glyphs.setdefault(owner[row * n_cols + col], []).append(glyph)
        return rest

    def take_overflow(self, lines: list[Line]) -> list[Line]:
        """Claim the lines of a cell's text that hang out below the table; the others are returned.

        Where a page break cuts a merged cell, some producers (WeasyPrint, browsers) draw
        all its text in the part above the break, running out under the table's last
        border. Such a line follows the table with no gap and stays within the columns of
        one cell of the last row that has text of its own.
        """
        bottom = self.ys[-1]
        rest: list[Line] = []
        for line in lines:
            if line.middle <= bottom or line.top - bottom > OVERFLOW_GAP * line.size:
                rest.append(line)
                continue
            cell = self._bottom_cell(line.left, line.right)
            if cell is None or cell not in self.glyphs:
                rest.append(line)
                continue
            self.glyphs[cell].extend(line.glyphs)
            bottom = max(glyph.bottom for glyph in line.glyphs)
        return rest

    def _bottom_cell(self, left: float, right: float) -> int | None:
        """The cell of the last row whose columns hold ``left`` to ``right``, if one does."""
        last = (self.n_rows - 1) * self.n_cols
        first_col = bisect.bisect_right(self.xs, left) - 1
        if not 0 <= first_col < self.n_cols:
            return None
        cell = self.owner[last + first_col]
        end = first_col
        while end + 1 < self.n_cols and self.owner[last + end + 1] == cell:
            end += 1
        return cell if right <= self.xs[end + 1] else None

    def block(self) -> TableBlock:
        spans: dict[int, list[int]] = {}  # cell → [row, col, last_row, last_col]
        for index, cell in enumerate(self.owner):
            row, col = divmod(index, self.n_cols)
            span = spans.setdefault(cell, [row, col, row, col])
            span[0], span[1] = min(span[0], row), min(span[1], col)
            span[2], span[3] = max(span[2], row), max(span[3], col)
        rows: list[list[TableCell]] = [[] for _ in range(self.n_rows)]
        for cell, (row, col, last_row, last_col) in spans.items():
            text = cell_text(text_lines(self.glyphs.get(cell, ())))
            rows[row].append(TableCell(row, col, last_row, last_col, text))
        return TableBlock(
            self.xs[0],
            self.ys[0],
            self.xs[-1],
            self.ys[-1],
            tuple(tuple(sorted(cells, key=lambda cell: cell.col)) for cells in rows if cells),
        )


def _by_position(rulings: list[Ruling], positions: list[float]) -> list[list[Ruling]]:
    """The rulings lying at each grid position."""
    found: list[list[Ruling]] = [[] for _ in positions]
    for ruling in rulings:
        index = bisect.bisect_left(positions, ruling.at - SNAP)
        if index < len(positions) and abs(positions[index] - ruling.at) <= SNAP:
            found[index].append(ruling)
    return found


def _crosses(rulings: list[Ruling], point: float) -> bool:
    """Whether one of ``rulings`` passes ``point`` along its direction."""
    return any(ruling.start - TOUCH <= point <= ruling.end + TOUCH for ruling in rulings)
