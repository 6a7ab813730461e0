"""GET /api/v1/applications: the office queue's scope, filters and pages, personal data always masked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in

from .conftest import NO_TOKEN, SEPTEMBER_29, Api, Today, error


@dataclass(frozen=True)
class Cases:
    education: Application  # 教育股's
    general_office: Application  # 办公室's
    unassigned: Application
    bureau: Application  # the finance bureau's


@pytest.fixture
def cases(office: Office, alice: User, dave: User) -> Cases:
    return Cases(
        education=walk_in(office, alice),
        general_office=walk_in(office, alice, department=office.general_office, applicant_name="李四"),
        unassigned=walk_in(office, alice, department=None, applicant_name="王五"),
        bureau=walk_in(office, dave, body=office.finance_bureau, department=None, applicant_name="赵六"),
    )


def ids(response_json: dict[str, object]) -> list[object]:
    items = response_json["items"]
    assert isinstance(items, list)
    return [item["id"] for item in items]


def test_a_line_of_the_list_masks_the_identity_document_and_contact(
    api: Api, cases: Cases, alice: User
) -> None:
    response = api.get("/applications", alice, department=cases.education.department_id)
    assert response.status_code == 200
    application = cases.education
    assert response.json() == {
        "count": 1,
        "page": 1,
        "page_size": 50,
        "items": [
            {
                "id": application.pk,
                "body": {"id": application.body_id, "name": "某县人民政府"},
                "department": {"id": application.department_id, "name": "教育股"},
                "applicant_type": {"code": "natural_person", "label": "自然人"},
                "applicant_name": "张三",
                "identity_document": "110***********1234",
                "contact": "138****0000",
                "channel": {"code": "in_person", "label": "当面"},
                "received_on": "2025-09-28",
                "status": {"code": "registered", "label": "已登记"},
                "reply_due_on": "2025-10-31",
                "attention_on": "2025-10-31",
                "deadline_provisional": False,
                "overdue": False,
                "closed_on": None,
                "outcome": None,
            }
        ],
    }


@pytest.mark.parametrize("persona", ["alice", "carol", "frank"])
def test_registrars_reviewers_and_administrators_see_the_whole_body(
    api: Api, cases: Cases, persona: str, request: pytest.FixtureRequest
) -> None:
    response = api.get("/applications", request.getfixturevalue(persona))
    assert ids(response.json()) == [cases.unassigned.pk, cases.general_office.pk, cases.education.pk]
    assert response.json()["count"] == 3


def test_a_handler_sees_only_the_cases_of_the_department(api: Api, cases: Cases, bob: User) -> None:
    assert ids(api.get("/applications", bob).json()) == [cases.education.pk]


def test_a_handler_of_another_department_sees_only_that_departments_cases(
    api: Api, cases: Cases, erin: User
) -> None:
    assert ids(api.get("/applications", erin).json()) == [cases.general_office.pk]


def test_an_officer_of_another_body_sees_none_of_the_countys_cases(
    api: Api, cases: Cases, dave: User
) -> None:
    assert ids(api.get("/applications", dave).json()) == [cases.bureau.pk]


def test_an_officer_with_no_role_sees_nothing(api: Api, cases: Cases) -> None:
    from gongkai_web.personas import person

    response = api.get("/applications", person("nobody"))
    assert response.json() == {"count": 0, "page": 1, "page_size": 50, "items": []}


def test_no_token_is_refused(api: Api, cases: Cases) -> None:
    response = api.get("/applications")
    assert (response.status_code, response.json()) == (401, NO_TOKEN)


def test_a_revoked_token_is_refused(api: Api, cases: Cases, alice: User) -> None:
    response = api.get("/applications", token=api.revoked_token(alice))
    assert response.status_code == 401
    assert response.json()["code"] == "token_revoked"


def test_the_status_filter(api: Api, cases: Cases, alice: User, bob: User) -> None:
    record_event(application=cases.education, action=Action.ACCEPT, on=SEPTEMBER_29, actor=bob)
    assert ids(api.get("/applications", alice, status="in_progress").json()) == [cases.education.pk]
    assert ids(api.get("/applications", alice, status="registered").json()) == [
        cases.unassigned.pk,
        cases.general_office.pk,
    ]


def test_the_overdue_filter_compares_the_reply_deadline_with_today(
    api: Api, cases: Cases, alice: User, today: Today
) -> None:
    today.date = dt.date(2025, 10, 31)  # the last day: not yet overdue
    assert ids(api.get("/applications", alice, overdue="true").json()) == []
    today.date = dt.date(2025, 11, 3)
    overdue = api.get("/applications", alice, overdue="true").json()
    assert ids(overdue) == [cases.unassigned.pk, cases.general_office.pk, cases.education.pk]
    assert all(item["overdue"] for item in overdue["items"])
    assert ids(api.get("/applications", alice, overdue="false").json()) == []


def test_a_decided_case_is_never_overdue(
    api: Api, cases: Cases, alice: User, carol: User, today: Today
) -> None:
    record_event(
        application=cases.education, action=Action.DECIDE, on=SEPTEMBER_29, actor=carol, outcome="granted"
    )
    today.date = dt.date(2025, 12, 1)
    assert cases.education.pk not in ids(api.get("/applications", alice, overdue="true").json())
    assert cases.education.pk in ids(api.get("/applications", alice, overdue="false").json())


def test_the_receipt_date_filters(api: Api, office: Office, cases: Cases, alice: User) -> None:
    later = walk_in(office, alice, submitted_on=dt.date(2025, 10, 9), received_on=dt.date(2025, 10, 9))
    params = {"received_from": "2025-10-01", "received_to": "2025-10-31"}
    assert ids(api.get("/applications", alice, **params).json()) == [later.pk]
    assert later.pk not in ids(api.get("/applications", alice, received_to="2025-09-30").json())


def test_pages(api: Api, cases: Cases, alice: User) -> None:
    second = api.get("/applications", alice, page=2, page_size=2).json()
    assert (second["count"], second["page"], second["page_size"]) == (3, 2, 2)
    assert ids(second) == [cases.education.pk]
    assert ids(api.get("/applications", alice, page=3, page_size=2).json()) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"status": "open"},
            error(
                "field_invalid",
                "status：应为 registered、awaiting_correction、in_progress、consulting、awaiting_payment、"
                "decided、lapsed、withdrawn 之一",
                "status",
            ),
        ),
        (
            {"received_from": "2025/10/01"},
            error(
                "field_invalid",
                "received_from：应为日期，格式 YYYY-MM-DD，实际为 '2025/10/01'",
                "received_from",
            ),
        ),
        ({"overdue": "maybe"}, error("field_invalid", "overdue：应为 true 或 false", "overdue")),
        ({"page": "0"}, error("field_invalid", "page：应不小于 1", "page")),
        ({"page_size": "1000"}, error("field_invalid", "page_size：应不大于 200", "page_size")),
        ({"department": "教育股"}, error("field_invalid", "department：应为整数", "department")),
    ],
)
def test_a_filter_that_cannot_be_understood_is_refused(
    api: Api, cases: Cases, alice: User, params: dict[str, str], expected: dict[str, object]
) -> None:
    response = api.get("/applications", alice, **params)
    assert (response.status_code, response.json()) == (422, expected)


def test_the_list_and_the_case_page_agree_on_who_sees_what(
    api: Api, cases: Cases, alice: User, bob: User, carol: User, erin: User, frank: User, dave: User
) -> None:
    every = (cases.education, cases.general_office, cases.unassigned, cases.bureau)
    for user in (alice, bob, carol, erin, frank, dave):
        listed = set(ids(api.get("/applications", user).json()))
        opened = {case.pk for case in every if api.get(f"/applications/{case.pk}", user).status_code == 200}
        assert listed == opened, user
