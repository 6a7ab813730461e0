"""API tokens: a staff member's key to the API, stored only as a hash of its secret.

A token is shown once, when it is issued (`services.issue_api_token`); the database keeps its
prefix, which names it in lists and logs, and the SHA-256 of the whole token, which is enough to
recognise it and useless to anyone who reads the table. A token acts as its user: it grants
nothing the user's roles do not. Revoking it is final.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100, blank=True)
    prefix = models.CharField("前缀", max_length=16, unique=True, editable=False)
    secret_hash = models.CharField("密钥摘要（SHA-256）", max_length=64, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用时间", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        label = f"{self.prefix}（{self.name}）" if self.name else self.prefix
        return f"{self.user} · {label}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
