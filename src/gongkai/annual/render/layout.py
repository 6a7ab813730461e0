"""How the report is laid out on paper, once, for every writer (HTML, Word, Excel).

The national formats print their tables with merged headers and vertical group labels. This
module turns a `Table` into a `Grid`: a rectangle of positioned cells, each with its row and
column span, its role (header, group label, data…) and, for data cells, the canonical location
and the `Cell` behind it. The writers only translate a grid into their own markup; none of them
decides which header spans what. `document_parts` does the same for the order of the text and
tables in the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import groupby

from gongkai.annual.model import AnnualReport, Cell, Number, Section, Table
from gongkai.annual.publication import Publication
from gongkai.formats import SECTIONS, ColumnSpec, RowSpec, SectionSpec, TableId
from gongkai.formats.national import APPLICANT_HEADER, CONTENT_HEADER, REPORT_NAME, RESULTS


class Role(StrEnum):
    """What a grid cell is, so that each writer can style it."""

    NOTE = "note"  # the 勾稽 note in the top-left corner of section 三
    CAPTION = "caption"  # a 第二十条 item heading across a section 二 sub-table
    HEADER = "header"  # a column heading
    GROUP = "group"  # a label spanning several rows, e.g. （三）不予公开
    LABEL = "label"  # the label of one data row
    DATA = "data"


@dataclass(frozen=True, slots=True)
class DataRef:
    """The report cell a data grid cell shows."""

    row_id: str
    column: ColumnSpec
    where: str  # canonical location, e.g. ``applications.total.natural_person``
    cell: Cell


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell as printed: its top-left position (0-based), spans, role and text."""

    row: int
    col: int
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    data: DataRef | None = None

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    @property
    def is_merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass(frozen=True)
class Grid:
    """A table as a rectangle of cells; every position is covered by exactly one cell.

    ``header_rows`` rows at the top are column headings to repeat on each printed page;
    ``widths`` are column widths in millimetres for A4 portrait; only their proportions matter
    to a writer with another width.
    """

    table_id: TableId
    n_rows: int
    n_cols: int
    header_rows: int
    widths: tuple[float, ...]
    cells: tuple[GridCell, ...]  # in reading order: by row, then by column

    def rows(self) -> Iterator[tuple[int, tuple[GridCell, ...]]]:
        """Each row index with the cells that start in it (cells spanning down from above omitted)."""
        for index in range(self.n_rows):
            yield index, tuple(cell for cell in self.cells if cell.row == index)


class _GridBuilder:
    """Places cells on a fixed number of columns and refuses overlaps and gaps."""

    def __init__(self, table: Table, n_cols: int) -> None:
        self.table = table
        self.n_cols = n_cols
        self.cells: list[GridCell] = []
        self.taken: set[tuple[int, int]] = set()

    def put(self, row: int, col: int, text: str, role: Role, *, rowspan: int = 1, colspan: int = 1) -> None:
        self._place(GridCell(row, col, text, role, rowspan, colspan))

    def data(self, row: int, col: int, spec_row: RowSpec, column: ColumnSpec, *, colspan: int = 1) -> None:
        cell = self.table[(spec_row.id, column.id)]
        where = self.table.spec.where(spec_row.id, column.id)
        ref = DataRef(spec_row.id, column, where, cell)
        self._place(GridCell(row, col, cell_text(cell, column), Role.DATA, 1, colspan, ref))

    def _place(self, cell: GridCell) -> None:
        if cell.col < 0 or cell.last_col >= self.n_cols or cell.row < 0:
            raise ValueError(f"cell {cell.text!r} lies outside the {self.n_cols} columns")
        positions = {
            (row, col)
            for row in range(cell.row, cell.last_row + 1)
            for col in range(cell.col, cell.last_col + 1)
        }
        if positions & self.taken:
            raise ValueError(f"cell {cell.text!r} overlaps another at {sorted(positions & self.taken)}")
        self.taken |= positions
        self.cells.append(cell)

    def build(self, header_rows: int, widths: tuple[float, ...]) -> Grid:
        n_rows = 1 + max(cell.last_row for cell in self.cells)
        missing = {(row, col) for row in range(n_rows) for col in range(self.n_cols)} - self.taken
        if missing:
            raise ValueError(f"grid of {self.table.spec.id.value} leaves positions empty: {sorted(missing)}")
        if len(widths) != self.n_cols:
            raise ValueError(f"{len(widths)} widths for {self.n_cols} columns")
        ordered = tuple(sorted(self.cells, key=lambda cell: (cell.row, cell.col)))
        return Grid(self.table.spec.id, n_rows, self.n_cols, header_rows, widths, ordered)


