"""The reader's intermediate form: a document as a sequence of printed rows.

Every reader (text, and later HTML, DOCX, PDF) turns its input into a `Document`: paragraphs
and table rows in reading order, each cell with the place it came from. The interpreter
(`gongkai.annual.parse.interpret`) then finds the report in it, whatever the source kind was.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.annual.findings import Finding, SourceRef


@dataclass(frozen=True, slots=True)
class TextCell:
    text: str
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Row:
    """One printed row: a table row (several cells, blanks kept) or a paragraph (one cell)."""

    cells: tuple[TextCell, ...]
    is_table_row: bool

    @property
    def text(self) -> str:
        return "".join(cell.text for cell in self.cells)

    @property
    def source(self) -> SourceRef:
        return self.cells[0].source


@dataclass(frozen=True, slots=True)
class Document:
    kind: str  # "text", "markdown", later "html", "docx", "pdf"
    layout: str  # how the rows were found, e.g. "tab-separated", "cell-per-line"
    rows: tuple[Row, ...]
    # What the reader itself noticed (a PDF without a text layer), reported with the findings.
    notes: tuple[Finding, ...] = ()

    def plain_text(self) -> str:
        """The rows as plain text: one line a row, a table row's cells separated by tabs.

        What a reader that wants words rather than a report takes from any source kind (the
        publication gate scans an attachment's text this way).
        """
        return "\n".join("\t".join(cell.text for cell in row.cells) for row in self.rows)
