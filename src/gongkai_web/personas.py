"""The people, offices and case the web tests speak of (loaded as a pytest plugin, see pyproject.toml).

One county government with two departments and a bureau below it. At the county: alice registers,
bob handles in 教育股, carol reviews, hana heads the disclosure office, frank administers the system;
erin handles in 办公室 (the same body, another department). dave holds every role at 某县财政局
(another body), and olga holds no role anywhere: the twins each app's refusal tests ask for.

`walk_in` is the case most tests start from: 张三's application handed in at the county on
2025-09-28, assigned to 教育股 (the ``application`` fixture).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from gongkai.cases import ApplicantType

if TYPE_CHECKING:  # models load only once pytest-django has set Django up
    from django.test import Client

    from gongkai_web.accounts.models import User
    from gongkai_web.applications.models import Application
    from gongkai_web.bodies.models import Body, Department, Role

# A Sunday that is a 调休 workday, two days before the 2025 国庆/中秋 holiday (10月1日至8日).
SEPTEMBER_28 = dt.date(2025, 9, 28)


@dataclass(frozen=True)
class Office:
    """县人民政府 with 办公室 and 教育股; 县财政局 is another body."""

    county: Body
    general_office: Department
    education: Department
    finance_bureau: Body


def person(username: str) -> User:
    from gongkai_web.accounts.models import User  # noqa: PLC0415

    return User.objects.create_user(username=username)  # no password: no hashing, no login


def logged_in(client: Client, user: User) -> Client:
    """The test client, logged in as ``user`` (no password: the session is made directly)."""
    client.force_login(user)
    return client


def _member(office: Office, username: str, role: Role, department: Department | None = None) -> User:
    from gongkai_web.bodies.services import add_member  # noqa: PLC0415

    user = person(username)
    add_member(body=office.county, user=user, role=role, department=department)
    return user


@pytest.fixture
def office(db: None) -> Office:
    """The county and the bureau, with the 2025 holidays stored for the clock.

    The migrations store the holidays too, but a transactional test (a browser test) empties the
    database behind it; storing the year again costs one comparison when it is there.
    """
    from gongkai_web.bodies.models import BodyKind  # noqa: PLC0415
    from gongkai_web.bodies.services import create_body, create_department  # noqa: PLC0415
    from gongkai_web.workcalendar.services import import_years_from_package  # noqa: PLC0415

    import_years_from_package(years=[2025])
    county = create_body(name="某县人民政府", kind=BodyKind.PEOPLES_GOVERNMENT)
    return Office(
        county=county,
        general_office=create_department(body=county, name="办公室"),
        education=create_department(body=county, name="教育股"),
        finance_bureau=create_body(name="某县财政局", kind=BodyKind.DEPARTMENT, parent=county),
    )


@pytest.fixture
def alice(office: Office) -> User:
    """The county's registrar (登记)."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415

    return _member(office, "alice", Role.REGISTRAR)


@pytest.fixture
def bob(office: Office) -> User:
    """A handler (承办) in the county's 教育股."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415

    return _member(office, "bob", Role.HANDLER, office.education)


@pytest.fixture
def carol(office: Office) -> User:
    """The county's reviewer (审核)."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415

    return _member(office, "carol", Role.REVIEWER)


@pytest.fixture
def hana(office: Office) -> User:
    """The head (负责人) of the county's disclosure office: reviews and signs off, as carol does."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415

    return _member(office, "hana", Role.HEAD)


@pytest.fixture
def frank(office: Office) -> User:
    """The county's system administrator: sees every case (personal data masked), works none."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415

    return _member(office, "frank", Role.ADMIN)


@pytest.fixture
def erin(office: Office) -> User:
    """A handler in the county's 办公室: the same body, another department."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415

    return _member(office, "erin", Role.HANDLER, office.general_office)


@pytest.fixture
def dave(office: Office) -> User:
    """Every role at the finance bureau (handler in its 预算股): an officer of another body."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415
    from gongkai_web.bodies.services import add_member, create_department  # noqa: PLC0415

    user = person("dave")
    bureau = office.finance_bureau
    for role in (Role.REGISTRAR, Role.REVIEWER, Role.HEAD, Role.ADMIN):
        add_member(body=bureau, user=user, role=role)
    budget = create_department(body=bureau, name="预算股")
    add_member(body=bureau, user=user, role=Role.HANDLER, department=budget)
    return user


@pytest.fixture
def olga(office: Office) -> User:
    """A user of the system with no role in any body."""
    return person("olga")


def walk_in(office: Office, registrar: User | None, **overrides: Any) -> Application:
    """A walk-in application to the county, handed in on 2025-09-28 and assigned to 教育股."""
    from gongkai_web.applications.models import Channel, Delivery, Medium, ReceiptBasis  # noqa: PLC0415
    from gongkai_web.applications.services import register_application  # noqa: PLC0415

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
    """张三's walk-in of 2025-09-28 to the county, registered by alice and assigned to 教育股."""
    return walk_in(office, alice)
