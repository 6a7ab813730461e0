"""Rules comparing a report with the previous year's (spec §3 C6, C8–C10, C12).

They run only when the caller gives the previous report, and only when it is the report of
the year before: a report two years back, or one in the other format for section 二, would
turn correct figures into false alarms. When either year is unknown the caller's pairing is
trusted (the reader has already reported YEAR-UNKNOWN).
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.annual.checks import messages
from gongkai.annual.checks.tables import CARRIED_FORWARD, CARRIED_OVER, numbers_of
from gongkai.annual.codes import Code, finding
from gongkai.annual.findings import Finding
from gongkai.annual.model import AnnualReport, Table
from gongkai.formats import FORMATS, ReportFormat, TableId
from gongkai.formats.national import PROACTIVE_2019, PROACTIVE_2021

REPORT = ""
ISSUED = "issued"  # 2021 二（一）
REPEALED = "repealed"
IN_FORCE = "in_force"
PREVIOUS_ITEMS = "previous_items"  # 2019 二（五）（六）（八）
CHANGE = "change"
RULES_ON_SECTION_2 = "C8、C9、C10"  # the rules C12 suspends; codes, not labels


def c12_years_consecutive(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    """The previous report must be the one for the year before; otherwise nothing is compared."""
    if report.year is None or previous.year is None or consecutive(report, previous):
        return
    yield finding(
        Code.C12_YEAR,
        REPORT,
        messages.C12_YEAR.format(previous_year=previous.year, expected_year=report.year - 1),
        expected=report.year - 1,
        actual=previous.year,
    )


def c12_format_change(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    """Section 二 changed between the 2019 and 2021 formats: C8–C10 do not apply (spec §3 C12)."""
    if not consecutive(report, previous) or report.proactive is None or previous.proactive is None:
        return
    this_format = _format_of(report.proactive)
    previous_format = _format_of(previous.proactive)
    if this_format is previous_format:
        return
    yield finding(
        Code.C12,
        REPORT,
        messages.C12.format(
            previous_year=_year(previous),
            previous_notice=previous_format.notice,
            notice=this_format.notice,
            rules=RULES_ON_SECTION_2,
        ),
        expected=this_format.id.value,
        actual=previous_format.id.value,
    )


def c6_carried_over(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    """Section 三, every column: 二 of this year = 四 of last year."""
    table, before = report.applications, previous.applications
    if table is None or before is None or not consecutive(report, previous):
        return
    spec = table.spec
    for column_id in spec.row(CARRIED_OVER).column_ids:
        now = numbers_of(table, [(CARRIED_OVER, column_id)])
        then = numbers_of(before, [(CARRIED_FORWARD, column_id)])
        if now is None or then is None or now[0] == then[0]:
            continue
        yield finding(
            Code.C6,
            spec.where(CARRIED_OVER, column_id),
            messages.C6.format(
                cell=spec.describe(CARRIED_OVER, column_id),
                expected=messages.amount(then[0]),
                actual=messages.amount(now[0]),
                previous_year=_year(previous),
                forward=before.spec.describe(CARRIED_FORWARD, column_id),
            ),
            expected=then[0],
            actual=now[0],
        )


def c8_documents_in_force(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    """2021 二（一）: 现行有效件数 = last year's + 本年制发件数 − 本年废止件数 (a warning: 清理
    and 机构改革 legitimately break it)."""
    for table, before, row_id in _document_rows(report, previous):
        figures = numbers_of(table, [(row_id, ISSUED), (row_id, REPEALED), (row_id, IN_FORCE)])
        last = numbers_of(before, [(row_id, IN_FORCE)])
        if figures is None or last is None:
            continue
        issued, repealed, in_force = figures
        expected = last[0] + issued - repealed
        if in_force == expected:
            continue
        row = table.spec.row(row_id)
        yield finding(
            Code.C8,
            table.spec.where(row_id, IN_FORCE),
            messages.C8.format(
                cell=table.spec.describe(row_id, IN_FORCE),
                expected=messages.amount(expected),
                actual=messages.amount(in_force),
                previous_year=_year(previous),
                in_force=row.column(IN_FORCE).title,
                previous=messages.amount(last[0]),
                issued=row.column(ISSUED).title,
                issued_value=messages.amount(issued),
                repealed=row.column(REPEALED).title,
                repealed_value=messages.amount(repealed),
            ),
            expected=expected,
            actual=in_force,
        )


def c9_repealed_within_reach(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    """2021 二（一）: 本年废止件数 ≤ last year's 现行有效件数 + 本年制发件数.

    Without the previous report the bound would be 现行有效件数 + 本年废止件数, which every
    non-negative row meets; so the rule needs the previous report (non-negativity is C4).
    """
    for table, before, row_id in _document_rows(report, previous):
        figures = numbers_of(table, [(row_id, ISSUED), (row_id, REPEALED)])
        last = numbers_of(before, [(row_id, IN_FORCE)])
        if figures is None or last is None:
            continue
        issued, repealed = figures
        reach = last[0] + issued
        if repealed <= reach:
            continue
        row = table.spec.row(row_id)
        yield finding(
            Code.C9,
            table.spec.where(row_id, REPEALED),
            messages.C9.format(
                cell=table.spec.describe(row_id, REPEALED),
                actual=messages.amount(repealed),
                previous_year=_year(previous),
                in_force=row.column(IN_FORCE).title,
                previous=messages.amount(last[0]),
                issued=row.column(ISSUED).title,
                issued_value=messages.amount(issued),
                expected=messages.amount(reach),
            ),
            expected=reach,
            actual=repealed,
        )


def c10_previous_items(report: AnnualReport, previous: AnnualReport) -> Iterator[Finding]:
    """2019 二（五）（六）（八）: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减 (a warning)."""
    table, before = report.proactive, previous.proactive
    if table is None or before is None or not consecutive(report, previous):
        return
    if table.spec is not PROACTIVE_2019 or before.spec is not PROACTIVE_2019:
        return
    for row in table.spec.rows:
        if not {PREVIOUS_ITEMS, CHANGE} <= set(row.column_ids):
            continue
        now = numbers_of(table, [(row.id, PREVIOUS_ITEMS)])
        then = numbers_of(before, [(row.id, PREVIOUS_ITEMS), (row.id, CHANGE)])
        if now is None or then is None:
            continue
        expected = then[0] + then[1]
        if now[0] == expected:
            continue
        yield finding(
            Code.C10,
            table.spec.where(row.id, PREVIOUS_ITEMS),
            messages.C10.format(
                cell=table.spec.describe(row.id, PREVIOUS_ITEMS),
                expected=messages.amount(expected),
                actual=messages.amount(now[0]),
                previous_year=_year(previous),
                previous_items=row.column(PREVIOUS_ITEMS).title,
                previous=messages.amount(then[0]),
                change=row.column(CHANGE).title,
                change_value=messages.amount(then[1]),
            ),
            expected=expected,
            actual=now[0],
        )


def consecutive(report: AnnualReport, previous: AnnualReport) -> bool:
    """Whether ``previous`` may be compared with ``report``: the year before, or a year unknown."""
    if report.year is None or previous.year is None:
        return True
    return previous.year == report.year - 1


def _document_rows(report: AnnualReport, previous: AnnualReport) -> Iterator[tuple[Table, Table, str]]:
    """The 2021 二（一） rows of both reports, when both are in the 2021 format."""
    table, before = report.proactive, previous.proactive
    if table is None or before is None or not consecutive(report, previous):
        return
    if table.spec is not PROACTIVE_2021 or before.spec is not PROACTIVE_2021:
        return
    for row in table.spec.rows:
        if IN_FORCE in row.column_ids:
            yield table, before, row.id


def _format_of(table: Table) -> ReportFormat:
    for report_format in FORMATS.values():
        if report_format.table(TableId.PROACTIVE) is table.spec:
            return report_format
    raise ValueError(f"{table.spec.id.value} is in no national format")


def _year(report: AnnualReport) -> str:
    return messages.PREVIOUS_YEAR if report.year is None else str(report.year)
