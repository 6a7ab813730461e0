"""Numbers printed one per line: in row order, or column by column.

Text extracted from a PDF table holds one number per line. PyMuPDF reads a table row by row;
pdfminer reads a page of it column by column (all 自然人 values, then all 商业企业 values…),
and not always in the printed order of the columns: the 总计 column may come before the last
applicant column. The row-total identity (总计 = the six applicant columns, C3) decides:

1. row order and column order are tried; when exactly one makes every row balance, it is
   taken (when both give the same rows, there is nothing to decide);
2. when neither does, column order with the 总计 column read out of place is tried: the six
   applicant columns keep their reading order — the identities cannot tell them apart, only
   the order they were read in can — and the 总计 column is the block that balances every
   row. Of the placements that balance, the one nearest its printed place (last) is taken.

Anything else is left undecided, for the caller to report.
"""

from __future__ import annotations

from gongkai.annual.parse.cells import row_total_identity
from gongkai.annual.parse.document import TextCell
from gongkai.annual.parse.numbers import read_cell
from gongkai.formats import normalise

COLUMN_MAJOR, ROW_MAJOR = "column-major", "row-major"

Rows = list[list[TextCell]]


def orient(cells: list[TextCell], count: int, width: int) -> tuple[Rows | None, str | None]:
    """``count`` rows of ``width`` from a run of numbers, and the order they were read in."""
    by_rows = [cells[row * width : (row + 1) * width] for row in range(count)]
    by_columns = _columns(cells, count, width, width - 1)
    fits_rows = _balanced(by_rows)
    fits_columns = _balanced(by_columns)
    if _texts(by_rows) == _texts(by_columns):
        return by_rows, None
    if fits_rows and not fits_columns:
        return by_rows, ROW_MAJOR
    if fits_columns and not fits_rows:
        return by_columns, COLUMN_MAJOR
    if fits_rows:
        return None, None
    balanced = [
        (width - 1 - total, rows)
        for total in range(width - 1)
        if _balanced(rows := _columns(cells, count, width, total))
    ]
    if not balanced:
        return None, None
    nearest = min(distance for distance, _ in balanced)
    chosen = [rows for distance, rows in balanced if distance == nearest]
    if all(_texts(rows) == _texts(chosen[0]) for rows in chosen):
        return chosen[0], COLUMN_MAJOR
    return None, None


def _columns(cells: list[TextCell], count: int, width: int, total: int) -> Rows:
    """Rows from column blocks, the block at ``total`` being the 总计 column."""
    blocks = [cells[block * count : (block + 1) * count] for block in range(width)]
    order = [block for block in range(width) if block != total] + [total]
    return [[blocks[block][row] for block in order] for row in range(count)]


def _balanced(rows: Rows) -> bool:
    return all(row_total_identity([read_cell(cell.text) for cell in row]) for row in rows)


def _texts(rows: Rows) -> list[list[str]]:
    return [[normalise(cell.text) for cell in row] for row in rows]
