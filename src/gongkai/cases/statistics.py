"""Section 三 of the annual report, counted from the cases themselves.

Counting conventions (spec §3): the unit is one registered application; it is received in
the year of its date of receipt, counts in a result row in the year it was closed, and is
carried forward if still open on 31 December. Each closed case has exactly one outcome, so
the balances C1 (一 + 二 = （七）+ 四), C2 (（七）= Σ results) and C3 (总计 = Σ columns) hold
by construction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.annual.model import Table
from gongkai.cases.outcomes import TOTAL, ApplicantType, Outcome, RecordError
from gongkai.cases.workflow import CaseState
from gongkai.formats import TableSpec, format_for_year

NEW_RECEIVED = "new_received"
CARRIED_OVER = "carried_over"
CARRIED_FORWARD = "carried_forward"


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


def table3(applications: Iterable[ApplicationRecord], year: int) -> Table:
    """Section 三 for ``year`` in the format that year requires, every cell a number.

    Applications received after ``year`` or closed before it are not counted. For a 2019-format
    year the three （六） rows of 2021 count in the single （六）其他处理 row.
    """
    spec = format_for_year(year).applications
    start, end = date(year, 1, 1), date(year, 12, 31)
    counts: Counter[tuple[str, str]] = Counter()
    for record in applications:
        if record.received_on > end or (record.closed_on is not None and record.closed_on < start):
            continue
        column = record.applicant.id
        counts[NEW_RECEIVED if record.received_on >= start else CARRIED_OVER, column] += 1
        if record.closed_on is None or record.closed_on > end:
            counts[CARRIED_FORWARD, column] += 1
        else:
            assert record.outcome is not None  # ApplicationRecord pairs the two
            counts[_row_of(spec, record.outcome), column] += 1
    outcome_ids = {row.id for row in spec.outcome_rows}
    for row in spec.rows:
        parts = outcome_ids if row.id == TOTAL else {row.id}
        for column in row.column_ids:
            if column != TOTAL:
                counts[row.id, column] = sum(counts[part, column] for part in parts)
        counts[row.id, TOTAL] = sum(counts[row.id, column] for column in row.column_ids if column != TOTAL)
    return Table.from_rows(
        spec, {row.id: {column: counts[row.id, column] for column in row.column_ids} for row in spec.rows}
    )


def _row_of(spec: TableSpec, outcome: Outcome) -> str:
    if spec.has_row(outcome.id):
        return outcome.id
    group = outcome.row.group
    if group is not None and spec.has_row(group.id):
        return group.id  # 2019: （六）其他处理 is one row
    raise RecordError(f"“{outcome.label}”在该年度报告格式中没有对应行", code="outcome_not_in_format")
