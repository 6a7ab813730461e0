"""The portal's tests: the shared office (`gongkai_web.personas`), a media folder per test, a clean cache."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from gongkai_web.personas import Office
from gongkai_web.portal.models import HelpDesk

# 2025-09-29 08:30 in Beijing is still 2025-09-29 00:30 UTC; 2025-09-28 16:30 UTC is already the 29th there.
MONDAY_SEP_29 = dt.date(2025, 9, 29)
LATE_SUNDAY_UTC = dt.datetime(2025, 9, 28, 16, 30, tzinfo=dt.UTC)
RESIDENT_ID = "11010519491231002X"  # the GB 11643 worked example
CREDIT_CODE = "91350100M000100Y43"


@pytest.fixture
def help_desk(office: Office) -> HelpDesk:
    return HelpDesk.objects.create(
        body=office.county,
        phone="0371-65550123",
        address="县政务服务中心二楼 8 号窗口",
        hours="工作日 9:00–17:00",
    )


@pytest.fixture(autouse=True)
def _own_media_and_limits(media: Path, empty_cache: None, settings: Settings) -> None:
    """Every portal test stores files in its own folder and starts with no rate limit spent; pages
    are shared as with a Redis cache (the tests' one process shares its local cache)."""
    settings.GONGKAI_SHARED_PAGES = True


@pytest.fixture
def beijing_monday(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """The clock stands at 2025-09-29 00:30 in Beijing (Sunday evening in UTC)."""
    monkeypatch.setattr(timezone, "now", lambda: LATE_SUNDAY_UTC)
    return MONDAY_SEP_29


def apply_url(office: Office, applicant_type: str = "natural_person") -> str:
    return reverse("portal:apply", args=[office.county.pk]) + f"?type={applicant_type}"


def submission_key(client: Client, url: str) -> str:
    """The signed key of a freshly rendered form, read from the page as a browser would."""
    page = client.get(url).content.decode()
    match = re.search(r'name="submission_key" value="([^"]+)"', page)
    assert match is not None, "the form has no submission key"
    return match.group(1)


def valid_form(client: Client, url: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "张三",
        "identity_kind": "resident_id",
        "identity_number": RESIDENT_ID,
        "phone": "13800001234",
        "email": "zhangsan@example.cn",
        "address": "",
        "description": "2024年本县城区义务教育学校招生划片范围",
        "medium": "electronic",
        "delivery": "email",
        "submission_key": submission_key(client, url),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
