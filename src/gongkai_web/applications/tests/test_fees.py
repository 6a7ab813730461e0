"""Fee notices priced by the 109号 tariff from the case: 按件 by the applicant's month, 按量 by pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.cases import Action, Status
from gongkai.fees import FeeMethod
from gongkai_web.accounts.models import User
from gongkai_web.applications.events import fee_notice
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import ordinal_in_month, record_event, request_fee
from gongkai_web.personas import Office, walk_in

SEP_29, SEP_30 = dt.date(2025, 9, 29), dt.date(2025, 9, 30)


def test_150_pages_cost_1700_yuan(application: Application, bob: User) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    event = request_fee(
        application=application,
        method=FeeMethod.PER_VOLUME,
        pages=150,
        on=SEP_30,
        actor=bob,
        payment_method="银行转账至某县财政局非税收入账户",
    )
    assert event.payload == {
        "method": "per_volume",
        "units": 150,
        "amount": "1700",
        "payment_method": "银行转账至某县财政局非税收入账户",
    }
    notice = fee_notice(event.payload)
    assert notice.calculation[-1] == "合计：1700元"
    assert Application.objects.get(pk=application.pk).status == Status.AWAITING_PAYMENT


def test_the_eleventh_application_of_a_month_costs_100_yuan(office: Office, alice: User, bob: User) -> None:
    applications = [walk_in(office, alice, description=f"第{n}件") for n in range(1, 12)]
    assert [ordinal_in_month(application) for application in applications] == list(range(1, 12))
    eleventh = applications[-1]
    record_event(application=eleventh, action=Action.ACCEPT, on=SEP_29, actor=bob)
    event = request_fee(
        application=eleventh, method=FeeMethod.PER_PIECE, on=SEP_30, actor=bob, payment_method="现场缴纳"
    )
    assert (event.payload["units"], event.payload["amount"]) == (11, "100")


def test_another_applicants_applications_do_not_count(office: Office, alice: User) -> None:
    for n in range(10):
        walk_in(office, alice, description=f"第{n}件")
    other = walk_in(office, alice, identity_document="110101198001011239", applicant_name="李四")
    assert ordinal_in_month(other) == 1


def test_the_first_ten_applications_are_free_and_get_no_notice(application: Application, bob: User) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    with pytest.raises(ValidationError, match="该申请无需收费"):
        request_fee(
            application=application,
            method=FeeMethod.PER_PIECE,
            on=SEP_30,
            actor=bob,
            payment_method="现场缴纳",
        )
    assert Application.objects.get(pk=application.pk).status == Status.IN_PROGRESS


def test_per_volume_needs_the_pages_and_per_piece_refuses_them(application: Application, bob: User) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    with pytest.raises(ValidationError, match="须填写提供的页数"):
        request_fee(
            application=application, method=FeeMethod.PER_VOLUME, on=SEP_30, actor=bob, payment_method="现场"
        )
    with pytest.raises(ValidationError, match="按件计收不按页数计算"):
        request_fee(
            application=application,
            method=FeeMethod.PER_PIECE,
            pages=40,
            on=SEP_30,
            actor=bob,
            payment_method="现场",
        )
