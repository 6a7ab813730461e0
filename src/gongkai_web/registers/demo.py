"""A plausible register for the demo body: documents across five years and monthly figures.

Dates are relative to ``today`` so the demo's last year and this year always have entries:
documents issued over the five years before, two of them since repealed, and monthly figures
for every month of last year and the months of this year already ended.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gongkai.proactive import DocumentKind, FigureItem
from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body
from gongkai_web.registers.services import add_document, record_figures

REG = DocumentKind.REGULATIONS
NORM = DocumentKind.NORMATIVE_DOCUMENTS

# (kind, title, 文号 pattern, years before today, month, day, repealed: (years before, month, day) or None)
DOCUMENTS: tuple[tuple[DocumentKind, str, str, int, int, int, tuple[int, int, int] | None], ...] = (
    (REG, "演示县人民政府规章制定程序规定", "演示县人民政府令第{n}号", 5, 3, 15, None),
    (NORM, "演示县城区养犬管理办法", "演示政规〔{year}〕1号", 5, 6, 1, None),
    (NORM, "演示县农村危房改造补助资金管理办法", "演示政规〔{year}〕2号", 4, 4, 20, (1, 6, 30)),
    (NORM, "演示县城区公共停车场收费管理办法", "演示政规〔{year}〕1号", 3, 9, 1, None),
    (REG, "演示县城乡规划管理规定", "演示县人民政府令第{n}号", 2, 5, 10, None),
    (NORM, "演示县义务教育阶段学校招生入学办法", "演示政规〔{year}〕1号", 1, 3, 1, None),
    (NORM, "演示县农村危房改造补助资金管理办法（修订）", "演示政规〔{year}〕2号", 1, 6, 30, None),
    (NORM, "演示县政府投资项目管理暂行办法", "演示政规〔{year}〕3号", 1, 11, 15, (0, 1, 2)),
)

FEES_IN_FEN = (
    1835000, 1240050, 2160000, 1987525, 2304000, 2051080,
    1769000, 1632540, 2218000, 1993060, 2145500, 2678030,
)  # fmt: skip

# A county office's month: decisions on 行政许可, 行政处罚, 行政强制, and fees collected in 元.
MONTHLY: dict[FigureItem, tuple[int | Decimal, ...]] = {
    FigureItem.LICENSING: (86, 64, 95, 102, 110, 98, 91, 87, 105, 93, 99, 120),
    FigureItem.PENALTY: (12, 8, 15, 14, 11, 17, 9, 13, 16, 10, 12, 18),
    FigureItem.COERCION: (1, 0, 2, 1, 0, 1, 3, 0, 1, 2, 0, 1),
    FigureItem.FEES: tuple(Decimal(fen) / 100 for fen in FEES_IN_FEN),
}


def load_registers(*, body: Body, actor: User, today: dt.date) -> int:
    """Register the demo documents and figures for ``body`` as ``actor``; the number of documents."""
    added = 0
    for n, (kind, title, pattern, back, month, day, repeal) in enumerate(DOCUMENTS, start=1):
        issued_on = dt.date(today.year - back, month, day)
        repealed_on = None if repeal is None else dt.date(today.year - repeal[0], repeal[1], repeal[2])
        if issued_on > today:
            continue
        if repealed_on is not None and repealed_on > today:
            repealed_on = None
        add_document(
            body=body, kind=kind, title=title, number=pattern.format(year=issued_on.year, n=n),
            issued_on=issued_on, repealed_on=repealed_on, actor=actor,
        )  # fmt: skip
        added += 1
    for year, months in ((today.year - 1, 12), (today.year, today.month - 1)):
        values: dict[tuple[int, FigureItem], int | Decimal | None] = {
            (month, item): figures[month - 1]
            for item, figures in MONTHLY.items()
            for month in range(1, months + 1)
        }
        record_figures(body=body, year=year, values=values, actor=actor)
    return added
