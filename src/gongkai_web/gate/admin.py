"""The gate's records are looked at here, never changed: rules and reviews go through the services."""

from django.contrib import admin

from gongkai_web.applications.admin import ReadOnlyAdmin
from gongkai_web.gate.models import GateRules, PublicationReview


@admin.register(GateRules)
class GateRulesAdmin(ReadOnlyAdmin, admin.ModelAdmin[GateRules]):
    list_display = ["body", "changed_by", "changed_at"]
    list_filter = ["body"]


@admin.register(PublicationReview)
class PublicationReviewAdmin(ReadOnlyAdmin, admin.ModelAdmin[PublicationReview]):
    list_display = ["body", "content_type", "object_id", "verdict", "outcome", "actor", "at"]
    list_filter = ["body", "verdict", "outcome"]
