"""Forms of the oversight pages: they check the shape of the input; the services decide the rest."""

from __future__ import annotations

from django import forms


class HierarchyForm(forms.Form):
    file = forms.FileField(
        label="机关名录文件",
        help_text="CSV（UTF-8 或 GBK 编码）或 XLSX 工作簿，"
        "第一行为表头：机关名称、层级、上级机关、机关类别（选填）",
    )
