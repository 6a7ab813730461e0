"""The figures a supervisor charts, summed over many reports: applications by outcome and by applicant.

Categories come from the taxonomy (`gongkai.formats`), never from printed labels:

- by outcome: the rows of section 三 that count in （七）总计 (`RowSpec.is_outcome`), gathered under
  the outcome they belong to — （一）予以公开, （二）部分公开, （三）不予公开 … （六）其他处理 — each
  row's group, or the row itself when it stands alone. The 2019 format's single （六）其他处理 row
  and the 2021 format's three （六） rows fall under the same outcome, so reports of both formats sum.
- by applicant: row 一、本年新收政府信息公开申请数量 in each applicant column (自然人, 商业企业 …)
  except 总计.

Each figure is a row's 总计 column as printed (by outcome) or a cell as printed (by applicant); a
blank cell counts 0 and a cell printed as text is left out, as in the balance rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.annual.model import AnnualReport, Cell
from gongkai.formats import FORMAT_2021, Label, RowSpec, TableId, VariantKind

TOTAL = "total"
RECEIVED = "new_received"


@dataclass(frozen=True, slots=True)
class Tally:
    label: str  # as the national table prints it
    short: str  # the national shortened form where there is one (for a chart's narrow axis)
    value: int


def _outcome_label(row: RowSpec) -> Label:
    return row.group.label if row.group is not None else row.label


def outcome_of(row: RowSpec) -> str:
    """The outcome a section 三 row counts under, as the national table labels it."""
    return _outcome_label(row).text


def _short(label: Label) -> str:
    return next((v.text for v in label.variants if v.kind is VariantKind.SHORTENED), label.text)


def _outcomes() -> dict[str, str]:
    labels: dict[str, str] = {}
    for row in FORMAT_2021.applications.rows:
        if row.is_outcome:
            labels.setdefault(outcome_of(row), _short(_outcome_label(row)))
    return labels


OUTCOMES = _outcomes()
APPLICANTS = tuple(column for column in FORMAT_2021.applications.row(RECEIVED).columns if column.id != TOTAL)


def _count(cell: Cell) -> int:
    """A section 三 figure (a count): blank as 0; text, which has no value, also adds nothing."""
    return int(cell.value or 0)


def by_outcome(reports: Iterable[AnnualReport]) -> list[Tally]:
    """Applications handled this year by outcome, summed over ``reports``, in the table's order."""
    sums = dict.fromkeys(OUTCOMES, 0)
    for report in reports:
        table = report.table(TableId.APPLICATIONS)
        if table is None:
            continue
        for row in table.spec.rows:
            if row.is_outcome:
                sums[outcome_of(row)] += _count(table[(row.id, TOTAL)])
    return [Tally(label, OUTCOMES[label], value) for label, value in sums.items()]


def by_applicant(reports: Iterable[AnnualReport]) -> list[Tally]:
    """Applications newly received this year by applicant type, summed over ``reports``."""
    sums = {column.id: 0 for column in APPLICANTS}
    for report in reports:
        table = report.table(TableId.APPLICATIONS)
        if table is None:
            continue
        for column_id in sums:
            sums[column_id] += _count(table[(RECEIVED, column_id)])
    return [Tally(column.title, _short(column.label), sums[column.id]) for column in APPLICANTS]


def received(reports: Iterable[AnnualReport]) -> int:
    """Applications newly received this year (一、本年新收 · 总计), summed over ``reports``."""
    total = 0
    for report in reports:
        table = report.table(TableId.APPLICATIONS)
        if table is not None:
            total += _count(table[(RECEIVED, TOTAL)])
    return total


__all__ = ["APPLICANTS", "OUTCOMES", "Tally", "by_applicant", "by_outcome", "outcome_of", "received"]