def grid(table: Table) -> Grid:
    """The printed layout of a table, as the national format draws it."""
    match table.spec.id:
        case TableId.PROACTIVE:
            return _proactive_grid(table)
        case TableId.APPLICATIONS:
            return _applications_grid(table)
        case TableId.REVIEW_LITIGATION:
            return _review_litigation_grid(table)
    raise ValueError(f"no layout for table {table.spec.id!r}")


# Column widths in millimetres on the A4 type area (156 mm between the GB/T 9704 margins),
# for 9 pt table text: a character is about 3.2 mm, plus 1.4 mm of cell margins. Writers
# scale them to their own width. Section 三 and 四 number columns take a five-digit figure
# on one line but only two characters of a header (商业/企业, 结果/维持), as the national
# template prints them; labels get the rest.
_PROACTIVE_LABEL_WIDTH = 45.0
_PROACTIVE_DATA_WIDTH = 37.0
_APPLICATIONS_LABEL_WIDTHS = (8.5, 14.5, 59.5)  # 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密
_APPLICATIONS_DATA_WIDTH = 10.5
_REVIEW_DATA_WIDTH = 10.4


def _proactive_grid(table: Table) -> Grid:
    """Section 二: per 第二十条 item a caption row, a 信息内容 header row, then the item rows.

    All sub-tables share the columns of the widest one; in a narrower sub-table the last
    column spans the remaining width, as the national format prints 本年处理决定数量.
    """
    spec = table.spec
    data_cols = max(len(row.columns) for row in spec.rows)
    builder = _GridBuilder(table, 1 + data_cols)
    line = 0
    group_id: str | None = None
    columns: tuple[ColumnSpec, ...] = ()
    for row in spec.rows:
        if row.group is not None and row.group.id != group_id:
            group_id = row.group.id
            builder.put(line, 0, row.group.label.text, Role.CAPTION, colspan=1 + data_cols)
            line += 1
            columns = ()
        if row.columns != columns:
            columns = row.columns
            builder.put(line, 0, CONTENT_HEADER, Role.HEADER)
            for position, column in enumerate(columns):
                builder.put(
                    line, 1 + position, column.title, Role.HEADER, colspan=_rest(position, columns, data_cols)
                )
            line += 1
        builder.put(line, 0, row.label.text, Role.LABEL)
        for position, column in enumerate(row.columns):
            builder.data(line, 1 + position, row, column, colspan=_rest(position, row.columns, data_cols))
        line += 1
    widths = (_PROACTIVE_LABEL_WIDTH,) + (_PROACTIVE_DATA_WIDTH,) * data_cols
    return builder.build(header_rows=0, widths=widths)


def _rest(position: int, columns: tuple[ColumnSpec, ...], data_cols: int) -> int:
    """Column span: 1, except the last column of a narrow sub-table takes what is left."""
    if position == len(columns) - 1:
        return data_cols - position
    return 1


# （七）总计 is not an outcome itself but is printed inside the 三、本年度办理结果 block.
_RESULTS_CLOSING_ROW = "total"


