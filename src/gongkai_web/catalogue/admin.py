"""The catalogue is looked at here, never changed: drafts, reviews and the guide go through the services."""

from django.contrib import admin

from gongkai_web.applications.admin import ReadOnlyAdmin
from gongkai_web.catalogue.models import CatalogueItem, GuideSettings, ReviewRecord


class ReviewRecordInline(ReadOnlyAdmin, admin.TabularInline[ReviewRecord, CatalogueItem]):
    model = ReviewRecord
    extra = 0
    fields = ["round", "stage", "step", "actor", "reason", "at"]
    readonly_fields = ["round", "stage", "step", "actor", "reason", "at"]


@admin.register(CatalogueItem)
class CatalogueItemAdmin(ReadOnlyAdmin, admin.ModelAdmin[CatalogueItem]):
    list_display = [
        "index_number",
        "title",
        "body",
        "category",
        "stage",
        "created_on",
        "publish_by",
        "published_on",
    ]
    list_filter = ["body", "stage", "category"]
    search_fields = ["index_number", "title"]
    inlines = [ReviewRecordInline]


@admin.register(GuideSettings)
class GuideSettingsAdmin(ReadOnlyAdmin, admin.ModelAdmin[GuideSettings]):
    list_display = ["body", "office_name", "index_prefix"]
