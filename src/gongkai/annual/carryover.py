"""The figures of a report that the next year's report continues from (spec §3 C6, C8, C10).

Section 三's 上年结转 is last year's 结转下年度继续办理, column by column (C6); in the 2021 format
二（一）'s 现行有效件数 continues from last year's, plus 本年制发件数 and minus 本年废止件数 (C8); in
the 2019 format 二（五）（六）（八）'s 上一年项目数量 is last year's 上一年项目数量 plus its 本年增/减
(C10). When a body imports its last published report as the base of its first year in gongkai,
these are the figures the officer must see read correctly before confirming the import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gongkai.annual.checks.crossyear import CHANGE, IN_FORCE, ISSUED, PREVIOUS_ITEMS, REPEALED
from gongkai.annual.checks.tables import CARRIED_FORWARD, CARRIED_OVER
from gongkai.annual.codes import Code
from gongkai.annual.model import AnnualReport, Number, Table
from gongkai.formats.national import PROACTIVE_2019, PROACTIVE_2021


@dataclass(frozen=True, slots=True)
class CarriedFigure:
    """One figure of a report and the cell of the next year's report it continues into."""

    source: str  # the report's cell (or cells), as a clerk names them
    value: Number | None  # None when the cell is blank or printed as text
    continues: str  # the next year's cell it becomes, as a clerk names it
    rule: Code  # the cross-year check that compares the two


def carried_figures(report: AnnualReport) -> list[CarriedFigure]:
    """The figures of ``report`` that the next year's report continues: section 二's, then 三's."""
    found: list[CarriedFigure] = []
    proactive = report.proactive
    if proactive is not None and proactive.spec is PROACTIVE_2021:
        for row in proactive.spec.rows:
            if IN_FORCE in row.column_ids:
                label = proactive.spec.describe(row.id, IN_FORCE)
                in_force = proactive.value(row.id, IN_FORCE)
                found.append(CarriedFigure(label, in_force, f"{label}（加本年制发、减本年废止）", Code.C8))
    if proactive is not None and proactive.spec is PROACTIVE_2019:
        for row in proactive.spec.rows:
            if {PREVIOUS_ITEMS, CHANGE} <= set(row.column_ids):
                items = proactive.value(row.id, PREVIOUS_ITEMS)
                change = proactive[(row.id, CHANGE)]
                # A blank 本年增/减 counts as 0 (C4); a printed word such as 增 leaves the sum unknown.
                known = items is not None and (change.is_blank or change.value is not None)
                found.append(
                    CarriedFigure(
                        f"{proactive.spec.describe(row.id, PREVIOUS_ITEMS)} + {row.column(CHANGE).title}",
                        items + (change.value or 0) if known and items is not None else None,
                        proactive.spec.describe(row.id, PREVIOUS_ITEMS),
                        Code.C10,
                    )
                )
    applications = report.applications
    if applications is not None:
        spec = applications.spec
        for column_id in spec.row(CARRIED_FORWARD).column_ids:
            found.append(
                CarriedFigure(
                    spec.describe(CARRIED_FORWARD, column_id),
                    applications.value(CARRIED_FORWARD, column_id),
                    spec.describe(CARRIED_OVER, column_id),
                    Code.C6,
                )
            )
    return found


def continued_proactive(
    before: Table, entered: Mapping[str, Mapping[str, int | str | None]]
) -> dict[tuple[str, str], int]:
    """This year's section 二 figures that follow from last year's table ``before`` (C8, C10).

    ``entered`` holds this year's figures by row and column as entered (本年制发件数 and
    本年废止件数 change 现行有效件数; absent or blank means 0). 2021: 现行有效件数 = last year's +
    制发 − 废止, never below 0; 2019: 上一年项目数量 = last year's 上一年项目数量 + its 本年增/减.
    Cells whose last-year figure is blank or printed as text are left out: nothing is guessed.
    """
    continued: dict[tuple[str, str], int] = {}
    for row in before.spec.rows:
        now = entered.get(row.id, {})
        if IN_FORCE in row.column_ids:
            last = before.value(row.id, IN_FORCE)
            if last is not None:
                value = int(last) + int(now.get(ISSUED) or 0) - int(now.get(REPEALED) or 0)
                continued[(row.id, IN_FORCE)] = max(value, 0)
        if PREVIOUS_ITEMS in row.column_ids:
            items = before.value(row.id, PREVIOUS_ITEMS)
            if items is not None:
                continued[(row.id, PREVIOUS_ITEMS)] = int(items) + int(before.value(row.id, CHANGE) or 0)
    return continued
