"""The oversight part of the demo: a small city hierarchy, its supervisor, and reports read by the intake.

The reports are real published ones from the project's corpus (tests/data/corpus), kept here as
canonical JSON (``demo_reports/``: 020 沭阳县发展和改革局 2023, 006 and 017 淮安市洪泽区人民政府 2023 and
2024, 005 淮安市人民政府 2024; narrative text dropped) and renamed to the demo's bodies. Each is
rendered with the core renderers (TXT, HTML, Word) and goes through the intake as an upload would:
stored by hash, read in a bounded child process, its reading kept. So the demo needs no file
outside the package.

Last year (the dashboard's default) the city's departments sent the 020 figures once and three
times, the 东区 government five times, and the city's own report gives nine times those figures
except four applications more from natural persons — the roll-up page finds those four. The 东区
department sent its county's 2024 report with its published defects; 新桥镇 sent nothing. The year
before holds the city's and 东区's real reports for the trend and the comparison.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, replace
from pathlib import Path

from gongkai.annual import jsonio
from gongkai.annual.model import AnnualReport, Cell, Table
from gongkai.annual.render import RENDERERS
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.oversight.reading import read_next
from gongkai_web.oversight.services import (
    Upload,
    assign_file,
    grant_supervision,
    import_hierarchy,
    receive_batch,
)

REPORTS = Path(__file__).parent / "demo_reports"
CITY = "演示市人民政府"
HIERARCHY = f"""机关名称,层级,上级机关
{CITY},市级,
演示市教育局,部门,{CITY}
演示市民政局,部门,{CITY}
演示市东区人民政府,县级,{CITY}
演示市东区教育体育局,部门,演示市东区人民政府
演示市东区新桥镇人民政府,乡级,演示市东区人民政府
"""
SUPERVISOR = ("jiandu", "孙监督")
EXTRA_APPLICATIONS = 4  # the city's own report counts these more than its subordinates' sum


@dataclass(frozen=True, slots=True)
class DemoSupervisor:
    username: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class _Sent:
    body: str
    source: str  # a file in REPORTS
    factor: int
    kind: str  # the renderer: txt, html or docx
    year_offset: int  # 1: last year's report, 2: the year before
    late_days: int  # published this many days after the statutory deadline (negative: before)


SENT = (
    _Sent("演示市教育局", "department", 1, "html", 1, -10),
    _Sent("演示市民政局", "department", 3, "txt", 1, 5),
    _Sent("演示市东区人民政府", "department", 5, "docx", 1, -3),
    _Sent("演示市东区教育体育局", "county-department", 1, "txt", 1, -1),
    _Sent(CITY, "department", 9, "docx", 1, 0),
    _Sent(CITY, "city-earlier", 1, "docx", 2, -20),
    _Sent("演示市东区人民政府", "county-earlier", 1, "html", 2, -2),
)


def load_oversight(*, today: dt.date, password: str) -> DemoSupervisor:
    """Import the hierarchy, make the supervisor, receive and read the reports (in this process)."""
    import_hierarchy(content=HIERARCHY.encode(), within=None)
    bodies = {body.name: body for body in Body.objects.filter(name__startswith="演示市")}
    username, name = SUPERVISOR
    user = User.objects.create_user(username=username, password=password, last_name=name)
    grant_supervision(user=user, body=bodies[CITY])
    for sent in SENT:
        _receive(user, bodies[sent.body], sent, today)
    return DemoSupervisor(username, name, f"监督检查：{CITY}及下级机关")


def _receive(user: User, body: Body, sent: _Sent, today: dt.date) -> None:
    year = today.year - sent.year_offset
    report = _report(sent, body.name, year)
    renderer = RENDERERS[sent.kind]
    name = f"{body.name}{year}年政府信息公开工作年度报告{renderer.suffix}"
    content = renderer.render(report)
    batch = receive_batch(
        actor=user, uploads=[Upload(name, io.BytesIO(content), len(content))], year=year, body=body
    )
    while read_next(batch.pk) is not None:
        pass
    file = batch.files.get()
    published = body.annual_report_due(year) + dt.timedelta(days=sent.late_days)
    assign_file(actor=user, file=file, body=body, published_on=published if published <= today else None)


def _report(sent: _Sent, agency: str, year: int) -> AnnualReport:
    report = jsonio.loads((REPORTS / f"{sent.source}.json").read_text(encoding="utf-8"))
    report = replace(report, agency=agency, year=year, title=f"{agency}{year}年政府信息公开工作年度报告")
    if sent.factor != 1:
        report = scaled(report, sent.factor)
    if sent.body == CITY and sent.year_offset == 1:
        report = _more_applications(report, EXTRA_APPLICATIONS)
    return report


def scaled(report: AnnualReport, factor: int) -> AnnualReport:
    """Every figure multiplied by ``factor``: the report's own balances still hold."""
    for table in report.tables:
        cells = tuple(
            cell if cell.value is None else Cell.number(cell.value * factor, cell.unit)
            for _, _, cell in table.items()
        )
        report = report.with_table(Table(table.spec, cells))
    return report


def _more_applications(report: AnnualReport, extra: int) -> AnnualReport:
    """``extra`` more applications newly received from natural persons (and in the row's total)."""
    table = report.applications
    assert table is not None
    cells = tuple(
        Cell.number((cell.value or 0) + extra)
        if row.id == "new_received" and column_id in ("natural_person", "total")
        else cell
        for row, column_id, cell in table.items()
    )
    return report.with_table(Table(table.spec, cells))
