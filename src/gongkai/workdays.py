"""Which dates are working days in China, year by year, from the State Council holiday notices.

Each year's data is a :class:`YearCalendar` that names its source (a package version or the
notice's 文号), so the web app can store it and an administrator can add a year before any
package covers it. A :class:`WorkCalendar` is built from a collection of them.

A date in a year without data is never silently guessed: :meth:`WorkCalendar.is_working_day`
raises :class:`YearNotCoveredError`, and the counting methods return result objects whose
``provisional`` flag (and ``provisional_years``) says that weekends-only was assumed, so the UI
can show 暂定.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import chinese_calendar  # type: ignore[import-untyped]

from gongkai.errors import GongkaiError

SATURDAY = 5

# The names used in the State Council notices (国务院办公厅关于某年部分节假日安排的通知).
_OFFICIAL_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class CalendarError(GongkaiError):
    code = "calendar_error"


class CalendarDataError(CalendarError):
    """A YearCalendar whose data contradict themselves (wrong year, a make-up day on a weekday …)."""

    code = "calendar_data_invalid"


class YearNotCoveredError(CalendarError):
    """A question about a date in a year for which no holiday notice has been loaded."""

    code = "calendar_year_missing"

    def __init__(self, year: int) -> None:
        super().__init__(f"{year} 年的节假日安排尚未录入，无法确定该日是否为工作日")
        self.year = year


@dataclass(frozen=True)
class YearCalendar:
    """One year of the official holiday arrangement.

    ``holidays`` are the days off of the statutory holidays (including the weekend days inside a
    holiday period); ``workdays`` are the weekend days declared working days (调休上班).
    ``holiday_names`` maps holiday dates (and optionally make-up days) to the festival's name.
    """

    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]
    source: str
    holiday_names: Mapping[dt.date, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "holiday_names", MappingProxyType(dict(self.holiday_names)))
        if not self.source.strip():
            raise CalendarDataError(f"{self.year} 年节假日数据缺少来源", code="calendar_source_missing")
        for day in self.holidays | self.workdays | set(self.holiday_names):
            if day.year != self.year:
                raise CalendarDataError(f"{self.year} 年节假日数据中出现其他年份的日期 {day.isoformat()}")
        both = self.holidays & self.workdays
        if both:
            first = min(both).isoformat()
            raise CalendarDataError(f"{first} 同时被列为节假日和调休工作日")
        for day in self.workdays:
            if day.weekday() < SATURDAY:
                raise CalendarDataError(f"调休工作日 {day.isoformat()} 不是星期六或星期日")
        for day in self.holiday_names:
            if day not in self.holidays and day not in self.workdays:
                raise CalendarDataError(f"{day.isoformat()} 有节日名称，但既不是节假日也不是调休工作日")


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    is_working_day: bool
    holiday_name: str | None
    is_make_up_workday: bool
    provisional: bool


@dataclass(frozen=True)
class NonWorkingSpan:
    """Consecutive non-working days skipped while counting; ``names`` is empty for a plain weekend."""

    start: dt.date
    end: dt.date
    names: tuple[str, ...]

    def describe(self) -> str:
        when = describe_span(self.start, self.end)
        if self.names:
            return f"扣除{'、'.join(self.names)}假期 {when}"
        return f"扣除周末 {when}"


@dataclass(frozen=True)
class Deadline:
    """``start`` plus ``working_days`` working days, the start day itself not counted."""

    start: dt.date
    working_days: int
    date: dt.date
    provisional: bool
    provisional_years: tuple[int, ...]
    skipped: tuple[NonWorkingSpan, ...]
    make_up_workdays: tuple[dt.date, ...]

    @property
    def holidays_skipped(self) -> tuple[NonWorkingSpan, ...]:
        return tuple(span for span in self.skipped if span.names)

    def explain(self) -> str:
        parts = [f"收到 {self.start.isoformat()} + {self.working_days} 个工作日"]
        parts += [span.describe() for span in self.holidays_skipped]
        parts += [f"调休上班 {describe_day(day)}计为工作日" for day in self.make_up_workdays]
        parts.append(f"截止 {self.date.isoformat()}")
        if self.provisional:
            parts.append(provisional_note(self.provisional_years))
        return "，".join(parts)


@dataclass(frozen=True)
class WorkingDayCount:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is earlier."""

    start: dt.date
    end: dt.date
    days: int
    provisional: bool
    provisional_years: tuple[int, ...]


