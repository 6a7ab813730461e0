from __future__ import annotations

import datetime as dt
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
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office, person
from gongkai_web.workcalendar.services import import_years_from_package

# A Sunday that is a 调休 workday, two days before the 2025 国庆/中秋 holiday (10月1日至8日).
SEPTEMBER_28 = dt.date(2025, 9, 28)


@pytest.fixture
def office(office: Office) -> Office:
    """The shared office, with the 2025 holidays loaded for the clock."""
    import_years_from_package(years=[2025])
    return office


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
