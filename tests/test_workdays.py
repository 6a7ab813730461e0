from __future__ import annotations

import importlib.metadata
from datetime import date

import pytest

from gongkai.errors import GongkaiError
from gongkai.workdays import (
    CalendarDataError,
    NonWorkingSpan,
    WorkCalendar,
    YearCalendar,
    YearNotCoveredError,
    chinese_calendar_work_calendar,
    years_from_chinese_calendar,
)

CALENDAR = chinese_calendar_work_calendar()
NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（管理员录入）"


def test_national_day_week_is_skipped_and_named() -> None:
    deadline = CALENDAR.add_working_days(date(2025, 9, 30), 1)

    assert deadline.date == date(2025, 10, 9)
    assert deadline.skipped == (NonWorkingSpan(date(2025, 10, 1), date(2025, 10, 8), ("国庆节", "中秋节")),)
    assert deadline.skipped[0].describe() == "扣除国庆节、中秋节假期 10月1日至8日"


def test_make_up_saturday_counts_as_a_working_day() -> None:
    assert CALENDAR.is_working_day(date(2025, 10, 11)) is True
    deadline = CALENDAR.add_working_days(date(2025, 10, 10), 1)
    assert deadline.date == date(2025, 10, 11)
    assert deadline.make_up_workdays == (date(2025, 10, 11),)


def test_make_up_sunday_counts_as_a_working_day() -> None:
    assert CALENDAR.is_working_day(date(2025, 9, 28)) is True


def test_ordinary_saturday_is_not_a_working_day() -> None:
    assert CALENDAR.is_working_day(date(2025, 10, 18)) is False


def test_mid_autumn_on_a_monday_is_a_named_holiday() -> None:
    day = CALENDAR.day(date(2025, 10, 6))
    assert (day.is_working_day, day.holiday_name, day.provisional) == (False, "中秋节", False)


def test_eve_of_spring_festival_2024_was_a_working_day() -> None:
    # 2024: 2月10日至17日放假调休，2月4日（星期日）、2月18日（星期日）上班; 2月9日 除夕 was not a holiday.
    assert CALENDAR.is_working_day(date(2024, 2, 9)) is True
    assert CALENDAR.add_working_days(date(2024, 2, 9), 1).date == date(2024, 2, 18)


def test_start_day_is_not_counted() -> None:
    assert CALENDAR.add_working_days(date(2025, 3, 3), 1).date == date(2025, 3, 4)


def test_zero_working_days_is_the_start_day() -> None:
    deadline = CALENDAR.add_working_days(date(2025, 3, 8), 0)
    assert (deadline.date, deadline.skipped) == (date(2025, 3, 8), ())


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError, match="n must be >= 0"):
        CALENDAR.add_working_days(date(2025, 3, 3), -1)


def test_twenty_working_days_across_national_day_2025_are_explained() -> None:
    deadline = CALENDAR.add_working_days(date(2025, 9, 26), 20)

    assert deadline.date == date(2025, 10, 30)
    assert deadline.provisional is False
    assert deadline.explain() == (
        "收到 2025-09-26 + 20 个工作日，扣除国庆节、中秋节假期 10月1日至8日，"
        "调休上班 9月28日（星期日）计为工作日，调休上班 10月11日（星期六）计为工作日，截止 2025-10-30"
    )


def test_working_days_between_counts_the_end_but_not_the_start() -> None:
    assert CALENDAR.working_days_between(date(2025, 9, 26), date(2025, 10, 30)).days == 20
    assert CALENDAR.working_days_between(date(2025, 10, 30), date(2025, 9, 26)).days == -20
    assert CALENDAR.working_days_between(date(2025, 10, 1), date(2025, 10, 8)).days == 0


def test_year_without_data_raises_on_is_working_day() -> None:
    with pytest.raises(YearNotCoveredError) as caught:
        CALENDAR.is_working_day(date(2027, 1, 4))
    assert caught.value.code == "calendar_year_missing"
    assert caught.value.year == 2027
    assert isinstance(caught.value, GongkaiError)
    assert "2027 年的节假日安排尚未录入" in str(caught.value)


