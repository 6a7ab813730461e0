"""The demo office: cases in every state, built through the services, officers who can log in."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.test import Client

from gongkai.cases import Status
from gongkai_web.applications.models import Application
from gongkai_web.applications.projection import project
from gongkai_web.applications.queries import events_of
from gongkai_web.demo.data import DEMO_PASSWORD, OFFICERS, load_demo
from gongkai_web.reports.queries import compose
from gongkai_web.workcalendar.queries import work_calendar

TODAY = dt.date(2026, 12, 4)
pytestmark = pytest.mark.django_db


def test_the_demo_holds_a_case_in_every_status() -> None:
    demo = load_demo(today=TODAY)
    statuses = Counter(Application.objects.filter(body=demo.body).values_list("status", flat=True))
    assert set(statuses) == {status.value for status in Status}
    assert sum(statuses.values()) == demo.applications


def test_every_demo_case_agrees_with_its_events() -> None:
    load_demo(today=TODAY)
    calendar = work_calendar()
    for application in Application.objects.all():
        assert project(application.received_on, events_of(application), calendar).of(application)


def test_the_demo_has_overdue_and_due_soon_cases_as_of_its_day() -> None:
    load_demo(today=TODAY)
    open_cases = Application.objects.exclude(status__in=[s.value for s in Status if s.is_closed])
    assert open_cases.filter(attention_on__lt=TODAY).exists()
    assert open_cases.filter(attention_on__gte=TODAY, attention_on__lte=TODAY + dt.timedelta(days=7)).exists()


def test_every_demo_officer_logs_in_with_the_printed_password() -> None:
    load_demo(today=TODAY)
    for username, *_ in OFFICERS:
        assert Client().login(username=username, password=DEMO_PASSWORD), username


def test_the_demo_refuses_to_load_twice() -> None:
    load_demo(today=TODAY)
    with pytest.raises(ValueError, match="演示数据已存在"):
        load_demo(today=TODAY)


def test_the_command_prints_the_logins(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo", "--today", "2026-12-04")
    output = capsys.readouterr().out
    assert f"密码均为 {DEMO_PASSWORD}" in output
    assert "chengban   王承办（承办，教育科）" in output


def test_the_demo_report_on_last_year_is_drafted_from_the_data_and_passes_every_check() -> None:
    demo = load_demo(today=TODAY)
    composition = compose(body=demo.body, year=TODAY.year - 1)
    assert [(f.code, f.where, f.message) for f in composition.findings if f.severity == "error"] == []
    overview = next(section.text for section in composition.report.sections if section.number == "一")
    new = composition.report.applications.value("new_received", "total")  # type: ignore[union-attr]
    assert f"全年新收政府信息公开申请{new}件" in overview
    assert composition.report.proactive is not None
