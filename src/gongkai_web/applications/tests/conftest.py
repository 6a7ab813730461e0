from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from gongkai.cases import Action, ApplicantType
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import (
    Application,
    ApplicationEvent,
    Channel,
    Delivery,
    Medium,
    ReceiptBasis,
)
from gongkai_web.applications.services import register_application
from gongkai_web.bodies.models import Body, BodyKind, Department, Role
from gongkai_web.bodies.services import add_member, create_body, create_department
from gongkai_web.workcalendar.services import import_years_from_package

# A Sunday that is a 调休 workday, two days before the 2025 国庆/中秋 holiday (10月1日至8日).
SEPTEMBER_28 = dt.date(2025, 9, 28)


@dataclass(frozen=True)
class Office:
    """县人民政府 with 办公室 and 教育股; 县财政局 is another body."""

    county: Body
    general_office: Department
    education: Department
    finance_bureau: Body


@pytest.fixture
def office(db: None) -> Office:
    county = create_body(name="某县人民政府", kind=BodyKind.PEOPLES_GOVERNMENT)
    import_years_from_package(years=[2025])
    return Office(
        county=county,
        general_office=create_department(body=county, name="办公室"),
        education=create_department(body=county, name="教育股"),
        finance_bureau=create_body(name="某县财政局", kind=BodyKind.DEPARTMENT, parent=county),
    )


def person(username: str) -> User:
    return User.objects.create_user(username=username)  # no password: no hashing, no login


@pytest.fixture
def alice(office: Office) -> User:
    """The county's registrar (登记)."""
    user = person("alice")
    add_member(body=office.county, user=user, role=Role.REGISTRAR)
    return user


@pytest.fixture
def bob(office: Office) -> User:
    """A handler (承办) in the county's 教育股, where the test applications are assigned."""
    user = person("bob")
    add_member(body=office.county, user=user, role=Role.HANDLER, department=office.education)
    return user


@pytest.fixture
def carol(office: Office) -> User:
    """The county's reviewer (审核)."""
    user = person("carol")
    add_member(body=office.county, user=user, role=Role.REVIEWER)
    return user


@pytest.fixture
def erin(office: Office) -> User:
    """A handler in the county's 办公室: the same body, another department."""
    user = person("erin")
    add_member(body=office.county, user=user, role=Role.HANDLER, department=office.general_office)
    return user


@pytest.fixture
def dave(office: Office) -> User:
    """The finance bureau's registrar, reviewer and head: an officer of another body."""
    user = person("dave")
    for role in (Role.REGISTRAR, Role.REVIEWER, Role.HEAD):
        add_member(body=office.finance_bureau, user=user, role=role)
    return user


def walk_in(office: Office, registrar: User | None, **overrides: Any) -> Application:
    """A walk-in application to the county, handed in on 2025-09-28 and assigned to 教育股."""
    arguments: dict[str, Any] = {
        "body": office.county,
        "applicant_type": ApplicantType("natural_person"),
        "applicant_name": "张三",
        "identity_document": "110101199001011234",
        "contact": "13800000000",
        "description": "2025年本县义务教育阶段学校名单",
        "medium": Medium.ELECTRONIC,
        "delivery": Delivery.EMAIL,
        "channel": Channel.IN_PERSON,
        "submitted_on": SEPTEMBER_28,
        "receipt_basis": ReceiptBasis.HANDED_IN,
        "received_on": SEPTEMBER_28,
        "department": office.education,
        "actor": registrar,
    }
    return register_application(**(arguments | overrides))


@pytest.fixture
def application(office: Office, alice: User) -> Application:
    return walk_in(office, alice)


def actions_of(application: Application) -> list[Action]:
    return [Action(event.action) for event in ApplicationEvent.objects.filter(application=application)]
