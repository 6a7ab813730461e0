"""Forms of the oversight pages: they check the shape of the input; the services decide the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from gongkai_web.bodies.models import Body
from gongkai_web.formfields import DateInput

MAX_URL_LIST_BYTES = 256 * 1024
FIRST_YEAR = 2008  # 《政府信息公开条例》（2007）took effect on 2008-05-01: the first report year


class HierarchyForm(forms.Form):
    file = forms.FileField(
        label="机关名录文件",
        help_text="CSV（UTF-8 或 GBK 编码）或 XLSX 工作簿，"
        "第一行为表头：机关名称、层级、上级机关、机关类别（选填）",
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>`` (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    reports = MultipleFileField(
        label="年度报告文件",
        required=False,
        help_text="可一次选择多个文件（网页、Word、PDF、文本、Markdown），或一个 ZIP 压缩包",
    )
    urls = forms.CharField(
        label="网址",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="报告在网上时填写网址，每行一个（http:// 或 https://），由系统在后台获取",
    )
    url_list = forms.FileField(
        label="网址列表文件",
        required=False,
        help_text="或上传每行一个网址的 .txt / .csv 文件（UTF-8 或 GBK 编码，CSV 取第一列）",
    )
    year = forms.IntegerField(label="报告年度", min_value=FIRST_YEAR, help_text="报告中读不出年度时按此年度")
    body = forms.ModelChoiceField(
        label="机关",
        queryset=Body.objects.none(),
        required=False,
        empty_label="按报告标题或文件名中的机关名称确定",
        help_text="全部文件都是同一机关的报告时选择",
    )

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]

    def clean_reports(self) -> list[UploadedFile]:
        return [file for file in self.cleaned_data["reports"] if file]

    def clean_url_list(self) -> str:
        """The text of the uploaded list of URLs ('' when none)."""
        file = self.cleaned_data["url_list"]
        if not file:
            return ""
        if file.size > MAX_URL_LIST_BYTES:
            raise forms.ValidationError(
                f"网址列表文件超过 {MAX_URL_LIST_BYTES // 1024} KB", code="url_list_too_large"
            )
        data = file.read()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return str(data.decode(encoding))
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(
            "网址列表文件的编码无法识别（应为 UTF-8 或 GBK）", code="url_list_encoding"
        )


class AssignForm(forms.Form):
    body = forms.ModelChoiceField(
        label="机关", queryset=Body.objects.none(), required=False, empty_label="（未确定）"
    )
    published_on = forms.DateField(label="发布日期", required=False, widget=DateInput())

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
