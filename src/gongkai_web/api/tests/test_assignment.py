"""POST /api/v1/applications/{id}/assignment: the registrar or reviewer assigns; a reassignment needs a reason."""

from __future__ import annotations

import typing

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, CaseLogEntry, LogKind
from gongkai_web.applications.services import record_event
from gongkai_web.bodies.services import create_department
from gongkai_web.personas import Office, walk_in

from .conftest import NO_TOKEN, SEPTEMBER_29, Api, error


@pytest.fixture
def unassigned(office: Office, alice: User) -> Application:
    return walk_in(office, alice, department=None)


def assign(api: Api, application: Application, user: User | None, **body: object) -> typing.Any:
    return api.post(f"/applications/{application.pk}/assignment", body, user)


def department_of(application: Application) -> str | None:
    application.refresh_from_db()
    return application.department.name if application.department else None


def test_the_registrar_assigns_a_new_case(
    api: Api, office: Office, unassigned: Application, alice: User
) -> None:
    response = assign(api, unassigned, alice, department=office.education.pk)
    assert response.status_code == 200
    case = response.json()
    assert case["department"] == {"id": office.education.pk, "name": "教育股"}
    assert case["assigned_by"] == "alice"
    assert case["history"][-1]["kind"] == {"code": "assigned", "label": "分办"}
    assert case["history"][-1]["summary"] == "分办至教育股"


def test_the_reviewer_reassigns_with_a_reason(
    api: Api, office: Office, application: Application, carol: User
) -> None:
    response = assign(
        api,
        application,
        carol,
        department=office.general_office.pk,
        reason="申请的是县政府会议纪要，属办公室职责",
    )
    assert response.status_code == 200
    assert (
        response.json()["history"][-1]["summary"]
        == "由教育股改派至办公室：申请的是县政府会议纪要，属办公室职责"
    )
    entry = CaseLogEntry.objects.filter(kind=LogKind.REASSIGNED).get()
    assert entry.actor == carol
    assert department_of(application) == "办公室"


def test_a_reassignment_without_a_reason_is_refused(
    api: Api, office: Office, application: Application, alice: User
) -> None:
    response = assign(api, application, alice, department=office.general_office.pk, reason="  ")
    assert response.status_code == 422
    assert response.json() == error("reassignment_reason_required", "改派承办股室须说明理由")
    assert department_of(application) == "教育股"


def test_assigning_to_the_same_department_is_refused(
    api: Api, office: Office, application: Application, alice: User
) -> None:
    response = assign(api, application, alice, department=office.education.pk)
    assert response.json() == error("already_assigned", "申请已由“教育股”承办")


def test_a_closed_case_is_not_reassigned(
    api: Api, office: Office, application: Application, alice: User, carol: User
) -> None:
    record_event(
        application=application, action=Action.DECIDE, on=SEPTEMBER_29, actor=carol, outcome="granted"
    )
    response = assign(api, application, alice, department=office.general_office.pk, reason="重新核查")
    assert response.json() == error("closed_case", "申请已办结，不能改派")


def test_an_unknown_department_is_a_field_error(api: Api, unassigned: Application, alice: User) -> None:
    response = assign(api, unassigned, alice, department=99999)
    assert response.status_code == 422
    assert response.json() == error("unknown_department", "department：没有编号为 99999 的股室", "department")


def test_a_department_of_another_body_is_refused(
    api: Api, office: Office, unassigned: Application, alice: User
) -> None:
    bureau_office = create_department(body=office.finance_bureau, name="综合股")
    response = assign(api, unassigned, alice, department=bureau_office.pk)
    assert response.json() == error("department_of_other_body", "股室“综合股”不属于某县人民政府")
    assert department_of(unassigned) is None


def test_a_department_given_as_text_is_refused(api: Api, unassigned: Application, alice: User) -> None:
    response = assign(api, unassigned, alice, department="教育股")
    assert response.json() == error("field_invalid", "department：应为整数", "department")


def test_no_token_is_refused(api: Api, office: Office, unassigned: Application) -> None:
    response = assign(api, unassigned, None, department=office.education.pk)
    assert (response.status_code, response.json()) == (401, NO_TOKEN)
    assert department_of(unassigned) is None


def test_a_revoked_token_is_refused(api: Api, office: Office, unassigned: Application, alice: User) -> None:
    response = api.post(
        f"/applications/{unassigned.pk}/assignment",
        {"department": office.education.pk},
        token=api.revoked_token(alice),
    )
    assert response.status_code == 401
    assert department_of(unassigned) is None


@pytest.mark.parametrize("persona", ["bob", "frank"])
def test_officers_who_see_the_case_but_do_not_assign_are_refused(
    api: Api, office: Office, application: Application, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    response = assign(api, application, user, department=office.general_office.pk, reason="不属本股室")
    assert response.status_code == 403
    assert response.json() == error("not_assigner", f"{persona} 不能为某县人民政府的申请分配承办股室")
    assert department_of(application) == "教育股"


def test_a_handler_of_another_department_is_refused(
    api: Api, office: Office, application: Application, erin: User
) -> None:
    response = assign(api, application, erin, department=office.general_office.pk, reason="归我们办")
    assert response.status_code == 403
    assert response.json() == error("not_case_member", "erin 无权查看某县人民政府的这件申请")
    assert department_of(application) == "教育股"


def test_an_officer_of_another_body_is_refused(
    api: Api, office: Office, unassigned: Application, dave: User
) -> None:
    response = assign(api, unassigned, dave, department=office.education.pk)
    assert response.status_code == 403
    assert response.json()["code"] == "not_case_member"
    assert department_of(unassigned) is None
