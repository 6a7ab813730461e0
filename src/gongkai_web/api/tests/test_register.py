"""POST /api/v1/applications: the registrar registers; a retry with the same key gets the same application."""

from __future__ import annotations

import pytest

from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, CaseLogEntry
from gongkai_web.personas import Office

from .conftest import NO_TOKEN, SEPTEMBER_29, Api, clock_json, error, iso, registration


def test_the_registrar_registers_a_walk_in_and_gets_the_case(api: Api, office: Office, alice: User) -> None:
    response = api.post("/applications", registration(office), alice)
    assert response.status_code == 201
    application = Application.objects.get()
    registered, assigned = CaseLogEntry.objects.order_by("id")
    assert response.json() == {
        "id": application.pk,
        "tracking_code": application.tracking_code,
        "body": {"id": office.county.pk, "name": "某县人民政府"},
        "department": {"id": office.education.pk, "name": "教育股"},
        "applicant": {
            "type": {"code": "natural_person", "label": "自然人"},
            "name": "张三",
            "identity_document": "110101199001011234",
            "contact": "13800000000",
            "masked": False,
        },
        "description": "2025年本县义务教育阶段学校名单",
        "medium": {"code": "electronic", "label": "电子文件"},
        "delivery": {"code": "email", "label": "电子邮件"},
        "channel": {"code": "in_person", "label": "当面"},
        "submitted_on": "2025-09-28",
        "receipt_basis": {"code": "handed_in", "label": "当面提交之日"},
        "received_on": "2025-09-28",
        "submission_key": None,
        "registered_by": "alice",
        "assigned_by": "alice",
        "assigned_at": iso(application.assigned_at),
        "status": {"code": "registered", "label": "已登记"},
        "closed_on": None,
        "outcome": None,
        "today": "2025-09-29",
        "clock": clock_json(application, SEPTEMBER_29),
        "allowed_actions": [],  # a registrar registers; the handler and the reviewer work the case
        "events": [],
        "history": [
            {
                "at": iso(registered.at),
                "kind": {"code": "registered", "label": "登记申请"},
                "summary": "收到申请 2025-09-28（当面，由alice登记）",
                "actor": "alice",
            },
            {
                "at": iso(assigned.at),
                "kind": {"code": "assigned", "label": "分办"},
                "summary": "分办至教育股",
                "actor": "alice",
            },
        ],
    }
    clock = response.json()["clock"]
    assert (clock["due_on"], clock["days_left"], clock["overdue"]) == ("2025-10-31", 19, False)


