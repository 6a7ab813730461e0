"""The information-processing fee (信息处理费) of 国办函〔2020〕109号《政府信息公开信息处理费管理办法》.

Requests are free; a fee may be charged only when the quantity or frequency of requests clearly
exceeds a reasonable range (《政府信息公开条例》第四十二条; 109号 第二条). 109号 第三条 offers two
methods, both progressive (超额累进), and one application is charged under one of them, never both:

- 按件计收 (第四条): by the cumulative count of one applicant's applications in a calendar month.
- 按量计收 (第五条): by the number of pages provided for one application.

Waivers (减免): the articles of 109号 consulted (第一条 to 第五条) contain none, and an
article on the fee policy (张思雨、许文,《经济研究导刊》2023年第12期) names
"信息处理费减免措施缺失" as a gap of the 办法. No waiver is therefore modelled; a body
that does not want to charge simply does not assess a fee (the fee is "可以", never
"应当"). The later articles (notice, payment period, receipts) were known only from
secondary sources (spec §5 [S27][S28]); their article numbers are not cited here.

Money is ``Decimal`` yuan throughout. Every function is pure: the month and the dates are arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import assert_never

from gongkai.errors import GongkaiError

REGULATION = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
ENABLING_PROVISION = "《中华人民共和国政府信息公开条例》第四十二条"

FREE = Decimal(0)

# 按件计收, 109号 第四条第二款.
FREE_PIECES_PER_MONTH = 10  # （一）同一申请人一个自然月内累计申请10件以下（含10件）的，不收费
FIRST_PAID_BAND_LAST_PIECE = 30  # （二）11—30件（含30件）的部分
FIRST_PAID_BAND_PRICE = Decimal(100)  # （二）100元/件
PIECE_BAND_SIZE = 10  # （三）31件以上的部分：以10件为一档
PIECE_BAND_INCREMENT = Decimal(100)  # （三）每增加一档，收费标准提高100元/件

# 按量计收, 109号 第五条第二款: per application, by pages.
FREE_PAGES = 30  # （一）30页以下（含30页）的，不收费
PAGE_BAND_10_LAST = 100  # （二）31—100页（含100页）的部分：10元/页
PAGE_BAND_20_LAST = 200  # （三）101—200页（含200页）的部分：20元/页
PAGE_PRICE_UP_TO_100 = Decimal(10)
PAGE_PRICE_UP_TO_200 = Decimal(20)
PAGE_PRICE_ABOVE_200 = Decimal(40)  # （四）201页以上的部分：40元/页

# Days to pay, counted from the day after the notice is received; unpaid means the application is
# deemed abandoned. 109号 as reported in spec §5 [S27][S28]; the article number was not verified.
PAYMENT_PERIOD_WORKING_DAYS = 20


class FeeInputError(GongkaiError):
    """Input the tariff cannot price: a stable ``code`` per kind, a Chinese message with the value got."""

    code = "fee_input_invalid"


class FeeMethod(Enum):
    """109号 第三条: the two methods; one application is charged under one of them only."""

    PER_PIECE = "per_piece"
    PER_VOLUME = "per_volume"

    @property
    def label(self) -> str:
        if self is FeeMethod.PER_PIECE:
            return "按件计收"
        if self is FeeMethod.PER_VOLUME:
            return "按量计收"
        assert_never(self)

    @property
    def basis(self) -> str:
        """The legal basis as a notice cites it in a sentence (根据…的规定), its instruments joined by 和."""
        if self is FeeMethod.PER_PIECE:
            return f"{ENABLING_PROVISION}和{REGULATION}第三条、第四条"
        if self is FeeMethod.PER_VOLUME:
            return f"{ENABLING_PROVISION}和{REGULATION}第三条、第五条"
        assert_never(self)

    @property
    def standard(self) -> tuple[str, ...]:
        """The tariff of the method as the notice states it (收费标准)."""
        if self is FeeMethod.PER_PIECE:
            first_stepped = FIRST_PAID_BAND_LAST_PIECE + 1
            stepped = piece_band(first_stepped)
            return (
                "按同一申请人一个自然月内累计申请的件数计算",
                f"{_span(1, FREE_PIECES_PER_MONTH, '件')}：不收费",
                f"{_span(FREE_PIECES_PER_MONTH + 1, FIRST_PAID_BAND_LAST_PIECE, '件')}："
                f"{_price_text(FIRST_PAID_BAND_PRICE, '件')}",
                f"{_span(first_stepped, None, '件')}：以{PIECE_BAND_SIZE}件为一档，每增加一档，"
                f"每件提高{yuan(PIECE_BAND_INCREMENT)}（{_span(stepped.first, stepped.last, '件')}"
                f"{_price_text(stepped.price, '件')}，依此类推）",
            )
        if self is FeeMethod.PER_VOLUME:
            return tuple(
                f"{_span(band.first, band.last, '页')}：{_price_text(band.price, '页')}"
                for band in PAGE_TARIFF
            )
        assert_never(self)


@dataclass(frozen=True)
class TariffBand:
    """Units ``first``..``last`` (inclusive; ``last`` None: no upper end) cost ``price`` each."""

    first: int
    last: int | None
    price: Decimal

    def units_within(self, total: int) -> int:
        """How many of units 1..``total`` fall in this band."""
        top = total if self.last is None else min(total, self.last)
        return max(0, top - self.first + 1)


PAGE_TARIFF: tuple[TariffBand, ...] = (
    TariffBand(1, FREE_PAGES, FREE),
    TariffBand(FREE_PAGES + 1, PAGE_BAND_10_LAST, PAGE_PRICE_UP_TO_100),
    TariffBand(PAGE_BAND_10_LAST + 1, PAGE_BAND_20_LAST, PAGE_PRICE_UP_TO_200),
    TariffBand(PAGE_BAND_20_LAST + 1, None, PAGE_PRICE_ABOVE_200),
)


def piece_band(ordinal_in_month: int) -> TariffBand:
    """The 按件 band holding the ``ordinal_in_month``-th application (109号 第四条第二款)."""
    _require_count(ordinal_in_month, minimum=1, code="fee_ordinal_invalid", what="本月申请序号")
    if ordinal_in_month <= FREE_PIECES_PER_MONTH:
        return TariffBand(1, FREE_PIECES_PER_MONTH, FREE)
    if ordinal_in_month <= FIRST_PAID_BAND_LAST_PIECE:
        return TariffBand(FREE_PIECES_PER_MONTH + 1, FIRST_PAID_BAND_LAST_PIECE, FIRST_PAID_BAND_PRICE)
    steps = (ordinal_in_month - FIRST_PAID_BAND_LAST_PIECE - 1) // PIECE_BAND_SIZE + 1
    first = FIRST_PAID_BAND_LAST_PIECE + (steps - 1) * PIECE_BAND_SIZE + 1
    return TariffBand(
        first, first + PIECE_BAND_SIZE - 1, FIRST_PAID_BAND_PRICE + steps * PIECE_BAND_INCREMENT
    )


def fee_per_piece(ordinal_in_month: int) -> Decimal:
    """The fee of one applicant's ``ordinal_in_month``-th application of a calendar month, in yuan."""
    return piece_band(ordinal_in_month).price


