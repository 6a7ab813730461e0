"""The office's forms: queue filters, registration by staff, assignment, and one form per step of a case.

Forms check the shape of the input (a date, a number, a choice); whether the step is lawful is the
core's and the services' to decide, and their refusals come back onto the form (`show_refusal`).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet

from gongkai.cases import OUTCOMES, Action, DecisionError, Outcome, Status, outcome_of_items
from gongkai.cases.outcomes import NO_CORRECTION, UNPAID_FEE
from gongkai.clock import EXTENSION_LIMIT, ConsultationParty
from gongkai.errors import GongkaiError
from gongkai.fees import FeeMethod
from gongkai.formats import Article
from gongkai_web.applications.models import (
    RECEIPT_BASES,
    STATUS_CHOICES,
    Application,
    Channel,
    ReceiptBasis,
)
from gongkai_web.bodies.models import Body, Department
from gongkai_web.formfields import DateInput
from gongkai_web.office.queries import Openness, QueueFilters, Urgency

SUBMISSION_KEY_BYTES = 24


def _date(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def _model_field(name: str, **overrides: Any) -> forms.Field:
    """The form field of an Application column: its label, length and choices are defined once there."""
    column = Application._meta.get_field(name)
    assert isinstance(column, models.Field), name
    field = column.formfield(**overrides)
    assert field is not None, name
    if isinstance(column, models.Field) and column.choices and isinstance(field.widget, forms.RadioSelect):
        # A radio list needs no "---------" entry: nothing is chosen until the officer chooses.
        field.choices = list(column.flatchoices)  # type: ignore[attr-defined]
    return field


# Refusals whose code names the field at fault; any other refusal is shown above the form.
ERROR_FIELDS: Mapping[str, str] = {
    "reasons_required": "reasons",
    "article_mismatch": "articles",
    "unknown_outcome": "outcome",
    "outcome_reserved": "outcome",
    "no_correction_requested": "outcome",
    "extension_too_long": "working_days",
    "extension_invalid": "working_days",
    "extension_notified_before_approval": "notified_on",
    "receipt_basis_mismatch": "receipt_basis",
    "received_not_on_submission_day": "received_on",
    "received_before_submitted": "received_on",
    "department_of_other_body": "department",
    "already_assigned": "department",
    "reassignment_reason_required": "reason",
    "reassignment_reason_too_long": "reason",
    "fee_input_missing": "pages",
    "fee_both_methods": "pages",
    "fee_pages_invalid": "pages",
    "fee_payment_method_missing": "payment_method",
    "fee_notice_received_before_sent": "notice_received_on",
}


def show_refusal(form: forms.Form, error: GongkaiError | ValidationError | PermissionDenied) -> None:
    """Put a refusal of the core or a service on ``form`` in its Chinese words, by the field at fault."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    if isinstance(error, ValidationError):
        code, messages = error.code, error.messages
    elif isinstance(error, GongkaiError):
        code, messages = error.code, [error.message]
    else:
        code, messages = getattr(error, "code", None), [getattr(error, "message", str(error))]
    field = ERROR_FIELDS.get(code or "")
    form.add_error(field if field in form.fields else None, messages)


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label="办结情况",
        required=False,
        choices=[(Openness.OPEN, "未办结"), (Openness.CLOSED, "已办结"), (Openness.ALL, "全部")],
    )
    urgency = forms.ChoiceField(
        label="期限",
        required=False,
        choices=[("", "全部"), (Urgency.OVERDUE, "逾期"), (Urgency.DUE_SOON, "即将到期")],
    )
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *STATUS_CHOICES])
    body = forms.ModelChoiceField(
        label="机关", required=False, queryset=Body.objects.none(), empty_label="全部机关"
    )
    department = forms.ModelChoiceField(
        label="承办股室", required=False, queryset=Department.objects.none(), empty_label="全部股室"
    )
    received_from = _date("收到日期自", required=False)
    received_to = _date("收到日期至", required=False)
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=100,
        help_text="申请人姓名或名称、查询码、所需信息",
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(
        self, data: Mapping[str, Any] | None, *, bodies: QuerySet[Body], departments: QuerySet[Department]
    ) -> None:
        super().__init__(data)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]

    def filters(self) -> QueueFilters:
        """The filters of the valid fields (an invalid one is shown as an error and ignored)."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        body, department = data.get("body"), data.get("department")
        return QueueFilters(
            state=Openness(data.get("state") or Openness.OPEN),
            status=Status(data["status"]) if data.get("status") else None,
            body_id=body.pk if body is not None else None,
            department_id=department.pk if department is not None else None,
            urgency=Urgency(data["urgency"]) if data.get("urgency") else None,
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            search=data.get("q") or "",
        )


class NotInFuture:
    """Dates of things done cannot lie after today (the clock is computed up to today)."""

    today: dt.date

    def not_after_today(self, value: dt.date | None) -> dt.date | None:
        if value is not None and value > self.today:
            raise ValidationError(
                f"日期 {value.isoformat()} 晚于今天（{self.today.isoformat()}），请填写已经发生的日期",
                code="date_in_future",
            )
        return value


def _receipt_basis_label(basis: ReceiptBasis) -> str:
    channels = "、".join(channel.label for channel in Channel if basis in RECEIPT_BASES[channel])
    return f"{basis.label}（{channels}）"


STAFF_CHANNELS = [(channel.value, channel.label) for channel in Channel if channel is not Channel.ONLINE]


class RegisterForm(NotInFuture, forms.Form):
    """An application received by letter, in person, orally, by fax or by e-mail (not online)."""

    body = forms.ModelChoiceField(label="受理机关", queryset=Body.objects.none(), empty_label=None)
    channel = forms.ChoiceField(
        label="提交方式",
        choices=STAFF_CHANNELS,
        widget=forms.RadioSelect,
        help_text="口头提出的申请，由工作人员代为填写（条例第二十九条）",
    )
    submitted_on = _date("提交日期", help_text="申请人寄出、递交、发送或口头提出申请的日期")
    receipt_basis = forms.ChoiceField(
        label="收到申请日期的依据（条例第三十一条）",
        choices=[(basis.value, _receipt_basis_label(basis)) for basis in ReceiptBasis],
        widget=forms.RadioSelect,
    )
    received_on = _date("收到申请日期")
    applicant_type = _model_field("applicant_type")
    applicant_name = _model_field("applicant_name")
    identity_document = _model_field("identity_document")
    contact = _model_field("contact")
    description = _model_field("description")
    medium = _model_field("medium", widget=forms.RadioSelect)
    delivery = _model_field("delivery", widget=forms.RadioSelect)
    department = forms.ModelChoiceField(
        label="承办股室", required=False, queryset=Department.objects.none(), empty_label="暂不分办"
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        bodies: QuerySet[Body],
        departments: QuerySet[Department],
        today: dt.date,
    ) -> None:
        super().__init__(
            data,
            initial={
                "submitted_on": today,
                "received_on": today,
                "submission_key": secrets.token_urlsafe(SUBMISSION_KEY_BYTES),
                "body": bodies.first() if data is None else None,
            },
        )
        self.today = today
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["department"].label_from_instance = lambda department: department.name  # type: ignore[attr-defined]

    def clean_submitted_on(self) -> dt.date | None:
        return self.not_after_today(self.cleaned_data.get("submitted_on"))

    def clean_received_on(self) -> dt.date | None:
        return self.not_after_today(self.cleaned_data.get("received_on"))


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label="承办股室", queryset=Department.objects.none())
    reason = forms.CharField(
        label="改派理由", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="改派时必须填写"
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, departments: QuerySet[Department]) -> None:
        super().__init__(data)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["department"].label_from_instance = lambda department: department.name  # type: ignore[attr-defined]


class StepForm(NotInFuture, forms.Form):
    """A step of a case: the date it was taken, and the case's last event when the form was shown.

    ``seen_event`` lets a second submission of the same form be recognised (a double click, a
    reload) instead of being recorded twice; the state machine refuses it in any case.
    """

    on = _date("办理日期", help_text="该事项办理的日期，默认为今天")
    seen_event = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, data: Mapping[str, Any] | None = None, *, today: dt.date, seen_event: int) -> None:
        super().__init__(data, initial={"on": today, "seen_event": seen_event})
        self.today = today

    def clean_on(self) -> dt.date | None:
        return self.not_after_today(self.cleaned_data.get("on"))

    def payload(self) -> dict[str, object]:
        """The details `services.record_event` stores for the step (`events.PAYLOAD_KEYS`)."""
        return {}


class RequestCorrectionForm(StepForm):
    """条例 第三十条: tell the applicant once what to correct and give a reasonable period."""

    items = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 4}))
    respond_by = _date("补正期限", help_text="申请人应在此日期前提交补正材料")

    def payload(self) -> dict[str, object]:
        return {"items": self.cleaned_data["items"], "respond_by": self.cleaned_data["respond_by"]}


class ConsultationForm(StepForm):
    party = forms.ChoiceField(
        label="征求意见对象",
        choices=[(party.value, party.label) for party in ConsultationParty],
        widget=forms.RadioSelect,
    )

    def payload(self) -> dict[str, object]:
        return {"party": self.cleaned_data["party"]}


class ExtendForm(StepForm):
    """条例 第三十三条第一款: once, at most EXTENSION_LIMIT working days, approved by the head."""

    working_days = forms.IntegerField(
        label="延长的工作日数",
        min_value=1,
        max_value=EXTENSION_LIMIT,
        help_text=f"最长不得超过 {EXTENSION_LIMIT} 个工作日（条例第三十三条第一款）",
    )
    notified_on = _date("告知申请人日期")

    def __init__(self, data: Mapping[str, Any] | None = None, *, today: dt.date, seen_event: int) -> None:
        super().__init__(data, today=today, seen_event=seen_event)
        self.fields["on"].label = "批准延期日期"
        self.fields["notified_on"].initial = today

    def clean_notified_on(self) -> dt.date | None:
        return self.not_after_today(self.cleaned_data.get("notified_on"))

    def payload(self) -> dict[str, object]:
        return {
            "working_days": self.cleaned_data["working_days"],
            "notified_on": self.cleaned_data["notified_on"],
        }


def _outcome_label(outcome: Outcome) -> str:
    label = outcome.row.label.text if outcome.row.group is not None else outcome.label
    return f"{label}（须说明理由）" if outcome.requires_reasons else label


LAPSE_OUTCOMES = frozenset({NO_CORRECTION.id, UNPAID_FEE.id})


def _outcome_choices() -> list[tuple[str, Any]]:
    """Table 3's outcome rows, the numbered items under their group as the format prints them."""
    choices: list[tuple[str, Any]] = [("", "请选择办理结果")]
    groups: dict[str, list[tuple[str, str]]] = {}
    for outcome in OUTCOMES:
        group = outcome.row.group
        if group is None:
            choices.append((outcome.id, _outcome_label(outcome)))
            continue
        if group.label.text not in groups:
            groups[group.label.text] = []
            choices.append((group.label.text, groups[group.label.text]))
        groups[group.label.text].append((outcome.id, _outcome_label(outcome)))
    return choices


