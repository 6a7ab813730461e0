"""What the public pages say about a body that the Body model does not hold: where to get help."""

from __future__ import annotations

from django.db import models

from gongkai_web.bodies.models import Body


class HelpDesk(models.Model):
    """A body's 政府信息公开工作机构 as the public reaches it: phone, address and hours.

    条例 第二十九条 lets an applicant who cannot apply in writing apply orally, the office filling in
    the form, and 第四十三条 asks for help to applicants with reading, visual or hearing difficulties;
    the "需要帮助" section of every public page prints these. A body without one shows that help
    exists but no number (nothing is invented).
    """

    body = models.OneToOneField(
        Body, verbose_name="机关", on_delete=models.CASCADE, primary_key=True, related_name="help_desk"
    )
    phone = models.CharField("咨询电话", max_length=50, blank=True)
    address = models.CharField("受理地点", max_length=200, blank=True)
    hours = models.CharField("办公时间", max_length=100, blank=True)

    class Meta:
        verbose_name = "公众服务联系方式"
        verbose_name_plural = "公众服务联系方式"

    def __str__(self) -> str:
        return f"{self.body.name} 政府信息公开工作机构"
