"""Section 四 of the annual report, counted from the review and litigation cases themselves.

The kinds of case are the three column blocks of section 四 — 行政复议, 行政诉讼·未经复议直接起诉,
行政诉讼·复议后起诉 — and the results its columns 结果维持, 结果纠正, 其他结果, with 尚未审结 for a
case still open; all are read from `gongkai.formats.national.REVIEW_LITIGATION` (the same in
the 2019 and 2021 formats), never retyped. An id is the canonical id of the report JSON.

Counting (``docs/statistics.md``). What the formats say: the table counts the review and
litigation cases in which the body was respondent or defendant because of its disclosure work
(条例 第五十条第（三）项, spec §1.4), and each block's 总计 is the sum of its four results
(spec §3 C7, which holds here by construction). When a case counts is not written anywhere;
this product's convention, the one section 三 uses for applications (spec §3): a case counts in
the year it was concluded, with its result, and as 尚未审结 in every year on whose 31 December it
had been filed and not yet concluded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.annual.model import Table
from gongkai.cases.outcomes import TOTAL, RecordError
from gongkai.cases.statistics import statistics_period
from gongkai.formats import REVIEW_LITIGATION, ColumnSpec, RowSpec

PENDING = "pending"  # 尚未审结: the column of a case not concluded by 31 December

_KINDS: dict[str, RowSpec] = {row.id: row for row in REVIEW_LITIGATION.rows}
_RESULT_COLUMNS: dict[str, ColumnSpec] = {
    column.id: column for column in REVIEW_LITIGATION.rows[0].columns if column.id not in {PENDING, TOTAL}
}


@dataclass(frozen=True, slots=True)
class AppealKind:
    """One column block of section 四: ``AppealKind("litigation_after_review")``."""

    id: str

    def __post_init__(self) -> None:
        if self.id not in _KINDS:
            raise RecordError(
                f"“{self.id}”不是年度报告第四项的案件类别，应为：{'、'.join(_KINDS)}",
                code="unknown_appeal_kind",
            )

    @property
    def row(self) -> RowSpec:
        return _KINDS[self.id]

    @property
    def label(self) -> str:
        """The block's own label, e.g. ``复议后起诉``."""
        return self.row.label.text

    @property
    def title(self) -> str:
        """The label with its group, e.g. ``行政诉讼·复议后起诉``."""
        group = self.row.group
        return self.label if group is None else f"{group.label.text}·{self.label}"


APPEAL_KINDS: tuple[AppealKind, ...] = tuple(AppealKind(kind_id) for kind_id in _KINDS)
REVIEW = AppealKind("review")  # 行政复议
DIRECT_LITIGATION = AppealKind("litigation_direct")  # 行政诉讼·未经复议直接起诉
LITIGATION_AFTER_REVIEW = AppealKind("litigation_after_review")  # 行政诉讼·复议后起诉


@dataclass(frozen=True, slots=True)
class AppealResult:
    """How a concluded case ended, a result column of section 四: ``AppealResult("corrected")``."""

    id: str

    def __post_init__(self) -> None:
        if self.id not in _RESULT_COLUMNS:
            raise RecordError(
                f"“{self.id}”不是复议或诉讼的审结结果，应为：{'、'.join(_RESULT_COLUMNS)}",
                code="unknown_appeal_result",
            )

    @property
    def label(self) -> str:
        """The column label, e.g. ``结果纠正``."""
        return _RESULT_COLUMNS[self.id].title


APPEAL_RESULTS: tuple[AppealResult, ...] = tuple(AppealResult(column_id) for column_id in _RESULT_COLUMNS)
PENDING_LABEL = REVIEW_LITIGATION.rows[0].column(PENDING).title  # 尚未审结


@dataclass(frozen=True, slots=True)
class AppealRecord:
    """What the report needs of one review or suit: its kind, when filed, and how and when concluded."""

    kind: AppealKind
    filed_on: date
    concluded_on: date | None = None
    result: AppealResult | None = None

    def __post_init__(self) -> None:
        if (self.concluded_on is None) is not (self.result is None):
            raise RecordError(
                f"审结日期与审结结果须同时填写，实际为审结日期 {self.concluded_on}、审结结果 "
                f"{self.result.label if self.result else None}",
                code="conclusion_incomplete",
            )
        if self.concluded_on is not None and self.concluded_on < self.filed_on:
            raise RecordError(
                f"审结日期 {self.concluded_on} 早于{self.kind.title}的提起日期 {self.filed_on}",
                code="concluded_before_filed",
            )

    def column_in(self, year: int) -> str | None:
        """The section 四 column the report on ``year`` counts this case in; None when not counted.

        Its result's column if concluded during the year; 尚未审结 if filed by 31 December and
        not concluded by then; not counted if filed after the year or concluded before it.
        """
        start, end = statistics_period(year)
        if self.filed_on > end or (self.concluded_on is not None and self.concluded_on < start):
            return None
        if self.concluded_on is None or self.concluded_on > end:
            return PENDING
        assert self.result is not None  # AppealRecord pairs the two
        return self.result.id


def table4(records: Iterable[AppealRecord], year: int) -> Table:
    """Section 四 for ``year``, every cell a number; each block's 总计 is the sum of its four results."""
    statistics_period(year)
    cells: Counter[tuple[str, str]] = Counter()
    for record in records:
        column = record.column_in(year)
        if column is not None:
            cells[record.kind.id, column] += 1
    rows: dict[str, dict[str, int]] = {}
    for row in REVIEW_LITIGATION.rows:
        parts = {column: cells[row.id, column] for column in row.column_ids if column != TOTAL}
        rows[row.id] = parts | {TOTAL: sum(parts.values())}
    return Table.from_rows(REVIEW_LITIGATION, rows)
