"""Computes the projection of applications registered before it existed, from their events.

Uses the historical models and `projection.project`, which reads only an event's action, date and
payload, so it keeps working as the models change.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from gongkai.workdays import WorkCalendar, YearCalendar
from gongkai_web.applications.projection import project


def _calendar(apps: Apps) -> WorkCalendar:
    calendar_year = apps.get_model("workcalendar", "CalendarYear")
    years = []
    for stored in calendar_year.objects.prefetch_related("days"):
        days = list(stored.days.all())
        years.append(
            YearCalendar(
                year=stored.year,
                holidays=frozenset(day.date for day in days if day.kind == "holiday"),
                workdays=frozenset(day.date for day in days if day.kind == "workday"),
                source=stored.source,
                holiday_names={day.date: day.name for day in days if day.name},
            )
        )
    return WorkCalendar(years)


def project_existing(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    application_model = apps.get_model("applications", "Application")
    event_model = apps.get_model("applications", "ApplicationEvent")
    calendar = _calendar(apps)
    for application in application_model.objects.all():
        events = list(event_model.objects.filter(application=application).order_by("id"))
        projection = project(application.received_on, events, calendar)
        projection.apply_to(application)
        application.save(update_fields=list(projection.FIELDS))


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_projection_log_attachments"),
        ("workcalendar", "0002_package_years"),
    ]

    operations = [migrations.RunPython(project_existing, migrations.RunPython.noop)]
