"""Section 二 of the annual report (主动公开政府信息情况), counted from a body's registers.

条例 第二十条 lists what a body discloses proactively; the annual report counts four of its
items in section 二. A body keeps two registers that hold what the counts need:

- the documents register: each 规章 and 行政规范性文件 (第二十条第（一）项) with the day it was
  issued (印发) and, once repealed (废止), the day of repeal (`RegisteredDocument`);
- monthly figures: decisions made on 行政许可 (第（五）项), 行政处罚 and 行政强制 (第（六）项),
  and the 行政事业性收费 collected, in 元 (第（八）项) (`MonthlyFigure`).

For report year Y (2021 format, 国办公开办函〔2021〕30号):

- 本年制发件数 = documents issued in Y; 本年废止件数 = documents repealed in Y;
- 现行有效件数 = documents issued on or before 31 December Y and not repealed by then;
- 本年处理决定数量 = the sum of the item's monthly figures of Y;
- 本年收费金额（单位：万元）= the sum of the year's fee figures in 元, converted once, on the
  total, to 万元 and rounded half-up to `WAN_YUAN_PLACES` decimals (see `yuan_to_wan_yuan`).

So C8 (现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y)) and C9 hold by
construction: every document repealed in Y was issued by the end of Y and in force at the end
of Y−1.

A year in the 2019 format (report years 2019 and 2020, 国办公开办函〔2019〕60号) asks for figures
the registers do not hold: 本年新公开数量 and 对外公开总数量 (publication is not registered),
上一年项目数量 and 本年增/减 (counts of 事项, not of decisions), 其他对外管理服务事项 and
政府集中采购. Those cells are left blank (`underived_cells` names them); what the registers do
hold is filled: 本年新制作数量 = documents issued in the year (a 规章 or 规范性文件 is made when it is
issued) and 处理决定数量 of 行政许可, 行政处罚 and 行政强制.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from gongkai.annual.model import Cell, Table
from gongkai.errors import GongkaiError
from gongkai.formats import FORMAT_2019, FORMAT_2021, MoneyUnit, format_for_year

# Published reports print 万元 with four decimals (the Henan template says so:
# 本年收费金额（单位：万元，保留4位小数）); 0.0001 万元 is 1 元.
WAN_YUAN_PLACES = 4
YUAN_PLACES = 2  # a fee is collected in 元 and 分
LAST_YEAR = 9998  # the last year whose 31 December a date can follow


class RegisterError(GongkaiError):
    """A register entry the counts cannot use (a negative count, a repeal before issue, ...)."""

    code = "register_invalid"


class DocumentKind(StrEnum):
    """The two rows of 第二十条第（一）项; the values are the row ids of section 二."""

    REGULATIONS = "regulations"
    NORMATIVE_DOCUMENTS = "normative_documents"

    @property
    def label(self) -> str:
        """The row's label in the current (2021) format: 规章, 行政规范性文件."""
        return FORMAT_2021.proactive.row(self.value).label.text


class FigureItem(StrEnum):
    """The items counted month by month; the values are the row ids of section 二."""

    LICENSING = "licensing"
    PENALTY = "penalty"
    COERCION = "coercion"
    FEES = "fees"

    @property
    def label(self) -> str:
        """行政许可, 行政处罚, 行政强制, 行政事业性收费 (the 2021 format's row labels)."""
        return FORMAT_2021.proactive.row(self.value).label.text

    @property
    def is_money(self) -> bool:
        """The fee item is an amount in 元; the others count decisions."""
        return self is FigureItem.FEES

    @property
    def unit_label(self) -> str:
        return MoneyUnit.YUAN.value if self.is_money else "件"


@dataclass(frozen=True, slots=True)
class RegisteredDocument:
    """A 规章 or 行政规范性文件 of the body: when it was issued and, if repealed, when."""

    kind: DocumentKind
    issued_on: dt.date
    repealed_on: dt.date | None = None

    def __post_init__(self) -> None:
        if self.repealed_on is not None and self.repealed_on < self.issued_on:
            raise RegisterError(
                f"废止日期 {self.repealed_on} 早于印发日期 {self.issued_on}", code="repealed_before_issued"
            )

    def in_force_on(self, day: dt.date) -> bool:
        return self.issued_on <= day and (self.repealed_on is None or self.repealed_on > day)


@dataclass(frozen=True, slots=True)
class MonthlyFigure:
    """One month's figure of one item: decisions made (a count) or fees collected (元)."""

    year: int
    month: int
    item: FigureItem
    value: int | Decimal

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise RegisterError(f"月份应为 1 至 12，实为 {self.month}", code="month_out_of_range")
        check_figure(self.item, self.value)


def check_figure(item: FigureItem, value: int | Decimal) -> None:
    """Refuse a value ``item`` cannot take: counts are integers ≥ 0, fees are 元 ≥ 0 to the 分."""
    if item.is_money:
        if not isinstance(value, Decimal) or not value.is_finite():
            raise RegisterError(
                f"{item.label}的金额应为以元为单位的数字，实为 {value!r}", code="fee_not_amount"
            )
        if value < 0:
            raise RegisterError(f"{item.label}的金额不能为负数，实为 {value} 元", code="fee_negative")
        if value != value.quantize(Decimal(1).scaleb(-YUAN_PLACES)):
            raise RegisterError(
                f"{item.label}的金额最多保留两位小数（到分），实为 {value} 元", code="fee_below_fen"
            )
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise RegisterError(f"{item.label}的处理决定数量应为整数，实为 {value!r}", code="count_not_integer")
    if value < 0:
        raise RegisterError(f"{item.label}的处理决定数量不能为负数，实为 {value}", code="count_negative")


