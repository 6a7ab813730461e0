"""Who sees which case: the queue's SQL filter and the case page's check are the same rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.applications.services import record_event
from gongkai_web.office.access import Scope, may_view_case
from gongkai_web.office.queries import may_take
from gongkai_web.personas import Office, walk_in

PERSONAS = ["alice", "bob", "carol", "erin", "frank", "dave", "olga"]


@pytest.fixture
def cases(office: Office, alice: User) -> list[Application]:
    return [
        walk_in(office, alice, applicant_name="教育股的"),
        walk_in(office, alice, applicant_name="办公室的", department=office.general_office),
        walk_in(office, alice, applicant_name="未分办的", department=None),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_queue_filter_lets_through_exactly_the_cases_the_case_page_opens(
    cases: list[Application], persona: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(persona)
    listed = set(Application.objects.filter(Scope.of(user).cases()).values_list("pk", flat=True))
    assert listed == {case.pk for case in cases if may_view_case(user, case)}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("alice", {"教育股的", "办公室的", "未分办的"}),
        ("bob", {"教育股的"}),
        ("carol", {"教育股的", "办公室的", "未分办的"}),
        ("erin", {"办公室的"}),
        ("frank", {"教育股的", "办公室的", "未分办的"}),
        ("dave", set()),
        ("olga", set()),
    ],
)
def test_each_persona_sees_the_cases_of_their_body_or_department(
    cases: list[Application], persona: str, expected: set[str], request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(persona)
    assert {case.applicant_name for case in cases if may_view_case(user, case)} == expected


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", [Action.ACCEPT, Action.REQUEST_CORRECTION, Action.DECIDE, Action.WITHDRAW])
def test_the_steps_offered_are_the_steps_the_service_records(
    application: Application, persona: str, action: Action, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(persona)
    payload: dict[str, object] = {"outcome": "granted"} if action is Action.DECIDE else {}
    if action is Action.REQUEST_CORRECTION:
        payload = {"items": "请写明学年", "respond_by": dt.date(2025, 10, 15)}
    offered = may_take(user, action, application)
    try:
        record_event(application=application, action=action, on=dt.date(2025, 9, 30), actor=user, **payload)
    except PermissionDenied:
        recorded = False
    else:
        recorded = True
    assert offered == recorded
