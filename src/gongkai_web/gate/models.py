"""A body's publication rules (政务公开负面清单, published contacts) and the record of every 保密审查.

Both are append-only: a change of the rules is a new version (the latest is in force, the earlier
ones say what was in force when an older review was made), and a review, once recorded, stays as
it was. A review record holds the verdict and the hits as masked data only (code, offsets, the
masked hit and a masked excerpt) and a SHA-256 of the text: never the text, never raw personal data.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.screening import Verdict
from gongkai_web.appendonly import AppendOnlyModel
from gongkai_web.bodies.models import Body

VERDICT_CHOICES = [(verdict.value, verdict.label) for verdict in Verdict]


class GateRules(AppendOnlyModel):
    """One version of a body's 负面清单 and of the contacts it publishes beyond its guide."""

    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.PROTECT, related_name="gate_rules")
    negative_terms = models.JSONField("政务公开负面清单", default=list, blank=True)
    allowed_contacts = models.JSONField("其他公开的电话和邮箱", default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField("修改时间", default=timezone.now)

    class Meta:
        verbose_name = "公开审查规则"
        verbose_name_plural = "公开审查规则"
        ordering = ["body", "-pk"]

    def __str__(self) -> str:
        return f"{self.body.name} 公开审查规则（{self.changed_at:%Y-%m-%d %H:%M}）"


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", "准予公开"
    BLOCKED = "blocked", "不得公开"


class PublicationReview(AppendOnlyModel):
    """One 保密审查 of a text about to be published as ``subject`` (any model: content kind + id)."""

    body = models.ForeignKey(
        Body, verbose_name="机关", on_delete=models.PROTECT, related_name="publication_reviews"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name="内容类别", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("内容编号")
    subject = GenericForeignKey("content_type", "object_id")
    text_sha256 = models.CharField("审查文本的 SHA-256", max_length=64)
    text_length = models.PositiveIntegerField("审查文本字数")
    verdict = models.CharField("自动扫描结论", max_length=16, choices=VERDICT_CHOICES)
    outcome = models.CharField("审查结果", max_length=16, choices=ReviewOutcome.choices)
    hits = models.JSONField("命中（已遮盖）", default=list, blank=True)
    confirmation = models.CharField("人工复核意见", max_length=500, blank=True)
    rules = models.ForeignKey(
        GateRules,
        verbose_name="适用的审查规则",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("审查时间", default=timezone.now)

    class Meta:
        verbose_name = "保密审查记录"
        verbose_name_plural = "保密审查记录"
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="review_subject"),
            models.Index(fields=["body", "-at"], name="review_body_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict__in=[verdict.value for verdict in Verdict]), name="review_verdict_known"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=ReviewOutcome.values), name="review_outcome_known"
            ),
            # Blocked content is never approved; flagged content only with a person's reason.
            models.CheckConstraint(
                condition=~Q(verdict=Verdict.BLOCKED.value, outcome=ReviewOutcome.APPROVED),
                name="review_blocked_never_approved",
            ),
            models.CheckConstraint(
                condition=~Q(verdict=Verdict.FLAGGED.value, outcome=ReviewOutcome.APPROVED, confirmation=""),
                name="review_flagged_approved_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.name} {self.object_id} {self.get_outcome_display()}"

    @property
    def approved(self) -> bool:
        return self.outcome == ReviewOutcome.APPROVED
