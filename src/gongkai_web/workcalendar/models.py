"""The official holiday arrangement, year by year, exactly as :class:`gongkai.workdays.YearCalendar` holds it.

A year is stored whole (its holidays, its make-up workdays and their names) with the source it came
from: a ``chinese-calendar`` version, or the State Council notice an administrator entered it from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "节假日"
    WORKDAY = "workday", "调休上班"


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField(
        "来源", max_length=200, help_text="例如“国办发明电〔2025〕7号”或“chinese-calendar 1.11.0”"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    edited_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} 年（{self.source}）"


class CalendarDay(models.Model):
    calendar_year = models.ForeignKey(
        CalendarYear, verbose_name="年份", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类别", max_length=16, choices=DayKind.choices)
    name = models.CharField("节日名称", max_length=100, blank=True)

    class Meta:
        verbose_name = "节假日或调休日"
        verbose_name_plural = "节假日与调休日"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DayKind.values), name="calendar_day_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}".rstrip()
