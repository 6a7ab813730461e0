"""Who may open a case, who works on it, who takes each step: one rule, as a check and as a filter."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.cases import Action
from gongkai_web.accounts.models import User
from gongkai_web.applications.access import Scope, may_open_case, may_take, next_steps, works_on_case
from gongkai_web.applications.models import Application
from gongkai_web.applications.queries import case_state
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in

PERSONAS = ["alice", "bob", "carol", "hana", "erin", "frank", "dave", "olga"]
EVERY_CASE = {"教育股的", "办公室的", "未分办的"}


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
    assert listed == {case.pk for case in cases if may_open_case(user, case)}


# What each persona opens, and what they work on: the administrator opens every case, works on none.
CIRCLES = [
    ("alice", EVERY_CASE, EVERY_CASE),
    ("bob", {"教育股的"}, {"教育股的"}),
    ("carol", EVERY_CASE, EVERY_CASE),
    ("hana", EVERY_CASE, EVERY_CASE),
    ("erin", {"办公室的"}, {"办公室的"}),
    ("frank", EVERY_CASE, set()),
    ("dave", set(), set()),
    ("olga", set(), set()),
]


@pytest.mark.parametrize(("persona", "opens", "works_on"), CIRCLES)
def test_each_persona_opens_the_cases_of_their_body_or_department(
    cases: list[Application],
    persona: str,
    opens: set[str],
    works_on: set[str],
    request: pytest.FixtureRequest,
) -> None:
    user: User = request.getfixturevalue(persona)
    assert {case.applicant_name for case in cases if may_open_case(user, case)} == opens


@pytest.mark.parametrize(("persona", "opens", "works_on"), CIRCLES)
def test_those_who_work_on_a_case_are_those_who_open_it_less_the_administrator(
    cases: list[Application],
    persona: str,
    opens: set[str],
    works_on: set[str],
    request: pytest.FixtureRequest,
) -> None:
    user: User = request.getfixturevalue(persona)
    assert {case.applicant_name for case in cases if works_on_case(user, case)} == works_on


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", [Action.ACCEPT, Action.REQUEST_CORRECTION, Action.DECIDE, Action.WITHDRAW])
def test_the_steps_offered_are_the_steps_the_service_records(
    application: Application, persona: str, action: Action, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(persona)
    payload: dict[str, object] = {"outcome": "granted"} if action is Action.DECIDE else {}
    if action is Action.REQUEST_CORRECTION:
        payload = {"items": "请写明学年", "respond_by": dt.date(2025, 10, 15)}
    offered = action in next_steps(user, application, case_state(application))
    assert offered == may_take(user, action, application)
    try:
        record_event(application=application, action=action, on=dt.date(2025, 9, 30), actor=user, **payload)
    except PermissionDenied:
        recorded = False
    else:
        recorded = True
    assert offered == recorded


def test_a_step_needing_the_handler_is_nobodys_while_the_case_has_no_department(
    office: Office, alice: User, bob: User, carol: User
) -> None:
    unassigned = walk_in(office, alice, department=None)
    assert [may_take(user, Action.ACCEPT, unassigned) for user in (alice, bob, carol)] == [False] * 3
    assert next_steps(carol, unassigned, case_state(unassigned)) == [Action.DECIDE]


def test_an_extended_case_offers_the_reviewer_no_second_extension(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=dt.date(2025, 9, 29), actor=bob)
    assert Action.EXTEND in next_steps(carol, application, case_state(application))
    record_event(
        application=application,
        action=Action.EXTEND,
        on=dt.date(2025, 10, 20),
        actor=carol,
        working_days=20,
        notified_on=dt.date(2025, 10, 20),
    )
    assert next_steps(carol, application, case_state(application)) == [Action.DECIDE]
