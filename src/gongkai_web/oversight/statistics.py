"""The figures of a supervisor's charts page: the scope's reports summed (`gongkai.annual.figures`),
year by year, and the bodies ranked by what the checks found in their reports.

Each body counts once a year, with the report the dashboard shows (`queries.latest_files`); a
file that could not be read adds nothing but is still counted as received.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.annual import figures
from gongkai.annual.model import AnnualReport
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.models import FileStatus, IntakeFile, Reading
from gongkai_web.oversight.queries import latest_files
from gongkai_web.oversight.svg import Bar, Chart
from gongkai_web.oversight.tables import report_of

RANKED = 20  # bodies shown in the ranking by defects


@dataclass(frozen=True, slots=True)
class YearFigures:
    year: int
    reports: int  # bodies whose report was read
    received: int  # applications newly received, summed


@dataclass(frozen=True, slots=True)
class Defects:
    body: Body
    errors: int
    warnings: int


def readable(files: dict[int, IntakeFile]) -> list[AnnualReport]:
    """The reports of ``files`` that were read, parsed from their canonical JSON in one query."""
    ids = [file.reading_id for file in files.values() if file.reading is not None and not file.reading.failed]
    stored = Reading.objects.filter(pk__in=ids).order_by("pk").values_list("report_json", flat=True)
    return [report_of(text) for text in stored]


def years(ids: frozenset[int]) -> list[int]:
    """The report years for which a report of a body in ``ids`` was received, in order."""
    found = (
        IntakeFile.objects.filter(body_id__in=sorted(ids), status=FileStatus.DONE, year__isnull=False)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(year for year in found if year is not None)


def trend(ids: frozenset[int]) -> list[YearFigures]:
    rows = []
    for year in years(ids):
        reports = readable(latest_files(ids, year))
        rows.append(YearFigures(year, len(reports), figures.received(reports)))
    return rows


def defects(ids: frozenset[int], year: int) -> list[Defects]:
    """The bodies whose report on ``year`` has errors or warnings, most errors first (then warnings)."""
    rows = [
        Defects(file.body, file.reading.errors, file.reading.warnings)
        for file in latest_files(ids, year).values()
        if file.body is not None
        and file.reading is not None
        and (file.reading.errors or file.reading.warnings)
    ]
    rows.sort(key=lambda row: (-row.errors, -row.warnings, row.body.name))
    return rows[:RANKED]


@dataclass(frozen=True, slots=True)
class ChartsPage:
    year: int
    reports: int
    outcomes: list[figures.Tally]
    applicants: list[figures.Tally]
    trend: list[YearFigures]
    defects: list[Defects]

    def outcome_chart(self) -> Chart:
        return _tallies(
            "outcomes",
            f"{self.year}年度申请办理结果",
            f"监督范围内 {self.reports} 份报告第三项“三、本年度办理结果”各项总计之和",
            self.outcomes,
        )

    def applicant_chart(self) -> Chart:
        return _tallies(
            "applicants",
            f"{self.year}年度本年新收申请的申请人情况",
            f"监督范围内 {self.reports} 份报告第三项“一、本年新收政府信息公开申请数量”各类申请人之和",
            self.applicants,
        )

    def trend_chart(self) -> Chart:
        return Chart(
            "trend",
            "历年本年新收政府信息公开申请数量",
            "每年度监督范围内已读出报告的第三项“一、本年新收政府信息公开申请数量·总计”之和",
            ("本年新收申请",),
            tuple(Bar(f"{row.year}年", (row.received,)) for row in self.trend),
        )

    def defects_chart(self) -> Chart:
        return Chart(
            "defects",
            f"{self.year}年度报告核查问题最多的机关",
            f"按错误数、再按警告数排列，最多 {RANKED} 个机关",
            ("错误", "警告"),
            tuple(Bar(row.body.name, (row.errors, row.warnings)) for row in self.defects),
        )


def _tallies(slug: str, title: str, description: str, tallies: list[figures.Tally]) -> Chart:
    return Chart(slug, title, description, ("件数",), tuple(Bar(t.short, (t.value,)) for t in tallies))


def charts_page(ids: frozenset[int], year: int) -> ChartsPage:
    reports = readable(latest_files(ids, year))
    return ChartsPage(
        year=year,
        reports=len(reports),
        outcomes=figures.by_outcome(reports),
        applicants=figures.by_applicant(reports),
        trend=trend(ids),
        defects=defects(ids, year),
    )
