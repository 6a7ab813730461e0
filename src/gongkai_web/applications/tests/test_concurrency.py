"""Two requests at once, on PostgreSQL (SQLite serialises every write, so there is no race to test)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in
from gongkai_web.testing import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections"),
]


def test_two_submissions_with_one_key_make_one_application(office: Office, alice: User) -> None:
    results = at_once(lambda: walk_in(office, alice, submission_key="form-7f3a"))
    assert all(isinstance(result, Application) for result in results)
    assert Application.objects.count() == 1


def test_two_reviewers_deciding_at_once_never_both_succeed(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    results = at_once(
        lambda: record_event(
            application=application,
            action=Action.DECIDE,
            on=dt.date(2025, 10, 10),
            actor=carol,
            outcome="granted",
        )
    )
    assert sorted(type(result).__name__ for result in results) == ["ApplicationEvent", "IllegalTransition"]
    assert ApplicationEvent.objects.filter(action=Action.DECIDE).count() == 1
