"""Bodies (机关) a deployment serves, their departments (股室) and who works there in which role."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

# 条例 第四十九条: county-level-and-above government departments publish the previous year's annual
# report by 31 January; the people's governments (their disclosure authority) by 31 March.
DEPARTMENT_REPORT_DUE = (1, 31)
GOVERNMENT_REPORT_DUE = (3, 31)


class BodyKind(models.TextChoices):
    PEOPLES_GOVERNMENT = "peoples_government", "人民政府"
    DEPARTMENT = "department", "部门"


class Level(models.TextChoices):
    """Where a body stands in the hierarchy of governments: a people's government at one of the four
    levels of local government (宪法 第三十条), or a department (部门) of one."""

    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"
    DEPARTMENT = "department", "部门"

    @property
    def kind(self) -> BodyKind:
        """The kind of body a level holds: a department, or else a people's government."""
        return BodyKind.DEPARTMENT if self is Level.DEPARTMENT else BodyKind.PEOPLES_GOVERNMENT


# The levels of governments from the top; a government's parent government stands higher.
GOVERNMENT_LEVELS = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP)


class Role(models.TextChoices):
    REGISTRAR = "registrar", "登记"
    HANDLER = "handler", "承办"
    REVIEWER = "reviewer", "审核"
    HEAD = "head", "负责人"
    ADMIN = "admin", "管理员"


class Body(models.Model):
    name = models.CharField("机关名称", max_length=100, unique=True)
    kind = models.CharField("机关类别", max_length=32, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Blank for a body entered before levels were recorded (or whose level nobody has said).
    level = models.CharField("层级", max_length=16, choices=Level.choices, blank=True, default="")

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=BodyKind.values), name="body_kind_known"),
            models.CheckConstraint(
                condition=Q(level="")
                | Q(level=Level.DEPARTMENT, kind=BodyKind.DEPARTMENT)
                | Q(level__in=[level.value for level in GOVERNMENT_LEVELS], kind=BodyKind.PEOPLES_GOVERNMENT),
                name="body_level_fits_kind",
            ),
        ]

    def clean(self) -> None:
        if self.level and Level(self.level).kind != self.kind:
            raise ValidationError(
                {"level": f"层级“{Level(self.level).label}”与机关类别“{self.get_kind_display()}”不符"},
                code="level_kind_mismatch",
            )

    def __str__(self) -> str:
        return self.name

    def annual_report_due(self, year: int) -> dt.date:
        """The last day to publish the annual report on ``year`` (条例 第四十九条)."""
        match BodyKind(self.kind):
            case BodyKind.DEPARTMENT:
                month, day = DEPARTMENT_REPORT_DUE
            case BodyKind.PEOPLES_GOVERNMENT:
                month, day = GOVERNMENT_REPORT_DUE
        return dt.date(year + 1, month, day)


class Department(models.Model):
    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.PROTECT, related_name="departments")
    name = models.CharField("股室名称", max_length=100)

    class Meta:
        verbose_name = "股室"
        verbose_name_plural = "股室"
        ordering = ["body__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="department_name_unique_in_body"),
        ]

    def __str__(self) -> str:
        return f"{self.body.name} {self.name}"


class Membership(models.Model):
    """One role a user holds in a body; a handler (承办) always works in one department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships")
    department = models.ForeignKey(
        Department,
        verbose_name="股室",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField("角色", max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [
            models.UniqueConstraint(fields=["user", "body", "role"], name="membership_role_once_per_body"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_known"),
            models.CheckConstraint(
                condition=~Q(role=Role.HANDLER) | Q(department__isnull=False),
                name="membership_handler_has_department",
            ),
        ]

    def clean(self) -> None:
        department = self.department
        if department is not None and department.body_id != self.body_id:
            raise ValidationError(
                {"department": f"股室“{department.name}”不属于{self.body.name}"},
                code="department_of_other_body",
            )
        if self.role == Role.HANDLER and self.department_id is None:
            raise ValidationError(
                {"department": "承办人员必须属于一个股室"}, code="handler_without_department"
            )

    def __str__(self) -> str:
        where = f"{self.body.name} {self.department.name}" if self.department else self.body.name
        return f"{self.user} · {where} · {self.get_role_display()}"
