"""The demo's catalogue: items under both kinds of category, in every stage, one past its 第二十六条 day."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from gongkai_web.catalogue.models import CatalogueItem, ReviewRecord
from gongkai_web.catalogue.queries import late_condition
from gongkai_web.demo.data import load_demo
from gongkai_web.gate.models import PublicationReview

TODAY = dt.date(2026, 12, 4)
pytestmark = pytest.mark.django_db


def test_the_demo_catalogue_holds_items_in_every_stage_and_category_kind() -> None:
    demo = load_demo(today=TODAY)
    items = CatalogueItem.objects.filter(body=demo.body)
    assert 20 <= items.count() <= 40
    assert Counter(items.values_list("stage", flat=True)) == {
        "published": 24,
        "first_review": 2,
        "second_review": 1,
        "final_review": 1,
        "draft": 3,
        "withdrawn": 1,
    }
    categories = set(items.values_list("category", flat=True))
    assert {c for c in categories if c.startswith("article20.")} and {
        c for c in categories if c.startswith("column.")
    }
    published = items.filter(stage="published")
    assert published.filter(published_on__lte=TODAY).count() == published.count()
    assert ReviewRecord.objects.filter(step="return").count() == 1


def test_the_demo_has_one_item_published_late_and_one_unpublished_past_its_day() -> None:
    demo = load_demo(today=TODAY)
    late = CatalogueItem.objects.filter(late_condition(TODAY), body=demo.body)
    assert sorted(late.values_list("title", flat=True)) == [
        "县城区公共停车场收费标准调整方案",
        "演示县人民政府办公室2025年政府信息公开工作年度报告",
    ]


def test_the_demo_catalogue_is_searched_in_chinese(client: Client) -> None:
    demo = load_demo(today=TODAY)
    page = client.get(reverse("catalogue:body", args=[demo.body.pk]), {"q": "学区"}).content.decode()
    assert "共 2 条" in page


def test_every_demo_item_published_passed_a_clean_secrecy_review_by_the_head() -> None:
    demo = load_demo(today=TODAY)
    reviews = PublicationReview.objects.filter(
        content_type=ContentType.objects.get_for_model(CatalogueItem), body=demo.body
    )
    published_ever = CatalogueItem.objects.filter(body=demo.body, published_on__isnull=False)
    assert published_ever.count() == 25  # 24 in force and the withdrawn one
    assert sorted(reviews.values_list("object_id", flat=True)) == sorted(
        published_ever.values_list("pk", flat=True)
    )
    assert set(reviews.values_list("outcome", "verdict", "actor__username")) == {
        ("approved", "clean", "fuzeren")
    }
