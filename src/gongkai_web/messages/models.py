"""Public messages (网上留言), a body's answer period, and the append-only log of what was done.

The status, department, answer and publication of a message are written only by `services`, each
step with a line in the message's log (who, when, what). ``due_on`` is the answer period counted
on the stored work calendar from the day of receipt with the period the body had set that day
(``answer_limit``); `services.refresh_due_dates` follows calendar changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from gongkai.messages import (
    CONTACT_MAX,
    DEFAULT_ANSWER_LIMIT,
    REASON_MAX,
    TITLE_MAX,
    MessageKind,
    MessageStatus,
    Publication,
)
from gongkai_web.appendonly import AppendOnlyModel
from gongkai_web.applications.models import Application, new_tracking_code
from gongkai_web.bodies.models import Body, Department

KIND_CHOICES = [(kind.value, kind.label) for kind in MessageKind]
STATUS_CHOICES = [(status.value, status.label) for status in MessageStatus]
PUBLICATION_CHOICES = [(publication.value, publication.label) for publication in Publication]
OPEN_STATUSES = tuple(status.value for status in MessageStatus if status.is_open)


class MessageSettings(models.Model):
    """How many working days the body gives itself to answer a message (its own rule)."""

    body = models.OneToOneField(
        Body, verbose_name="机关", on_delete=models.CASCADE, primary_key=True, related_name="message_settings"
    )
    answer_limit = models.PositiveSmallIntegerField("答复期限（工作日）", default=DEFAULT_ANSWER_LIMIT)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "网上留言设置"
        verbose_name_plural = "网上留言设置"

    def __str__(self) -> str:
        return f"{self.body.name} 网上留言设置"


class Message(models.Model):
    body = models.ForeignKey(
        Body, verbose_name="机关", on_delete=models.PROTECT, related_name="public_messages"
    )
    kind = models.CharField("留言类型", max_length=16, choices=KIND_CHOICES)
    title = models.CharField("标题", max_length=TITLE_MAX)
    text = models.TextField("留言内容")
    contact = models.CharField("联系方式", max_length=CONTACT_MAX)
    consents_to_publication = models.BooleanField("同意公开")
    received_on = models.DateField("收到日期")
    received_at = models.DateTimeField("收到时间", default=timezone.now)
    tracking_code = models.CharField("查询码", max_length=32, unique=True, default=new_tracking_code)
    submission_key = models.CharField("提交标识", max_length=64, unique=True, null=True, blank=True)
    answer_limit = models.PositiveSmallIntegerField("答复期限（工作日）")
    due_on = models.DateField("答复截止日期")
    due_provisional = models.BooleanField("截止日期暂定", default=False)

    status = models.CharField(
        "状态", max_length=16, choices=STATUS_CHOICES, default=MessageStatus.RECEIVED.value
    )
    department = models.ForeignKey(
        Department,
        verbose_name="承办股室",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_messages",
    )
    answer = models.TextField("答复内容", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    publication = models.CharField(
        "公开情况", max_length=16, choices=PUBLICATION_CHOICES, default=Publication.PENDING.value
    )
    publication_reason = models.CharField("不宜公开的理由", max_length=REASON_MAX, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    application = models.OneToOneField(
        Application,
        verbose_name="转成的政府信息公开申请",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_message",
    )
    referral = models.CharField("转办说明", max_length=REASON_MAX, blank=True)

    class Meta:
        verbose_name = "网上留言"
        verbose_name_plural = "网上留言"
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in MessageKind]), name="message_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in MessageStatus]),
                name="message_status_known",
            ),
            models.CheckConstraint(
                condition=Q(publication__in=[value.value for value in Publication]),
                name="message_publication_known",
            ),
            models.CheckConstraint(
                condition=Q(status=MessageStatus.CONVERTED, application__isnull=False)
                | ~Q(status=MessageStatus.CONVERTED) & Q(application__isnull=True),
                name="message_converted_has_application",
            ),
            models.CheckConstraint(
                condition=~Q(status=MessageStatus.ANSWERED) | Q(answered_on__isnull=False) & ~Q(answer=""),
                name="message_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(publication=Publication.PUBLISHED) | Q(status=MessageStatus.ANSWERED),
                name="message_published_only_when_answered",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status", "due_on"], name="message_queue"),
            models.Index(fields=["department", "status", "due_on"], name="message_dept_queue"),
            models.Index(fields=["body", "publication", "-published_at"], name="message_public_list"),
            models.Index(fields=["body", "received_on"], name="message_body_received"),
        ]

    def __str__(self) -> str:
        return f"{self.body.name} {self.received_on.isoformat()} {self.title}"

    @property
    def message_kind(self) -> MessageKind:
        return MessageKind(self.kind)

    @property
    def message_status(self) -> MessageStatus:
        return MessageStatus(self.status)

    @property
    def publication_state(self) -> Publication:
        return Publication(self.publication)

    def publication_text(self) -> str:
        """What goes on the public page, as one text for the 保密审查: title, question, answer."""
        return f"{self.title}\n\n{self.text}\n\n答复：\n{self.answer}"


class LogKind(models.TextChoices):
    RECEIVED = "received", "收到留言"
    ROUTED = "routed", "分办"
    REROUTED = "rerouted", "改派"
    ANSWERED = "answered", "答复"
    REVISED = "revised", "修改答复"
    CONVERTED = "converted", "转为政府信息公开申请"
    PETITION = "petition", "按信访事项转办"
    SPAM = "spam", "标记为垃圾信息"
    PUBLISHED = "published", "公开"
    GATE_BLOCKED = "gate_blocked", "保密审查未通过"
    UNSUITABLE = "unsuitable", "标记为不宜公开"


class MessageLogEntry(AppendOnlyModel):
    message = models.ForeignKey(Message, verbose_name="留言", on_delete=models.PROTECT, related_name="log")
    kind = models.CharField("类别", max_length=16, choices=LogKind.choices)
    summary = models.CharField("摘要", max_length=600)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "留言办理记录"
        verbose_name_plural = "留言办理记录"
        ordering = ["message", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=LogKind.values), name="message_log_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.summary}"
