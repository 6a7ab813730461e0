"""The 国办函〔2020〕109号 tariff: 按件 by the month's cumulative count, 按量 by pages, never both."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.errors import GongkaiError
from gongkai.fees import (
    FeeAssessment,
    FeeInputError,
    FeeMethod,
    FeeNotice,
    assess,
    count_in_month,
    fee_per_piece,
    fee_per_piece_for_month,
    fee_per_volume,
    next_ordinal_in_month,
    yuan,
)


def _naive_piece_prices(up_to: int) -> list[Decimal]:
    """109号 第四条 spelled out one application at a time, independent of the module's arithmetic."""
    prices = [Decimal(0)] * 10 + [Decimal(100)] * 20
    price = Decimal(100)
    while len(prices) < up_to:
        price += 100
        prices += [price] * 10
    return prices[:up_to]


NAIVE_PIECE_PRICES = _naive_piece_prices(1000)


def _naive_page_price(page: int) -> Decimal:
    if page <= 30:
        return Decimal(0)
    if page <= 100:
        return Decimal(10)
    if page <= 200:
        return Decimal(20)
    return Decimal(40)


# Spec §5 worked examples.


def test_the_35th_application_of_the_month_costs_200_yuan():
    assert fee_per_piece(35) == Decimal(200)


def test_a_month_of_35_applications_costs_3000_yuan():
    assert fee_per_piece_for_month(35) == Decimal(3000)
    assert fee_per_piece_for_month(35) == 20 * Decimal(100) + 5 * Decimal(200)


def test_150_pages_cost_1700_yuan():
    assert fee_per_volume(150) == Decimal(1700)


# Band edges.


@pytest.mark.parametrize(
    ("ordinal", "fee"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (101, 900),
    ],
)
def test_per_piece_fee_changes_exactly_at_the_band_edges(ordinal, fee):
    assert fee_per_piece(ordinal) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ],
)
def test_per_volume_fee_is_progressive_across_the_page_bands(pages, fee):
    assert fee_per_volume(pages) == Decimal(fee)


def test_the_first_ten_applications_of_a_month_cost_nothing():
    assert fee_per_piece_for_month(0) == Decimal(0)
    assert fee_per_piece_for_month(10) == Decimal(0)
    assert fee_per_piece_for_month(11) == Decimal(100)


def test_amounts_are_decimal_yuan():
    assert isinstance(fee_per_piece(11), Decimal)
    assert isinstance(fee_per_volume(31), Decimal)
    assert isinstance(fee_per_piece_for_month(31), Decimal)
    assert isinstance(assess(FeeMethod.PER_VOLUME, pages=0).amount, Decimal)


# Properties against the naive per-unit tables.


@given(st.integers(min_value=1, max_value=1000))
def test_per_piece_fee_matches_the_naive_table(ordinal):
    assert fee_per_piece(ordinal) == NAIVE_PIECE_PRICES[ordinal - 1]


@given(st.integers(min_value=0, max_value=1000))
def test_a_months_total_is_the_sum_of_its_applications_fees(applications):
    assert fee_per_piece_for_month(applications) == sum(NAIVE_PIECE_PRICES[:applications], Decimal(0))


@given(st.integers(min_value=0, max_value=5000))
def test_per_volume_fee_is_the_sum_of_a_naive_per_page_price(pages):
    assert fee_per_volume(pages) == sum((_naive_page_price(page) for page in range(1, pages + 1)), Decimal(0))


@given(st.integers(min_value=0, max_value=5000))
def test_assessment_lines_add_up_to_the_amount(pages):
    assessment = assess(FeeMethod.PER_VOLUME, pages=pages)
    charged = [line for line in assessment.lines if "×" in line]
    assert sum((Decimal(line.split("＝")[1].removesuffix("元")) for line in charged), Decimal(0)) == (
        assessment.amount
    )
    assert assessment.lines[-1] == f"合计：{yuan(assessment.amount)}"


# Assessments and the notice.


def test_per_volume_assessment_explains_each_band():
    assert assess(FeeMethod.PER_VOLUME, pages=150) == FeeAssessment(
        method=FeeMethod.PER_VOLUME,
        units=150,
        amount=Decimal(1700),
        lines=(
            "本申请提供政府信息共150页",
            "第1–30页：30页，不收费",
            "第31–100页：70页×10元＝700元",
            "第101–150页：50页×20元＝1000元",
            "合计：1700元",
        ),
    )


def test_per_volume_assessment_names_a_single_page_band_by_its_page():
    assert assess(FeeMethod.PER_VOLUME, pages=31).lines == (
        "本申请提供政府信息共31页",
        "第1–30页：30页，不收费",
        "第31页：1页×10元＝10元",
        "合计：10元",
    )


def test_per_piece_assessment_names_the_band_of_the_application():
    assert assess(FeeMethod.PER_PIECE, ordinal_in_month=35) == FeeAssessment(
        method=FeeMethod.PER_PIECE,
        units=35,
        amount=Decimal(200),
        lines=("本申请为同一申请人本自然月内第35件申请", "第31–40件：每件200元", "合计：200元"),
    )


def test_a_free_application_is_assessed_as_not_chargeable():
    assessment = assess(FeeMethod.PER_PIECE, ordinal_in_month=10)
    assert assessment.amount == Decimal(0)
    assert not assessment.chargeable
    assert assessment.lines[1] == "第1–10件：不收费"


def test_the_basis_cites_the_regulation_and_the_article_of_the_method():
    assert assess(FeeMethod.PER_PIECE, ordinal_in_month=11).basis == (
        "《中华人民共和国政府信息公开条例》第四十二条和"
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第四条"
    )
    assert assess(FeeMethod.PER_VOLUME, pages=31).basis == (
        "《中华人民共和国政府信息公开条例》第四十二条和"
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第五条"
    )