def _applications_grid(table: Table) -> Grid:
    """Section 三: the 勾稽 note and three header rows, then the rows with their group labels.

    Three label columns: 三、本年度办理结果 spans every result row down to （七）总计; a group
    such as （三）不予公开 spans its numbered items; a result row without a group (（一）予以公开)
    spans the two inner label columns, a row outside the results (一、二、四、) all three.
    """
    spec = table.spec
    columns = spec.rows[0].columns
    label_cols = len(_APPLICATIONS_LABEL_WIDTHS)
    header_rows = 3
    builder = _GridBuilder(table, label_cols + len(columns))

    builder.put(0, 0, spec.note, Role.NOTE, rowspan=header_rows, colspan=label_cols)
    builder.put(0, label_cols, APPLICANT_HEADER, Role.HEADER, colspan=len(columns))
    col = label_cols
    for parent, same_parent in groupby(columns, key=lambda column: column.parent):
        siblings = tuple(same_parent)
        if parent is None:
            for column in siblings:
                builder.put(1, col, column.title, Role.HEADER, rowspan=2)
                col += 1
        else:
            builder.put(1, col, parent, Role.HEADER, colspan=len(siblings))
            for column in siblings:
                builder.put(2, col, column.title, Role.HEADER)
                col += 1

    ids = [row.id for row in spec.rows]
    first_result = ids.index(spec.outcome_rows[0].id)
    last_result = ids.index(_RESULTS_CLOSING_ROW)
    for index, row in enumerate(spec.rows):
        line = header_rows + index
        if first_result <= index <= last_result:
            if index == first_result:
                span = last_result - first_result + 1
                builder.put(line, 0, RESULTS.label.text, Role.GROUP, rowspan=span)
            if row.group is None:
                builder.put(line, 1, row.label.text, Role.LABEL, colspan=2)
            else:
                members = spec.rows_in(row.group.id)
                if row is members[0]:
                    builder.put(line, 1, row.group.label.text, Role.GROUP, rowspan=len(members))
                builder.put(line, 2, row.label.text, Role.LABEL)
        else:
            builder.put(line, 0, row.label.text, Role.LABEL, colspan=label_cols)
        for position, column in enumerate(row.columns):
            builder.data(line, label_cols + position, row, column)
    widths = _APPLICATIONS_LABEL_WIDTHS + (_APPLICATIONS_DATA_WIDTH,) * len(columns)
    return builder.build(header_rows=header_rows, widths=widths)


def _review_litigation_grid(table: Table) -> Grid:
    """Section 四: 行政复议 | 行政诉讼 over 未经复议直接起诉 and 复议后起诉, outcomes, one data row.

    The spec's rows are the printed column blocks; a block without a group (行政复议) spans
    the two upper header rows, grouped blocks sit under their group label (行政诉讼).
    """
    spec = table.spec
    header_rows = 3
    builder = _GridBuilder(table, sum(len(row.columns) for row in spec.rows))
    col = 0
    for row in spec.rows:
        width = len(row.columns)
        if row.group is None:
            builder.put(0, col, row.label.text, Role.HEADER, rowspan=2, colspan=width)
        else:
            members = spec.rows_in(row.group.id)
            if row is members[0]:
                span = sum(len(member.columns) for member in members)
                builder.put(0, col, row.group.label.text, Role.HEADER, colspan=span)
            builder.put(1, col, row.label.text, Role.HEADER, colspan=width)
        for position, column in enumerate(row.columns):
            builder.put(2, col + position, column.title, Role.HEADER)
            builder.data(header_rows, col + position, row, column)
        col += width
    return builder.build(header_rows=header_rows, widths=(_REVIEW_DATA_WIDTH,) * builder.n_cols)


# -- cell text ---------------------------------------------------------------------------------

# Control characters that text extraction leaves behind (NUL, BEL, form feed…): XML 1.0 and
# so DOCX and XLSX cannot hold them, and HTML must not.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """Text without the control characters no document format can hold."""
    return _CONTROL.sub("", text)