def fee_per_piece_for_month(applications_in_month: int) -> Decimal:
    """What one applicant's ``applications_in_month`` applications of one month cost together."""
    _require_count(applications_in_month, minimum=0, code="fee_count_invalid", what="本月申请件数")
    total = FREE
    ordinal = 1
    while ordinal <= applications_in_month:
        band = piece_band(ordinal)
        assert band.last is not None  # every 按件 band is closed
        units = min(band.last, applications_in_month) - ordinal + 1
        total += units * band.price
        ordinal += units
    return total


def fee_per_volume(pages: int) -> Decimal:
    """The fee of one application providing ``pages`` pages, progressive (109号 第五条), in yuan."""
    _require_count(pages, minimum=0, code="fee_pages_invalid", what="页数")
    return sum((band.units_within(pages) * band.price for band in PAGE_TARIFF), FREE)


@dataclass(frozen=True)
class FeeAssessment:
    """The fee of one application: what a clerk reviews and the notice prints.

    ``units`` is the application's ordinal in the month (按件) or its page count (按量); ``lines``
    explain the amount band by band.
    """

    method: FeeMethod
    units: int
    amount: Decimal
    lines: tuple[str, ...]

    @property
    def basis(self) -> str:
        return self.method.basis

    @property
    def chargeable(self) -> bool:
        return self.amount > FREE


def assess(
    method: FeeMethod, *, ordinal_in_month: int | None = None, pages: int | None = None
) -> FeeAssessment:
    """Price one application under ``method``.

    Give ``ordinal_in_month`` for 按件 and ``pages`` for 按量, never both (109号 第三条: one method
    per application). Raises ``FeeInputError`` for a missing, mixed or out-of-range input.
    """
    if ordinal_in_month is not None and pages is not None:
        raise FeeInputError(
            "同一申请不得同时按件和按量计收（109号第三条）："
            f"收到本月申请序号 {ordinal_in_month!r} 和页数 {pages!r}",
            code="fee_both_methods",
        )
    if method is FeeMethod.PER_PIECE:
        if ordinal_in_month is None:
            raise FeeInputError(
                f"按件计收须给出该申请人本自然月内的申请序号：收到页数 {pages!r}", code="fee_input_missing"
            )
        return _assess_piece(ordinal_in_month)
    if method is FeeMethod.PER_VOLUME:
        if pages is None:
            raise FeeInputError(
                f"按量计收须给出提供的页数：收到本月申请序号 {ordinal_in_month!r}", code="fee_input_missing"
            )
        return _assess_volume(pages)
    assert_never(method)


