"""One form per step at /office/cases/<id>/actions/<action>/: the core decides, its refusals show on the form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.cases import Action, Status
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, ApplicationEvent, CaseLogEntry
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, logged_in, walk_in

from .conftest import TODAY

SEP_29, SEP_30, OCT_9, OCT_15 = (
    dt.date(2025, 9, 29),
    dt.date(2025, 9, 30),
    dt.date(2025, 10, 9),
    dt.date(2025, 10, 15),
)


def url(application: Application, action: Action) -> str:
    return reverse("office:step", args=[application.pk, action.value])


def seen(application: Application) -> str:
    """What the form shows in its hidden field: the case's last event when it was opened."""
    latest = ApplicationEvent.objects.filter(application=application).order_by("-id").first()
    return str(latest.pk if latest else 0)


def post(client: Client, application: Application, action: Action, **data: Any) -> Any:
    fields = {"on": TODAY.isoformat(), "seen_event": seen(application)} | {
        key: value.isoformat() if isinstance(value, dt.date) else value for key, value in data.items()
    }
    return client.post(url(application, action), fields)


def actions(application: Application) -> list[str]:
    return list(
        ApplicationEvent.objects.filter(application=application)
        .order_by("id")
        .values_list("action", flat=True)
    )


def status(application: Application) -> Status:
    application.refresh_from_db()
    return application.case_status


@pytest.fixture
def accepted(application: Application, bob: User) -> Application:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    return application


# 告知补正, 收到补正, 逾期未补正终止办理


