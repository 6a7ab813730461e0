"""The demo office's messages: one of each kind of outcome, built through the services."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai_web.demo.data import load_demo
from gongkai_web.gate.models import PublicationReview
from gongkai_web.messages.models import Message

TODAY = dt.date(2026, 12, 4)
pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_turn_a_message_can_take() -> None:
    demo = load_demo(today=TODAY)
    messages = Message.objects.filter(body=demo.body)
    assert Counter(messages.values_list("status", flat=True)) == {
        "answered": 4,
        "routed": 1,
        "received": 1,
        "petition": 1,
        "converted": 1,
        "spam": 1,
    }
    assert Counter(messages.values_list("publication", flat=True)) == {
        "published": 2,
        "pending": 6,
        "private": 1,
    }
    reviews = PublicationReview.objects.filter(content_type=ContentType.objects.get_for_model(Message))
    assert list(reviews.values_list("outcome", flat=True).order_by("pk")) == [
        "approved",
        "approved",
        "blocked",
    ]
    converted = messages.get(status="converted")
    assert converted.application is not None
    assert converted.application.received_on == converted.received_on
    assert messages.filter(status="received", due_on__lt=TODAY).exists()  # one overdue
