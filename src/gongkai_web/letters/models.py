"""Letters of a case, the templates they are filled from, and each body's letter settings.

A template an administrator saves overrides the core's default (`gongkai.letters.DEFAULT_TEMPLATES`)
for one body, or for every body when it names none; nothing is seeded, so a deployment that edits
nothing prints the core's wording, and a change of the core's wording reaches every unedited kind.
A generated letter is part of the case's record: append-only, with the text as printed and both
files, numbered per body and year.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from gongkai.letters import KINDS, LetterKind, Template, TemplateError, check_template, letter_kind
from gongkai_web.appendonly import AppendOnlyModel
from gongkai_web.applications.models import Application, ApplicationEvent
from gongkai_web.bodies.models import Body

KIND_CHOICES = [(kind.id, kind.label) for kind in KINDS]
KIND_IDS = [kind.id for kind in KINDS]
APPLICANT_KIND_IDS = [kind.id for kind in KINDS if kind.to_applicant]
NUMBER_BRACKETS = "〔〕"  # GB/T 9704-2012 7.2.3: the year of a 发文字号 stands in 六角括号


class LetterSettings(models.Model):
    """What a body's letters say beyond the template: its 发文字号 prefix and the remedies' bodies."""

    body = models.OneToOneField(
        Body, verbose_name="机关", on_delete=models.CASCADE, related_name="letter_settings"
    )
    number_prefix = models.CharField(
        "发文字号的机关代字",
        max_length=40,
        blank=True,
        help_text="如“某府依申”，生成“某府依申〔2025〕3号”；不填则用“机关名称依申请公开”",
    )
    review_body = models.CharField(
        "行政复议机关",
        max_length=100,
        blank=True,
        help_text="不填：上级机关为人民政府的，写该人民政府（行政复议法第二十四条）；否则写“有管辖权的行政复议机关”。"
        "实行垂直领导的机关请填写上一级主管部门",
    )
    court = models.CharField(
        "管辖行政诉讼的人民法院", max_length=100, blank=True, help_text="不填则写“有管辖权的人民法院”"
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    edited_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "告知书设置"
        verbose_name_plural = "告知书设置"

    def __str__(self) -> str:
        return f"{self.body.name}的告知书设置"

    def clean(self) -> None:
        if any(bracket in self.number_prefix for bracket in NUMBER_BRACKETS):
            raise ValidationError(
                {"number_prefix": "机关代字不含年份，请不要填写“〔〕”"}, code="number_prefix_with_year"
            )


class LetterTemplate(models.Model):
    """An administrator's version of a kind's template, for one body or (without a body) for all."""

    kind = models.CharField("文书种类", max_length=64, choices=KIND_CHOICES)
    body = models.ForeignKey(
        Body,
        verbose_name="机关",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="letter_templates",
        help_text="不选则用于所有未单独设置的机关",
    )
    title = models.CharField("标题", max_length=60)
    addressee = models.CharField("主送", max_length=60)
    text = models.TextField("正文", help_text="每行为一段；占位符写作 {申请人}，正文中的花括号写作 {{ 和 }}")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    edited_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "告知书模板"
        verbose_name_plural = "告知书模板"
        ordering = ["kind", "body__name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "body"], name="letter_template_once_per_body"),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(body__isnull=True), name="letter_template_once_for_all"
            ),
            models.CheckConstraint(condition=Q(kind__in=KIND_IDS), name="letter_template_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.letter_kind.label}（{self.body.name if self.body else '所有机关'}）"

    @property
    def letter_kind(self) -> LetterKind:
        return letter_kind(self.kind)

    @property
    def template(self) -> Template:
        return Template(self.title, self.addressee, self.text)

    def clean(self) -> None:
        """The core checks the texts: vocabulary, braces, what the kind must state."""
        if self.kind not in KIND_IDS:
            return  # the field's own choices validation reports it
        try:
            check_template(self.letter_kind, self.template)
        except TemplateError as error:
            fields: dict[str, list[ValidationError]] = {}
            for problem in error.problems:
                fields.setdefault(problem.field, []).append(
                    ValidationError(problem.message, code=problem.code)
                )
            raise ValidationError(fields) from error


class LetterSequence(models.Model):
    """The last 发文字号 sequence number a body used in a year; locked while a letter takes the next."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "发文字号序号"
        verbose_name_plural = "发文字号序号"
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="letter_sequence_once_a_year")]

    def __str__(self) -> str:
        return f"{self.body_id} {self.year}: {self.last}"


def letter_path(letter: Letter, filename: str) -> str:
    """A random name under letters/, keeping the extension the service gives."""
    extension = filename.rsplit(".", 1)[-1]
    return f"letters/{secrets.token_hex(16)}.{extension}"


class Letter(AppendOnlyModel):
    """A letter as generated: its number, the text as printed and both files (issue 4, item 5)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="letters"
    )
    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书种类", max_length=64, choices=KIND_CHOICES)
    event = models.ForeignKey(
        ApplicationEvent,
        verbose_name="对应办理事项",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
    )
    year = models.PositiveSmallIntegerField("年份")
    sequence = models.PositiveIntegerField("序号")
    number = models.CharField("发文字号", max_length=80)
    title = models.CharField("标题", max_length=100)
    addressee = models.CharField("主送", max_length=200)
    text = models.TextField("文书全文")
    dated = models.DateField("成文日期")
    docx = models.FileField("Word 文件", upload_to=letter_path, max_length=200)
    pdf = models.FileField("PDF 文件", upload_to=letter_path, max_length=200)
    docx_sha256 = models.CharField("Word 文件 SHA-256", max_length=64)
    pdf_sha256 = models.CharField("PDF 文件 SHA-256", max_length=64)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="生成人", on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "sequence"], name="letter_number_unique"),
            models.CheckConstraint(condition=Q(kind__in=KIND_IDS), name="letter_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）"

    @property
    def letter_kind(self) -> LetterKind:
        return letter_kind(self.kind)

    @property
    def to_applicant(self) -> bool:
        return self.letter_kind.to_applicant
