"""POST /api/v1/applications/{id}/events: one step per request, each action with its own fields.

What is lawful is the services' and the core's to decide: the API shows their refusals in the one
error shape (403 roles, 409 the case's rules, 422 the input) and writes nothing when refused.
"""

from __future__ import annotations

import datetime as dt
import typing

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.api.schemas import EventIn
from gongkai_web.applications.events import PAYLOAD_KEYS
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in

from .conftest import NO_TOKEN, SEPTEMBER_29, Api, Today, error

SEPTEMBER_30, OCTOBER_9, OCTOBER_10 = dt.date(2025, 9, 30), dt.date(2025, 10, 9), dt.date(2025, 10, 10)


def step(api: Api, application: Application, user: User | None, **body: object) -> typing.Any:
    return api.post(f"/applications/{application.pk}/events", body, user)


def stored(application: Application) -> list[tuple[str, dt.date, dict[str, object]]]:
    return [
        (event.action, event.on, event.payload)
        for event in ApplicationEvent.objects.filter(application=application).order_by("id")
    ]


@pytest.fixture(autouse=True)
def _late_in_the_year(today: Today) -> None:
    """The steps below are dated up to late October: the API refuses steps dated after today."""
    today.date = dt.date(2025, 11, 28)


@pytest.fixture
def accepted(application: Application, bob: User) -> Application:
    record_event(application=application, action=Action.ACCEPT, on=SEPTEMBER_29, actor=bob)
    return application


def test_the_events_body_takes_exactly_the_details_each_action_stores() -> None:
    members = typing.get_args(typing.get_args(EventIn)[0])
    fields = {
        typing.get_args(member.model_fields["action"].annotation)[0]: set(member.model_fields)
        - {"action", "on"}
        for member in members
    }
    expected = {action: set(keys) for action, keys in PAYLOAD_KEYS.items()}
    # request_fee: the caller gives pages (per volume) and the service counts units and prices them.
    expected[Action.REQUEST_FEE] = expected[Action.REQUEST_FEE] - {"units"} | {"pages"}
    assert fields == expected


def test_the_handler_accepts_and_gets_the_updated_case(api: Api, application: Application, bob: User) -> None:
    response = step(api, application, bob, action="accept", on="2025-09-29")
    assert response.status_code == 200
    case = response.json()
    assert case["status"] == {"code": "in_progress", "label": "办理中"}
    assert [event["action"]["code"] for event in case["events"]] == ["accept"]
    assert case["history"][-1]["summary"] == "2025-09-29 受理"
    assert stored(application) == [("accept", SEPTEMBER_29, {})]


def test_a_correction_request_stores_what_to_correct_and_by_when(
    api: Api, application: Application, bob: User
) -> None:
    response = step(
        api,
        application,
        bob,
        action="request_correction",
        on="2025-09-30",
        items="请写明所需学校名单的学段",
        respond_by="2025-10-15",
    )
    assert response.status_code == 200
    assert response.json()["clock"]["status"] == "awaiting_correction"
    assert stored(application) == [
        (
            "request_correction",
            SEPTEMBER_30,
            {"items": "请写明所需学校名单的学段", "respond_by": "2025-10-15"},
        )
    ]


def test_a_consultation_names_the_party(api: Api, accepted: Application, bob: User) -> None:
    response = step(api, accepted, bob, action="start_consultation", on="2025-09-30", party="co_agency")
    assert response.json()["status"]["code"] == "consulting"
    assert stored(accepted)[-1] == ("start_consultation", SEPTEMBER_30, {"party": "co_agency"})


def test_a_fee_notice_is_priced_by_the_tariff(api: Api, accepted: Application, bob: User) -> None:
    response = step(
        api,
        accepted,
        bob,
        action="request_fee",
        on="2025-09-30",
        method="per_volume",
        pages=150,
        payment_method="银行转账至某县财政局非税收入账户",
    )
    assert response.status_code == 200
    assert response.json()["status"] == {"code": "awaiting_payment", "label": "待缴费"}
    assert stored(accepted)[-1] == (
        "request_fee",
        SEPTEMBER_30,
        {
            "method": "per_volume",
            "units": 150,
            "amount": "1700",
            "payment_method": "银行转账至某县财政局非税收入账户",
        },
    )
    paid = step(api, accepted, bob, action="receive_payment", on="2025-10-09")
    assert paid.json()["status"]["code"] == "in_progress"


def test_a_free_fee_notice_is_refused(api: Api, accepted: Application, bob: User) -> None:
    response = step(
        api,
        accepted,
        bob,
        action="request_fee",
        on="2025-09-30",
        method="per_piece",
        payment_method="现场缴纳",
    )
    assert response.status_code == 422  # the service asks the tariff and refuses as invalid input
    assert response.json() == error(
        "fee_notice_not_chargeable", "该申请无需收费（按件计收，金额 0元），不应发出收费通知"
    )
    assert stored(accepted) == [("accept", SEPTEMBER_29, {})]


