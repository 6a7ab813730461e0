"""The office's tests: the shared personas (`gongkai_web.personas`) on a fixed today.

Today is fixed at Monday 27 October 2025 for every office test: a walk-in received on 28 September
(two days before the National Day holiday) is due on 31 October, four working days away.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

TODAY = dt.date(2025, 10, 27)  # a Monday
IDENTITY = "110101199001011234"
PHONE = "13800000000"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """The office's pages and forms ask `timezone.localdate()` for today."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY
