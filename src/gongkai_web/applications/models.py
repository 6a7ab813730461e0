"""依申请公开 applications and the append-only record of what was done on them.

The events are the truth: a case's status is the core's `replay` of its events (CONVENTIONS
habit 3) and its deadline the core's `compute_clock` over the same events (habit 4). The
application row keeps a projection of both (status, dates, outcome) that only the service that
stores an event writes, so the queue and the statistics can work in SQL over a million cases.
Events and the case log are the audit trail: a stored row can be neither changed nor deleted.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.cases import APPLICANT_TYPES, OUTCOMES, Action, ApplicantType, Event, Status
from gongkai.clock import ClockEvent
from gongkai_web.appendonly import AppendOnlyModel
from gongkai_web.applications import events
from gongkai_web.bodies.models import Body, Department

# The applicant columns of section 三 (自然人, 法人或其他组织·商业企业 …), from the core's taxonomy.
APPLICANT_TYPE_CHOICES = [(applicant.id, applicant.title) for applicant in APPLICANT_TYPES]
ACTION_CHOICES = [(action.value, action.label) for action in Action]
STATUS_CHOICES = [(status.value, status.label) for status in Status]
OUTCOME_CHOICES = [(outcome.id, outcome.label) for outcome in OUTCOMES]

TRACKING_CODE_BYTES = 16  # 128 bits: a code cannot be guessed from another one


def new_tracking_code() -> str:
    return secrets.token_urlsafe(TRACKING_CODE_BYTES)


# The statuses of a case still being handled (the queue's cases), in `Status` order.
OPEN_STATUSES = tuple(status.value for status in Status if not status.is_closed)


class Channel(models.TextChoices):
    """How the application reached the office (条例 第二十九条: in writing, or orally)."""

    ONLINE = "online", "网上"
    LETTER = "letter", "信函"
    IN_PERSON = "in_person", "当面"
    ORAL = "oral", "口头"  # 书面确有困难的，由工作机构代为填写 (第二十九条)
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class ReceiptBasis(models.TextChoices):
    """Which 条例 第三十一条 rule fixes the date of receipt."""

    HANDED_IN = "handed_in", "当面提交之日"  # 第三十一条第（一）项
    SIGNED_FOR = "signed_for", "签收之日"  # 第（二）项: registered post, express mail
    CONFIRMED_BY_OFFICE = "confirmed_by_office", "与申请人确认之日"  # 第（二）项: ordinary letter
    CONFIRMED_BY_BOTH = "confirmed_by_both", "双方确认之日"  # 第（三）项: internet, fax


RECEIPT_BASES: Mapping[Channel, frozenset[ReceiptBasis]] = {
    Channel.ONLINE: frozenset({ReceiptBasis.CONFIRMED_BY_BOTH}),
    Channel.LETTER: frozenset({ReceiptBasis.SIGNED_FOR, ReceiptBasis.CONFIRMED_BY_OFFICE}),
    Channel.IN_PERSON: frozenset({ReceiptBasis.HANDED_IN}),
    Channel.ORAL: frozenset({ReceiptBasis.HANDED_IN}),
    Channel.FAX: frozenset({ReceiptBasis.CONFIRMED_BY_BOTH}),
    Channel.EMAIL: frozenset({ReceiptBasis.CONFIRMED_BY_BOTH}),  # an internet channel
}


class Medium(models.TextChoices):
    """The form the information is wanted in (条例 第二十九条第（三）项)."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文件"


class Delivery(models.TextChoices):
    """How the applicant wants to obtain it (条例 第二十九条第（三）项)."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上获取"
    COLLECT = "collect", "当面领取"


class Application(models.Model):
    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.PROTECT, related_name="applications")
    department = models.ForeignKey(
        Department,
        verbose_name="承办股室",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    applicant_type = models.CharField("申请人类型", max_length=32, choices=APPLICANT_TYPE_CHOICES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    identity_document = models.CharField("身份证明", max_length=100)
    contact = models.CharField("联系方式", max_length=200)
    description = models.TextField("所需信息的名称、文号或特征性描述")
    medium = models.CharField("信息的载体形式", max_length=16, choices=Medium.choices)
    delivery = models.CharField("获取信息的方式", max_length=16, choices=Delivery.choices)
    channel = models.CharField("提交方式", max_length=16, choices=Channel.choices)
    submitted_on = models.DateField("提交日期")
    receipt_basis = models.CharField("收到申请日期的依据", max_length=32, choices=ReceiptBasis.choices)
    received_on = models.DateField("收到申请日期")
    tracking_code = models.CharField("查询码", max_length=32, unique=True, default=new_tracking_code)
    submission_key = models.CharField("提交标识", max_length=64, unique=True, null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分办人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField("分办时间", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    # The projection: what the events say, written only by `services.record_event` (and by
    # `services.refresh_projections` when the calendar changes) in the transaction that stores an
    # event, so lists, the queue and the statistics can filter and count in SQL. The events stay
    # the truth: `queries.case_state` and `queries.case_clock` replay them, and a test keeps the
    # two in step. Nothing here is "days left": that depends on today and is computed when shown.
    status = models.CharField(
        "状态", max_length=32, choices=STATUS_CHOICES, default=Status.REGISTERED.value, editable=False
    )
    reply_due_on = models.DateField("答复期限", null=True, blank=True, editable=False)
    attention_on = models.DateField("下一期限", null=True, blank=True, editable=False)
    closed_on = models.DateField("办结日期", null=True, blank=True, editable=False)
    outcome = models.CharField(
        "办理结果", max_length=64, choices=OUTCOME_CHOICES, blank=True, default="", editable=False
    )
    deadline_provisional = models.BooleanField("期限暂定", default=False, editable=False)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applicant_type__in=[value for value, _ in APPLICANT_TYPE_CHOICES]),
                name="application_applicant_type_known",
            ),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="application_channel_known"),
            models.CheckConstraint(
                condition=Q(received_on__gte=models.F("submitted_on")),
                name="application_received_not_before_submitted",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in Status]), name="application_status_known"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True, outcome="") | Q(closed_on__isnull=False) & ~Q(outcome=""),
                name="application_closed_with_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status", "attention_on"], name="application_queue"),
            models.Index(fields=["department", "status", "attention_on"], name="application_dept_queue"),
            # The queue of open cases in the order they fall due: read from the front, never sorted.
            models.Index(
                fields=["body", "attention_on", "id"],
                condition=Q(status__in=OPEN_STATUSES),
                name="open_by_due",
            ),
            models.Index(
                fields=["department", "attention_on", "id"],
                condition=Q(status__in=OPEN_STATUSES),
                name="open_by_due_in_department",
            ),
            models.Index(fields=["body", "received_on"], name="application_body_received"),
            models.Index(fields=["body", "closed_on"], name="application_body_closed"),
        ]

    def __str__(self) -> str:
        return f"{self.body.name} {self.received_on.isoformat()} {self.applicant_name}"

    @property
    def applicant(self) -> ApplicantType:
        return ApplicantType(self.applicant_type)

    @property
    def case_status(self) -> Status:
        return Status(self.status)


class ApplicationEvent(AppendOnlyModel):
    """One action on an application, as the core's `Event`, with who recorded it and when."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("办理事项", max_length=32, choices=ACTION_CHOICES)
    on = models.DateField("日期")
    payload = models.JSONField("详情", default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["application", "id"]  # insertion order is the order of the case (record_event)
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=[value for value, _ in ACTION_CHOICES]), name="event_action_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {Action(self.action).label}"

    def case_event(self) -> Event:
        return events.case_event(Action(self.action), self.on, self.payload)

    def clock_event(self) -> ClockEvent | None:
        return events.clock_event(Action(self.action), self.on, self.payload)


class LogKind(models.TextChoices):
    """What a line of a case's history records; events are one kind among others."""

    REGISTERED = "registered", "登记申请"
    ASSIGNED = "assigned", "分办"
    REASSIGNED = "reassigned", "改派"
    EVENT = "event", "办理"
    ATTACHMENT = "attachment", "添加附件"
    LETTER = "letter", "生成文书"
    APPEAL = "appeal", "复议诉讼"


# The length of a case log line; a service writing free text into one checks it fits (PostgreSQL
# refuses a longer value, SQLite would store it).
SUMMARY_LENGTH = 500


class CaseLogEntry(AppendOnlyModel):
    """One line of a case's history: who did what, when (issue 4, item 9). Written by services only."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="log"
    )
    kind = models.CharField("类别", max_length=32, choices=LogKind.choices)
    summary = models.CharField("摘要", max_length=SUMMARY_LENGTH)
    details = models.JSONField("详情", default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "办理日志"
        verbose_name_plural = "办理日志"
        ordering = ["application", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=LogKind.values), name="case_log_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.summary}"


def attachment_path(attachment: Attachment, filename: str) -> str:
    """Stored under a random name: the applicant's file name is kept in the row, never trusted as a path."""
    return f"attachments/{secrets.token_hex(16)}"


class Attachment(AppendOnlyModel):
    """A file that came with an application (a scan of a letter, a document the applicant attached)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return self.original_name
