"""Sections 三 and 四 of a body's annual report, counted from its cases and checked by the core.

Section 三 comes from the application rows' projection (received_on, closed_on, outcome,
applicant_type) by one aggregate query: the cases are grouped into the core's
`ApplicationCount`s in SQL and `gongkai.cases.table3_from_counts` adds them into the table,
so no case is loaded into Python and the query stays on the (body, received_on) and
(body, closed_on) indexes. Section 四 comes from the body's reviews and suits
(`gongkai.cases.table4`). The counting conventions are in ``docs/statistics.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, CharField, Count, F, Q, Value, When

from gongkai.annual import jsonio
from gongkai.annual.checks import check_report
from gongkai.annual.findings import Finding
from gongkai.annual.model import AnnualReport, Table
from gongkai.cases import (
    ApplicantType,
    ApplicationCount,
    Outcome,
    statistics_period,
    table3_from_counts,
    table4,
)
from gongkai.formats import ReportFormat, format_for_year
from gongkai_web.appeals.queries import appeal_records
from gongkai_web.applications.models import Application
from gongkai_web.bodies.models import Body


@dataclass(frozen=True)
class AnnualStatistics:
    """Sections 三 and 四 of ``body``'s report on ``year``, and what the check engine finds in them."""

    body: Body
    year: int
    report: AnnualReport  # year, agency and the two tables; no section 二 and no text
    findings: tuple[Finding, ...]

    @property
    def format(self) -> ReportFormat:
        """The national format the year requires (2019 format before 2021)."""
        return format_for_year(self.year)

    @property
    def applications(self) -> Table:
        assert self.report.applications is not None
        return self.report.applications

    @property
    def review_litigation(self) -> Table:
        assert self.report.review_litigation is not None
        return self.report.review_litigation

    def to_json(self) -> dict[str, Any]:
        """The canonical report JSON (report-json.md): format, year, agency and sections 三 and 四."""
        return jsonio.report_to_dict(self.report)

    def dumps(self) -> str:
        """The canonical report JSON as text, numbers written exactly."""
        return jsonio.dumps(self.report)


def statistics_for(*, body: Body, year: int) -> AnnualStatistics:
    """Sections 三 and 四 of ``body``'s report on ``year``, counted from its cases.

    Raises the core's RecordError for a year no national format covers (before 2019).
    """
    report = AnnualReport(
        year=year,
        agency=body.name,
        applications=table3_from_counts(application_counts(body=body, year=year), year),
        review_litigation=table4(appeal_records(body=body), year),
    )
    return AnnualStatistics(body=body, year=year, report=report, findings=tuple(check_report(report)))


def application_counts(*, body: Body, year: int) -> list[ApplicationCount]:
    """The body's applications in the report on ``year``, grouped as `ApplicationCount` says, in one query.

    In scope: received by the year's end and open or closed since its start. Grouped by applicant
    type, whether received during the year, and the outcome of a case closed during the year
    ('' for one still open on 31 December).
    """
    start, end = statistics_period(year)
    groups = (
        Application.objects.filter(body=body, received_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .annotate(
            received_in_year=Case(
                When(received_on__gte=start, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            closed_with=Case(
                When(closed_on__lte=end, then=F("outcome")),
                default=Value(""),
                output_field=CharField(),
            ),
        )
        .values("applicant_type", "received_in_year", "closed_with")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [
        ApplicationCount(
            ApplicantType(group["applicant_type"]),
            group["received_in_year"],
            Outcome(group["closed_with"]) if group["closed_with"] else None,
            group["count"],
        )
        for group in groups
    ]


def previous_report_year(today: dt.date) -> int:
    """The year whose report is being prepared on ``today``: the last complete year (条例 第四十九条)."""
    return today.year - 1
