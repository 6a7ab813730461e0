"""GET /api/v1/applications/{id}: the case with personal data per role, its clock, next steps and history."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in

from .conftest import NO_TOKEN, SEPTEMBER_29, Api, Today, clock_json, error, iso


def path(application: Application) -> str:
    return f"/applications/{application.pk}"


def choices(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"code": code, "label": label} for code, label in pairs]


def test_the_handler_reads_the_case_with_full_personal_data_and_the_steps_open_to_a_handler(
    api: Api, application: Application, bob: User
) -> None:
    response = api.get(path(application), bob)
    assert response.status_code == 200
    case = response.json()
    assert case["applicant"] == {
        "type": {"code": "natural_person", "label": "自然人"},
        "name": "张三",
        "identity_document": "110101199001011234",
        "contact": "13800000000",
        "masked": False,
    }
    assert case["allowed_actions"] == choices(
        ("request_correction", "告知补正"), ("accept", "受理"), ("withdraw", "撤回申请")
    )
    assert case["clock"] == clock_json(application, SEPTEMBER_29)


def test_the_reviewer_may_decide_at_once(api: Api, application: Application, carol: User) -> None:
    case = api.get(path(application), carol).json()
    assert case["allowed_actions"] == choices(("decide", "作出答复"))
    assert case["applicant"]["masked"] is False


def test_the_administrator_sees_the_case_with_personal_data_masked_and_no_steps(
    api: Api, application: Application, frank: User
) -> None:
    case = api.get(path(application), frank).json()
    assert case["applicant"]["identity_document"] == "110***********1234"
    assert case["applicant"]["contact"] == "138****0000"
    assert case["applicant"]["masked"] is True
    assert case["allowed_actions"] == []


def test_the_clock_is_computed_for_today(api: Api, application: Application, bob: User, today: Today) -> None:
    today.date = dt.date(2025, 11, 4)
    clock = api.get(path(application), bob).json()["clock"]
    assert clock == clock_json(application, dt.date(2025, 11, 4))
    assert (clock["due_on"], clock["days_left"], clock["overdue"]) == ("2025-10-31", -2, True)
    assert "扣除国庆节、中秋节假期 10月1日至8日" in clock["explanation"]


def test_the_events_and_the_history_name_who_did_what(api: Api, application: Application, bob: User) -> None:
    event = record_event(
        application=application,
        action=Action.REQUEST_CORRECTION,
        on=SEPTEMBER_29,
        actor=bob,
        items="请写明所需学校名单的学段",
        respond_by=dt.date(2025, 10, 15),
    )
    case = api.get(path(application), bob).json()
    assert case["events"] == [
        {
            "id": event.pk,
            "action": {"code": "request_correction", "label": "告知补正"},
            "on": "2025-09-29",
            "details": {"items": "请写明所需学校名单的学段", "respond_by": "2025-10-15"},
            "actor": "bob",
            "recorded_at": iso(event.recorded_at),
        }
    ]
    assert case["history"][-1]["summary"] == "2025-09-29 告知补正（补正期限 2025-10-15）"
    assert case["history"][-1]["actor"] == "bob"
    assert case["status"] == {"code": "awaiting_correction", "label": "补正中"}
    assert case["allowed_actions"] == choices(
        ("receive_correction", "收到补正"),
        ("correction_lapsed", "逾期未补正终止办理"),
        ("withdraw", "撤回申请"),
    )


def test_an_extended_case_offers_no_second_extension(
    api: Api, application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEPTEMBER_29, actor=bob)
    assert {"code": "extend", "label": "延期答复"} in api.get(path(application), carol).json()[
        "allowed_actions"
    ]
    record_event(
        application=application,
        action=Action.EXTEND,
        on=SEPTEMBER_29,
        actor=carol,
        working_days=10,
        notified_on=SEPTEMBER_29,
    )
    assert api.get(path(application), carol).json()["allowed_actions"] == choices(("decide", "作出答复"))


def test_a_decided_case_has_its_outcome_and_no_clock(
    api: Api, application: Application, bob: User, carol: User
) -> None:
    record_event(
        application=application,
        action=Action.DECIDE,
        on=SEPTEMBER_29,
        actor=carol,
        outcome="unavailable.not_held",
        reasons="经检索，本机关未制作或获取本县义务教育阶段学校名单",
    )
    case = api.get(path(application), bob).json()
    assert case["status"] == {"code": "decided", "label": "已答复"}
    assert case["closed_on"] == "2025-09-29"
    assert case["outcome"] == {
        "code": "unavailable.not_held",
        "label": "（四）无法提供 1.本机关不掌握相关政府信息",
    }
    assert case["clock"] is None
    assert case["allowed_actions"] == []


def test_a_handler_of_another_department_is_refused(api: Api, application: Application, erin: User) -> None:
    response = api.get(path(application), erin)
    assert response.status_code == 403
    assert response.json() == error("not_case_member", "erin 无权查看某县人民政府的这件申请")


def test_an_officer_of_another_body_is_refused(api: Api, application: Application, dave: User) -> None:
    response = api.get(path(application), dave)
    assert response.status_code == 403
    assert response.json() == error("not_case_member", "dave 无权查看某县人民政府的这件申请")


def test_a_handler_cannot_read_a_case_not_yet_assigned(
    api: Api, office: Office, alice: User, bob: User
) -> None:
    unassigned = walk_in(office, alice, department=None)
    assert api.get(path(unassigned), alice).status_code == 200
    assert api.get(path(unassigned), bob).json()["code"] == "not_case_member"


def test_no_token_is_refused(api: Api, application: Application) -> None:
    response = api.get(path(application))
    assert (response.status_code, response.json()) == (401, NO_TOKEN)


def test_a_revoked_token_is_refused(api: Api, application: Application, bob: User) -> None:
    response = api.get(path(application), token=api.revoked_token(bob))
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"


def test_an_unknown_application_is_404(api: Api, application: Application, bob: User) -> None:
    response = api.get(f"/applications/{application.pk + 1000}", bob)
    assert response.status_code == 404
    assert response.json() == error("not_found", f"没有编号为 {application.pk + 1000} 的申请")


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "-"])
def test_an_id_that_is_not_a_number_is_refused(
    api: Api, application: Application, bob: User, bad_id: str
) -> None:
    response = api.get(f"/applications/{bad_id}", bob)
    assert response.status_code == 422
    assert response.json() == error("field_invalid", "application_id：应为整数", "application_id")


def test_a_user_with_no_role_is_refused(api: Api, application: Application) -> None:
    from gongkai_web.personas import person

    response = api.get(path(application), person("nobody"))
    assert response.status_code == 403
    assert response.json() == error("not_case_member", "nobody 无权查看某县人民政府的这件申请")
