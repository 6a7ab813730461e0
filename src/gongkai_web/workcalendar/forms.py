"""The administrator's form for one year of the holiday arrangement, typed from the State Council notice."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms

from gongkai.workdays import CalendarDataError, YearCalendar
from gongkai_web.workcalendar.models import CalendarYear, DayKind

# One line per date or range: "2027-01-01 元旦", "2027-02-06~2027-02-13 春节" (also 至 or ..).
_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s*(?:~|～|至|\.\.)\s*(\d{4}-\d{2}-\d{2}))?(?:\s+(.+))?$")
_MAX_SPAN_DAYS = 31


def parse_days(text: str, *, field_label: str) -> dict[dt.date, str]:
    """Dates (with optional names) from the lines of ``text``; ValidationError names the bad line."""
    days: dict[dt.date, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if match is None:
            raise forms.ValidationError(
                f"{field_label}第 {number} 行“{line}”应为“日期 名称”或“日期~日期 名称”，日期形如 2027-01-01",
                code="calendar_line_invalid",
            )
        try:
            start = dt.date.fromisoformat(match[1])
            end = dt.date.fromisoformat(match[2]) if match[2] else start
        except ValueError:
            raise forms.ValidationError(
                f"{field_label}第 {number} 行“{line}”中的日期不存在", code="calendar_date_invalid"
            ) from None
        if not 0 <= (end - start).days <= _MAX_SPAN_DAYS:
            raise forms.ValidationError(
                f"{field_label}第 {number} 行“{line}”的起止日期不合理", code="calendar_range_invalid"
            )
        for offset in range((end - start).days + 1):
            days[start + dt.timedelta(days=offset)] = (match[3] or "").strip()
    return days


class CalendarYearForm(forms.ModelForm[CalendarYear]):
    holidays = forms.CharField(
        label="节假日（放假日期）",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="每行一个日期或日期范围，后跟节日名称，例如：2027-02-06~2027-02-13 春节",
    )
    workdays = forms.CharField(
        label="调休上班日期",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="每行一个周六或周日，可跟节日名称，例如：2027-02-14 春节",
    )

    class Meta:
        model = CalendarYear
        fields = ["year", "source"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year_calendar: YearCalendar | None = None
        if self.instance.pk is not None and not self.is_bound:
            days = list(self.instance.days.all())
            self.initial["holidays"] = _lines(days, DayKind.HOLIDAY)
            self.initial["workdays"] = _lines(days, DayKind.WORKDAY)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year = cleaned.get("year") or self.instance.year
        source = cleaned.get("source")
        if self.errors or year is None or source is None:
            return cleaned
        holidays = parse_days(cleaned.get("holidays", ""), field_label="节假日")
        workdays = parse_days(cleaned.get("workdays", ""), field_label="调休上班日期")
        names = {date: name for date, name in (holidays | workdays).items() if name}
        try:
            self.year_calendar = YearCalendar(year, frozenset(holidays), frozenset(workdays), source, names)
        except CalendarDataError as error:
            raise forms.ValidationError(error.message, code=error.code) from error
        return cleaned


def _lines(days: list[Any], kind: DayKind) -> str:
    return "\n".join(f"{day.date.isoformat()} {day.name}".rstrip() for day in days if day.kind == kind)
