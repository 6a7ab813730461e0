"""From a `Document` (any source kind) to the report model, with what was found along the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding, SourceRef
from gongkai.annual.model import AnnualReport, Section
from gongkai.annual.parse.applications import observe_applications, read_applications
from gongkai.annual.parse.document import Document, Row
from gongkai.annual.parse.orientation import COLUMN_MAJOR, ROW_MAJOR
from gongkai.annual.parse.proactive import read_proactive
from gongkai.annual.parse.review import read_review_litigation
from gongkai.annual.parse.sections import SectionRows, clean, split_sections
from gongkai.annual.parse.tablereading import TableReading
from gongkai.annual.parse.tablerows import table_rows
from gongkai.annual.parse.title import Title, body_year, find_title, full_agency, statistics_year
from gongkai.formats import FORMAT_2021, FormatId, format_for_year


@dataclass(frozen=True)
class ParseResult:
    """A report read from a document: the report, what the reader noticed, and where each value came from."""

    report: AnnualReport
    findings: tuple[Finding, ...]
    kind: str
    layout: str
    provenance: dict[str, SourceRef] = field(default_factory=dict)


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$"
)


_PAGE_NUMBER_LENGTH = 40  # longer lines are never a page number, spaces included


def is_page_number(row: Row) -> bool:
    """A page footer or header such as ``- 5 -``, ``— 5 —`` or ``第5页``, left in by PDF extraction."""
    if len(row.cells) == 1:
        text = row.cells[0].text
        return len(text) <= _PAGE_NUMBER_LENGTH and _PAGE_NUMBER.match(text) is not None
    filled = [cell.text for cell in row.cells if cell.text.strip()]
    return len(filled) == 1 and _PAGE_NUMBER.match(filled[0]) is not None


def interpret(document: Document) -> ParseResult:
    """The report in a document, with the findings of reading it and the layout recognised.

    ``layout`` is the reader's description of the document (``tab-separated``,
    ``markdown-pipe``…) followed by what the interpretation had to recognise beyond clean rows:
    ``flattened`` (values read from lines of text, not table cells), ``column-major`` (numbers
    printed one per line, column by column), ``glued-digits`` (numbers without separators,
    split by the table's identities), ``placed-by-order`` (values whose label was lost, placed
    by the format's row order). The format, year, body and sections found are in the report.
    """
    rows = tuple(row for row in document.rows if not is_page_number(row))
    parts, findings = split_sections(rows)
    findings[:0] = document.notes
    preamble = parts[0]
    title = find_title([clean(row.text) for row in preamble.paragraphs])
    body = "\n".join(part.text for part in parts)
    year = title.year if title is not None else statistics_year(body)
    inferred = title is None and year is None
    if inferred:
        year = body_year([part.text for part in parts if part.spec is not None])
    default = format_for_year(year).id if year is not None else FormatId.F2021

    by_number = {part.spec.number: part for part in parts if part.spec is not None}
    everything = list(rows)

    def rows_of(number: str) -> list[Row]:
        """A section's rows; a document without any section heading is searched whole."""
        part = by_number.get(number)
        if part is not None:
            return part.rows
        return [] if by_number else everything

    observed, header_findings = observe_applications(rows_of("三"))
    orientation = COLUMN_MAJOR if COLUMN_MAJOR in observed.notes and ROW_MAJOR not in observed.notes else None
    proactive, proactive_reading = read_proactive(rows_of("二"), default, orientation)
    if proactive is not None:
        default = FormatId.F2021 if proactive.spec is FORMAT_2021.proactive else FormatId.F2019
    applications, applications_reading = read_applications(observed, header_findings, default)
    review, review_reading = read_review_litigation(rows_of("四"))

    provenance: dict[str, SourceRef] = {}
    notes: set[str] = set()
    readings = (proactive_reading, applications_reading, review_reading)
    for reading in readings:
        findings.extend(reading.findings)
        provenance.update(reading.provenance)
        notes |= reading.notes
    agency = full_agency(title.agency, preamble.text) if title is not None and title.agency else None
    findings.extend(_title_findings(title, year, agency, inferred))

    report = AnnualReport(
        year=year,
        agency=agency,
        proactive=proactive,
        applications=applications,
        review_litigation=review,
        title=title.text if title is not None else None,
        sections=_sections(parts, title, [frozenset(reading.provenance.values()) for reading in readings]),
    )
    layout = "+".join([document.layout, *sorted(notes)])
    return ParseResult(report, tuple(findings), document.kind, layout, provenance)


def _sections(
    parts: list[SectionRows], title: Title | None, taken: list[frozenset[SourceRef]]
) -> tuple[Section, ...]:
    """Each part's narrative: its paragraphs without the title and without the tables printed as
    lines (`gongkai.annual.parse.tablerows`), whose cells are in the report's tables."""
    sections = []
    for part in parts:
        tables = table_rows(part.rows, taken)
        title_rows: set[int] = set()
        if part.spec is None and title is not None:
            paragraph_rows = [index for index, row in enumerate(part.rows) if not row.is_table_row]
            title_rows.update(paragraph_rows[title.first_line : title.first_line + title.line_count])
        paragraphs = [
            clean(row.text)
            for index, row in enumerate(part.rows)
            if not row.is_table_row and index not in tables and index not in title_rows
        ]
        text = "\n".join(paragraph for paragraph in paragraphs if paragraph)
        if part.spec is None:
            if text:
                sections.append(Section(None, "", text))
            continue
        heading = clean(part.heading.text) if part.heading is not None else part.spec.title
        sections.append(Section(part.spec.number, heading, text))
    return tuple(sections)


def _title_findings(
    title: Title | None, year: int | None, agency: str | None, inferred: bool
) -> list[Finding]:
    findings = []
    if year is None:
        findings.append(finding(ReaderCode.YEAR_UNKNOWN, "year", "未能从标题或统计期限中读出报告年度"))
    elif inferred:
        findings.append(
            finding(
                ReaderCode.YEAR_INFERRED,
                "year",
                f"标题和统计期限中都没有报告年度；正文段首所写年份均为 {year} 年，按 {year} 年度读取",
                actual=year,
            )
        )
    if agency is None:
        findings.append(finding(ReaderCode.AGENCY_UNKNOWN, "agency", "未能从标题中读出发布机关"))
    return findings


__all__ = ["ParseResult", "TableReading", "interpret"]
