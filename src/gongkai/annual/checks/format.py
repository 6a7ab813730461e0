"""Is the report in the national format its year requires (spec §1, §2.4)?"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.annual.checks import messages
from gongkai.annual.codes import Code, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import MIXED, AnnualReport
from gongkai.formats import FORMAT_2021, FORMATS, FormatId, ReportFormat, TableId, format_for_year

REPORT = ""  # `where` of a finding about the whole report


def format_superseded(report: AnnualReport) -> Iterator[Finding]:
    """A 2019-format (60号) report for a year that must use the 2021 format (30号), e.g. seed 004."""
    if report.year is None or report.format is not FormatId.F2019:
        return
    required = format_for_year(report.year)
    if required.id is FormatId.F2019:
        return
    yield _wrong_format(
        Code.FORMAT_SUPERSEDED, messages.FORMAT_SUPERSEDED, report.year, FORMATS[FormatId.F2019]
    )


def format_mixed(report: AnnualReport) -> Iterator[Finding]:
    """Tables of both formats in one report, e.g. section 二 of 2021 with the single 2019 （六）."""
    if report.format != MIXED:
        return
    parts = []
    for table_id in (TableId.PROACTIVE, TableId.APPLICATIONS):
        table = report.table(table_id)
        if table is None:
            continue
        for report_format in FORMATS.values():
            if report_format.table(table_id) is table.spec:
                parts.append(
                    messages.FORMAT_MIXED_PART.format(number=table.spec.number, notice=report_format.notice)
                )
    required = FORMAT_2021 if report.year is None else format_for_year(report.year)
    yield finding(
        Code.FORMAT_MIXED,
        REPORT,
        messages.FORMAT_MIXED.format(
            parts=messages.PART_SEPARATOR.join(parts),
            expected_title=required.title,
            expected_notice=required.notice,
        ),
        expected=required.id.value,
        actual=MIXED,
    )


def format_premature(report: AnnualReport) -> Iterator[Finding]:
    """A 2021-format report for a year before the 2021 format applied."""
    if report.year is None or report.format is not FormatId.F2021:
        return
    if report.year >= FORMAT_2021.first_year:
        return
    yield _wrong_format(Code.FORMAT_PREMATURE, messages.FORMAT_PREMATURE, report.year, FORMAT_2021)


def _wrong_format(code: Code, template: str, year: int, used: ReportFormat) -> Finding:
    required = format_for_year(year)
    return finding(
        code,
        REPORT,
        template.format(
            year=year,
            expected_title=required.title,
            expected_notice=required.notice,
            actual_title=used.title,
            actual_notice=used.notice,
            first_year=used.first_year,
        ),
        expected=required.id.value,
        actual=used.id.value,
    )
