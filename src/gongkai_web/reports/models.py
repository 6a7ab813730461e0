"""The annual report of a body: its draft, the previous year's baseline, and its published versions.

A draft holds only what an officer writes — the narrative texts (with tokens for figures) and the
section 二 grid; sections 三 and 四 are counted from the cases every time the report is composed.
A published version is append-only: a change after publication is a new version with its reason,
and every earlier version stays reachable at its own address.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai_web.appendonly import AppendOnlyModel
from gongkai_web.bodies.models import Body


class ReportDraft(models.Model):
    """What the office has written for ``body``'s report on ``year`` (the statistics year)."""

    body = models.ForeignKey(
        Body, verbose_name="机关", on_delete=models.PROTECT, related_name="report_drafts"
    )
    year = models.PositiveIntegerField("报告年度")
    # Section number (一 … 六) → text as written, figures as tokens ({{applications.new_received.total}}).
    texts = models.JSONField("正文", default=dict, blank=True)
    # Section 二 as entered: row id → {column id → exact decimal text}; money columns without a fixed
    # unit add "<column>_unit" (元 or 万元).
    proactive = models.JSONField("主动公开情况", default=dict, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "年度报告草稿"
        verbose_name_plural = "年度报告草稿"
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="report_draft_once_per_year")]

    def __str__(self) -> str:
        return f"{self.body.name}{self.year}年年度报告草稿"


class Baseline(models.Model):
    """A body's report for a year before it used gongkai, read from the published file.

    It stands in for the previous year's published version, so that the checks comparing two
    years (C6 上年结转, C8 现行有效件数, C10 上一年项目数量) and the carried-over figures continue.
    """

    body = models.ForeignKey(
        Body, verbose_name="机关", on_delete=models.PROTECT, related_name="report_baselines"
    )
    year = models.PositiveIntegerField("报告年度")
    report_json = models.TextField("报告（规范 JSON）")
    findings = models.JSONField("读取和核查结果", default=list)
    file_name = models.CharField("文件名", max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "上年度报告（导入）"
        verbose_name_plural = "上年度报告（导入）"
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="report_baseline_once_per_year")]

    def __str__(self) -> str:
        return f"{self.body.name}{self.year}年年度报告（导入）"


class PublishedVersion(AppendOnlyModel):
    """One published version of a report: v1, v2 … each with its date and, after v1, the reason."""

    body = models.ForeignKey(
        Body, verbose_name="机关", on_delete=models.PROTECT, related_name="report_versions"
    )
    year = models.PositiveIntegerField("报告年度")
    number = models.PositiveIntegerField("版本号")
    published_on = models.DateField("发布日期")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发布人", on_delete=models.PROTECT, related_name="+"
    )
    change_reason = models.TextField("修改原因", blank=True)
    override_reason = models.TextField("存在错误仍发布的理由", blank=True)
    report_json = models.TextField("报告（规范 JSON）")
    findings = models.JSONField("发布时的核查结果", default=list)

    class Meta:
        verbose_name = "年度报告发布版本"
        verbose_name_plural = "年度报告发布版本"
        ordering = ["body_id", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="report_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="report_version_number_positive"),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(change_reason=""), name="report_version_change_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.name}{self.year}年年度报告 第{self.number}版"


class PublishedFile(AppendOnlyModel):
    """A published version written out in one format, kept as published (never rendered again)."""

    version = models.ForeignKey(
        PublishedVersion, verbose_name="版本", on_delete=models.PROTECT, related_name="files"
    )
    kind = models.CharField("格式", max_length=8)
    content = models.BinaryField("内容")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = "年度报告发布文件"
        verbose_name_plural = "年度报告发布文件"
        constraints = [models.UniqueConstraint(fields=["version", "kind"], name="report_file_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.version} {self.kind}"


class ReminderDelivery(models.Model):
    """The reminder ``days`` before the deadline of ``body``'s report on ``year`` went to ``user``."""

    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField("报告年度")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="收件人", on_delete=models.CASCADE, related_name="+"
    )
    days = models.PositiveIntegerField("提前天数")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度报告提醒发送记录"
        verbose_name_plural = "年度报告提醒发送记录"
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "user", "days"], name="report_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.body.name}{self.year} {self.user}"
