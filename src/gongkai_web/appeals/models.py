"""行政复议 and 行政诉讼 brought against the body over an application it decided (section 四 of the report).

Each review or suit is linked to the `Application` it arose from; a suit names the review it
followed, or none when brought directly. Kinds and results are the core's (`gongkai.cases`,
read from the national format), stored by their canonical ids. Rows change only through
`appeals.services`, which writes every change to the case log; the admin only views them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.cases import (
    APPEAL_RESULTS,
    DIRECT_LITIGATION,
    LITIGATION_AFTER_REVIEW,
    PENDING_LABEL,
    REVIEW,
    AppealKind,
    AppealRecord,
    AppealResult,
)
from gongkai_web.applications.models import Application

# 结果维持, 结果纠正, 其他结果: the columns of section 四 a concluded case counts in.
RESULT_CHOICES = [(result.id, result.label) for result in APPEAL_RESULTS]


class Appeal(models.Model):
    """What a review and a suit share: the case it arose from, its number, dates and result."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="%(class)ss"
    )
    case_number = models.CharField("案号", max_length=100)
    filed_on = models.DateField("提起日期")
    result = models.CharField(
        "审结结果", max_length=16, choices=RESULT_CHOICES, blank=True, default="", editable=False
    )
    concluded_on = models.DateField("审结日期", null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def kind(self) -> AppealKind:
        """Which appeal this is: each concrete model (`Review`, `Suit`) answers for its own rows."""
        raise NotImplementedError

    @property
    def appeal_result(self) -> AppealResult | None:
        return AppealResult(self.result) if self.result else None

    @property
    def is_concluded(self) -> bool:
        return self.concluded_on is not None

    @property
    def result_label(self) -> str:
        """结果维持 / 结果纠正 / 其他结果, or 尚未审结."""
        result = self.appeal_result
        return PENDING_LABEL if result is None else result.label

    def record(self) -> AppealRecord:
        """The core's record of this case, as section 四 counts it."""
        return AppealRecord(self.kind, self.filed_on, self.concluded_on, self.appeal_result)


def _constraints(prefix: str, authority: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(result="") | Q(result__in=[value for value, _ in RESULT_CHOICES]),
            name=f"{prefix}_result_known",
        ),
        models.CheckConstraint(
            condition=Q(concluded_on__isnull=True, result="") | Q(concluded_on__isnull=False) & ~Q(result=""),
            name=f"{prefix}_concluded_with_result",
        ),
        models.CheckConstraint(
            condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("filed_on")),
            name=f"{prefix}_concluded_not_before_filed",
        ),
        models.UniqueConstraint(fields=[authority, "case_number"], name=f"{prefix}_case_number_unique"),
    ]


class Review(Appeal):
    """行政复议 of a disclosure decision; the body is the respondent (被申请人)."""

    authority = models.CharField("复议机关", max_length=200)

    class Meta:
        verbose_name = "行政复议"
        verbose_name_plural = "行政复议"
        ordering = ["-filed_on", "-id"]
        constraints = _constraints("review", "authority")

    def __str__(self) -> str:
        return f"{self.authority} {self.case_number}"

    conclusion_url_name = "appeals:conclude_review"

    @property
    def kind(self) -> AppealKind:
        return REVIEW


class Suit(Appeal):
    """行政诉讼 over a disclosure decision, brought directly or after the review it names."""

    court = models.CharField("受理法院", max_length=200)
    after_review = models.ForeignKey(
        Review,
        verbose_name="经过的行政复议",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="suits",
    )

    class Meta:
        verbose_name = "行政诉讼"
        verbose_name_plural = "行政诉讼"
        ordering = ["-filed_on", "-id"]
        constraints = _constraints("suit", "court")

    def __str__(self) -> str:
        return f"{self.court} {self.case_number}"

    conclusion_url_name = "appeals:conclude_suit"

    @property
    def kind(self) -> AppealKind:
        """未经复议直接起诉, or 复议后起诉 when it followed a review."""
        return DIRECT_LITIGATION if self.after_review_id is None else LITIGATION_AFTER_REVIEW