def test_a_retry_with_the_same_idempotency_key_gets_the_same_application_with_200(
    api: Api, office: Office, alice: User
) -> None:
    first = api.post("/applications", registration(office), alice, headers={"Idempotency-Key": "0b7e1c2a"})
    again = api.post("/applications", registration(office), alice, headers={"Idempotency-Key": "0b7e1c2a"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert first.json()["submission_key"] == "0b7e1c2a"
    assert Application.objects.count() == 1


def test_a_retry_with_the_same_submission_key_field_gets_the_same_application(
    api: Api, office: Office, alice: User
) -> None:
    body = registration(office, submission_key="form-7f3a")
    first, again = api.post("/applications", body, alice), api.post("/applications", body, alice)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Application.objects.count() == 1


def test_without_a_key_every_request_registers_a_new_application(
    api: Api, office: Office, alice: User
) -> None:
    api.post("/applications", registration(office), alice)
    second = api.post("/applications", registration(office), alice)
    assert second.status_code == 201
    assert Application.objects.count() == 2


def test_a_header_and_a_field_naming_different_keys_are_refused(
    api: Api, office: Office, alice: User
) -> None:
    response = api.post(
        "/applications", registration(office, submission_key="a"), alice, headers={"Idempotency-Key": "b"}
    )
    assert response.status_code == 422
    assert response.json() == error(
        "idempotency_key_mismatch",
        "submission_key：Idempotency-Key 请求头与 submission_key 不一致",
        "submission_key",
    )
    assert not Application.objects.exists()


def test_an_idempotency_key_longer_than_the_column_is_refused(api: Api, office: Office, alice: User) -> None:
    response = api.post("/applications", registration(office), alice, headers={"Idempotency-Key": "k" * 65})
    assert response.status_code == 422
    assert response.json() == error("field_invalid", "Idempotency-Key：不能超过 64 个字符", "Idempotency-Key")


def test_a_key_used_at_another_body_is_refused(api: Api, office: Office, alice: User, dave: User) -> None:
    api.post("/applications", registration(office, submission_key="shared"), alice)
    response = api.post(
        "/applications",
        registration(office, body=office.finance_bureau.pk, department=None, submission_key="shared"),
        dave,
    )
    assert response.status_code == 422
    assert response.json() == error("submission_key_reused", "该提交标识已用于另一机关的申请")


def test_a_letter_received_before_it_was_sent_is_refused(api: Api, office: Office, alice: User) -> None:
    body = registration(office, channel="letter", receipt_basis="signed_for", received_on="2025-09-27")
    response = api.post("/applications", body, alice)
    assert response.status_code == 422
    assert response.json() == error(
        "received_before_submitted", "收到申请日期 2025-09-27 早于提交日期 2025-09-28"
    )


def test_a_receipt_basis_the_channel_does_not_have_is_refused(api: Api, office: Office, alice: User) -> None:
    response = api.post("/applications", registration(office, receipt_basis="signed_for"), alice)
    assert response.status_code == 422
    assert response.json() == error(
        "receipt_basis_mismatch",
        "以“当面”方式提交的申请，收到申请日期应为当面提交之日，实际选择了签收之日",
    )
    assert not Application.objects.exists()


def test_a_walk_in_received_on_another_day_is_refused(api: Api, office: Office, alice: User) -> None:
    response = api.post("/applications", registration(office, received_on="2025-09-29"), alice)
    assert response.status_code == 422
    assert response.json()["code"] == "received_not_on_submission_day"


def test_a_department_of_another_body_is_refused(api: Api, office: Office, alice: User) -> None:
    from gongkai_web.bodies.services import create_department

    bureau_office = create_department(body=office.finance_bureau, name="综合股")
    response = api.post("/applications", registration(office, department=bureau_office.pk), alice)
    assert response.status_code == 422
    assert response.json() == error("department_of_other_body", "股室“综合股”不属于某县人民政府")


def test_an_unknown_body_is_refused_as_a_field_error(api: Api, office: Office, alice: User) -> None:
    response = api.post("/applications", registration(office, body=999), alice)
    assert response.status_code == 422
    assert response.json() == error("unknown_body", "body：没有编号为 999 的机关", "body")


def test_an_unknown_applicant_type_is_refused(api: Api, office: Office, alice: User) -> None:
    response = api.post("/applications", registration(office, applicant_type="alien"), alice)
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["field"]) == ("field_invalid", "applicant_type")
    assert body["message"].startswith(
        "applicant_type：“alien”不是申请人类型，应为 natural_person、commercial"
    )


def test_missing_and_blank_fields_are_named(api: Api, office: Office, alice: User) -> None:
    body = registration(office, applicant_name="")
    del body["contact"]
    response = api.post("/applications", body, alice)
    assert response.status_code == 422
    assert response.json() == error(
        "field_invalid", "applicant_name：不能为空；contact：缺少必填项", "applicant_name"
    )


def test_a_name_longer_than_the_column_is_refused(api: Api, office: Office, alice: User) -> None:
    response = api.post("/applications", registration(office, applicant_name="张" * 201), alice)
    assert response.json() == error("field_invalid", "applicant_name：不能超过 200 个字符", "applicant_name")


def test_no_token_is_refused(api: Api, office: Office) -> None:
    response = api.post("/applications", registration(office))
    assert (response.status_code, response.json()) == (401, NO_TOKEN)
    assert not Application.objects.exists()


def test_a_revoked_token_is_refused(api: Api, office: Office, alice: User) -> None:
    response = api.post("/applications", registration(office), token=api.revoked_token(alice))
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"
    assert not Application.objects.exists()


def test_another_bodys_registrar_is_refused(api: Api, office: Office, dave: User) -> None:
    response = api.post("/applications", registration(office), dave)
    assert response.status_code == 403
    assert response.json() == error("not_registrar", "dave 不是某县人民政府的登记人员，不能登记申请")
    assert not Application.objects.exists()


@pytest.mark.parametrize("persona", ["bob", "erin", "carol", "frank"])
def test_officers_who_are_not_registrars_are_refused(
    api: Api, office: Office, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    response = api.post("/applications", registration(office), user)
    assert response.status_code == 403
    assert response.json() == error("not_registrar", f"{persona} 不是某县人民政府的登记人员，不能登记申请")
    assert not Application.objects.exists()


def test_a_retry_by_someone_who_may_not_register_is_refused_too(
    api: Api, office: Office, alice: User, bob: User
) -> None:
    api.post("/applications", registration(office), alice, headers={"Idempotency-Key": "k1"})
    response = api.post("/applications", registration(office), bob, headers={"Idempotency-Key": "k1"})
    assert response.status_code == 403
