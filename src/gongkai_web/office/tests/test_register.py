"""Staff registration at /office/register/: letters, walk-ins, oral applications, faxes and e-mails."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.cases import Status
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, LogKind
from gongkai_web.personas import Office, logged_in

from .conftest import IDENTITY, PHONE, TODAY

REGISTER = reverse("office:register")


def walk_in_form(office: Office, **overrides: Any) -> dict[str, Any]:
    return {
        "body": office.county.pk,
        "channel": "in_person",
        "submitted_on": TODAY.isoformat(),
        "receipt_basis": "handed_in",
        "received_on": TODAY.isoformat(),
        "applicant_type": "natural_person",
        "applicant_name": "李四",
        "identity_document": IDENTITY,
        "contact": PHONE,
        "description": "本县2025年城乡低保对象名单",
        "medium": "paper",
        "delivery": "collect",
        "department": office.education.pk,
        "submission_key": "walk-in-李四-1",
    } | overrides


def test_the_registrar_registers_a_walk_in_and_lands_on_its_case(
    client: Client, office: Office, alice: User
) -> None:
    response = logged_in(client, alice).post(REGISTER, walk_in_form(office))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("office:case", args=[application.pk])
    assert application.applicant_name == "李四"
    assert application.channel == "in_person"
    assert application.receipt_basis == "handed_in"
    assert application.received_on == TODAY
    assert application.department == office.education
    assert application.registered_by == alice
    assert application.case_status is Status.REGISTERED
    assert application.reply_due_on == dt.date(2025, 11, 24)


def test_the_form_offers_every_staff_channel_but_not_online(client: Client, alice: User) -> None:
    html = logged_in(client, alice).get(REGISTER).content.decode()
    for label in ("信函", "当面", "口头", "传真", "电子邮件"):
        assert f" {label}</label>" in html
    assert 'name="channel" value="online"' not in html
    assert "口头提出的申请，由工作人员代为填写（条例第二十九条）" in html
    assert "当面提交之日（当面、口头）" in html
    assert "签收之日（信函）" in html


def test_an_online_application_cannot_be_registered_by_staff(
    client: Client, office: Office, alice: User
) -> None:
    response = logged_in(client, alice).post(
        REGISTER, walk_in_form(office, channel="online", receipt_basis="confirmed_by_both")
    )
    assert response.status_code == 200
    assert "提交方式：选择一个有效的选项。 online 不在可用的选项中。" in response.content.decode()
    assert not Application.objects.exists()


def test_an_oral_application_is_filled_in_by_the_office(client: Client, office: Office, alice: User) -> None:
    logged_in(client, alice).post(REGISTER, walk_in_form(office, channel="oral"))
    assert Application.objects.get().channel == "oral"


def test_a_signed_for_letter_is_received_the_day_it_is_signed_for(
    client: Client, office: Office, alice: User
) -> None:
    form = walk_in_form(
        office,
        channel="letter",
        receipt_basis="signed_for",
        submitted_on="2025-10-20",
        received_on="2025-10-23",
    )
    assert logged_in(client, alice).post(REGISTER, form).status_code == 302
    application = Application.objects.get()
    assert (application.submitted_on, application.received_on) == (
        dt.date(2025, 10, 20),
        dt.date(2025, 10, 23),
    )


def test_a_receipt_basis_that_is_not_the_channels_is_refused_with_the_rule(
    client: Client, office: Office, alice: User
) -> None:
    response = logged_in(client, alice).post(
        REGISTER, walk_in_form(office, channel="fax", receipt_basis="handed_in")
    )
    html = response.content.decode()
    assert (
        "收到申请日期的依据（条例第三十一条）：以“传真”方式提交的申请，收到申请日期应为双方确认之日，实际选择了当面提交之日"
        in html
    )
    assert not Application.objects.exists()


def test_a_walk_in_received_on_another_day_than_handed_in_is_refused(
    client: Client, office: Office, alice: User
) -> None:
    response = logged_in(client, alice).post(
        REGISTER, walk_in_form(office, submitted_on="2025-10-24", received_on="2025-10-27")
    )
    assert "收到申请日期：当面提交的申请以提交之日为收到申请之日" in response.content.decode()
    assert not Application.objects.exists()


def test_a_receipt_after_today_is_refused(client: Client, office: Office, alice: User) -> None:
    response = logged_in(client, alice).post(
        REGISTER, walk_in_form(office, submitted_on="2025-10-28", received_on="2025-10-28")
    )
    assert "晚于今天（2025-10-27）" in response.content.decode()
    assert not Application.objects.exists()


def test_the_same_form_submitted_twice_makes_one_application(
    client: Client, office: Office, alice: User
) -> None:
    client = logged_in(client, alice)
    first = client.post(REGISTER, walk_in_form(office))
    second = client.post(REGISTER, walk_in_form(office))
    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_each_form_shown_carries_a_new_submission_key(client: Client, alice: User) -> None:
    client = logged_in(client, alice)
    keys = [
        client.get(REGISTER).content.decode().split('name="submission_key" value="', 1)[1].split('"', 1)[0]
        for _ in range(2)
    ]
    assert len(set(keys)) == 2 and all(len(key) >= 30 for key in keys)


def test_an_application_may_be_registered_without_a_department(
    client: Client, office: Office, alice: User
) -> None:
    logged_in(client, alice).post(REGISTER, walk_in_form(office, department=""))
    application = Application.objects.get()
    assert application.department is None
    assert not application.log.filter(kind=LogKind.ASSIGNED).exists()


def test_anonymous_users_are_sent_to_log_in(client: Client, office: Office) -> None:
    assert client.get(REGISTER).status_code == 302
    assert client.post(REGISTER, walk_in_form(office)).status_code == 302
    assert not Application.objects.exists()


@pytest.mark.parametrize("persona", ["bob", "carol", "erin", "frank", "olga"])
def test_only_registrars_may_register(
    client: Client, office: Office, persona: str, request: pytest.FixtureRequest
) -> None:
    client = logged_in(client, request.getfixturevalue(persona))
    assert client.get(REGISTER).status_code == 403
    assert client.post(REGISTER, walk_in_form(office)).status_code == 403
    assert not Application.objects.exists()


def test_a_registrar_of_another_body_cannot_register_for_the_county(
    client: Client, office: Office, dave: User
) -> None:
    response = logged_in(client, dave).post(REGISTER, walk_in_form(office, department=""))
    assert "受理机关：选择一个有效的选项" in response.content.decode()
    assert not Application.objects.exists()


def test_a_registrar_cannot_assign_to_another_bodys_department(
    client: Client, office: Office, alice: User, dave: User
) -> None:
    budget = office.finance_bureau.departments.get()
    response = logged_in(client, alice).post(REGISTER, walk_in_form(office, department=budget.pk))
    assert "承办股室：选择一个有效的选项" in response.content.decode()
    assert not Application.objects.exists()
