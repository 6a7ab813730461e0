"""Section 三 of the annual report, counted from the cases themselves.

Counting conventions (spec §3): the unit is one registered application; it is received in
the year of its date of receipt, counts in a result row in the year it was closed, and is
carried forward if still open on 31 December. Each closed case has exactly one outcome, so
the balances C1 (一 + 二 = （七）+ 四), C2 (（七）= Σ results) and C3 (总计 = Σ columns) hold
by construction.

Who counts where is decided in two steps, each in one place: `ApplicationRecord.counted_in`
puts a dated application into its `ApplicationCount` for the year (in scope or not, new or
carried over, closed with its outcome or carried forward), and `table3_from_counts` adds the
counts into the cells. A database that groups its cases into the same counts (one GROUP BY
over received_on, closed_on, outcome and applicant_type, see `ApplicationCount`) feeds
`table3_from_counts` directly; `table3` is the same for a list of records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, date

from gongkai.annual.model import Table
from gongkai.cases.outcomes import TOTAL, ApplicantType, Outcome, RecordError
from gongkai.cases.workflow import CaseState
from gongkai.formats import FORMAT_2019, TableSpec, format_for_year

NEW_RECEIVED = "new_received"
CARRIED_OVER = "carried_over"
CARRIED_FORWARD = "carried_forward"


def statistics_period(year: int) -> tuple[date, date]:
    """The first and last day the report on ``year`` covers: 1 January to 31 December (spec C16).

    Raises `RecordError` for a year before the first national format (2019, 国办公开办函
    〔2019〕60号, which came with the revised 条例 in force from 15 May 2019): the project has no
    format to count an earlier year in.
    """
    if not FORMAT_2019.first_year <= year < MAXYEAR:
        raise RecordError(
            f"无法统计 {year} 年：年度报告格式自 {FORMAT_2019.first_year} 年起适用"
            f"（{FORMAT_2019.notice}），应为 {FORMAT_2019.first_year} 年至 {MAXYEAR - 1} 年",
            code="year_out_of_range",
        )
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True, slots=True)
class ApplicationCount:
    """``count`` applications that count alike in one report year (the unit `table3_from_counts` adds).

    For the year's period ``start``–``end`` (`statistics_period`), an application is in scope
    when ``received_on <= end`` and it is open or ``closed_on >= start``. Of those,
    ``received_in_year`` is ``received_on >= start`` (row 一; else row 二 上年结转), and
    ``outcome`` is the case's outcome when ``closed_on <= end`` (its result row), else None
    (row 四 结转下年度继续办理). `ApplicationRecord.counted_in` is this rule for one record; a
    SQL query grouping by the same three expressions and the applicant type gives the counts.
    """

    applicant: ApplicantType
    received_in_year: bool
    outcome: Outcome | None
    count: int = 1

    def __post_init__(self) -> None:
        if isinstance(self.count, bool) or not isinstance(self.count, int) or self.count < 0:
            raise RecordError(f"申请件数应为非负整数，实际为 {self.count!r}", code="invalid_count")


@dataclass(frozen=True, slots=True)
class ApplicationRecord:
    """What the report needs of one application: who, when received, and how and when it closed."""

    applicant: ApplicantType
    received_on: date
    closed_on: date | None = None
    outcome: Outcome | None = None

    def __post_init__(self) -> None:
        if (self.closed_on is None) is not (self.outcome is None):
            raise RecordError(
                f"办结日期与办理结果须同时填写，实际为办结日期 {self.closed_on}、办理结果 "
                f"{self.outcome.label if self.outcome else None}",
                code="closure_incomplete",
            )
        if self.closed_on is not None and self.closed_on < self.received_on:
            raise RecordError(
                f"办结日期 {self.closed_on} 早于收到申请日期 {self.received_on}",
                code="closed_before_received",
            )

    @classmethod
    def of(cls, applicant: ApplicantType, received_on: date, state: CaseState) -> ApplicationRecord:
        """The record of a case in ``state``, received on ``received_on`` (第三十一条)."""
        decision = state.decision
        if decision is None:
            return cls(applicant, received_on)
        return cls(applicant, received_on, decision.decided_on, decision.outcome)

    def counted_in(self, year: int) -> ApplicationCount | None:
        """How the report on ``year`` counts this application; None when it is not in that report.

        Not counted: received after the year, or closed before it.
        """
        start, end = statistics_period(year)
        if self.received_on > end or (self.closed_on is not None and self.closed_on < start):
            return None
        closed_in_year = self.closed_on is not None and self.closed_on <= end
        return ApplicationCount(
            self.applicant, self.received_on >= start, self.outcome if closed_in_year else None
        )


def table3(applications: Iterable[ApplicationRecord], year: int) -> Table:
    """Section 三 for ``year`` in the format that year requires, every cell a number.

    Applications received after ``year`` or closed before it are not counted. For a 2019-format
    year the three （六） rows of 2021 count in the single （六）其他处理 row.
    """
    counted = (record.counted_in(year) for record in applications)
    return table3_from_counts((count for count in counted if count is not None), year)


def table3_from_counts(counts: Iterable[ApplicationCount], year: int) -> Table:
    """Section 三 for ``year`` from applications already grouped into counts (see `ApplicationCount`).

    Each count adds to one of rows 一/二 and to one result row or row 四, in its applicant's
    column; （七）总计 and the 总计 column are sums. The same count may come in several parts.
    """
    statistics_period(year)
    spec = format_for_year(year).applications
    cells: Counter[tuple[str, str]] = Counter()
    for group in counts:
        column = group.applicant.id
        cells[NEW_RECEIVED if group.received_in_year else CARRIED_OVER, column] += group.count
        closing_row = CARRIED_FORWARD if group.outcome is None else _row_of(spec, group.outcome)
        cells[closing_row, column] += group.count
    outcome_ids = {row.id for row in spec.outcome_rows}
    for row in spec.rows:
        parts = outcome_ids if row.id == TOTAL else {row.id}
        for column in row.column_ids:
            if column != TOTAL:
                cells[row.id, column] = sum(cells[part, column] for part in parts)
        cells[row.id, TOTAL] = sum(cells[row.id, column] for column in row.column_ids if column != TOTAL)
    return Table.from_rows(
        spec, {row.id: {column: cells[row.id, column] for column in row.column_ids} for row in spec.rows}
    )


def _row_of(spec: TableSpec, outcome: Outcome) -> str:
    if spec.has_row(outcome.id):
        return outcome.id
    group = outcome.row.group
    if group is not None and spec.has_row(group.id):
        return group.id  # 2019: （六）其他处理 is one row
    raise RecordError(f"“{outcome.label}”在该年度报告格式中没有对应行", code="outcome_not_in_format")
