from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai_web.workcalendar.forms import CalendarYearForm
from gongkai_web.workcalendar.models import CalendarDay, CalendarYear
from gongkai_web.workcalendar.services import store_year


class CalendarDayInline(admin.TabularInline[CalendarDay, CalendarYear]):
    model = CalendarDay
    extra = 0
    fields = ["date", "kind", "name"]
    readonly_fields = ["date", "kind", "name"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: CalendarYear | None = None) -> bool:
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin[CalendarYear]):
    """Years are entered and corrected through the form's text, checked by the core's YearCalendar."""

    form = CalendarYearForm
    list_display = ["year", "source", "edited_by", "edited_at"]
    readonly_fields = ["created_by", "created_at", "edited_by", "edited_at"]
    inlines = [CalendarDayInline]

    def get_readonly_fields(self, request: HttpRequest, obj: CalendarYear | None = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        return ["year", *fields] if obj is not None else fields

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        assert isinstance(form, CalendarYearForm)
        assert form.year_calendar is not None, "save_model runs only after the form validated"
        user = request.user if request.user.is_authenticated else None
        stored = store_year(calendar=form.year_calendar, user=user)
        obj.pk = stored.pk
        obj.refresh_from_db()