def _article_value(article: Article) -> str:
    return f"{article.instrument}|{article.text}"


def _article_label(article: Article) -> str:
    return (
        f"{article.instrument}{article.text}"
        if article.instrument == "条例"
        else (f"《{article.instrument}》（{article.text}）")
    )


# Every provision an outcome row stands for, once each, in the order of the rows.
ARTICLES: dict[str, Article] = {
    _article_value(article): article for outcome in OUTCOMES for article in outcome.articles
}


class DecideForm(StepForm):
    """The reply: exactly one outcome row of Table 3 per application, its reasons and legal basis."""

    outcome = forms.ChoiceField(
        label="办理结果",
        choices=_outcome_choices(),
        required=False,
        help_text="一件申请只计一种结果；各事项区分处理时，可改为在下方勾选各事项的结果",
    )
    items = forms.MultipleChoiceField(
        label="区分处理的各事项结果",
        required=False,
        # An item's own outcome; the lapses close a whole application through their own steps.
        choices=[(outcome.id, outcome.label) for outcome in OUTCOMES if outcome.id not in LAPSE_OUTCOMES],
        widget=forms.CheckboxSelectMultiple,
        help_text="申请含多个事项且处理不同时勾选；本申请计为由此得出的一种结果（既有公开又有不公开的，计为部分公开）",
    )
    reasons = forms.CharField(
        label="理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="标有“须说明理由”的办理结果，应当说明理由（条例第三十六条、第三十七条）",
    )
    articles = forms.MultipleChoiceField(
        label="法律依据",
        required=False,
        choices=[(value, _article_label(article)) for value, article in ARTICLES.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text="不选择时，采用所选办理结果对应的条款；选择时，须包含该结果对应的条款之一",
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, today: dt.date, seen_event: int) -> None:
        super().__init__(data, today=today, seen_event=seen_event)
        self.fields["on"].label = "答复日期"
        # Required or not depends on the outcome (the core decides): not marked 选填.
        self.fields["reasons"].conditional = True  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        chosen, items = cleaned.get("outcome"), cleaned.get("items") or []
        if not items:
            if not chosen:
                self.add_error("outcome", "请选择办理结果，或勾选区分处理的各事项结果")
            return cleaned
        try:
            derived = outcome_of_items(Outcome(item) for item in items).id
        except DecisionError as error:
            self.add_error("items", error.message)
            return cleaned
        if chosen and chosen != derived:
            self.add_error(
                "outcome", f"所勾选的各事项结果应计为“{Outcome(derived).label}”，与所选办理结果不一致"
            )
        cleaned["outcome"] = derived
        return cleaned

    def payload(self) -> dict[str, object]:
        details: dict[str, object] = {
            "outcome": self.cleaned_data["outcome"],
            "reasons": self.cleaned_data["reasons"],
        }
        if self.cleaned_data["items"]:
            details["items"] = list(self.cleaned_data["items"])
        if self.cleaned_data["articles"]:
            details["articles"] = tuple(ARTICLES[value] for value in self.cleaned_data["articles"])
        return details


class FeeForm(StepForm):
    """国办函〔2020〕109号: one method per application; the amount is priced by the tariff, never typed."""

    method = forms.ChoiceField(
        label="计收方式",
        choices=[(method.value, method.label) for method in FeeMethod],
        widget=forms.RadioSelect,
    )
    pages = forms.IntegerField(label="提供的页数（按量计收）", required=False, min_value=1)
    payment_method = forms.CharField(
        label="缴纳方式",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如收款账户、缴费地点",
    )
    notice_received_on = _date(
        "申请人收到通知日期", required=False, help_text="不填写时，按发出之日计算缴费期限"
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, today: dt.date, seen_event: int) -> None:
        super().__init__(data, today=today, seen_event=seen_event)
        self.fields["on"].label = "发出收费通知日期"

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        method, pages = data.get("method"), data.get("pages")
        if method == FeeMethod.PER_VOLUME.value and pages is None:
            self.add_error("pages", "按量计收须填写提供的页数")
        if method == FeeMethod.PER_PIECE.value and pages is not None:
            self.add_error("pages", "按件计收按本月申请件数计算，请不要填写页数")
        return data

    def clean_notice_received_on(self) -> dt.date | None:
        return self.not_after_today(self.cleaned_data.get("notice_received_on"))

    @property
    def fee_method(self) -> FeeMethod:
        return FeeMethod(self.cleaned_data["method"])


STEP_FORMS: Mapping[Action, type[StepForm]] = {
    Action.REQUEST_CORRECTION: RequestCorrectionForm,
    Action.RECEIVE_CORRECTION: StepForm,
    Action.CORRECTION_LAPSED: StepForm,
    Action.ACCEPT: StepForm,
    Action.START_CONSULTATION: ConsultationForm,
    Action.END_CONSULTATION: StepForm,
    Action.REQUEST_FEE: FeeForm,
    Action.RECEIVE_PAYMENT: StepForm,
    Action.PAYMENT_LAPSED: StepForm,
    Action.EXTEND: ExtendForm,
    Action.DECIDE: DecideForm,
    Action.WITHDRAW: StepForm,
}
