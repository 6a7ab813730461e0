"""The builder's form: the texts of the six sections and the section 二 grid of the year's format."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from gongkai.formats import SECTIONS, ColumnSpec, MoneyUnit, ReportFormat, RowSpec, ValueKind
from gongkai_web.gate.forms import ConfirmationForm
from gongkai_web.reports.sources import UNIT_SUFFIX

TEXT_LIMIT = 20_000  # characters per section: a long report's section 一 has about 3,000
MONEY_PLACES = 4  # 2021 二（八） in 万元 "保留4位小数" (spec §1.2)


def text_field(number: str) -> str:
    return f"text_{number}"


def cell_field(row: RowSpec, column: ColumnSpec) -> str:
    return f"cell__{row.id}__{column.id}"


def unit_field(row: RowSpec, column: ColumnSpec) -> str:
    return cell_field(row, column) + UNIT_SUFFIX


class BuilderForm(forms.Form):
    """Texts (with tokens) and the section 二 figures; a blank figure is allowed while drafting."""

    def __init__(self, report_format: ReportFormat, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report_format = report_format
        for section in SECTIONS:
            self.fields[text_field(section.number)] = forms.CharField(
                label=section.title,
                required=False,
                max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
        for row in report_format.proactive.rows:
            for column in row.columns:
                self.fields[cell_field(row, column)] = _figure_field(row, column)
                if column.kind is ValueKind.MONEY and column.unit is None:
                    self.fields[unit_field(row, column)] = forms.ChoiceField(
                        label=f"{row.label.text}·{column.title}的单位",
                        choices=[(unit.value, unit.value) for unit in MoneyUnit],
                        required=False,
                    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for row in self.report_format.proactive.rows:
            for column in row.columns:
                if column.kind is not ValueKind.MONEY or column.unit is not None:
                    continue
                value, unit = cleaned.get(cell_field(row, column)), cleaned.get(unit_field(row, column))
                if value is not None and not unit:
                    self.add_error(
                        unit_field(row, column),
                        ValidationError(
                            f"请选择{row.label.text}·{column.title}的单位（元或万元）", code="unit_missing"
                        ),
                    )
        return cleaned

    def texts(self) -> dict[str, str]:
        return {section.number: self.cleaned_data[text_field(section.number)] for section in SECTIONS}

    def grid(self) -> dict[str, dict[str, str]]:
        """The figures as stored: exact decimal text, blank cells left out."""
        grid: dict[str, dict[str, str]] = {}
        for row in self.report_format.proactive.rows:
            for column in row.columns:
                value = self.cleaned_data.get(cell_field(row, column))
                if value is None:
                    continue
                stored = grid.setdefault(row.id, {})
                stored[column.id] = format(value, "f") if isinstance(value, Decimal) else str(value)
                if column.kind is ValueKind.MONEY and column.unit is None:
                    stored[column.id + UNIT_SUFFIX] = self.cleaned_data[unit_field(row, column)]
        return grid


def initial(report_format: ReportFormat, texts: dict[str, str], grid: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {text_field(number): text for number, text in texts.items()}
    for row in report_format.proactive.rows:
        for column in row.columns:
            entered = grid.get(row.id) or {}
            if column.id in entered:
                data[cell_field(row, column)] = entered[column.id]
            if column.id + UNIT_SUFFIX in entered:
                data[unit_field(row, column)] = entered[column.id + UNIT_SUFFIX]
    return data


def _figure_field(row: RowSpec, column: ColumnSpec) -> forms.Field:
    label = f"{row.label.text}·{column.title}"
    match column.kind:
        case ValueKind.COUNT:
            return forms.IntegerField(
                label=label, required=False, min_value=0, error_messages={"invalid": "请填写非负整数"}
            )
        case ValueKind.SIGNED_COUNT:
            return forms.IntegerField(
                label=label, required=False, error_messages={"invalid": "请填写整数（减少写负数）"}
            )
        case ValueKind.MONEY:
            return forms.DecimalField(
                label=label,
                required=False,
                min_value=Decimal(0),
                decimal_places=MONEY_PLACES,
                error_messages={"invalid": "请填写金额（数字，最多4位小数）"},
            )
    raise ValueError(column.kind)


class PublishForm(ConfirmationForm):
    """Publication: the reasons a new version or a report with errors needs, and the 保密审查's
    复核意见 (`confirmation`, asked for once the scan flags something)."""

    change_reason = forms.CharField(
        label="修改原因（发布新版本时必填，将作为“更正说明”随新版本公开，并印在各格式的文件中）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    override_reason = forms.CharField(
        label="存在错误仍发布的理由（核查发现错误时必填，将记录在案）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BaselineForm(forms.Form):
    file = forms.FileField(label="上年度已公开的年度报告文件（PDF、Word（.docx）、网页或文本）")
