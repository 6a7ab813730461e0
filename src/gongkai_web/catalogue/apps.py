from typing import Any

from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gongkai_web.catalogue"
    verbose_name = "主动公开目录"

    def ready(self) -> None:
        from gongkai_web.workcalendar.signals import year_stored  # noqa: PLC0415  -- apps are loaded now

        year_stored.connect(_refresh_after_calendar_change, dispatch_uid="catalogue.refresh_due_dates")


def _refresh_after_calendar_change(sender: Any, *, year: int, **kwargs: Any) -> None:
    from gongkai_web.catalogue.services import refresh_due_dates  # noqa: PLC0415

    refresh_due_dates(year=year)
