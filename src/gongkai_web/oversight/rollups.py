"""A people's government's own report beside the sum of its direct subordinates' reports (层级汇总).

The comparison is the core's (`gongkai.annual.rollup.roll_up`); this module picks the readings —
each body's latest received report on the year, as the dashboard does — and shapes each located
difference for a page, every contributor linked to the cell of its own report.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from gongkai.annual.checks.messages import amount
from gongkai.annual.codes import RollupCode
from gongkai.annual.model import AnnualReport, Number
from gongkai.annual.rollup import RollupDifference, roll_up
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.models import IntakeFile
from gongkai_web.oversight.queries import latest_files
from gongkai_web.oversight.tables import report_of


@dataclass(frozen=True, slots=True)
class Part:
    """A subordinate's figure in a sum, with the address of that cell in its report page."""

    body: Body
    value: str
    link: str


@dataclass(frozen=True, slots=True)
class Difference:
    where: str
    cell: str  # the cell as a clerk names it: 第三项第（一）予以公开·自然人
    aggregate: str  # as printed, 空白 for a blank cell
    total: str
    difference: str  # aggregate minus the sum, signed
    unit: str
    aggregate_link: str
    contributors: tuple[Part, ...]  # the subordinates whose figure is not 0


@dataclass(frozen=True, slots=True)
class Missing:
    body: Body
    file: IntakeFile | None  # None: nothing received; else received but unreadable


@dataclass(frozen=True, slots=True)
class RollupView:
    aggregate: IntakeFile
    summed: tuple[Body, ...]
    missing: tuple[Missing, ...]
    notices: tuple[str, ...]  # why part of the aggregate was not compared (year, format, table)
    differences: tuple[Difference, ...]
    compared_cells: int


def subordinates(body: Body) -> list[Body]:
    """The bodies directly below ``body``: its departments and the governments one level down."""
    return list(Body.objects.filter(parent=body).order_by("kind", "name"))


def rollup_view(government: Body, year: int, ids: frozenset[int]) -> RollupView | None:
    """``government``'s report on ``year`` against the sum of its direct subordinates' reports among
    ``ids`` (the supervised bodies); None when the government's own report was not read."""
    below = [body for body in subordinates(government) if body.pk in ids]
    latest = latest_files(frozenset({government.pk, *(body.pk for body in below)}), year)
    own = latest.get(government.pk)
    if own is None or own.reading is None or own.reading.failed:
        return None
    aggregate = _report(own)
    read: dict[str, tuple[Body, AnnualReport]] = {}
    missing = []
    for body in below:
        file = latest.get(body.pk)
        if file is None or file.reading is None or file.reading.failed:
            missing.append(Missing(body, file))
        else:
            read[body.name] = (body, _report(file))
    outcome = roll_up(aggregate, {name: report for name, (_, report) in read.items()})
    bodies = {name: body for name, (body, _) in read.items()}
    return RollupView(
        aggregate=own,
        summed=tuple(bodies[name] for name in outcome.summed),
        missing=tuple(missing),
        notices=tuple(f.message for f in outcome.findings if f.code != RollupCode.ROLLUP.value),
        differences=tuple(_difference(d, government, bodies, year) for d in outcome.differences),
        compared_cells=outcome.compared_cells,
    )


def _report(file: IntakeFile) -> AnnualReport:
    assert file.reading is not None
    return report_of(file.reading.report_json)  # deferred by `latest_files`: loaded here, one at a time


def _difference(found: RollupDifference, government: Body, bodies: dict[str, Body], year: int) -> Difference:
    unit = "" if found.unit is None else found.unit.value
    return Difference(
        where=found.where,
        cell=found.table.describe(found.row_id, found.column_id),
        aggregate="空白" if found.aggregate.is_blank else amount(found.aggregate_amount),
        total=amount(found.total),
        difference=_signed(found.difference),
        unit=unit,
        aggregate_link=_cell_link(government, year, found.where),
        contributors=tuple(
            Part(
                bodies[part.body], amount(part.amount or 0), _cell_link(bodies[part.body], year, found.where)
            )
            for part in found.contributors
        ),
    )


def _signed(value: Number) -> str:
    return f"+{amount(value)}" if value > 0 else amount(value)


def _cell_link(body: Body, year: int, where: str) -> str:
    return f"{reverse('oversight:report', args=[year, body.pk])}#cell-{where}"
