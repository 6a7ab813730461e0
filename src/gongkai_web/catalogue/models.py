"""The catalogue's items, the record of every review decision, attachments, and a body's guide settings."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.catalogue import CATEGORIES, REVIEW_NAMES, REVIEW_STAGES, Stage, Step
from gongkai_web.appendonly import AppendOnlyModel
from gongkai_web.bodies.models import Body

CATEGORY_CHOICES = [(category.id, category.label) for category in CATEGORIES]
STAGE_CHOICES = [(stage.value, stage.label) for stage in Stage]
STEP_CHOICES = [(step.value, step.label) for step in Step]


class CatalogueItem(models.Model):
    """One piece of proactively disclosed information, from its draft to its publication (or withdrawal).

    ``publish_by`` is the 第二十六条 day computed from ``created_on`` (for a change, ``changed_on``)
    on the stored work calendar (`services.refresh_due_dates` follows calendar changes); ``round``
    counts submissions, so the reviews of one round can be told from those of an earlier, returned one.

    A change (变更) of a published item is a row of its own, ``revises`` pointing at the first
    revision (the item the public address names) and ``revision`` numbering it (the first is 1);
    it shares the first revision's 索引号 and passes the same review (`services.start_revision`).
    """

    body = models.ForeignKey(
        Body, verbose_name="机关", on_delete=models.PROTECT, related_name="catalogue_items"
    )
    index_number = models.CharField("索引号", max_length=60)
    title = models.CharField("标题", max_length=200)
    issuer = models.CharField("发布机构", max_length=100)
    document_number = models.CharField("文号", max_length=100, blank=True)
    created_on = models.DateField("成文日期")
    published_on = models.DateField("发布日期", null=True, blank=True)
    publish_by = models.DateField("应发布日期")
    publish_by_provisional = models.BooleanField("应发布日期为暂定", default=False)
    category = models.CharField("类别", max_length=64, choices=CATEGORY_CHOICES)
    text = models.TextField("正文")
    stage = models.CharField("状态", max_length=16, choices=STAGE_CHOICES, default=Stage.DRAFT.value)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="起草人", on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveIntegerField("提交轮次", default=0)
    revises = models.ForeignKey(
        "self",
        verbose_name="所变更的信息",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
    )
    revision = models.PositiveIntegerField("版本", default=1)
    changed_on = models.DateField("变更日期", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ["-created_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "index_number"],
                condition=Q(revises__isnull=True),
                name="catalogue_index_number_unique_in_body",
            ),
            models.UniqueConstraint(fields=["revises", "revision"], name="catalogue_revision_number_unique"),
            models.UniqueConstraint(
                fields=["revises"],
                condition=Q(stage__in=[Stage.DRAFT.value, *(s.value for s in REVIEW_STAGES)]),
                name="catalogue_one_open_revision",
            ),
            models.CheckConstraint(
                condition=Q(revises__isnull=True, revision=1, changed_on__isnull=True)
                | Q(revises__isnull=False, revision__gte=2, changed_on__isnull=False),
                name="catalogue_revision_numbered_and_dated",
            ),
            models.CheckConstraint(
                condition=Q(stage__in=[s.value for s in Stage]), name="catalogue_stage_known"
            ),
            models.CheckConstraint(
                condition=Q(category__in=[c.id for c in CATEGORIES]), name="catalogue_category_known"
            ),
        ]
        indexes = [
            models.Index(fields=["body", "stage", "-published_on"], name="catalogue_public_list"),
        ]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"

    @property
    def stage_enum(self) -> Stage:
        return Stage(self.stage)

    def publication_text(self) -> str:
        """What the public page shows of the item, as the 保密审查 reads it before 终审 publishes it.

        The title, issuer, 文号, text and the names of the attachments; the attachments' contents
        are scanned beside it (`attachment_files`, `services.attachment_texts`), see docs/gate.md.
        """
        names = [attachment.original_name for attachment in self.attachments.order_by("pk")]
        parts = [self.title, self.issuer, self.document_number, self.text, *names]
        return "\n\n".join(part for part in parts if part)

    def attachment_files(self) -> list[tuple[str, str]]:
        """(name, SHA-256) of each attachment, in order: what the gate's review digest covers."""
        return list(self.attachments.order_by("pk").values_list("original_name", "sha256"))

    @property
    def first_revision_id(self) -> int:
        """The item the public address names: the first revision of this one (itself if it is it)."""
        return self.revises_id if self.revises_id is not None else self.pk


class ReviewRecord(AppendOnlyModel):
    """A step of the review, written once: who submitted, approved, returned or withdrew, when and why."""

    item = models.ForeignKey(
        CatalogueItem, verbose_name="信息", on_delete=models.PROTECT, related_name="records"
    )
    round = models.PositiveIntegerField("提交轮次")
    stage = models.CharField("所处环节", max_length=16, choices=STAGE_CHOICES)
    step = models.CharField("操作", max_length=16, choices=STEP_CHOICES)
    reason = models.TextField("理由", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.item.index_number} {self.describe()}"

    def describe(self) -> str:
        step = Step(self.step)
        review = REVIEW_NAMES.get(Stage(self.stage))
        if review is not None:
            return f"{review}：{step.label}"
        return step.label


def attachment_path(attachment: CatalogueAttachment, filename: str) -> str:
    """Stored under a random name; the uploader's file name is kept in the row, never used as a path."""
    return f"catalogue/{secrets.token_hex(16)}"


class CatalogueAttachment(models.Model):
    """A file published with an item, checked as the portal checks applicants' files."""

    item = models.ForeignKey(
        CatalogueItem, verbose_name="信息", on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class GuideSettings(models.Model):
    """What the 政府信息公开指南 says beyond `portal.HelpDesk` (phone, address, hours), and the 索引号 prefix.

    条例 第十二条: the guide gives the office's name, address, hours, phone, fax and internet contact.
    """

    body = models.OneToOneField(
        Body, verbose_name="机关", on_delete=models.CASCADE, primary_key=True, related_name="guide_settings"
    )
    office_name = models.CharField("政府信息公开工作机构名称", max_length=100, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("门户网站", blank=True)
    index_prefix = models.CharField(
        "索引号前缀",
        max_length=30,
        blank=True,
        help_text="通常为机关的统一社会信用代码；留空时使用系统编号",
    )

    class Meta:
        verbose_name = "政府信息公开指南设置"
        verbose_name_plural = "政府信息公开指南设置"

    def __str__(self) -> str:
        return f"{self.body.name} 政府信息公开指南"
