"""The online application form (条例 第二十九条) and the two small forms around it.

Step one asks who applies (the applicant columns of Table 3); step two is the application itself,
worded for that kind of applicant (姓名 or 名称, the identity documents it may show).
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core import signing
from django.core.files.uploadedfile import UploadedFile

from gongkai.cases import APPLICANT_TYPES, ApplicantType
from gongkai.identity import IdentityError, IdentityKind, identity_document
from gongkai_web.applications.attachments import (
    ACCEPTED,
    MAX_FILE_SIZE_TEXT,
    MAX_FILES,
    CheckedUpload,
    RefusedUpload,
    check_uploads,
)
from gongkai_web.applications.models import Application, Delivery, Medium
from gongkai_web.bodies.models import Body

NATURAL_PERSON = next(t for t in APPLICANT_TYPES if t.group is None)
ORGANISATION_GROUP = next(t.group for t in APPLICANT_TYPES if t.group is not None)
CONTACT_MAX_LENGTH = Application._meta.get_field("contact").max_length or 200
DESCRIPTION_MAX_LENGTH = 2000

# Which identity documents each kind of applicant shows; the first is preselected.
PERSON_DOCUMENTS = (IdentityKind.RESIDENT_ID, IdentityKind.PASSPORT, IdentityKind.OTHER)
ORGANISATION_DOCUMENTS = (IdentityKind.CREDIT_CODE, IdentityKind.OTHER)

# 纸质文本 cannot be sent by e-mail or fetched online; an electronic file can go any way (on a disc
# by post, on a drive when collected). 条例 第四十条 lets the office choose another form when needed.
PAPER_DELIVERIES = frozenset({Delivery.POST, Delivery.COLLECT})

_PHONE = re.compile(r"^[0-9+\-() 转]+$")
_PHONE_MIN_DIGITS = 7
_SIGNER_SALT = "gongkai.portal.submission"


def applicant_type_choices() -> list[tuple[str, Any]]:
    """自然人, then 法人或其他组织 with its five kinds as a group (Table 3's columns)."""
    organisations = [(t.id, t.label) for t in APPLICANT_TYPES if t.group is not None]
    return [(NATURAL_PERSON.id, NATURAL_PERSON.label), (ORGANISATION_GROUP, organisations)]


def new_submission_key(body: Body) -> str:
    """A signed, random key for one rendering of the form; the stored key is the unsigned part."""
    return signing.Signer(salt=_SIGNER_SALT).sign(f"{body.pk}:{secrets.token_urlsafe(24)}")


class ErrorSummary:
    """The form's errors in field order, each with the id of the control to jump to (None: no control)."""

    def error_links(self: Any) -> list[tuple[str | None, str]]:
        links: list[tuple[str | None, str]] = []
        for bound in self:
            if bound.is_hidden:
                anchor = None
            elif isinstance(bound.field.widget, forms.RadioSelect):
                anchor = f"{bound.auto_id}_0"  # the first radio button of the group
            else:
                anchor = bound.auto_id
            links += [(anchor, str(error)) for error in bound.errors]
        links += [(None, str(error)) for error in self.non_field_errors()]
        return links


class ApplicantTypeForm(ErrorSummary, forms.Form):
    type = forms.ChoiceField(
        label="申请人类型",
        choices=applicant_type_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请人类型", "invalid_choice": "请选择申请人类型"},
    )

    def groups(self) -> list[tuple[str | None, list[Any]]]:
        """The radio buttons split as Table 3 groups its columns: 自然人 | 法人或其他组织."""
        person: list[Any] = []
        organisations: list[Any] = []
        for radio in self["type"].subwidgets:
            (person if radio.data["value"] == NATURAL_PERSON.id else organisations).append(radio)
        return [(None, person), (ORGANISATION_GROUP, organisations)]


class TrackForm(ErrorSummary, forms.Form):
    code = forms.CharField(
        label="查询码",
        max_length=100,
        help_text="提交申请后页面上显示的查询码，区分大小写。",
        error_messages={"required": "请填写查询码"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false", "class": "code"}
        ),
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to MAX_FILES files; each is checked by content in the form's clean (with the refusals)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.docx,.txt"}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if f]


class ApplicationForm(ErrorSummary, forms.Form):
    name = forms.CharField(max_length=200, required=False)
    identity_kind = forms.ChoiceField(label="证件类型", widget=forms.RadioSelect)
    identity_number = forms.CharField(
        label="证件号码",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="联系电话",
        max_length=24,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="电子邮箱",
        max_length=100,
        required=False,
        error_messages={"invalid": "电子邮箱的格式不对，例如 zhangsan@example.cn"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label="邮寄地址",
        max_length=100,
        required=False,
        help_text="选择“邮寄”时必填：省市县、街道门牌、邮政编码和收件人。",
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    description = forms.CharField(
        label="申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述",
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=(
            "写明文件名称、文号，或者信息的内容、涉及的时间和地点等，"
            "例如：“2024年本县城区义务教育学校招生划片范围”。"
        ),
        error_messages={"required": "请写明申请公开的政府信息的名称、文号或者特征性描述"},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    medium = forms.ChoiceField(
        label="信息的载体形式",
        choices=Medium.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择希望获得纸质文本还是电子文件"},
    )
    delivery = forms.ChoiceField(
        label="获取信息的方式、途径",
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式"},
    )
    attachments = AttachmentsField(
        label="附件（可选）",
        required=False,
        help_text=(
            f"例如身份证明的扫描件或照片。最多 {MAX_FILES} 个文件，每个不超过 {MAX_FILE_SIZE_TEXT}；"
            f"可以是 {ACCEPTED}。可以按住 Ctrl 键（手机上直接点选）一次选择多个文件。"
        ),
    )
    submission_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        body: Body,
        applicant: ApplicantType,
        refused_uploads: Sequence[RefusedUpload] = (),
        uploads_seen: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        self.applicant = applicant
        self.refused_uploads = list(refused_uploads)
        self.uploads_seen = uploads_seen
        person = applicant.group is None
        name = self.fields["name"]
        name.label = "姓名" if person else "名称"
        name.help_text = "" if person else "单位全称，与营业执照或登记证书一致。"
        name.widget.attrs["autocomplete"] = "name" if person else "organization"
        kinds = PERSON_DOCUMENTS if person else ORGANISATION_DOCUMENTS
        identity_kind = self.fields["identity_kind"]
        assert isinstance(identity_kind, forms.ChoiceField)
        identity_kind.choices = [(kind.value, kind.label) for kind in kinds]
        identity_kind.initial = kinds[0].value
        identity_kind.error_messages = {
            "required": "请选择证件类型",
            "invalid_choice": "请选择列出的证件类型",
        }
        self.fields["identity_number"].help_text = (
            "居民身份证号码为 18 位，最后一位可能是 X；选择“其他证件”时请写明证件名称和号码。"
            if person
            else "统一社会信用代码为 18 位，见营业执照或登记证书；选择“其他证件”时请写明证件名称和号码。"
        )
        self.fields["submission_key"].initial = new_submission_key(body)

    def radios(self, name: str) -> list[Any]:
        return list(self[name].subwidgets)

    def clean_name(self) -> str:
        name = " ".join(str(self.cleaned_data.get("name") or "").split())
        if not name:
            raise forms.ValidationError(
                "请填写姓名" if self.applicant.group is None else "请填写单位名称", code="required"
            )
        return name

    def clean_phone(self) -> str:
        phone = unicodedata.normalize("NFKC", self.cleaned_data.get("phone") or "").strip()
        if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < _PHONE_MIN_DIGITS):
            raise forms.ValidationError(
                "联系电话只能包含数字和“-”，例如 13800000000 或 0371-65551234", code="invalid"
            )
        return phone

    def clean_address(self) -> str:
        return " ".join(str(self.cleaned_data.get("address") or "").split())

    def clean_submission_key(self) -> str:
        try:
            key = signing.Signer(salt=_SIGNER_SALT).unsign(self.cleaned_data["submission_key"])
        except signing.BadSignature:
            raise forms.ValidationError(
                "表单已失效，请重新打开申请页面填写", code="bad_submission_key"
            ) from None
        if not key.startswith(f"{self.body.pk}:"):
            raise forms.ValidationError(
                "表单不属于这个机关，请重新打开申请页面填写", code="bad_submission_key"
            )
        return key

    def clean_attachments(self) -> list[CheckedUpload]:
        files: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        return check_uploads(files, refused=self.refused_uploads, seen=self.uploads_seen)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, number = data.get("identity_kind"), data.get("identity_number", "")
        if kind:
            try:
                data["identity_document"] = identity_document(IdentityKind(kind), number)
            except IdentityError as error:
                self.add_error("identity_number", forms.ValidationError(error.message, code=error.code))
        phone, email, address = data.get("phone"), data.get("email"), data.get("address")
        if "phone" in data and "email" in data and not (phone or email):
            self.add_error(
                "phone", forms.ValidationError("请至少填写联系电话或电子邮箱中的一项", code="required")
            )
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and "email" in data and not email:
            self.add_error(
                "email", forms.ValidationError("选择以电子邮件获取信息时，请填写电子邮箱", code="required")
            )
        if delivery == Delivery.POST and not address and "address" in data:
            self.add_error("address", forms.ValidationError("选择邮寄时，请填写邮寄地址", code="required"))
        medium = data.get("medium")
        if medium == Medium.PAPER and delivery and Delivery(delivery) not in PAPER_DELIVERIES:
            allowed = "或".join(f"“{d.label}”" for d in Delivery if d in PAPER_DELIVERIES)
            self.add_error(
                "delivery",
                forms.ValidationError(f"纸质文本只能{allowed}，请改选获取方式或改为电子文件", code="invalid"),
            )
        contact = contact_text(phone=phone or "", email=email or "", address=address or "")
        if len(contact) > CONTACT_MAX_LENGTH:
            self.add_error(
                "address",
                forms.ValidationError(
                    f"联系方式合计不能超过 {CONTACT_MAX_LENGTH} 个字，请简写邮寄地址", code="max_length"
                ),
            )
        data["contact"] = contact
        return data


def contact_text(*, phone: str, email: str, address: str) -> str:
    """The application's 联系方式 as one line: ``电话 13800000000；电子邮箱 a@b.cn；邮寄地址 …``."""
    parts = [("电话", phone), ("电子邮箱", email), ("邮寄地址", address)]
    return "；".join(f"{label} {value}" for label, value in parts if value)
