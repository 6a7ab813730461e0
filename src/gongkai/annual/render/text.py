"""Plain text: the tables as tab-separated rows, as reports are copied out of Word or a web page.

Each printed row holds the cells that start in it; a cell merged down from a row above is not
repeated, so a row reads label(s) then exactly its values — the layout the reader takes back.
"""

from __future__ import annotations

from gongkai.annual.model import AnnualReport
from gongkai.annual.render.layout import Grid, document_parts, report_title


def render_text(report: AnnualReport) -> str:
    lines = [report_title(report), ""]
    for part in document_parts(report):
        if part.heading:
            lines += [part.heading, ""]
        lines += [line for paragraph in part.paragraphs for line in (paragraph, "")]
        if part.grid is not None:
            lines += [*_table_lines(part.grid), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _table_lines(grid: Grid) -> list[str]:
    """One line per row; a row of one cell (a caption) keeps a trailing tab to stay a table row."""
    lines = []
    for _, cells in grid.rows():
        texts = [" ".join(cell.text.split()) for cell in cells]
        if texts:
            lines.append("\t".join(texts) + ("\t" if len(texts) == 1 else ""))
    return lines