def _assess_piece(ordinal: int) -> FeeAssessment:
    band = piece_band(ordinal)
    return FeeAssessment(
        method=FeeMethod.PER_PIECE,
        units=ordinal,
        amount=band.price,
        lines=(
            f"本申请为同一申请人本自然月内第{ordinal}件申请",
            f"{_span(band.first, band.last, '件')}：{_price_text(band.price, '件')}",
            f"合计：{yuan(band.price)}",
        ),
    )


def _assess_volume(pages: int) -> FeeAssessment:
    amount = fee_per_volume(pages)
    lines = [f"本申请提供政府信息共{pages}页"]
    for band in PAGE_TARIFF:
        units = band.units_within(pages)
        if units == 0:
            continue
        span = _span(band.first, band.first + units - 1, "页")
        if band.price == FREE:
            lines.append(f"{span}：{units}页，不收费")
        else:
            lines.append(f"{span}：{units}页×{yuan(band.price)}＝{yuan(units * band.price)}")
    lines.append(f"合计：{yuan(amount)}")
    return FeeAssessment(method=FeeMethod.PER_VOLUME, units=pages, amount=amount, lines=tuple(lines))


@dataclass(frozen=True)
class FeeNotice:
    """The contents a fee notice (收费通知) must state: basis, standard, amount, payment method.

    Spec §5 [S27][S28]; the letter templates render it. ``calculation`` is the band breakdown.
    """

    basis: str
    standard: tuple[str, ...]
    amount: Decimal
    calculation: tuple[str, ...]
    payment_method: str
    payment_period_working_days: int = PAYMENT_PERIOD_WORKING_DAYS

    @classmethod
    def from_assessment(cls, assessment: FeeAssessment, *, payment_method: str) -> FeeNotice:
        """The notice for a chargeable assessment; refuses a free one or a blank payment method."""
        if not assessment.chargeable:
            raise FeeInputError(
                f"该申请无需收费（{assessment.method.label}，金额 {yuan(assessment.amount)}），"
                "不应发出收费通知",
                code="fee_notice_not_chargeable",
            )
        if not payment_method.strip():
            raise FeeInputError(
                f"收费通知须写明缴纳方式：收到 {payment_method!r}", code="fee_payment_method_missing"
            )
        return cls(
            basis=assessment.basis,
            standard=assessment.method.standard,
            amount=assessment.amount,
            calculation=assessment.lines,
            payment_method=payment_method.strip(),
        )


def count_in_month(receipts: Iterable[tuple[str, date]], *, applicant_id: str, year: int, month: int) -> int:
    """How many of ``receipts`` (applicant id, received date) are ``applicant_id``'s in year-month."""
    return sum(
        1
        for receipt_applicant, received_on in receipts
        if receipt_applicant == applicant_id and (received_on.year, received_on.month) == (year, month)
    )


def next_ordinal_in_month(
    registered: Iterable[tuple[str, date]], *, applicant_id: str, received_on: date
) -> int:
    """The ordinal in its month of a new application, given the applications already registered.

    Counts ``applicant_id``'s registered applications received in the same calendar month on or
    before ``received_on``; applications of the same day count in registration order, so the new
    one comes after them. "一事一申请" splits (109号 第四条) count only if registered as applications.
    """
    return (
        sum(
            1
            for receipt_applicant, earlier_on in registered
            if receipt_applicant == applicant_id
            and (earlier_on.year, earlier_on.month) == (received_on.year, received_on.month)
            and earlier_on <= received_on
        )
        + 1
    )


def yuan(amount: Decimal) -> str:
    """``Decimal(1700)`` -> ``"1700元"``; fractions keep two places (``"12.50元"``)."""
    if amount == amount.to_integral_value():
        return f"{amount.to_integral_value()}元"
    return f"{amount.quantize(Decimal('0.01'))}元"


def _span(first: int, last: int | None, unit: str) -> str:
    if last is None:
        return f"第{first}{unit}以上"
    if first == last:
        return f"第{first}{unit}"
    return f"第{first}–{last}{unit}"


def _price_text(price: Decimal, unit: str) -> str:
    return "不收费" if price == FREE else f"每{unit}{yuan(price)}"


def _require_count(value: object, *, minimum: int, code: str, what: str) -> None:
    # bool is an int subclass; True pages is a caller's bug, not one page.
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise FeeInputError(f"{what}须为不小于{minimum}的整数：收到 {value!r}", code=code)
