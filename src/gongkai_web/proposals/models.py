"""建议提案办理: the 人大代表建议 and 政协委员提案 assigned to a body, their co-handling opinions,
the reply and the feedback on it. The kinds, classes and feedback words come from
`gongkai.proposals`; a proposal's status is derived from what has been recorded, never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from gongkai.proposals import REPLY_OUTCOMES, ProposalKind, Satisfaction
from gongkai_web.appendonly import AppendOnlyModel
from gongkai_web.bodies.models import Body, Department
from gongkai_web.gate.models import PublicationReview

KIND_CHOICES = [(kind.value, kind.label) for kind in ProposalKind]
OUTCOME_CHOICES = [(outcome.code, outcome.display) for outcome in REPLY_OUTCOMES]
SATISFACTION_CHOICES = [(satisfaction.value, satisfaction.label) for satisfaction in Satisfaction]
TITLE_LENGTH = 300
NUMBER_LENGTH = 40
SESSION_LENGTH = 60
PROPOSER_LENGTH = 100


class Proposal(models.Model):
    """One 建议 or 提案 assigned (交办) to the body, handled by its lead department (主办)."""

    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField("类别", max_length=16, choices=KIND_CHOICES)
    session = models.CharField("届次", max_length=SESSION_LENGTH, help_text="如：十届人大三次会议")
    number = models.CharField(
        "编号", max_length=NUMBER_LENGTH, help_text="人大、政协交办时的编号，如：第 58 号"
    )
    title = models.CharField("标题", max_length=TITLE_LENGTH)
    proposer = models.CharField(
        "代表或委员", max_length=PROPOSER_LENGTH, help_text="领衔代表、提案委员或提案单位"
    )
    assigned_on = models.DateField("交办日期")
    due_on = models.DateField("办理期限", help_text="答复代表、委员的截止日期")
    lead_department = models.ForeignKey(
        Department, verbose_name="主办股室", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-assigned_on", "kind", "session", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in ProposalKind]), name="proposal_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("assigned_on")), name="proposal_due_after_assigned"
            ),
            models.UniqueConstraint(
                fields=["body", "kind", "session", "number"], name="proposal_number_unique_in_session"
            ),
        ]
        indexes = [models.Index(fields=["body", "assigned_on"], name="proposal_body_assigned")]

    def __str__(self) -> str:
        return f"{self.session}{ProposalKind(self.kind).short}{self.number}：{self.title}"

    @property
    def kind_enum(self) -> ProposalKind:
        return ProposalKind(self.kind)


class CoHandling(models.Model):
    """A co-handling department (协办) and the opinion it sends the lead department."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="建议提案", on_delete=models.CASCADE, related_name="co_handlings"
    )
    department = models.ForeignKey(
        Department, verbose_name="协办股室", on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField("协办意见期限")
    opinion = models.TextField("协办意见", blank=True)
    opinion_on = models.DateField("提出意见日期", null=True, blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = "协办"
        verbose_name_plural = "协办"
        ordering = ["proposal", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "department"], name="co_handling_once_per_department"
            ),
            models.CheckConstraint(
                condition=Q(opinion="", opinion_on__isnull=True)
                | (~Q(opinion="") & Q(opinion_on__isnull=False)),
                name="co_handling_opinion_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department}（协办）"


class Publication(models.TextChoices):
    """Where the reply stands on its way to the public: the publication gate moves it on."""

    NOT_REQUESTED = "not_requested", "未申请公开"
    REQUESTED = "requested", "待公开审查"
    PUBLISHED = "published", "已公开"
    REFUSED = "refused", "审查未通过"


class Reply(models.Model):
    """The lead department's reply to the deputy or member, with its result class."""

    proposal = models.OneToOneField(
        Proposal, verbose_name="建议提案", on_delete=models.CASCADE, related_name="reply"
    )
    text = models.TextField("答复内容")
    replied_on = models.DateField("答复日期")
    outcome = models.CharField("办理结果", max_length=2, choices=OUTCOME_CHOICES)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)
    publication = models.CharField(
        "公开状态", max_length=16, choices=Publication.choices, default=Publication.NOT_REQUESTED
    )
    review = models.ForeignKey(
        PublicationReview,
        verbose_name="准予公开的保密审查记录",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    published_at = models.DateTimeField("公开时间", null=True, blank=True)

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    publication=Publication.PUBLISHED, review__isnull=False, published_at__isnull=False
                )
                | (~Q(publication=Publication.PUBLISHED) & Q(review__isnull=True, published_at__isnull=True)),
                name="reply_published_with_its_review",
            )
        ]

    def __str__(self) -> str:
        return f"对“{self.proposal.title}”的答复"

    def publishable_text(self) -> str:
        """Everything the public page shows of the reply, as one text for the 保密审查: which 建议 or
        提案 it answers, its title, the deputy or member (their names are published with the replies;
        no contact data of theirs is stored), the lead department, the date, the result class and
        the reply. The co-handling opinions, the feedback and who recorded what stay internal."""
        proposal = self.proposal
        kind = proposal.kind_enum
        day = self.replied_on
        return (
            f"对{proposal.session}第{proposal.number}号{kind.short}的答复\n"
            f"标题：{proposal.title}\n"
            f"{kind.proposer}：{proposal.proposer}\n"
            f"主办单位：{proposal.lead_department.name}\n"
            f"答复日期：{day.year}年{day.month}月{day.day}日\n"
            f"办理结果：{self.get_outcome_display()}\n\n"
            f"{self.text}"
        )


class Feedback(AppendOnlyModel):
    """What the deputy or member said of the reply (满意/基本满意/不满意); the latest counts."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="建议提案", on_delete=models.PROTECT, related_name="feedback"
    )
    satisfaction = models.CharField("办理意见", max_length=32, choices=SATISFACTION_CHOICES)
    received_on = models.DateField("反馈日期")
    note = models.CharField("说明", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "代表委员反馈"
        verbose_name_plural = "代表委员反馈"
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__in=[s.value for s in Satisfaction]),
                name="feedback_satisfaction_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.received_on} {self.get_satisfaction_display()}"
