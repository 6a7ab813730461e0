"""The application row's status, dates and outcome follow its events and never disagree with a replay."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.cases import Action, Status
from gongkai.workdays import YearCalendar
from gongkai_web.accounts.models import User
from gongkai_web.applications.models import Application
from gongkai_web.applications.projection import project
from gongkai_web.applications.queries import case_clock, case_state, events_of
from gongkai_web.applications.services import record_event
from gongkai_web.personas import Office, walk_in
from gongkai_web.workcalendar.queries import work_calendar
from gongkai_web.workcalendar.services import store_year

SEP_29, SEP_30, OCT_10, OCT_20 = (
    dt.date(2025, 9, 29),
    dt.date(2025, 9, 30),
    dt.date(2025, 10, 10),
    dt.date(2025, 10, 20),
)


def stored(application: Application) -> Application:
    return Application.objects.get(pk=application.pk)


def agrees_with_replay(application: Application) -> bool:
    row = stored(application)
    return project(row.received_on, events_of(row), work_calendar()).of(row)


def test_a_new_application_is_registered_and_due_twenty_working_days_later(application: Application) -> None:
    row = stored(application)
    assert (row.status, row.reply_due_on, row.attention_on) == (
        Status.REGISTERED,
        dt.date(2025, 10, 31),
        dt.date(2025, 10, 31),
    )
    assert (row.closed_on, row.outcome, row.deadline_provisional) == (None, "", False)


def test_a_decision_closes_the_row_with_its_date_and_outcome(
    application: Application, bob: User, carol: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    record_event(application=application, action=Action.DECIDE, on=OCT_10, actor=carol, outcome="granted")
    row = stored(application)
    assert (row.status, row.closed_on, row.outcome) == (Status.DECIDED, OCT_10, "granted")
    assert (row.reply_due_on, row.attention_on) == (None, None)
    assert agrees_with_replay(application)


def test_while_consulting_the_next_date_is_the_consulted_partys_answer_limit(
    application: Application, bob: User
) -> None:
    record_event(application=application, action=Action.ACCEPT, on=SEP_29, actor=bob)
    record_event(
        application=application, action=Action.START_CONSULTATION, on=SEP_30, actor=bob, party="third_party"
    )
    row = stored(application)
    # 15 working days from 30 September, skipping 1–8 October and counting the 调休 Saturday 11 October.
    assert (row.status, row.reply_due_on, row.attention_on) == (
        Status.CONSULTING,
        None,
        dt.date(2025, 10, 28),
    )
    assert case_clock(application, today=OCT_10).consultation_answer_deadline == dt.date(2025, 10, 28)


def test_a_correction_request_waits_for_the_period_given_to_the_applicant(
    application: Application, bob: User
) -> None:
    record_event(
        application=application,
        action=Action.REQUEST_CORRECTION,
        on=SEP_30,
        actor=bob,
        respond_by=OCT_20,
        items="请写明所需信息的年份",
    )
    row = stored(application)
    assert (row.status, row.reply_due_on, row.attention_on) == (Status.AWAITING_CORRECTION, None, OCT_20)


def test_a_lapse_before_the_correction_period_ends_is_refused(application: Application, bob: User) -> None:
    from django.core.exceptions import ValidationError

    record_event(
        application=application, action=Action.REQUEST_CORRECTION, on=SEP_30, actor=bob, respond_by=OCT_20
    )
    with pytest.raises(ValidationError, match="补正期限 2025-10-20 尚未届满"):
        record_event(application=application, action=Action.CORRECTION_LAPSED, on=OCT_20, actor=bob)
    record_event(
        application=application, action=Action.CORRECTION_LAPSED, on=dt.date(2025, 10, 21), actor=bob
    )
    row = stored(application)
    assert (row.status, row.outcome) == (Status.LAPSED, "other.no_correction")
    assert case_state(application).status is Status.LAPSED


def test_storing_a_missing_year_turns_provisional_deadlines_into_official_ones(
    office: Office, alice: User
) -> None:
    # Received on 2030-12-20: the deadline runs into 2031, a year the package does not cover.
    late = walk_in(office, alice, submitted_on=dt.date(2030, 12, 20), received_on=dt.date(2030, 12, 20))
    row = stored(late)
    assert row.deadline_provisional
    provisional_due = row.reply_due_on
    assert provisional_due == dt.date(2031, 1, 17)  # weekends only
    # The administrator enters 2030 and 2031 with a holiday on 1–3 January 2031.
    store_year(
        calendar=YearCalendar(
            year=2030, holidays=frozenset(), workdays=frozenset(), source="测试：2030 年安排"
        )
    )
    store_year(
        calendar=YearCalendar(
            year=2031,
            holidays=frozenset({dt.date(2031, 1, 1), dt.date(2031, 1, 2), dt.date(2031, 1, 3)}),
            workdays=frozenset(),
            source="测试：国办发明电〔2030〕1号",
        )
    )
    row = stored(late)
    assert not row.deadline_provisional
    assert row.reply_due_on == dt.date(2031, 1, 22)
    assert agrees_with_replay(late)
