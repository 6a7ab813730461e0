from __future__ import annotations

from dataclasses import dataclass

import pytest

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Body, BodyKind, Department, Role
from gongkai_web.bodies.services import add_member, create_body, create_department


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
    return Office(
        county=county,
        general_office=create_department(body=county, name="办公室"),
        education=create_department(body=county, name="教育股"),
        finance_bureau=create_body(name="某县财政局", kind=BodyKind.DEPARTMENT, parent=county),
    )


def person(username: str) -> User:
    return User.objects.create_user(username=username, password="not-used-in-these-tests")


@pytest.fixture
def alice(office: Office) -> User:
    """The county's registrar (登记)."""
    user = person("alice")
    add_member(body=office.county, user=user, role=Role.REGISTRAR)
    return user


@pytest.fixture
def bob(office: Office) -> User:
    """A handler (承办) in the county's 教育股."""
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
def dave(office: Office) -> User:
    """The finance bureau's administrator: an officer of another body."""
    user = person("dave")
    add_member(body=office.finance_bureau, user=user, role=Role.ADMIN)
    return user
