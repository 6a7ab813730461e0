"""The registers behind section 二: the body's 规章 and 行政规范性文件, and its monthly figures.

The kinds and items, their ids and labels, come from `gongkai.proactive` (which takes them from
the national format); the counting itself is the core's (`queries.proactive_table`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from gongkai.proactive import DocumentKind, FigureItem
from gongkai_web.bodies.models import Body

KIND_CHOICES = [(kind.value, kind.label) for kind in DocumentKind]
ITEM_CHOICES = [(item.value, item.label) for item in FigureItem]
COUNT_ITEMS = [item.value for item in FigureItem if not item.is_money]
MONEY_ITEMS = [item.value for item in FigureItem if item.is_money]
AMOUNT_DIGITS = 14  # up to 999,999,999,999.99 元
NUMBER_LENGTH = 100


class Recorded(models.Model):
    """Who created and last changed a register entry, and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="最后修改人", on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)

    class Meta:
        abstract = True


class Document(Recorded):
    """One 规章 or 行政规范性文件 of the body (条例 第二十条第（一）项)."""

    body = models.ForeignKey(
        Body, verbose_name="机关", on_delete=models.PROTECT, related_name="register_documents"
    )
    kind = models.CharField("类别", max_length=32, choices=KIND_CHOICES)
    title = models.CharField("标题", max_length=300)
    number = models.CharField("文号", max_length=NUMBER_LENGTH, blank=True)
    issued_on = models.DateField("印发日期")
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    note = models.CharField("备注", max_length=500, blank=True)

    class Meta:
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        ordering = ["-issued_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in DocumentKind]), name="document_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(repealed_on__isnull=True) | Q(repealed_on__gte=F("issued_on")),
                name="document_repealed_after_issued",
            ),
            models.UniqueConstraint(
                fields=["body", "kind", "number"],
                condition=~Q(number=""),
                name="document_number_unique_in_body_kind",
            ),
        ]
        indexes = [models.Index(fields=["body", "kind", "issued_on"], name="document_body_kind_issued")]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title


class MonthlyFigure(Recorded):
    """One month's figure of one item: decisions made (``count``) or fees collected in 元 (``amount``)."""

    body = models.ForeignKey(
        Body, verbose_name="机关", on_delete=models.PROTECT, related_name="monthly_figures"
    )
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    item = models.CharField("事项", max_length=32, choices=ITEM_CHOICES)
    count = models.PositiveIntegerField("处理决定数量", null=True, blank=True)
    amount = models.DecimalField(
        "收费金额（元）", max_digits=AMOUNT_DIGITS, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "月度数据"
        verbose_name_plural = "月度数据"
        ordering = ["year", "month", "item"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "month", "item"], name="figure_once_per_month_item"
            ),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="figure_month_in_year"),
            models.CheckConstraint(
                condition=(Q(item__in=COUNT_ITEMS, count__gte=0, amount__isnull=True))
                | Q(item__in=MONEY_ITEMS, count__isnull=True, amount__gte=0),
                name="figure_count_or_amount_by_item",
            ),
        ]

    @property
    def value(self) -> int | Decimal:
        value = self.amount if FigureItem(self.item).is_money else self.count
        assert value is not None, "figure_count_or_amount_by_item"
        return value

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月 {self.get_item_display()} {self.value}"
