"""Markdown: headings, paragraphs and one pipe table per statistical table.

Markdown tables cannot merge cells. A merged label sits in the last column it covers (so a
row reads blanks, label, values); a merged heading or value sits in the first. The first
printed row of each table serves as the markdown header row.
"""

from __future__ import annotations

from gongkai.annual.model import AnnualReport
from gongkai.annual.publication import Publication
from gongkai.annual.render.layout import Grid, GridCell, Role, plain_lines

_AT_LAST_COLUMN = frozenset({Role.LABEL, Role.GROUP, Role.NOTE})


def render_markdown(report: AnnualReport, publication: Publication | None = None) -> str:
    return plain_lines(report, heading_mark="#", table_lines=_table_lines, publication=publication)


def _table_lines(grid: Grid) -> list[str]:
    lines = []
    for index, cells in grid.rows():
        row = [""] * grid.n_cols
        for cell in cells:
            row[_column(cell)] = _escape(cell.text)
        lines.append("| " + " | ".join(row) + " |")
        if index == 0:
            lines.append("|" + "---|" * grid.n_cols)
    return lines


def _column(cell: GridCell) -> int:
    return cell.last_col if cell.role in _AT_LAST_COLUMN else cell.col


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
