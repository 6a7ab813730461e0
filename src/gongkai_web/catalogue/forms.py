"""The catalogue's forms: an item, the office list's filters, a review decision, a withdrawal, the guide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from gongkai.catalogue import CATEGORIES, Stage
from gongkai_web.applications.attachments import (
    ACCEPTED,
    MAX_FILE_SIZE_TEXT,
    MAX_FILES,
    CheckedUpload,
    RefusedUpload,
    check_uploads,
)
from gongkai_web.catalogue.models import CatalogueAttachment, CatalogueItem, GuideSettings
from gongkai_web.catalogue.queries import OfficeFilters
from gongkai_web.catalogue.services import REASON_MAX, GuideFields, ItemFields
from gongkai_web.formfields import DateInput, column_field
from gongkai_web.portal.forms import AttachmentsField
from gongkai_web.portal.models import HelpDesk


class ItemForm(forms.Form):
    """An item as its author writes it; for a change (变更) of a published item, with its day of change
    and without the 索引号 (a revision keeps the item's)."""

    title = column_field(CatalogueItem, "title")
    category = column_field(CatalogueItem, "category")
    issuer = column_field(CatalogueItem, "issuer")
    document_number = column_field(CatalogueItem, "document_number")
    created_on = column_field(
        CatalogueItem,
        "created_on",
        widget=DateInput(),
        help_text="条例第二十六条：信息应当自形成或者变更之日起 20 个工作日内予以公开",
    )
    changed_on = column_field(
        CatalogueItem,
        "changed_on",
        widget=DateInput(),
        required=True,
        help_text="信息变更之日；变更后的信息应当自变更之日起 20 个工作日内公开（条例第二十六条）",
    )
    index_number = column_field(
        CatalogueItem, "index_number", required=False, help_text="留空时按“机关代码/年份-序号”自动编号"
    )
    text = column_field(
        CatalogueItem, "text", widget=forms.Textarea(attrs={"rows": 14}), help_text="纯文本，空行分段"
    )
    attachments = AttachmentsField(
        label="附件",
        required=False,
        help_text=f"最多 {MAX_FILES} 个，每个不超过 {MAX_FILE_SIZE_TEXT}；只接受 {ACCEPTED}",
    )
    remove = forms.TypedMultipleChoiceField(
        label="删除附件", required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        refused_uploads: Sequence[RefusedUpload] = (),
        uploads_seen: int = 0,
        revision: bool = False,
        attachments: Sequence[CatalogueAttachment] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.refused_uploads = list(refused_uploads)
        self.uploads_seen = uploads_seen
        del self.fields["index_number" if revision else "changed_on"]
        if attachments:
            self.fields["remove"].choices = [(a.pk, a.original_name) for a in attachments]  # type: ignore[attr-defined]
        else:
            del self.fields["remove"]

    def clean_attachments(self) -> list[CheckedUpload]:
        """Each file checked by its bytes, as the portal checks an applicant's (`check_upload`)."""
        files: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        return check_uploads(files, refused=self.refused_uploads, seen=self.uploads_seen)

    def item_fields(self) -> ItemFields:
        data = self.cleaned_data
        return ItemFields(
            title=data["title"],
            issuer=data["issuer"],
            document_number=data["document_number"],
            created_on=data["created_on"],
            category=data["category"],
            text=data["text"],
            index_number=data.get("index_number", ""),
            changed_on=data.get("changed_on"),
        )

    def removed(self) -> list[int]:
        """The attachments the author ticked to take off the draft."""
        return list(self.cleaned_data.get("remove") or [])

    @classmethod
    def initial_of(cls, item: CatalogueItem) -> dict[str, object]:
        return {
            name: getattr(item, name) for name in cls.base_fields if name not in ("attachments", "remove")
        }


class OfficeFilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=100)
    stage = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部")] + [(s.value, s.label) for s in Stage]
    )
    category = forms.ChoiceField(
        label="类别", required=False, choices=[("", "全部")] + [(c.id, c.label) for c in CATEGORIES]
    )
    late = forms.BooleanField(label="只看超过第二十六条期限的", required=False)

    def filters(self) -> OfficeFilters:
        if not self.is_valid():
            return OfficeFilters()
        data = self.cleaned_data
        return OfficeFilters(
            stage=Stage(data["stage"]) if data["stage"] else None,
            category=data["category"] or None,
            late=data["late"],
            query=data["q"].strip(),
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由", required=False, max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class GuideForm(forms.Form):
    office_name = column_field(GuideSettings, "office_name")
    address = column_field(HelpDesk, "address")
    postcode = column_field(GuideSettings, "postcode")
    hours = column_field(HelpDesk, "hours")
    phone = column_field(HelpDesk, "phone")
    fax = column_field(GuideSettings, "fax")
    email = column_field(GuideSettings, "email")
    website = column_field(GuideSettings, "website", assume_scheme="https")
    index_prefix = column_field(GuideSettings, "index_prefix")

    def clean_postcode(self) -> str:
        postcode: str = self.cleaned_data["postcode"].strip()
        if postcode and not (postcode.isascii() and postcode.isdigit() and len(postcode) == 6):
            raise forms.ValidationError("邮政编码应为 6 位数字", code="catalogue_postcode_invalid")
        return postcode

    def guide_fields(self) -> GuideFields:
        return GuideFields(**{name: self.cleaned_data[name] for name in self.base_fields})
