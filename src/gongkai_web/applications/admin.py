"""Applications are looked at here, never changed: every change goes through the services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.applications.queries import case_state


class ReadOnlyAdmin:
    """No add, change or delete: the admin may only view (status and deadlines come from events)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ApplicationEventInline(ReadOnlyAdmin, admin.TabularInline[ApplicationEvent, Application]):
    model = ApplicationEvent
    extra = 0
    fields = ["on", "action", "payload", "actor", "recorded_at"]
    readonly_fields = ["on", "action", "payload", "actor", "recorded_at"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin, admin.ModelAdmin[Application]):
    # Identity documents and contacts are left out of the list (issue 4, item 9: masked in lists).
    list_display = ["received_on", "body", "department", "applicant_name", "channel", "status"]
    list_filter = ["body", "channel"]
    search_fields = ["tracking_code", "applicant_name"]
    inlines = [ApplicationEventInline]

    @admin.display(description="状态")
    def status(self, application: Application) -> str:
        return case_state(application).status.label


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyAdmin, admin.ModelAdmin[ApplicationEvent]):
    list_display = ["recorded_at", "application", "on", "action", "actor"]
    list_filter = ["action"]