def test_the_reviewer_extends_the_deadline(api: Api, accepted: Application, carol: User) -> None:
    response = step(
        api, accepted, carol, action="extend", on="2025-10-20", working_days=20, notified_on="2025-10-20"
    )
    assert response.status_code == 200
    assert response.json()["clock"]["due_on"] == "2025-11-28"
    assert stored(accepted)[-1] == (
        "extend",
        dt.date(2025, 10, 20),
        {"working_days": 20, "notified_on": "2025-10-20"},
    )


def test_the_reviewer_decides_with_reasons_and_articles(api: Api, accepted: Application, carol: User) -> None:
    response = step(
        api,
        accepted,
        carol,
        action="decide",
        on="2025-10-10",
        outcome="withheld.third_party_rights",
        reasons="涉及第三方商业秘密，第三方不同意公开",
        articles=[{"text": "第十五条"}, {"text": "第三十二条"}],
    )
    assert response.status_code == 200
    case = response.json()
    assert case["status"] == {"code": "decided", "label": "已答复"}
    assert case["outcome"] == {
        "code": "withheld.third_party_rights",
        "label": "（三）不予公开 4.保护第三方合法权益",
    }
    assert case["clock"] is None
    assert stored(accepted)[-1] == (
        "decide",
        OCTOBER_10,
        {
            "outcome": "withheld.third_party_rights",
            "reasons": "涉及第三方商业秘密，第三方不同意公开",
            "articles": [
                {"instrument": "条例", "text": "第十五条"},
                {"instrument": "条例", "text": "第三十二条"},
            ],
        },
    )


def test_a_withdrawal_closes_the_case(api: Api, application: Application, bob: User) -> None:
    response = step(api, application, bob, action="withdraw", on="2025-09-30")
    assert response.json()["status"] == {"code": "withdrawn", "label": "已撤回"}
    assert response.json()["outcome"] == {"code": "other.other", "label": "（六）其他处理 3.其他"}


def test_a_correction_lapses_only_after_the_period_given(
    api: Api, application: Application, bob: User
) -> None:
    step(api, application, bob, action="request_correction", on="2025-09-30", respond_by="2025-10-15")
    early = step(api, application, bob, action="correction_lapsed", on="2025-10-15")
    assert early.status_code == 422
    assert early.json() == error(
        "correction_period_running", "补正期限 2025-10-15 尚未届满，不能按逾期未补正终止办理"
    )
    lapsed = step(api, application, bob, action="correction_lapsed", on="2025-10-16")
    assert lapsed.json()["status"] == {"code": "lapsed", "label": "视为放弃"}


def test_a_payment_cannot_lapse_while_its_period_runs(api: Api, accepted: Application, bob: User) -> None:
    step(
        api,
        accepted,
        bob,
        action="request_fee",
        on="2025-09-30",
        method="per_volume",
        pages=40,
        payment_method="现场",
    )
    response = step(api, accepted, bob, action="payment_lapsed", on="2025-10-09")
    assert response.status_code == 422
    assert response.json() == error(
        "payment_period_running", "2025-10-09 缴费期限尚未届满，不能按逾期未缴费终止办理"
    )


def test_an_illegal_transition_is_409_and_writes_nothing(
    api: Api, application: Application, bob: User
) -> None:
    response = step(api, application, bob, action="end_consultation", on="2025-09-29")
    assert response.status_code == 409
    assert response.json() == error("illegal_transition", "申请当前状态为“已登记”，不能结束征求意见")
    assert stored(application) == []


def test_a_second_extension_is_409(api: Api, accepted: Application, carol: User) -> None:
    body = {"action": "extend", "on": "2025-10-09", "working_days": 10, "notified_on": "2025-10-09"}
    step(api, accepted, carol, **body)
    response = step(api, accepted, carol, **body)
    assert response.status_code == 409
    assert response.json() == error(
        "already_extended",
        "申请已延期一次，不能再次延期（条例第三十三条第一款：延长的期限最长不得超过20个工作日）",
    )


