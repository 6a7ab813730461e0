from __future__ import annotations

import pytest

from gongkai_web.accounts.models import User
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office, person


@pytest.fixture
def dave(office: Office) -> User:
    """The finance bureau's administrator: an officer of another body."""
    user = person("dave")
    add_member(body=office.finance_bureau, user=user, role=Role.ADMIN)
    return user
