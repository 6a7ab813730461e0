"""The demo's 建议提案: last year's replies partly published through the 保密审查, one waiting for it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from gongkai_web.demo.data import load_demo
from gongkai_web.gate.models import PublicationReview
from gongkai_web.proposals.models import Reply

TODAY = dt.date(2026, 12, 4)
pytestmark = pytest.mark.django_db


def test_the_demo_publishes_four_replies_each_with_its_review(client: Client) -> None:
    demo = load_demo(today=TODAY)
    replies = Reply.objects.filter(proposal__body=demo.body)
    assert Counter(replies.values_list("publication", flat=True)) == {
        "published": 4,
        "requested": 1,
        "not_requested": 4,
    }
    reviews = PublicationReview.objects.filter(content_type=ContentType.objects.get_for_model(Reply))
    assert sorted(reviews.values_list("outcome", "actor__username")) == [("approved", "shenhe")] * 4
    assert {reply.review for reply in replies.filter(publication="published")} == set(reviews)
    page = client.get(f"/proposals/{demo.body.pk}/").content.decode()
    assert "2025年人大代表建议办理结果" in page and "关于规范农村宅基地审批公开的建议" in page
    assert "关于完善政务公开专栏更新机制的建议" not in page  # waiting for the 保密审查
