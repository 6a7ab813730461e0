"""The forms of the appeals pages; labels come from the models, results from the core."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import QuerySet

from gongkai.cases import AppealResult
from gongkai_web.appeals.models import RESULT_CHOICES, Review, Suit

_DATE = {"type": "date"}


def _field(model: type[Review] | type[Suit], name: str, **options: Any) -> Any:
    """The model field's form field (its label and length), with ``options`` set on it."""
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    field = model_field.formfield()
    for option, value in options.items():
        setattr(field, option, value)
    if isinstance(field, forms.DateField):
        field.widget = forms.DateInput(attrs=_DATE)
    return field


class ReviewForm(forms.Form):
    authority = _field(Review, "authority", help_text="受理复议申请的机关，例如：某市人民政府")
    case_number = _field(Review, "case_number", help_text="复议机关编的案号，例如：某府复〔2025〕12号")
    filed_on = _field(Review, "filed_on", label="申请复议日期")


class SuitForm(forms.Form):
    court = _field(Suit, "court", help_text="例如：某县人民法院")
    case_number = _field(Suit, "case_number", help_text="法院立案的案号，例如：（2025）某0101行初12号")
    filed_on = _field(Suit, "filed_on", label="起诉日期")
    after_review = forms.ModelChoiceField(
        queryset=Review.objects.none(),
        required=False,
        label="经过的行政复议",
        empty_label="未经复议，直接起诉",
        help_text="复议后起诉的，选择所经过的行政复议",
    )

    def __init__(self, *args: Any, reviews: QuerySet[Review], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["after_review"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = reviews


class ConclusionForm(forms.Form):
    result = forms.ChoiceField(label="审结结果", choices=RESULT_CHOICES, widget=forms.RadioSelect)
    concluded_on = forms.DateField(label="审结日期", widget=forms.DateInput(attrs=_DATE))
    reason = forms.CharField(
        label="更正理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="更正已记录的审结结果时必须填写",
    )

    @property
    def appeal_result(self) -> AppealResult:
        return AppealResult(self.cleaned_data["result"])


class CaseLookupForm(forms.Form):
    number = forms.IntegerField(label="申请编号", min_value=1, max_value=2**63 - 1)
