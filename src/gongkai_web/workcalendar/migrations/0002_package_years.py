"""Stores the years the installed chinese-calendar covers, so a fresh database counts working days.

Written against the historical models, not the services, so it keeps working as the models change;
``load_calendar`` brings later package versions in.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from gongkai.workdays import years_from_chinese_calendar


def store_package_years(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    calendar_year = apps.get_model("workcalendar", "CalendarYear")
    calendar_day = apps.get_model("workcalendar", "CalendarDay")
    for calendar in years_from_chinese_calendar():
        if calendar_year.objects.filter(year=calendar.year).exists():
            continue
        stored = calendar_year.objects.create(year=calendar.year, source=calendar.source)
        calendar_day.objects.bulk_create(
            calendar_day(
                calendar_year=stored, date=date, kind=kind, name=calendar.holiday_names.get(date, "")
            )
            for kind, dates in (("holiday", calendar.holidays), ("workday", calendar.workdays))
            for date in sorted(dates)
        )


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_calendar")]

    operations = [migrations.RunPython(store_package_years, migrations.RunPython.noop)]