def test_each_method_states_its_tariff_for_the_notice():
    assert FeeMethod.PER_PIECE.standard == (
        "按同一申请人一个自然月内累计申请的件数计算",
        "第1–10件：不收费",
        "第11–30件：每件100元",
        "第31件以上：以10件为一档，每增加一档，每件提高100元（第31–40件每件200元，依此类推）",
    )
    assert FeeMethod.PER_VOLUME.standard == (
        "第1–30页：不收费",
        "第31–100页：每页10元",
        "第101–200页：每页20元",
        "第201页以上：每页40元",
    )


def test_the_fee_notice_carries_basis_standard_amount_and_payment_method():
    assessment = assess(FeeMethod.PER_VOLUME, pages=150)
    notice = FeeNotice.from_assessment(assessment, payment_method=" 通过非税收入缴款书缴入国库 ")
    assert notice == FeeNotice(
        basis=assessment.basis,
        standard=FeeMethod.PER_VOLUME.standard,
        amount=Decimal(1700),
        calculation=assessment.lines,
        payment_method="通过非税收入缴款书缴入国库",
        payment_period_working_days=20,
    )


def test_a_free_application_gets_no_fee_notice():
    with pytest.raises(FeeInputError) as refused:
        FeeNotice.from_assessment(assess(FeeMethod.PER_VOLUME, pages=30), payment_method="银行转账")
    assert refused.value.code == "fee_notice_not_chargeable"


def test_a_fee_notice_without_a_payment_method_is_refused():
    with pytest.raises(FeeInputError) as refused:
        FeeNotice.from_assessment(assess(FeeMethod.PER_VOLUME, pages=31), payment_method="  ")
    assert refused.value.code == "fee_payment_method_missing"


def test_yuan_prints_whole_amounts_without_decimals():
    assert yuan(Decimal(1700)) == "1700元"
    assert yuan(Decimal("12.5")) == "12.50元"


# Refusals.


@pytest.mark.parametrize("method", list(FeeMethod))
def test_one_application_cannot_be_charged_by_piece_and_by_volume(method):
    with pytest.raises(FeeInputError) as refused:
        assess(method, ordinal_in_month=11, pages=31)
    assert refused.value.code == "fee_both_methods"
    assert "不得同时按件和按量计收" in refused.value.message
    assert isinstance(refused.value, GongkaiError)


def test_per_piece_without_an_ordinal_is_refused():
    with pytest.raises(FeeInputError) as refused:
        assess(FeeMethod.PER_PIECE)
    assert refused.value.code == "fee_input_missing"


def test_per_volume_without_pages_is_refused():
    with pytest.raises(FeeInputError) as refused:
        assess(FeeMethod.PER_VOLUME)
    assert refused.value.code == "fee_input_missing"


@pytest.mark.parametrize("pages", [-1, True, 1.5])
def test_pages_must_be_a_whole_number_not_below_zero(pages):
    with pytest.raises(FeeInputError) as refused:
        assess(FeeMethod.PER_VOLUME, pages=pages)
    assert refused.value.code == "fee_pages_invalid"
    assert refused.value.message == f"页数须为不小于0的整数：收到 {pages!r}"


@pytest.mark.parametrize("ordinal", [0, -3, False])
def test_the_ordinal_in_the_month_starts_at_one(ordinal):
    with pytest.raises(FeeInputError) as refused:
        assess(FeeMethod.PER_PIECE, ordinal_in_month=ordinal)
    assert refused.value.code == "fee_ordinal_invalid"
    assert str(refused.value) == f"本月申请序号须为不小于1的整数：收到 {ordinal!r} [fee_ordinal_invalid]"


def test_a_negative_month_count_is_refused():
    with pytest.raises(FeeInputError) as refused:
        fee_per_piece_for_month(-1)
    assert refused.value.code == "fee_count_invalid"


# Counting an applicant's applications in a calendar month.

RECEIPTS = [
    ("alice", date(2025, 2, 28)),
    ("alice", date(2025, 3, 1)),
    ("alice", date(2025, 3, 14)),
    ("alice", date(2025, 3, 31)),
    ("bob", date(2025, 3, 14)),
    ("alice", date(2024, 3, 14)),
    ("alice", date(2025, 4, 1)),
]


def test_count_in_month_counts_one_applicant_in_one_calendar_month():
    assert count_in_month(RECEIPTS, applicant_id="alice", year=2025, month=3) == 3
    assert count_in_month(RECEIPTS, applicant_id="bob", year=2025, month=3) == 1
    assert count_in_month(RECEIPTS, applicant_id="carol", year=2025, month=3) == 0


def test_the_next_ordinal_counts_the_same_months_earlier_and_same_day_applications():
    assert next_ordinal_in_month(RECEIPTS, applicant_id="alice", received_on=date(2025, 3, 14)) == 3
    assert next_ordinal_in_month(RECEIPTS, applicant_id="alice", received_on=date(2025, 3, 31)) == 4


def test_a_new_calendar_month_starts_the_count_again():
    assert next_ordinal_in_month(RECEIPTS, applicant_id="alice", received_on=date(2025, 4, 1)) == 2
    assert next_ordinal_in_month(RECEIPTS, applicant_id="alice", received_on=date(2025, 5, 1)) == 1


def test_the_eleventh_application_of_a_month_is_the_first_charged_by_piece():
    month = [("alice", date(2025, 3, day)) for day in range(1, 11)]
    ordinal = next_ordinal_in_month(month, applicant_id="alice", received_on=date(2025, 3, 20))
    assert ordinal == 11
    assert assess(FeeMethod.PER_PIECE, ordinal_in_month=ordinal).amount == Decimal(100)