def test_an_extension_beyond_twenty_working_days_is_409(api: Api, accepted: Application, carol: User) -> None:
    response = step(
        api, accepted, carol, action="extend", on="2025-10-09", working_days=25, notified_on="2025-10-09"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "extension_too_long"


def test_a_refusal_without_reasons_is_409(api: Api, accepted: Application, carol: User) -> None:
    response = step(api, accepted, carol, action="decide", on="2025-10-10", outcome="withheld.state_secret")
    assert response.status_code == 409
    assert response.json() == error(
        "reasons_required",
        "“（三）不予公开 1.属于国家秘密”的答复必须说明理由（条例第三十六条、第三十七条），实际未填写理由",
    )
    assert stored(accepted) == [("accept", SEPTEMBER_29, {})]


def test_a_reply_claiming_a_lapse_is_409(api: Api, accepted: Application, carol: User) -> None:
    response = step(api, accepted, carol, action="decide", on="2025-10-10", outcome="other.no_correction")
    assert response.status_code == 409
    assert response.json()["code"] == "outcome_reserved"


def test_a_basis_that_is_not_the_outcomes_is_409(api: Api, accepted: Application, carol: User) -> None:
    response = step(
        api,
        accepted,
        carol,
        action="decide",
        on="2025-10-10",
        outcome="withheld.state_secret",
        reasons="属于国家秘密",
        articles=[{"text": "第九十九条"}],
    )
    assert response.status_code == 409
    assert response.json()["code"] == "article_mismatch"


def test_a_correction_request_after_seven_working_days_is_409(
    api: Api, application: Application, bob: User
) -> None:
    response = step(api, application, bob, action="request_correction", on="2025-10-20")
    assert response.status_code == 409
    assert response.json()["code"] == "correction_request_late"
    assert stored(application) == []


def test_an_event_before_the_previous_one_is_422(api: Api, application: Application, bob: User) -> None:
    record_event(application=application, action=Action.ACCEPT, on=OCTOBER_10, actor=bob)
    response = step(api, application, bob, action="start_consultation", on="2025-10-09", party="third_party")
    assert response.status_code == 422
    assert response.json() == error(
        "event_out_of_order", "“征求意见”的日期 2025-10-09 早于上一项办理记录的日期 2025-10-10"
    )


def test_a_step_dated_after_today_is_422_and_writes_nothing(
    api: Api, application: Application, bob: User, today: Today
) -> None:
    today.date = SEPTEMBER_29
    response = step(api, application, bob, action="accept", on="2025-09-30")
    assert response.status_code == 422
    assert response.json() == error(
        "event_in_future", "on：办理日期 2025-09-30 晚于今天（2025-09-29），只能记录已经发生的事项", "on"
    )
    assert stored(application) == []


def test_an_event_before_receipt_is_422(api: Api, application: Application, bob: User) -> None:
    response = step(api, application, bob, action="accept", on="2025-09-27")
    assert response.status_code == 422
    assert response.json()["code"] == "event_before_receipt"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"action": "accept"}, error("field_missing", "on：缺少必填项", "on")),
        (
            {"action": "accept", "on": "2025-09-29", "working_days": 5},
            error("field_unknown", "working_days：不接受此项", "working_days"),
        ),
        (
            {"action": "extend", "on": "2025-09-29", "working_days": "20", "notified_on": "2025-09-29"},
            error("field_invalid", "working_days：应为整数", "working_days"),
        ),
        (
            {"action": "extend", "on": "2025-09-29", "working_days": True, "notified_on": "2025-09-29"},
            error("field_invalid", "working_days：应为整数", "working_days"),
        ),
        (
            {"action": "start_consultation", "on": "2025-09-29", "party": "neighbour"},
            error("field_invalid", "party：应为 third_party、co_agency 之一", "party"),
        ),
        (
            {"action": "decide", "on": "2025-09-29", "outcome": "maybe"},
            error(
                "field_invalid",
                "outcome：“maybe”不是年度报告第三项的办理结果，应为 granted、partially_granted、"
                "withheld.state_secret、withheld.prohibited_by_law、withheld.security_stability、"
                "withheld.third_party_rights、withheld.internal_affairs、withheld.process_information、"
                "withheld.enforcement_files、withheld.inquiry_matters、unavailable.not_held、"
                "unavailable.needs_creation、unavailable.still_unclear、not_processed.complaint、"
                "not_processed.repeated、not_processed.publication、not_processed.excessive、"
                "not_processed.confirmation、other.no_correction、other.unpaid_fee、other.other 之一",
                "outcome",
            ),
        ),
        (
            {"action": "decide", "on": "2025-09-29", "outcome": "granted", "articles": [{"text": 15}]},
            error("field_invalid", "articles.0.text：应为文本", "articles.0.text"),
        ),
        (
            {
                "action": "request_fee",
                "on": "2025-09-29",
                "method": "per_volume",
                "pages": 1.5,
                "payment_method": "现场",
            },
            error("field_invalid", "pages：应为整数", "pages"),
        ),
    ],
)
def test_fields_of_the_wrong_kind_are_422_and_write_nothing(
    api: Api,
    application: Application,
    carol: User,
    bob: User,
    body: dict[str, object],
    expected: dict[str, object],
) -> None:
    response = step(api, application, carol if body["action"] == "decide" else bob, **body)
    assert (response.status_code, response.json()) == (422, expected)
    assert stored(application) == []


