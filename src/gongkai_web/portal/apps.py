from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class PortalConfig(AppConfig):
    name = "gongkai_web.portal"
    verbose_name = "公众服务"

    def ready(self) -> None:
        """Shared pages (`pagecache`) are forgotten when what they show changes."""
        from gongkai_web.applications.models import Application, ApplicationEvent  # noqa: PLC0415
        from gongkai_web.bodies.models import Body  # noqa: PLC0415
        from gongkai_web.letters.models import Letter  # noqa: PLC0415
        from gongkai_web.portal.models import HelpDesk  # noqa: PLC0415
        from gongkai_web.portal.pagecache import new_generation  # noqa: PLC0415
        from gongkai_web.workcalendar.signals import year_stored  # noqa: PLC0415

        for model in (Body, HelpDesk):
            post_save.connect(new_generation, sender=model, dispatch_uid=f"portal.pages.{model.__name__}")
            post_delete.connect(new_generation, sender=model, dispatch_uid=f"portal.pages.{model.__name__}-")
        year_stored.connect(new_generation, dispatch_uid="portal.pages.calendar")
        post_save.connect(_application_saved, sender=Application, dispatch_uid="portal.pages.application")
        for part in (ApplicationEvent, Letter):
            post_save.connect(_part_saved, sender=part, dispatch_uid=f"portal.pages.{part.__name__}")


def _application_saved(sender: Any, *, instance: Any, **kwargs: Any) -> None:
    from gongkai_web.portal.pagecache import case_changed  # noqa: PLC0415

    case_changed(instance.tracking_code)


def _part_saved(sender: Any, *, instance: Any, **kwargs: Any) -> None:
    """A step or a letter of a case was stored."""
    from gongkai_web.portal.pagecache import case_changed  # noqa: PLC0415

    case_changed(instance.application.tracking_code)
