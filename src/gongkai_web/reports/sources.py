"""Where the figures of a report come from that the cases do not give.

`proactive_section` is the one place section 二 comes from: a body that keeps the 第二十条 registers
(`gongkai_web.registers`) gets the table counted from them, and the grid the officer fills in the
builder gives only the cells the registers cannot (the 2019 format's item counts); a body without
registers types the whole grid. `fee_figures`
counts the 信息处理费 that section 六 reports (国办函〔2020〕109号) from the cases' fee events.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q

from gongkai.annual.model import Cell, Table
from gongkai.cases import Action
from gongkai.formats import MoneyUnit, TableSpec, ValueKind, format_for_year
from gongkai_web.applications.models import ApplicationEvent
from gongkai_web.bodies.models import Body
from gongkai_web.registers.queries import keeps_registers, proactive_table
from gongkai_web.reports.models import ReportDraft

UNIT_SUFFIX = "_unit"

# Figures quoted in the text that no table holds: token name → label (`gongkai.annual.tokens`).
FEE_FIGURES = {
    "fees.notices": "本年发出收费通知件数（信息处理费）",
    "fees.billed_yuan": "本年收费通知应收金额（元）",
    "fees.collected_yuan": "本年实际收取信息处理费金额（元）",
}


def proactive_section(*, body: Body, year: int) -> Table | None:
    """Section 二 of ``body``'s report on ``year``: counted from its registers, with the builder's
    figures in the cells the registers leave blank; without registers the builder's figures, or
    None when nothing has been drafted for the year."""
    draft = ReportDraft.objects.filter(body=body, year=year).only("proactive").first()
    entered = None if draft is None else table_from_grid(format_for_year(year).proactive, draft.proactive)
    registered = registered_section(body=body, year=year)
    if registered is None:
        return entered
    return registered if entered is None else filled(registered, entered)


def registered_section(*, body: Body, year: int) -> Table | None:
    """Section 二 counted from ``body``'s registers, or None if the body keeps none."""
    if not keeps_registers(body):
        return None
    return proactive_table(body=body, year=year)


def filled(table: Table, other: Table) -> Table:
    """``table`` with its blank cells taken from ``other``."""
    for row, column_id, cell in other.items():
        if table[(row.id, column_id)].is_blank and not cell.is_blank:
            table = table.with_cell(row.id, column_id, cell)
    return table


def table_from_grid(spec: TableSpec, grid: dict[str, Any]) -> Table:
    """The table of a stored grid (row → {column → exact text}); absent and empty cells are blank.

    The grid was validated when it was saved (`forms.ProactiveForm`), so a value that no longer
    reads as a number is a programming error.
    """
    cells: dict[str, dict[str, Cell | None]] = {}
    for row in spec.rows:
        entered = grid.get(row.id) or {}
        for column in row.columns:
            text = entered.get(column.id)
            if text is None or text == "":
                continue
            unit_text = entered.get(column.id + UNIT_SUFFIX)
            unit = column.unit or (MoneyUnit(unit_text) if unit_text else None)
            cells.setdefault(row.id, {})[column.id] = Cell.number(_number(text, column.kind), unit)
    return Table.from_rows(spec, cells)


def _number(text: str, kind: ValueKind) -> int | Decimal:
    if kind is ValueKind.MONEY:
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(f"stored money {text!r} is not a decimal") from None
    return int(text)


def fee_figures(*, body: Body, year: int) -> dict[str, int | Decimal]:
    """Fee notices sent in ``year`` by ``body``, what they billed, and what was paid in ``year`` (元)."""
    notices = ApplicationEvent.objects.filter(
        application__body=body, action=Action.REQUEST_FEE.value, on__year=year
    ).values_list("application_id", "payload")
    billed = {application: Decimal(payload["amount"]) for application, payload in notices}
    paid = ApplicationEvent.objects.filter(
        Q(application__body=body) & Q(action=Action.RECEIVE_PAYMENT.value) & Q(on__year=year)
    ).values_list("application_id", flat=True)
    amounts = dict(
        ApplicationEvent.objects.filter(
            application_id__in=list(paid), action=Action.REQUEST_FEE.value
        ).values_list("application_id", "payload")
    )
    collected = sum((Decimal(payload["amount"]) for payload in amounts.values()), Decimal(0))
    return {
        "fees.notices": len(notices),
        "fees.billed_yuan": sum(billed.values(), Decimal(0)),
        "fees.collected_yuan": collected,
    }
