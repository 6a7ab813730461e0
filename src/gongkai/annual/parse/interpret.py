"""From a `Document` (any source kind) to the report model, with what was found along the way."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.annual.codes import ReaderCode, finding
from gongkai.annual.findings import Finding, SourceRef
from gongkai.annual.model import AnnualReport, Section
from gongkai.annual.parse.applications import read_applications
from gongkai.annual.parse.document import Document, Row
from gongkai.annual.parse.proactive import read_proactive
from gongkai.annual.parse.review import read_review_litigation
from gongkai.annual.parse.sections import SectionRows, clean, split_sections
from gongkai.annual.parse.tablereading import TableReading
from gongkai.annual.parse.title import Title, find_title, statistics_year
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


def is_page_number(row: Row) -> bool:
    """A page footer or header such as ``- 5 -``, ``— 5 —`` or ``第5页``, left in by PDF extraction."""
    filled = [cell.text for cell in row.cells if cell.text.strip()]
    return len(filled) == 1 and _PAGE_NUMBER.match(filled[0]) is not None


def interpret(document: Document) -> ParseResult:
    rows = tuple(row for row in document.rows if not is_page_number(row))
    parts, findings = split_sections(rows)
    preamble = parts[0]
    title = find_title([clean(row.text) for row in preamble.paragraphs])
    year = title.year if title is not None else statistics_year("\n".join(part.text for part in parts))
    default = format_for_year(year).id if year is not None else FormatId.F2021

    by_number = {part.spec.number: part for part in parts if part.spec is not None}
    everything = list(rows)

    def rows_of(number: str) -> list[Row]:
        """A section's rows; a document without any section heading is searched whole."""
        part = by_number.get(number)
        if part is not None:
            return part.rows
        return [] if by_number else everything

    proactive, proactive_reading = read_proactive(rows_of("二"), default)
    if proactive is not None:
        default = FormatId.F2021 if proactive.spec is FORMAT_2021.proactive else FormatId.F2019
    applications, applications_reading = read_applications(rows_of("三"), default)
    review, review_reading = read_review_litigation(rows_of("四"))

    provenance: dict[str, SourceRef] = {}
    for reading in (proactive_reading, applications_reading, review_reading):
        findings.extend(reading.findings)
        provenance.update(reading.provenance)
    findings.extend(_title_findings(title, year))

    report = AnnualReport(
        year=year,
        agency=title.agency if title is not None else None,
        proactive=proactive,
        applications=applications,
        review_litigation=review,
        title=title.text if title is not None else None,
        sections=_sections(parts, title),
    )
    return ParseResult(report, tuple(findings), document.kind, document.layout, provenance)


def _sections(parts: list[SectionRows], title: Title | None) -> tuple[Section, ...]:
    sections = []
    for part in parts:
        paragraphs = [clean(row.text) for row in part.paragraphs]
        if part.spec is None:
            if title is not None:
                del paragraphs[title.first_line : title.first_line + title.line_count]
            text = "\n".join(paragraph for paragraph in paragraphs if paragraph)
            if text:
                sections.append(Section(None, "", text))
            continue
        heading = clean(part.heading.text) if part.heading is not None else part.spec.title
        sections.append(Section(part.spec.number, heading, "\n".join(p for p in paragraphs if p)))
    return tuple(sections)


def _title_findings(title: Title | None, year: int | None) -> list[Finding]:
    findings = []
    if year is None:
        findings.append(finding(ReaderCode.YEAR_UNKNOWN, "year", "未能从标题或统计期限中读出报告年度"))
    if title is None or title.agency is None:
        findings.append(finding(ReaderCode.AGENCY_UNKNOWN, "agency", "未能从标题中读出发布机关"))
    return findings


__all__ = ["ParseResult", "TableReading", "interpret"]
