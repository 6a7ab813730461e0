"""The demo register: plausible, and its section 二 consistent from year to year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gongkai.annual.checks import check_report
from gongkai.annual.model import AnnualReport
from gongkai_web.accounts.models import User
from gongkai_web.personas import Office
from gongkai_web.registers.demo import load_registers
from gongkai_web.registers.models import MonthlyFigure
from gongkai_web.registers.queries import proactive_table


def test_the_demo_register_gives_a_full_section_2_for_last_year(office: Office, alice: User) -> None:
    assert load_registers(body=office.county, actor=alice, today=dt.date(2026, 3, 10)) == 8
    table = proactive_table(body=office.county, year=2025)
    assert [table.value("regulations", c) for c in ("issued", "repealed", "in_force")] == [0, 0, 2]
    assert [table.value("normative_documents", c) for c in ("issued", "repealed", "in_force")] == [3, 1, 5]
    assert [table.value(item, "decisions") for item in ("licensing", "penalty", "coercion")] == [
        1150,
        155,
        12,
    ]
    assert table.value("fees", "amount_wan_yuan") == Decimal("24.0138")
    assert MonthlyFigure.objects.filter(year=2026).values("month").distinct().count() == 2
    previous = AnnualReport(year=2024, proactive=proactive_table(body=office.county, year=2024))
    codes = {f.code for f in check_report(AnnualReport(year=2025, proactive=table), previous=previous)}
    assert not codes & {"C8", "C9", "C15"}