def test_the_handler_requests_a_correction_with_the_items_and_the_period(
    client: Client, application: Application, bob: User
) -> None:
    response = post(
        logged_in(client, bob),
        application,
        Action.REQUEST_CORRECTION,
        on=SEP_30,
        items="请写明所需学校名单的学年",
        respond_by=OCT_15,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("office:case", args=[application.pk])
    event = ApplicationEvent.objects.get(application=application)
    assert event.payload == {"items": "请写明所需学校名单的学年", "respond_by": "2025-10-15"}
    assert status(application) is Status.AWAITING_CORRECTION
    assert application.attention_on == OCT_15


def test_a_correction_request_without_its_items_is_refused_and_nothing_is_written(
    client: Client, application: Application, bob: User
) -> None:
    response = post(
        logged_in(client, bob), application, Action.REQUEST_CORRECTION, on=SEP_30, respond_by=OCT_15
    )
    assert response.status_code == 200
    assert "需要补正的事项：这个字段是必填项。" in response.content.decode()
    assert actions(application) == []


def test_a_correction_requested_after_seven_working_days_shows_the_cores_refusal_and_writes_nothing(
    client: Client, application: Application, bob: User
) -> None:
    log_lines = CaseLogEntry.objects.filter(application=application).count()
    response = post(
        logged_in(client, bob),
        application,
        Action.REQUEST_CORRECTION,
        on=dt.date(2025, 10, 20),
        items="请写明学年",
        respond_by=dt.date(2025, 10, 27),
    )
    assert response.status_code == 200
    assert (
        "要求补正的日期 2025-10-20 超过第三十条规定的期限（收到申请后 7 个工作日内，即 2025-10-14 前）"
        in response.content.decode()
    )
    assert actions(application) == []
    assert CaseLogEntry.objects.filter(application=application).count() == log_lines


def test_the_corrected_application_restarts_the_clock(
    client: Client, application: Application, bob: User
) -> None:
    record_event(
        application=application, action=Action.REQUEST_CORRECTION, on=SEP_30, actor=bob, respond_by=OCT_15
    )
    assert post(logged_in(client, bob), application, Action.RECEIVE_CORRECTION, on=OCT_9).status_code == 302
    assert status(application) is Status.REGISTERED
    assert application.reply_due_on == dt.date(2025, 11, 5)  # 20 working days after 9 October


def test_the_case_ends_once_the_correction_period_has_run_out_not_before(
    client: Client, application: Application, bob: User
) -> None:
    record_event(
        application=application, action=Action.REQUEST_CORRECTION, on=SEP_30, actor=bob, respond_by=OCT_15
    )
    client = logged_in(client, bob)
    early = post(client, application, Action.CORRECTION_LAPSED, on=OCT_15)
    assert "补正期限 2025-10-15 尚未届满，不能按逾期未补正终止办理" in early.content.decode()
    assert post(client, application, Action.CORRECTION_LAPSED, on=dt.date(2025, 10, 16)).status_code == 302
    assert status(application) is Status.LAPSED
    assert application.outcome == "other.no_correction"


# 受理, and a step sent twice


def test_the_handler_accepts_the_application(client: Client, application: Application, bob: User) -> None:
    assert post(logged_in(client, bob), application, Action.ACCEPT, on=SEP_29).status_code == 302
    assert actions(application) == ["accept"]
    assert status(application) is Status.IN_PROGRESS


def test_the_same_form_sent_twice_records_the_step_once(
    client: Client, application: Application, bob: User
) -> None:
    client = logged_in(client, bob)
    fields = {"on": SEP_29.isoformat(), "seen_event": seen(application)}
    assert client.post(url(application, Action.ACCEPT), fields).status_code == 302
    again = client.post(url(application, Action.ACCEPT), fields, follow=True)
    assert "“受理”已于 2025-09-29 记录，本次提交未重复记录" in again.content.decode()
    assert actions(application) == ["accept"]


def test_a_form_opened_before_another_step_was_recorded_is_not_recorded(
    client: Client, application: Application, bob: User
) -> None:
    client = logged_in(client, bob)
    opened = seen(application)
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    response = client.post(
        url(application, Action.WITHDRAW), {"on": SEP_30.isoformat(), "seen_event": opened}
    )
    assert "本案在您打开此页后已有新的办理记录" in response.content.decode()
    assert actions(application) == ["accept"]


def test_a_step_the_status_no_longer_allows_is_refused_by_the_state_machine(
    client: Client, accepted: Application, bob: User
) -> None:
    response = post(logged_in(client, bob), accepted, Action.ACCEPT, on=SEP_30)
    assert "申请当前状态为“办理中”，不能受理" in response.content.decode()
    assert actions(accepted) == ["accept"]


def test_the_form_of_a_step_the_status_does_not_allow_says_so(
    client: Client, accepted: Application, bob: User
) -> None:
    html = logged_in(client, bob).get(url(accepted, Action.REQUEST_CORRECTION)).content.decode()
    assert "申请当前状态为“办理中”，不能告知补正" in html


def test_a_date_after_today_is_refused(client: Client, application: Application, bob: User) -> None:
    response = post(logged_in(client, bob), application, Action.ACCEPT, on=dt.date(2025, 10, 28))
    assert "日期 2025-10-28 晚于今天（2025-10-27），请填写已经发生的日期" in response.content.decode()
    assert actions(application) == []


def test_the_date_defaults_to_today(client: Client, application: Application, bob: User) -> None:
    html = logged_in(client, bob).get(url(application, Action.ACCEPT)).content.decode()
    assert 'name="on" value="2025-10-27"' in html


# 征求意见, 结束征求意见


def test_the_handler_consults_a_third_party_and_records_the_answer(
    client: Client, accepted: Application, bob: User
) -> None:
    client = logged_in(client, bob)
    assert (
        post(client, accepted, Action.START_CONSULTATION, on=SEP_30, party="third_party").status_code == 302
    )
    assert status(accepted) is Status.CONSULTING
    assert ApplicationEvent.objects.filter(application=accepted).last().payload == {"party": "third_party"}  # type: ignore[union-attr]
    assert post(client, accepted, Action.END_CONSULTATION, on=OCT_15).status_code == 302
    assert status(accepted) is Status.IN_PROGRESS


def test_a_consultation_offers_the_third_party_and_the_co_agency(
    client: Client, accepted: Application, bob: User
) -> None:
    html = logged_in(client, bob).get(url(accepted, Action.START_CONSULTATION)).content.decode()
    assert "征求第三方意见（第三十二条）" in html
    assert "征求其他机关意见（第三十四条）" in html


# 延期答复


def test_the_reviewer_extends_the_deadline_by_twenty_working_days(
    client: Client, accepted: Application, carol: User
) -> None:
    response = post(logged_in(client, carol), accepted, Action.EXTEND, working_days=20, notified_on=TODAY)
    assert response.status_code == 302
    assert status(accepted) is Status.IN_PROGRESS
    assert accepted.reply_due_on == dt.date(2025, 11, 28)


def test_an_extension_beyond_twenty_working_days_is_refused(
    client: Client, accepted: Application, carol: User
) -> None:
    response = post(logged_in(client, carol), accepted, Action.EXTEND, working_days=21, notified_on=TODAY)
    assert "延长的工作日数：确保该值小于或等于20。" in response.content.decode()
    assert actions(accepted) == ["accept"]


def test_a_second_extension_is_refused_in_the_words_of_the_regulation(
    client: Client, accepted: Application, carol: User
) -> None:
    record_event(
        application=accepted, action=Action.EXTEND, on=OCT_9, actor=carol, working_days=5, notified_on=OCT_9
    )
    response = post(logged_in(client, carol), accepted, Action.EXTEND, working_days=5, notified_on=TODAY)
    assert "申请已延期一次，不能再次延期（条例第三十三条第一款" in response.content.decode()
    assert actions(accepted) == ["accept", "extend"]


def test_the_handler_may_not_extend(client: Client, accepted: Application, bob: User) -> None:
    client = logged_in(client, bob)
    assert client.get(url(accepted, Action.EXTEND)).status_code == 403
    assert post(client, accepted, Action.EXTEND, working_days=20, notified_on=TODAY).status_code == 403
    assert actions(accepted) == ["accept"]


# 作出答复


def test_the_outcomes_are_table_3s_rows_grouped_as_in_the_format(
    client: Client, accepted: Application, carol: User
) -> None:
    html = logged_in(client, carol).get(url(accepted, Action.DECIDE)).content.decode()
    assert '<option value="granted">（一）予以公开</option>' in html
    assert '<optgroup label="（三）不予公开">' in html
    assert '<option value="withheld.third_party_rights">4.保护第三方合法权益（须说明理由）</option>' in html
    assert '<optgroup label="（六）其他处理">' in html
    assert len(re.findall(r'<option value="[a-z]', html)) == 21  # every outcome row of section 三


def test_the_reviewer_grants_the_application_with_the_outcomes_articles(
    client: Client, accepted: Application, carol: User
) -> None:
    response = post(logged_in(client, carol), accepted, Action.DECIDE, outcome="granted")
    assert response.status_code == 302
    assert status(accepted) is Status.DECIDED
    assert accepted.outcome == "granted"
    assert accepted.closed_on == TODAY
    event = ApplicationEvent.objects.get(application=accepted, action="decide")
    assert event.payload["articles"] == [
        {"instrument": "条例", "text": "第三十六条第（一）项"},
        {"instrument": "条例", "text": "第三十六条第（二）项"},
    ]


def test_a_refusal_without_reasons_is_refused_on_the_reasons_field(
    client: Client, accepted: Application, carol: User
) -> None:
    response = post(logged_in(client, carol), accepted, Action.DECIDE, outcome="withheld.state_secret")
    html = response.content.decode()
    assert (
        "理由：“（三）不予公开 1.属于国家秘密”的答复必须说明理由（条例第三十六条、第三十七条），实际未填写理由"
        in html
    )
    assert actions(accepted) == ["accept"]


def test_a_partial_grant_cites_the_articles_chosen(
    client: Client, accepted: Application, carol: User
) -> None:
    response = logged_in(client, carol).post(
        url(accepted, Action.DECIDE),
        {
            "on": TODAY.isoformat(),
            "seen_event": seen(accepted),
            "outcome": "partially_granted",
            "reasons": "名单中涉及个人隐私的部分不予公开",
            "articles": ["条例|第三十七条", "条例|第十五条"],
        },
    )
    assert response.status_code == 302
    event = ApplicationEvent.objects.get(application=accepted, action="decide")
    assert event.payload["articles"] == [
        {"instrument": "条例", "text": "第三十七条"},
        {"instrument": "条例", "text": "第十五条"},
    ]


def test_articles_that_miss_the_outcomes_basis_are_refused(
    client: Client, accepted: Application, carol: User
) -> None:
    response = logged_in(client, carol).post(
        url(accepted, Action.DECIDE),
        {
            "on": TODAY.isoformat(),
            "seen_event": seen(accepted),
            "outcome": "granted",
            "articles": ["条例|第十五条"],
        },
    )
    assert "法律依据：“（一）予以公开”的法律依据应包含" in response.content.decode()
    assert actions(accepted) == ["accept"]


def test_items_handled_differently_are_recorded_as_one_partial_grant(
    client: Client, accepted: Application, carol: User
) -> None:
    response = logged_in(client, carol).post(
        url(accepted, Action.DECIDE),
        {
            "on": TODAY.isoformat(),
            "seen_event": seen(accepted),
            "items": ["granted", "unavailable.not_held"],
            "reasons": "学校名单予以公开；2019年以前的名单本机关未保存",
        },
    )
    assert response.status_code == 302
    event = ApplicationEvent.objects.get(application=accepted, action="decide")
    assert (event.payload["outcome"], event.payload["items"]) == (
        "partially_granted",
        ["granted", "unavailable.not_held"],
    )


def test_an_outcome_that_contradicts_the_items_is_refused(
    client: Client, accepted: Application, carol: User
) -> None:
    response = post(
        logged_in(client, carol),
        accepted,
        Action.DECIDE,
        outcome="granted",
        items=["granted", "withheld.state_secret"],
    )
    assert "所勾选的各事项结果应计为“（二）部分公开" in response.content.decode()
    assert actions(accepted) == ["accept"]


def test_a_reply_without_any_outcome_is_refused(client: Client, accepted: Application, carol: User) -> None:
    response = post(logged_in(client, carol), accepted, Action.DECIDE)
    assert "请选择办理结果，或勾选区分处理的各事项结果" in response.content.decode()
    assert actions(accepted) == ["accept"]


def test_an_outcome_reserved_for_a_lapse_cannot_be_a_reply(
    client: Client, accepted: Application, carol: User
) -> None:
    response = post(logged_in(client, carol), accepted, Action.DECIDE, outcome="other.no_correction")
    assert "只能通过“逾期未补正终止办理”记录，不能作为答复结果" in response.content.decode()
    assert actions(accepted) == ["accept"]


def test_the_handler_may_not_reply(client: Client, accepted: Application, bob: User) -> None:
    client = logged_in(client, bob)
    assert client.get(url(accepted, Action.DECIDE)).status_code == 403
    assert post(client, accepted, Action.DECIDE, outcome="granted").status_code == 403
    assert actions(accepted) == ["accept"]


# 发出收费通知 (with its preview), 确认缴费, 逾期未缴费终止办理


def fee_preview(client: Client, application: Application) -> str:
    response = post(
        client,
        application,
        Action.REQUEST_FEE,
        method="per_volume",
        pages=150,
        payment_method="银行转账至县财政局非税收入账户",
    )
    html: str = response.content.decode()
    return html


def test_the_fee_is_shown_priced_band_by_band_before_anything_is_sent(
    client: Client, accepted: Application, bob: User
) -> None:
    html = fee_preview(logged_in(client, bob), accepted)
    assert "1700 元" in html
    assert "<li>第1–30页：30页，不收费</li>" in html
    assert "<li>第31–100页：70页×10元＝700元</li>" in html
    assert "<li>第101–150页：50页×20元＝1000元</li>" in html
    assert "确认发出收费通知" in html
    assert actions(accepted) == ["accept"]


def test_the_confirmed_fee_notice_is_recorded_as_previewed_and_the_case_awaits_payment(
    client: Client, accepted: Application, bob: User
) -> None:
    client = logged_in(client, bob)
    form = fee_preview(client, accepted).split('action="/office/cases/', 1)[1]
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    assert hidden["pages"] == "150"
    response = client.post(url(accepted, Action.REQUEST_FEE), hidden | {"confirm": "1"})
    assert response.status_code == 302
    event = ApplicationEvent.objects.get(application=accepted, action="request_fee")
    assert event.payload == {
        "method": "per_volume",
        "units": 150,
        "amount": "1700",
        "payment_method": "银行转账至县财政局非税收入账户",
    }
    assert status(accepted) is Status.AWAITING_PAYMENT


def test_a_free_application_gets_no_fee_notice(client: Client, accepted: Application, bob: User) -> None:
    response = post(
        logged_in(client, bob), accepted, Action.REQUEST_FEE, method="per_piece", payment_method="银行转账"
    )
    assert "该申请无需收费（按件计收，金额 0元），不应发出收费通知" in response.content.decode()
    assert actions(accepted) == ["accept"]


def test_a_fee_by_volume_needs_the_pages(client: Client, accepted: Application, bob: User) -> None:
    response = post(
        logged_in(client, bob), accepted, Action.REQUEST_FEE, method="per_volume", payment_method="银行转账"
    )
    assert "提供的页数（按量计收）：按量计收须填写提供的页数" in response.content.decode()


@pytest.fixture
def awaiting_payment(accepted: Application, bob: User) -> Application:
    from gongkai.fees import FeeMethod
    from gongkai_web.applications.services import request_fee

    request_fee(
        application=accepted,
        method=FeeMethod.PER_VOLUME,
        on=SEP_30,
        actor=bob,
        payment_method="银行转账",
        pages=150,
    )
    return accepted


def test_the_handler_confirms_the_payment(client: Client, awaiting_payment: Application, bob: User) -> None:
    assert (
        post(logged_in(client, bob), awaiting_payment, Action.RECEIVE_PAYMENT, on=OCT_15).status_code == 302
    )
    assert status(awaiting_payment) is Status.IN_PROGRESS


def test_the_case_ends_for_non_payment_only_after_the_payment_period(
    client: Client, awaiting_payment: Application, bob: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = logged_in(client, bob)
    early = post(client, awaiting_payment, Action.PAYMENT_LAPSED, on=TODAY)
    assert "2025-10-27 缴费期限尚未届满，不能按逾期未缴费终止办理" in early.content.decode()
    # 20 working days from the day after the notice of 30 September end on 4 November.
    awaiting_payment.refresh_from_db()
    assert awaiting_payment.attention_on == dt.date(2025, 11, 4)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: dt.date(2025, 11, 5))
    assert post(client, awaiting_payment, Action.PAYMENT_LAPSED, on=dt.date(2025, 11, 5)).status_code == 302
    assert status(awaiting_payment) is Status.LAPSED
    assert awaiting_payment.outcome == "other.unpaid_fee"


# 撤回申请


def test_the_handler_records_a_withdrawal(client: Client, application: Application, bob: User) -> None:
    assert post(logged_in(client, bob), application, Action.WITHDRAW, on=SEP_30).status_code == 302
    assert status(application) is Status.WITHDRAWN
    assert application.outcome == "other.other"


# Refused twins: every step, every persona that may not take it


@pytest.mark.parametrize("action", list(Action))
def test_anonymous_users_are_sent_to_log_in_and_nothing_is_written(
    client: Client, application: Application, action: Action
) -> None:
    assert client.get(url(application, action)).status_code == 302
    assert post(client, application, action).status_code == 302
    assert actions(application) == []


@pytest.mark.parametrize("persona", ["erin", "dave", "olga", "frank", "alice"])
@pytest.mark.parametrize("action", list(Action))
def test_officers_of_another_department_or_body_and_other_roles_are_refused_every_step(
    client: Client, application: Application, action: Action, persona: str, request: pytest.FixtureRequest
) -> None:
    client = logged_in(client, request.getfixturevalue(persona))
    assert client.get(url(application, action)).status_code == 403
    assert post(client, application, action).status_code == 403
    assert actions(application) == []


@pytest.mark.parametrize(
    "action", [action for action in Action if action not in {Action.EXTEND, Action.DECIDE}]
)
def test_the_reviewer_is_refused_the_handlers_steps(
    client: Client, application: Application, carol: User, action: Action
) -> None:
    assert logged_in(client, carol).get(url(application, action)).status_code == 403


def test_a_step_that_does_not_exist_is_not_found(client: Client, application: Application, bob: User) -> None:
    assert (
        logged_in(client, bob).get(reverse("office:step", args=[application.pk, "approve"])).status_code
        == 404
    )


def test_the_steps_of_an_unassigned_case_wait_for_its_department(
    client: Client, office: Office, alice: User, bob: User
) -> None:
    unassigned = walk_in(office, alice, department=None)
    assert logged_in(client, bob).get(url(unassigned, Action.ACCEPT)).status_code == 403
