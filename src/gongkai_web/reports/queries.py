"""A body's report on a year put together: the draft's text and section 二, sections 三 and 四 from
the cases, the previous year's report, and everything the checks find.

`compose` is what the builder shows, what the draft downloads are rendered from and what
`services.publish_report` publishes: one function, so that what is checked is what is published.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from gongkai.annual import jsonio
from gongkai.annual.checks import check_report
from gongkai.annual.codes import Code
from gongkai.annual.findings import Finding, Severity
from gongkai.annual.guidance import NARRATIVE, empty_section_findings
from gongkai.annual.model import AnnualReport, Number, Section
from gongkai.annual.similarity import Similarity, compare_sections, similarity_findings
from gongkai.annual.tokens import figures, substituted, token_findings
from gongkai.formats import SECTIONS, ReportFormat, format_for_year
from gongkai_web.bodies.models import Body
from gongkai_web.reports.facts import fact_values
from gongkai_web.reports.models import Baseline, PublishedVersion, ReportDraft
from gongkai_web.reports.sources import proactive_section
from gongkai_web.statistics.queries import statistics_for


class PreviousSource(StrEnum):
    PUBLISHED = "published"  # the body's published report of the year before, in gongkai
    BASELINE = "baseline"  # imported from the body's published file (its first year in gongkai)


@dataclass(frozen=True)
class PreviousReport:
    report: AnnualReport
    source: PreviousSource
    label: str


@dataclass(frozen=True)
class Composition:
    """The report as it would be published now, and what the checks say of it."""

    body: Body
    year: int
    format: ReportFormat
    report: AnnualReport  # tokens replaced: what is rendered, checked and published
    texts: dict[str, str]  # section number → text as written, with tokens
    findings: tuple[Finding, ...]
    previous: PreviousReport | None
    similarity: dict[str, Similarity] = field(default_factory=dict)
    values: dict[str, Number | None] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity is Severity.ERROR]

    @property
    def unknown_tokens(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.code == Code.TOKEN_UNKNOWN]

    def dumps(self) -> str:
        return jsonio.dumps(self.report)

    def publication_text(self) -> str:
        """The written text as published, figures in place: what the 保密审查 reads before publication.

        Every section's title and text (一, 五 and 六, and the optional lines under the tables of
        二 to 四); the tables hold counts only and are not scanned.
        """
        parts = [f"{self.body.name}{self.year}年政府信息公开工作年度报告"]
        for section in self.report.sections:
            parts.append(section.title)
            if section.text.strip():
                parts.append(section.text)
        return "\n\n".join(parts)


def compose(*, body: Body, year: int) -> Composition:
    """``body``'s report on ``year`` from its draft (possibly none yet) and its cases.

    Raises the core's RecordError for a year no national format covers.
    """
    statistics = statistics_for(body=body, year=year)
    draft = ReportDraft.objects.filter(body=body, year=year).first()
    texts: dict[str, str] = dict(draft.texts) if draft else {}
    tables = AnnualReport(
        year=year,
        agency=body.name,
        proactive=proactive_section(body=body, year=year),
        applications=statistics.report.applications,
        review_litigation=statistics.report.review_litigation,
    )
    values = figures(tables, fact_values(body=body, year=year))
    written = tuple(Section(spec.number, spec.title, texts.get(spec.number, "")) for spec in SECTIONS)
    report = substituted(dataclasses.replace(tables, sections=written), values)
    previous = previous_report(body=body, year=year)
    similarity = (
        compare_sections(
            {number: report.section(number).text for number in NARRATIVE},  # type: ignore[union-attr]
            {s.number: s.text for s in previous.report.sections if s.number in NARRATIVE},
        )
        if previous
        else {}
    )
    findings = [
        *check_report(report, previous=previous.report if previous else None),
        *token_findings(written, values),
        *empty_section_findings(written),
        *similarity_findings(similarity),
    ]
    return Composition(
        body=body,
        year=year,
        format=format_for_year(year),
        report=report,
        texts=texts,
        findings=tuple(findings),
        previous=previous,
        similarity=similarity,
        values=values,
    )


def previous_report(*, body: Body, year: int) -> PreviousReport | None:
    """The report on ``year - 1``: the latest published version in gongkai, else the imported one."""
    version = latest_version(body=body, year=year - 1)
    if version is not None:
        return PreviousReport(
            jsonio.loads(version.report_json),
            PreviousSource.PUBLISHED,
            f"{year - 1}年度报告第{version.number}版",
        )
    baseline = Baseline.objects.filter(body=body, year=year - 1).first()
    if baseline is not None:
        return PreviousReport(
            jsonio.loads(baseline.report_json),
            PreviousSource.BASELINE,
            f"导入的{year - 1}年度报告（{baseline.file_name}）",
        )
    return None


def latest_version(*, body: Body, year: int) -> PublishedVersion | None:
    return PublishedVersion.objects.filter(body=body, year=year).order_by("-number").first()


def versions(*, body: Body, year: int) -> list[PublishedVersion]:
    """Every published version of the report, v1 first (the report itself is not loaded)."""
    return list(
        PublishedVersion.objects.filter(body=body, year=year)
        .defer("report_json", "findings")
        .select_related("published_by")
        .order_by("number")
    )


def published_years(*, body: Body) -> list[tuple[int, int]]:
    """(year, number of versions) of every report ``body`` has published, the latest year first."""
    counts: dict[int, int] = {}
    for year in PublishedVersion.objects.filter(body=body).values_list("year", flat=True):
        counts[year] = counts.get(year, 0) + 1
    return sorted(counts.items(), reverse=True)


def published_bodies() -> list[Body]:
    """The bodies with at least one published report, by name."""
    return list(Body.objects.filter(report_versions__isnull=False).distinct().order_by("name"))


def to_decimal_text(value: Number | None) -> str:
    """A figure as the exact text a grid field shows."""
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)
