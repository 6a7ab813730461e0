"""Templates and settings an administrator edits; generated letters are only looked at."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from gongkai.letters import PLACEHOLDERS, default_template, letter_kind
from gongkai.letters.errors import LetterError
from gongkai_web.accounts.models import User
from gongkai_web.applications.admin import ReadOnlyAdmin
from gongkai_web.letters import services
from gongkai_web.letters.models import KIND_IDS, Letter, LetterSettings, LetterTemplate


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    """Open “增加” with ?kind=<种类> to start from the default text of that kind."""

    list_display = ["kind", "body", "title", "edited_by", "edited_at"]
    list_filter = ["kind", "body"]
    fields = ["kind", "body", "title", "addressee", "text", "vocabulary", "edited_by", "edited_at"]
    readonly_fields = ["vocabulary", "edited_by", "edited_at"]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        kind = request.GET.get("kind")
        if kind in KIND_IDS:
            default = default_template(kind)
            initial |= {"title": default.title, "addressee": default.addressee, "text": default.text}
        return initial

    @admin.display(description="可用的占位符")
    def vocabulary(self, template: LetterTemplate) -> str:
        try:
            kind = letter_kind(template.kind)
        except LetterError:
            return "保存后显示所选文书种类可用的占位符"
        rows = [
            (f"{{{name}}}", "（必须写明）" if name in kind.required_placeholders else "", meaning)
            for name, meaning in PLACEHOLDERS.items()
            if name in kind.placeholders
        ]
        return format_html("<ul>{}</ul>", format_html_join("", "<li><code>{}</code>{}：{}</li>", rows))

    def save_model(
        self, request: HttpRequest, obj: LetterTemplate, form: ModelForm[Any], change: bool
    ) -> None:
        services.save_letter_template(template=obj, actor=cast(User, request.user))


@admin.register(LetterSettings)
class LetterSettingsAdmin(admin.ModelAdmin[LetterSettings]):
    list_display = ["body", "number_prefix", "review_body", "court", "edited_by", "edited_at"]
    readonly_fields = ["edited_by", "edited_at"]

    def save_model(
        self, request: HttpRequest, obj: LetterSettings, form: ModelForm[Any], change: bool
    ) -> None:
        services.save_letter_settings(settings=obj, actor=cast(User, request.user))


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin, admin.ModelAdmin[Letter]):
    list_display = ["number", "kind", "application", "dated", "generated_by", "generated_at"]
    list_filter = ["kind", "body"]
    search_fields = ["number"]
    readonly_fields = [field.name for field in Letter._meta.fields]
