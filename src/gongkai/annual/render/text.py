"""Plain text: the tables as tab-separated rows, as reports are copied out of Word or a web page.

Each printed row holds the cells that start in it; a cell merged down from a row above is not
repeated, so a row reads label(s) then exactly its values — the layout the reader takes back.
"""

from __future__ import annotations

from gongkai.annual.model import AnnualReport
from gongkai.annual.publication import Publication
from gongkai.annual.render.layout import Grid, plain_lines


def render_text(report: AnnualReport, publication: Publication | None = None) -> str:
    return plain_lines(report, heading_mark="", table_lines=_table_lines, publication=publication)


def _table_lines(grid: Grid) -> list[str]:
    """One line per row; a row of one cell (a caption) keeps a trailing tab to stay a table row."""
    lines = []
    for _, cells in grid.rows():
        texts = [" ".join(cell.text.split()) for cell in cells]
        if texts:
            lines.append("\t".join(texts) + ("\t" if len(texts) == 1 else ""))
    return lines
