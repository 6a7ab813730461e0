from django.contrib import admin

from gongkai_web.bodies.models import Body, Department, Membership


class DepartmentInline(admin.TabularInline[Department, Body]):
    model = Department
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin[Body]):
    list_display = ["name", "kind", "level", "parent"]
    list_filter = ["kind", "level"]
    search_fields = ["name"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["name", "body"]
    list_filter = ["body"]
    search_fields = ["name", "body__name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "body", "department", "role"]
    list_filter = ["role", "body"]
    search_fields = ["user__username", "body__name", "department__name"]
    autocomplete_fields = ["user", "body", "department"]
