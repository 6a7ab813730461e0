from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.services import record_event

SEP_29, SEP_30 = dt.date(2025, 9, 29), dt.date(2025, 9, 30)
OCT_20 = dt.date(2025, 10, 20)


@pytest.fixture(autouse=True)
def _own_media(media: Path) -> None:
    """Generated letters go to a folder of the test's own."""


def step(
    application: Application, action: Action, on: dt.date, actor: User, **payload: Any
) -> ApplicationEvent:
    return record_event(application=application, action=action, on=on, actor=actor, **payload)