class WorkCalendar:
    """Working days from a collection of :class:`YearCalendar` objects, one per year."""

    def __init__(self, years: Iterable[YearCalendar]) -> None:
        by_year: dict[int, YearCalendar] = {}
        for year in years:
            if year.year in by_year:
                raise CalendarDataError(f"{year.year} 年的节假日数据重复", code="calendar_year_duplicate")
            by_year[year.year] = year
        self._years = by_year

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years))

    def covers(self, year: int) -> bool:
        return year in self._years

    def year(self, year: int) -> YearCalendar:
        try:
            return self._years[year]
        except KeyError:
            raise YearNotCoveredError(year) from None

    def day(self, day: dt.date) -> CalendarDay:
        """What is known of ``day``; in a year without data, weekends-only with ``provisional=True``."""
        data = self._years.get(day.year)
        if data is None:
            return CalendarDay(day, day.weekday() < SATURDAY, None, False, provisional=True)
        if day in data.holidays:
            return CalendarDay(day, False, data.holiday_names.get(day), False, provisional=False)
        if day in data.workdays:
            return CalendarDay(day, True, data.holiday_names.get(day), True, provisional=False)
        return CalendarDay(day, day.weekday() < SATURDAY, None, False, provisional=False)

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day; raises :class:`YearNotCoveredError` for a year without data."""
        if day.year not in self._years:
            raise YearNotCoveredError(day.year)
        return self.day(day).is_working_day

    def add_working_days(self, start: dt.date, n: int) -> Deadline:
        """The ``n``-th working day after ``start`` (条例 第三十三条: counting starts the day after).

        ``n == 0`` gives ``start`` itself. The result lists the non-working days skipped on the way
        and is ``provisional`` if any day examined lies in a year without data.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        days: list[CalendarDay] = []
        current = start
        counted = 0
        while counted < n:
            current += dt.timedelta(days=1)
            info = self.day(current)
            days.append(info)
            if info.is_working_day:
                counted += 1
        missing = tuple(sorted({d.date.year for d in days if d.provisional}))
        return Deadline(
            start=start,
            working_days=n,
            date=current,
            provisional=bool(missing),
            provisional_years=missing,
            skipped=non_working_spans(days),
            make_up_workdays=tuple(d.date for d in days if d.is_make_up_workday),
        )

    def working_days_between(self, start: dt.date, end: dt.date) -> WorkingDayCount:
        """Working days ``d`` with ``start < d <= end`` (negated when ``end < start``).

        ``working_days_between(s, add_working_days(s, n).date).days == n`` for every ``n``.
        """
        low, high, sign = (start, end, 1) if start <= end else (end, start, -1)
        count = 0
        missing: set[int] = set()
        current = low
        while current < high:
            current += dt.timedelta(days=1)
            info = self.day(current)
            if info.provisional:
                missing.add(current.year)
            if info.is_working_day:
                count += 1
        years = tuple(sorted(missing))
        return WorkingDayCount(start, end, sign * count, bool(years), years)


def non_working_spans(days: Iterable[CalendarDay]) -> tuple[NonWorkingSpan, ...]:
    """Group consecutive non-working days of an ordered run of days into spans with their names."""
    spans: list[NonWorkingSpan] = []
    run: list[CalendarDay] = []

    def close() -> None:
        if run:
            names = tuple(dict.fromkeys(d.holiday_name for d in run if d.holiday_name))
            spans.append(NonWorkingSpan(run[0].date, run[-1].date, names))
            run.clear()

    for info in days:
        if info.is_working_day or (run and info.date != run[-1].date + dt.timedelta(days=1)):
            close()
        if not info.is_working_day:
            run.append(info)
    close()
    return tuple(spans)


_WEEKDAYS = "一二三四五六日"


def describe_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日（星期{_WEEKDAYS[day.weekday()]}）"


def describe_span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return f"{start.month}月{start.day}日"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.month}月{start.day}日至{end.day}日"
    return f"{start.month}月{start.day}日至{end.month}月{end.day}日"


def provisional_note(years: Iterable[int]) -> str:
    listed = "、".join(f"{y} 年" for y in years)
    return f"暂定：{listed}节假日安排尚未录入，按仅周末休息推算"


def years_from_chinese_calendar(years: Iterable[int] | None = None) -> list[YearCalendar]:
    """The years the ``chinese-calendar`` package covers (or the requested ones) as YearCalendars.

    A requested year the package does not cover raises :class:`YearNotCoveredError`.
    """
    source = f"chinese-calendar {importlib.metadata.version('chinese-calendar')}"
    package_holidays: Mapping[dt.date, str] = chinese_calendar.holidays
    package_workdays: Mapping[dt.date, str] = chinese_calendar.workdays
    available = sorted({d.year for d in package_holidays})
    wanted = available if years is None else sorted(set(years))
    result = []
    for year in wanted:
        if year not in available:
            raise YearNotCoveredError(year)
        holidays = {d: n for d, n in package_holidays.items() if d.year == year}
        workdays = {d: n for d, n in package_workdays.items() if d.year == year}
        names = {d: _official_name(n) for d, n in (holidays | workdays).items()}
        result.append(YearCalendar(year, frozenset(holidays), frozenset(workdays), source, names))
    return result


def _official_name(english: str) -> str:
    try:
        return _OFFICIAL_NAMES[english]
    except KeyError:
        raise CalendarDataError(f"chinese-calendar 中有未知的节日名称 {english!r}") from None


def chinese_calendar_work_calendar() -> WorkCalendar:
    """A WorkCalendar of every year the installed ``chinese-calendar`` package covers."""
    return WorkCalendar(years_from_chinese_calendar())
