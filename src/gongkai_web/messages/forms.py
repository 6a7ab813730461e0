"""The public message form, the writer's lookup, and the office's forms for each step."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django import forms
from django.core import signing
from django.db.models import QuerySet

from gongkai.messages import (
    ANSWER_MAX,
    CONTACT_MAX,
    MAX_ANSWER_LIMIT,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    MessageKind,
)
from gongkai_web.applications.models import Application
from gongkai_web.bodies.models import Body, Department
from gongkai_web.portal.forms import ErrorSummary

_SIGNER_SALT = "gongkai.messages.submission"


def new_submission_key(body: Body) -> str:
    """A signed, random key for one rendering of the form; the stored key is the unsigned part."""
    return signing.Signer(salt=_SIGNER_SALT).sign(f"{body.pk}:{secrets.token_urlsafe(24)}")


class DepartmentField(forms.ModelChoiceField[Department]):
    """A department of the body, shown by its own name (the body is the page's)."""

    def label_from_instance(self, obj: Department) -> str:
        return obj.name


class MessageForm(ErrorSummary, forms.Form):
    kind = forms.ChoiceField(
        label="留言类型",
        choices=[(kind.value, kind.label) for kind in MessageKind],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择留言类型", "invalid_choice": "请选择列出的留言类型"},
    )
    title = forms.CharField(
        label="标题",
        max_length=TITLE_MAX,
        error_messages={"required": "请填写标题", "max_length": f"标题不能超过 {TITLE_MAX} 个字"},
    )
    text = forms.CharField(
        label="留言内容",
        max_length=TEXT_MAX,
        help_text=f"不超过 {TEXT_MAX} 字。请不要在留言内容中写身份证号、手机号、住址等个人信息。",
        error_messages={"required": "请填写留言内容", "max_length": f"留言内容不能超过 {TEXT_MAX} 个字"},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    contact = forms.CharField(
        label="联系方式",
        max_length=CONTACT_MAX,
        help_text="电话或电子邮箱，只用于工作人员与您联系，不会公开。",
        error_messages={"required": "请填写联系方式", "max_length": f"联系方式不能超过 {CONTACT_MAX} 个字"},
    )
    consents_to_publication = forms.TypedChoiceField(
        label="是否同意公开",
        choices=[("yes", "同意公开留言和答复（不公开联系方式）"), ("no", "不同意公开，只答复我本人")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择是否同意公开"},
    )
    submission_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["submission_key"].initial = new_submission_key(body)

    def radios(self, name: str) -> list[Any]:
        return list(self[name].subwidgets)

    def clean_title(self) -> str:
        return " ".join(str(self.cleaned_data.get("title") or "").split())

    def clean_submission_key(self) -> str:
        try:
            key = signing.Signer(salt=_SIGNER_SALT).unsign(self.cleaned_data["submission_key"])
        except signing.BadSignature:
            raise forms.ValidationError(
                "表单已失效，请重新打开留言页面填写", code="bad_submission_key"
            ) from None
        if not key.startswith(f"{self.body.pk}:"):
            raise forms.ValidationError(
                "表单不属于这个机关，请重新打开留言页面填写", code="bad_submission_key"
            )
        return key


class TrackForm(ErrorSummary, forms.Form):
    code = forms.CharField(
        label="查询码",
        max_length=100,
        help_text="留言后页面上显示的查询码，区分大小写。",
        error_messages={"required": "请填写查询码"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false", "class": "code"}
        ),
    )


class RouteForm(forms.Form):
    department = DepartmentField(label="承办股室", queryset=Department.objects.none())
    reason = forms.CharField(label="改派理由", required=False, max_length=REASON_MAX)

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["department"]
        assert isinstance(field, DepartmentField)
        field.queryset = departments


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="答复内容",
        max_length=ANSWER_MAX,
        help_text="同意公开的留言，答复经保密审查后与留言一同公开：请不要写入留言人的姓名、电话、住址等个人信息。",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    answered_on = forms.DateField(
        label="答复日期", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )

    def __init__(self, data: Any = None, *, today: dt.date) -> None:
        super().__init__(data, initial={"answered_on": today})
        self.today = today

    def clean_answered_on(self) -> dt.date:
        on: dt.date = self.cleaned_data["answered_on"]
        if on > self.today:
            raise forms.ValidationError("答复日期不能晚于今天", code="date_in_future")
        return on


class RevisionForm(forms.Form):
    answer = forms.CharField(
        label="修改后的答复",
        max_length=ANSWER_MAX,
        help_text="答复日期不变。修改后须重新进行保密审查才能公开。",
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class ConvertForm(forms.Form):
    """The application the message really is: what register_application needs, prefilled from the message."""

    department = DepartmentField(
        label="承办股室", required=False, queryset=Department.objects.none(), empty_label="暂不分办"
    )

    def __init__(self, *args: Any, departments: QuerySet[Department], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_fields = forms.fields_for_model(
            Application,
            fields=[
                "applicant_type",
                "applicant_name",
                "identity_document",
                "contact",
                "description",
                "medium",
                "delivery",
            ],
            widgets={"medium": forms.RadioSelect, "delivery": forms.RadioSelect},
        )
        self.fields = {**model_fields, **self.fields}
        self.fields["identity_document"].help_text = "留言中没有身份证明的，请先与留言人联系核实。"
        field = self.fields["department"]
        assert isinstance(field, DepartmentField)
        field.queryset = departments


class LimitForm(forms.Form):
    answer_limit = forms.IntegerField(
        label="答复期限（工作日）",
        min_value=1,
        max_value=MAX_ANSWER_LIMIT,
        help_text=(
            f"自收到留言的次日起计算，节假日不计，调休上班日计入；1 至 {MAX_ANSWER_LIMIT} 个工作日。"
            "修改后只适用于以后收到的留言。"
        ),
    )
