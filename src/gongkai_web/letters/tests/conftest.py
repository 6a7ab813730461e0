from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.conf import LazySettings

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.services import record_event
from gongkai_web.applications.tests.conftest import application, dave, erin, office, walk_in
from gongkai_web.bodies.models import Role
from gongkai_web.bodies.services import add_member
from gongkai_web.personas import Office, person

__all__ = ["application", "dave", "erin", "office", "walk_in"]

SEP_29, SEP_30 = dt.date(2025, 9, 29), dt.date(2025, 9, 30)
OCT_20 = dt.date(2025, 10, 20)


@pytest.fixture(autouse=True)
def media(settings: LazySettings, tmp_path: Path) -> Path:
    """Generated files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


@pytest.fixture
def heidi(office: Office) -> User:
    """The head (负责人) of the county's disclosure office."""
    user = person("heidi")
    add_member(body=office.county, user=user, role=Role.HEAD)
    return user


@pytest.fixture
def ivan(office: Office) -> User:
    """The county's administrator: manages departments and templates, handles no case."""
    user = person("ivan")
    add_member(body=office.county, user=user, role=Role.ADMIN)
    return user


def step(
    application: Application, action: Action, on: dt.date, actor: User, **payload: Any
) -> ApplicationEvent:
    return record_event(application=application, action=action, on=on, actor=actor, **payload)
