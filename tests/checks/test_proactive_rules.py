"""Section 二 on its own: C11 (2019 totals) and C15 (2021 fee amounts in 万元)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from check_builders import balanced_2019, balanced_2021, summary

from gongkai.annual.checks import check_report
from gongkai.annual.checks.tables import fee_threshold
from gongkai.formats import TableId

P = TableId.PROACTIVE


def test_total_public_below_this_years_published_is_an_error() -> None:
    findings = check_report(balanced_2019().with_cell(P, "regulations", "total_public", 1))

    assert summary(findings) == [("C11", "error", "proactive.regulations.total_public", 2, 1)]
    assert findings[0].message == (
        "第二项第二十条第（一）项 规章·对外公开总数量 为 1，少于同"
        "行“本年新公开数量” 2；对外公开总数量应包含本年新公开的文件"
    )


def test_total_public_equal_to_this_years_published_is_fine() -> None:
    assert check_report(balanced_2019().with_cell(P, "normative_documents", "total_public", 4)) == []


def test_a_fee_amount_that_only_makes_sense_in_yuan_is_a_unit_warning() -> None:
    findings = check_report(balanced_2021().with_cell(P, "fees", "amount_wan_yuan", Decimal(251000)))

    assert summary(findings) == [
        ("C15", "warning", "proactive.fees.amount_wan_yuan", Decimal(10000), Decimal(251000)),
    ]
    assert findings[0].message == (
        "第二项第二十条第（八）项 行政事业性收费·本年收费金额（单位"
        "：万元） 为 251000万元（即 2510000000元），"
        "对卫辉市民政局而言数额异常大，可能把以“元”计的金额填进了以“万元”计的栏目（10000万元以上即提示）"
    )


def test_the_fee_threshold_itself_is_reported_and_just_below_it_is_not() -> None:
    at = check_report(balanced_2021().with_cell(P, "fees", "amount_wan_yuan", Decimal(10000)))
    below = check_report(balanced_2021().with_cell(P, "fees", "amount_wan_yuan", Decimal("9999.9999")))

    assert [found.code for found in at] == ["C15"]
    assert below == []


def test_a_city_government_may_collect_more_than_a_department() -> None:
    huaian = replace(balanced_2021(), agency="淮安市人民政府")

    assert check_report(huaian.with_cell(P, "fees", "amount_wan_yuan", Decimal("96171.6"))) == []
    assert summary(check_report(huaian.with_cell(P, "fees", "amount_wan_yuan", Decimal(150000)))) == [
        ("C15", "warning", "proactive.fees.amount_wan_yuan", Decimal(100000), Decimal(150000)),
    ]


@pytest.mark.parametrize(
    ("agency", "threshold"),
    [
        ("卫辉市民政局", Decimal(10000)),
        ("湖北省武汉市生态环境局", Decimal(10000)),
        ("上海市浦东新区民政局", Decimal(10000)),
        ("淮安市洪泽区人民政府", Decimal(100000)),
        ("北京市朝阳区人民政府办公室", Decimal(100000)),
        (None, Decimal(100000)),
        ("上海市人民政府", None),
        ("上海市市场监督管理局", None),
        ("河南省人民政府办公厅", None),
        ("国家税务总局", None),
    ],
)
def test_the_fee_threshold_follows_the_level_of_the_body(
    agency: str | None, threshold: Decimal | None
) -> None:
    assert fee_threshold(agency) == threshold


def test_a_provincial_government_is_not_checked_for_the_fee_unit() -> None:
    shanghai = replace(balanced_2021(), agency="上海市人民政府")

    assert check_report(shanghai.with_cell(P, "fees", "amount_wan_yuan", Decimal(2_000_000))) == []