def yuan_to_wan_yuan(amount: Decimal) -> Decimal:
    """``amount`` 元 in 万元, rounded half-up (四舍五入) to `WAN_YUAN_PLACES` decimals.

    Exact decimal arithmetic; the rounding is to the nearest 元 (0.0001 万元), done once on the
    year's total so that twelve monthly roundings never add up to a different figure.
    """
    return (amount / MoneyUnit.WAN_YUAN.in_yuan).quantize(Decimal(1).scaleb(-WAN_YUAN_PLACES), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class DocumentCounts:
    """The three 2021 figures of one 第二十条第（一）项 row."""

    issued: int
    repealed: int
    in_force: int


def document_counts(documents: Iterable[RegisteredDocument], year: int) -> dict[DocumentKind, DocumentCounts]:
    """本年制发件数, 本年废止件数 and 现行有效件数 of each kind for ``year`` (see the module doc)."""
    check_year(year)
    end = dt.date(year, 12, 31)
    issued = dict.fromkeys(DocumentKind, 0)
    repealed = dict.fromkeys(DocumentKind, 0)
    in_force = dict.fromkeys(DocumentKind, 0)
    for document in documents:
        issued[document.kind] += document.issued_on.year == year
        repealed[document.kind] += document.repealed_on is not None and document.repealed_on.year == year
        in_force[document.kind] += document.in_force_on(end)
    return {kind: DocumentCounts(issued[kind], repealed[kind], in_force[kind]) for kind in DocumentKind}


def yearly_figures(figures: Iterable[MonthlyFigure], year: int) -> dict[FigureItem, int | Decimal]:
    """Each item's sum over the months of ``year``: decisions, or fees in 元 (unrounded)."""
    check_year(year)
    totals: dict[FigureItem, int | Decimal] = {
        item: Decimal(0) if item.is_money else 0 for item in FigureItem
    }
    for figure in figures:
        if figure.year == year:
            totals[figure.item] += figure.value
    return totals


Source = Callable[[DocumentCounts | None, int | Decimal | None], Cell]


def _counted(field: str) -> Source:
    return lambda counts, _total: Cell.number(getattr(counts, field)) if counts is not None else Cell.blank()


def _decisions(_counts: DocumentCounts | None, total: int | Decimal | None) -> Cell:
    return Cell.number(total) if total is not None else Cell.blank()


def _fees(_counts: DocumentCounts | None, total: int | Decimal | None) -> Cell:
    if not isinstance(total, Decimal):
        return Cell.blank()
    return Cell.number(yuan_to_wan_yuan(total), MoneyUnit.WAN_YUAN)


# Which column of section 二 the registers fill, by column id, in either format. 本年新制作数量
# (2019 ``made``) is what was issued in the year; any column not named here the registers
# cannot fill, and it stays blank.
SOURCES: Mapping[str, Source] = {
    "issued": _counted("issued"),
    "made": _counted("issued"),
    "repealed": _counted("repealed"),
    "in_force": _counted("in_force"),
    "decisions": _decisions,
    "amount_wan_yuan": _fees,
}


def proactive_table(
    documents: Iterable[RegisteredDocument], figures: Iterable[MonthlyFigure], year: int
) -> Table:
    """Section 二 for ``year`` in the format that year requires, counted from the registers.

    Every cell of the 2021 format is a number. In the 2019 format the cells the registers cannot
    give (`underived_cells`) are blank, so a report built on it shows them as still to be filled.
    """
    spec = format_for_year(check_year(year)).proactive
    counts = document_counts(documents, year)
    totals = yearly_figures(figures, year)
    kinds = {kind.value: kind for kind in DocumentKind}
    items = {item.value: item for item in FigureItem}
    cells: dict[tuple[str, str], Cell] = {}
    for row in spec.rows:
        row_counts = counts[kinds[row.id]] if row.id in kinds else None
        total = totals[items[row.id]] if row.id in items else None
        for column in row.columns:
            source = SOURCES.get(column.id)
            cells[(row.id, column.id)] = Cell.blank() if source is None else source(row_counts, total)
    return Table(spec, tuple(cells[key] for key in spec.keys))


def underived_cells(year: int) -> tuple[tuple[str, str], ...]:
    """The (row id, column id) of section 二 for ``year`` that the registers leave blank.

    Empty for a 2021-format year; for 2019 and 2020 the cells listed in the module doc.
    """
    empty = proactive_table((), (), year)
    return tuple(key for key, cell in zip(empty.spec.keys, empty.cells, strict=True) if cell.is_blank)


def check_year(year: int) -> int:
    """``year`` when a national format covers it (2019 on), else `RegisterError` year_out_of_range."""
    if not FORMAT_2019.first_year <= year <= LAST_YEAR:
        raise RegisterError(
            f"无法统计 {year} 年：年度报告格式自 {FORMAT_2019.first_year} 年起适用（{FORMAT_2019.notice}）",
            code="year_out_of_range",
        )
    return year
