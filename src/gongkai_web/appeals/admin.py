"""Reviews and suits are looked at here, never changed: changes go through the services and the case log."""

from django.contrib import admin

from gongkai_web.appeals.models import Review, Suit
from gongkai_web.applications.admin import ReadOnlyAdmin


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin, admin.ModelAdmin[Review]):
    list_display = ["filed_on", "authority", "case_number", "application", "result", "concluded_on"]
    list_filter = ["result", "application__body"]
    search_fields = ["case_number", "authority"]


@admin.register(Suit)
class SuitAdmin(ReadOnlyAdmin, admin.ModelAdmin[Suit]):
    list_display = [
        "filed_on",
        "court",
        "case_number",
        "application",
        "after_review",
        "result",
        "concluded_on",
    ]
    list_filter = ["result", "application__body"]
    search_fields = ["case_number", "court"]
