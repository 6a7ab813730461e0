from __future__ import annotations

import datetime as dt

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event
from gongkai_web.applications.tests.conftest import walk_in
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office, person
from gongkai_web.workcalendar.services import import_years_from_package

SEP_28, OCT_10 = dt.date(2025, 9, 28), dt.date(2025, 10, 10)  # received; replied (after 国庆)


@pytest.fixture
def office(office: Office) -> Office:
    """The shared office, with the 2025 holidays loaded for the clock."""
    import_years_from_package(years=[2025])
    return office


@pytest.fixture
def erin(office: Office) -> User:
    """A handler in the county's 办公室."""
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


@pytest.fixture
def adam(office: Office) -> User:
    """The county's administrator: oversees every case but signs off none."""
    user = person("adam")
    add_member(body=office.county, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def hana(office: Office) -> User:
    """The head (负责人) of the county's disclosure office."""
    user = person("hana")
    add_member(body=office.county, user=user, role=Role.HEAD)
    return user


@pytest.fixture
def open_case(office: Office, alice: User, bob: User) -> Application:
    """张三's walk-in application of 28 September 2025, accepted by 教育股 and not yet answered."""
    application = walk_in(office, alice)
    record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    return application


@pytest.fixture
def decided_case(open_case: Application, carol: User) -> Application:
    """The same application, answered on 10 October 2025: 不予公开, 保护第三方合法权益."""
    record_event(
        application=open_case,
        action=Action.DECIDE,
        on=OCT_10,
        actor=carol,
        outcome="withheld.third_party_rights",
        reasons="涉及第三方商业秘密，第三方不同意公开",
    )
    return Application.objects.get(pk=open_case.pk)
