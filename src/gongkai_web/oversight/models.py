"""Oversight of the annual reports of the bodies below a supervising office (监督检查).

A county or city 政务公开办 receives the annual reports of every body below it each January and
finds the broken ones before they are published. `Supervision` says whose reports a user sees: the
body named and every body below it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

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
