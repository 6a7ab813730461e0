"""Two requests at once, on PostgreSQL (SQLite serialises every write, so there is no race to test)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office

from .conftest import walk_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections"),
]


def at_once(task: Callable[[], object], times: int = 2) -> list[object]:
    """Run ``task`` in ``times`` threads released together; each result or the exception raised."""
    barrier = threading.Barrier(times)
    results: list[object] = []

    def run() -> None:
        barrier.wait()
        try:
            results.append(task())
        except Exception as error:  # the test inspects what each call raised
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


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
