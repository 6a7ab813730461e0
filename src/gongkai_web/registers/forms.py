"""Forms of the register pages: they check the shape of the input; the services decide the rest."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms

from gongkai.proactive import DocumentKind, FigureItem
from gongkai_web.formfields import DateInput, column_field
from gongkai_web.registers.models import AMOUNT_DIGITS, Document

MONTHS = range(1, 13)

# Refusals of the services whose code names the form field at fault.
ERROR_FIELDS: Mapping[str, str] = {
    "repealed_before_issued": "repealed_on",
    "already_repealed": "repealed_on",
    "title_missing": "title",
    "number_too_long": "number",
    "duplicate_number": "number",
}


class DocumentForm(forms.Form):
    kind = column_field(Document, "kind", widget=forms.RadioSelect)
    title = column_field(Document, "title")
    number = column_field(Document, "number", help_text="如：某政规〔2025〕1号")
    issued_on = column_field(Document, "issued_on", widget=DateInput())
    repealed_on = column_field(Document, "repealed_on", widget=DateInput(), help_text="尚未废止的不填")
    note = column_field(Document, "note")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in DocumentKind]  # type: ignore[attr-defined]

    @classmethod
    def of(cls, document: Document) -> DocumentForm:
        return cls(
            initial={
                "kind": document.kind, "title": document.title, "number": document.number,
                "issued_on": document.issued_on, "repealed_on": document.repealed_on, "note": document.note,
            }
        )  # fmt: skip


class RepealForm(forms.Form):
    repealed_on = column_field(Document, "repealed_on", widget=DateInput(), required=True)


def figure_key(month: int, item: FigureItem) -> str:
    return f"{item.value}-{month}"


class FiguresForm(forms.Form):
    """The year's grid: one field per month and item, blank for a month not entered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in FigureItem:
            for month in MONTHS:
                label = f"{month}月{item.label}（{item.unit_label}）"
                self.fields[figure_key(month, item)] = (
                    forms.DecimalField(
                        label=label, required=False, min_value=Decimal(0), max_digits=AMOUNT_DIGITS,
                        decimal_places=2,
                    )
                    if item.is_money
                    else forms.IntegerField(label=label, required=False, min_value=0)
                )  # fmt: skip

    def values(self) -> dict[tuple[int, FigureItem], int | Decimal | None]:
        return {
            (month, item): self.cleaned_data[figure_key(month, item)]
            for item in FigureItem
            for month in MONTHS
        }

    def rows(self) -> list[tuple[FigureItem, list[forms.BoundField]]]:
        """The grid as the page lays it out: one row per item, one field per month."""
        return [(item, [self[figure_key(month, item)] for month in MONTHS]) for item in FigureItem]


DOCUMENTS = "documents"
FIGURES = "figures"
IMPORT_KINDS = [
    (DOCUMENTS, "和".join(kind.label for kind in DocumentKind)),
    (FIGURES, f"月度数据（{'、'.join(item.label for item in FigureItem)}）"),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label="导入内容", choices=IMPORT_KINDS, widget=forms.RadioSelect)
    file = forms.FileField(label="文件", help_text="CSV（UTF-8 或 GBK 编码）或 XLSX 工作簿，不超过 2 MB")
