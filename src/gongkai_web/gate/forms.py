"""The rules form (one term or contact per line), the trial scan, and a reviewer's confirmation."""

from __future__ import annotations

from django import forms

from gongkai_web.gate.models import GateRules
from gongkai_web.gate.services import CONFIRMATION_MAX

TEXT_MAX = 20000  # characters a trial scan accepts


def lines(text: str) -> list[str]:
    return text.splitlines()


class RulesForm(forms.Form):
    negative_terms = forms.CharField(
        label="政务公开负面清单",
        required=False,
        max_length=30000,
        help_text="每行一项。公开的内容中出现清单所列词语时不得公开（全角半角、大小写不敏感）。",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    allowed_contacts = forms.CharField(
        label="其他公开的电话和邮箱",
        required=False,
        max_length=10000,
        help_text="每行一个。本机关公开的电话、邮箱出现在公开内容中不作为个人信息；指南中已有的不必重复填写。",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    @classmethod
    def for_rules(cls, rules: GateRules | None) -> RulesForm:
        if rules is None:
            return cls()
        return cls(
            initial={
                "negative_terms": "\n".join(rules.negative_terms),
                "allowed_contacts": "\n".join(rules.allowed_contacts),
            }
        )


class TrialForm(forms.Form):
    text = forms.CharField(
        label="要检查的文字",
        max_length=TEXT_MAX,
        help_text="按本机关现行规则检查，不作记录。",
        error_messages={"required": "请粘贴要检查的文字"},
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class ConfirmationForm(forms.Form):
    """A reviewer's reason for publishing flagged content (optional until the scan flags something)."""

    confirmation = forms.CharField(
        label="复核意见",
        required=False,
        max_length=CONFIRMATION_MAX,
        help_text="自动扫描提示需人工复核时必填：逐条说明为什么可以公开，例如“该号码为本机关公开的值班电话”。",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
