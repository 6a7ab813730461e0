"""Forms of the 建议提案 pages: they check the shape of the input; the services decide the rest."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from gongkai.proposals import REPLY_OUTCOMES, HandlingStatus, ProposalKind, Satisfaction
from gongkai_web.bodies.models import Body, Department
from gongkai_web.formfields import DateInput, column_field
from gongkai_web.proposals.models import CoHandling, Feedback, Proposal, Reply

KINDS = [(kind.value, kind.label) for kind in ProposalKind]

# Refusals of the services whose code names the form field at fault.
ERROR_FIELDS: Mapping[str, str] = {
    "duplicate_number": "number",
    "due_before_assigned": "due_on",
    "co_due_before_assigned": "co_due_on",
    "lead_also_co_handling": "co_departments",
    "reply_before_assigned": "replied_on",
    "opinion_before_assigned": "opinion_on",
    "feedback_before_reply_date": "received_on",
    "reply_unchanged": "text",
    "reply_text_missing": "text",
}


def _departments(body: Body) -> Any:
    return Department.objects.filter(body=body).order_by("name")


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=KINDS, widget=forms.RadioSelect)
    session = column_field(Proposal, "session")
    number = column_field(Proposal, "number")
    title = column_field(Proposal, "title")
    proposer = column_field(Proposal, "proposer")
    assigned_on = column_field(Proposal, "assigned_on", widget=DateInput())
    due_on = column_field(
        Proposal, "due_on", widget=DateInput(), required=False, help_text="不填则为交办之日起三个月"
    )
    lead_department = forms.ModelChoiceField(label="主办股室", queryset=Department.objects.none())
    co_departments = forms.ModelMultipleChoiceField(
        label="协办股室",
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_due_on = column_field(
        CoHandling, "due_on", widget=DateInput(), required=False, help_text="不填则为交办之日起一个月"
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_department"].queryset = _departments(body)  # type: ignore[attr-defined]
        self.fields["co_departments"].queryset = _departments(body)  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="文件所列", choices=KINDS, widget=forms.RadioSelect)
    file = forms.FileField(label="文件（.xlsx 或 .csv）")


class OpinionForm(forms.Form):
    opinion = column_field(CoHandling, "opinion", required=True)
    opinion_on = column_field(CoHandling, "opinion_on", widget=DateInput(), required=True)


class ReplyForm(forms.Form):
    text = column_field(Reply, "text")
    replied_on = column_field(Reply, "replied_on", widget=DateInput())
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=[(outcome.code, outcome.display) for outcome in REPLY_OUTCOMES],
        widget=forms.RadioSelect,
    )


class RevisionForm(forms.Form):
    text = column_field(Reply, "text", label="修改后的答复内容")


class FeedbackForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label="代表、委员意见", choices=[(s.value, s.label) for s in Satisfaction], widget=forms.RadioSelect
    )
    received_on = column_field(Feedback, "received_on", widget=DateInput())
    note = column_field(Feedback, "note")


class FilterForm(forms.Form):
    """The list's filters (GET): all optional; a bad value is ignored as the form reports it."""

    kind = forms.ChoiceField(label="类别", choices=[("", "全部"), *KINDS], required=False)
    department = forms.ModelChoiceField(label="股室", queryset=Department.objects.none(), required=False)
    status = forms.ChoiceField(
        label="办理状态",
        choices=[("", "全部"), *((s.value, s.label) for s in HandlingStatus)],
        required=False,
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments(body)  # type: ignore[attr-defined]
        self.fields["department"].empty_label = "全部"  # type: ignore[attr-defined]
