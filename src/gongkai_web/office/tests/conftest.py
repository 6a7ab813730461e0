"""The office's personas and cases: alice registers, bob handles 教育股, carol reviews (shared personas);
erin handles 办公室, frank administers the county, dave works at the finance bureau, olga holds no role.

Today is fixed at Monday 27 October 2025 for every office test: a walk-in received on 28 September
(two days before the National Day holiday) is due on 31 October, four working days away.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.applications.tests.conftest import walk_in
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office, person

TODAY = dt.date(2025, 10, 27)  # a Monday
IDENTITY = "110101199001011234"
PHONE = "13800000000"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """The office's pages and forms ask `timezone.localdate()` for today."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def erin(office: Office) -> User:
    """A handler in the county's 办公室: the same body, another department."""
    user = person("erin")
    add_member(body=office.county, user=user, role=Role.HANDLER, department=office.general_office)
    return user


@pytest.fixture
def frank(office: Office) -> User:
    """The county's system administrator: sees every case, works none, sees personal data masked."""
    user = person("frank")
    add_member(body=office.county, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def dave(office: Office) -> User:
    """Registrar, handler, reviewer and head at the finance bureau: an officer of another body."""
    from gongkai_web.bodies.services import create_department

    user = person("dave")
    budget = create_department(body=office.finance_bureau, name="预算股")
    for role in (Role.REGISTRAR, Role.REVIEWER, Role.HEAD):
        add_member(body=office.finance_bureau, user=user, role=role)
    add_member(body=office.finance_bureau, user=user, role=Role.HANDLER, department=budget)
    return user


@pytest.fixture
def olga(office: Office) -> User:
    """A user of the system with no role in any body."""
    return person("olga")


@pytest.fixture
def application(office: Office, alice: User) -> Application:
    return walk_in(office, alice)


def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client
