"""The people and offices the web tests speak of (loaded as a pytest plugin, see pyproject.toml).

One county government with two departments and a bureau below it; alice registers, bob handles
in 教育股, carol reviews. Each app's tests add the twins they refuse (an officer of another
department or body) beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # models load only once pytest-django has set Django up
    from gongkai_web.accounts.models import User
    from gongkai_web.bodies.models import Body, Department


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


@pytest.fixture
def office(db: None) -> Office:
    from gongkai_web.bodies.models import BodyKind  # noqa: PLC0415
    from gongkai_web.bodies.services import create_body, create_department  # noqa: PLC0415

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
    from gongkai_web.bodies.services import add_member  # noqa: PLC0415

    user = person("alice")
    add_member(body=office.county, user=user, role=Role.REGISTRAR)
    return user


@pytest.fixture
def bob(office: Office) -> User:
    """A handler (承办) in the county's 教育股."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415
    from gongkai_web.bodies.services import add_member  # noqa: PLC0415

    user = person("bob")
    add_member(body=office.county, user=user, role=Role.HANDLER, department=office.education)
    return user


@pytest.fixture
def carol(office: Office) -> User:
    """The county's reviewer (审核)."""
    from gongkai_web.bodies.models import Role  # noqa: PLC0415
    from gongkai_web.bodies.services import add_member  # noqa: PLC0415

    user = person("carol")
    add_member(body=office.county, user=user, role=Role.REVIEWER)
    return user
