"""The admin shows reviews and suits but changes none: changes go through the services and the case log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from gongkai_web.accounts.models import User
from gongkai_web.appeals.models import Review
from gongkai_web.appeals.services import record_review
from gongkai_web.applications.models import Application


@pytest.fixture
def superuser(db: None) -> User:
    return User.objects.create_superuser(username="root", password="not-used")


def test_the_admin_lists_reviews_and_offers_no_add_change_or_delete(
    client: Client, superuser: User, decided_case: Application, carol: User
) -> None:
    review = record_review(
        application=decided_case,
        authority="某市人民政府",
        case_number="某府复〔2025〕12号",
        filed_on=dt.date(2025, 11, 20),
        actor=carol,
    )
    client.force_login(superuser)
    assert "某府复〔2025〕12号" in client.get("/admin/appeals/review/").content.decode()
    assert client.get("/admin/appeals/review/add/").status_code == 403
    assert client.get("/admin/appeals/suit/add/").status_code == 403
    assert client.post(f"/admin/appeals/review/{review.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/appeals/review/{review.pk}/change/", {"result": "upheld"}).status_code == 403
    assert Review.objects.get().result == ""