def test_an_unknown_action_is_422(api: Api, application: Application, bob: User) -> None:
    response = step(api, application, bob, action="approve", on="2025-09-29")
    assert response.status_code == 422
    assert response.json() == error(
        "field_invalid",
        "action：action 应为 request_correction、receive_correction、correction_lapsed、accept、"
        "start_consultation、end_consultation、request_fee、receive_payment、payment_lapsed、extend、"
        "decide、withdraw 之一，实际为 'approve'",
        "action",
    )


def test_a_body_without_an_action_is_422(api: Api, application: Application, bob: User) -> None:
    response = step(api, application, bob, on="2025-09-29")
    assert response.json() == error("field_missing", "action：缺少 action", "action")


def test_no_token_is_refused(api: Api, application: Application) -> None:
    response = step(api, application, None, action="accept", on="2025-09-29")
    assert (response.status_code, response.json()) == (401, NO_TOKEN)
    assert stored(application) == []


def test_a_revoked_token_is_refused(api: Api, application: Application, bob: User) -> None:
    response = api.post(
        f"/applications/{application.pk}/events",
        {"action": "accept", "on": "2025-09-29"},
        token=api.revoked_token(bob),
    )
    assert response.status_code == 401
    assert stored(application) == []


def test_a_handler_of_another_department_is_refused(api: Api, application: Application, erin: User) -> None:
    response = step(api, application, erin, action="accept", on="2025-09-29")
    assert response.status_code == 403
    assert response.json() == error("not_case_member", "erin 无权查看某县人民政府的这件申请")
    assert stored(application) == []


def test_an_officer_of_another_body_is_refused(api: Api, application: Application, dave: User) -> None:
    response = step(api, application, dave, action="decide", on="2025-09-29", outcome="granted")
    assert response.status_code == 403
    assert response.json()["code"] == "not_case_member"
    assert stored(application) == []


@pytest.mark.parametrize("persona", ["alice", "carol", "frank"])
def test_officers_who_do_not_handle_the_case_cannot_accept_it(
    api: Api, application: Application, persona: str, request: pytest.FixtureRequest
) -> None:
    response = step(api, application, request.getfixturevalue(persona), action="accept", on="2025-09-29")
    assert response.status_code == 403
    assert response.json() == error("not_handler", f"{persona} 不是某县人民政府教育股的承办人员，不能受理")
    assert stored(application) == []


def test_the_handler_cannot_extend_or_decide(api: Api, accepted: Application, bob: User) -> None:
    extend = step(
        api, accepted, bob, action="extend", on="2025-10-09", working_days=10, notified_on="2025-10-09"
    )
    assert extend.status_code == 403
    assert extend.json() == error("not_reviewer", "bob 不是某县人民政府的审核人员或负责人，不能延期答复")
    decide = step(api, accepted, bob, action="decide", on="2025-10-09", outcome="granted")
    assert decide.json()["code"] == "not_reviewer"
    assert stored(accepted) == [("accept", SEPTEMBER_29, {})]


def test_a_step_on_a_case_not_yet_assigned_is_refused(
    api: Api, office: Office, alice: User, carol: User
) -> None:
    unassigned = walk_in(office, alice, department=None)
    response = step(api, unassigned, carol, action="accept", on="2025-09-29")
    assert response.status_code == 403
    assert response.json() == error("not_assigned", "申请尚未分配承办股室，不能受理")


def test_an_unknown_application_is_404(api: Api, application: Application, bob: User) -> None:
    response = api.post("/applications/999999/events", {"action": "accept", "on": "2025-09-29"}, bob)
    assert response.status_code == 404
    assert response.json() == error("not_found", "没有编号为 999999 的申请")


def test_dates_in_other_formats_are_refused(api: Api, application: Application, bob: User) -> None:
    for given, message in [
        ("2025/09/29", "on：应为日期，格式 YYYY-MM-DD，实际为 '2025/09/29'"),
        ("29-09-2025", "on：应为日期，格式 YYYY-MM-DD，实际为 '29-09-2025'"),
        ("2025-09-29T10:00:00", "on：应为日期，格式 YYYY-MM-DD，实际为 '2025-09-29T10:00:00'"),
        (20250929, "on：应为日期，格式 YYYY-MM-DD，实际为 20250929"),
        ("2025-02-30", "on：2025-02-30 不是有效的日期"),
        (None, "on：应为日期，格式 YYYY-MM-DD，实际为 None"),
    ]:
        response = step(api, application, bob, action="accept", on=given)
        assert (response.status_code, response.json()) == (422, error("field_invalid", message, "on")), given
    assert stored(application) == []
