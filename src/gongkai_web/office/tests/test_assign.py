"""Assignment at /office/cases/<id>/assign/: the registrar or the reviewer sends a case to a department."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, CaseLogEntry, LogKind
from gongkai_web.personas import Office, logged_in, walk_in


def url(application: Application) -> str:
    return reverse("office:assign", args=[application.pk])


@pytest.fixture
def unassigned(office: Office, alice: User) -> Application:
    return walk_in(office, alice, department=None)


def test_the_registrar_assigns_a_new_case(
    client: Client, office: Office, unassigned: Application, alice: User
) -> None:
    response = logged_in(client, alice).post(url(unassigned), {"department": office.education.pk})
    assert response.status_code == 302
    unassigned.refresh_from_db()
    assert unassigned.department == office.education
    assert unassigned.assigned_by == alice


def test_the_reviewer_reassigns_a_case_with_a_reason(
    client: Client, office: Office, application: Application, carol: User
) -> None:
    response = logged_in(client, carol).post(
        url(application), {"department": office.general_office.pk, "reason": "涉及县政府文件，由办公室承办"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.department == office.general_office
    entry = CaseLogEntry.objects.filter(application=application, kind=LogKind.REASSIGNED).get()
    assert entry.summary == "由教育股改派至办公室：涉及县政府文件，由办公室承办"


def test_a_reassignment_without_a_reason_is_refused(
    client: Client, office: Office, application: Application, carol: User
) -> None:
    response = logged_in(client, carol).post(url(application), {"department": office.general_office.pk})
    assert "改派理由：改派承办股室须说明理由" in response.content.decode()
    application.refresh_from_db()
    assert application.department == office.education


def test_a_reason_too_long_for_the_case_log_is_refused_on_the_form(
    client: Client, office: Office, application: Application, carol: User
) -> None:
    response = logged_in(client, carol).post(
        url(application), {"department": office.general_office.pk, "reason": "理" * 490}
    )
    assert response.status_code == 200
    assert "改派理由：改派理由过长：连同两个股室的名称写入办理记录，理由最多 489 个字，实际为 490 个字" in (
        response.content.decode()
    )
    application.refresh_from_db()
    assert application.department == office.education


def test_only_the_bodys_departments_are_offered(
    client: Client, office: Office, application: Application, carol: User, dave: User
) -> None:
    html = logged_in(client, carol).get(url(application)).content.decode()
    assert ">办公室</option>" in html and ">教育股</option>" in html
    assert "预算股" not in html


def test_anonymous_users_are_sent_to_log_in(client: Client, office: Office, unassigned: Application) -> None:
    assert client.get(url(unassigned)).status_code == 302
    assert client.post(url(unassigned), {"department": office.education.pk}).status_code == 302
    unassigned.refresh_from_db()
    assert unassigned.department is None


@pytest.mark.parametrize("persona", ["bob", "erin", "frank", "dave", "olga"])
def test_handlers_administrators_and_other_bodies_may_not_assign(
    client: Client, office: Office, application: Application, persona: str, request: pytest.FixtureRequest
) -> None:
    client = logged_in(client, request.getfixturevalue(persona))
    assert client.get(url(application)).status_code == 403
    response = client.post(url(application), {"department": office.general_office.pk, "reason": "试图改派"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.department == office.education
