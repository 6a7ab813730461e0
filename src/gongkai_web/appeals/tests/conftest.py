"""The appeals' tests: the shared personas, and a case answered on 10 October 2025 to appeal against."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in

SEP_28, OCT_10 = dt.date(2025, 9, 28), dt.date(2025, 10, 10)  # received; replied (after 国庆)


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
