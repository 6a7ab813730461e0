"""Two API requests at once, on PostgreSQL (SQLite serialises every write, so there is no race to test)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.api.services import issue_api_token
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.services import record_event
from gongkai_web.catalogue.services import submit_draft
from gongkai_web.catalogue.tests.conftest import draft
from gongkai_web.personas import Office
from gongkai_web.testing import at_once

from .conftest import SEPTEMBER_29, Today, registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent connections"),
]


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_api_token(user=user).value}"}


def test_two_registrations_with_one_key_make_one_application_answered_201_and_200(
    office: Office, alice: User
) -> None:
    headers = bearer(alice) | {"Idempotency-Key": "retry-after-timeout"}
    body = registration(office)

    def register() -> Any:
        return Client().post("/api/v1/applications", body, content_type="application/json", headers=headers)

    for _ in range(5):  # a race is a matter of timing: run it a few times
        Application.objects.filter(submission_key="retry-after-timeout").update(submission_key=None)
        responses = at_once(register, times=3)
        assert sorted(response.status_code for response in responses) == [200, 200, 201]  # type: ignore[attr-defined]
        first, *others = [response.json() for response in responses]  # type: ignore[attr-defined]
        assert all(other == first for other in others)
    assert Application.objects.filter(submission_key="retry-after-timeout").count() == 1
    assert Application.objects.count() == 5


def test_two_reviewers_deciding_at_once_get_one_200_and_one_409(
    office: Office, alice: User, bob: User, carol: User, today: Today
) -> None:
    from gongkai_web.personas import walk_in

    application = walk_in(office, alice)
    record_event(application=application, action=Action.ACCEPT, on=SEPTEMBER_29, actor=bob)
    today.date = dt.date(2025, 10, 10)
    headers = bearer(carol)

    def decide() -> Any:
        return Client().post(
            f"/api/v1/applications/{application.pk}/events",
            {"action": "decide", "on": "2025-10-10", "outcome": "granted"},
            content_type="application/json",
            headers=headers,
        )

    responses = at_once(decide)
    assert sorted(response.status_code for response in responses) == [200, 409]  # type: ignore[attr-defined]
    refused = next(response for response in responses if response.status_code == 409)  # type: ignore[attr-defined]
    assert refused.json() == {  # type: ignore[attr-defined]
        "code": "illegal_transition",
        "message": "申请当前状态为“已答复”，不能作出答复",
        "field": None,
    }
    assert ApplicationEvent.objects.filter(action=Action.DECIDE).count() == 1


def test_two_reviewers_approving_one_catalogue_review_at_once_get_one_200_and_one_409(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    item = submit_draft(item=draft(office.county, bob), actor=bob)
    headers = [bearer(alice), bearer(carol)]  # list.pop is atomic: each thread takes its own reviewer

    def approve() -> Any:
        return Client().post(
            f"/api/v1/catalogue/office/items/{item.pk}/reviews",
            {"step": "approve", "seen": "first_review"},
            content_type="application/json",
            headers=headers.pop(),
        )

    responses = at_once(approve)
    assert sorted(response.status_code for response in responses) == [200, 409]  # type: ignore[attr-defined]
    refused = next(response for response in responses if response.status_code == 409)  # type: ignore[attr-defined]
    assert refused.json()["code"] == "catalogue_stage_changed"  # type: ignore[attr-defined]