def test_counting_into_a_year_without_data_is_provisional() -> None:
    # Weekends-only lands on 2027-01-01, almost certainly 元旦: the flag is the warning.
    deadline = CALENDAR.add_working_days(date(2026, 12, 25), 5)

    assert deadline.date == date(2027, 1, 1)
    assert (deadline.provisional, deadline.provisional_years) == (True, (2027,))
    assert deadline.explain().endswith("暂定：2027 年节假日安排尚未录入，按仅周末休息推算")
    count = CALENDAR.working_days_between(date(2026, 12, 25), date(2027, 1, 1))
    assert (count.days, count.provisional, count.provisional_years) == (5, True, (2027,))


def test_counting_inside_covered_years_is_not_provisional() -> None:
    count = CALENDAR.working_days_between(date(2025, 12, 25), date(2026, 1, 5))
    assert (count.days, count.provisional) == (6, False)


def test_a_year_added_by_an_administrator_is_used() -> None:
    year_2027 = YearCalendar(
        2027,
        holidays=frozenset({date(2027, 1, 1)}),
        workdays=frozenset(),
        source=NOTICE_2027,
        holiday_names={date(2027, 1, 1): "元旦"},
    )
    calendar = WorkCalendar([*years_from_chinese_calendar([2026]), year_2027])

    deadline = calendar.add_working_days(date(2026, 12, 31), 1)
    assert deadline.date == date(2027, 1, 4)
    assert deadline.provisional is False
    assert deadline.holidays_skipped == (NonWorkingSpan(date(2027, 1, 1), date(2027, 1, 3), ("元旦",)),)
    assert calendar.years == (2026, 2027)
    assert calendar.year(2027).source == NOTICE_2027


def test_package_years_carry_names_and_source() -> None:
    (year,) = years_from_chinese_calendar([2025])

    assert year.source == f"chinese-calendar {importlib.metadata.version('chinese-calendar')}"
    assert year.workdays == {
        date(2025, 1, 26),
        date(2025, 2, 8),
        date(2025, 4, 27),
        date(2025, 9, 28),
        date(2025, 10, 11),
    }
    assert len(year.holidays) == 28
    assert year.holiday_names[date(2025, 10, 1)] == "国庆节"
    assert year.holiday_names[date(2025, 10, 6)] == "中秋节"
    assert year.holiday_names[date(2025, 1, 28)] == "春节"


def test_package_years_cover_2024_to_2026() -> None:
    assert {2024, 2025, 2026} <= set(CALENDAR.years)
    assert CALENDAR.covers(2027) is False


def test_a_year_the_package_lacks_is_refused() -> None:
    with pytest.raises(YearNotCoveredError):
        years_from_chinese_calendar([2030])


def test_a_make_up_day_on_a_weekday_is_refused() -> None:
    with pytest.raises(CalendarDataError, match="2027-01-04 不是星期六或星期日"):
        YearCalendar(2027, frozenset(), frozenset({date(2027, 1, 4)}), NOTICE_2027)


def test_a_day_both_holiday_and_workday_is_refused() -> None:
    with pytest.raises(CalendarDataError, match="同时被列为节假日和调休工作日"):
        YearCalendar(2027, frozenset({date(2027, 1, 2)}), frozenset({date(2027, 1, 2)}), NOTICE_2027)


def test_a_date_of_another_year_is_refused() -> None:
    with pytest.raises(CalendarDataError, match="2026-10-01"):
        YearCalendar(2027, frozenset({date(2026, 10, 1)}), frozenset(), NOTICE_2027)


def test_a_year_without_source_is_refused() -> None:
    with pytest.raises(CalendarDataError) as caught:
        YearCalendar(2027, frozenset(), frozenset(), " ")
    assert caught.value.code == "calendar_source_missing"


def test_a_duplicate_year_is_refused() -> None:
    year = YearCalendar(2027, frozenset(), frozenset(), NOTICE_2027)
    with pytest.raises(CalendarDataError) as caught:
        WorkCalendar([year, year])
    assert caught.value.code == "calendar_year_duplicate"
