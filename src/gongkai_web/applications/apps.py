from typing import Any

from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai_web.applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai_web.workcalendar.signals import year_stored  # noqa: PLC0415  -- apps are loaded now

        year_stored.connect(_refresh_after_calendar_change, dispatch_uid="applications.refresh_projections")


def _refresh_after_calendar_change(sender: Any, *, year: int, **kwargs: Any) -> None:
    from gongkai_web.applications.services import refresh_projections  # noqa: PLC0415

    refresh_projections(year=year)
