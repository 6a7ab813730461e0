from typing import Any

from django.apps import AppConfig


class PublicMessagesConfig(AppConfig):
    """网上留言; labelled ``public_messages`` beside ``django.contrib.messages``."""

    name = "gongkai_web.messages"
    label = "public_messages"
    verbose_name = "网上留言"

    def ready(self) -> None:
        from gongkai_web.workcalendar.signals import year_stored  # noqa: PLC0415  -- apps are loaded now

        year_stored.connect(_refresh_after_calendar_change, dispatch_uid="public_messages.refresh_due_dates")
        from gongkai_web.messages.facts import SOURCE  # noqa: PLC0415
        from gongkai_web.reports.facts import register_facts  # noqa: PLC0415

        register_facts(SOURCE)


def _refresh_after_calendar_change(sender: Any, *, year: int, **kwargs: Any) -> None:
    from gongkai_web.messages.services import refresh_due_dates  # noqa: PLC0415

    refresh_due_dates(year=year)
