from django.contrib import admin

from gongkai_web.portal.models import HelpDesk


@admin.register(HelpDesk)
class HelpDeskAdmin(admin.ModelAdmin[HelpDesk]):
    list_display = ["body", "phone", "address", "hours"]
    search_fields = ["body__name"]
    autocomplete_fields = ["body"]
