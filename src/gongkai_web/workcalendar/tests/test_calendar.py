from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.workdays import YearCalendar, YearNotCoveredError, years_from_chinese_calendar
from gongkai_web.workcalendar.models import CalendarDay, CalendarYear, DayKind
from gongkai_web.workcalendar.queries import work_calendar
from gongkai_web.workcalendar.services import ImportOutcome, import_years_from_package, store_year

pytestmark = pytest.mark.django_db

NOTICE_2027 = "国办发明电〔2026〕1号（测试用）"


def test_a_fresh_database_holds_every_year_of_the_package() -> None:
    assert list(work_calendar().years) == [c.year for c in years_from_chinese_calendar()]


def test_the_stored_calendar_is_the_packages_calendar_exactly() -> None:
    stored = work_calendar()
    for calendar in years_from_chinese_calendar():
        assert stored.year(calendar.year) == calendar


def test_a_make_up_sunday_is_a_working_day_and_national_day_is_not() -> None:
    calendar = work_calendar()
    assert calendar.is_working_day(dt.date(2025, 9, 28))
    assert not calendar.is_working_day(dt.date(2025, 10, 8))
    assert calendar.day(dt.date(2025, 10, 1)).holiday_name == "国庆节"


def test_importing_again_changes_nothing() -> None:
    rows = CalendarDay.objects.count()
    results = import_years_from_package()
    assert {r.outcome for r in results} == {ImportOutcome.UNCHANGED}
    assert CalendarDay.objects.count() == rows


def test_a_year_stored_from_an_older_package_is_updated() -> None:
    stored = CalendarYear.objects.get(year=2025)
    CalendarYear.objects.filter(pk=stored.pk).update(source="chinese-calendar 1.10.0")
    stored.days.filter(date=dt.date(2025, 10, 8)).delete()
    [result] = import_years_from_package(years=[2025])
    assert result.outcome == ImportOutcome.UPDATED
    assert work_calendar().year(2025) == years_from_chinese_calendar([2025])[0]


def test_a_year_an_administrator_entered_is_kept() -> None:
    package = years_from_chinese_calendar([2026])[0]
    corrected = YearCalendar(2026, package.holidays - {dt.date(2026, 1, 1)}, package.workdays, NOTICE_2027)
    store_year(calendar=corrected)
    [result] = import_years_from_package(years=[2026])
    assert result.outcome == ImportOutcome.KEPT
    assert work_calendar().year(2026).source == NOTICE_2027


def test_importing_a_year_the_package_does_not_cover_stores_nothing() -> None:
    CalendarYear.objects.filter(year=2025).delete()
    with pytest.raises(YearNotCoveredError):
        import_years_from_package(years=[2025, 2099])
    assert not CalendarYear.objects.filter(year=2025).exists()


def test_a_deadline_in_a_year_without_data_is_provisional() -> None:
    deadline = work_calendar().add_working_days(dt.date(2099, 3, 2), 20)
    assert deadline.provisional
    assert deadline.provisional_years == (2099,)


def test_a_deadline_in_a_stored_year_is_not_provisional() -> None:
    deadline = work_calendar().add_working_days(dt.date(2025, 9, 26), 20)
    assert not deadline.provisional
    assert "国庆节" in deadline.explain()


def test_store_year_replaces_the_days_of_a_year() -> None:
    store_year(calendar=YearCalendar(2099, frozenset({dt.date(2099, 1, 1)}), frozenset(), NOTICE_2027))
    store_year(calendar=YearCalendar(2099, frozenset({dt.date(2099, 1, 2)}), frozenset(), NOTICE_2027))
    stored = CalendarYear.objects.get(year=2099)
    assert [(d.date, d.kind) for d in stored.days.all()] == [(dt.date(2099, 1, 2), DayKind.HOLIDAY)]


def test_load_calendar_reports_each_year(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_calendar", "2025")
    source = years_from_chinese_calendar([2025])[0].source
    assert capsys.readouterr().out == f"2025 unchanged ({source})\n"


def test_load_calendar_refuses_a_year_the_package_does_not_cover() -> None:
    with pytest.raises(CommandError, match="不含 2099 年"):
        call_command("load_calendar", "2099")
