from django.contrib import admin

from gongkai_web.oversight.models import Supervision


@admin.register(Supervision)
class SupervisionAdmin(admin.ModelAdmin[Supervision]):
    list_display = ["user", "body"]
    search_fields = ["user__username", "body__name"]
    autocomplete_fields = ["user", "body"]
