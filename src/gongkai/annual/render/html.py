"""The report as one self-contained, printable HTML page.

Inline CSS only: the page must open offline and print on A4 as the report is published. Every
text that comes from the report (agency, titles, section text, cell text) is escaped, since it
was read from documents nobody vouches for. Data cells carry ``data-where`` with their
canonical location, for tests and for the web app to find a cell.
"""

from __future__ import annotations

from html import escape

from gongkai.annual.model import AnnualReport
from gongkai.annual.publication import Publication
from gongkai.annual.render.layout import (
    Grid,
    GridCell,
    Part,
    Role,
    document_parts,
    report_title,
    title_lines,
)
from gongkai.typesetting import PAGE

# GB/T 9704 margins (`typesetting.PAGE`) on A4.
_STYLE = (
    f"\n@page {{ size: A4; margin: {PAGE.css_margin}; }}\n"
    + """html { background: #fff; color: #000; }
body {
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif;
  font-size: 12pt; line-height: 1.8; max-width: 170mm; margin: 2em auto; padding: 0 1em;
}
h1 {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  font-size: 18pt; text-align: center; line-height: 1.5; margin: 0 0 1em;
}
h1 span { display: inline-block; }
h1 + .publication { margin-top: -0.5em; }
p.publication { text-indent: 0; text-align: center; font-size: 11pt; margin: 0 0 0.25em; }
p.publication.change {
  text-align: left; border: 1px solid #000; padding: 0.25em 0.5em; margin: 0.5em 0 1em;
}
h2 {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  font-size: 13pt; margin: 1.2em 0 0.5em; break-after: avoid; page-break-after: avoid;
}
p { text-indent: 2em; margin: 0; text-align: justify; }
table {
  border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.5em 0 1em;
  font-size: 9pt; line-height: 1.35;
}
th, td {
  border: 1px solid #000; padding: 2px 3px; text-align: center; vertical-align: middle;
  overflow-wrap: anywhere;
}
th { font-weight: normal; }
th.header, th.caption { font-weight: bold; }
th.caption { background: #f2f2f2; }
th.note { font-size: 8pt; font-weight: normal; }
th.label { text-align: left; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 12pt; }
  th.caption { background: none; }
  th, td { border: 0.75pt solid #000; }
  a { color: inherit; text-decoration: none; }
}
"""
)

_SCOPE = {Role.HEADER: "col", Role.CAPTION: "colgroup", Role.GROUP: "row", Role.LABEL: "row"}


def render_html(report: AnnualReport, publication: Publication | None = None) -> str:
    """A complete HTML5 page: title, sections in order, and the tables under 二, 三 and 四.

    With ``publication``, its mark (第2版　2026年3月23日发布) under the title and, from 第2版 on,
    the 更正说明 in a box before the first section."""
    title = report_title(report)
    # Each piece of the title stays whole, so that a long title breaks by sense.
    pieces = "".join(f"<span>{escape(line)}</span>" for line in title_lines(report))
    body = [f"<h1>{pieces}</h1>"]
    if publication is not None:
        body.append(f'<p class="publication">{escape(publication.mark)}</p>')
        if publication.note is not None:
            body.append(f'<p class="publication change">{escape(publication.note)}</p>')
    body.extend(_part(part) for part in document_parts(report))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _part(part: Part) -> str:
    lines = [f'<section class="part">\n<h2>{escape(part.heading)}</h2>'] if part.heading else ["<section>"]
    lines.extend(f"<p>{escape(paragraph)}</p>" for paragraph in part.paragraphs)
    if part.grid is not None:
        lines.append(_table(part.grid))
    lines.append("</section>")
    return "\n".join(lines)


def _table(grid: Grid) -> str:
    total = sum(grid.widths)
    cols = "".join(f'<col style="width:{width / total * 100:.2f}%">' for width in grid.widths)
    head: list[str] = []
    body: list[str] = []
    for index, cells in grid.rows():
        row = "<tr>" + "".join(_cell(cell) for cell in cells) + "</tr>"
        (head if index < grid.header_rows else body).append(row)
    thead = "<thead>\n" + "\n".join(head) + "\n</thead>\n" if head else ""
    tbody = "<tbody>\n" + "\n".join(body) + "\n</tbody>\n"
    return (
        f'<table class="{escape(grid.table_id.value)}">\n<colgroup>{cols}</colgroup>\n{thead}{tbody}</table>'
    )


def _cell(cell: GridCell) -> str:
    """A ``td`` for a figure (with its location), a ``th`` for every label; the role is the class."""
    attributes = [f'class="{cell.role.value}"']
    if cell.rowspan > 1:
        attributes.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attributes.append(f'colspan="{cell.colspan}"')
    if cell.data is not None:
        attributes.append(f'data-where="{escape(cell.data.where)}"')
        attributes.append(f'data-state="{cell.data.cell.state.value}"')
        return f"<td {' '.join(attributes)}>{escape(cell.text)}</td>"
    if cell.role in _SCOPE:
        attributes.append(f'scope="{_SCOPE[cell.role]}"')
    return f"<th {' '.join(attributes)}>{escape(cell.text)}</th>"
