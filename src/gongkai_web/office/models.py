"""What the office keeps of its own: which daily digests were sent (so a second run sends none)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DigestDelivery(models.Model):
    """The digest of ``on`` went to ``user``; the unique pair makes a concurrent second run send nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="收件人", on_delete=models.CASCADE, related_name="+"
    )
    on = models.DateField("日期")
    cases = models.PositiveIntegerField("案件数")
    sent_at = models.DateTimeField("发送时间", auto_now_add=True)

    class Meta:
        verbose_name = "每日提醒发送记录"
        verbose_name_plural = "每日提醒发送记录"
        ordering = ["-on", "user_id"]
        constraints = [models.UniqueConstraint(fields=["user", "on"], name="digest_once_per_user_and_day")]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.user}"
