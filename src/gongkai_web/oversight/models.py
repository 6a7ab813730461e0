"""Oversight of the annual reports of the bodies below a supervising office (监督检查).

A county or city 政务公开办 receives the annual reports of every body below it each January and
finds the broken ones before they are published. `Supervision` says whose reports a user sees: the
body named and every body below it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.annual.model import format_label
from gongkai_web.bodies.models import Body


class Supervision(models.Model):
    """``user`` supervises the reports of ``body`` and of every body below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="supervisions"
    )
    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.PROTECT, related_name="supervisions")

    class Meta:
        verbose_name = "监督范围"
        verbose_name_plural = "监督范围"
        constraints = [models.UniqueConstraint(fields=["user", "body"], name="supervision_once_per_body")]

    def __str__(self) -> str:
        return f"{self.user} · {self.body.name}及下级机关"


class Document(models.Model):
    """A received file's content, stored once per SHA-256: the same bytes uploaded again are found here."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    content = models.BinaryField("内容")
    size = models.PositiveBigIntegerField("大小（字节）")
    stored_at = models.DateTimeField("收到时间", auto_now_add=True)

    class Meta:
        verbose_name = "收到的文件"
        verbose_name_plural = "收到的文件"

    def __str__(self) -> str:
        return self.sha256[:12]


# The reader kinds (`gongkai.annual.parse.READERS`) as a supervisor names them.
KIND_LABELS = {"text": "文本", "markdown": "Markdown", "html": "网页", "docx": "Word", "pdf": "PDF"}


class Reading(models.Model):
    """One reading of a document (a version): what the reader and the checks of one gongkai version
    made of it, kept as read. A later gongkai reads the document again into the next version."""

    document = models.ForeignKey(
        Document, verbose_name="文件", on_delete=models.CASCADE, related_name="readings"
    )
    number = models.PositiveIntegerField("版本号")
    reader_version = models.CharField("读取程序版本", max_length=20)
    read_at = models.DateTimeField("读取时间", auto_now_add=True)
    kind = models.CharField("文件类型", max_length=16, blank=True)
    layout = models.CharField("版式", max_length=200, blank=True)
    report_format = models.CharField("报告格式", max_length=8, blank=True)
    year = models.PositiveIntegerField("报告年度", null=True, blank=True)
    agency = models.CharField("标题中的机关名称", max_length=200, blank=True)
    report_json = models.TextField("报告（规范 JSON）", blank=True)
    findings = models.JSONField("读取和核查结果", default=list, blank=True)
    provenance = models.JSONField("数值在原文中的位置", default=dict, blank=True)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    notes = models.PositiveIntegerField("提示", default=0)
    error_code = models.CharField("无法读取的原因代码", max_length=64, blank=True)
    error_message = models.TextField("无法读取的原因", blank=True)

    class Meta:
        verbose_name = "读取结果"
        verbose_name_plural = "读取结果"
        ordering = ["document_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="reading_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document} 第{self.number}版"

    @property
    def failed(self) -> bool:
        return bool(self.error_code)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def format_label(self) -> str:
        return format_label(self.report_format) if self.report_format else ""


class Batch(models.Model):
    """One upload: many files, or the files of one ZIP archive."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    name = models.CharField("名称", max_length=200)
    year = models.PositiveIntegerField("报告年度")
    body = models.ForeignKey(
        Body,
        verbose_name="上传时选定的机关",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "批次"
        verbose_name_plural = "批次"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class FileStatus(models.TextChoices):
    WAITING = "waiting", "等待读取"
    READING = "reading", "读取中"
    DONE = "done", "已读取"
    FAILED = "failed", "无法读取"


class BodySource(models.TextChoices):
    """How a file came to be the report of its body."""

    CHOSEN = "chosen", "上传时选定"
    TITLE = "title", "按报告标题中的机关名称"
    FILE_NAME = "file_name", "按文件名中的机关名称"
    ASSIGNED = "assigned", "人工指定"


class IntakeFile(models.Model):
    """One file of a batch: its content, its reading, and the body and year it is the report of."""

    batch = models.ForeignKey(Batch, verbose_name="批次", on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField("序号")
    name = models.CharField("文件名", max_length=255)
    url = models.CharField("网址", max_length=2000, blank=True)  # a file fetched by the background task
    content_type = models.CharField("内容类型（服务器所报）", max_length=200, blank=True)
    document = models.ForeignKey(
        Document,
        verbose_name="内容",
        on_delete=models.PROTECT,
        related_name="files",
        null=True,  # a URL not fetched yet, or that could not be fetched
        blank=True,
    )
    reading = models.ForeignKey(
        Reading,
        verbose_name="读取结果",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="files",
    )
    status = models.CharField("状态", max_length=16, choices=FileStatus.choices, default=FileStatus.WAITING)
    reading_since = models.DateTimeField("开始读取时间", null=True, blank=True)
    reused = models.BooleanField("与先前收到的文件相同（未重新读取）", default=False)
    body = models.ForeignKey(
        Body,
        verbose_name="机关",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_files",
    )
    body_source = models.CharField("机关的确定方式", max_length=16, choices=BodySource.choices, blank=True)
    year = models.PositiveIntegerField("报告年度", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    error_code = models.CharField("无法获取的原因代码", max_length=64, blank=True)
    error_message = models.TextField("无法获取的原因", blank=True)

    class Meta:
        verbose_name = "收到的年度报告"
        verbose_name_plural = "收到的年度报告"
        ordering = ["batch_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="intake_file_position_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=FileStatus.values), name="intake_status_known"
            ),
        ]
        indexes = [models.Index(fields=["body", "year"], name="intake_body_year")]

    def __str__(self) -> str:
        return self.name