def format_number(value: Number) -> str:
    """A number as printed: integers plainly, decimals exactly as held (never via float)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def shows_unit(cell: Cell, column: ColumnSpec) -> bool:
    """Whether a money cell must print its unit: the column header does not already fix it."""
    return cell.unit is not None and cell.unit is not column.unit


def cell_text(cell: Cell, column: ColumnSpec) -> str:
    """What a cell prints: blank, the number (with its unit where the column has none), or text."""
    if cell.value is None:
        return printable(cell.text) if cell.text is not None else ""
    text = format_number(cell.value)
    if cell.unit is not None and shows_unit(cell, column):
        text += cell.unit.value
    return text


# -- the document: title, sections and where the tables go -------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """A heading (empty for text before the first section), its paragraphs, and its table."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    grid: Grid | None = None


def report_title(report: AnnualReport) -> str:
    """The printed title, or the usual one: 卫辉市民政局2022年政府信息公开工作年度报告."""
    if report.title:
        return printable(report.title)
    year = "" if report.year is None else f"{report.year}年"
    return f"{printable(report.agency or '')}{year}{REPORT_NAME}"


def title_lines(report: AnnualReport) -> tuple[str, ...]:
    """The title cut where a long title may break: before 政府信息公开工作年度报告.

    A 公文 title is broken by sense, not where the line happens to end
    (卫辉市民政局2022年 / 政府信息公开工作年度报告); writers break there only when needed.
    """
    title = report_title(report)
    head = title.removesuffix(REPORT_NAME)
    if head and head != title:
        return (head, REPORT_NAME)
    return (title,)


def document_parts(report: AnnualReport) -> tuple[Part, ...]:
    """The report in reading order, each table placed under the section of its number.

    A table whose section the report lacks (or a report without any text) gets the standard
    section title, in numeric order among the sections present.
    """
    grids = {table.spec.number: grid(table) for table in report.tables}
    order = {section.number: position for position, section in enumerate(SECTIONS)}
    printed = {section.number for section in report.sections}
    missing = sorted((number for number in grids if number not in printed), key=order.__getitem__)
    parts: list[Part] = []
    placed: set[str] = set()

    def flush(before: int | None) -> None:
        while missing and (before is None or order[missing[0]] < before):
            number = missing.pop(0)
            parts.append(Part(_standard(number).title, (), grids[number]))

    for section in report.sections:
        if section.number in order:
            flush(order[section.number])
        table_grid = None
        if section.number is not None and section.number not in placed:
            table_grid = grids.get(section.number)
            placed.add(section.number)
        parts.append(Part(_heading(section), paragraphs(section.text), table_grid))
    flush(None)
    return tuple(parts)


def plain_lines(
    report: AnnualReport,
    *,
    heading_mark: str,
    table_lines: Callable[[Grid], list[str]],
    publication: Publication | None = None,
) -> str:
    """The report as lines of text, blocks separated by a blank line: what the plain-text and
    markdown writers share. ``heading_mark`` prefixes the title (doubled for section titles);
    ``publication``'s lines follow the title."""
    title_mark = f"{heading_mark} " if heading_mark else ""
    section_mark = f"{heading_mark * 2} " if heading_mark else ""
    lines = [f"{title_mark}{report_title(report)}", ""]
    lines += [line for mark in (publication.lines if publication else ()) for line in (mark, "")]
    for part in document_parts(report):
        if part.heading:
            lines += [f"{section_mark}{part.heading}", ""]
        lines += [line for paragraph in part.paragraphs for line in (paragraph, "")]
        if part.grid is not None:
            lines += [*table_lines(part.grid), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def paragraphs(text: str) -> tuple[str, ...]:
    """Non-empty lines of a section's text, without the indentation the source printed."""
    lines = (printable(line).strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def _heading(section: Section) -> str:
    title = printable(section.title).strip()
    if section.number is None or title.startswith(section.number):
        return title
    return f"{section.number}、{title}"


def _standard(number: str) -> SectionSpec:
    for section in SECTIONS:
        if section.number == number:
            return section
    raise KeyError(number)
